"""What a fresh site needs from articles: the public Awareness section."""

from deskbook.core.pagetree import ensure_section, grant_page_permissions
from deskbook.core.roles import EDITOR

from .models import ArticleIndexPage


def bootstrap_awareness_section():
    awareness = ensure_section(
        ArticleIndexPage,
        slug="awareness",
        title="Awareness",
        intro=(
            "<p>Scam alerts, guides and press releases from our Marketing &amp; "
            "Communications team. We will never ask you to pay into a personal "
            "account.</p>"
        ),
    )
    # Editors draft and submit for moderation; Managers publish.
    grant_page_permissions(awareness, EDITOR, ["add", "change"])
