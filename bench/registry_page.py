"""A deterministic page of synthetic ClinicalTrials.gov study records (API v2 JSON) for `make bench`.

Real-looking in shape — every module DrugRef reads, several locations and outcomes a study — but clearly
synthetic: every title says "(synthetic benchmark record)", sponsors are "Synthetic Sponsor N", and the NCT
numbers run from NCT09000000, a range the registry has not reached. A fifth of the studies name a seed drug
(by name or code name), so linking and merging are exercised; the rest name drugs no catalogue has.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

_SEED_NAMES = ("Aldesleukin", "NKTR-214", "Nemvaleukin alfa", "ALKS 4230", "Bempegaldesleukin")
_STATUSES = ("RECRUITING", "COMPLETED", "TERMINATED", "ACTIVE_NOT_RECRUITING", "NOT_YET_RECRUITING", "WITHDRAWN")
_PHASES = (["PHASE1"], ["PHASE1", "PHASE2"], ["PHASE2"], ["PHASE3"], ["EARLY_PHASE1"], ["NA"])
_CONDITIONS = ("Melanoma", "Renal Cell Carcinoma", "Non-small Cell Lung Cancer", "Ovarian Cancer", "Solid Tumor")
_COUNTRIES = ("United States", "Canada", "France", "Germany", "Spain", "Japan", "Australia", "Brazil")


def _date(rng: random.Random, year: int) -> dict:
    return {"date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "type": rng.choice(("ACTUAL", "ESTIMATED"))}


def study(number: int, rng: random.Random) -> dict:
    year = 2015 + number % 10
    drug = rng.choice(_SEED_NAMES) if number % 5 == 0 else f"Synthetic compound SYN-{number:04d}"
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": f"NCT09{number:06d}", "orgStudyIdInfo": {"id": f"SYN-{number:05d}"},
                "briefTitle": f"Study {number} of {drug} in {rng.choice(_CONDITIONS)} (synthetic benchmark record)",
                "officialTitle": f"A Randomised Study of {drug} (synthetic benchmark record {number})",
                "acronym": f"SYNTH-{number}",
            },
            "statusModule": {
                "overallStatus": rng.choice(_STATUSES),
                "startDateStruct": _date(rng, year), "completionDateStruct": _date(rng, year + 3),
                "primaryCompletionDateStruct": _date(rng, year + 2), "studyFirstPostDateStruct": _date(rng, year),
                "lastUpdatePostDateStruct": _date(rng, year + 4),
            },
            "sponsorCollaboratorsModule": {"leadSponsor": {"name": f"Synthetic Sponsor {number % 37}", "class": "INDUSTRY"},
                                           "collaborators": [{"name": f"Synthetic Network {number % 11}", "class": "OTHER"}]},
            "conditionsModule": {"conditions": rng.sample(_CONDITIONS, 2), "keywords": ["synthetic", "benchmark"]},
            "designModule": {"studyType": "INTERVENTIONAL", "phases": rng.choice(_PHASES),
                             "enrollmentInfo": {"count": rng.randint(10, 900), "type": "ESTIMATED"}},
            "armsInterventionsModule": {"interventions": [
                {"type": "DRUG", "name": drug, "otherNames": [f"SYN{number}"]},
                {"type": "DRUG", "name": "Placebo"}]},
            "outcomesModule": {
                "primaryOutcomes": [{"measure": "Progression-free survival", "timeFrame": "24 months"}],
                "secondaryOutcomes": [{"measure": "Overall survival"}, {"measure": "Objective response rate"}]},
            "eligibilityModule": {"sex": "ALL", "minimumAge": "18 Years", "maximumAge": "75 Years"},
            "contactsLocationsModule": {"locations": [
                {"facility": f"Synthetic Site {i}", "country": rng.choice(_COUNTRIES)} for i in range(6)]},
        },
        "hasResults": number % 3 == 0,
    }


def page(count: int = 1000, seed: int = 214) -> dict:
    rng = random.Random(seed)
    return {"studies": [study(n, rng) for n in range(count)], "nextPageToken": "SYNTHETIC"}


def write_page(path: Path, count: int = 1000) -> Path:
    path.write_text(json.dumps(page(count), separators=(",", ":")), encoding="utf-8")  # compact, as the API sends it
    return path
