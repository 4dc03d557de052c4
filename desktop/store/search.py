"""Search over names, codes, IDs, sections, glossary and trials, with "did you mean" suggestions.

User text never reaches FTS5 syntax: it is cut into word tokens, each quoted as a prefix term
(`"nktr"* "214"*`), so `"`, `AND`, `(`, `*`, `-x`, `col:val` are searched as text. Exact and
prefix matches on a name's or ID's look-up key rank above full-text matches.
"""
from __future__ import annotations

import re
import sqlite3

from ..ingest.clean import lookup_key
from ..ingest.limits import shortened
from .results import Hit, SearchResult, trial_label
from .schema import TRIALS_FTS

EXACT_SCORE = 1000.0
PREFIX_SCORE = 500.0
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"
_LOOKUP_TITLES = {"trial": "trial", "programme": "trial"}


PREFIX_MIN = 3      # shorter words match whole words only: a one-letter prefix means every word
RANK_LIMIT = 2000   # above this many matches results come unranked (rowid order), and say so


def fts_query(text: str) -> str | None:
    """Every word must match. The word still being typed (the last, with no space after it) also matches
    as a prefix once it has 3 characters; finished words match whole. None when there is no word at all."""
    text = text.replace("\x00", " ")
    tokens = re.findall(r"\w+", text)[:16]
    if not tokens:
        return None
    typing = not text[-1:].isspace() and len(tokens[-1]) >= PREFIX_MIN
    terms = [f'"{token}"' for token in tokens]
    if typing:
        terms[-1] += "*"
    return " ".join(terms)


LONG_PREFIX = 6     # beyond the prefix indexes (3–5 characters) a prefix is spelled out as its completions
MAX_COMPLETIONS = 8


def expand_prefix(connection: sqlite3.Connection, query: str) -> str:
    """A long prefix ("pembrolizu"*) as the words it completes to ("pembrolizumab"): the same matches,
    but FTS5 reads exact terms lazily where a prefix beyond its prefix index merges every match first.
    Left as it is when it has digits, no completion, or many."""
    match = re.search(r'"(\w+)"\*$', query)
    if not match or len(match.group(1)) < LONG_PREFIX or any(c.isdigit() for c in match.group(1)):
        return query
    prefix = match.group(1).casefold()
    words = [row[0] for row in connection.execute(
        "SELECT word FROM vocabulary WHERE word >= ? AND word < ? ORDER BY word LIMIT ?",
        (prefix, prefix + "\U0010ffff", MAX_COMPLETIONS + 1))]
    if not words or len(words) > MAX_COMPLETIONS:
        return query
    head = query[: match.start()].strip()
    alternatives = "(" + " OR ".join(f'"{word}"' for word in words) + ")"
    return f"{head} AND {alternatives}" if head else alternatives  # FTS5 wants AND spelled out before "("


def matches_many(connection: sqlite3.Connection, table: str, query: str) -> bool:
    """Whether a full-text query matches more rows than are worth ranking; reads at most RANK_LIMIT + 1."""
    found = connection.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT {RANK_LIMIT + 1})", (query,)
    ).fetchone()[0]
    return found > RANK_LIMIT


def search(connection: sqlite3.Connection, text: str, limit: int = 50) -> SearchResult:
    text = text.replace("\x00", " ").strip()
    if not text:
        return SearchResult()
    limit = max(1, min(int(limit), 500))
    hits: dict[tuple[str, str | None, int | None], Hit] = {}
    for hit in _lookup_hits(connection, text, limit):
        hits.setdefault((hit.kind, hit.drug_id, hit.target), hit)
    query = fts_query(text)
    many: list[str] = []
    if query:
        query = expand_prefix(connection, query)
        text_many = matches_many(connection, "search", query)
        trials_many = matches_many(connection, TRIALS_FTS, query)
        many = [kind for kind, flag in (("section", text_many), ("trial", trials_many)) if flag]
        for hit in _text_hits(connection, query, limit, text_many) + _trial_hits(connection, query, limit, trials_many):
            hits.setdefault((hit.kind, hit.drug_id, hit.target), hit)
    ordered = sorted(hits.values(), key=lambda h: (-h.score, h.title))[:limit]
    if ordered:
        return SearchResult(ordered, many=many)
    return SearchResult([], suggest(connection, text))


def _lookup_hits(connection: sqlite3.Connection, text: str, limit: int) -> list[Hit]:
    key = lookup_key(text)
    if len(key) < 2:
        return []
    select = "SELECT l.key, l.kind, l.drug_id, d.name, l.target, l.label FROM lookup l LEFT JOIN drugs d ON d.id = l.drug_id "
    rows = connection.execute(select + "WHERE l.key = ? ORDER BY l.id LIMIT ?", (key, limit)).fetchall()
    if len(key) >= PREFIX_MIN and len(rows) < limit:
        # Then names and IDs that begin with the text, in key order: an index range, never a sort.
        rows += connection.execute(select + "WHERE l.key > ? AND l.key < ? ORDER BY l.key LIMIT ?",
                                   (key, key + "\U0010ffff", limit - len(rows))).fetchall()
    hits = []
    for found, kind, drug_id, drug, target, label in rows:
        score = EXACT_SCORE if found == key else PREFIX_SCORE
        if kind in _LOOKUP_TITLES:
            title = label
            hit_kind = "trial"
        else:
            title, hit_kind, target = shortened(drug), "drug", None
        label = shortened(label)
        snippet = f"{kind.replace('_', ' ')}: {label}"
        start = snippet.index(label)
        hits.append(Hit(hit_kind, drug_id, drug, title, snippet, ((start, start + len(label)),), score, target))
    return hits


def _text_hits(connection: sqlite3.Connection, query: str, limit: int, many: bool = False) -> list[Hit]:
    # Thousands of matches: take the first in index order (ranking them all costs more than it tells).
    # The limit applies inside, before the join, so no step ever sorts or joins every match.
    # Unranked, the score is 0: computing bm25 at all reads the term's statistics over every match.
    order, score = ("", "0") if many else ("ORDER BY rank", "bm25(search, 0, 0, 0, 8.0, 1.0)")
    rows = connection.execute(
        "SELECT m.kind, m.drug_id, d.name, m.target, m.title, m.snip, m.score FROM ("
        f"SELECT kind, drug_id, target, title, snippet(search, 4, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 16) AS snip, "
        f"{score} AS score FROM search WHERE search MATCH ? {order} LIMIT ?"
        ") m LEFT JOIN drugs d ON d.id = m.drug_id",
        (query, limit),
    ).fetchall()
    return [_hit(kind, drug_id, drug, target, title, snippet, rank) for kind, drug_id, drug, target, title, snippet, rank in rows]


def _trial_hits(connection: sqlite3.Connection, query: str, limit: int, many: bool = False) -> list[Hit]:
    order, score = ("", "0") if many else ("ORDER BY rank", f"bm25({TRIALS_FTS})")
    rows = connection.execute(
        "SELECT t.drug_id, d.name, t.id, t.trial_id, t.programme, t.title, t.posted, m.snip, m.score FROM ("
        f"SELECT rowid AS id, snippet({TRIALS_FTS}, -1, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 16) AS snip, "
        f"{score} AS score FROM {TRIALS_FTS} WHERE {TRIALS_FTS} MATCH ? {order} LIMIT ?"
        ") m JOIN trials t ON t.id = m.id LEFT JOIN drugs d ON d.id = t.drug_id",
        (query, limit),
    ).fetchall()
    return [_hit("trial", drug_id, drug, target, trial_label(*named), snippet, rank)
            for drug_id, drug, target, *named, snippet, rank in rows]


def _hit(kind: str, drug_id, drug, target, title: str, marked: str, rank: float) -> Hit:
    snippet, highlights = unmark(marked or "")
    return Hit(kind, drug_id, shortened(drug or ""), shortened(title or ""), snippet, highlights, round(-rank, 4), target)


_MARKER = re.compile(f"([{_MARK_OPEN}{_MARK_CLOSE}])")


def unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Turn the snippet's private markers into plain text plus (start, end) spans to highlight."""
    # Piece by piece between markers, not character by character: this runs for every hit of every keystroke.
    text, spans, start = [], [], None
    position = 0
    for piece in _MARKER.split(marked):
        if piece == _MARK_OPEN:
            start = position
        elif piece == _MARK_CLOSE:
            if start is not None:
                spans.append((start, position))
                start = None
        else:
            piece = shortened(piece).translate(_ONE_LINE)  # a giant word (an old database's) never reaches a row whole
            text.append(piece)
            position += len(piece)
    return "".join(text), tuple(spans)


# A section keeps its source's line breaks; a result row shows its snippet on one line (same length, so the
# highlight spans stay where they are).
_ONE_LINE = str.maketrans("\n\r\t", "   ")


SUGGEST_MIN = 4     # shorter words are never corrected: too many words lie an edit or two from them
MAX_EDITS = 2       # how far a suggestion may be; the deletion index holds variants up to this many letters shorter
LONGEST_WORD = 32   # longer vocabulary words are not indexed for suggestions (no real word is this long)


def suggest(connection: sqlite3.Connection, text: str) -> str | None:
    """The query with each unknown word replaced by the closest indexed word, or None if none is close."""
    tokens = re.findall(r"\w+", text)
    if not tokens:
        return None
    changed, words = False, []
    for token in tokens[:8]:
        word = token.casefold()
        if len(word) < SUGGEST_MIN or _known(connection, word):
            words.append(word)
            continue
        best = _closest(connection, word)
        if best:
            changed = True
        words.append(best or word)
    return " ".join(words) if changed else None


def _known(connection: sqlite3.Connection, word: str) -> bool:
    return connection.execute("SELECT 1 FROM vocabulary WHERE word = ?", (word,)).fetchone() is not None


def deletion_variants(word: str, edits: int) -> set[str]:
    """The word and every string made from it by deleting up to `edits` of its letters."""
    variants = frontier = {word}
    for _ in range(edits):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        variants = variants | frontier
    return variants


def _closest(connection: sqlite3.Connection, word: str) -> str | None:
    """The vocabulary word fewest edits from `word` (one edit under six letters, else two), then the one
    in most documents. One indexed look-up of the word's own deletion variants (at most 1 + n + n(n-1)/2
    for n letters) finds every word within reach, whatever the vocabulary's size."""
    if len(word) > LONGEST_WORD + MAX_EDITS:
        return None
    allowed = 1 if len(word) < 6 else MAX_EDITS
    variants = deletion_variants(word, allowed)
    shared = connection.execute(
        f"SELECT variant, word FROM vocabulary_deletes WHERE variant IN ({', '.join('?' * len(variants))}) "
        "AND length(word) - length(variant) <= ?",
        (*variants, allowed),
    ).fetchall()
    # A shared variant is a common subsequence: the letters each side lost to it bound the distance from
    # below, so only candidates whose bound is within the best distance so far need the full comparison.
    bounds: dict[str, int] = {}
    for variant, candidate in shared:
        bound = max(len(word), len(candidate)) - len(variant)
        bounds[candidate] = min(bound, bounds.get(candidate, bound))
    best_distance, nearest = allowed, []
    for candidate, bound in sorted(bounds.items(), key=lambda item: item[1]):
        if bound > best_distance:
            break
        distance = edit_distance(word, candidate, best_distance)
        if distance > best_distance:
            continue
        if distance < best_distance:
            nearest = []
        best_distance = distance
        nearest.append(candidate)
    if not nearest:
        return None
    return connection.execute(
        f"SELECT word FROM vocabulary WHERE word IN ({', '.join('?' * len(nearest))}) ORDER BY documents DESC, word LIMIT 1",
        nearest,
    ).fetchone()[0]


def edit_distance(a: str, b: str, bound: int) -> int:
    """Optimal-string-alignment distance, giving up (returning bound + 1) once it must exceed `bound`."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > bound:
            return bound + 1
        previous2, previous = previous, current
    return previous[-1]
