"""The hooks through which apps plug into the core; the core never imports an app.

Each name below is a Wagtail hook (``wagtail.hooks.register(NAME, order=...)``):

``BOOTSTRAP``
    ``fn() -> None``: create the structure a fresh site needs (sections, view
    restrictions, page permissions). Idempotent. Run by ``bootstrap_site``.
``SEED_DEMO``
    ``fn(*, size: str, log: Callable[[str], None]) -> None``: add realistic demo
    data. Run by ``seed_demo`` in one transaction, in hook ``order`` (people
    first, at 10, so every later app finds the people and their sign-ins).
    ``size`` is one of ``deskbook.core.demo.DEMO_SIZES``: ``"small"`` (the demo)
    or ``"large"`` (the small demo and more: the people app adds 500 people in
    25 teams; an app scales its own records to the people it finds, or adds
    its own large set). ``large`` includes ``small``: seeding small then large
    adds only the difference. Idempotent at either size: a second run changes
    nothing. Write in bulk at the large size, and ``log`` one line saying what
    is there.
``ROLE_PERMISSIONS``
    ``fn() -> dict[str, list[str]]``: model permissions (``"app_label.codename"``)
    each role needs for the app's models. Applied by ``sync_roles``.
``SEARCH_KINDS``
    ``fn() -> list[tuple[str, str, list[str]]]``: (key, label, page model labels)
    for the "kind" facet of the site search, e.g.
    ``("sop", "SOPs", ["kb.SOPPage"])``.
``SEARCH_FACETS``
    ``fn() -> list[tuple[str, str, str, str, dict]]``: (key, label, page model
    label, field name, choices) for a field facet of the site search, e.g.
    ``("department", "Department", "kb.SOPPage", "department", Department.choices)``.
    The field must be an ``index.FilterField`` of that model (or of related
    rows, such as ``tags__slug`` under ``index.RelatedFields``, counted in the
    database over every match); apps declaring the same key share one
    facet. ``choices`` may be a callable.
``TEAM_DIRECTORY``
    ``fn() -> TeamDirectory`` (see ``deskbook.core.teams``): who was in which
    team on a date, and who ran it (in-house or a partner agency), for reports
    of apps that must not import the one keeping teams. Every question takes
    the date of the fact, ``on``. The first registered provider is used.
``TIMED_JOBS``
    ``fn() -> list[tuple[str, float]]``: (management command, seconds between
    runs) for ``run_timed_jobs`` to run beside the core's own jobs. The command
    must be idempotent: it does what is due and nothing twice.
"""

from wagtail import hooks

BOOTSTRAP = "deskbook_bootstrap"
SEED_DEMO = "deskbook_seed_demo"
ROLE_PERMISSIONS = "deskbook_role_permissions"
SEARCH_KINDS = "deskbook_search_kinds"
SEARCH_FACETS = "deskbook_search_facets"
TEAM_DIRECTORY = "deskbook_team_directory"
TIMED_JOBS = "deskbook_timed_jobs"


def run(name: str, **kwargs) -> list:
    return [fn(**kwargs) for fn in hooks.get_hooks(name)]
