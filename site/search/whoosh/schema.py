"""The Whoosh schema shared by every indexed model, and its analyzers.

One index holds every model. Each document carries its model's content-type
chain (so a search on ``Book`` also finds ``Novel`` documents), and one field
per search path: ``t__<path>`` for full-text search (stemmed, with positions for
phrases), ``a__<path>`` for autocomplete (edge n-grams, so a prefix is a single
term lookup), ``all`` (every searchable text of the document, stemmed, without
positions: one posting list per word to match on, see ``ranking``),
``runs`` (every run of two and three words side by side in one text field,
each a term, so an exact phrase is a term lookup, see ``postings``),
``spell`` (every word unstemmed, for "did you mean") and the ``values`` column
(every filter value, for facets, see ``columns``).
"""

from collections import Counter

from whoosh import columns, fields
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
)
from whoosh.lang import has_stemmer
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

TEXT_PREFIX = "t__"
FILTER_PREFIX = "f__"
# Bumped when documents gain fields that queries rely on; a generation built
# before knows nothing of them and is rebuilt (see storage.SCHEMA_FILE).
# 2: f__* filter fields; 3: the ``all`` catch-all field; 4: the ``values``
# column of filter values (facets are counted from it); 5: the ``runs`` field
# of adjacent words (exact phrases are matched on it).
SCHEMA_VERSION = 5
AUTOCOMPLETE_PREFIX = "a__"
SPELLING_FIELD = "spell"
CATCH_ALL_FIELD = "all"
RUNS_FIELD = "runs"
# Runs of this many words at most are indexed; a longer phrase is every run
# of this length in it, checked by position on the documents holding them all.
LONGEST_RUN = 3
# Between the words of a run: analysed words never hold a space.
RUN_SEPARATOR = " "
VALUES_FIELD = "values"
ID_FIELD = "id"
PK_FIELD = "pk"
CONTENT_TYPE_FIELD = "ct"

# Longer prefixes than this are cut to it at query time; words are rarely longer.
AUTOCOMPLETE_MAX_CHARS = 20


def word_analyzer():
    """Words, lower-cased, accents folded; no stemming."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def text_analyzer(language: str = "en", stemming: bool = True):
    analyzer = word_analyzer()
    if stemming and has_stemmer(language):
        analyzer = analyzer | StemFilter(lang=language)
    return analyzer


def autocomplete_analyzer():
    return word_analyzer() | NgramFilter(
        minsize=1, maxsize=AUTOCOMPLETE_MAX_CHARS, at="start"
    )


# Filters that turn each token into a term on its own, whatever surrounds it.
PER_TOKEN_FILTERS = (LowercaseFilter, CharsetFilter, StemFilter)
# Distinct tokens whose terms a field indexed by token remembers.
TOKEN_CACHE_SIZE = 200_000


class TermsByToken:
    """Each distinct token's terms, worked out once: the analyzer runs per
    distinct token of a text, not per occurrence.

    That gives the analyzer's own terms provided it is a regular-expression
    tokenizer followed by per-token filters (``by_token``); fields with any
    other analyzer take the usual path.
    """

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_token_terms", None)
        return state

    def by_token(self) -> bool:
        items = getattr(self.analyzer, "items", None)
        return (
            bool(items)
            and type(items[0]) is RegexTokenizer
            and not items[0].gaps
            and all(isinstance(item, PER_TOKEN_FILTERS) for item in items[1:])
        )

    def tokens(self, value: str) -> list[str]:
        """The tokens of ``value`` in order, as the tokenizer cuts them."""
        expression = self.analyzer.items[0].expression
        return [match.group(0) for match in expression.finditer(value)]

    def terms_of(self, token: str) -> list[str]:
        cache = self.__dict__.setdefault("_token_terms", {})
        terms = cache.get(token)
        if terms is None:
            if len(cache) > TOKEN_CACHE_SIZE:
                cache.clear()
            terms = cache[token] = [t.text for t in self.analyzer(token, mode="index")]
        return terms


def _frequency_postings(frequencies: dict[str, int], boost: float):
    """(term, frequency, weight, value) as a Frequency format indexes them."""
    for term, frequency in frequencies.items():
        yield term.encode("utf-8"), frequency, frequency * boost, pack_uint(frequency)


class WordCountText(TermsByToken, fields.TEXT):
    """A TEXT field without positions (frequencies only) that analyses each
    distinct token of a document once, not each occurrence: the same terms
    and frequencies, cheaply. It makes the whole-text fields (``all``,
    ``spell``) cheap to index.
    """

    def __init__(self, analyzer):
        super().__init__(analyzer=analyzer, phrase=False)

    def index(self, value, **kwargs):
        if not isinstance(value, str) or not self.by_token():
            yield from super().index(value, **kwargs)
            return
        frequencies: dict[str, int] = {}
        for token, count in Counter(self.tokens(value)).items():
            for term in self.terms_of(token):
                frequencies[term] = frequencies.get(term, 0) + count
        yield from _frequency_postings(frequencies, self.format.field_boost)


class WordRuns(TermsByToken, fields.KEYWORD):
    """Every run of two to ``LONGEST_RUN`` words that stand side by side (at
    consecutive positions) in one text, each run one term: the analysed words
    joined by ``RUN_SEPARATOR``. Not scored, no positions.

    A document holds a phrase of two or three words in one of its text fields
    exactly when it holds that run, so an exact phrase is one posting list
    instead of every word's positions. The value is the document's texts, one
    per text field (runs never cross from one field into the next), analysed
    as that field analyses them.
    """

    def __init__(self, analyzer):
        super().__init__(analyzer=analyzer)

    def index(self, value, **kwargs):
        texts = [value] if isinstance(value, str) else value
        frequencies: Counter[str] = Counter()
        for text in texts:
            frequencies.update(self._runs(text))
        yield from _frequency_postings(frequencies, self.format.field_boost)

    def _runs(self, text: str):
        if self.by_token():
            terms = [self.terms_of(token) for token in self.tokens(text)]
            if all(len(found) == 1 for found in terms):
                # One term a token: positions are consecutive.
                words = [found[0] for found in terms]
                for size in range(2, LONGEST_RUN + 1):
                    starts = words[: max(0, len(words) - size + 1)]
                    following = (words[k : k + len(starts)] for k in range(1, size))
                    runs = zip(starts, *following, strict=True)
                    yield from map(RUN_SEPARATOR.join, runs)
                return
        by_position: dict[int, list[str]] = {}
        for token in self.analyzer(text, positions=True, mode="index"):
            if not token.stopped:
                by_position.setdefault(token.pos, []).append(token.text)
        for position, firsts in by_position.items():
            runs = [[term] for term in firsts]
            for size in range(2, LONGEST_RUN + 1):
                following = by_position.get(position + size - 1, [])
                runs = [[*run, term] for run in runs for term in following]
                yield from map(RUN_SEPARATOR.join, runs)


def build_schema(language: str = "en", stemming: bool = True) -> fields.Schema:
    schema = fields.Schema(
        **{
            ID_FIELD: fields.ID(unique=True, stored=True),
            PK_FIELD: fields.ID(stored=True, sortable=True),
            CONTENT_TYPE_FIELD: fields.KEYWORD(scorable=False),
            SPELLING_FIELD: WordCountText(word_analyzer()),
            CATCH_ALL_FIELD: WordCountText(text_analyzer(language, stemming)),
            RUNS_FIELD: WordRuns(text_analyzer(language, stemming)),
            # Not searched: each document's filter values (its related rows'
            # too), read whole per segment to count facets (see ``columns``).
            VALUES_FIELD: fields.COLUMN(columns.PickleColumn(columns.VarBytesColumn())),
        }
    )
    schema.add(
        TEXT_PREFIX + "*",
        fields.TEXT(analyzer=text_analyzer(language, stemming), phrase=True),
        glob=True,
    )
    schema.add(FILTER_PREFIX + "*", fields.ID(), glob=True)
    schema.add(
        AUTOCOMPLETE_PREFIX + "*",
        fields.TEXT(analyzer=autocomplete_analyzer(), phrase=False),
        glob=True,
    )
    return schema
