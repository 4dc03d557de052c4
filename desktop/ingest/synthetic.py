"""A deterministic synthetic catalogue for benchmarks: N drugs, M trials, realistic shapes.

Never mixed with the real data: it is written only where `--output` says, and every document says
"Synthetic benchmark document" in its first line. Each drug is a document of its own (text lines) and
an Extraction whose provenance points at those lines, so passages, search and the grid run the same
code paths as with the seed documents. Trials per drug follow a skewed (Zipf-like) split; phases,
statuses, enrollment and dates are skewed the way registries are.
"""
from __future__ import annotations

import hashlib
import random
from typing import Iterator

from .clean import normalise_phase, normalise_status
from .corpus import SourceInfo
from .records import AdverseEffect, Approval, Designation, DosingRow, Event, Identifier, Property, Provenance, Section
from .extraction import Extraction, Trial

_FIRST = ["al", "bem", "ne", "ta", "vo", "ri", "ze", "lu", "ca", "do", "fi", "ga", "mo", "pe", "sa", "ti", "xa", "ve", "ro", "ni"]
_SECOND = ["de", "pe", "ga", "li", "ro", "mu", "si", "ta", "zo", "ne", "ka", "vi", "lo", "ru", "me", "fa", "ti", "co", "ba", "xe"]
_STEMS = ["leukin", "mab", "tinib", "parib", "cel", "zumab", "ciclib", "rafenib", "lisib", "kinra"]
_COMPANIES = ["NKT", "ALK", "BMS", "RGN", "AZD", "MK", "GS", "JNJ", "PF", "RO", "NVS", "LY"]
_CLASSES = ["IL-2 pathway agonist", "PD-1 inhibitor", "Kinase inhibitor", "Cytokine immunotherapy",
            "Monoclonal antibody", "Cell therapy", "PARP inhibitor", "CDK4/6 inhibitor"]
_ROUTES = ["Intravenous (IV) infusion", "Subcutaneous (SC) injection", "Oral tablet", "Intravenous or subcutaneous"]
CONDITIONS = [
    "Metastatic melanoma", "Renal cell carcinoma", "Non-small-cell lung cancer", "Urothelial cancer",
    "Ovarian cancer", "Colorectal cancer", "Pancreatic cancer", "Breast cancer", "Prostate cancer",
    "Cervical cancer", "Head and neck cancer", "Hepatocellular carcinoma", "Gastric cancer", "Glioblastoma",
    "Acute myeloid leukaemia", "Multiple myeloma", "B-cell non-Hodgkin lymphoma", "Hodgkin lymphoma",
    "Systemic lupus erythematosus", "Type 1 diabetes", "Rheumatoid arthritis", "Psoriasis", "Crohn disease",
    "Ulcerative colitis", "Multiple sclerosis", "Alzheimer disease", "Graft-versus-host disease",
    "Soft tissue sarcoma", "Neuroendocrine tumors", "Mesothelioma", "Advanced solid tumors",
]
COUNTRIES = ["United States", "Germany", "France", "Spain", "Italy", "The Netherlands", "Belgium", "United Kingdom",
             "Canada", "Australia", "Japan", "China", "Sweden", "Denmark", "Poland", "Czechia", "Greece", "Brazil"]
AGENCIES = ["FDA", "EMA", "HSA", "NMPA", "PPB", "TGA", "Health Canada", "CIMA AEMPS", "Philippines FDA",
            "Saudi SFDA", "Malaysia NPRA", "UK EMC"]
_PHASES = (("Phase 1", 30), ("Phase 1/2", 10), ("Phase 2", 34), ("Phase 2/3", 3), ("Phase 3", 18), ("Phase 4", 5))
_STATUSES = (("Completed", 40), ("Recruiting", 15), ("Terminated", 12), ("Active, not recruiting", 10),
             ("Authorised", 9), ("Withdrawn", 4), ("Not yet recruiting", 6), ("Suspended", 2), ("Unknown status", 2))
_EFFECTS = ["Pyrexia", "Fatigue", "Nausea", "Rash", "Diarrhoea", "Neutropenia", "Hypotension", "Anaemia",
            "Headache", "Arthralgia", "Pruritus", "Decreased appetite"]


def drug_name(index: int) -> str:
    a, rest = index % len(_FIRST), index // len(_FIRST)
    b, rest = rest % len(_SECOND), rest // len(_SECOND)
    c, rest = rest % len(_SECOND), rest // len(_SECOND)
    stem = _STEMS[rest % len(_STEMS)]
    extra = "" if rest < len(_STEMS) else _SECOND[(rest // len(_STEMS)) % len(_SECOND)]
    return (_FIRST[a] + _SECOND[b] + _SECOND[c] + extra + stem).capitalize()


def cas_number(index: int) -> str:
    body = f"{1_000_000 + index * 37:07d}{index % 97:02d}"
    check = sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10
    return f"{body[:7]}-{body[7:]}-{check}"


def trial_counts(drugs: int, trials: int) -> list[int]:
    """Split `trials` over `drugs` with a long tail: a few drugs have thousands, most a handful."""
    weights = [1.0 / (rank + 8) ** 1.1 for rank in range(drugs)]
    total = sum(weights)
    counts = [int(trials * w / total) for w in weights]
    for index in range(trials - sum(counts)):
        counts[index % drugs] += 1
    return counts


def trial_id(number: int) -> str | None:
    if number % 20 == 7:
        return None  # some trials are described without a registry ID, as in the seeds
    if number % 10 == 3:
        return f"20{15 + number % 11}-{number % 1_000_000:06d}-{(number // 1_000_000) % 100:02d}-00"
    return f"NCT{10_000_000 + (number * 7919) % 89_999_999:08d}"


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def synthetic_documents(drugs: int, trials: int, seed: int = 0) -> Iterator[list[tuple[SourceInfo, Extraction]]]:
    """One document per drug, each as the list of its drug's documents that the build writes."""
    counts = trial_counts(drugs, trials)
    first_trial = 0
    for index in range(drugs):
        yield [_document(index, counts[index], first_trial, seed)]
        first_trial += counts[index]


def _document(index: int, trial_count: int, first_trial: int, seed: int) -> tuple[SourceInfo, Extraction]:
    rng = random.Random(f"{seed}:{index}")
    name = drug_name(index)
    file = f"synthetic/{index:05d}-{name.lower()}.txt"
    lines: list[str] = []

    def line(text: str) -> int:
        lines.append(text)
        return len(lines)

    def prov(section: str, start: int, end: int | None = None) -> Provenance:
        return Provenance(file, section, start, end or start)

    line(f"Synthetic benchmark document — {name} (not real data)")
    extraction = Extraction(file, name, prov("Identity", line(f"Generic Name: {name}")))
    code = f"{_COMPANIES[index % len(_COMPANIES)]}-{1000 + index}"
    for kind, value in (("generic_name", name), ("code_name", code), ("cas_number", cas_number(index)),
                        ("unii", hashlib.sha1(name.encode()).hexdigest()[:10].upper()), ("drugbank_id", f"DB{20000 + index:05d}")):
        extraction.identifiers.append(Identifier(kind, value, prov("Identity", line(f"{kind}: {value}"))))
    drug_class, route = rng.choice(_CLASSES), rng.choice(_ROUTES)
    for prop, value in (("drug_class", drug_class), ("route", route), ("drug_type", rng.choice(["Biotech", "Small molecule"])),
                        ("development_status", rng.choice(["Investigational", "Investigational", "Approved"]))):
        extraction.properties.append(Property(prop, value, prov("Identity", line(f"{prop}: {value}"))))
    condition = rng.choice(CONDITIONS)
    paragraphs = {
        "overview": f"{name} ({code}) is a {drug_class.lower()} studied in {condition.lower()} and related conditions. "
                    + " ".join(rng.sample(_SENTENCES, 4)),
        "mechanism": f"{name} acts as a {drug_class.lower()}. " + " ".join(rng.sample(_SENTENCES, 5)),
        "efficacy": " ".join(rng.sample(_SENTENCES, 3)),
    }
    for kind, body in paragraphs.items():
        start = line(kind.capitalize())
        end = line(body)
        extraction.sections.append(Section(kind, kind.capitalize(), body, prov(kind.capitalize(), start + 1, end)))
    for parameter, spec in (("Route", route), ("Schedule", f"Every {rng.choice([1, 2, 3, 4])} weeks"),
                            ("Dose", f"{rng.choice([1, 2, 5, 10, 200, 480])} mg"), ("Setting", "Outpatient clinic")):
        extraction.dosing.append(DosingRow(parameter, spec, prov("Dosing", line(f"| {parameter} | {spec} |")),
                                             ["Parameter", "Specification"], [parameter, spec]))
    for effect in rng.sample(_EFFECTS, 6):
        frequency = f"{rng.randint(5, 70)}% of patients"
        serious = "serious" if effect in ("Neutropenia", "Hypotension", "Anaemia") else "common"
        extraction.adverse_effects.append(AdverseEffect(effect, f"Reported in {frequency}.", serious, frequency, None,
                                                        prov("Safety", line(f"- {effect}: {frequency}"))))
    for agency in AGENCIES:
        finding = "approved" if agency == "FDA" and index % 17 == 0 else "none found"
        text = f"{'Approval' if finding == 'approved' else f'No {agency} approvals'} found for this drug."
        extraction.approvals.append(Approval(agency, finding, text, prov(f"{agency} Drug Approvals", line(text))))
    if index % 5 == 0:
        sentence = f"{name} received Fast Track designation."
        extraction.designations.append(Designation("Fast Track", None, sentence, prov("Regulatory", line(sentence))))
    if index % 7 == 0:
        year = 2015 + index % 11
        sentence = f"The development program was terminated in March of {year}."
        extraction.events.append(Event(f"{year}-03", f"March of {year}", "termination", sentence, prov("Regulatory", line(sentence))))
    line("Clinical Trials")
    for offset in range(trial_count):
        extraction.trials.append(_trial(rng, first_trial + offset, name, line, prov))
    text = "\n".join(lines) + "\n"
    info = SourceInfo(file=file, shape="synthetic", kind="Synthetic benchmark document", title=f"{name} (synthetic)",
                      publisher=None, as_of=None, as_of_quote=None, as_of_line=None, text=text,
                      sha256=hashlib.sha256(text.encode()).hexdigest())
    return info, extraction


def _trial(rng: random.Random, number: int, name: str, line, prov) -> Trial:
    phase_text = _pick(rng, _PHASES)
    status_text = _pick(rng, _STATUSES)
    condition = rng.choice(CONDITIONS)
    year = min(2026, int(2000 + 26 * rng.random() ** 0.6))
    posted = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() > 0.08 else None
    enrollment = int(rng.lognormvariate(4.0, 1.1)) + 1 if rng.random() > 0.1 else None
    countries = rng.sample(COUNTRIES, rng.choice([0, 1, 1, 2, 3, 5]))
    identifier = trial_id(number)
    title = f"A {phase_text} Study of {name} in {condition}"
    summary = f"{title}. " + rng.choice(_SENTENCES)
    number_line = line(f"{identifier or '—'} | {phase_text} | {condition} | {status_text} | {enrollment or ''} | {posted or ''} | {title}")
    return Trial(
        identifier, prov("Clinical Trials", number_line), title=title,
        phase=normalise_phase(phase_text), phase_text=phase_text,
        status=normalise_status(status_text), status_text=status_text, enrollment=enrollment,
        posted=posted, posted_text=posted, conditions=condition, countries=countries,
        interventions=f"{name}" + (" with pembrolizumab" if number % 3 == 0 else ""),
        endpoints=rng.choice(["Objective response rate", "Progression-free survival", "Overall survival",
                              "Safety and tolerability", "Dose-limiting toxicities"]),
        summary=summary,
    )


_SENTENCES = [
    "Early studies measured safety, tolerability and the best dose range.",
    "Responses were assessed by RECIST on regular scans.",
    "Adverse events were graded with CTCAE.",
    "Patients who had progressed on prior checkpoint inhibitors were eligible in several cohorts.",
    "The combination with a PD-1 inhibitor was explored in later phases.",
    "Pharmacodynamic studies measured CD8+ T cells and NK cells in the blood.",
    "Regulatory T cells changed little during treatment.",
    "Infusion reactions were managed with premedication.",
    "Randomised studies compared the drug with standard of care.",
    "Biomarker analyses looked for predictors of response.",
    "Dose-limiting toxicities were rare at the recommended dose.",
    "Outpatient administration was feasible in most settings.",
]
