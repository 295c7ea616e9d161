import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from kb.models import SOPCategoryPage, SOPPage, SOPVersion
from kb.services.sop_import import SOPImportFailed, sop_import

pytestmark = pytest.mark.usefixtures("site_tree")


def sop_file(folder: Path, name: str, body: str = "## Steps\n\n1. Call.\n", **meta):
    meta = {
        "title": name.replace("-", " ").capitalize(),
        "summary": "What it is for.",
        "department": "operations",
        **meta,
    }
    front = "\n".join(f"{key}: {value}" for key, value in meta.items())
    (folder / f"{name}.md").write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")


@pytest.fixture
def owner(user_with_role):
    return user_with_role("Team lead", username="teamlead")


def run(folder, *args) -> str:
    out = io.StringIO()
    call_command("import_sops", str(folder), *args, stdout=out, stderr=out)
    return out.getvalue()


def test_import_creates_sop_pages_with_their_fields(tmp_path, owner):
    sop_file(
        tmp_path,
        "first-reminder-call",
        category="Calls and contact",
        stage="pre",
        segment="first-time-default",
        tags="[calls, disclosure]",
        owner="teamlead",
        review_interval_months=6,
        related="[right-party-verification]",
        last_reviewed="2026-01-31",
    )
    sop_file(tmp_path, "right-party-verification", department="administrative")
    output = run(tmp_path)
    assert "2 SOP(s) were created, 0 updated, 0 moved, 0 unchanged." in output
    page = SOPPage.objects.get(slug="first-reminder-call")
    assert page.live and page.get_parent().specific_class is SOPCategoryPage
    assert page.get_parent().title == "Calls and contact"
    assert (page.stage, page.segment, page.procedure_owner) == (
        "pre",
        "first-time-default",
        owner,
    )
    assert sorted(page.tags.names()) == ["calls", "disclosure"]
    assert [link.sop.slug for link in page.related_links.all()] == [
        "right-party-verification"
    ]
    assert {g.name for g in page.audience.all()} == {"Collector", "Team lead"}
    assert str(page.status.review_by) == "2026-07-31"
    version = page.status.current_version
    assert version.number == 1 and version.requires_acknowledgement
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1


def test_an_sop_may_be_written_for_scam_related_debtors(tmp_path, owner):
    sop_file(tmp_path, "caller-reports-a-scam", segment="scam-related")
    assert "1 SOP(s) were created" in run(tmp_path)
    page = SOPPage.objects.get(slug="caller-reports-a-scam")
    assert page.segment == "scam-related"
    assert page.get_segment_display() == "Scam-related"


def test_a_rerun_changes_nothing_and_a_changed_file_gets_one_new_revision(
    tmp_path, owner
):
    sop_file(tmp_path, "proof-of-debt")
    sop_file(tmp_path, "warrant-to-act")
    run(tmp_path)
    revisions = Revision.objects.count()
    assert "0 updated, 0 moved, 2 unchanged" in run(tmp_path)
    assert Revision.objects.count() == revisions
    sop_file(tmp_path, "proof-of-debt", body="## Steps\n\n1. Call twice.\n")
    assert "1 updated, 0 moved, 1 unchanged" in run(tmp_path)
    assert Revision.objects.count() == revisions + 1
    page = SOPPage.objects.get(slug="proof-of-debt")
    assert "Call twice" in page.body
    assert page.status.required_version.number == 2


def test_minor_import_does_not_ask_for_acknowledgement_again(tmp_path, owner):
    sop_file(tmp_path, "proof-of-debt")
    run(tmp_path)
    sop_file(tmp_path, "proof-of-debt", body="## Steps\n\n1. Call, politely.\n")
    run(tmp_path, "--minor")
    page = SOPPage.objects.get(slug="proof-of-debt")
    assert page.status.current_version.number == 2
    assert page.status.required_version.number == 1


def test_dry_run_reports_and_writes_nothing(tmp_path, owner):
    sop_file(tmp_path, "proof-of-debt")
    output = run(tmp_path, "--dry-run")
    assert "1 SOP(s) would be created" in output
    assert "created: proof-of-debt" in output
    assert not SOPPage.objects.exists() and not SOPVersion.objects.exists()


PROBLEMS = [
    ("bad-yaml", "---\ntitle: [unclosed\n---\nBody", "front matter is not valid YAML"),
    ("no-front", "Just text", "no front matter"),
    ("dept", None, "[department]: unknown department 'legal'"),
    ("owner", None, "[owner]: unknown owner 'nobody'"),
    ("related", None, "[related]: no SOP with the slug 'missing'"),
    ("interval", None, "[review_interval_months]: must be between 1 and 36"),
    ("typo", None, "[titel]: unknown key"),
    ("empty", None, "is empty"),
]


def write_problem(folder, name, text):
    if text is not None:
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
        return
    meta = {
        "dept": {"department": "legal"},
        "owner": {"owner": "nobody"},
        "related": {"related": "[missing]"},
        "interval": {"review_interval_months": 99},
        "typo": {"titel": "x"},
    }.get(name, {})
    sop_file(folder, name, body="" if name == "empty" else "Text", **meta)


@pytest.mark.parametrize(("name", "text", "message"), PROBLEMS)
def test_each_problem_is_reported_by_file_and_nothing_is_imported(
    tmp_path, owner, name, text, message
):
    sop_file(tmp_path, "a-good-one")
    write_problem(tmp_path, name, text)
    with pytest.raises(SOPImportFailed) as failure:
        sop_import(folder=tmp_path)
    reported = [str(problem) for problem in failure.value.problems]
    assert any(p.startswith(f"{name}.md") and message in p for p in reported), reported
    assert not SOPPage.objects.exists()


def test_duplicate_slugs_are_refused(tmp_path, owner):
    (tmp_path / "sub").mkdir()
    sop_file(tmp_path, "letter-of-demand")
    sop_file(tmp_path / "sub", "letter-of-demand")
    sop_file(tmp_path, "other", slug="letter-of-demand")
    with pytest.raises(SOPImportFailed) as failure:
        sop_import(folder=tmp_path)
    assert sum("also used by" in str(p) for p in failure.value.problems) == 2


def test_command_lists_every_problem_and_fails(tmp_path, owner):
    sop_file(tmp_path, "one", department="legal")
    sop_file(tmp_path, "two", owner="nobody")
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_sops", str(tmp_path), stdout=out, stderr=out)
    assert "one.md [department]" in out.getvalue()
    assert "two.md [owner]" in out.getvalue()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_sops", str(tmp_path / "nope"), stdout=out, stderr=out)
    assert "nope: no such folder" in out.getvalue()


@pytest.mark.usefixtures("search_indexing_off")  # 50 pages; searching is not the point
def test_progress_is_printed_for_large_folders(tmp_path, owner):
    for n in range(50):
        sop_file(tmp_path, f"sop-{n:02d}")
    output = run(tmp_path)
    assert "published 25/50" in output and "published 50/50" in output


def test_demo_sops_import_cleanly():
    folder = Path(__file__).parents[2] / "kb" / "demo" / "sops"
    from django.contrib.auth import get_user_model

    for username in ("manager", "teamlead", "trainer", "qa", "editor"):
        get_user_model().objects.create_user(username)
    report = sop_import(folder=folder, dry_run=True)
    assert report.count("created") >= 30
