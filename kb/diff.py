"""What changed between two revisions of an SOP, line by line, for people to read."""

import difflib
from dataclasses import dataclass

CONTEXT_LINES = 2


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed" or "gap" (unchanged lines left out)
    text: str = ""


def line_changes(old: str, new: str, context: int = CONTEXT_LINES) -> list[DiffLine]:
    """Changed lines with some context around each change; [] if nothing changed."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine] = []
    for number, group in enumerate(matcher.get_grouped_opcodes(context)):
        if number:
            lines.append(DiffLine("gap"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", text) for text in old_lines[i1:i2])
                continue
            lines.extend(DiffLine("removed", text) for text in old_lines[i1:i2])
            lines.extend(DiffLine("added", text) for text in new_lines[j1:j2])
    return lines
