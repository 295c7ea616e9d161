"""Reading a facet as the page renders it: the values listed at once, and
those inside the collapsed "more"."""

import re

LINK_TEXT = re.compile(r'<a href="[^"]*"(?: aria-current="true")?>([^<]+?) <span')


def facet_links(html: str, key: str) -> tuple[list[str], list[str]]:
    """(values listed at once, values behind "more") of facet ``key``."""
    start = html.index(f'id="facet-{key}"')
    end = html.find("facets__heading", start)
    if end < 0:
        end = html.index("</nav>", start)
    facet = html[start:end]
    first, _, more = facet.partition('<details class="facets__more">')
    return LINK_TEXT.findall(first), LINK_TEXT.findall(more)
