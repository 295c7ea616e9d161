"""Turning model instances into Whoosh documents, and models into field lists."""

import functools
from collections import defaultdict

from django.db import models
from modelsearch.index import (
    AutocompleteField,
    FilterField,
    RelatedFields,
    SearchField,
    get_indexed_models,
)

from .schema import (
    AUTOCOMPLETE_PREFIX,
    CATCH_ALL_FIELD,
    CONTENT_TYPE_FIELD,
    FILTER_PREFIX,
    ID_FIELD,
    PK_FIELD,
    RUNS_FIELD,
    SPELLING_FIELD,
    TEXT_PREFIX,
    VALUES_FIELD,
)


def document_id(model, pk) -> str:
    return f"{model.indexed_get_toplevel_content_type()}:{pk}"


def content_type_chain(model) -> list[str]:
    """The content types of ``model`` and every indexed ancestor."""
    chain = []
    while model is not None:
        chain.append(model.indexed_get_content_type())
        model = model.indexed_get_parent()
    return chain


def _as_texts(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set)):
        return [text for item in value for text in _as_texts(item)]
    return [str(value)]


def filter_term(value) -> str | None:
    """The indexed form of a filter value; None for types not kept exactly."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return str(value)
    return None


# Model fields whose values ``filter_term`` keeps exactly (no dates, decimals …).
EXACT_FIELD_TYPES = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
    models.BooleanField,
)


def keeps_exactly(field) -> bool:
    """Does the index keep ``field``'s values exactly (a key: its target's)?"""
    if field.is_relation:
        field = field.target_field
    return isinstance(field, EXACT_FIELD_TYPES)


def from_filter_term(field, term: str):
    """The value of the model field ``field`` a ``filter_term`` stands for."""
    if isinstance(field, models.BooleanField):
        return term == "true"
    return field.to_python(term)


def _related_objects(value) -> list:
    if value is None:
        return []
    if isinstance(value, models.Manager):
        return list(value.all())
    if isinstance(value, (list, tuple, models.QuerySet)):
        return list(value)
    return [value]


def _collect(obj, search_fields, path: str, texts, autocomplete, values) -> None:
    for field in search_fields:
        if isinstance(field, RelatedFields):
            for related in _related_objects(field.get_value(obj)):
                nested = f"{path}{field.field_name}__"
                _collect(related, field.fields, nested, texts, autocomplete, values)
        elif isinstance(field, SearchField):
            texts[path + field.field_name].extend(_as_texts(field.get_value(obj)))
        elif isinstance(field, AutocompleteField):
            autocomplete[path + field.field_name].extend(
                _as_texts(field.get_value(obj))
            )
        elif isinstance(field, FilterField):
            term = filter_term(field.get_value(obj))
            kept = values[path + field.get_attname(type(obj))]
            if term is not None and term not in kept:
                kept.append(term)


def build_document(obj) -> dict:
    """The Whoosh document for one instance of an indexed model."""
    model = type(obj)
    texts: dict[str, list[str]] = defaultdict(list)
    autocomplete: dict[str, list[str]] = defaultdict(list)
    # Filter field path -> its values: the object's own (one each) and its
    # related rows' (``tags__slug``: one per row, each once), for facets.
    values: dict[str, list[str]] = defaultdict(list)
    _collect(obj, model.get_search_fields(), "", texts, autocomplete, values)
    document = {
        ID_FIELD: document_id(model, obj.pk),
        PK_FIELD: str(obj.pk),
        CONTENT_TYPE_FIELD: " ".join(content_type_chain(model)),
    }
    for field in model.get_filterable_search_fields():
        term = filter_term(field.get_value(obj))
        if term is not None:
            document[FILTER_PREFIX + field.get_attname(model)] = term
    document[VALUES_FIELD] = {name: tuple(v) for name, v in values.items() if v}
    for name, parts in texts.items():
        if parts:
            document[TEXT_PREFIX + name] = "\n".join(parts)
    # Each text field's runs of adjacent words, for exact phrases.
    document[RUNS_FIELD] = tuple(
        document[TEXT_PREFIX + name] for name, parts in texts.items() if parts
    )
    for name, parts in autocomplete.items():
        if parts:
            document[AUTOCOMPLETE_PREFIX + name] = "\n".join(parts)
    # Every text exactly once: a word's frequency here is the sum of its
    # frequencies in the t__ fields, which ranking relies on.
    every_text = "\n".join(text for parts in texts.values() for text in parts)
    document[SPELLING_FIELD] = every_text
    document[CATCH_ALL_FIELD] = every_text
    return document


@functools.cache
def filter_paths(model) -> frozenset[str]:
    """Paths of the filter fields whose values documents of ``model`` keep in
    their ``values`` column (``stage``, ``tags__slug`` …)."""
    found: set[str] = set()

    def walk(search_fields, of_model, path: str) -> None:
        for field in search_fields:
            if isinstance(field, RelatedFields):
                related = field.get_field(of_model).related_model
                walk(field.fields, related, f"{path}{field.field_name}__")
            elif isinstance(field, FilterField):
                found.add(path + field.get_attname(of_model))

    walk(model.get_search_fields(), model, "")
    return frozenset(found)


def _models_sharing_documents(model) -> list:
    """``model`` and its indexed subclasses, whose documents a search on it sees."""
    return [m for m in get_indexed_models() if issubclass(m, model)]


def _walk(search_fields, kind, path: str, found: dict[str, float]) -> None:
    for field in search_fields:
        if isinstance(field, RelatedFields):
            _walk(field.fields, kind, f"{path}{field.field_name}__", found)
        elif type(field) is kind:
            boost = getattr(field, "boost", None) or 1.0
            found[path + field.field_name] = max(
                found.get(path + field.field_name, 0.0), float(boost)
            )


def text_fields(model, only=None) -> dict[str, float]:
    """Whoosh text field name → boost, for a search on ``model``."""
    return _fields_of(model, SearchField, TEXT_PREFIX, only)


def autocomplete_fields(model, only=None) -> dict[str, float]:
    """Whoosh autocomplete field name → boost, for an autocomplete on ``model``."""
    return _fields_of(model, AutocompleteField, AUTOCOMPLETE_PREFIX, only)


def _fields_of(model, kind, prefix: str, only) -> dict[str, float]:
    found: dict[str, float] = {}
    for each in _models_sharing_documents(model):
        _walk(each.get_search_fields(), kind, "", found)
    if only is not None:
        found = {name: boost for name, boost in found.items() if name in set(only)}
    return {prefix + name: boost for name, boost in found.items()}
