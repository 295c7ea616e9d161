"""Demo lessons from ``demo/lessons``: written, reviewed and published, some with
SOP revision proposals (one accepted, one rejected) and a few with planted
personal data, so the guard can be seen working when they are promoted.
Idempotent: lessons are created once, by case reference."""

import re
from pathlib import Path

import frontmatter
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from kb.models import SOPPage

from .models import LessonCitation, LessonDepartment, LessonIndexPage, LessonPage
from .models.pages import SECTIONS
from .services import proposal_accept, proposal_create, proposal_reject

SOURCES = Path(__file__).parent / "demo" / "lessons"
_HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)


def _sections(body: str) -> dict[str, str]:
    by_heading = {heading.lower(): name for name, heading in SECTIONS}
    parts = _HEADING.split(body)
    found = {}
    for heading, text in zip(parts[1::2], parts[2::2], strict=True):
        name = by_heading.get(heading.strip().lower())
        if name:
            found[name] = text.strip()
    return found


def seed_lessons(*, size: str = "small", log=print) -> None:
    index = LessonIndexPage.objects.first()
    if index is None or not SOURCES.is_dir():
        return
    users = {user.username: user for user in get_user_model().objects.all()}
    sops = {sop.slug: sop for sop in SOPPage.objects.all()}
    existing = set(LessonPage.objects.values_list("case_reference", flat=True))
    created = 0
    for path in sorted(SOURCES.glob("*.md")):
        post = frontmatter.load(path)
        meta = post.metadata
        if meta["case_reference"] in existing:
            continue
        lesson = _create(index, path.stem, meta, post.content, users, sops)
        _propose(lesson, meta.get("proposals") or [], users, sops)
        created += 1
    _resolve_some()
    log(f"  lessons: {LessonPage.objects.count()} ({created} new)")


def _create(index, slug, meta, body, users, sops) -> LessonPage:
    author = users.get(meta.get("author"))
    lesson = LessonPage(
        title=meta["title"],
        slug=slugify(slug),
        case_reference=meta["case_reference"],
        event_date=meta["event_date"],
        stage=meta.get("stage", "any"),
        segment=meta["segment"],
        outcome=meta["outcome"],
        amount_band=meta["amount_band"],
        sensitivity=meta.get("sensitivity", "internal"),
        parties="\n".join(meta.get("parties") or []),
        summary=meta["summary"],
        author=author,
        owner=author,
        live=False,
        **_sections(body),
    )
    index.add_child(instance=lesson)
    lesson.department_links = [
        LessonDepartment(department=value) for value in meta.get("departments", [])
    ]
    lesson.citations = [
        LessonCitation(sop=sops[slug])
        for slug in meta.get("cited_sops") or []
        if slug in sops
    ]
    lesson.tags.set(meta.get("tags") or [])
    # Published as if approved in review (authors may not publish themselves).
    lesson.save_revision(user=author).publish()
    return lesson


def _propose(lesson, proposals, users, sops) -> None:
    for item in proposals:
        sop = sops.get(item.get("sop"))
        if sop is not None:
            proposal_create(
                lesson=lesson,
                sop=sop,
                change=item["change"],
                reason=item["reason"],
                user=lesson.author,
            )


def _resolve_some() -> None:
    """One accepted and one rejected proposal show the whole lifecycle."""
    from .models import SOPRevisionProposal

    if SOPRevisionProposal.objects.exclude(status="open").exists():
        return
    open_ones = list(SOPRevisionProposal.objects.open().order_by("pk")[:2])
    if len(open_ones) < 2:
        return
    first, second = open_ones
    owner = first.sop.procedure_owner
    proposal_accept(
        proposal=first, user=owner, version=first.sop.versions.order_by("number").last()
    )
    proposal_reject(
        proposal=second,
        user=second.sop.procedure_owner,
        reason="Already covered by the procedure; we will stress it in training.",
    )
