"""Qt models over the seed database: qtmodeltester, semantic sorting in both directions, lazy rows."""
from __future__ import annotations

import pytest

from desktop.ingest.clean import phase_rank
from desktop.models.drug_list import DRUG_ID_ROLE, FAVOURITE_ROLE, DrugListModel
from desktop.models.search_results import HIT_ROLE, IS_HEADER_ROLE, SUGGESTION_ROLE, SearchResultsModel
from desktop.models.trials_table import COLUMNS, TRIAL_ROLE, TrialsTableModel
from desktop.store import TrialQuery
from PySide6.QtCore import Qt


def test_drug_list_passes_modeltester_and_pins_favourites(qtmodeltester, store):
    model = DrugListModel(store.drugs(), ["nemvaleukin-alfa"])
    qtmodeltester.check(model)
    ids = [model.index(r).data(DRUG_ID_ROLE) for r in range(model.rowCount())]
    assert ids == ["nemvaleukin-alfa", "aldesleukin", "bempegaldesleukin"]
    assert model.index(0).data(FAVOURITE_ROLE) is True
    model.set_favourites([])
    assert [model.index(r).data() for r in range(3)] == ["Aldesleukin", "Bempegaldesleukin", "Nemvaleukin alfa"]
    qtmodeltester.check(model)


def test_drug_list_shows_status_as_the_sources_state_it(store):
    model = DrugListModel(store.drugs(), [])
    tips = {model.index(r).data(DRUG_ID_ROLE): model.index(r).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(3)}
    assert "Investigational" in tips["bempegaldesleukin"] and "Development terminated" in tips["bempegaldesleukin"]
    assert "NKTR-214" in tips["bempegaldesleukin"]
    assert tips["aldesleukin"].endswith("Status not stated in the sources")


def test_trials_model_passes_modeltester(qtmodeltester, store, seed_trial_count):
    model = TrialsTableModel(store)
    qtmodeltester.check(model)
    assert model.rowCount() == store.count_trials() == seed_trial_count
    model.set_query(TrialQuery(drug_id="nemvaleukin-alfa"))
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def _column_values(model: TrialsTableModel, column: str) -> list:
    values = []
    for row in range(model.rowCount()):
        trial = model.trial_at(row)
        values.append({
            "phase": phase_rank(trial.phase), "enrollment": trial.enrollment, "posted": trial.posted,
            "trial_id": trial.trial_id, "drug": trial.drug, "status": trial.status, "conditions": trial.conditions,
            "countries": trial.countries or None, "title": trial.title or trial.programme, "source": trial.prov.source,
            **{name: getattr(trial, name) for name in ("sponsor", "start", "completion", "why_stopped", "results_posted", "last_updated")},
        }[column])
    return values


@pytest.mark.parametrize("column", [column.key for column in COLUMNS])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_each_column_is_semantic_with_empty_values_last(store, column, order):
    model = TrialsTableModel(store)
    model.sort(model.column_of(column), order)
    values = _column_values(model, column)
    present = [v for v in values if v is not None]
    assert values[: len(present)] == present, "empty values must come last"
    expected = sorted(present, reverse=order == Qt.SortOrder.DescendingOrder)
    assert present == expected


def test_phase_sort_orders_by_phase_not_by_text(store):
    model = TrialsTableModel(store)
    model.sort(model.column_of("phase"), Qt.SortOrder.AscendingOrder)
    phases = [t for t in (model.trial_at(r).phase for r in range(model.rowCount())) if t]
    assert phases.index("1/2") > max(i for i, p in enumerate(phases) if p == "1")
    assert phases.index("2") > max(i for i, p in enumerate(phases) if p == "1/2")


def test_enrollment_sorts_numerically(store):
    model = TrialsTableModel(store)
    model.sort(model.column_of("enrollment"), Qt.SortOrder.DescendingOrder)
    top = [model.trial_at(r).enrollment for r in range(3)]
    assert top == [810, 268, 112]


def test_filters_combine_in_sql(store):
    model = TrialsTableModel(store)
    model.set_query(TrialQuery(drug_id="aldesleukin", phase="2", status="Authorised"))
    trials = [model.trial_at(r) for r in range(model.rowCount())]
    assert trials and all(t.phase == "2" and t.status == "Authorised" and t.drug == "Aldesleukin" for t in trials)
    model.set_query(TrialQuery(text="melanoma"))
    assert {model.data(model.index(r, 0), TRIAL_ROLE) for r in range(model.rowCount())}
    assert all("melanoma" in ((t.conditions or "") + (t.title or "") + (t.summary or "")).lower()
               for t in (model.trial_at(r) for r in range(model.rowCount())))


def test_search_model_groups_hits_and_offers_corrections(qtmodeltester, store):
    model = SearchResultsModel()
    model.set_result("NKTR-214", store.search("NKTR-214"))
    qtmodeltester.check(model)
    assert model.index(0).data(IS_HEADER_ROLE) is True
    assert model.index(0).data() == "Drugs (1)"
    assert model.index(1).data(HIT_ROLE).drug == "Bempegaldesleukin"
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsSelectable
    model.set_result("aldeslukin", store.search("aldeslukin"))
    assert model.index(0).data(SUGGESTION_ROLE) == "aldesleukin"
    assert model.index(0).data() == "Did you mean “aldesleukin”?"
    qtmodeltester.check(model)


def test_long_snippets_start_near_their_first_match():
    from desktop.models.search_results import near_first_match

    text = "word " * 20 + "NKTR-214 was an investigational agent"
    start = text.index("NKTR-214")
    shown, spans = near_first_match(text, ((start, start + 8),))
    assert shown.startswith("…") and shown[spans[0][0]:spans[0][1]] == "NKTR-214"
    assert spans[0][0] <= 32
    assert near_first_match("NKTR-214 early", ((0, 8),)) == ("NKTR-214 early", ((0, 8),))


def test_too_many_matches_say_so_and_offer_the_grid(store):
    from desktop.models.search_results import ALL_TRIALS_ROLE
    from desktop.store.results import Hit, SearchResult

    hits = [Hit("trial", "aldesleukin", "Aldesleukin", f"T{i}", "", (), 0.0, i) for i in range(3)]
    model = SearchResultsModel()
    model.set_result("melanoma", SearchResult(hits, many=["trial"]))
    assert model.index(0).data() == "Trials (first 3 of many matches)"
    last = model.index(model.rowCount() - 1)
    assert last.data(ALL_TRIALS_ROLE) == "melanoma"
    assert model.flags(last) & Qt.ItemFlag.ItemIsSelectable


def _signals(model: SearchResultsModel) -> list:
    seen: list = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.dataChanged.connect(lambda top, bottom, roles=(): seen.append((top.row(), bottom.row())))
    return seen


def test_search_model_leaves_an_unchanged_answer_alone(qtmodeltester, store):
    model = SearchResultsModel()
    model.set_result("melanoma", store.search("melanoma"))
    seen = _signals(model)
    model.set_result("melanoma", store.search("melanoma"))
    assert seen == []  # the same answer: nothing to lay out or repaint
    model.set_result("qwxzv", store.search("qwxzv"))
    model.set_result("qwxzvb", store.search("qwxzvb"))
    assert seen == ["reset", "reset"]
    assert model.index(0).data() == "No results for “qwxzvb”."
    qtmodeltester.check(model)


def test_search_model_rows_show_the_latest_answer(store):
    from desktop.models.roles import ROW_ROLE

    model = SearchResultsModel()
    model.set_result("aldeslukin", store.search("aldeslukin"))
    assert model.index(0).data(ROW_ROLE)[0] == "Did you mean “aldesleukin”?"
    model.set_result("melanomma", store.search("melanomma"))
    assert model.index(0).data(ROW_ROLE)[0] == "Did you mean “melanoma”?"  # not the row painted before
    assert model.index(1).data() == "No results for “melanomma”."
    model.clear()
    assert model.rowCount() == 0
