"""Lists of studies: a bullet per study title, then its recruitment status and the countries it runs in,
each on a line of its own, labelled or not ("Recruiting", "Status: Ongoing", "Member states: Italy, Spain +5").

A study joins a trial the document describes elsewhere when the document itself says they are one: the
same registry number (written after the title, or another number of that trial), the same programme name
("… Resectable Lung Cancer (CheckMate 77T)"), or a citation of the trial's that points at a page whose
address is the study's title word for word. Otherwise it is a trial of its own.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .clean import normalise_status, slug
from .countries import read_countries
from .document import Block, Document, Line, is_bullet
from .extraction import Extraction, Trial
from .registries import REGISTRY_ID
from .trial_prose import TrialProse

_COUNTS_ROW = re.compile(r"^[\d ]+$")
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{1,30}):\s*(?P<value>.*)$")
_STATUS_LABELS = {"status", "recruitment status", "trial status", "overall status"}
_COUNTRY_LABELS = {"countries", "country", "member states", "locations", "location", "sites"}
_NUMBER_AFTER = re.compile(rf",?\s*(?:EudraCT|EU CT|CTIS)?(?: number)?:?\s*(?P<id>{REGISTRY_ID})\s*$")
_NAME_AFTER = re.compile(r"\((?P<name>[^()]{2,40})\)\s*$")


def is_study_list(block: Block) -> bool:
    """Bullets each followed by a status line: a list of studies, whatever its heading says."""
    studies = _studies(block)
    return bool(studies) and any(_status_of(line) for _, details in studies for line in details)


def _studies(block: Block) -> list[tuple[Line, list[Line]]]:
    studies: list[tuple[Line, list[Line]]] = []
    for line in block.content:
        if is_bullet(line.text):
            studies.append((line, []))
        elif studies:
            studies[-1][1].append(line)
    return studies


def _status_of(line: Line) -> str | None:
    label = _LABEL.match(line.text)
    if label and label.group("label").casefold() in _STATUS_LABELS:
        return normalise_status(label.group("value"))
    return normalise_status(line.text)


def read_study_list(doc: Document, block: Block, extraction: Extraction, reader: TrialProse) -> None:
    studies = _studies(block)
    intro = [line for line in block.content if not studies or line.number < studies[0][0].number]
    doc.keep_block(block, "ongoing", extraction, intro)
    cited = _trials_by_cited_slug(extraction)
    for title_line, details in studies:
        _study(doc, block, title_line, details, cited, extraction, reader)


def _study(doc: Document, block: Block, title_line: Line, details: list[Line], cited: dict[str, Trial],
           extraction: Extraction, reader: TrialProse) -> None:
    title = title_line.text[2:].strip()
    prov = block.prov(title_line, details[-1] if details else title_line)
    number = _NUMBER_AFTER.search(title)
    if number:
        title = title[:number.start()].strip()
    named = _NAME_AFTER.search(title)
    programme = named.group("name") if named and _is_a_name(named.group("name"), reader) else None
    trial = _joined(number.group("id") if number else None, programme, title, cited, reader, prov)
    if trial is None:
        trial = Trial(number.group("id") if number else None, prov)
        if programme:
            trial.programme = programme
        extraction.trials.append(trial)
    else:
        trial.mentioned_at(prov)
        if number and number.group("id") != trial.trial_id and number.group("id") not in trial.other_ids:
            trial.other_ids.append(number.group("id"))
    trial.state("title", title, title, prov)
    doc.place(title_line)
    for line in details:
        label = _LABEL.match(line.text)
        value = label.group("value") if label else line.text
        kind = label.group("label").casefold() if label else None
        if (status := _status_of(line)) and kind in (None, *_STATUS_LABELS):
            trial.state("status", status, value, prov)
            doc.place(line)
        elif _COUNTS_ROW.match(line.text):
            doc.ignore(line, "a row of counts with no labels (the page's icons)")
        elif line.text.endswith(":"):
            doc.ignore(line, "a label with no value after it")
        elif kind in (None, *_COUNTRY_LABELS) and (countries := read_countries(value)) is not None:
            trial.state("countries", countries[0], None, prov)
            if countries[1]:
                trial.state("countries_more", countries[1], f"+{countries[1]}", prov)
            doc.place(line)


def _is_a_name(text: str, reader: TrialProse) -> bool:
    """"(CheckMate 77T)", "(Golden Gate)", "(AZUR-1)": a trial's short name, not a parenthetical remark."""
    if reader.names_in(text) or text in reader.id_of or text in reader.programmes:
        return True
    words = text.split()
    return len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() for w in words) and any(
        c.isupper() or c.isdigit() for c in text[1:])


def _joined(number: str | None, programme: str | None, title: str, cited: dict[str, Trial],
            reader: TrialProse, prov) -> Trial | None:
    """The trial the document elsewhere says this study is, or None."""
    if number:
        primary = reader.alias.get(number, number)
        if primary in reader.trials:
            return reader.trials[primary]
    if programme:
        if programme in reader.id_of and reader.id_of[programme] in reader.trials:
            return reader.trials[reader.id_of[programme]]
        if programme in reader.programmes:
            return reader.programmes[programme]
        for trial in reader.trials.values():
            if trial.programme == programme:
                return trial
    return cited.get(slug(title))


def _trials_by_cited_slug(extraction: Extraction) -> dict[str, Trial]:
    urls = {ref.number: ref.url for ref in extraction.references if ref.url}
    by_slug = {}
    for trial in extraction.trials:
        for number in trial.citations:
            if number in urls:
                page = urlsplit(urls[number]).path.rstrip("/").rsplit("/", 1)[-1]
                by_slug.setdefault(page, trial)
    return by_slug
