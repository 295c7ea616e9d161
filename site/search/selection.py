"""What a visitor narrowed a search to: a kind and facet values."""

from urllib.parse import urlencode

from django.db.models import Q, QuerySet

from .facets import SearchFacet
from .kinds import SearchKind


class Selection:
    """The query, kind and facet values of one search request, as filters and links."""

    def __init__(
        self,
        query: str,
        params,
        kinds: list[SearchKind],
        facets: dict[str, list[SearchFacet]],
    ):
        self.query = query
        # The visitor asked for their own spelling, not a correction.
        self.verbatim = params.get("verbatim") == "1"
        self.kind = next((k for k in kinds if k.key == params.get("kind")), None)
        # key -> (the value as typed, [(facet, value) for each model that has it])
        self.picks: dict[str, tuple[str, list[tuple[SearchFacet, object]]]] = {}
        for key, declared in facets.items():
            raw = params.get(key, "")
            parsed = []
            for facet in declared if raw else []:
                try:
                    parsed.append((facet, facet.parse(raw)))
                except ValueError:
                    continue
            if parsed:
                self.picks[key] = (raw, parsed)

    @property
    def is_narrowed(self) -> bool:
        return self.kind is not None or bool(self.picks)

    def narrow(self, pages: QuerySet, *, leave_out: str | None = None) -> QuerySet:
        """``pages`` limited to the selection, except the ``leave_out`` facet
        (whose own counts are being computed)."""
        if self.kind is not None and leave_out != "kind":
            pages = pages.filter(content_type_id__in=self.kind.content_type_ids())
        for key, (_, parsed) in self.picks.items():
            if key == leave_out:
                continue
            having = Q()
            for facet, value in parsed:
                keys = facet.model.objects.filter(**{facet.field_name: value})
                having |= Q(pk__in=keys.values("pk"))
            pages = pages.filter(having)
        return pages

    def url(self, **changes) -> str:
        """A link to this search with some parameters changed (None removes one)."""
        params = {"q": self.query}
        if self.verbatim:
            params["verbatim"] = "1"
        if self.kind is not None:
            params["kind"] = self.kind.key
        params.update({key: raw for key, (raw, _) in self.picks.items()})
        params.update(changes)
        return "?" + urlencode({k: v for k, v in params.items() if v is not None})
