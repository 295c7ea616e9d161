"""The Whoosh schema shared by every indexed model, and its analyzers.

One index holds every model. Each document carries its model's content-type
chain (so a search on ``Book`` also finds ``Novel`` documents), and one field
per search path: ``t__<path>`` for full-text search (stemmed, with positions for
phrases), ``a__<path>`` for autocomplete (edge n-grams, so a prefix is a single
term lookup), ``all`` (every searchable text of the document, stemmed, without
positions: one posting list per word to match on, see ``ranking``),
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
# column of filter values (facets are counted from it).
SCHEMA_VERSION = 4
AUTOCOMPLETE_PREFIX = "a__"
SPELLING_FIELD = "spell"
CATCH_ALL_FIELD = "all"
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
# Distinct tokens whose terms a WordCountText field remembers.
TOKEN_CACHE_SIZE = 200_000


class WordCountText(fields.TEXT):
    """A TEXT field without positions (frequencies only) that analyses each
    distinct token of a document once, not each occurrence.

    The terms and frequencies are the ones the analyzer gives, provided it is a
    regular-expression tokenizer followed by per-token filters; any other
    analyzer takes the usual path. It makes the whole-text fields (``all``,
    ``spell``) cheap to index.
    """

    def __init__(self, analyzer):
        super().__init__(analyzer=analyzer, phrase=False)

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_token_terms", None)
        return state

    def _counts_by_token(self) -> bool:
        items = getattr(self.analyzer, "items", None)
        return (
            bool(items)
            and type(items[0]) is RegexTokenizer
            and not items[0].gaps
            and all(isinstance(item, PER_TOKEN_FILTERS) for item in items[1:])
        )

    def index(self, value, **kwargs):
        if not isinstance(value, str) or not self._counts_by_token():
            yield from super().index(value, **kwargs)
            return
        analyzer = self.analyzer
        tokens = Counter(
            match.group(0) for match in analyzer.items[0].expression.finditer(value)
        )
        cache = self.__dict__.setdefault("_token_terms", {})
        if len(cache) > TOKEN_CACHE_SIZE:
            cache.clear()
        frequencies: dict[str, int] = {}
        for token, count in tokens.items():
            terms = cache.get(token)
            if terms is None:
                terms = cache[token] = [t.text for t in analyzer(token, mode="index")]
            for term in terms:
                frequencies[term] = frequencies.get(term, 0) + count
        boost = self.format.field_boost
        for term, frequency in frequencies.items():
            yield (
                term.encode("utf-8"),
                frequency,
                frequency * boost,
                pack_uint(frequency),
            )


def build_schema(language: str = "en", stemming: bool = True) -> fields.Schema:
    schema = fields.Schema(
        **{
            ID_FIELD: fields.ID(unique=True, stored=True),
            PK_FIELD: fields.ID(stored=True, sortable=True),
            CONTENT_TYPE_FIELD: fields.KEYWORD(scorable=False),
            SPELLING_FIELD: WordCountText(word_analyzer()),
            CATCH_ALL_FIELD: WordCountText(text_analyzer(language, stemming)),
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
