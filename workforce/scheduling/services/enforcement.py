"""Refusing shifts that break the planning rules: a refusal always stops a
write, a warning stops it unless a reason to override it is given."""

from django.core.exceptions import ValidationError

from ..calculations import Finding


class RulesBroken(ValidationError):
    """Shifts that break the rules: refused ones, or warnings not overridden."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__([f.message for f in findings])

    @property
    def refused(self) -> list[Finding]:
        return [f for f in self.findings if f.refused]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.refused]


def enforce(findings: list[Finding], *, override_reason: str) -> str:
    """Raise on refusals, and on warnings with no reason to override them;
    return the warnings overridden, one a line."""
    if any(f.refused for f in findings) or (findings and not override_reason.strip()):
        raise RulesBroken(findings)
    return "\n".join(f.message for f in findings)
