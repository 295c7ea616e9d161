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
class QueryPart:
    words: str
    """Plain words separated by single spaces."""
    quoted: bool = False
    """Typed between double quotes: searched exactly as it stands."""


@dataclass(frozen=True)
class SearchText:
    text: str
    """The cleaned query: plain words separated by single spaces."""
    is_phrase: bool = False
    """The whole query was one balanced "quoted phrase"."""
    parts: tuple[QueryPart, ...] = ()
    """The words in order, in runs typed outside and inside double quotes
    (one unquoted run when not given)."""

    def __post_init__(self):
        if not self.parts and self.text:
            object.__setattr__(
                self, "parts", (QueryPart(self.text, quoted=self.is_phrase),)
            )

    @property
    def typed(self) -> str:
        """The query as the page shows it: its quoted runs in double quotes."""
        return " ".join(
            f'"{part.words}"' if part.quoted else part.words for part in self.parts
        )

    @property
    def loose(self) -> list[str]:
        """The runs typed outside quotes, in order."""
        return [part.words for part in self.parts if not part.quoted]

    def with_loose(self, runs: list[str]) -> "SearchText":
        """The same query with its unquoted runs replaced by ``runs`` (a
        spelling correction: quoted runs never change)."""
        replacing = iter(runs)
        parts = tuple(
            part if part.quoted else QueryPart(" ".join(next(replacing).split()))
            for part in self.parts
        )
        parts = tuple(part for part in parts if part.words)
        return SearchText(
            text=" ".join(part.words for part in parts),
            is_phrase=self.is_phrase,
            parts=parts,
        )


def visible_text(raw: str) -> str:
    """What was typed, with control characters as spaces, cut to a sane length."""
    return "".join(
        " " if unicodedata.category(char).startswith("C") else char
        for char in (raw or "")[: MAX_QUERY_CHARS * 5]
    ).strip()


def clean_query(raw: str) -> SearchText:
    """Plain words from anything typed: syntax, control characters and
    excess length removed, any script kept. Runs between balanced double
    quotes are kept apart as quoted; a quote left without a partner counts
    as absent."""
    pieces = FIELD_PREFIX.sub("", visible_text(raw)).split('"')
    if len(pieces) % 2 == 0:
        # An odd number of quotes: the last one has no partner.
        pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
    runs: list[tuple[list[str], bool]] = []
    for at, piece in enumerate(pieces):
        words, quoted = SYNTAX.sub(" ", piece).split(), at % 2 == 1
        if not words:
            continue
        if runs and not quoted and not runs[-1][1]:
            runs[-1][0].extend(words)
        else:
            runs.append((words, quoted))
    text = " ".join(word for words, _ in runs for word in words)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    parts = _cut(runs, text.split())
    return SearchText(
        text=text,
        is_phrase=len(parts) == 1 and parts[0].quoted and " " in text,
        parts=parts,
    )


def _cut(runs: list[tuple[list[str], bool]], kept: list[str]) -> tuple[QueryPart, ...]:
    """The runs holding only the ``kept`` words (the first ones, the last of
    them perhaps shortened)."""
    parts, left = [], list(kept)
    for words, quoted in runs:
        taken, left = left[: len(words)], left[len(words) :]
        if taken:
            parts.append(QueryPart(" ".join(taken), quoted))
    return tuple(parts)


def content_parts(query: SearchText) -> list[QueryPart]:
    """The parts of a query that say what it is about: quoted runs whole,
    the others without question and stop words, unless nothing else is left."""
    has_quoted = any(part.quoted for part in query.parts)
    loose = [word for run in query.loose for word in run.split()]
    has_content = any(word.lower() not in QUESTION_WORDS for word in loose)
    if not has_quoted and not has_content:
        return list(query.parts)
    kept = []
    for part in query.parts:
        if not part.quoted:
            words = [w for w in part.words.split() if w.lower() not in QUESTION_WORDS]
            part = QueryPart(" ".join(words))
        if part.words:
            kept.append(part)
    return kept


def only_operators(text: str) -> bool:
    """The query is nothing but boolean operators (``AND OR``, ``NOT``)."""
    words = text.split()
    return bool(words) and all(word.lower() in OPERATOR_WORDS for word in words)
