"""Field facets of the site search (department, collection stage, tag …),
declared by the apps through the ``deskbook_search_facets`` hook."""

import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError

from deskbook.core import hooks

logger = logging.getLogger(__name__)

# Query-string names the search page already uses for itself.
RESERVED_KEYS = {"q", "page", "kind", "verbatim"}
MAX_VALUE_CHARS = 100
# Values a facet lists before "more": a page with 150 tags stays readable.
FEW = 8


@dataclass(frozen=True)
class SearchFacet:
    """One page model's filter field, offered as a facet under ``key``."""

    key: str
    label: str
    model_label: str
    field_name: str
    choices: tuple[tuple, ...] = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def spans_relation(self) -> bool:
        """A field of related rows (``tags__slug``): a page may have many values."""
        return "__" in self.field_name

    def parse(self, raw: str):
        """The field value a query-string value names; ValueError if it names none."""
        try:
            return self.model_field().to_python(raw[:MAX_VALUE_CHARS])
        except (FieldDoesNotExist, ValidationError) as error:
            raise ValueError(raw) from error

    def model_field(self):
        """The model field the facet reads (across relations)."""
        model, *path, name = [self.model, *self.field_name.split("__")]
        for step in path:
            model = model._meta.get_field(step).related_model
            if model is None:
                raise FieldDoesNotExist(step)
        return model._meta.get_field(name)

    def value_label(self, value) -> str:
        return dict(self.choices).get(value, str(value))


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    """A facet as the search page shows it: options that have hits, with counts."""

    key: str
    label: str
    options: list[FacetOption]
    all_url: str
    all_count: int | None = None
    few: int = FEW

    @property
    def selected(self) -> bool:
        return any(option.selected for option in self.options)

    @property
    def first(self) -> list[FacetOption]:
        """The values listed at once: the ``few`` with most hits and any that
        are selected, in the facet's order."""
        return [o for o in self.options if self._is_first(o)]

    @property
    def more(self) -> list[FacetOption]:
        """The rest, behind "more"."""
        return [o for o in self.options if not self._is_first(o)]

    def _is_first(self, option: FacetOption) -> bool:
        return option.selected or option.value in self._most_hits

    @cached_property
    def _most_hits(self) -> set[str]:
        # Ties go to the value the facet lists first.
        ranked = sorted(enumerate(self.options), key=lambda pair: -pair[1].count)
        return {option.value for _, option in ranked[: self.few]}


def facet_group(
    *,
    key: str,
    label: str,
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    url_for: Callable[[str | None], str],
    selected: Collection[str] = (),
    order: Iterable[str] | None = None,
    all_count: int | None = None,
) -> FacetGroup | None:
    """A facet as a page shows it: the values with hits, most hits first (ties
    by value) unless ``order`` is given; None when no value has a hit.

    ``url_for(value)`` links a value, ``url_for(None)`` the facet's "all".
    """
    values = [value for value in (order or counts) if counts.get(value)]
    if not values:
        return None
    if order is None:
        values.sort(key=lambda value: (-counts[value], value))
    return FacetGroup(
        key=key,
        label=label,
        options=[
            FacetOption(
                value=value,
                label=labels.get(value, value),
                count=counts[value],
                url=url_for(value),
                selected=value in selected,
            )
            for value in values
        ],
        all_url=url_for(None),
        all_count=all_count,
    )


def search_facets() -> dict[str, list[SearchFacet]]:
    """Declared facets by key, in hook order."""
    facets: dict[str, list[SearchFacet]] = {}
    for contribution in hooks.run(hooks.SEARCH_FACETS):
        for key, label, model_label, field_name, choices in contribution:
            if key in RESERVED_KEYS:
                logger.warning("Search facet %r ignored: the name is taken", key)
                continue
            if callable(choices):
                choices = choices()
            facet = SearchFacet(
                key, label, model_label, field_name, tuple(dict(choices or {}).items())
            )
            facets.setdefault(key, []).append(facet)
    return facets
