"""Cleaning what people type into the search box (no Django here)."""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 200
# Characters that mean something to one search engine or another.
SYNTAX = re.compile(r"[\"'`*?~^()\[\]{}:\\/+!&|<>=%#@$;,]")


@dataclass(frozen=True)
class SearchText:
    text: str
    """The cleaned query: plain words separated by single spaces."""
    is_phrase: bool = False
    """The whole query was one balanced "quoted phrase"."""


def visible_text(raw: str) -> str:
    """What was typed, with control characters as spaces, cut to a sane length."""
    return "".join(
        " " if unicodedata.category(char).startswith("C") else char
        for char in (raw or "")[: MAX_QUERY_CHARS * 5]
    ).strip()


def clean_query(raw: str) -> SearchText:
    """Plain words from anything typed: syntax, control characters and
    excess length removed, any script kept."""
    visible = visible_text(raw)
    is_phrase = len(visible) > 2 and visible[0] == visible[-1] == '"'
    is_phrase = is_phrase and visible.count('"') == 2
    words = " ".join(SYNTAX.sub(" ", visible).split())
    if len(words) > MAX_QUERY_CHARS:
        words = words[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    return SearchText(text=words, is_phrase=is_phrase and " " in words)
