"""ClinicalTrials.gov study records (API version 2, JSON): a single study, a list of them, or a page
`{"studies": [...], "nextPageToken": ...}`, read into trials — structured, so nothing is guessed.

Every value is kept with the registry's own word beside its normalised form (ACTIVE_NOT_RECRUITING →
"Active, not recruiting"; ["PHASE1", "PHASE2"] → phase "1/2" worded "PHASE1, PHASE2", by clean.py's
vocabularies; desktop.labels.worded shows the two together), and as a
TrialValue citing its JSON path and the lines of the printed record (registry_json). A record that is not
a study or has no NCT number is skipped, an enum value outside the registry's vocabulary is left out, and
each is said in the report, naming the record (its index and NCT number) and the field. What a record holds
besides the fields read is said too (registry_unread): once per field in the report, and with each trial as
its "unread" values. A record names no drug: it is attached to drugs later, by its interventions' names
(desktop.store.registry_links).
"""
from __future__ import annotations

import re

from .clean import clean_text, normalise_phase, normalise_status, strip_controls
from .document import SourceError
from .provenance import Provenance
from .registries import is_registry_id, registry_of
from .records import WORDING_OF as _WORDING, TrialValue
from .trial_record import shown
from .extraction import Extraction, Trial
from .registry_json import RegistryText, child_path
from .registry_unread import UNREAD_NOTE, UnreadTally, by_field, takes_whole, unread_parts, unread_values

SHAPE = "registry-json"
_NCT = re.compile(r"NCT\d{8}")
_DATE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?")
# The registry's phase words, as clean.normalise_phase reads them.
_PHASES = {"EARLY_PHASE1": "Early Phase 1", "PHASE1": "Phase 1", "PHASE2": "Phase 2", "PHASE3": "Phase 3",
           "PHASE4": "Phase 4", "NA": "Not Applicable"}
_STATUSES = ("ACTIVE_NOT_RECRUITING", "COMPLETED", "ENROLLING_BY_INVITATION", "NOT_YET_RECRUITING", "RECRUITING",
             "SUSPENDED", "TERMINATED", "WITHDRAWN", "AVAILABLE", "NO_LONGER_AVAILABLE", "TEMPORARILY_NOT_AVAILABLE",
             "APPROVED_FOR_MARKETING", "WITHHELD", "UNKNOWN")
_STUDY_TYPES = {"INTERVENTIONAL": "Interventional", "OBSERVATIONAL": "Observational",
                "EXPANDED_ACCESS": "Expanded access"}
_SEXES = {"ALL": "All", "FEMALE": "Female", "MALE": "Male"}
_DATE_TYPES = {"ACTUAL": "actual", "ESTIMATED": "estimated"}
_ENROLLMENT_TYPES = {"ACTUAL": "Actual", "ESTIMATED": "Estimated"}
_INTERVENTION_TYPES = {"DRUG": "Drug", "BIOLOGICAL": "Biological", "DEVICE": "Device", "PROCEDURE": "Procedure",
                       "RADIATION": "Radiation", "BEHAVIORAL": "Behavioral", "GENETIC": "Genetic",
                       "DIETARY_SUPPLEMENT": "Dietary supplement", "COMBINATION_PRODUCT": "Combination product",
                       "DIAGNOSTIC_TEST": "Diagnostic test", "OTHER": "Other"}
_DATES = (("start", "startDateStruct"), ("primary_completion", "primaryCompletionDateStruct"),
          ("completion", "completionDateStruct"), ("posted", "studyFirstPostDateStruct"),
          ("last_updated", "lastUpdatePostDateStruct"))


def status_of(word: str) -> str | None:
    """ACTIVE_NOT_RECRUITING → "Active, not recruiting" (clean.py's spelling); None for a word not the registry's."""
    return normalise_status(word.replace("_", " ")) if word in _STATUSES else None


def phase_of(words: list[str]) -> str | None:
    """["PHASE1", "PHASE2"] → "1/2", ["EARLY_PHASE1"] → "Early 1", ["NA"] → "N/A" (clean.normalise_phase)."""
    if not words or any(word not in _PHASES for word in words):
        return None
    if len(words) == 1:
        return normalise_phase(_PHASES[words[0]])
    return normalise_phase("/".join(_PHASES[word] for word in words))


def parse(doc: RegistryText) -> Extraction:
    extraction = Extraction(doc.name, "", Provenance(doc.name, "", 1, 1))
    data = doc.data
    if isinstance(data, dict) and "studies" in data:
        if not isinstance(data["studies"], list):
            raise SourceError(doc.name, _line(doc, "studies"), "a page's \"studies\" as a list of study records",
                              type(data["studies"]).__name__)
        records = [(f"studies[{i}]", study) for i, study in enumerate(data["studies"])]
        if data.get("nextPageToken"):
            extraction.report.notes.append((_line(doc, "nextPageToken"), "nextPageToken",
                                            "a page of a longer result: the registry has further studies, not in this file"))
        for path, _ in unread_parts(data, "", {"studies", "nextPageToken"}):  # totalCount, or whatever else a page has
            extraction.report.notes.append((_line(doc, path), path, f"{UNREAD_NOTE}: {path} (the page's own, at line "
                                            f"{_line(doc, path)})"))
    elif isinstance(data, dict) and "protocolSection" in data:
        records = [("", data)]
    elif isinstance(data, list) and data:
        records = [(f"[{i}]", study) for i, study in enumerate(data)]
    else:
        raise SourceError(doc.name, 1, "a ClinicalTrials.gov study record (an object with \"protocolSection\"), "
                          "a list of them, or a page {\"studies\": [...]}", _shape(data))
    # What the records hold that is not read: a note per field (notes: values seen but not taken, and why;
    # not `unplaced`, which is lines of prose shown on a drug's Overview, nor `ignored`, page furniture).
    unread = UnreadTally()
    for index, (path, study) in enumerate(records):
        trial = _Study(doc, extraction, index, path, study).read(unread)
        if trial is not None:
            extraction.trials.append(trial)
    if not extraction.trials:
        raise SourceError(doc.name, 1, "at least one study record with an NCT number",
                          "; ".join(why for _, _, why in extraction.report.notes) or "none")
    extraction.report.notes.extend(unread.notes())
    return extraction


def _shape(data) -> str:
    if isinstance(data, dict):
        return "an object with " + (", ".join(list(data)[:5]) or "no keys")
    return "an empty list" if data == [] else type(data).__name__


def _line(doc: RegistryText, path: str) -> int:
    return doc.spans.get(path, (1, 1))[0]


class _Study:
    """One record read into a Trial, every value with its path; problems go to the report, naming the record."""

    def __init__(self, doc: RegistryText, extraction: Extraction, index: int, path: str, study) -> None:
        self.doc, self.extraction, self.index, self.path, self.study = doc, extraction, index, path, study
        self.nct: str | None = None
        self.trial: Trial | None = None
        self.read_paths: set[str] = set()  # every path read, or noted as left out (registry_unread)

    def _join(self, *keys: str | int) -> str:
        path = self.path
        for key in keys:
            path = child_path(path, key)
        return path

    def prov(self, path: str) -> Provenance:
        start, end = self.doc.spans[path]
        return Provenance(self.doc.name, path, start, end)

    def note(self, path: str, why: str) -> None:
        record = f"record {self.index}" + (f" ({self.nct})" if self.nct else "")
        self.extraction.report.notes.append((_line(self.doc, path), path, f"{record}: {why}"))
        self.read_paths.add(path)  # said with why: not said again as a part not read

    def get(self, *keys: str | int):
        """The value at `keys` below the study, or None when any step is missing or of another type."""
        value = self.study
        for key in keys:
            if isinstance(key, int):
                value = value[key] if isinstance(value, list) and key < len(value) else None
            else:
                value = value.get(key) if isinstance(value, dict) else None
            if value is None:
                return None
        if takes_whole(value):
            self.read_paths.add(self._join(*keys))
        return value

    def text(self, *keys: str | int) -> str | None:
        value = self.get(*keys)
        if value is None:
            return None
        if not isinstance(value, str):
            self.note(self._join(*keys), f"{keys[-1]}: expected text, found {value!r}; left out")
            return None
        return clean_text(strip_controls(value)) or None

    def put(self, name: str, value, text: str | None, *keys: str | int) -> None:
        """Set a field and keep it as a value citing its own path."""
        if value in (None, "", []):
            return
        trial = self.trial
        setattr(trial, name, value)
        if text is not None and name in _WORDING:
            setattr(trial, _WORDING[name], text)
        trial.values.append(TrialValue(name, shown(value), text, self.prov(self._join(*keys))))

    def enum(self, name: str, vocabulary, keys: tuple, normalise=None) -> None:
        word = self.get(*keys)
        if word is None:
            return
        value = (normalise(word) if normalise else vocabulary.get(word)) if isinstance(word, str) else None
        if value is None:
            self.note(self._join(*keys), f"{keys[-1]}: unknown value {word!r} (not one of the registry's words); left out")
            return
        self.put(name, value, word, *keys)

    def read(self, unread: UnreadTally) -> Trial | None:
        if not isinstance(self.study, dict) or not isinstance(self.study.get("protocolSection"), dict):
            self.note(self.path, "not a study record (no protocolSection); skipped")
            return None
        nct = self.get("protocolSection", "identificationModule", "nctId")
        if not isinstance(nct, str) or not _NCT.fullmatch(nct.strip()):
            found = "none" if nct is None else repr(nct)
            self.note(self._join("protocolSection", "identificationModule"),
                      f"no NCT number (identificationModule.nctId: {found}); skipped")
            return None
        self.nct = nct.strip()
        # A single study is the whole file: its span is the file's.
        prov = self.prov(self.path) if self.path else Provenance(self.doc.name, "study", *self.doc.spans[""])
        self.trial = Trial(trial_id=self.nct, prov=prov, from_registry=True)
        self._identification()
        self._status()
        self._design()
        self._people_and_places()
        fields = by_field(self.path, unread_parts(self.study, self.path, self.read_paths))
        self.trial.values.extend(unread_values(self.doc.name, self.doc.spans, fields))
        unread.add(fields, self.doc.spans)
        return self.trial

    def _identification(self) -> None:
        ident = ("protocolSection", "identificationModule")
        self.put("title", self.text(*ident, "briefTitle"), None, *ident, "briefTitle")
        self.put("official_title", self.text(*ident, "officialTitle"), None, *ident, "officialTitle")
        self.put("programme", self.text(*ident, "acronym"), None, *ident, "acronym")
        self.put("org_study_id", self.text(*ident, "orgStudyIdInfo", "id"), None, *ident, "orgStudyIdInfo", "id")
        others = self.get(*ident, "secondaryIdInfos")
        for number, info in enumerate(others if isinstance(others, list) else []):
            value = self.text(*ident, "secondaryIdInfos", number, "id")
            if not value:
                continue  # its type, without a number, is then not read, and said so
            kind = self.text(*ident, "secondaryIdInfos", number, "type")
            keys = (*ident, "secondaryIdInfos", number)
            # EU numbers are registry numbers the record shares with the EU registers: the trial merges on them.
            # Only a whole number: a part of one cut out of a longer text would be a wrong number.
            if kind in ("EUDRACT_NUMBER", "CTIS", "REGISTRY") and is_registry_id(value) and registry_of(value) == "EU":
                self.trial.other_ids.append(value)
                self.trial.values.append(TrialValue("other_ids", value, kind, self.prov(self._join(*keys))))
                continue
            written = f"{kind}: {value}" if kind else value
            self.trial.secondary_ids.append(written)
            self.trial.values.append(TrialValue("secondary_ids", written, None, self.prov(self._join(*keys))))

    def _status(self) -> None:
        status = ("protocolSection", "statusModule")
        self.enum("status", None, (*status, "overallStatus"), status_of)
        self.put("why_stopped", self.text(*status, "whyStopped"), None, *status, "whyStopped")
        for name, struct in _DATES:
            date = self.get(*status, struct, "date")
            if date is None:
                continue  # a type without a date is then not read, and said so
            kind = self.get(*status, struct, "type")
            if not isinstance(date, str) or not _DATE.fullmatch(date):
                self.note(self._join(*status, struct, "date"), f"{struct}.date: {date!r} is not a date (YYYY-MM or "
                          "YYYY-MM-DD); left out")
                continue
            if kind is not None and kind not in _DATE_TYPES:
                self.note(self._join(*status, struct, "type"), f"{struct}.type: unknown value {kind!r}; the date is "
                          "kept without it")
                kind = None
            self.put(name, date, f"{date} ({kind})" if kind else date, *status, struct)
        results = self.get("hasResults")
        if results is not None:
            if isinstance(results, bool):
                self.put("results_posted", "Yes" if results else "No", "true" if results else "false", "hasResults")
            else:
                self.note(self._join("hasResults"), f"hasResults: expected true or false, found {results!r}; left out")

    def _design(self) -> None:
        design = ("protocolSection", "designModule")
        self.enum("study_type", _STUDY_TYPES, (*design, "studyType"))
        phases = self.get(*design, "phases")
        if phases is not None:
            value = phase_of(phases) if isinstance(phases, list) and all(isinstance(p, str) for p in phases) else None
            if value is None:
                self.note(self._join(*design, "phases"), f"phases: {phases!r} is not a phase the registry writes "
                          f"(one of {', '.join(_PHASES)}, or two adjacent ones); left out")
            else:
                # The wording is the registry's codes, as every other field's is; desktop.labels.worded shows
                # them beside DrugRef's words ("Phase 1/2 (PHASE1, PHASE2)").
                self.put("phase", value, ", ".join(phases), *design, "phases")
        count = self.get(*design, "enrollmentInfo", "count")
        if count is not None:
            if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
                self.put("enrollment", count, None, *design, "enrollmentInfo", "count")
            else:
                self.note(self._join(*design, "enrollmentInfo", "count"), f"enrollmentInfo.count: {count!r} is not a "
                          "count; left out")
        self.enum("enrollment_type", _ENROLLMENT_TYPES, (*design, "enrollmentInfo", "type"))
        conditions = ("protocolSection", "conditionsModule")
        self.put("conditions", "; ".join(self._texts(*conditions, "conditions")) or None, None, *conditions, "conditions")
        self.put("keywords", self._texts(*conditions, "keywords"), None, *conditions, "keywords")
        outcomes = ("protocolSection", "outcomesModule")
        for name, key in (("endpoints", "primaryOutcomes"), ("secondary_endpoints", "secondaryOutcomes")):
            listed = self.get(*outcomes, key)
            measures = [m for i in range(len(listed) if isinstance(listed, list) else 0)
                        if (m := self.text(*outcomes, key, i, "measure"))]
            self.put(name, "; ".join(measures) or None, None, *outcomes, key)
        self._interventions()

    def _texts(self, *keys: str) -> list[str]:
        listed = self.get(*keys)
        if listed is None:
            return []
        if not isinstance(listed, list):
            self.note(self._join(*keys), f"{keys[-1]}: expected a list, found {listed!r}; left out")
            return []
        return [t for i in range(len(listed)) if (t := self.text(*keys, i))]

    def _interventions(self) -> None:
        arms = ("protocolSection", "armsInterventionsModule", "interventions")
        listed = self.get(*arms)
        labels = []
        for i in range(len(listed) if isinstance(listed, list) else 0):
            name = self.text(*arms, i, "name")
            if not name:
                continue
            kind = self.get(*arms, i, "type")
            if kind is not None and kind not in _INTERVENTION_TYPES:
                self.note(self._join(*arms, i, "type"), f"interventions[{i}].type: unknown value {kind!r}; the "
                          "intervention is kept without it")
            other = self._texts(*arms, i, "otherNames")
            label = f"{_INTERVENTION_TYPES[kind]}: {name}" if kind in _INTERVENTION_TYPES else name
            labels.append(label + (f" (also {', '.join(other)})" if other else ""))
            self.trial.intervention_names.extend(n for n in (name, *other) if n not in self.trial.intervention_names)
        self.put("interventions", "; ".join(labels) or None, None, *arms)

    def _people_and_places(self) -> None:
        sponsors = ("protocolSection", "sponsorCollaboratorsModule")
        self.put("sponsor", self.text(*sponsors, "leadSponsor", "name"), None, *sponsors, "leadSponsor", "name")
        listed = self.get(*sponsors, "collaborators")
        names = [n for i in range(len(listed) if isinstance(listed, list) else 0) if (n := self.text(*sponsors, "collaborators", i, "name"))]
        self.put("collaborators", names, None, *sponsors, "collaborators")
        eligibility = ("protocolSection", "eligibilityModule")
        self.enum("sex", _SEXES, (*eligibility, "sex"))
        self.put("minimum_age", self.text(*eligibility, "minimumAge"), None, *eligibility, "minimumAge")
        self.put("maximum_age", self.text(*eligibility, "maximumAge"), None, *eligibility, "maximumAge")
        places = ("protocolSection", "contactsLocationsModule", "locations")
        listed = self.get(*places)
        countries = []
        for i in range(len(listed) if isinstance(listed, list) else 0):
            country = self.text(*places, i, "country")
            if country and country not in countries:
                countries.append(country)
        self.put("countries", countries, None, *places)

