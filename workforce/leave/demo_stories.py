"""Who asks for what in the demo, and how it ends: the small demo's stories
in its five teams, five more in each team of the large floor, and the
medical certificate a sick day comes with."""

import datetime
from dataclasses import dataclass

from .calculations import AFTERNOON, WHOLE

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
CANCELLED = "cancelled"  # approved, then called off before it starts
WITHDRAWN = "withdrawn"  # called off while still pending (status cancelled)

RECORDED_SICK = "Recorded on the return to work, with the medical certificate"


@dataclass(frozen=True)
class Story:
    """One person's leave: who (a seat among the team's people, in order of
    employee number, or a demo sign-in's username), which type, from how
    many days after today (negative: already taken) for how many calendar
    days, why, and how it ends."""

    team: str
    seat: int | str
    code: str
    starts_in: int | None
    days: int
    reason: str
    outcome: str
    comment: str = ""
    parts: tuple[str, str] = (WHOLE, WHOLE)
    # A manager's reason to allow it over the rules (leave already taken,
    # or over a blackout); the manager then records it for the person.
    override: str = ""
    # Starts the day before next month's blackout and runs into it.
    over_blackout: bool = False


EARLY, PRE, LATE = (
    "Desk early collection",
    "Desk pre-collection",
    "Desk late collection",
)
FIELD, PARTNER = "Field", "Partner early collection"

SMALL_STORIES = [
    # Desk early collection is short-handed (seven people for a minimum of
    # seven): any leave there takes it under, for its lead (the demo's
    # teamlead) to weigh.
    Story(EARLY, "collector", "AL", 21, 3, "Family trip to Penang", PENDING),
    Story(EARLY, 0, "AL", 10, 2, "My brother's graduation in Melbourne", PENDING),
    Story(
        EARLY, 1, "SL", -6, 2, "Fever", APPROVED,
        comment="Get well soon; the partner team took the overflow.",
        override=RECORDED_SICK,
    ),
    Story(
        PRE, 0, "AL", 14, 5, "Year-end holiday in Bali", APPROVED,
        comment="Enjoy the break.",
    ),
    Story(
        PRE, 1, "AL", 12, 3, "Moving house", REJECTED,
        comment="Two of the team are already off that week: could you take "
        "the week after?",
    ),
    Story(
        PRE, 2, "AL", 9, 1, "My daughter's school concert", PENDING,
        parts=(AFTERNOON, AFTERNOON),
    ),
    Story(
        LATE, 0, "AL", 16, 2, "Anniversary weekend away", CANCELLED,
        comment="Approved.",
    ),
    Story(LATE, 1, "UL", 28, 5, "Extended visit to family in Ipoh", PENDING),
    Story(LATE, 2, "AL", 20, 2, "Concert in Kuala Lumpur", WITHDRAWN),
    Story(
        FIELD, 0, "TL", 15, 2, "Certified credit professional course", APPROVED,
        comment="Good luck with the exam.",
    ),
    Story(FIELD, 1, "SL", -12, 3, "Back injury", APPROVED, override=RECORDED_SICK),
    Story(
        PARTNER, 0, "CL", -3, 1, "Grandmother's funeral", APPROVED,
        comment="Our condolences.",
        override="Recorded after the funeral",
    ),
    Story(
        PARTNER, 1, "AL", None, 3, "My wedding", APPROVED,
        comment="Congratulations!",
        override="Booked before the month-end push was set; the agency "
        "covers the nights",
        over_blackout=True,
    ),
]  # fmt: skip

LARGE_REASONS = [
    "Family visit",
    "Short break",
    "Hari Raya with family",
    "Child's school holidays",
    "Wedding in the family",
    "Moving house",
    "Rest after the month end",
]


def large_stories(teams) -> list[Story]:
    """Five stories in each team, their days spread over a week from team
    to team: one pending, one approved ahead, a sick day taken, one
    rejected and one approved then cancelled."""
    stories = []
    for index, team in enumerate(teams):
        spread = index % 7
        reason = LARGE_REASONS[index % len(LARGE_REASONS)]
        stories += [
            Story(team.name, 0, "AL", 10 + spread, 2, reason, PENDING),
            Story(
                team.name, 1, "AL", 14 + spread, 3, reason, APPROVED,
                comment="Approved.",
            ),
            Story(
                team.name, 2, "SL", -5 - spread, 2, "Flu", APPROVED,
                override=RECORDED_SICK,
            ),
            Story(
                team.name, 3, "AL", 12 + spread, 2, reason, REJECTED,
                comment="The team is short that week: another week, please.",
            ),
            Story(
                team.name, 4, "AL", 18 + spread, 2, reason, CANCELLED,
                comment="Approved.",
            ),
        ]  # fmt: skip
    return stories


def medical_certificate(name: str, first: datetime.date, last: datetime.date):
    """A one-page PDF saying the person was unfit for work on those days."""
    text = f"Medical certificate (demo): {name} was unfit for work from " + (
        f"{first:%d %b %Y} to {last:%d %b %Y}."
    )
    safe = text.encode("latin-1", "replace")
    for char in (b"\\", b"(", b")"):
        safe = safe.replace(char, b"\\" + char)
    content = b"BT /F1 11 Tf 56 780 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(pdf)
