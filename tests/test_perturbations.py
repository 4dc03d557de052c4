"""Property tests: the bundled documents, changed the ways real copies of them differ — CRLF line endings,
a byte-order mark, tabs, blank lines inside tables and lists, headings worded differently, sections in
another order — read to the same facts, or the report says what changed. Never silently different.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from test_damaged_sources import (
    F000, F001, F002, HEADINGS_000, HEADINGS_001, HEADINGS_002, facts as _facts, read_lines, reorder, write_lines,
)

from desktop.ingest import load_corpus
from desktop.ingest.corpus import read_document
from desktop.ingest.document import Document
from desktop.ingest.report import has_findings

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
# Headings reworded as other documents word them, each still naming its topic.
REWORDINGS = {
    F000: {"Overview": "Introduction", "Indication": "Indications", "Associated Conditions": "Related Conditions"},
    F001: {
        "Drug Overview": "Overview",
        "What Is It and How Does It Work? (Mechanism of Action)": "How It Works",
        "FDA-Approved Clinical Indications": "Indications",
        "Dosage and Administration Protocols": "Administration",
        "Clinical Efficacy and Research Results": "Efficacy",
        "Safety Profile and Side Effects": "Adverse Effects",
        "Research Areas": "Future Directions",
        "Patient Management and Practical Recommendations": "Patient Advice",
        "Legal Disclaimer": "Disclaimer",
    },
    F002: {
        "Glossary": "Key terms explained",
        "Important patient terms": "Terms used",
        "What the trials measure": "Endpoints",
        "Trial phases and who can join": "Eligibility",
        "References": "Bibliography",
        "Ongoing Clinical Trials on Aldesleukin": "Ongoing studies",
    },
}
HEADINGS = {F000: HEADINGS_000, F001: HEADINGS_001, F002: HEADINGS_002}
SHAPES = {F000: "drug-database-page", F001: "monograph", F002: "trials-overview"}
ORIGINAL = {e.source: e for e in load_corpus(SOURCES).extractions}


def facts(extraction) -> dict:
    """The facts as test_damaged_sources compares them, a section's heading left out (a reworded heading
    changes that and nothing else) and its blank lines folded (a blank line added changes only that)."""
    sections = [dataclasses.replace(s, heading="", body="\n".join(line for line in s.body.split("\n") if line))
                for s in extraction.sections]
    return _facts(dataclasses.replace(extraction, sections=sections))


@st.composite
def perturbation(draw):
    file = draw(st.sampled_from([F000, F001, F002]))
    return {
        "file": file,
        "crlf": draw(st.booleans()),
        "bom": draw(st.booleans()),
        "tabs": draw(st.lists(st.integers(0, 10_000), max_size=4)),
        "blanks": draw(st.lists(st.integers(0, 10_000), max_size=4)),
        "reword": draw(st.lists(st.sampled_from(sorted(REWORDINGS[file])), unique=True, max_size=4)),
        "order": draw(st.permutations(HEADINGS[file])) if draw(st.booleans()) else None,
    }


def apply(change: dict, folder: Path) -> Path:
    path = folder / change["file"]
    path.write_bytes((SOURCES / change["file"]).read_bytes())
    if change["order"]:
        reorder(path, HEADINGS[change["file"]], list(change["order"]), blank_between=change["file"] != F001)
    lines = read_lines(path)
    for old in change["reword"]:
        lines = [REWORDINGS[change["file"]][old] if line.strip() == old else line for line in lines]
    prose = [n for n, line in enumerate(lines) if len(line) > 80 and " " in line]
    for pick in change["tabs"]:  # a tab where a space was, inside a line of running text
        if prose:
            n = prose[pick % len(prose)]
            spaces = [m.start() for m in re.finditer(" ", lines[n])]
            at = spaces[pick % len(spaces)]
            lines[n] = lines[n][:at] + "\t" + lines[n][at + 1:]
    for pick in sorted(change["blanks"], reverse=True):  # a blank line inside a table, a list or a paragraph run
        lines.insert(1 + pick % max(1, len(lines) - 1), "")
    write_lines(path, lines)
    data = path.read_bytes()
    if change["crlf"]:
        data = data.replace(b"\n", b"\r\n")
    if change["bom"]:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=perturbation())
def test_a_changed_copy_reads_to_the_same_facts_or_says_why_not(tmp_path, change):
    path = apply(change, tmp_path)
    read = read_document(SHAPES[change["file"]], Document.read(path))
    original = ORIGINAL[change["file"]]
    assert not has_findings(original)  # the bundled documents read whole
    same = facts(read) == facts(original)
    assert same or has_findings(read), f"{change} changed the facts and the report says nothing"


def test_the_plain_changes_never_change_the_facts(tmp_path):
    """CRLF, a BOM, tabs and every heading reworded at once: the same facts, and nothing reported."""
    for file, shape in SHAPES.items():
        change = {"file": file, "crlf": True, "bom": True, "tabs": [1, 7, 30], "blanks": [],
                  "reword": sorted(REWORDINGS[file]), "order": None}
        read = read_document(shape, Document.read(apply(change, tmp_path)))
        assert facts(read) == facts(ORIGINAL[file]), file
        assert not has_findings(read), read.report
        assert read.drug_name == ORIGINAL[file].drug_name  # no BOM in the name
