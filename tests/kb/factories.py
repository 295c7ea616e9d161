"""SOP pages for tests, created and published the way the admin does it."""

from django.contrib.auth.models import Group
from django.utils.text import slugify

from kb.models import KnowledgeBaseIndexPage, SOPCategoryPage, SOPPage

BODY = """## Purpose

Make sure every first call is made the same way.

## Procedure

1. Verify you are speaking to the right person.
2. Give the debt-collector disclosure.
3. Record the outcome in the account notes.
"""


def make_category(title: str, intro: str = "") -> SOPCategoryPage:
    """A live category under the knowledge base."""
    category = SOPCategoryPage(title=title, slug=slugify(title), intro=intro)
    KnowledgeBaseIndexPage.objects.get().add_child(instance=category)
    category.save_revision().publish()
    return SOPCategoryPage.objects.get(pk=category.pk)


def make_sop(
    title: str = "First reminder call",
    *,
    parent=None,
    audience=("Collector",),
    ack: bool = True,
    body: str = BODY,
    **fields,
) -> SOPPage:
    """A live SOP under the knowledge base; revision 1 asks for acknowledgement."""
    parent = parent or KnowledgeBaseIndexPage.objects.get()
    fields.setdefault("summary", f"How we handle {title.lower()}.")
    fields.setdefault("department", "operations")
    page = SOPPage(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        body=body,
        ack_requested=ack,
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    page.audience.set(Group.objects.filter(name__in=audience))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def revise(page: SOPPage, *, ack: bool, user=None, **changes) -> SOPPage:
    """Publish a new revision of ``page`` with these field changes."""
    page = SOPPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.ack_requested = ack
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page
