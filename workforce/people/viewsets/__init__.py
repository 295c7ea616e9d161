"""Admin viewsets of people and teams, all in the *Workforce* menu."""

from .moves import TeamMoveViewSet
from .partners import PartnerAgencyViewSet
from .resignations import ResignationViewSet
from .staff import StaffViewSet
from .staff_import import StaffImportViewSet
from .teams import TeamViewSet

PEOPLE_VIEWSETS = [
    StaffViewSet("staff"),
    TeamViewSet("teams"),
    PartnerAgencyViewSet("partners"),
    TeamMoveViewSet("moves"),
    ResignationViewSet("resignations"),
    StaffImportViewSet(),
]
