"""How long a word and a line of a source document may be: the readers refuse beyond, the display shortens.

Qt lays out an unbreakable run of text in time that grows faster than its length (a 1 MB word took
139 s to show; 10 MB never finished), so a word no real text has must stop at the build, and a
database built before this check or elsewhere must still never hand one to a view whole.

The numbers sit far above real text and far below what hurts. The longest word in the bundled and test
sources is a 176-character URL; IUPAC names of drugs run to a few hundred characters; URLs stop near
2,000 in practice (browsers and the sitemap protocol); a biologic's amino-acid sequence written unbroken
is one letter per residue, about 450 for an antibody chain and rarely beyond 2,000 for a fusion protein.
4,000 covers all of these with room, and lays out in milliseconds. The longest line in those sources is
927 characters: a paragraph kept on one line. 100,000 characters is some 15,000 words in one paragraph,
beyond any document's; what exceeds it is a file that is not prose (a dump with its line breaks lost).
No module imports anything here but `re`: the window imports it on start-up.
"""
from __future__ import annotations

import re

LONGEST_WORD = 4_000
LONGEST_LINE = 100_000
SHOWN_OF_A_LONG_WORD = 60   # how much of a word beyond the limit the display keeps, before the marker

# Only where a word starts: without the look-behind the scan would retry from every character of a long word.
_TOO_LONG = re.compile(rf"(?<!\S)\S{{{LONGEST_WORD + 1},}}")


def beyond_limits(line: str) -> tuple[str, str] | None:
    """What the readers expect of a line they refuse, and what it has ("a word of 1,048,576 characters")."""
    if len(line) <= LONGEST_WORD:
        return None
    if word := _TOO_LONG.search(line):  # the word first: it is what to look for in the line
        return f"words of at most {LONGEST_WORD:,} characters", f"a word of {word.end() - word.start():,} characters"
    if len(line) > LONGEST_LINE:
        return f"lines of at most {LONGEST_LINE:,} characters", f"a line of {len(line):,} characters"
    return None


def shortened(text: str) -> str:
    """`text` with every word beyond the limit cut to its start and a marker saying how much is not shown:
    what the views get, so none of them ever lays out such a word whole."""
    if len(text) <= LONGEST_WORD:
        return text
    return _TOO_LONG.sub(_shorten, text)


def _shorten(match: re.Match) -> str:
    word = match.group(0)
    return f"{word[:SHOWN_OF_A_LONG_WORD]}…[{len(word) - SHOWN_OF_A_LONG_WORD:,} characters not shown]"
