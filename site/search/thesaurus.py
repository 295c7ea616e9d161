"""The domain thesaurus: turning a query's words into concepts, each with the
terms that mean the same (no Django here).

Editors keep groups of terms in the admin. In a group of equivalent terms each
one finds the others; in a one-way group only the first term expands (an
abbreviation to what it stands for, never back). Terms may be phrases; a
phrase in the query is matched before its words.
"""

import re
from collections.abc import Iterable

TERM_SEPARATORS = re.compile(r"[,\n;]+")


def parse_terms(text: str) -> list[str]:
    """The terms of a group as typed: lower case, single spaces, no repeats."""
    terms = (" ".join(part.lower().split()) for part in TERM_SEPARATORS.split(text))
    return list(dict.fromkeys(term for term in terms if term))


class Thesaurus:
    def __init__(self, groups: Iterable[tuple[str, bool]] = ()):
        """``groups``: (terms as typed, one_way) pairs."""
        self.expansions: dict[tuple[str, ...], list[str]] = {}
        for text, one_way in groups:
            terms = parse_terms(text)
            sources = terms[:1] if one_way else terms
            for source in sources:
                found = self.expansions.setdefault(tuple(source.split()), [])
                found.extend(t for t in terms if t != source and t not in found)
        self.longest = max((len(key) for key in self.expansions), default=0)

    def _lookup(self, words: tuple[str, ...]) -> list[str] | None:
        found = self.expansions.get(words)
        if found is None and words[-1].endswith("s") and len(words[-1]) > 3:
            # A plural finds its singular's group (stemming comes later).
            found = self.expansions.get((*words[:-1], words[-1][:-1]))
        return found

    def concepts(self, words: list[str]) -> list[list[str]]:
        """Per word or matched phrase of the query: itself, then its alternatives."""
        lowered = [word.lower() for word in words]
        concepts, start = [], 0
        while start < len(words):
            for size in range(min(self.longest, len(words) - start), 0, -1):
                found = self._lookup(tuple(lowered[start : start + size]))
                if found:
                    phrase = " ".join(words[start : start + size])
                    concepts.append([phrase, *found])
                    start += size
                    break
            else:
                concepts.append([words[start]])
                start += 1
        return concepts

    def rephrasings(self, words: list[str], limit: int) -> list[str]:
        """The words with one term swapped for one of its alternatives, in
        order, at most ``limit`` of them. A word still being typed matches no
        term, so it stays as it is."""
        concepts = self.concepts(words)
        found = []
        for at, concept in enumerate(concepts):
            for alternative in concept[1:]:
                swapped = [c[0] for c in concepts]
                swapped[at] = alternative
                found.append(" ".join(swapped))
        return found[:limit]
