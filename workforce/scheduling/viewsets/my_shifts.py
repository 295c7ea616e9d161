"""*My shifts*: a person's month of published and cancelled shifts, the swaps
they offer, take or are asked for, and their calendar feed. It takes no
person's id: it only ever shows the signed-in person, and every action is
checked again by its service (which owns the shift or the swap)."""

import calendar
import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.refusals import RefusedWith403, refused_with_403
from workforce.people.selectors import staff_of

from ..admin_forms import SwapOfferForm
from ..calendar_feeds import calendar_feed_renew, calendar_feed_revoke
from ..models import CalendarFeed, Shift, ShiftSwap
from ..selectors import my_calendar, offers_open_to, swaps_of
from ..swaps import describe, swap_offer, swap_take, swap_withdraw

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def month_of(text: str | None, today: datetime.date) -> datetime.date:
    """The first day of the month ``text`` names (YYYY-MM), else this month's."""
    try:
        month = datetime.datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return today.replace(day=1)
    return month if 2000 <= month.year <= 2100 else today.replace(day=1)


def month_param(day: datetime.date) -> str:
    return f"{day:%Y-%m}"


def index_url(day: datetime.date | None = None) -> str:
    url = reverse("my_shifts:index")
    return f"{url}?month={month_param(day)}" if day else url


def times(shift: Shift) -> str:
    zone = timezone.get_default_timezone()
    start, end = shift.start.astimezone(zone), shift.end.astimezone(zone)
    return f"{start:%H:%M}–{end:%H:%M}"


def swap_state(swap: ShiftSwap, shift: Shift) -> str:
    """Where a shift's open swap stands, said to the shift's person."""
    if swap.shift_id == shift.pk:
        if swap.status == ShiftSwap.Status.TAKEN:
            return f"{swap.taken_by.full_name} takes it: awaiting approval"
        if swap.in_return_id:
            return f"Swap proposed to {swap.in_return.staff.full_name}"
        return "Offered to the team"
    if swap.status == ShiftSwap.Status.TAKEN:
        return f"Swap with {swap.offered_by.full_name}: awaiting approval"
    return f"{swap.offered_by.full_name} asks to swap it"


def feed_urls(feed: CalendarFeed | None) -> dict:
    if feed is None:
        return {}
    https = settings.DESKBOOK_PUBLIC_URL.rstrip("/") + reverse(
        "scheduling_shift_feed", args=[feed.token]
    )
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


class MyShiftsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "My shifts"
    header_icon = "calendar"
    template_name = "scheduling/my_shifts.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = staff_of(self.request.user)
        context["staff"] = staff
        if staff is None:
            return context
        now = timezone.now()
        today = timezone.localdate()
        month = month_of(self.request.GET.get("month"), today)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(
            month.year, month.month
        )
        shifts, open_swaps = my_calendar(
            viewer=self.request.user, first=weeks[0][0], last=weeks[-1][-1]
        )
        by_day: dict[datetime.date, list[dict]] = {}
        for shift in shifts:
            swap = open_swaps.get(shift.pk)
            by_day.setdefault(shift.day, []).append(
                {
                    "shift": shift,
                    "times": times(shift),
                    "cancelled": shift.status == Shift.Status.CANCELLED,
                    "swap": swap,
                    "swap_state": swap_state(swap, shift) if swap else "",
                    "may_offer": swap is None
                    and shift.status == Shift.Status.PUBLISHED
                    and shift.start > now,
                    "may_withdraw": swap is not None
                    and (swap.shift_id == shift.pk or swap.taken_by_id == staff.pk),
                }
            )
        previous = (month - datetime.timedelta(days=1)).replace(day=1)
        following = (month + datetime.timedelta(days=31)).replace(day=1)
        feed = CalendarFeed.objects.filter(staff=staff).first()
        context.update(
            month=month,
            today=today,
            weekdays=WEEKDAYS,
            weeks=[
                [
                    {
                        "day": day,
                        "in_month": day.month == month.month,
                        "shifts": by_day.get(day, []),
                    }
                    for day in week
                ]
                for week in weeks
            ],
            month_has_shifts=any(shift.day.month == month.month for shift in shifts),
            previous_month=previous,
            next_month=following,
            previous_url=index_url(previous),
            next_url=index_url(following),
            this_month_url=index_url(today) if month != today.replace(day=1) else "",
            offers=[
                {
                    "swap": offer,
                    "shift": describe(offer.shift),
                    "in_return": describe(offer.in_return) if offer.in_return else "",
                }
                for offer in offers_open_to(staff=staff, now=now)
            ],
            history=[
                {
                    "swap": swap,
                    "shift": describe(swap.shift),
                    "in_return": describe(swap.in_return) if swap.in_return else "",
                }
                for swap in swaps_of(staff=staff)
            ],
            feed=feed,
            feed_urls=feed_urls(feed),
        )
        return context


class SwapOfferView(RefusedWith403, WagtailAdminTemplateMixin, FormView):
    page_title = "Offer a shift"
    header_icon = "calendar"
    template_name = "scheduling/swap_offer.html"
    form_class = SwapOfferForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.staff = staff_of(request.user)
        self.shift = get_object_or_404(
            Shift.objects.select_related("team", "shift_type", "staff"),
            pk=kwargs["shift_pk"],
        )

    def check_allowed(self):
        if self.staff is None or self.shift.staff_id != self.staff.pk:
            raise PermissionDenied("You may offer only your own shifts.")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("my_shifts:index"), "label": "My shifts"},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "shift": self.shift, "offerer": self.staff}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "shift": self.shift,
            "shift_text": describe(self.shift),
            "back_url": index_url(self.shift.day),
        }

    def form_valid(self, form):
        try:
            swap_offer(
                shift=self.shift,
                by=self.request.user,
                in_return=form.cleaned_data["in_return"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for field, problems in _by_field(error).items():
                form.add_error(field if field in form.fields else None, problems)
            return self.form_invalid(form)
        if form.cleaned_data["in_return"]:
            colleague = form.cleaned_data["in_return"].staff.full_name
            messages.success(
                self.request, f"Swap proposed to {colleague}: they accept or say no."
            )
        else:
            messages.success(
                self.request,
                f"{describe(self.shift)} offered to {self.shift.team.name}.",
            )
        return redirect(index_url(self.shift.day))


def _by_field(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            field: [m for e in errors for m in e.messages]
            for field, errors in error.error_dict.items()
        }
    return {None: error.messages}


def _act(request, action, swap: ShiftSwap, done: str):
    try:
        action(swap=swap, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(index_url(swap.shift.day))


@refused_with_403
@require_POST
def swap_take_view(request, swap_pk):
    swap = get_object_or_404(
        ShiftSwap.objects.select_related("shift__shift_type", "offered_by"),
        pk=swap_pk,
    )
    return _act(
        request,
        swap_take,
        swap,
        f"You take {describe(swap.shift)} from {swap.offered_by.full_name}: "
        "a lead of the team approves or declines it.",
    )


@refused_with_403
@require_POST
def swap_withdraw_view(request, swap_pk):
    swap = get_object_or_404(
        ShiftSwap.objects.select_related("shift__shift_type"), pk=swap_pk
    )
    return _act(
        request, swap_withdraw, swap, f"Swap of {describe(swap.shift)} withdrawn."
    )


@refused_with_403
@require_POST
def calendar_feed_view(request):
    staff = staff_of(request.user)
    if staff is None:
        raise PermissionDenied("No staff record is linked to your sign-in.")
    if request.POST.get("action") == "revoke":
        calendar_feed_revoke(staff=staff, by=request.user)
        messages.success(
            request, "Calendar address stopped: calendars using it get no more updates."
        )
    else:
        had_one = CalendarFeed.objects.filter(staff=staff).exists()
        calendar_feed_renew(staff=staff, by=request.user)
        messages.success(
            request,
            "New calendar address made: the old one no longer works."
            if had_one
            else "Calendar address made: add it to your phone's calendar.",
        )
    return redirect(reverse("my_shifts:index") + "#calendar-feed")


class MyShiftsMenuItem(MenuItem):
    """Shown to everyone with a staff record: a person with no shift yet
    still sets up their calendar feed here."""

    def is_shown(self, request):
        return staff_of(request.user) is not None


class MyShiftsViewSet(ViewSet):
    """The signed-in person's own shifts: a top-level menu item, and the
    dashboard's *My shifts this week* leads here too."""

    name = "my_shifts"
    url_prefix = "my-shifts"
    icon = "calendar"
    menu_label = "My shifts"
    menu_order = 250
    add_to_admin_menu = True
    menu_item_class = MyShiftsMenuItem

    def get_urlpatterns(self):
        return [
            path("", MyShiftsView.as_view(), name="index"),
            path("offer/<int:shift_pk>/", SwapOfferView.as_view(), name="offer"),
            path("swaps/<int:swap_pk>/take/", swap_take_view, name="take"),
            path("swaps/<int:swap_pk>/withdraw/", swap_withdraw_view, name="withdraw"),
            path("calendar-feed/", calendar_feed_view, name="feed"),
        ]
