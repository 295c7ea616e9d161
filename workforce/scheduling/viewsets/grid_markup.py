"""The markup of the plan grid's body cells, built here rather than in the
template: a month of a large team is thousands of cells, and Django's
template tags (or ``format_html``, through its lazy ``escape``) cost several
times what escaping with the standard library and an f-string do. Every
value is escaped here; the functions return markup as plain text, which the
grid marks safe a row at a time."""

import datetime
from functools import lru_cache
from html import escape

from django.template.defaultfilters import floatformat
from django.utils.text import slugify

from ..models import Shift
from ..models.shift_types import readable_text_colour
from ..selectors import PlanCell, PlanWeekHours


def cell_id(staff_id: int, day: datetime.date) -> str:
    return f"cell-{staff_id}-{day.year:04d}{day.month:02d}{day.day:02d}"


@lru_cache(maxsize=256)
def shift_chip(colour: str, code: str, draft: bool) -> str:
    """A shift's code: filled in its colour once published, dashed in it
    while a draft."""
    colour, code = escape(colour), escape(code)
    if draft:
        return (
            f'<span class="shift-code shift-code--draft" '
            f'style="border-color: {colour}">{code}</span>'
        )
    text = readable_text_colour(colour)
    return (
        f'<span class="shift-code" style="background-color: {colour}; '
        f'color: {text}">{code}</span>'
    )


def day_cell(
    cell: PlanCell, *, staff_id: int, label: str, url: str, weekend: bool
) -> str:
    """A ``<td>``: a link to the cell's form on a day the person is in the
    team, a hatched blank on the others."""
    shade = ' class="plan-weekend"' if weekend else ""
    html_id = cell_id(staff_id, cell.day)
    if not url:
        return (
            f'<td{shade}><span id="{html_id}" class="plan-cell plan-cell--outside" '
            f'data-plan-cell><span class="w-sr-only">{escape(label)}</span></span>'
            "</td>"
        )
    draft = any(s.status == Shift.Status.DRAFT for s in cell.shifts)
    inside = "".join(
        shift_chip(
            s.shift_type.colour, s.shift_type.code, s.status == Shift.Status.DRAFT
        )
        for s in cell.shifts
    ) + "".join(
        f'<span class="plan-absence plan-absence--{escape(slugify(a.kind))}" '
        f'title="{escape(a.label)}">{escape(a.kind.capitalize())}</span>'
        for a in cell.absences
    )
    if cell.off:
        inside = '<span class="plan-off">off</span>'
    return (
        f'<td{shade}><a id="{html_id}" '
        f'class="plan-cell{" plan-cell--draft" if draft else ""}" '
        f'href="{escape(url)}" aria-label="{escape(label)}" data-plan-cell>'
        f"{inside}</a></td>"
    )


def hours_cell(hours: PlanWeekHours) -> str:
    """A ``<td>`` with a person's paid hours in a week, marked over the
    maximum."""
    return _hours_cell(hours.hours, hours.maximum, hours.over)


@lru_cache(maxsize=256)
def _hours_cell(hours: float, maximum: float, over: bool) -> str:
    # A team's people mostly work the same few weekly hours.
    value = floatformat(hours, -1)
    if not over:
        return f'<td class="plan-hours">{value}</td>'
    return (
        f'<td class="plan-hours plan-hours--over">{value}<span class="w-sr-only"> '
        f"hours, over the maximum of {floatformat(maximum, -1)}</span></td>"
    )
