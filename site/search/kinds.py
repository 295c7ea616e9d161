"""The "kind" facet of the site search (SOP, lesson, article), declared by the
apps through the ``deskbook_search_kinds`` hook."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from deskbook.core import hooks


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str
    model_labels: tuple[str, ...]

    def content_type_ids(self) -> set[int]:
        models = [apps.get_model(label) for label in self.model_labels]
        return {ct.id for ct in ContentType.objects.get_for_models(*models).values()}


def search_kinds() -> list[SearchKind]:
    return [
        SearchKind(key, label, tuple(model_labels))
        for contribution in hooks.run(hooks.SEARCH_KINDS)
        for key, label, model_labels in contribution
    ]


def kind_labels(kinds: list[SearchKind]) -> dict[int, str]:
    """Kind label by content type id, to label each hit."""
    return {ct: kind.label for kind in kinds for ct in kind.content_type_ids()}
