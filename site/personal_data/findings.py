"""Personal data in a page's public text: what is found where, and redacting it.

Finds personal data (``deskbook.personal_data.detection``) in the text of a
page, redacts it in a new draft revision, and tells whether a page goes public.
"""

import html
import re
from dataclasses import dataclass

from django.db import models
from django.utils.html import escape, strip_tags
from wagtail.fields import StreamField
from wagtail.models import Page

from .detection import Finding, find_pii
from .models import PersonalDataGuardedPage

# Fields that are not text the public reads.
NOT_PUBLIC_TEXT = {
    "path",
    "slug",
    "url_path",
    "draft_title",
    *PersonalDataGuardedPage.not_public_text,
}


@dataclass(frozen=True)
class PageFinding:
    field_name: str
    field_label: str
    finding: Finding

    def __str__(self):
        return f"{self.finding.label} “{self.finding.text}” in {self.field_label}"


def is_public(page) -> bool:
    """No view restriction on the page or above it: anyone may read it."""
    return not page.get_view_restrictions().exists()


def aliases_of(page) -> list[Page]:
    """Every alias that follows ``page``, aliases of aliases included."""
    found, seen, frontier = [], {page.pk}, [page.pk]
    while frontier and page.pk:
        batch = list(Page.objects.filter(alias_of_id__in=frontier).exclude(pk__in=seen))
        found += batch
        seen.update(alias.pk for alias in batch)
        frontier = [alias.pk for alias in batch]
    return found


def goes_public(page) -> bool:
    """Publishing ``page`` shows its text to anyone: it is public, or one of its
    aliases is (Wagtail republishes every alias with the page it follows)."""
    return is_public(page) or any(is_public(alias) for alias in aliases_of(page))


def _text_fields(page):
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in NOT_PUBLIC_TEXT:
            continue
        if isinstance(field, StreamField | models.CharField | models.TextField):
            if field.choices:
                continue
            yield field


def _strings(data):
    """Every text leaf of a StreamField's raw data (block types and ids left out)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in {"type", "id"}:
                yield from _strings(value)


def _field_texts(page, field) -> list[str]:
    value = getattr(page, field.name)
    if isinstance(field, StreamField):
        return [html.unescape(strip_tags(t)) for t in _strings(list(value.raw_data))]
    return [html.unescape(strip_tags(value or ""))]


def page_findings(page) -> list[PageFinding]:
    """Every finding in the page's public text, field by field."""
    names = page.guarded_names() if isinstance(page, PersonalDataGuardedPage) else []
    found = []
    for field in _text_fields(page):
        label = str(field.verbose_name).capitalize()
        for text in _field_texts(page, field):
            found += [
                PageFinding(field.name, label, f) for f in find_pii(text, names=names)
            ]
    return found


def pages_with_findings(pages, *, stop_after: int | None = None):
    """(page, findings) of the pages whose public text holds personal data;
    with ``stop_after``, reading stops once more than that many are found."""
    found = []
    for page in pages:
        if findings := page_findings(page):
            found.append((page, findings))
            if stop_after is not None and len(found) > stop_after:
                break
    return found


def _replace(value, old: str, new: str):
    if isinstance(value, str):
        # Whole words only: redacting "Tan" must leave "Tanjong Pagar" alone.
        for before, after in ((old, new), (escape(old), escape(new))):
            pattern = rf"(?<!\w){re.escape(before)}(?!\w)"
            value = re.sub(pattern, after.replace("\\", "\\\\"), value)
        return value
    if isinstance(value, list):
        return [_replace(item, old, new) for item in value]
    if isinstance(value, dict):
        return {
            key: item if key in {"type", "id"} else _replace(item, old, new)
            for key, item in value.items()
        }
    return value


def page_redact(page, findings: list[PageFinding], *, user):
    """A new draft revision of ``page`` with each finding replaced by its
    suggested redaction (every occurrence, in the field it was found in)."""
    draft = page.get_latest_revision_as_object()
    fields = {field.name: field for field in _text_fields(draft)}
    for item in findings:
        field = fields.get(item.field_name)
        if field is None:
            continue
        old, new = item.finding.text, item.finding.replacement
        if isinstance(field, StreamField):
            raw = _replace(list(getattr(draft, field.name).raw_data), old, new)
            setattr(draft, field.name, raw)
        else:
            setattr(draft, field.name, _replace(getattr(draft, field.name), old, new))
    return draft.save_revision(user=user, log_action=True)
