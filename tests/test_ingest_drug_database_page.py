"""Golden tests for the drug-database-page parser on 000_d1e456e14f737604.txt (MedPath, bempegaldesleukin).

Every expected value below was read off the source with `cat -n`; line numbers are the ones it shows.
"""
from __future__ import annotations

import pytest
from helpers import one as _one

SOURCE = "000_d1e456e14f737604.txt"


@pytest.fixture()
def page(extractions):
    return extractions[SOURCE]


def _covers(prov, first: int, last: int, must_cover: int) -> None:
    """The span stays inside first..last (label and value lines) and includes the value line."""
    assert first <= prov.line_start <= must_cover <= prov.line_end <= last, prov


# --- identity ----------------------------------------------------------------------------------------

def test_drug_name(page):
    assert page.drug_name == "Bempegaldesleukin"
    _covers(page.drug_name_prov, 5, 6, 6)


# (kind, value, first line of the fact, line holding the value)
IDENTIFIERS = [
    ("generic_name", "Bempegaldesleukin", 5, 6),
    ("cas_number", "1939126-74-5", 9, 10),
    ("unii", "BNO1JG5MZC", 11, 12),
    ("drugbank_id", "DB15140", 30, 30),
    ("code_name", "NKTR-214", 34, 34),
]


@pytest.mark.parametrize(("kind", "value", "first", "line"), IDENTIFIERS, ids=[row[0] for row in IDENTIFIERS])
def test_identifier(page, kind, value, first, line):
    identifier = _one([i for i in page.identifiers if i.kind == kind], kind)
    assert identifier.value == value
    assert identifier.prov.source == SOURCE
    _covers(identifier.prov, first, line, line)


def test_drugbank_id_comes_from_the_report_title(page):
    identifier = _one([i for i in page.identifiers if i.kind == "drugbank_id"], "drugbank_id")
    assert identifier.prov.section == "Research Report"
    assert (identifier.prov.line_start, identifier.prov.line_end) == (30, 30)


def test_code_name_comes_from_the_executive_summary(page):
    identifier = _one([i for i in page.identifiers if i.kind == "code_name"], "code_name")
    assert identifier.prov.section == "Executive Summary"
    assert (identifier.prov.line_start, identifier.prov.line_end) == (34, 34)


def test_drug_type(page):
    prop = _one([p for p in page.properties if p.name == "drug_type"], "drug_type")
    assert prop.value == "Biotech"
    _covers(prop.prov, 7, 8, 8)


def test_developer_and_collaborator(page):
    # Line 34: "... collaboration between its developer, Nektar Therapeutics, and Bristol Myers Squibb."
    developer = _one([p for p in page.properties if p.name == "developer"], "developer")
    collaborator = _one([p for p in page.properties if p.name == "collaborator"], "collaborator")
    assert developer.value == "Nektar Therapeutics"
    assert collaborator.value == "Bristol Myers Squibb"
    assert (developer.prov.section, developer.prov.line_start) == ("Executive Summary", 34)


# --- clinical-trials table (lines 42-77) -------------------------------------------------------------

# (first line, last line, posted ISO, posted as written, phase, phase as written, status)
TABLE_ROWS = [
    (48, 50, "2021-07-21", "2021/07/21", "2", "Phase 2", "Terminated"),
    (51, 53, "2021-06-23", "2021/06/23", "2", "Phase 2", "Terminated"),
    (54, 56, "2020-11-27", "2020/11/27", "1", "Phase 1", "Completed"),
    (57, 59, "2019-08-09", "2019/08/09", "1", "Phase 1", "Terminated"),
    (60, 62, "2018-12-11", "2018/12/11", "1", "Phase 1", "Withdrawn"),
    (63, 65, "2018-08-17", "2018/08/17", "3", "Phase 3", "Completed"),
    (66, 68, "2018-06-07", "2018/06/07", "1", "Phase 1", "Completed"),
    (69, 71, "2018-02-19", "2018/02/19", "1", "Phase 1", "Terminated"),
    (72, 74, "2017-09-13", "2017/09/13", "2", "Phase 2", "Active, not recruiting"),
    (75, 77, "2017-05-03", "2017/05/03", "1", "Phase 1", "Terminated"),
]


def _table_rows(page):
    return [t for t in page.trials if t.posted_text is not None]


@pytest.mark.parametrize(
    ("first", "last", "posted", "posted_text", "phase", "phase_text", "status"), TABLE_ROWS,
    ids=[row[3] for row in TABLE_ROWS],
)
def test_trial_table_row(page, first, last, posted, posted_text, phase, phase_text, status):
    trial = _one([t for t in _table_rows(page) if t.posted_text == posted_text], f"row posted {posted_text}")
    assert trial.posted == posted
    assert (trial.phase, trial.phase_text) == (phase, phase_text)
    assert (trial.status, trial.status_text) == (status, status)
    assert (trial.prov.section, trial.prov.line_start, trial.prov.line_end) == ("Clinical Trials", first, last)


@pytest.mark.parametrize("posted_text", [row[3] for row in TABLE_ROWS])
def test_trial_table_row_leaves_blank_cells_empty(page, posted_text):
    # The Title, Study ID and Sponsor columns (lines 42, 44, 47) have no cells in any row.
    trial = _one([t for t in _table_rows(page) if t.posted_text == posted_text], f"row posted {posted_text}")
    assert trial.trial_id is None
    assert trial.title is None
    assert trial.sponsor is None
    assert (trial.programme, trial.conditions, trial.enrollment) == (None, None, None)


def test_trial_table_rows_in_source_order(page):
    assert [t.posted_text for t in _table_rows(page)] == [row[3] for row in TABLE_ROWS]


# --- trials named in prose ---------------------------------------------------------------------------

def test_overview_trial_with_title(page):
    trial = _one([t for t in page.trials if t.trial_id == "NCT03729245"], "NCT03729245")
    assert trial.title == (
        "A Study of NKTR-214 in Combination With Nivolumab Compared With the Investigator's Choice of a "
        "Tyrosine Kinase Inhibitor (TKI) Therapy (Either Sunitinib or Cabozantinib Monotherapy) for Advanced "
        "Metastatic Renal Cell Carcinoma (RCC)"
    )
    assert (trial.prov.section, trial.prov.line_start, trial.prov.line_end) == ("Overview", 16, 16)


# (programme, phase, phase as written, condition, line of first mention)
PROGRAMMES = [
    ("PIVOT-02", "1/2", "Phase 1/2", "first-line metastatic melanoma", 34),
    ("PIVOT IO-001", "3", "Phase 3", "melanoma", 36),
    ("PIVOT-09", "3", "Phase 3", "renal cell carcinoma", 36),
    ("PIVOT-10", "2", "Phase 2", "urothelial cancer", 36),
]


@pytest.mark.parametrize(("name", "phase", "phase_text", "condition", "line"), PROGRAMMES, ids=[p[0] for p in PROGRAMMES])
def test_pivot_programme(page, name, phase, phase_text, condition, line):
    trial = _one([t for t in page.trials if t.programme == name], name)
    assert trial.trial_id is None  # the summary gives programme names, never registry IDs
    assert (trial.phase, trial.phase_text) == (phase, phase_text)
    assert trial.conditions == condition
    assert (trial.prov.section, trial.prov.line_start, trial.prov.line_end) == ("Executive Summary", line, line)


# --- approvals (lines 79-195) ------------------------------------------------------------------------

# (agency, heading, line of the finding, finding as written)
APPROVALS = [
    ("FDA", "FDA Drug Approvals", 87, "No FDA approvals found for this drug."),
    ("EMA", "EMA Drug Approvals", 95, "No EMA approvals found for this drug."),
    ("HSA", "HSA Drug Approvals", 105, "No HSA approvals found for this drug."),
    ("NMPA", "NMPA Drug Approvals", 115, "No NMPA approvals found for this drug."),
    ("PPB", "PPB Drug Approvals", 125, "No PPB approvals found for this drug."),
    ("TGA", "TGA Drug Approvals", 135, "No TGA approvals found for this drug."),
    ("Health Canada", "Health Canada Drug Approvals", 145, "No Health Canada approvals found for this drug."),
    ("CIMA AEMPS", "CIMA AEMPS Drug Approvals", 155, "No CIMA AEMPS (Spain) approvals found for this drug."),
    ("Philippines FDA", "Philippines FDA Drug Approvals", 165, "No Philippines FDA approvals found for this drug."),
    ("Saudi SFDA", "Saudi SFDA Drug Approvals", 175, "No Saudi SFDA approvals found for this drug."),
    ("Malaysia NPRA", "Malaysia NPRA Drug Approvals", 185, "No Malaysia NPRA approvals found for this drug."),
    ("UK EMC", "UK EMC Drug Information", 195, "No UK EMC drug information found for this drug."),
]


@pytest.mark.parametrize(("agency", "heading", "line", "text"), APPROVALS, ids=[a[0] for a in APPROVALS])
def test_approval_none_found(page, agency, heading, line, text):
    approval = _one([a for a in page.approvals if a.agency == agency], agency)
    assert approval.finding == "none found"
    assert approval.finding_text == text
    assert (approval.prov.section, approval.prov.line_start, approval.prov.line_end) == (heading, line, line)


def test_approvals_in_source_order(page):
    assert [a.agency for a in page.approvals] == [a[0] for a in APPROVALS]


# --- not stated --------------------------------------------------------------------------------------

# (heading, line, source text, topic stem). The topic label is the parser's vocabulary ("indication" or
# "indications" both name line 20's topic), so only its stem is checked.
NOT_STATED = [
    ("Indication", 20, "No indication information available.", "indication"),
    ("Associated Conditions", 24, "No associated conditions information available.", "associated condition"),
]


@pytest.mark.parametrize(("heading", "line", "text", "topic"), NOT_STATED, ids=[n[0] for n in NOT_STATED])
def test_not_stated(page, heading, line, text, topic):
    entry = _one([n for n in page.not_stated if n.prov.section == heading], heading)
    assert entry.topic.casefold().startswith(topic)
    assert entry.source_text == text
    assert (entry.prov.line_start, entry.prov.line_end) == (line, line)


def test_no_indication_is_invented(page):
    assert page.indications == []


# --- designation and events --------------------------------------------------------------------------

def test_breakthrough_therapy_designation(page):
    designation = _one(page.designations, "designation")
    assert designation.designation == "Breakthrough Therapy"
    assert designation.agency == "FDA"
    assert "FDA Breakthrough Therapy Designation" in designation.context
    assert (designation.prov.section, designation.prov.line_start, designation.prov.line_end) == ("Executive Summary", 34, 34)


def test_termination_event(page):
    event = _one([e for e in page.events if e.date], "dated event")
    assert event.kind == "termination"
    assert event.date == "2022-03"
    assert event.date_text == "March and April of 2022"
    assert "termination of the global clinical development program" in event.description
    assert (event.prov.section, event.prov.line_start, event.prov.line_end) == ("Executive Summary", 36, 36)


def test_undated_milestones_keep_the_order_the_source_tells_them(page):
    undated = [(e.kind, e.prov.line_start) for e in page.events if e.date is None]
    assert undated == [("collaboration", 34), ("primary endpoints not met", 36)]
    readout = next(e for e in page.events if e.kind == "primary endpoints not met")
    assert readout.description.startswith("A series of large, randomized Phase 3 trials")
    assert "failed to meet their primary endpoints" in readout.description
    assert readout.date_text is None


# --- counts ------------------------------------------------------------------------------------------

def test_counts(page):
    assert len(page.trials) == len(TABLE_ROWS) + 1 + len(PROGRAMMES)  # table rows, NCT03729245, PIVOT programmes
    assert len(_table_rows(page)) == 10
    assert [t.trial_id for t in page.trials if t.trial_id] == ["NCT03729245"]
    assert sorted(t.programme for t in page.trials if t.programme) == sorted(p[0] for p in PROGRAMMES)
    assert {(i.kind, i.value) for i in page.identifiers} == {(kind, value) for kind, value, *_ in IDENTIFIERS}
    assert len(page.approvals) == 12
    assert len(page.not_stated) == 2
    assert len(page.designations) == 1
    assert len(page.events) == 3
