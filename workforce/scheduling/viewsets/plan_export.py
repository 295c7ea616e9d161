"""A team's plan for a week or a month as CSV or XLSX: a row a person, a
column a day, each cell the shift's code and times."""

from django.http import Http404
from django.views.generic import View
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from deskbook.core.exports import SAFE_TEXT

from ..selectors import plan_grid
from .plan_actions import PlanActionMixin
from .plan_grid import describe_cell


class PlanExportView(PlanActionMixin, SpreadsheetExportMixin, View):
    custom_value_preprocess = SAFE_TEXT

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            raise Http404("Ask for ?export=csv or ?export=xlsx")
        grid = plan_grid(
            team=self.team, first_day=self.period.first, last_day=self.period.last
        )
        days = [day.isoformat() for day in grid.days]
        self.list_export = ["name", "employee_number", *days]
        self.export_headings = {
            "name": "Name",
            "employee_number": "Employee number",
            **{day.isoformat(): f"{day:%a %Y-%m-%d}" for day in grid.days},
        }
        rows = [
            {
                "name": row.staff.full_name,
                "employee_number": row.staff.employee_number,
                **{
                    cell.day.isoformat(): describe_cell(cell, by_code=True)
                    for cell in row.cells
                },
            }
            for row in grid.rows
        ]
        return self.as_spreadsheet(rows, request.GET["export"])

    def get_filename(self):
        return f"plan-{self.team.slug}-{self.period.first:%Y-%m-%d}-{self.period.kind}"

    def to_row_dict(self, item):
        return item
