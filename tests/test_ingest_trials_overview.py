"""Golden tests for the trials-overview parser on 002_12ec28ba8c7864ed.txt (aldesleukin).

Every expected value below was read off the source with `cat -n`; line numbers are the ones it shows.
"""
from __future__ import annotations

import pytest
from helpers import one as _one

SOURCE = "002_12ec28ba8c7864ed.txt"
TABLE = "Trial ID Phase Condition studied Status Enrollment"
CANCER = "Cancer studies using Aldesleukin"
NON_CANCER = "Immune and other non-cancer studies"
ONGOING = "Ongoing Clinical Trials on Aldesleukin"
GLOSSARY = "Glossary"
PATIENT_TERMS = "Important patient terms"
REFERENCES = "References"


@pytest.fixture()
def overview(extractions):
    return extractions[SOURCE]


def _trial(overview, trial_id):
    return _one([t for t in overview.trials if t.trial_id == trial_id], trial_id)


def _span(prov) -> tuple[str, int, int]:
    return prov.section, prov.line_start, prov.line_end


def test_drug_name(overview):
    assert overview.drug_name == "Aldesleukin"
    assert (overview.drug_name_prov.line_start, overview.drug_name_prov.line_end) == (1, 1)


# --- trials table (lines 83-98) ----------------------------------------------------------------------

# (line, trial ID, phase, phase as written, condition studied, status, enrollment)
TABLE_ROWS = [
    (84, "NCT04243499", "1/2", "Phase 1/2",
     "Advanced solid tumors, including mCRPC, CRC, PDAC, melanoma, and ovarian cancer", "Completed", 88),
    (85, "2023-506979-10-00", "1", "Phase 1", "Pancreatic cancer", "Authorised", 50),
    (86, "2025-522054-40-00", "2", "Phase 2", "Previously treated advanced melanoma", "Completed", 100),
    (87, "2024-515357-16-00", "2", "Phase 2", "MDS with excess blasts, MDS/AML, or AML", "Authorised", 16),
    (88, "NCT05727904", "3", "Phase 3", "Untreated advanced melanoma", "Authorised", 810),
    (89, "NCT03645928", "2", "Phase 2", "Solid tumors / neoplasm", "Completed", 268),
    (90, "2025-521227-70-00", "1/2", "Phase 1/2",
     "Locally advanced or metastatic prostate cancer and metastatic colorectal cancer", "Authorised", 12),
    (91, "2025-522841-23-00", "2", "Phase 2", "Autism spectrum disorder", "Authorised", 22),
    (92, "2024-519532-16-00", "1", "Phase 1",
     "Idiopathic inflammatory myositis, systemic lupus erythematosus, systemic sclerosis", "Authorised", 12),
    (93, "2023-504632-17-00", "2", "Phase 2", "Advanced solid tumors with SWI/SNF complex alterations", "Authorised", 11),
    (94, "NCT05607420", "1/2", "Phase 1/2", "Relapsed or refractory B-cell non-Hodgkin lymphoma", "Authorised", 85),
    (95, "2023-506400-99-00", "2", "Phase 2", "Melanoma, NSCLC, cervical cancer", "Authorised", 32),
    (96, "NCT04166006", "2", "Phase 2", "Neuroendocrine tumors and soft tissue sarcoma", "Authorised", 30),
    (97, "2023-510297-14-00", "2", "Phase 2",
     "PSC, mucous membrane pemphigoid, polymyositis/dermatomyositis, pemphigus vulgaris/foliaceus", "Authorised", 112),
    (98, "NCT02919644", "2", "Phase 2", "Stage IV colorectal cancer", "Authorised", 19),
]
# Line 27 describes 2025-521227-70-00 as "Phase 1/2a"; its table row (line 90) says "Phase 1/2". Either wording
# is the source's; the normalised phase is "1/2" both ways.
PHASE_TEXT_ALTERNATIVES = {"2025-521227-70-00": {"Phase 1/2", "Phase 1/2a"}}


@pytest.mark.parametrize(
    ("line", "trial_id", "phase", "phase_text", "conditions", "status", "enrollment"), TABLE_ROWS,
    ids=[row[1] for row in TABLE_ROWS],
)
def test_table_row(overview, line, trial_id, phase, phase_text, conditions, status, enrollment):
    trial = _trial(overview, trial_id)
    assert trial.phase == phase
    assert trial.phase_text in PHASE_TEXT_ALTERNATIVES.get(trial_id, {phase_text})
    assert trial.conditions == conditions
    assert (trial.status, trial.status_text) == (status, status)
    assert trial.enrollment == enrollment
    assert isinstance(trial.enrollment, int)
    assert _span(trial.prov) == (TABLE, line, line)


# --- trials described in prose -----------------------------------------------------------------------

# Every trial ID the text names, with the references its sentences cite. IDs the table lists but the
# prose never mentions cite nothing.
CITATIONS = {
    "NCT04243499": [1],
    "NCT03645928": [2],
    "NCT03108495": [3],
    "NCT04614103": [4],
    "NCT05727904": [5],
    "2025-521227-70-00": [6],
    "2023-504632-17-00": [7],
    "2023-506400-99-00": [8],
    "2024-519532-16-00": [9],
    "2023-510297-14-00": [10],
    "NCT04166006": [11],
    "NCT05468073": [12],
    "NCT05153070": [13],
    "2025-522841-23-00": [14],
    "2023-506979-10-00": [],
    "2025-522054-40-00": [],
    "2024-515357-16-00": [],
    "NCT05607420": [],
    "NCT02919644": [],
}


@pytest.mark.parametrize(("trial_id", "citations"), CITATIONS.items(), ids=list(CITATIONS))
def test_citations(overview, trial_id, citations):
    assert _trial(overview, trial_id).citations == citations


# (trial ID, section, line, condition as the sentence names it) — in the prose only, not in the table
PROSE_ONLY = [
    ("NCT03108495", CANCER, 21, "recurrent, metastatic, or persistent cervical carcinoma"),
    ("NCT04614103", CANCER, 23, "metastatic non-small-cell lung cancer"),
    ("NCT05468073", NON_CANCER, 43, "early Alzheimer disease"),
    ("NCT05153070", NON_CANCER, 43, "recent-onset type 1 diabetes with residual insulin secretion"),
]


@pytest.mark.parametrize(("trial_id", "section", "line", "conditions"), PROSE_ONLY, ids=[p[0] for p in PROSE_ONLY])
def test_prose_only_trial(overview, trial_id, section, line, conditions):
    trial = _trial(overview, trial_id)
    assert _span(trial.prov) == (section, line, line)
    assert trial.conditions == conditions
    assert trial.phase is None  # no phase is written for these trials
    assert trial.enrollment is None


# (trial ID, endpoint as the sentence words it, citations stripped)
ENDPOINTS = [
    ("NCT04243499", "safety, tolerability, and disease control rate"),  # line 17
    ("NCT03645928", "objective response rate"),  # line 19
    ("NCT03108495", "objective response rate in some cohorts and treatment-emergent adverse events in another cohort"),
    ("NCT04614103", "objective response rate by the Independent Review Committee or the Investigator, depending on the cohort"),
    ("NCT05727904", "progression-free survival"),  # line 25
    ("NCT05468073", "rate of decline measured by CDR change at 18 months"),  # line 43
    ("NCT05153070", "changes in Tregs after repeated low-dose interleukin-2"),  # line 43
    ("2025-522841-23-00", "the change in Tregs from baseline to day 8 compared with placebo"),  # line 43
]


@pytest.mark.parametrize(("trial_id", "endpoint"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_endpoint(overview, trial_id, endpoint):
    assert _trial(overview, trial_id).endpoints == endpoint


# --- ongoing studies (lines 100-167) -----------------------------------------------------------------

# (first line, last line, title, countries, "+N" more, trial ID it joins or None)
# A study joins a trial only where the trial's cited reference URL ends in the slugified title:
# line 116 = ref 11 (NCT04166006), line 123 = ref 13 (NCT05153070), line 162 = ref 5 (NCT05727904).
# Line 143 (LN-145, NSCLC) resembles ref 4 (NCT04614103) but the slug differs, so it stays on its own.
ONGOING_STUDIES = [
    (102, 107, "Safety Study of Tumor-Infiltrating Lymphocyte (TIL) Therapy for Patients with Metastatic Colorectal "
               "or Prostate Cancer", ["Germany"], 0, None),
    (108, 115, "Study on the Safety of CNTY-101 and Aldesleukin for Patients with Active Autoimmune Diseases: Lupus, "
               "Scleroderma, and Myositis", ["Germany"], 0, None),
    (116, 122, "Study on Aldesleukin and Dendritic Cell Vaccine for Patients with Resected Stage IV Neuroendocrine "
               "Tumors and Soft Tissue Sarcoma", ["Italy"], 0, "NCT04166006"),
    (123, 129, "Study on Low-Dose Aldesleukin and Ciclosporin for Patients with Newly Diagnosed Type 1 Diabetes "
               "Retaining Insulin Secretion", ["France"], 0, "NCT05153070"),
    (130, 135, "Study Comparing ANV419 and High Dose IL2 in Adoptive Cell Therapy for Patients with Melanoma, "
               "Non-Small Cell Lung Cancer, and Cervical Cancer", ["Denmark", "The Netherlands", "Spain"], 0, None),
    (136, 142, "Study of Dendritic Cell Vaccine and Aldesleukin Treatment in Patients After Surgery for Stage IV "
               "Colorectal Cancer", ["Italy"], 0, None),
    (143, 148, "Study of LN-145 (Tumor Infiltrating Lymphocytes) in patients with metastatic non-small-cell lung cancer",
     ["Belgium", "France", "Germany", "Italy", "The Netherlands", "Spain"], 0, None),
    (149, 155, "Study on Low-Dose Aldesleukin for Patients with Pemphigus, Mucous Membrane Pemphigoid, Polymyositis, "
               "Dermatomyositis, and Primary Sclerosing Cholangitis", ["Germany"], 0, None),
    (156, 161, "Study on the Effects of Histamine Dihydrochloride and Aldesleukin in Patients with Resectable "
               "Pancreatic Cancer", ["Sweden"], 0, None),
    (162, 167, "Study on the Effectiveness and Safety of Lifileucel and Pembrolizumab for Patients with Untreated, "
               "Unresectable, or Metastatic Melanoma",
     ["Belgium", "Czechia", "Finland", "France", "Germany", "Greece"], 6, "NCT05727904"),
]


@pytest.mark.parametrize(
    ("first", "last", "title", "countries", "more", "trial_id"), ONGOING_STUDIES, ids=[f"line{s[0]}" for s in ONGOING_STUDIES]
)
def test_ongoing_study(overview, first, last, title, countries, more, trial_id):
    trial = _one([t for t in overview.trials if t.title == title], f"study titled {title[:40]!r}")
    assert trial.trial_id == trial_id
    assert "Recruiting" in _statuses(trial)
    assert trial.countries == countries
    assert (trial.countries_more or 0) == more
    assert (ONGOING, first, last) in {_span(p) for p in [trial.prov, *trial.mentions]}


def _statuses(trial) -> list[str]:
    return [trial.status, *(v.value for v in trial.values if v.field == "status")]


def test_joined_study_keeps_both_statuses(overview):
    # Table line 88 says Authorised; the ongoing list (line 164) says Recruiting. Both are kept, each with its lines.
    trial = _trial(overview, "NCT05727904")
    assert trial.status == "Authorised"
    assert _span(trial.prov) == (TABLE, 88, 88)
    second = _one([v for v in trial.values if v.field == "status"], "second status")
    assert (second.value, second.text) == ("Recruiting", "Recruiting")
    assert _span(second.prov) == (ONGOING, 162, 167)


# --- glossary (lines 169-182) and patient terms (lines 75-81) ----------------------------------------

# (line, term, abbreviation, definition)
GLOSSARY_ENTRIES = [
    (171, "Phase 1", None, "An early trial stage that mainly checks safety, tolerability, and the best dose range."),
    (172, "Phase 2", None, "A trial stage that looks more closely at whether the treatment may help and continues safety checks."),
    (173, "Phase 3", None, "A larger trial stage that compares treatments to see which works better or is safer."),
    (174, "Safety", None, "How well a treatment can be given without causing serious harm."),
    (175, "Tolerability", None, "How well patients can handle the treatment and its side effects."),
    (176, "Adverse events", "AEs",
     "Medical problems that happen during a study, whether or not they are caused by the treatment."),
    (177, "Grade 3 or higher adverse events", None,
     "More serious side effects or medical problems, measured using standard severity scales."),
    (178, "Dose-limiting toxicities", "DLTs", "Side effects severe enough to limit how much treatment can be given."),
    (179, "Objective response rate", "ORR", "The share of patients whose tumors shrink or disappear based on study rules."),
    (180, "Progression-free survival", "PFS",
     "The length of time after randomization until the disease gets worse or the patient dies."),
    (181, "Tregs", None,
     "Regulatory T cells, a type of immune cell measured in some studies to see how the immune system changes."),
    (182, "RECIST", None, "A standard way to measure how tumors change on scans."),
]


@pytest.mark.parametrize(("line", "term", "abbreviation", "definition"), GLOSSARY_ENTRIES, ids=[g[1] for g in GLOSSARY_ENTRIES])
def test_glossary_entry(overview, line, term, abbreviation, definition):
    entry = _one([g for g in overview.glossary if g.term == term and g.prov.section == GLOSSARY], term)
    assert entry.abbreviation == abbreviation
    assert entry.definition == definition
    assert (entry.prov.line_start, entry.prov.line_end) == (line, line)


# (line, term, definition: the words after "means"/"is"; the closing full stop is not compared)
PATIENT_TERM_ENTRIES = [
    (77, "Interventional study", "the researchers give a treatment and then measure what happens"),
    (77, "Open-label", "both the researchers and participants know which treatment is being given"),
    (77, "Randomized", "participants are assigned to different treatment groups by chance"),
    (79, "RECIST", "a standard set of rules used to measure tumor changes on scans"),
    (79, "CTCAE", "a standard system for grading side effects by severity"),
    (81, "Basket trial", "one study looks at several diseases or tumor types at the same time"),
    (81, "First-in-human", "the treatment is being studied in people for the first time"),
    (81, "Autologous", "the cells come from the same person who receives them"),
]


@pytest.mark.parametrize(("line", "term", "definition"), PATIENT_TERM_ENTRIES, ids=[p[1] for p in PATIENT_TERM_ENTRIES])
def test_patient_term(overview, line, term, definition):
    entry = _one([g for g in overview.glossary if g.term == term and g.prov.section == PATIENT_TERMS], term)
    assert entry.definition.removesuffix(".") == definition
    assert (entry.prov.line_start, entry.prov.line_end) == (line, line)


# Terms the text explains outside the glossary (line, term, definition), in so many words: "X, also called Y",
# "X, meaning Y", "X, which means Y". The "Term: …" bullets of "What the trials measure" (lines 63-73) are not
# definitions in general ("Survival: overall survival, …" in other overviews): they stay in their section.
EXPLAINED_IN_TEXT = [
    (19, "TILs", "tumor-infiltrating lymphocytes"),
    (19, "objective response rate", "the share of patients whose tumors shrank or disappeared based on standard scan rules"),
    (39, "Treg response", "changes in regulatory T cells"),
    (57, "progressive disease", "the disease is getting worse before the study starts"),
]


@pytest.mark.parametrize(("line", "term", "definition"), EXPLAINED_IN_TEXT, ids=[e[1] for e in EXPLAINED_IN_TEXT])
def test_term_explained_in_the_text(overview, line, term, definition):
    entry = _one([g for g in overview.glossary if g.term == term and g.prov.line_start == line], term)
    assert entry.definition == definition
    assert entry.prov.line_end == line


# --- references (lines 184-199) ----------------------------------------------------------------------

_EU = "https://clinicaltrials.eu/trial/"
_GOV = "https://clinicaltrials.gov/study/"
REFERENCE_URLS = [
    _EU + "study-of-ict01-and-pembrolizumab-for-patients-with-advanced-stage-relapsed-refractory-cancer/",
    _EU + "study-on-the-safety-and-benefits-of-ln-144-and-ln-145-for-patients-with-metastatic-melanoma-head-and-neck-"
          "cancer-and-non-small-cell-lung-cancer/",
    _EU + "study-on-the-effectiveness-and-safety-of-ln-145-and-pembrolizumab-for-patients-with-recurrent-metastatic-or-"
          "persistent-cervical-cancer/",
    _EU + "study-on-the-safety-and-benefits-of-ln-145-for-patients-with-metastatic-non-small-cell-lung-cancer/",
    _EU + "study-on-the-effectiveness-and-safety-of-lifileucel-and-pembrolizumab-for-patients-with-untreated-"
          "unresectable-or-metastatic-melanoma/",
    _GOV + "2025-521227-70-00",
    _GOV + "2023-504632-17-00",
    _GOV + "2023-506400-99-00",
    _GOV + "2024-519532-16-00",
    _GOV + "2023-510297-14-00",
    _EU + "study-on-aldesleukin-and-dendritic-cell-vaccine-for-patients-with-resected-stage-iv-neuroendocrine-tumors-"
          "and-soft-tissue-sarcoma/",
    _EU + "study-on-low-dose-aldesleukin-and-sodium-chloride-for-patients-with-early-alzheimers-disease/",
    _EU + "study-on-low-dose-aldesleukin-and-ciclosporin-for-patients-with-newly-diagnosed-type-1-diabetes-retaining-"
          "insulin-secretion/",
    _GOV + "2025-522841-23-00",
]
# (number, URL, line): reference N sits on line 185 + N
REFERENCE_ROWS = [(number, url, 185 + number) for number, url in enumerate(REFERENCE_URLS, start=1)]


@pytest.mark.parametrize(("number", "url", "line"), REFERENCE_ROWS, ids=[f"ref{r[0]}" for r in REFERENCE_ROWS])
def test_reference(overview, number, url, line):
    reference = _one([r for r in overview.references if r.number == number], f"reference {number}")
    assert reference.url == url
    assert _span(reference.prov) == (REFERENCES, line, line)


# --- counts ------------------------------------------------------------------------------------------

def test_counts(overview):
    ids = [t.trial_id for t in overview.trials if t.trial_id]
    assert len(ids) == len(set(ids)), "a trial ID appears as two trials"
    assert set(ids) == set(CITATIONS)  # 15 table rows + 4 prose-only trials
    assert len(ids) == 19
    assert len([t for t in overview.trials if t.enrollment is not None]) == len(TABLE_ROWS) == 15
    unjoined = [t for t in overview.trials if t.trial_id is None]
    assert len(unjoined) == 7
    assert len(overview.trials) == 26
    assert len([t for t in overview.trials if t.title]) == len(ONGOING_STUDIES) == 10
    assert len([g for g in overview.glossary if g.prov.section == GLOSSARY]) == 12
    assert len([g for g in overview.glossary if g.prov.section == PATIENT_TERMS]) == 8
    assert len([g for g in overview.glossary if g.prov.section not in (GLOSSARY, PATIENT_TERMS)]) == len(EXPLAINED_IN_TEXT)
    assert len(overview.glossary) == 20 + len(EXPLAINED_IN_TEXT)
    assert [r.number for r in overview.references] == list(range(1, 15))
