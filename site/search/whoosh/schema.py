"""The Whoosh schema shared by every indexed model, and its analyzers.

One index holds every model. Each document carries its model's content-type
chain (so a search on ``Book`` also finds ``Novel`` documents), and one field
per search path: ``t__<path>`` for full-text search (stemmed, with positions for
phrases), ``a__<path>`` for autocomplete (edge n-grams, so a prefix is a single
term lookup) and ``spell`` (every word unstemmed, for "did you mean").
"""

from whoosh import fields
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
)
from whoosh.lang import has_stemmer
from whoosh.support.charset import accent_map

TEXT_PREFIX = "t__"
FILTER_PREFIX = "f__"
# Bumped when documents gain fields that queries rely on; a generation built
# before knows nothing of them (see storage.SCHEMA_FILE).
SCHEMA_VERSION = 2
AUTOCOMPLETE_PREFIX = "a__"
SPELLING_FIELD = "spell"
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


def build_schema(language: str = "en", stemming: bool = True) -> fields.Schema:
    schema = fields.Schema(
        **{
            ID_FIELD: fields.ID(unique=True, stored=True),
            PK_FIELD: fields.ID(stored=True, sortable=True),
            CONTENT_TYPE_FIELD: fields.KEYWORD(scorable=False),
            SPELLING_FIELD: fields.TEXT(analyzer=word_analyzer(), phrase=False),
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
