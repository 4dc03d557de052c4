"""What `drugref open TERM` and a `drugref://` link point at, worked out without Qt, so that the window,
the command line and the .desktop entry (`Exec=drugref %U`) read the same text the same way.

Links: `drugref://drug/<id, name, code name, CAS, UNII or DrugBank ID>`, `drugref://trial/<trial ID or
programme>` and `drugref://search/<text>`; the part after the kind is percent-decoded
(`drugref://search/IL-2%20receptor`). A plain term opens the drug it names, else the best search hit.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from .queries import Store
from .results import DrugSummary, Hit

SCHEME = "drugref"
LINK_FORMS = "drugref://drug/<id>, drugref://trial/<trial ID> or drugref://search/<text>"


class LinkError(ValueError):
    """A drugref link that points at nothing; the message names the link and what is wrong with it."""


@dataclass(frozen=True)
class Target:
    """Where to open: `drug` or `hit` when something matched. Otherwise the search for `query`: asked for
    (a search link, `searched`), or because nothing matched, when `suggestion` is the nearest spelling."""

    query: str
    drug: DrugSummary | None = None
    hit: Hit | None = None
    suggestion: str | None = None
    searched: bool = False

    @property
    def found(self) -> bool:
        return self.drug is not None or self.hit is not None

    @property
    def message(self) -> str | None:
        """What to tell the reader when nothing matched; None when something did or a search was asked for."""
        if self.found or self.searched:
            return None
        hint = f" Did you mean “{self.suggestion}”?" if self.suggestion else ""
        return f"No record matches “{self.query}”.{hint}"


def is_link(text: str) -> bool:
    return text.strip().casefold().startswith(SCHEME + ":")


def parse_link(text: str) -> tuple[str, str]:
    """(kind, value) of a drugref link, the value percent-decoded; LinkError if it names no kind or no value.

    `drugref:drug/x` and `drugref:///drug/x` are read as `drugref://drug/x`: what matters is the kind and value.
    """
    link = text.strip()
    rest = link[len(SCHEME) + 1:].lstrip("/")
    kind, _, value = rest.partition("/")
    kind = unquote(kind).strip().casefold()
    value = unquote(value).strip().rstrip("/").strip()
    if not kind:
        raise LinkError(f"the link “{link}” names nothing; use {LINK_FORMS}")
    if kind not in ("drug", "trial", "search"):
        raise LinkError(f"the link “{link}” is of an unknown kind “{kind}”; use {LINK_FORMS}")
    if not value:
        raise LinkError(f"the link “{link}” names no {kind}" if kind != "search" else f"the link “{link}” has no search text")
    return kind, value


def drug_named(store: Store, text: str) -> tuple[DrugSummary | None, str | None]:
    """The drug a name, code name, CAS, UNII, DrugBank ID or `drugref://drug/` link names, else None and
    the nearest spelling the index knows (or None). A malformed link, or one to a trial, raises LinkError."""
    if is_link(text):
        kind, text = parse_link(text)
        if kind != "drug":
            raise LinkError(f"the link names a {kind}, not a drug; use drugref://drug/<id>")
    drug = store.find_drug(text)
    return (drug, None) if drug is not None else (None, store.search(text, 1).suggestion)


def resolve(store: Store, text: str) -> Target:
    """The best match for a search term or a drugref link. A link that matches nothing raises LinkError
    (it was written to point at one record); a term that matches nothing gives a Target with no match."""
    if not is_link(text):
        return best_match(store, text)
    kind, value = parse_link(text)
    link = text.strip()
    if kind == "search":
        return Target(value, searched=True)
    if kind == "trial":
        trial = store.find_trial(value)
        if trial is None:
            raise LinkError(f"no trial has the ID or programme “{value}” (from the link “{link}”)")
        return Target(value, hit=Hit("trial", trial.drug_id, trial.drug, trial.label, "", (), 0.0, trial.key))
    drug, suggestion = drug_named(store, value)
    if drug is None:
        hint = f" Did you mean “{suggestion}”?" if suggestion else ""
        raise LinkError(f"no drug matches “{value}” (from the link “{link}”).{hint}")
    return Target(value, drug=drug)


def best_match(store: Store, text: str) -> Target:
    """The drug `text` names exactly, else the first search hit, else no match with a suggestion."""
    term = " ".join(text.split())
    drug = store.find_drug(term)
    if drug is not None:
        return Target(term, drug=drug)
    result = store.search(term, 1)
    if result.hits:
        return Target(term, hit=result.hits[0])
    return Target(term, suggestion=result.suggestion)
