"""Each fact type is declared once (ingest.records.FACT_TYPES): its table, the build's rows and the read
query follow from the record's fields. A record with every field filled must come back from the database
equal to what went in, so a field added to a record cannot be dropped on the way without a failing test."""
from __future__ import annotations

import hashlib
from dataclasses import fields

import pytest

from desktop.ingest.corpus import SourceInfo
from desktop.ingest.records import FACT_TYPES, Provenance, TrialFacts, TrialValue
from desktop.ingest.extraction import Extraction, Trial
from desktop.store import Store
from desktop.store.build import write_database
from desktop.store.schema import TABLES

SOURCE = "sample.txt"
TEXT = "\n".join(f"line {n}" for n in range(1, 201))


def _filled(record_type: type, seed: int, **given):
    """A record with every field set to a value of its declared type, distinct per field and seed."""
    values = {}
    for number, f in enumerate(fields(record_type)):
        if f.name in given or not f.init:
            continue
        base = f.type.replace(" | None", "")
        values[f.name] = {
            "str": f"{f.name} {seed}", "int": 10 * seed + number, "float": seed + 0.5,
            "list[str]": [f"{f.name} {seed} a", f"{f.name} {seed} b"], "list[int]": [seed, seed + number],
            "Provenance": Provenance(SOURCE, f"Section {seed}", seed, seed + 1),
        }[base]
    return record_type(**values, **given)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    extraction = Extraction(SOURCE, "Samplecillin", Provenance(SOURCE, "Title", 1, 1))
    for seed, fact in enumerate(FACT_TYPES, start=2):
        extra = {"kind": "code_name"} if fact.name == "identifiers" else {}
        getattr(extraction, fact.name).append(_filled(fact.record, seed, **extra))
    trial = _filled(TrialFacts, 90, phase="2/3")
    extraction.trials.append(Trial(**vars(trial), trial_id="NCT01234567", prov=Provenance(SOURCE, "Trials", 90, 90),
                                   values=[TrialValue("status", "Recruiting", "Recruiting", Provenance(SOURCE, "List", 95, 96))]))
    info = SourceInfo(SOURCE, "monograph", "Drug monograph", "Sample", None, None, None, None, TEXT,
                      hashlib.sha256(TEXT.encode()).hexdigest())
    path = write_database([[(info, extraction)]], tmp_path_factory.mktemp("facts") / "facts.sqlite")
    with Store(path) as store:
        yield extraction, store


@pytest.mark.parametrize("fact", [f for f in FACT_TYPES if f.per_drug and f.name != "approvals"], ids=lambda f: f.name)
def test_a_drug_fact_comes_back_as_it_went_in(built, fact):
    extraction, store = built
    assert getattr(store.drug("samplecillin"), fact.name) == getattr(extraction, fact.name)


def test_the_facts_about_no_one_drug_come_back_as_they_went_in(built):
    extraction, store = built
    record = store.drug("samplecillin")
    assert record.glossary == extraction.glossary
    assert record.references == extraction.references
    assert record.receptor_parts.subunits == tuple(extraction.receptor_subunits)
    assert record.receptor_parts.complexes == tuple(extraction.receptor_complexes)


def test_an_approval_comes_back_as_its_agency_finding(built):
    extraction, store = built
    approval = extraction.approvals[0]
    found = [a for a in store.approvals("samplecillin") if a.agency == approval.agency]
    assert [(a.finding, a.finding_text, a.prov) for a in found] == [(approval.finding, approval.finding_text, approval.prov)]


def test_a_trial_comes_back_with_every_field_and_its_second_value(built):
    extraction, store = built
    sent = extraction.trials[0]
    row = store.find_trial("NCT01234567")
    for f in fields(TrialFacts):
        assert getattr(row, f.name) == getattr(sent, f.name), f.name
    assert (row.trial_id, row.prov) == (sent.trial_id, sent.prov)
    assert row.values == tuple(sent.values)
    assert row.statuses == [sent.status, "Recruiting"]


def test_every_record_field_is_a_column_of_its_table():
    for fact in FACT_TYPES:
        columns = TABLES[fact.table][0]
        for f in fields(fact.record):
            if f.name != "prov":
                assert f.name in columns, f"{fact.record.__name__}.{f.name} has no column in {fact.table}"
    for f in fields(TrialFacts):
        assert f.name in TABLES["trials"][0]
