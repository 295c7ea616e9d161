from bs4 import BeautifulSoup


def time_zone_choices(response):
    select = BeautifulSoup(response.content, "html.parser").find(
        "select", attrs={"name": "locale-current_time_zone"}
    )
    return [option["value"] for option in select.find_all("option")]


def test_account_page_offers_only_real_time_zone_names(client_as):
    response = client_as("Collector").get("/admin/account/")

    assert response.status_code == 200
    choices = time_zone_choices(response)
    # "localtime" is a file in Debian's zoneinfo folder, not a zone browsers know.
    assert "localtime" not in choices
    assert choices[:3] == ["", "Africa/Abidjan", "Africa/Accra"]
    assert {"Asia/Singapore", "Asia/Kuala_Lumpur", "UTC"} <= set(choices)
