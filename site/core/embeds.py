"""Video embeds built from the address alone, so the server never calls out.

Wagtail's default finder asks the provider's oEmbed endpoint over the internet
when an editor saves an embed. The site must not fetch anything at run time,
so this finder recognises YouTube and Vimeo addresses and writes the player
itself, using YouTube's no-cookie domain. Other addresses are refused, and
Wagtail tells the editor the address is not supported.
"""

import re
from html import escape

from wagtail.embeds.finders.base import EmbedFinder

YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)"
    r"|youtu\.be/)(?P<id>[A-Za-z0-9_-]{11})(?:[?&#/].*)?$"
)
VIMEO = re.compile(r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(?P<id>\d+)")

WIDTH, HEIGHT = 640, 360


def player_url(url: str) -> tuple[str, str] | None:
    """(provider, player address) for a supported video address, else None."""
    if match := YOUTUBE.match(url):
        return "YouTube", f"https://www.youtube-nocookie.com/embed/{match['id']}"
    if match := VIMEO.match(url):
        return "Vimeo", f"https://player.vimeo.com/video/{match['id']}?dnt=1"
    return None


class LocalVideoFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return player_url(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        provider, src = player_url(url)
        title = f"{provider} video"
        html = (
            f'<iframe src="{escape(src)}" title="{title}" width="{WIDTH}" '
            f'height="{HEIGHT}" loading="lazy" allowfullscreen '
            'referrerpolicy="strict-origin-when-cross-origin" '
            'allow="encrypted-media; picture-in-picture"></iframe>'
        )
        return {
            "title": title,
            "author_name": "",
            "provider_name": provider,
            "type": "video",
            "thumbnail_url": None,
            "width": WIDTH,
            "height": HEIGHT,
            "html": html,
        }


embed_finder_class = LocalVideoFinder
