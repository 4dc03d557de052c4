"""Registry records in the catalogue: linked by intervention name, kept when they name no drug, merged only on
a registry ID with every disagreeing value kept beside its source, offered as "may be the same study", the
CLI's review and the incremental update equal to a full build."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from catalogue_helpers import CORPUS, answers, full_build

from PySide6.QtWidgets import QTextBrowser

from desktop import cli
from desktop.catalogue import Catalogue, accept, remove, review
from desktop.store import Store, TrialQuery
from desktop.store.results import NO_DRUG

RECORDS = Path(__file__).parent / "registry"


@pytest.fixture()
def catalogue(tmp_path, monkeypatch, seed_db) -> Catalogue:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("DRUGREF_DB", str(seed_db))
    return Catalogue(tmp_path / "xdg" / "DrugRef")


def test_review_links_each_study_and_names_skipped_records(catalogue):
    (document,) = review(catalogue, [RECORDS / "page.json"]).documents
    assert document.problem is None and document.shape == "registry-json"
    assert "NCT04646044: Bempegaldesleukin, linked by intervention name 'NKTR-214'" in document.studies
    assert any(line.startswith("NCT06112301: not linked to a drug") for line in document.studies)
    assert {d.name for d in document.drugs} == {"Aldesleukin", "Bempegaldesleukin"}
    assert any("record 3: no NCT number" in why for _, why in document.record_notes)


def test_a_record_disagreeing_with_a_bundled_trial_keeps_all_three_statuses(catalogue):
    plan = review(catalogue, [RECORDS / "page.json"])
    conflicts = {(c.catalogue_value, c.new_value.split(" (")[0]) for c in plan.documents[0].conflicts
                 if c.subject == "NCT05727904 status"}
    assert conflicts == {("Authorised", "Active, not recruiting"), ("Recruiting", "Active, not recruiting")}
    accept(catalogue, plan)
    with Store(catalogue.database) as store:
        trial = store.find_trial("NCT05727904")
        statuses = {(value, prov.source, prov.line_start) for value, _, prov in trial.statements("status")}
        assert ("Authorised", "002_12ec28ba8c7864ed.txt", 88) in statuses
        assert ("Recruiting", "002_12ec28ba8c7864ed.txt", 162) in statuses
        (registry,) = [s for s in trial.statements("status") if s[2].source == "page.json"]
        assert registry[:2] == ("Active, not recruiting", "ACTIVE_NOT_RECRUITING")
        assert registry[2].section == "studies[4].protocolSection.statusModule.overallStatus"
        assert {v for v, _, _ in trial.statements("enrollment")} == {"810", "670"}
        assert trial.drug == "Aldesleukin" and trial.status == "Authorised"  # the document's word stays primary


def test_linked_by_code_name_unlinked_kept_and_may_be_the_same_study(catalogue):
    accept(catalogue, review(catalogue, [RECORDS / "page.json"]))
    with Store(catalogue.database) as store:
        linked = store.find_trial("NCT04646044")
        assert linked.drug == "Bempegaldesleukin" and linked.sponsor == "Nektar Therapeutics"
        assert store.find_trial("PIVOT-TEST").trial_id == "NCT04646044"  # by its acronym
        (unlinked,) = store.trials(TrialQuery(drug_id=NO_DRUG))
        assert (unlinked.trial_id, unlinked.drug_id, unlinked.drug_label) == ("NCT06112301", None, "not linked to a drug")
        # The ID-less MedPath row posted 2020/11/27, Phase 1, Completed (000, lines 54–56).
        (row,) = [t for t in store.trials(TrialQuery(drug_id="bempegaldesleukin"))
                  if t.trial_id is None and t.posted == "2020-11-27"]
        same = store.maybe_same(row.key)
        assert [(t.trial_id, "same posted date" in why) for t, why in same] == [("NCT04646044", True)]
        assert row.trial_id is None  # offered, never merged


def test_cli_dry_run_and_add_of_a_registry_file(catalogue, capsys):
    capsys.readouterr()
    assert cli.run(["add", str(RECORDS / "page.json"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "kind: ClinicalTrials.gov study records (JSON) (registry-json, detected)" in out
    assert "NCT04646044: Bempegaldesleukin, linked by intervention name 'NKTR-214'" in out
    assert "record 2 (NCT06200417): overallStatus: unknown value 'PAUSED_FOR_REVIEW'" in out
    assert "NCT05727904 status: catalogue 'Authorised' (002_12ec28ba8c7864ed.txt, line 88)" in out
    assert not catalogue.database.exists()
    assert cli.run(["add", str(RECORDS / "page.json")]) == 0
    out = capsys.readouterr().out
    assert "NCT06112301 (not linked to a drug)" in out
    assert cli.run(["trials", "--drug", "unlinked", "--format", "csv"]) == 0
    assert "NCT06112301" in capsys.readouterr().out


def test_malformed_and_oversized_files_are_refused(catalogue, tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as file:  # sparse: over the limit without writing it
        file.write(b'{"studies": [')
        file.truncate(33 * 2**20)
    plan = review(catalogue, [RECORDS / "malformed.json", big])
    assert "column 72" in plan.documents[0].problem
    assert "over the 32 MB" in plan.documents[1].problem and not plan.acceptable


def assert_same_as_full_build(catalogue: Catalogue, tmp_path, words: list[str]) -> None:
    full = full_build(catalogue, tmp_path / "full.sqlite")
    with Store(catalogue.database_to_open()) as incremental, Store(full) as built:
        ours, theirs = answers(incremental, words), answers(built, words)
        assert incremental.trials(TrialQuery(drug_id=NO_DRUG)) or built.trials(TrialQuery(drug_id=NO_DRUG)) == []
        unlinked = [sorted(t.trial_id for t in s.trials(TrialQuery(drug_id=NO_DRUG))) for s in (incremental, built)]
    differing = [key for key in theirs if ours.get(key) != theirs[key]]
    assert not differing, f"incremental and full build differ in {differing}"
    assert unlinked[0] == unlinked[1]


def test_incremental_with_registry_files_equals_a_full_build(catalogue, tmp_path):
    accept(catalogue, review(catalogue, [RECORDS / "page.json"]))
    assert_same_as_full_build(catalogue, tmp_path / "1", ["tebentafusp", "nektar", "NCT05727904"])
    # A drug page naming pembrolizumab: the single study (nemvaleukin + pembrolizumab) then links to both.
    accept(catalogue, review(catalogue, [CORPUS / "ddp_pembrolizumab.txt", RECORDS / "single.json"]))
    assert_same_as_full_build(catalogue, tmp_path / "2", ["pembrolizumab", "ARTISTRY-TEST"])
    accept(catalogue, review(catalogue, [RECORDS / "list.json"]))
    remove(catalogue, "page.json")
    assert_same_as_full_build(catalogue, tmp_path / "3", ["tebentafusp", "proleukin"])
    with Store(catalogue.database) as store:
        assert store.find_trial("NCT06112301") is None
        assert {t.drug for t in store.trials(TrialQuery(text="NCT04830124"))} == {"Nemvaleukin alfa", "Pembrolizumab"}


def test_a_study_naming_no_drug_links_once_a_document_brings_its_drug(catalogue, tmp_path):
    accept(catalogue, review(catalogue, [RECORDS / "single.json"]))
    with Store(catalogue.database) as store:
        assert {t.drug for t in store.trials(TrialQuery(text="NCT04830124"))} == {"Nemvaleukin alfa"}
    accept(catalogue, review(catalogue, [CORPUS / "ddp_pembrolizumab.txt"]))
    assert_same_as_full_build(catalogue, tmp_path, ["pembrolizumab"])


def test_grid_columns_csv_and_dialog_carry_the_record_fields(catalogue, capsys):
    from desktop.models.trials_table import COLUMNS, cell_text
    from desktop.widgets.trial_dialog import trial_html

    accept(catalogue, review(catalogue, [RECORDS / "page.json"]))
    with Store(catalogue.database) as store:
        trial = store.find_trial("NCT04646044")
        cells = {column.key: cell_text(trial, column.key) for column in COLUMNS}
        assert (cells["sponsor"], cells["start"], cells["completion"], cells["why_stopped"], cells["results_posted"]) == (
            "Nektar Therapeutics", "2020-12-15", "2022-06", "Sponsor decision (test record)", "No")
        started = [t.trial_id for t in store.trials(TrialQuery(sort="start")) if t.start]
        assert started == ["NCT04646044", "NCT05727904"]
        # page.json: lastUpdatePostDateStruct 2023-01-10 and 2025-05-02; the other records give none.
        assert cells["last_updated"] == "2023-01-10"
        updated = [t.trial_id for t in store.trials(TrialQuery(sort="last_updated", descending=True)) if t.last_updated]
        assert updated == ["NCT05727904", "NCT04646044"]
        html = trial_html(trial, store.trial_passages(trial.key), lambda text: text)
        assert "Official title" in html and "80 Years" in html and "Bristol-Myers Squibb" in html
    capsys.readouterr()
    assert cli.run(["trials", "--text", "NCT04646044", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert "why_stopped" in header.split(",") and "official_title" in header.split(",")
    assert "Nektar Therapeutics" in row and "2020-12-15" in row


def test_a_registry_phase_is_stored_as_the_registry_codes_it_and_shown_beside_them(catalogue, capsys):
    """The database keeps the registry's own words for a phase; the grid, the dialog and the command line
    show DrugRef's words with the codes beside them, and the phase sorts among the prose trials' phases."""
    from desktop.models.trials_table import cell_text
    from desktop.widgets.trial_dialog import trial_html

    accept(catalogue, review(catalogue, [RECORDS / "list.json"]))
    with Store(catalogue.database) as store:
        both = store.find_trial("NCT05322213")
        assert (both.phase, both.phase_text) == ("1/2", "PHASE1, PHASE2")
        assert cell_text(both, "phase") == "Phase 1/2 (PHASE1, PHASE2)"
        assert "Phase 1/2 (PHASE1, PHASE2)" in trial_html(both, store.trial_passages(both.key), lambda text: text)
        assert cell_text(store.find_trial("NCT05092360"), "phase") == "Early Phase 1 (EARLY_PHASE1)"
        prose = store.find_trial("NCT05727904")  # the bundled overview's row, as its table words it
        assert prose.phase == "3" and cell_text(prose, "phase") == prose.phase_text == "Phase 3"
        ordered = [t.trial_id for t in store.trials(TrialQuery(sort="phase")) if t.phase]
        assert ordered.index("NCT05092360") < ordered.index("NCT05322213") < ordered.index("NCT05727904")
    capsys.readouterr()
    assert cli.run(["trials", "--text", "NCT05322213"]) == 0
    assert "Phase 1/2 (PHASE1, PHASE2)" in capsys.readouterr().out


def test_the_history_chart_can_place_trials_by_their_start_date(catalogue, qtbot):
    from desktop.render.trial_history import describe
    from desktop.widgets.trials_grid import TrialsGrid

    accept(catalogue, review(catalogue, [RECORDS / "page.json"]))
    with Store(catalogue.database_to_open()) as store:
        by_start = store.trial_history(TrialQuery(), by="start")
        started = [(p.trial_id, p.start) for p in by_start.points if p.start]
        assert started == [("NCT05727904", "2023-03"), ("NCT04646044", "2020-12-15")]  # latest first, as the records say
        assert "2 started 2020–2023" in describe(by_start)
        grid = TrialsGrid(store)
        qtbot.addWidget(grid)
        grid.show()
        grid.set_chart_visible(True)
        assert grid.place_by.isVisible()
        grid.place_by.setCurrentIndex(grid.place_by.findData("start"))
        qtbot.waitUntil(lambda: grid.history_model.history.by == "start")
        assert grid.history_model.history.points[0].trial_id == "NCT05727904"


def test_the_chart_s_hover_text_words_a_registry_s_codes_as_the_dialog_does(catalogue):
    from desktop.render.trial_history import point_text, tooltip_html

    accept(catalogue, review(catalogue, [RECORDS / "page.json"]))
    with Store(catalogue.database_to_open()) as store:
        point = next(p for p in store.trial_history(TrialQuery(text="NCT04646044")).points)
        assert "Phase: Phase 1 (PHASE1)<br>Status: Completed (COMPLETED)" in tooltip_html(point)
        assert point_text(point).startswith("NCT04646044: Phase 1 (PHASE1), Completed (COMPLETED), posted 2020-11-27")


def test_with_no_start_date_anywhere_the_chart_offers_no_choice(store, qtbot):
    from desktop.widgets.trials_grid import TrialsGrid

    grid = TrialsGrid(store)  # the bundled sources give no start dates
    qtbot.addWidget(grid)
    grid.show()
    grid.set_chart_visible(True)
    assert not grid.place_by.isVisible()


def test_a_record_naming_none_of_a_trials_drugs_joins_the_trial_its_number_names(catalogue):
    """NCT05727904 is an aldesleukin trial in the bundled overview (002 line 88); this record lists only
    lifileucel and pembrolizumab, which the catalogue has no drug for. It joins the trial all the same —
    one number, one row — and its status stands beside the overview's, each with its source."""
    (document,) = review(catalogue, [RECORDS / "by_number.json"]).documents
    assert document.studies == ["NCT05727904: Aldesleukin, linked by registry number 'NCT05727904' "
                                "(a trial the catalogue holds)"]
    assert {c.subject for c in document.conflicts} >= {"NCT05727904 status"}
    accept(catalogue, review(catalogue, [RECORDS / "by_number.json"]))
    with Store(catalogue.database_to_open()) as store:
        rows = [t for t in store.trials(TrialQuery(text="NCT05727904"))]
        assert [(t.trial_id, t.drug) for t in rows] == [("NCT05727904", "Aldesleukin")]
        statuses = {value.value for value in rows[0].values if value.field == "status"}
        assert {"Recruiting", "Active, not recruiting"} <= statuses | {rows[0].status}
        assert store.count_trials(TrialQuery(drug_id=NO_DRUG)) == 0


def test_linking_by_number_is_the_same_in_an_incremental_add_and_a_full_build(catalogue, tmp_path):
    """The record joins aldesleukin's trial by its number; a drug page that holds the trial too, added
    later, and the page's removal leave the catalogue as a full build of the same documents would."""
    accept(catalogue, review(catalogue, [RECORDS / "by_number.json"]))
    assert_same_as_full_build(catalogue, tmp_path / "1", ["NCT05727904", "lifileucel", "TILVANCE-TEST"])
    accept(catalogue, review(catalogue, [CORPUS / "ddp_lifileucel.txt", RECORDS / "page.json"]))
    assert_same_as_full_build(catalogue, tmp_path / "2", ["NCT05727904", "lifileucel", "nektar"])
    remove(catalogue, "page.json")
    assert_same_as_full_build(catalogue, tmp_path / "3", ["NCT05727904", "lifileucel"])


def test_the_trial_dialog_shows_each_registry_value_with_the_registrys_code_beside_it(catalogue, qtbot):
    from desktop.widgets.trial_dialog import TrialDialog

    accept(catalogue, review(catalogue, [RECORDS / "page.json"]))
    with Store(catalogue.database_to_open()) as store:
        row = store.trials(TrialQuery(text="NCT04646044"))[0]
        dialog = TrialDialog(store, row.key, store.glossary())
        qtbot.addWidget(dialog)
        shown = " ".join(pane.toPlainText() for pane in dialog.findChildren(QTextBrowser))
        assert "2020-004211-37 (EUDRACT_NUMBER)" in shown  # the number, not only what kind of number it is
        assert "Completed (COMPLETED)" in shown and "No (false)" in shown


@pytest.mark.parametrize("wanted", ["(?1)", "(SELECT value FROM json_each(?1))"])
def test_linking_studies_seeks_the_keys_it_is_given(seed_db, wanted):
    """Finding which drugs a page of studies names is index seeks for their keys, never a read of every look-up
    row: at 10,000 drugs and 500,000 trials that read took 1.4 s, once per key when a page was reviewed."""
    import sqlite3

    from desktop.store.registry_links import link_rows

    with sqlite3.connect(seed_db) as connection:
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN SELECT * FROM ({link_rows(wanted)})", ("x",))]
    big = ("lookup", "l", "trials", "t", "trial_passages", "p")  # a million rows and more in a large catalogue
    assert not [step for step in plan if step.startswith("SCAN") and step.split()[1] in big], plan


# ---- what the records hold that DrugRef does not read -----------------------------------------------------

def test_the_review_and_the_dry_run_list_the_fields_not_read_apart_from_the_values_left_out(catalogue, capsys):
    from desktop.widgets.review_dialog import document_rows

    (document,) = review(catalogue, [RECORDS / "unread.json"]).documents
    assert document.record_notes == []  # nothing left out for a reason
    assert (33, "descriptionModule.briefSummary (2 records)") in document.unread_fields
    groups = {title: rows for title, _, rows in document_rows(document)}
    assert ("line 27", "oversightModule (1 record)") in groups["Not read by DrugRef, kept in the file (9)"]
    (page,) = review(catalogue, [RECORDS / "page.json"]).documents
    seen = {title: rows for title, _, rows in document_rows(page)}
    assert len(seen["Seen but not taken (7)"]) == 7  # the values left out, each with why, not lost among the rest
    assert ("line 120", "contactsLocationsModule.locations[*].city (1 record)") in \
        seen["Not read by DrugRef, kept in the file (5)"]
    capsys.readouterr()
    assert cli.run(["add", str(RECORDS / "unread.json"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "  records skipped or values left out: none\n  fields not read by DrugRef (kept in the file): 9\n" in out
    assert "    line 80: contactsLocationsModule.locations[*].city (1 record)\n" in out


def _unread_links(html: str) -> dict[str, tuple[str, str]]:
    """field → (what the dialog shows of it, its [source] link's href), from the dialog's list of fields not read."""
    listed = html.split("In the registry record, not read by DrugRef", 1)[1].split("<h3>", 1)[0]
    return {field: (said, href) for field, said, href in
            re.findall(r'<p><b>([^<]+)</b>(.*?) <a class="src" href="([^"]+)"', listed)}


def test_the_trial_dialog_lists_each_field_not_read_with_its_passage(catalogue, qtbot):
    from desktop.render.html import GlossaryLinker, parse_source_href
    from desktop.widgets.trial_dialog import TrialDialog, trial_html

    accept(catalogue, review(catalogue, [RECORDS / "unread.json"]))
    with Store(catalogue.database_to_open()) as store:
        trial = store.find_trial("NCT09900417")
        link = GlossaryLinker.from_entries(store.glossary())  # as the dialog links and escapes the source's text
        links = _unread_links(trial_html(trial, store.trial_passages(trial.key), link))
        assert list(links) == [
            "statusModule.statusVerifiedDate", "sponsorCollaboratorsModule.leadSponsor.class", "oversightModule",
            "descriptionModule.briefSummary", "armsInterventionsModule.armGroups",
            "armsInterventionsModule.interventions[*].armGroupLabels", "contactsLocationsModule.locations[*].facility",
            "contactsLocationsModule.locations[*].city", "derivedSection"]
        # Each link's passage is the lines that hold the field in the stored record.
        for field, begins in (("statusModule.statusVerifiedDate", '"statusVerifiedDate": "2025-01",'),
                              ("oversightModule", '"oversightModule": {'),
                              ("descriptionModule.briefSummary", '"briefSummary": "This record was written'),
                              ("armsInterventionsModule.armGroups", '"armGroups": ['),
                              ("contactsLocationsModule.locations[*].city", '"locations": ['),
                              ("derivedSection", '"derivedSection": {')):
            passage = store.passage(parse_source_href(links[field][1]))
            assert passage.source.id == "unread.json"
            assert passage.text.strip().startswith(begins), field
        cities = store.passage(parse_source_href(links["contactsLocationsModule.locations[*].city"][1])).text
        assert all(f'"city": "{city}"' in cities for city in ("Houston", "Toronto", "Boston"))
        assert links["contactsLocationsModule.locations[*].city"][0] == ": Houston; Toronto; Boston"
        assert links["oversightModule"][0] == ""  # an object: shown by its passage
        # The summary is source text: escaped, shortened with the whole behind its [source] link.
        summary, href = links["descriptionModule.briefSummary"]
        assert "&lt;b&gt;not bold&lt;/b&gt; &lt;img src=&quot;x&quot;&gt; &amp; an ampersand" in summary
        assert "END OF THE SYNTHETIC SUMMARY" not in summary and "characters more in the record]" in summary
        assert "END OF THE SYNTHETIC SUMMARY" in store.passage(parse_source_href(href)).text
        dialog = TrialDialog(store, trial.key, store.glossary())
        qtbot.addWidget(dialog)
        shown = dialog.browser.toPlainText()
        assert 'never drawn: <b>not bold</b> <img src="x"> & an ampersand' in shown  # as written, not drawn
        assert "contactsLocationsModule.locations[*].city: Houston; Toronto; Boston [source]" in shown


def test_a_trial_whose_records_hold_nothing_unread_lists_nothing(catalogue):
    from desktop.widgets.trial_dialog import trial_html

    with Store(catalogue.database_to_open()) as store:  # the bundled documents: no registry record
        trial = store.find_trial("NCT03729245")
        assert "not read by DrugRef" not in trial_html(trial, store.trial_passages(trial.key), lambda text: text)


def test_fields_not_read_are_in_the_json_export_only_and_an_incremental_add_equals_a_full_build(catalogue, tmp_path, capsys):
    from desktop.store.export import TRIAL_CSV_FIELDS

    accept(catalogue, review(catalogue, [RECORDS / "unread.json"]))
    capsys.readouterr()
    assert cli.run(["trials", "--text", "NCT09900417", "--format", "json"]) == 0
    (exported,) = json.loads(capsys.readouterr().out)
    assert [item["field"] for item in exported["not_read"]][:3] == [
        "statusModule.statusVerifiedDate", "sponsorCollaboratorsModule.leadSponsor.class", "oversightModule"]
    assert exported["not_read"][0]["provenance"]["section"] == "studies[0].protocolSection.statusModule.statusVerifiedDate"
    assert exported["status"] == "Recruiting" and exported["countries"] == "United States, Canada"
    assert cli.run(["trials", "--text", "NCT09900417", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert header.split(",") == list(TRIAL_CSV_FIELDS)  # no column of its own
    assert "Houston" not in row and "oversight" not in row
    assert_same_as_full_build(catalogue, tmp_path / "1", ["NCT09900417", "aldesleukin", "Houston"])
    # A record added after it joins aldesleukin too: the catalogue reads unread.json again from what it stored.
    accept(catalogue, review(catalogue, [RECORDS / "by_number.json"]))
    assert_same_as_full_build(catalogue, tmp_path / "2", ["NCT09900417", "NCT05727904"])
