"""Spreadsheet exports the admin offers (Wagtail's CSV/XLSX) made safe to open."""

from wagtail.admin.views.generic import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """Text a spreadsheet will not run: a cell starting with ``=`` (or + - @)
    would otherwise be a formula when the CSV is opened. (Wagtail's XLSX export
    already writes such text as text.)"""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


# For an IndexView's ``custom_value_preprocess``: every text cell of a CSV export.
SAFE_TEXT = {
    **IndexView.custom_value_preprocess,
    str: {IndexView.FORMAT_CSV: neutralise_formula},
}


def export_links(request) -> dict[str, str]:
    """``csv_url`` and ``xlsx_url``: the page's own filters with the export
    asked for, for a report's download links."""
    query = request.GET.copy()
    query.pop("export", None)
    return {
        f"{kind}_url": f"?{query.urlencode()}&export={kind}".replace("?&", "?")
        for kind in ("csv", "xlsx")
    }
