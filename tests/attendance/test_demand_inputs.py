"""The staffing inputs: portfolio buckets and the inbound forecast, their
admin pages and the forecast import (all or nothing, row by row)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from workforce.attendance.models import (
    AttendanceSettings,
    InboundForecast,
    PortfolioBucket,
)
from workforce.attendance.services import ForecastImportFailed, inbound_forecast_import

BUCKETS = "/admin/workforce/portfolio-buckets/"
FORECAST = "/admin/workforce/inbound-forecast/"
UPLOAD = "/admin/workforce/inbound-forecast/import/"

GOOD = (
    "team,day,interval_start,calls,aht_seconds\n"
    "desk-early,2026-03-02,08:00,100,180\n"
    "Desk early,02/03/2026,08:30,120.5,200\n"
)


def upload(text: str, name="forecast.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_a_forecast_imports_by_team_slug_or_name(floor):
    report = inbound_forecast_import(source=upload(GOOD), filename="forecast.csv")
    assert (report.new, report.replaced) == (2, 0)
    rows = list(
        InboundForecast.objects.values_list(
            "team__slug", "day", "interval_start", "calls", "aht_seconds"
        )
    )
    assert rows == [
        (
            "desk-early",
            datetime.date(2026, 3, 2),
            datetime.time(8),
            Decimal("100.0"),
            180,
        ),
        (
            "desk-early",
            datetime.date(2026, 3, 2),
            datetime.time(8, 30),
            Decimal("120.5"),
            200,
        ),
    ]
    again = inbound_forecast_import(source=upload(GOOD), filename="forecast.csv")
    assert (again.new, again.replaced) == (0, 2)
    assert InboundForecast.objects.count() == 2


def test_a_bad_forecast_imports_nothing_and_says_why_row_by_row(floor):
    text = (
        "team,day,interval_start,calls,aht_seconds\n"
        "desk-early,2026-03-02,08:00,100,180\n"
        "nowhere,2026-03-02,08:15,-3,0\n"
        "desk-early,someday,09:00,ten,180.5\n"
    )
    with pytest.raises(ForecastImportFailed) as failed:
        inbound_forecast_import(source=upload(text), filename="forecast.csv")
    assert [str(p) for p in failed.value.problems] == [
        "row 3, column team: no team 'nowhere'",
        "row 3, column interval_start: not a half-hour start: '08:15' (e.g. 08:30)",
        "row 3, column calls: not a number of calls: '-3'",
        "row 3, column aht_seconds: not a whole number of seconds: '0'",
        "row 4, column day: not a date: 'someday'",
        "row 4, column calls: not a number of calls: 'ten'",
        "row 4, column aht_seconds: not a whole number of seconds: '180.5'",
    ]
    assert InboundForecast.objects.count() == 0


def test_a_missing_column_and_a_wrong_file_type_are_reported(floor):
    with pytest.raises(ForecastImportFailed) as failed:
        inbound_forecast_import(
            source=upload("team,day,calls\n"), filename="forecast.csv"
        )
    assert [str(p) for p in failed.value.problems] == [
        "row 1: missing column: interval_start",
        "row 1: missing column: aht_seconds",
    ]
    with pytest.raises(ForecastImportFailed):
        inbound_forecast_import(source=upload(GOOD), filename="forecast.txt")


def test_the_command_imports_and_refuses_a_bad_file(floor, tmp_path, capsys):
    good = tmp_path / "forecast.csv"
    good.write_text(GOOD)
    call_command("import_inbound_forecast", str(good), "--dry-run")
    assert InboundForecast.objects.count() == 0
    call_command("import_inbound_forecast", str(good))
    assert "2 new, 0 replaced" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("team,day,interval_start,calls,aht_seconds\nx,2026-03-02,8,1,1\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_inbound_forecast", str(bad))


def test_a_manager_uploads_a_forecast_and_a_bad_one_shows_its_problems(client, floor):
    client.force_login(floor["manager"])
    bad = client.post(
        UPLOAD,
        {
            "spreadsheet": upload(
                "team,day,interval_start,calls,aht_seconds\nx,2026-03-02,08:00,1,1\n"
            )
        },
    )
    assert bad.status_code == 200
    assert "row 2, column team: no team" in bad.text
    response = client.post(UPLOAD, {"spreadsheet": upload(GOOD)})
    assert response.status_code == 302
    assert InboundForecast.objects.count() == 2


def test_a_lead_sees_the_inputs_but_may_not_change_them(client, floor):
    PortfolioBucket.objects.create(
        team=floor["team"],
        bucket="1-30 DPD",
        accounts=1000,
        attempts_per_account_per_day=Decimal("1.5"),
        handle_seconds=60,
    )
    client.force_login(floor["lead"])
    listing = client.get(BUCKETS)
    assert listing.status_code == 200 and "1-30 DPD" in listing.text
    assert client.get(FORECAST).status_code == 200
    assert client.get(BUCKETS + "new/").status_code == 403
    assert client.get(UPLOAD).status_code == 403


def test_a_manager_adds_a_bucket_and_a_bad_time_zone_is_a_form_error(client, floor):
    client.force_login(floor["manager"])
    fields = {
        "team": floor["team"].pk,
        "bucket": "31-60 DPD",
        "debtor_time_zone": "Asia/Atlantis",
        "accounts": 500,
        "attempts_per_account_per_day": "2",
        "handle_seconds": 90,
    }
    refused = client.post(BUCKETS + "new/", fields)
    assert refused.status_code == 200
    assert "is not a time zone" in refused.text
    fields["debtor_time_zone"] = "Asia/Jayapura"
    assert client.post(BUCKETS + "new/", fields).status_code == 302
    assert PortfolioBucket.objects.get().debtor_time_zone == "Asia/Jayapura"


@pytest.mark.parametrize("url", [BUCKETS, FORECAST, UPLOAD])
def test_a_collector_is_refused(client, floor, url):
    client.force_login(floor["aisyah_user"])
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, floor):
    response = client.get(BUCKETS)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_settings_default_to_the_usual_floor_and_refuse_a_backward_window(db):
    settings = AttendanceSettings.load()
    assert (
        settings.service_level_percent,
        settings.answer_within_seconds,
        settings.max_occupancy_percent,
        settings.shrinkage_percent,
        settings.calling_window_opens,
        settings.calling_window_closes,
    ) == (80, 20, 85, 30, datetime.time(8), datetime.time(21))
    settings.calling_window_closes = datetime.time(7)
    with pytest.raises(ValidationError):
        settings.full_clean()


def test_a_forecast_interval_starts_on_the_half_hour(floor):
    row = InboundForecast(
        team=floor["team"],
        day=datetime.date(2026, 3, 2),
        interval_start=datetime.time(8, 10),
        calls=1,
        aht_seconds=100,
    )
    with pytest.raises(ValidationError, match="hour or half hour"):
        row.full_clean()
