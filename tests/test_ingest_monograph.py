"""Golden tests for the monograph parser on 001_bb6f0f708e6573de.txt (nemvaleukin alfa).

Every expected value below was read off the source with `cat -n`; line numbers are the ones it shows.
"""
from __future__ import annotations

import dataclasses

import pytest
from helpers import one as _one

SOURCE = "001_bb6f0f708e6573de.txt"
OVERVIEW = "Drug Overview"
MECHANISM = "What Is It and How Does It Work? (Mechanism of Action)"
INDICATIONS = "FDA-Approved Clinical Indications"
DOSING = "Dosage and Administration Protocols"
EFFICACY_HEADING = "Clinical Efficacy and Research Results"
SAFETY = "Safety Profile and Side Effects"
PATIENT = "Patient Management and Practical Recommendations"
DISCLAIMER = "Legal Disclaimer"
DO_DONT = "\u201cDo\u2019s and Don\u2019ts\u201d List"  # “Do’s and Don’ts” List


@pytest.fixture()
def mono(extractions):
    return extractions[SOURCE]


def _span(prov) -> tuple[str, int, int]:
    return prov.section, prov.line_start, prov.line_end


# --- identity and overview bullets (lines 4-9) -------------------------------------------------------

def test_drug_name(mono):
    assert mono.drug_name == "Nemvaleukin alfa"
    assert _span(mono.drug_name_prov) == (OVERVIEW, 4, 4)


def test_generic_name(mono):
    identifier = _one([i for i in mono.identifiers if i.kind == "generic_name"], "generic_name")
    assert identifier.value == "Nemvaleukin alfa"
    assert _span(identifier.prov) == (OVERVIEW, 4, 4)


def test_code_name(mono):
    # Stated twice: "(also known as ALKS 4230)" on line 2 and "- Code Name: ALKS 4230." on line 5.
    code_names = [i for i in mono.identifiers if i.kind == "code_name"]
    assert {i.value for i in code_names} == {"ALKS 4230"}
    assert (OVERVIEW, 5, 5) in {_span(i.prov) for i in code_names}
    assert {i.prov.line_start for i in code_names} <= {2, 5}


def test_drug_class(mono):
    # Line 6: "- Drug Class: Selective IL-2 Receptor Agonist; Cytokine Immunotherapy." Whether the two
    # classes are one value or two is the parser's choice; together they must read as the source does.
    classes = [p for p in mono.properties if p.name == "drug_class"]
    assert "; ".join(p.value.removesuffix(".") for p in classes) == "Selective IL-2 Receptor Agonist; Cytokine Immunotherapy"
    assert {_span(p.prov) for p in classes} == {(OVERVIEW, 6, 6)}


# (property, value without the sentence's final full stop, line)
PROPERTIES = [
    ("mechanism_summary", "Preferential activation of CD8+ T-cells and NK cells through the βγ IL-2 receptor complex", 7),
    ("route", "Intravenous (IV) infusion or Subcutaneous (SC) injection", 8),
]


@pytest.mark.parametrize(("name", "value", "line"), PROPERTIES, ids=[p[0] for p in PROPERTIES])
def test_overview_property(mono, name, value, line):
    prop = _one([p for p in mono.properties if p.name == name], name)
    assert prop.value.removesuffix(".") == value
    assert _span(prop.prov) == (OVERVIEW, line, line)


def test_fda_status_is_not_approved(mono):
    approval = _one(mono.approvals, "approval")
    assert approval.agency == "FDA"
    assert approval.finding == "not approved"
    line_9 = (
        "Investigational. As of March 2026, nemvaleukin alfa is not FDA-approved. It has been granted Fast Track "
        "and Orphan Drug designations for several cancers and is currently being evaluated in late-stage Phase 2 "
        "and Phase 3 clinical trials (the ARTISTRY program)."
    )
    assert "nemvaleukin alfa is not FDA-approved" in approval.finding_text
    assert approval.finding_text in line_9
    assert _span(approval.prov) == (OVERVIEW, 9, 9)


@pytest.mark.parametrize("name", ["Fast Track", "Orphan Drug"])
def test_designation(mono, name):
    designation = _one([d for d in mono.designations if d.designation == name], name)
    assert "granted Fast Track and Orphan Drug designations" in designation.context
    assert _span(designation.prov) == (OVERVIEW, 9, 9)


# --- dosing table (lines 29-34) ----------------------------------------------------------------------

# (line, parameter, specification)
DOSING_ROWS = [
    (30, "Route", "Intravenous (IV) infusion or Subcutaneous (SC) injection."),
    (31, "Intravenous Schedule", "Typically administered daily for 5 consecutive days, followed by a 9-day rest (a 14-day cycle)."),
    (32, "Subcutaneous Schedule", "Investigated as a once-weekly or every-three-weeks injection for greater convenience."),
    (33, "Combination Use", "Often administered alongside pembrolizumab (200 mg IV every 3 weeks)."),
    (34, "Setting", "Unlike high-dose IL-2, nemvaleukin alfa can be administered in an outpatient clinic setting."),
]


@pytest.mark.parametrize(("line", "parameter", "specification"), DOSING_ROWS, ids=[r[1] for r in DOSING_ROWS])
def test_dosing_row(mono, line, parameter, specification):
    row = _one([r for r in mono.dosing if r.parameter == parameter], parameter)
    assert row.specification == specification
    assert _span(row.prov) == (DOSING, line, line)


def test_dosing_rows_in_order_without_header(mono):
    assert [r.parameter for r in mono.dosing] == [r[1] for r in DOSING_ROWS]


# --- safety (lines 42-50) ----------------------------------------------------------------------------

# (line, effect, description, seriousness, frequency, frequency group)
ADVERSE_EFFECTS = [
    (43, "Pyrexia (Fever) and Chills",
     "This is the most common side effect (occurring in nearly 70% of patients), typically occurring within hours of the infusion.",
     "common", "nearly 70% of patients", ">25%"),
    (44, "Fatigue", "General systemic tiredness, manageable with rest.", "common", None, ">25%"),
    (45, "Nausea and Vomiting", "Usually mild to moderate and manageable with anti-emetics.", "common", None, ">25%"),
    (46, "Skin Rash", "Mild itching or redness, often resolving quickly.", "common", None, ">25%"),
    (48, "Neutropenia", "A temporary drop in white blood cell counts, requiring periodic monitoring.", "serious", None, None),
    (49, "Hypotension",
     "Mild drops in blood pressure may occur, but they are significantly less severe than those seen with traditional IL-2.",
     "serious", None, None),
    (50, "Immune-Related Adverse Events (irAEs)",
     "When combined with checkpoint inhibitors, there is an increased risk of autoimmune-like inflammation (colitis, pneumonitis).",
     "serious", None, None),
]


@pytest.mark.parametrize(
    ("line", "effect", "description", "seriousness", "frequency", "group"), ADVERSE_EFFECTS,
    ids=[a[1] for a in ADVERSE_EFFECTS],
)
def test_adverse_effect(mono, line, effect, description, seriousness, frequency, group):
    found = _one([a for a in mono.adverse_effects if a.effect == effect], effect)
    assert found.description == description
    assert found.seriousness == seriousness
    assert found.frequency == frequency
    assert found.frequency_group == group
    assert _span(found.prov) == (SAFETY, line, line)


# --- patient management (lines 54-61) ----------------------------------------------------------------

# (line, category, label, advice)
ADVICE = [
    (55, "Pre-treatment Requirements", "Baseline Blood Work",
     "Comprehensive CBC and metabolic panel to check liver and kidney function."),
    (56, "Pre-treatment Requirements", "Vital Sign Monitoring",
     "Close monitoring of blood pressure and temperature during the first few infusions."),
    (58, DO_DONT, "DO",
     "expect to feel “flu-like” symptoms (fever/chills) for a few hours after each dose; your oncology team will "
     "likely give you acetaminophen or ibuprofen to manage this."),
    (59, DO_DONT, "DO",
     "report any sudden shortness of breath or extreme fatigue immediately, as these may indicate an immune-related "
     "lung inflammation."),
    (60, DO_DONT, "DON’T",
     "ignore persistent diarrhea, as it could be a sign of immune-mediated colitis when the drug is used in "
     "combination with other immunotherapies."),
    (61, DO_DONT, "DON’T",
     "schedule major surgeries or dental work without consulting your oncologist, as the drug’s effect on blood cell "
     "counts needs to be considered."),
]


@pytest.mark.parametrize(("line", "category", "label", "advice"), ADVICE, ids=[f"line{a[0]}" for a in ADVICE])
def test_advice(mono, line, category, label, advice):
    found = _one([a for a in mono.advice if a.prov.line_start == line], f"advice on line {line}")
    assert (found.category, found.label, found.advice) == (category, label, advice)
    assert _span(found.prov) == (PATIENT, line, line)


# --- indications and efficacy ------------------------------------------------------------------------

# (line, condition, detail)
INDICATION_ROWS = [
    (24, "Advanced Mucosal Melanoma",
     "Evaluated as a single agent in the ARTISTRY-6 trial for patients who have failed prior immunotherapy."),
    (25, "Platinum-Resistant Ovarian Cancer",
     "Studied in combination with pembrolizumab in the ARTISTRY-7 Phase 3 trial."),
    (26, "Advanced Solid Tumors",
     "Investigated for a variety of cancers (renal, lung, and GI) that have become resistant to standard checkpoint inhibitors."),
]


@pytest.mark.parametrize(("line", "condition", "detail"), INDICATION_ROWS, ids=[i[1] for i in INDICATION_ROWS])
def test_indication(mono, line, condition, detail):
    found = _one([i for i in mono.indications if i.condition == condition], condition)
    assert found.detail == detail
    # Line 22: "There are currently no FDA-approved indications" — these are research areas, not approvals.
    assert "approved" not in found.status.casefold()
    assert "investigat" in found.status.casefold()
    assert _span(found.prov) == (INDICATIONS, line, line)


# (line, label, statement)
EFFICACY = [
    (37, "Mucosal Melanoma Breakthrough",
     "ARTISTRY-6 demonstrated that nemvaleukin alfa as a single agent could achieve durable objective responses in "
     "patients with mucosal melanoma, a subtype that is notoriously resistant to standard PD-1 inhibitors."),
    (38, "Synergy with Pembrolizumab",
     "ARTISTRY-1 and ARTISTRY-7 showed that nemvaleukin alfa can “re-sensitize” tumors to pembrolizumab, leading to "
     "tumor shrinkage in patients who had previously progressed on immunotherapy alone."),
    (39, "Biological Fingerprint",
     "Clinical data confirmed a 30-fold to 50-fold expansion of killer CD8+ T-cells and NK cells in the blood, with "
     "minimal to no change in the number of suppressor Tregs."),
]


@pytest.mark.parametrize(("line", "label", "statement"), EFFICACY, ids=[e[1] for e in EFFICACY])
def test_efficacy_finding(mono, line, label, statement):
    found = _one([f for f in mono.efficacy if f.label == label], label)
    assert found.statement == statement
    assert _span(found.prov) == (EFFICACY_HEADING, line, line)



# --- ARTISTRY trials ---------------------------------------------------------------------------------

def _programme(mono, name):
    return _one([t for t in mono.trials if t.programme == name], name)


def test_artistry_7_is_phase_3_ovarian(mono):
    trial = _programme(mono, "ARTISTRY-7")
    assert trial.trial_id is None
    assert (trial.phase, trial.phase_text) == ("3", "Phase 3")
    assert "ovarian" in (trial.conditions or "").casefold()
    assert "pembrolizumab" in (trial.interventions or "")
    assert _span(trial.prov) == (INDICATIONS, 25, 25)


def test_artistry_6_is_mucosal_melanoma(mono):
    trial = _programme(mono, "ARTISTRY-6")
    assert trial.trial_id is None
    assert "mucosal melanoma" in (trial.conditions or "").casefold()
    assert trial.phase is None  # no phase is written for ARTISTRY-6 anywhere in the source
    assert _span(trial.prov) == (INDICATIONS, 24, 24)


@pytest.mark.parametrize(("name", "lines"), [("ARTISTRY-6", {24, 37}), ("ARTISTRY-7", {25, 38}), ("ARTISTRY-1", {38})])
def test_artistry_mentions_are_merged(mono, name, lines):
    # ARTISTRY-6 is named on lines 24 and 37, ARTISTRY-7 on lines 25 and 38: one trial each, every line kept.
    trial = _programme(mono, name)
    assert {p.line_start for p in [trial.prov, *trial.mentions]} == lines


def test_artistry_1_states_no_phase_or_condition(mono):
    trial = _programme(mono, "ARTISTRY-1")
    assert trial.trial_id is None
    assert trial.phase is None
    assert trial.conditions is None
    assert _span(trial.prov) == (EFFICACY_HEADING, 38, 38)


# --- disclaimer --------------------------------------------------------------------------------------

def test_disclaimer(mono):
    disclaimer = _one(mono.disclaimers, "disclaimer")
    assert disclaimer.text == (
        "The information provided is for educational and informational purposes only and does not constitute medical "
        "advice. Nemvaleukin alfa (ALKS 4230) is an investigational agent and is not approved by the U.S. FDA for any "
        "indication. Access is limited exclusively to registered clinical trials. Always consult with a qualified "
        "oncologist regarding your specific diagnosis and eligibility for research participation."
    )
    assert _span(disclaimer.prov) == (DISCLAIMER, 63, 63)


# --- Greek-letter cleaning (raw lines 2, 14, 15, 18, 19 hold backslash escapes) ----------------------

def _strings(value):
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)


def test_no_backslash_anywhere(mono):
    strings = list(_strings(mono))
    assert len(strings) > 50  # the walk really reached the records
    assert [s for s in strings if "\\" in s] == []


def test_mechanism_greek_letters(mono):
    text = "\n".join(s.body for s in mono.sections if s.kind == "mechanism")
    assert "(αβγ)" in text  # line 15: "( \α \β\γ)"
    assert "α (CD25), β (CD122), and γ (CD132)" in text  # line 14: "\α (CD25), \β (CD122), and γ (CD132)"
    assert "its own α subunit (CD25)" in text  # line 18


def test_overview_greek_letters(mono):
    overview = _one([s for s in mono.sections if s.kind == "overview"], "overview section")
    assert "(αβγ subunits)" in overview.body  # line 2: "(α \ β \ γ subunits)"
    assert "(βγ subunits)" in overview.body


# --- counts ------------------------------------------------------------------------------------------

def test_counts(mono):
    assert {(i.kind, i.value) for i in mono.identifiers} == {("generic_name", "Nemvaleukin alfa"), ("code_name", "ALKS 4230")}
    assert len(mono.dosing) == 5
    assert len(mono.adverse_effects) == 7
    assert [a.seriousness for a in mono.adverse_effects].count("common") == 4
    assert len(mono.advice) == 6
    assert len(mono.indications) == 3
    assert len(mono.efficacy) == 3
    assert sorted(t.programme for t in mono.trials) == ["ARTISTRY-1", "ARTISTRY-6", "ARTISTRY-7"]
    assert len(mono.designations) == 2
    assert len(mono.approvals) == 1
    assert len(mono.disclaimers) == 1
