"""The registry reader on records written for these tests in ClinicalTrials.gov's JSON format (tests/registry/):
every field with its registry wording and its JSON path, the three shapes, and each fault named by record and field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.ingest.corpus import open_document, read_document
from desktop.ingest.document import SourceError
from desktop.ingest.kinds import detect
from desktop.ingest.registry import SHAPE
from desktop.ingest.registry_json import read_registry_text
from desktop.ingest.registry_unread import UNREAD_NOTE

RECORDS = Path(__file__).parent / "registry"


def read(name: str):
    text = (RECORDS / name).read_text(encoding="utf-8")
    doc = open_document(SHAPE, name, text)
    return doc, read_document(SHAPE, doc)


def values(trial) -> dict[str, list]:
    found: dict[str, list] = {}
    for value in trial.values:
        found.setdefault(value.field, []).append(value)
    return found


def test_every_field_of_a_page_record_with_its_wording_and_path():
    doc, extraction = read("page.json")
    trial = next(t for t in extraction.trials if t.trial_id == "NCT04646044")
    expected = {
        "title": "A Study of NKTR-214 in Patients With Advanced Solid Tumours (Synthetic Test Record)",
        "official_title": "A Phase 1, Open-label Study of NKTR-214 in Advanced Solid Tumours (test record written for DrugRef)",
        "programme": "PIVOT-TEST", "org_study_id": "ORG-6044", "other_ids": ["2020-004211-37"],
        "secondary_ids": ["FDA: IND 999001"], "status": "Completed", "status_text": "COMPLETED",
        "why_stopped": "Sponsor decision (test record)", "start": "2020-12-15", "start_text": "2020-12-15 (ACTUAL)",
        "primary_completion": "2022-03-31", "completion": "2022-06", "completion_text": "2022-06 (ACTUAL)",
        "posted": "2020-11-27", "last_updated": "2023-01-10", "results_posted": "No", "results_posted_text": "false",
        "study_type": "Interventional", "study_type_text": "INTERVENTIONAL", "phase": "1", "phase_text": "PHASE1",
        "enrollment": 42, "enrollment_type": "Actual", "conditions": "Solid Tumor; Melanoma",
        "keywords": ["IL-2", "CD122"], "endpoints": "Incidence of dose-limiting toxicities",
        "secondary_endpoints": "Objective response rate; Overall survival", "sponsor": "Nektar Therapeutics",
        "collaborators": ["Bristol-Myers Squibb"], "sex": "All", "sex_text": "ALL", "minimum_age": "18 Years",
        "maximum_age": "80 Years", "countries": ["United States", "Canada"],
        "interventions": "Drug: Investigational CD122-preferential IL-2 pathway agonist (also NKTR-214); Biological: Nivolumab",
    }
    assert {name: getattr(trial, name) for name in expected} == expected
    assert trial.intervention_names == ["Investigational CD122-preferential IL-2 pathway agonist", "NKTR-214", "Nivolumab"]
    # Each value cites its own JSON path, and its lines in the printed record hold it.
    lines = doc.raw_text.splitlines()
    by_field = values(trial)
    status = by_field["status"][0]
    assert status.prov.section == "studies[0].protocolSection.statusModule.overallStatus"
    assert lines[status.prov.line_start - 1].strip() == '"overallStatus": "COMPLETED",'
    start = by_field["start"][0].prov
    assert start.section == "studies[0].protocolSection.statusModule.startDateStruct"
    assert '"2020-12-15"' in "\n".join(lines[start.line_start - 1:start.line_end])
    for name in expected:
        if not name.endswith("_text"):
            assert name in by_field, f"{name} has no value of its own"
            assert by_field[name][0].prov.section.startswith("studies[0]."), name
    assert trial.prov.section == "studies[0]"


def test_the_printed_record_is_the_registry_json_and_prints_again_the_same():
    original = (RECORDS / "page.json").read_text(encoding="utf-8")
    doc = read_registry_text("page.json", original)
    assert json.loads(doc.raw_text) == json.loads(original)
    assert doc.raw_text == json.dumps(json.loads(original), indent=2, ensure_ascii=False) + "\n"
    again = read_registry_text("page.json", doc.raw_text, doc.sha256)
    assert again.raw_text == doc.raw_text and again.spans == doc.spans and again.sha256 == doc.sha256


def test_single_study_and_list():
    _, single = read("single.json")
    (trial,) = single.trials
    assert (trial.trial_id, trial.status, trial.status_text, trial.results_posted) == ("NCT04830124", "Terminated", "TERMINATED", "Yes")
    assert trial.other_ids == ["2022-500814-24-00"]  # an EU CT number, listed as a CTIS secondary ID
    assert trial.prov.section == "study"
    _, listed = read("list.json")
    assert [(t.trial_id, t.phase, t.phase_text, t.status) for t in listed.trials] == [
        ("NCT05092360", "Early 1", "EARLY_PHASE1", "Not yet recruiting"),
        ("NCT05155254", "N/A", "NA", "Enrolling by invitation"),
        ("NCT05322213", "1/2", "PHASE1, PHASE2", "Withdrawn"),
    ]
    assert listed.trials[1].study_type == "Observational"
    assert values(listed.trials[2])["why_stopped"][0].prov.section == "[2].protocolSection.statusModule.whyStopped"


def test_unknown_values_and_a_record_without_nct_are_named_by_record_and_field():
    _, extraction = read("page.json")
    assert [t.trial_id for t in extraction.trials] == ["NCT04646044", "NCT06112301", "NCT06200417", "NCT05727904"]
    notes = [why for _, _, why in extraction.report.notes]
    odd = next(t for t in extraction.trials if t.trial_id == "NCT06200417")
    assert (odd.status, odd.phase, odd.enrollment, odd.sex) == (None, None, None, None)
    assert any(n.startswith("record 2 (NCT06200417): overallStatus: unknown value 'PAUSED_FOR_REVIEW'") for n in notes)
    assert any(n.startswith("record 2 (NCT06200417): phases: ['PHASE5']") for n in notes)
    assert any(n.startswith("record 2 (NCT06200417): sex: unknown value 'EVERYONE'") for n in notes)
    assert any(n.startswith("record 2 (NCT06200417): enrollmentInfo.count: 'about forty'") for n in notes)
    assert "record 3: no NCT number (identificationModule.nctId: none); skipped" in notes
    assert any("nextPageToken" in path for _, path, _ in extraction.report.notes)


def test_malformed_json_is_refused_with_line_and_column():
    with pytest.raises(SourceError) as error:
        detect("malformed.json", (RECORDS / "malformed.json").read_text(encoding="utf-8"))
    assert error.value.line == 2 and "column 72" in str(error.value)


def test_json_that_is_no_study_record_is_refused():
    with pytest.raises(SourceError, match="study record"):
        detect("not_a_record.json", (RECORDS / "not_a_record.json").read_text(encoding="utf-8"))


def test_a_file_whose_every_record_lacks_its_nct_number_is_refused():
    text = json.dumps([{"protocolSection": {"identificationModule": {"briefTitle": "No number"}}}])
    with pytest.raises(SourceError, match="record 0: no NCT number"):
        read_document(SHAPE, open_document(SHAPE, "none.json", text))


def test_kind_is_detected_from_the_json_shape():
    assert detect("page.json", (RECORDS / "page.json").read_text(encoding="utf-8")).shape == SHAPE


def test_control_characters_in_values_are_taken_out_and_the_text_stays_json():
    record = json.loads((RECORDS / "single.json").read_text(encoding="utf-8"))
    record["protocolSection"]["identificationModule"]["briefTitle"] = "Evil\x1b[2J title\x85 here"
    doc = open_document(SHAPE, "evil.json", json.dumps(record))
    (trial,) = read_document(SHAPE, doc).trials
    assert trial.title == "Evil title here"
    assert "\x1b" not in doc.raw_text and "\x85" not in doc.raw_text
    assert json.loads(doc.raw_text)["protocolSection"]["identificationModule"]["briefTitle"] == "Evil\x1b[2J title\x85 here"


# ---- what a record holds that DrugRef does not read (desktop.ingest.registry_unread) ---------------------

def unread_notes(extraction) -> dict[str, tuple[int, str, str]]:
    """field → (line, the field's path in the file, what the note says after the field), for the notes on
    fields not read."""
    found = {}
    for line, path, why in extraction.report.notes:
        if why.startswith(UNREAD_NOTE + ": "):
            field, _, said = why.removeprefix(UNREAD_NOTE + ": ").rpartition(" (")
            assert field not in found, f"{field} named twice"
            found[field] = (line, path, "(" + said)
    return found


def test_each_field_not_read_is_named_once_with_its_records_and_first_line():
    doc, extraction = read("unread.json")
    lines = doc.raw_text.splitlines()
    # field → (records, how its first line begins): the highest part entirely unread, a text on its own.
    expected = {
        "statusModule.statusVerifiedDate": ("1 record", '"statusVerifiedDate": "2025-01",'),
        "sponsorCollaboratorsModule.leadSponsor.class": ("1 record", '"class": "OTHER"'),
        "oversightModule": ("1 record", '"oversightModule": {'),  # whole: none of it is read
        "descriptionModule.briefSummary": ("2 records", '"briefSummary": "This record was written'),
        "armsInterventionsModule.armGroups": ("1 record", '"armGroups": ['),
        "armsInterventionsModule.interventions[*].armGroupLabels": ("1 record", '"armGroupLabels": ['),
        # each location's country is read; its facility and city are not
        "contactsLocationsModule.locations[*].facility": ("1 record", '"facility": "Synthetic Test Site 1",'),
        "contactsLocationsModule.locations[*].city": ("1 record", '"city": "Houston",'),
        "derivedSection": ("1 record", '"derivedSection": {'),
    }
    found = unread_notes(extraction)
    assert sorted(found) == sorted(expected)
    for field, (records, begins) in expected.items():
        line, path, said = found[field]
        assert said == f"({records})", field
        assert lines[line - 1].strip().startswith(begins), field
        assert path.startswith("studies[*].") and path.endswith(field.split(".")[-1]), path
    assert found["descriptionModule.briefSummary"][1] == "studies[*].protocolSection.descriptionModule.briefSummary"
    # Listed by their first line, after the notes on values left out.
    firsts = [line for line, _, why in extraction.report.notes if why.startswith(UNREAD_NOTE)]
    assert firsts == sorted(firsts)


def test_each_study_keeps_its_unread_fields_verbatim_with_their_passages():
    doc, extraction = read("unread.json")
    record = json.loads((RECORDS / "unread.json").read_text(encoding="utf-8"))["studies"][0]["protocolSection"]
    lines = doc.raw_text.splitlines()
    first, second = extraction.trials
    unread = {v.value: v for v in first.values if v.field == "unread"}
    assert list(unread) == list(unread_notes(extraction))  # the record's order; this record has every one
    summary = unread["descriptionModule.briefSummary"]
    assert summary.text == record["descriptionModule"]["briefSummary"]  # whole, markup and all
    assert summary.prov.section == "studies[0].protocolSection.descriptionModule.briefSummary"
    assert lines[summary.prov.line_start - 1].strip().startswith('"briefSummary": "This record was written')
    cities = unread["contactsLocationsModule.locations[*].city"]
    assert cities.text == "Houston; Toronto; Boston"
    assert cities.prov.section == "studies[0].protocolSection.contactsLocationsModule.locations"  # the list holds all
    held = "\n".join(lines[cities.prov.line_start - 1:cities.prov.line_end])
    assert all(f'"city": "{city}"' in held for city in ("Houston", "Toronto", "Boston"))
    assert unread["oversightModule"].text is None  # an object: its passage shows it
    assert unread["armsInterventionsModule.interventions[*].armGroupLabels"].text == "Arm A (synthetic)"
    assert [(v.value, v.prov.section) for v in second.values if v.field == "unread"] == [
        ("descriptionModule.briefSummary", "studies[1].protocolSection.descriptionModule.briefSummary")]


def test_a_value_left_out_with_a_note_is_not_named_again_as_unread():
    _, extraction = read("page.json")
    found = unread_notes(extraction)
    for noted in ("overallStatus", "phases", "enrollmentInfo", "eligibilityModule", "interventions[*].type", "nctId"):
        assert not any(noted in field for field in found), noted
    # Record 3 is skipped (no NCT number) and said so: its fields are not counted as unread.
    assert found["sponsorCollaboratorsModule.leadSponsor.class"][2] == "(4 records)"
    assert "contactsLocationsModule.locations" not in found  # the countries are read from it


def _minimal(**more) -> dict:
    study = {"protocolSection": {
        "identificationModule": {"nctId": "NCT09900419", "briefTitle": "A Record DrugRef Reads Whole (Synthetic Test Record)"},
        "statusModule": {"overallStatus": "RECRUITING", "studyFirstPostDateStruct": {"date": "2025-03-03", "type": "ACTUAL"}},
        "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Aldesleukin"}]},
        "contactsLocationsModule": {"locations": [{"country": "Canada"}]},
        # nothing in them: nothing to name
        "descriptionModule": {"briefSummary": ""}, "oversightModule": {}, "conditionsModule": {"keywords": []},
    }, "derivedSection": None, "hasResults": False}
    study["protocolSection"].update(more)
    return study


def test_a_record_with_nothing_unread_reports_nothing():
    doc = open_document(SHAPE, "whole.json", json.dumps({"studies": [_minimal()], "nextPageToken": None}))
    extraction = read_document(SHAPE, doc)
    assert extraction.report.notes == []
    assert [v for v in extraction.trials[0].values if v.field == "unread"] == []
    # What a page holds besides its studies is named too.
    doc = open_document(SHAPE, "counted.json", json.dumps({"studies": [_minimal()], "totalCount": 1}))
    (note,) = read_document(SHAPE, doc).report.notes
    assert note == (doc.raw_text.splitlines().index('  "totalCount": 1') + 1, "totalCount",
                    f"{UNREAD_NOTE}: totalCount (the page's own, at line {note[0]})")


def test_a_value_the_reader_notes_is_not_named_again_and_a_part_it_skips_is_named():
    ident = {"nctId": "NCT09900419", "briefTitle": "A Record DrugRef Reads Whole (Synthetic Test Record)",
             "secondaryIdInfos": [{"type": "FDA"}]}  # a type without its number: nothing read from it
    status = {"overallStatus": "RECRUITING", "startDateStruct": {"type": "ESTIMATED"}}  # a date's type, no date
    study = _minimal(identificationModule=ident, statusModule=status, conditionsModule={"conditions": [{"name": "Melanoma"}]})
    extraction = read_document(SHAPE, open_document(SHAPE, "odd.json", json.dumps(study)))
    notes = [why for _, _, why in extraction.report.notes]
    assert notes[0].startswith("record 0 (NCT09900419): 0: expected text, found {'name': 'Melanoma'}; left out")
    assert sorted(unread_notes(extraction)) == ["identificationModule.secondaryIdInfos", "statusModule.startDateStruct.type"]


def test_an_unread_text_has_no_control_characters():
    text = json.dumps(_minimal(descriptionModule={"briefSummary": "Evil\x1b[2J summary\x85 here"}))
    (trial,) = read_document(SHAPE, open_document(SHAPE, "evil.json", text)).trials
    (value,) = [v for v in trial.values if v.field == "unread"]
    assert (value.value, value.text) == ("descriptionModule.briefSummary", "Evil summary here")
