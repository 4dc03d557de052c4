"""Trials described in running text: which sentence is about which trial, and the few fields a sentence
states outright. Shared by every reader.

A trial is named by its registry number or by its programme name ("KEYNOTE-006", "C-144-01 trial"); where
the document pairs the two ("KEYNOTE-006 (NCT01866319)"), every mention of either is the one trial. A
sentence belongs to a trial when it names it, or when it follows such a sentence in the same paragraph
and points back to it ("The study …", "The main endpoint …", "It …"). A sentence that names another
trial ends that chain; a sentence naming several gives each only what stands against its own name
("PIVOT-09 in renal cell carcinoma"). Fields are cut at a clause boundary, and a drug named as a prior
therapy ("patients who progressed on pembrolizumab") is never taken for the trial's intervention.
"""
from __future__ import annotations

import re
from typing import Iterable

from . import prose
from .clean import COUNT, citation_numbers, count_of, normalise_phase, strip_citations
from .records import Provenance
from .extraction import Trial
from .registries import REGISTRY_ID, paired_ids, registry_ids

_POINTS_BACK = re.compile(
    r"^(?:(?:The|This|That) (?:study|trial)\b|(?:The|Its) (?:main|primary|secondary|key|co-primary) "
    r"(?:goal|outcome|endpoint|end point|objective|aim|measure)s?\b|It\b|In (?:it|its|this (?:study|trial))\b)")
# Where a field's phrase ends: a further clause, or a parenthesis of results ("survival (18.9 versus 10.2 months)").
_CLAUSE_END = r"(?=, which\b|, meaning\b|, where\b|, while\b|, whereas\b|, but\b|; |, and (?:the |it |[A-Z])| \((?=[\d<>~≥≤])|\.$|$)"
_ENDPOINT = re.compile(
    r"\b(?:main|primary) (?:goal|outcome|endpoint|end point)s?, (?P<appositive>[^,;]+),"
    r"|(?:\b(?:main|primary) (?:goal|outcome|endpoint|end point)s?(?: in [\w ]{1,40}?)? (?:was|is|were|are|being)"
    r"(?: to (?:assess|measure|evaluate))?"
    r"|\bprimary (?:endpoint|outcome|end point) of [\w.-]+ (?:was|is)|\bmeasure[sd]?|\bfocuses on|\blooks at"
    r"|\bdesigned to assess)"
    rf" (?P<endpoint>.+?){_CLAUSE_END}"
)
_DISEASE = r"(?:cancers?|carcinomas?|melanomas?|lymphomas?|leuka?emias?|myelomas?|sarcomas?|tumou?rs?|NSCLC|SCLC|NMIBC|disease|syndrome|arthritis|neoplasms?|glioblastoma|mesothelioma)"
_CONDITION = re.compile(
    r"(?:\bstudie[sd] (?!people\b|children\b|adults\b|patients\b)(?P<object>[^,]+?) (?=and (?:compares|measures)\b)"
    r"|\bfocused on (?P<focus>.+?) and\b"
    r"|\bstudie[sd] (?:people|children|adults|patients) with (?P<people>.+?)(?= and (?:measures|compares)\b|\.$)"
    r"|\b(?:Phase [\w/]+ )?(?:study|trial) in (?P<study_in>.+?)"
    r"(?= that\b|\.$| compares\b|, and\b|;|, (?:were|was|is|are|which|who|where|while|but)\b|, e\.g\.|, i\.e\.)"
    r"|\b[\w-]+ in (?P<in>recurrent.+?|advanced.+?|solid tumors)(?:, with\b|, and\b|\.$)"
    r"|\bconditions such as (?P<such_as>.+?)\.$"
    r"|\bfor (?P<for>stage [IV]+ [^,;]+?)(?=[,;]|\.$)"
    rf"|\bpatients with (?P<patients>[^;.:]*?{_DISEASE}(?:,? (?:or|and) [^;.,:]*?{_DISEASE})*)\b"
    rf"|\bin (?P<tail>(?!patients\b)[^,;.:]{{3,80}}?{_DISEASE})\.?$"
    r"|\bin (?P<population>(?:previously (?:treated|untreated) |untreated |first-line |advanced |metastatic |recurrent "
    rf"|relapsed |refractory |locally advanced |resected |unresectable |early-stage |high-risk )+[^,;.:]*?{_DISEASE}[^,;:]*?)(?=[,;:]|\.$|$))"
)
# "676 patients with …" before a condition: who, not what.
_WHO = re.compile(r"^(?:\d[\d,]* )?(?:patients|participants|people|adults|children) with ")
# How many took part, where a sentence gives the number itself: "randomized 951 patients", "in 945 patients".
_ENROLLED = re.compile(
    r"\b(?:in|enrolled|enrolling|randomi[sz]ed|included|recruited) "
    rf"(?P<count>{COUNT}) (?:patients|participants|subjects|people|adults|children)\b")
# Names of interventions as a registry writes them: code names (ICT01, LN-145, CNTY-101), INN stems,
# and a few generic treatment words. Lexical only: the field lists what the passage names.
_INTERVENTION = re.compile(
    r"\b(?:(?!CD\d)(?!NCT)(?!PD-?L?\d)(?!CTLA)(?!IL-?\d)(?!COVID)(?!HER\d)[A-Z]{2,5}-?\d{2,4}"
    r"|[A-Za-z]+(?:leukin|leucel|mab|sporin|cept|tinib|ciclib|parib|rasib|lisib|zomib|rafenib|platin|taxel|rubicin"
    r"|trexed|citabine|tecan|mustine|fosfamide|limus|degib|nisone|solone|methasone)"
    r"|(?:low-dose |high-dose )?(?:subcutaneous )?interleukin-2"
    r"|tumor-infiltrating lymphocytes|(?:autologous )?TIL therapy|dendritic cell vaccine|vaccine treatment"
    r"|IL-2 analog|high-dose IL-2|placebo|BCG|standard[- ]of[- ]care(?: treatment| chemotherapy)?"
    r"|(?:(?!(?:a|an|the|with|and|or|to|plus|of|versus|vs|than|after|before|combined|added|each|alone|over|from|in|on"
    r"|by|for|as|at|into|compared|using|received|receive|given|whose|who|that|which|is|was|were|are)\b)[\w–-]+ ){0,2}"
    r"chemotherapy"
    r"|(?:(?!(?:a|an|the|or|and|with|without)\b)[\w-]+ ){1,2}vaccines?)\b"
)
# Words before a drug's name that make it a treatment the patients had before, not the trial's: looked for
# between the name and the last word that says what the trial gives (or the sentence's start).
_PRIOR = re.compile(
    r"\b(?:progressed|progression on|progressing|refractory to|resistant to|previously treated|pretreated|pre-treated"
    r"|prior|failed|relapsed|intolerant|exposure to|naive|naïve|history of|continuing|had not received|completed"
    r"|responded to|had received|after receiving|tolerate|(?:after|following) (?:completion|failure) of"
    # "after" alone is no cue ("high-dose IL-2 after TIL therapy" gives both); after a patient's state it is:
    # "adults … who were MRD-negative after intensive chemotherapy"
    r"|\b(?:who|whose)\b[^;]*?\b(?:after|following))\b", re.I)
# Who runs a trial: "sponsored by Amgen", "led by the ECOG-ACRIN Cancer Research Group".
_SPONSOR = re.compile(
    r"\b(?:sponsored|led|run|conducted) by (?:the )?(?P<sponsor>[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|of|for|and|&))*)")
# Words that say what the trial gives: a prior-therapy cue before them is about someone's history, not about
# the names after them ("who had progressed on nivolumab received lifileucel").
_GIVEN = re.compile(r"\b(?:received|receive|receives|given|compared|compares|randomi[sz]ed to|plus|versus|vs\.?|with)\b|;")
# In a sentence that randomises, "to" starts the arms ("randomised adults … who were MRD-negative after
# intensive chemotherapy to chemotherapy with or without blinatumomab"), unless a prior-therapy cue owns it.
_RANDOMISES = re.compile(r"\b(?:randomi[sz]ed|assigned|allocated)\b")
_TO_THE_ARMS = re.compile(r"(?<!refractory )(?<!resistant )(?<!exposure )(?<!responded )(?<!unable )\bto\b")
# A code-like name that the words around it make a trial: "the C-144-01 trial", "IOV-COM-202 basket study".
_CODED_TRIAL = re.compile(
    r"(?<![\w/.-])(?P<name>[A-Z][A-Za-z]{0,9}(?:-[A-Z0-9]{1,6})*-\d{1,4}(?:-\d{1,3})?[A-Z]?"
    r"|(?<=\bthe )(?:Phase \d[a-c]? )?[A-Z]{5,}(?=\s))"
    r"(?= (?:basket |pivotal |confirmatory |registrational |randomi[sz]ed )?(?:trial|study|protocol)\b)")
# A name written right against a registry number: "EORTC 18071 (NCT00636168)", "NCT01844505 (CheckMate 067)".
_NAME = r"(?:[A-Z][A-Za-z]+ )?(?:[A-Z][\w.-]*\d[\w.-]*|\d[\w.-]*)"
_NAME_THEN_ID = re.compile(
    rf"(?<![\w/.-])(?P<name>{_NAME})(?: (?:trial|study))? \((?:EudraCT |EU CT )?(?P<id>{REGISTRY_ID})[;,)]")
_ID_THEN_NAME = re.compile(rf"(?P<id>{REGISTRY_ID}) \((?P<name>{_NAME}|[A-Za-z][A-Za-z0-9-]{{3,}})\)")
_WORD_TRIAL_ID = re.compile(rf"(?<![\w-])(?P<name>[A-Z][A-Za-z]{{3,}}|[A-Z]{{3}}(?= (?:trial|study)))(?: (?:trial|study))? "
                            rf"\((?:EudraCT |EU CT )?(?P<id>{REGISTRY_ID})[;,)]")
# A name and its number inside one parenthesis: "(IMpower133, NCT02763579, atezolizumab with …)".
_PAREN_NAME_ID = re.compile(rf"\((?P<name>{_NAME}), (?:EudraCT |EU CT )?(?P<id>{REGISTRY_ID})[;,)]")
_ID_THEN_OPEN = re.compile(rf"(?P<id>{REGISTRY_ID}) \(")
# A trial named only as the basis of something else ("approved … on the basis of KEYNOTE-024") gets no field
# from the sentence: what the sentence says is about the approval.
_AS_EVIDENCE = re.compile(r"\b(?:on the basis of|based on|on the strength of|supported by|following) (?:results from |data from )?(?:the )?$")
_APPROVAL = re.compile(r"\bapprov(?:al|ed)\b", re.I)
_APPOSITIVE = re.compile(r"^\s*(?:\([^)]*\)\s*)?,\s*(?:a|an|the)\b[^,;.]*\b(?:trial|study)\b")
# A parenthesis long enough to be a title ("NCT04303780 (Study to Compare AMG 510 …)"): read as a title, not
# as a statement of what the trial gives.
_LONG_PARENTHESIS = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
_NOT_NAMES = re.compile(r"^(?:Stage|Phase|Grade|Type|Cohort|Part|Arm|Study|Trial|Table|Figure|Day|Week|Cycle|EudraCT|EU CT|CTIS)\b")
_PAIR_AFTER = re.compile(rf"^\s*(?:trial |study )?\((?P<id>{REGISTRY_ID})\)")
_PAIR_BEFORE = re.compile(rf"(?P<id>{REGISTRY_ID})\s*\($")


def _inside_parentheses(text: str, at: int) -> bool:
    return text[:at].count("(") > text[:at].count(")")


def _parenthesised(text: str, start: int) -> str:
    """The text from `start` to the parenthesis that closes the one opened just before it."""
    depth = 1
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return text[start:index]
    return text[start:]


class TrialProse:
    """The trials a document's text describes: by registry number in `trials`, by programme name alone in
    `programmes` (no number is given for them)."""

    def __init__(self, trials: dict[str, Trial] | None = None, exclude: Iterable[str] = (),
                 drug_names: Iterable[str] = ()) -> None:
        self.trials: dict[str, Trial] = trials if trials is not None else {}
        self.programmes: dict[str, Trial] = {}
        self.exclude = set(exclude)
        self.families: set[str] = set()
        self.known: set[str] = set()          # programme names met in a trial's context anywhere
        self.id_of: dict[str, str] = {}       # programme → the registry number the document pairs it with
        self.alias: dict[str, str] = {}       # a trial's further number (EudraCT …) → its first one
        names = sorted({n for n in drug_names if n}, key=len, reverse=True)
        self._drug_names = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.I) if names else None

    def learn(self, texts: Iterable[str]) -> None:
        """Read the whole document first: the programme families, the code-like trial names, and which
        programme is which registry number, wherever the document says so."""
        sentences = [sentence for text in texts for sentence in prose.sentences(text)]
        self.families |= prose.programme_families(sentences, self.exclude)
        for sentence in sentences:
            for second, first in paired_ids(sentence).items():
                self.alias.setdefault(second, first)
        for sentence in sentences:
            for match in _CODED_TRIAL.finditer(sentence):
                name = re.sub(r"^Phase \d[a-c]? ", "", match.group("name"))
                if name not in self.exclude and not prose.not_a_programme(name):
                    self.known.add(name)
            for pattern in (_NAME_THEN_ID, _ID_THEN_NAME, _WORD_TRIAL_ID, _PAREN_NAME_ID):
                for match in pattern.finditer(sentence):
                    name = match.group("name")
                    if (name in self.exclude or _NOT_NAMES.match(name) or prose.not_a_programme(name)
                            or registry_ids(name)):  # "NCT02910063 (EudraCT 2016-…)": two numbers, no name
                        continue
                    self.known.add(name)
                    self.id_of.setdefault(name, match.group("id"))
        for sentence in sentences:  # "NCT02362594 (EORTC 1325/KEYNOTE-054)", "NCT03553836 (A Study … (…/KEYNOTE-716))"
            for match in _ID_THEN_OPEN.finditer(sentence):
                names = {name for _, _, name in self.names_in(_parenthesised(sentence, match.end()))}
                if len(names) <= 2:
                    for name in names:
                        self.id_of.setdefault(name, match.group("id"))
        for sentence in sentences:
            for start, end, name in self.names_in(sentence):
                after, before = _PAIR_AFTER.match(sentence[end:]), _PAIR_BEFORE.search(sentence[:start])
                pair = after or before
                if pair and name not in self.id_of:
                    self.id_of[name] = pair.group("id")

    def names_in(self, sentence: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of each programme the sentence names."""
        found = {(s, e, n) for s, e, n in prose.programme_names(sentence, self.exclude, self.families)}
        for name in self.known:
            for match in re.finditer(rf"(?<![\w/.-]){re.escape(name)}(?![\w-]|\.\d)", sentence):
                found.add((match.start(), match.end(), name))
        spans = sorted(found)
        return [span for span in spans if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o in spans)]

    def paragraph(self, text: str, prov: Provenance, label: str | None = None) -> None:
        """Every sentence of a paragraph to the trials it is about. `label` is the label of the bullet the text
        sits in ("Platinum-Resistant Ovarian Cancer: Studied …"), a condition for a sentence about one trial."""
        current: Trial | None = None
        for sentence in prose.sentences(text):
            named = self._named(sentence, prov)
            for trial, mention in named:
                self._about(trial, sentence, prov)
                if mention is not None:  # what stands against its own name ("PIVOT-09 in renal cell carcinoma")
                    trial.state("phase", normalise_phase(mention.phase_text) if mention.phase_text else None,
                                mention.phase_text, prov)
                    trial.state("conditions", mention.condition, None, prov)
            if len(named) == 1:
                current = named[0][0]
                if not self._as_evidence(sentence, current):
                    self._fields(current, sentence, prov)
                    current.state("conditions", label, None, prov)
            elif named:
                current = None
            elif current is not None and _POINTS_BACK.match(sentence):
                self._about(current, sentence, prov)
                self._fields(current, sentence, prov)
            else:
                current = None

    def _as_evidence(self, sentence: str, trial: Trial) -> bool:
        """Named only as the basis of something else, and not described where it is named ("based on
        QUILT-3.032 (NCT03022825), a single-arm Phase 2/3 trial in …" describes it: not only evidence)."""
        names = [n for n in (trial.trial_id, trial.programme) if n and n in sentence]
        for name in names:
            at = sentence.find(name)
            if _AS_EVIDENCE.search(sentence[:at]) and not _APPOSITIVE.match(sentence[at + len(name):]):
                return True
        # "FDA approval with abiraterone and prednisone … (PROpel)": cited in passing, after the approval
        return bool(names) and bool(_APPROVAL.search(sentence)) and all(
            _inside_parentheses(sentence, m.start()) for n in names for m in re.finditer(re.escape(n), sentence))

    def all_trials(self) -> list[Trial]:
        return [*self.trials.values(), *self.programmes.values()]

    def trial(self, trial_id: str, prov: Provenance) -> Trial:
        """The trial a registry number names: a further number of a trial ("EudraCT …" written beside its NCT
        number) names that trial, and is kept among its numbers."""
        primary = self.alias.get(trial_id, trial_id)
        trial = self.trials.get(primary)
        if trial is None:
            trial = self.trials[primary] = Trial(primary, prov)
        else:
            trial.mentioned_at(prov)
        if primary != trial_id and trial_id not in trial.other_ids:
            trial.other_ids.append(trial_id)
        return trial

    def _named(self, sentence: str, prov: Provenance) -> list[tuple[Trial, prose.ProgrammeMention | None]]:
        """The trials a sentence names, each once, with its programme mention where it is named by one."""
        named: list[tuple[Trial, prose.ProgrammeMention | None]] = []
        mentions = {m.name: m for m in prose.programme_mentions(sentence, self.exclude, self.families)}
        for trial_id in registry_ids(sentence):
            trial = self.trial(trial_id, prov)
            if not any(t is trial for t, _ in named):
                named.append((trial, None))
        for _, _, name in self.names_in(sentence):
            if name in self.id_of:
                trial = self.trial(self.id_of[name], prov)
            elif name in self.programmes:
                trial = self.programmes[name]
                trial.mentioned_at(prov)
            else:
                trial = self.programmes[name] = Trial(None, prov, programme=name)
            if trial.programme != name:
                trial.state("programme", name, None, prov)
            existing = next((i for i, (t, _) in enumerate(named) if t is trial), None)
            mention = mentions.get(name)
            if existing is None:
                named.append((trial, mention))
            elif mention is not None:
                named[existing] = (trial, mention)
        return named

    def _about(self, trial: Trial, sentence: str, prov: Provenance) -> None:
        trial.describe(sentence, prov)
        for number in citation_numbers(sentence):
            if number not in trial.citations:
                trial.citations.append(number)

    def _fields(self, trial: Trial, sentence: str, prov: Provenance) -> None:
        plain = _LONG_PARENTHESIS.sub(lambda m: m.group(0) if len(m.group(0)) < 40 else "", strip_citations(sentence))
        phase, phase_text = prose.phase_of(plain)
        trial.state("phase", phase, phase_text, prov)
        if match := _ENDPOINT.search(plain):
            trial.state("endpoints", (match.group("appositive") or match.group("endpoint")).strip(), None, prov)
        if match := _CONDITION.search(plain):
            condition = next(value for value in match.groupdict().values() if value).strip()
            trial.state("conditions", _WHO.sub("", condition), None, prov)
        if match := _SPONSOR.search(plain):
            trial.state("sponsor", match.group("sponsor").rstrip("."), None, prov)
        if match := _ENROLLED.search(plain):
            trial.state("enrollment", count_of(match.group("count")), match.group(0), prov)
        names = self._interventions(plain, trial)
        if names:
            known = trial.interventions.split("; ") if trial.interventions else []
            new = [name for name in names if name.casefold() not in (k.casefold() for k in known)]
            if trial.prov.covers(prov):  # sentences of the primary passage add to the trial's own list
                trial.interventions = "; ".join(known + new) or None
            elif new:
                trial.state("interventions", "; ".join(names), None, prov)

    def _interventions(self, plain: str, trial: Trial) -> list[str]:
        matches = list(_INTERVENTION.finditer(plain))
        if self._drug_names:
            matches += list(self._drug_names.finditer(plain))
        found: list[str] = []
        taken_until = -1
        programmes = [(start, end) for start, end, _ in self.names_in(plain)]
        for match in sorted(matches, key=lambda m: (m.start(), -len(m.group(0)))):
            name = match.group(0)
            if match.start() < taken_until or any(s <= match.start() < e for s, e in programmes):
                continue  # inside a longer name already taken ("nemvaleukin" in "nemvaleukin alfa"), or a trial's name
            taken_until = match.end()
            before = _GIVEN.split(plain[:match.start()])[-1]
            if _RANDOMISES.search(plain):
                before = _TO_THE_ARMS.split(before)[-1]
            if name in (trial.trial_id, trial.programme) or name in self.known or _PRIOR.search(before[-120:] + name):
                continue
            if name.casefold() not in (f.casefold() for f in found):
                found.append(name)
        return found
