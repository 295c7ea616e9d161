"""Cleaning what people type into the search box (no Django here)."""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 200
# Characters that mean something to one search engine or another.
SYNTAX = re.compile(r"[\"'`*?~^()\[\]{}:\\/+!&|<>=%#@$;,]")


# A field prefix as other engines take it (``title:scam``): searched as its value.
FIELD_PREFIX = re.compile(r"\b[^\W\d_]+:(?=[^\s:/])")
# Words that carry the shape of a question, not its subject: they never decide
# whether a page matches (a query made only of them keeps them).
QUESTION_WORDS = frozenset(
    {
        "a",
        "about",
        "after",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    }
)
# Boolean operators typed bare, which would otherwise be searched as words.
OPERATOR_WORDS = frozenset({"and", "or", "not"})


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
    words = " ".join(SYNTAX.sub(" ", FIELD_PREFIX.sub("", visible)).split())
    if len(words) > MAX_QUERY_CHARS:
        words = words[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    return SearchText(text=words, is_phrase=is_phrase and " " in words)


def content_words(text: str) -> list[str]:
    """The words of a cleaned query that say what it is about: question and
    stop words left out, unless nothing else is left."""
    words = text.split()
    kept = [word for word in words if word.lower() not in QUESTION_WORDS]
    return kept or words


def only_operators(text: str) -> bool:
    """The query is nothing but boolean operators (``AND OR``, ``NOT``)."""
    words = text.split()
    return bool(words) and all(word.lower() in OPERATOR_WORDS for word in words)
