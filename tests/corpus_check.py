"""Compare what the readers extract from a corpus document with its `.expected.toml`, fact by fact.

Each expected fact is found or missing; each structured fact the reader produced that the expectation
does not hold is wrong. Run as a script to print the table per document:
    python tests/corpus_check.py
"""
from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
# Properties the expectations state; others (report titles, published dates) are not compared.
TRACKED_PROPERTIES = ("drug_type", "drug_class", "route", "development_status", "developer", "collaborator")
# Trial fields compared; a field the expectation leaves out must be empty in the extraction too.
TRIAL_FIELDS = ("programme", "title", "phase", "status", "enrollment", "posted", "sponsor", "conditions", "endpoints")


@dataclass
class Result:
    document: str
    expected: int = 0
    found: int = 0
    missing: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    known_missing: list[str] = field(default_factory=list)  # what the expectation says the reader misses, and why

    @property
    def unexpected_missing(self) -> list[str]:
        return [m for m in self.missing if m not in self.known_missing]

    def check(self, what: str, ok: bool, wrong_if_not: bool = False) -> None:
        """One expected fact: found, or missing (or wrong, when something else stands in its place)."""
        self.expected += 1
        if ok:
            self.found += 1
        elif wrong_if_not:
            self.wrong.append(what)
        else:
            self.missing.append(what)


def expectations(folder: Path = CORPUS) -> list[dict]:
    return [tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.expected.toml"))]


def _norm(text) -> str:
    return " ".join(str(text).split()).rstrip(".").casefold() if text is not None else ""


def _covers(prov, line: int) -> bool:
    return prov.line_start <= line <= prov.line_end


def compare(expected: dict, extraction) -> Result:
    from desktop.ingest.merge import merge_trials

    result = Result(expected["document"])
    result.check(f"drug name {expected['drug']!r}", extraction.drug_name == expected["drug"], wrong_if_not=True)
    _identifiers(expected, extraction, result)
    _properties(expected, extraction, result)
    _trials(expected, merge_trials(list(extraction.trials)), result)
    _approvals(expected, extraction, result)
    _lists(expected, extraction, result)
    _effects(expected, extraction, result)
    _sections(expected, extraction, result)
    _not_stated(expected, extraction, result)
    return result


def _identifiers(expected, extraction, result) -> None:
    got = {(i.kind, i.value) for i in extraction.identifiers}
    for item in expected.get("identifiers", []):
        key = (item["kind"], item["value"])
        provs = [i.prov for i in extraction.identifiers if (i.kind, i.value) == key]
        result.check(f"identifier {key} line {item['line']}", any(_covers(p, item["line"]) for p in provs))
    for key in got - {(i["kind"], i["value"]) for i in expected.get("identifiers", [])}:
        result.wrong.append(f"identifier {key} not expected")


def _properties(expected, extraction, result) -> None:
    want = {(p["name"], _norm(p["value"])) for p in expected.get("properties", [])}
    got = {(p.name, _norm(p.value)) for p in extraction.properties if p.name in TRACKED_PROPERTIES}
    for key in want:
        result.check(f"property {key}", key in got)
    for key in got - want:
        result.wrong.append(f"property {key} not expected")


def _match(item: dict, trials: list) -> object | None:
    if item.get("id"):
        return next((t for t in trials if item["id"] in (t.trial_id, *t.other_ids)), None)
    candidates = [t for t in trials if t.trial_id is None]
    for key, attribute in (("programme", "programme"), ("title", "title")):
        if item.get(key):
            found = [t for t in candidates if _norm(getattr(t, attribute)) == _norm(item[key])]
            if found:
                return found[0]
    return next((t for t in candidates if _covers(t.prov, item["line"])), None)


def _statements(trial, name: str) -> list[str]:
    first = getattr(trial, name)
    values = [] if first in (None, "", []) else [first]
    return values + [v.value for v in trial.values if v.field == name]


def _trials(expected, trials, result) -> None:
    matched = []
    for item in expected.get("trials", []):
        label = item.get("id") or item.get("programme") or (item.get("title") or "")[:40] or f"line {item['line']}"
        result.known_missing += [f"trial {label}: {what}" for what in item.get("known_missing", [])]
        trial = _match(item, trials)
        result.check(f"trial {label}", trial is not None)
        if trial is None:
            continue
        matched.append(trial)
        result.check(f"trial {label}: primary passage covers line {item['line']}", _covers(trial.prov, item["line"]))
        for name in TRIAL_FIELDS:
            want, got = item.get(name), getattr(trial, name)
            if want is None:
                if got not in (None, "") and name not in ("title", "conditions"):
                    result.wrong.append(f"trial {label}: {name} {got!r} not expected")
                continue
            stated = [_norm(v) for v in _statements(trial, name)]
            ok = _norm(want) in stated if name in ("conditions", "title") else _norm(got) == _norm(want)
            result.check(f"trial {label}: {name} {want!r} (got {got!r})", ok, wrong_if_not=got not in (None, ""))
        others = {_norm(s) for s in _statements(trial, "status")[1:]} - {_norm(trial.status)}
        want_others = {_norm(s) for s in item.get("other_statuses", [])}
        for status in want_others:
            result.check(f"trial {label}: second status {status!r}", status in others)
        for status in others - want_others:
            result.wrong.append(f"trial {label}: second status {status!r} not expected")
        want_names = {_norm(n) for n in item.get("interventions", [])}
        got_names = {_norm(n) for v in _statements(trial, "interventions") for n in v.split("; ")}
        for name in want_names:
            result.check(f"trial {label}: intervention {name!r}", name in got_names)
        for name in got_names - want_names:
            result.wrong.append(f"trial {label}: intervention {name!r} not expected")
        if "countries" in item:
            result.check(f"trial {label}: countries", trial.countries == item["countries"], wrong_if_not=bool(trial.countries))
            result.check(f"trial {label}: +{item.get('countries_more', 0)} more",
                         (trial.countries_more or 0) == item.get("countries_more", 0))
        elif trial.countries:
            result.wrong.append(f"trial {label}: countries {trial.countries} not expected")
    for trial in trials:
        if not any(trial is m for m in matched):
            result.wrong.append(f"trial not expected: {trial.trial_id or trial.programme or trial.title} (line {trial.prov.line_start})")


def _approvals(expected, extraction, result) -> None:
    by_agency = {}
    for approval in extraction.approvals:
        by_agency.setdefault(approval.agency, []).append(approval)
    want_agencies = set()
    for item in expected.get("approvals", []):
        agency = item["agency"]
        want_agencies.add(agency)
        found = by_agency.get(agency, [])
        result.check(f"approval {agency}: {item['finding']}", any(a.finding == item["finding"] for a in found),
                     wrong_if_not=bool(found))
        products = [p for p in extraction.approved_products if p.agency == agency]
        for number, want in enumerate(item.get("products", [])):
            got = products[number] if number < len(products) else None
            for key in ("product", "company", "number", "route", "form", "strength", "date"):
                if key in want:
                    value = getattr(got, key) if got else None
                    result.check(f"approval {agency} product {number + 1} {key} {want[key]!r} (got {value!r})",
                                 _norm(value) == _norm(want[key]), wrong_if_not=value is not None)
        if len(products) > len(item.get("products", [])):
            result.wrong.append(f"approval {agency}: {len(products)} products, {len(item.get('products', []))} expected")
    for agency in set(by_agency) - want_agencies:
        result.wrong.append(f"approval {agency} not expected")


def _lists(expected, extraction, result) -> None:
    pairs = (
        ("indications", lambda r: _norm(r.condition)), ("conditions", lambda r: _norm(r.condition)),
        ("designations", lambda r: (r.designation, r.agency)),
        ("glossary", lambda r: (_norm(r.term), _norm(r.abbreviation), _norm(r.definition))),
        ("references", lambda r: (r.number, r.url)),
        ("dosing", lambda r: (tuple(r.headers), tuple(r.cells))),
    )
    keys = {
        "indications": lambda e: _norm(e["condition"]), "conditions": lambda e: _norm(e["condition"]),
        "designations": lambda e: (e["designation"], e.get("agency")),
        "glossary": lambda e: (_norm(e["term"]), _norm(e.get("abbreviation")), _norm(e["definition"])),
        "references": lambda e: (e["number"], e.get("url")),
        "dosing": lambda e: (tuple(e["header"]), tuple(e["cells"])),
    }
    for name, key_of in pairs:
        got = [key_of(r) for r in getattr(extraction, name)]
        want = [keys[name](e) for e in expected.get(name, [])]
        for key in want:
            result.check(f"{name} {key}", key in got)
        for key in got:
            if key not in want:
                result.wrong.append(f"{name} {key} not expected")
    # A reference's text holds its title: "Moore K, et al. Maintenance olaparib in … N Engl J Med. 2018…".
    texts = {r.number: _norm(r.title) for r in extraction.references}
    for item in expected.get("references", []):
        if item.get("title"):
            result.check(f"reference {item['number']} title {item['title']!r}", _norm(item["title"]) in texts.get(item["number"], ""))
    got_dates = {e.date for e in extraction.events if e.date}
    for event in expected.get("events", []):
        result.check(f"event {event['date']} ({event.get('what', '')})", event["date"] in got_dates)
    for date in got_dates - {e["date"] for e in expected.get("events", [])}:
        result.wrong.append(f"event dated {date} not expected")


def _effects(expected, extraction, result) -> None:
    got = [(_norm(e.effect), _norm(e.frequency or e.frequency_group)) for e in extraction.adverse_effects]
    want = [(_norm(e["effect"]), _norm(e.get("frequency"))) for e in expected.get("adverse_effects", [])]
    for key in want:
        result.check(f"adverse effect {key}", key in got)
    for key in got:
        if key not in want:
            result.wrong.append(f"adverse effect {key} not expected")


def _sections(expected, extraction, result) -> None:
    for section in expected.get("sections", []):
        if section["topic"] == "other":
            kept = any(s.kind == "other" and s.heading == section["heading"] for s in extraction.sections)
            reported = any(line == section["line"] for line, _, _ in extraction.report.unrecognised)
            result.check(f"section {section['heading']!r} kept as text and reported", kept and reported)


_TOPIC_FACTS = {
    "dosing": ("dosing",), "safety": ("adverse_effects", "advice"), "glossary": ("glossary",),
    "references": ("references",), "disclaimer": ("disclaimers",), "indications": ("indications",),
    "mechanism": ("receptor_statements",), "efficacy": ("efficacy",), "trials": ("trials",),
    "approvals": ("approvals",), "research": ("research_areas",),
}


def _not_stated(expected, extraction, result) -> None:
    for topic in expected.get("not_stated", []):
        facts = [name for name in _TOPIC_FACTS.get(topic, ()) if getattr(extraction, name)]
        sections = [s for s in extraction.sections if s.kind == topic]
        mentions = [m for m in getattr(extraction, "mentions", []) if m.topic == topic]
        result.check(f"{topic} not stated", not (facts or sections or mentions), wrong_if_not=True)


def run(folder: Path = CORPUS) -> list[Result]:
    from desktop.ingest import load_corpus

    corpus = load_corpus(folder)
    by_file = {e.source: e for e in corpus.extractions}
    return [compare(expected, by_file[expected["document"]]) for expected in expectations(folder)]


if __name__ == "__main__":
    sys.path.insert(0, str(CORPUS.parent.parent))
    verbose = "-v" in sys.argv
    folders = [Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")]
    total = Result("all")
    print(f"{'document':42} {'expected':>8} {'found':>6} {'missing':>8} {'wrong':>6}")
    for result in run(folders[0] if folders else CORPUS):
        print(f"{result.document:42} {result.expected:8} {result.found:6} {len(result.missing):8} {len(result.wrong):6}")
        total.expected += result.expected
        total.found += result.found
        total.missing += result.missing
        total.wrong += result.wrong
        if verbose:
            for line in result.missing:
                print("    missing:", line)
            for line in result.wrong:
                print("    wrong:  ", line)
    print(f"{'all':42} {total.expected:8} {total.found:6} {len(total.missing):8} {len(total.wrong):6}")
