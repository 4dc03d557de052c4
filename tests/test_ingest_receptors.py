"""Golden tests for the receptor facts and development milestones read from the seed sources.

Expected values were read off the sources with `cat -n`: 001 lines 2, 7, 14-20 and 36; 000 line 34.
"""
from __future__ import annotations

import pytest

from desktop.ingest.prose import development_events
from desktop.ingest.records import subunits_of

MONOGRAPH = "001_bb6f0f708e6573de.txt"
PAGE = "000_d1e456e14f737604.txt"
TRIALS = "002_12ec28ba8c7864ed.txt"


def _statements(extraction) -> list[tuple[str, str, str, int]]:
    return [(s.action, s.target_kind, s.target, s.prov.line_start) for s in extraction.receptor_statements]


def test_subunits_as_the_monograph_names_them(extractions):
    subunits = extractions[MONOGRAPH].receptor_subunits
    assert [(s.subunit, s.marker, s.prov.line_start) for s in subunits] == [
        ("α", "CD25", 14), ("β", "CD122", 14), ("γ", "CD132", 14)]


def test_receptor_forms_and_the_cells_that_carry_them(extractions):
    forms = extractions[MONOGRAPH].receptor_complexes
    assert [(f.name, f.subunits, f.cells, f.prov.line_start) for f in forms] == [
        ("High-Affinity Receptor", "αβγ", "Tregs", 15),
        ("Intermediate-Affinity Receptor", "βγ", "CD8+ T-cells and NK cells", 16),
    ]


def test_nemvaleukin_engages_beta_gamma_and_avoids_alpha(extractions):
    assert _statements(extractions[MONOGRAPH]) == [
        ("engages", "subunits", "βγ", 2),       # "binds specifically to the intermediate-affinity IL-2 receptor (βγ subunits)"
        ("avoids", "subunits", "αβγ", 2),       # "while avoiding the high-affinity IL-2 receptor (α \ β \ γ subunits)"
        ("avoids", "subunits", "α", 19),        # "prevents the molecule from binding to the α subunits"
        ("engages", "subunits", "βγ", 20),      # "the drug only binds to the βγ receptors"
        ("avoids", "cells", "suppressor Tregs", 20),  # "without activating the suppressor Tregs"
        ("engages", "subunits", "βγ", 7),       # Mechanism bullet: "through the βγ IL-2 receptor complex"
        ("engages", "cells", "CD8+ T-cells and NK cells", 7),
    ]


def test_bempegaldesleukin_prefers_cd122(extractions):
    assert _statements(extractions[PAGE]) == [
        ("prefers", "marker", "CD122", 34),
        ("engages", "cells", "CD8+ T cells and Natural Killer (NK) cells", 34),
        ("avoids", "cells", "immunosuppressive regulatory T cells (Tregs)", 34),
    ]


def test_general_il2_sentences_are_not_drug_statements(extractions):
    # Line 14 ("Traditional IL-2 binds to three subunits") and 15 ("Binding to the α subunit is also linked
    # to …") speak of IL-2 itself.
    assert not [s for s in extractions[MONOGRAPH].receptor_statements if s.prov.line_start in (14, 15, 16)]


def test_aldesleukin_source_states_no_receptor_facts(extractions):
    extraction = extractions[TRIALS]
    assert extraction.receptor_statements == []
    assert extraction.receptor_complexes == []


def test_subunits_are_put_in_canonical_order():
    assert subunits_of("α \\ β \\ γ") == "αβγ"
    assert subunits_of("β/γ") == "βγ"
    assert subunits_of("γβ") == "βγ"


def test_results_dated_to_part_of_a_year(extractions):
    readouts = [e for e in extractions[MONOGRAPH].events if e.kind == "readout"]
    assert [(e.date, e.date_text, e.prov.line_start) for e in readouts] == [("2026", "early 2026", 36)]
    assert readouts[0].description.startswith("As of early 2026, results from the ARTISTRY clinical program")


@pytest.mark.parametrize("sentence, kinds", [
    ("A series of large trials conclusively failed to meet their primary endpoints.", [("primary endpoints not met", None)]),
    ("The study met its primary endpoint.", [("primary endpoints met", None)]),
    ("It failed to meet expectations.", []),  # says nothing about which result, or when: no event
    ("As of March 2026, nemvaleukin alfa is not FDA-approved.", [("not approved", "2026-03")]),
    ("The FDA approved the drug in May 1992.", [("approval", "1992-05")]),
    # A dated sentence that tells two events: the date is the approval's, not the readout's.
    ("In April 2024, the FDA approved it based on results from the QUILT-3.032 trial.", [("approval", "2024-04")]),
    ("Drug X is not approved.", []),  # a status without a date is not an event
])
def test_a_readout_or_approval_event_says_what_the_sentence_found(sentence, kinds):
    assert [(e.kind, e.date) for e in development_events(sentence)] == kinds
