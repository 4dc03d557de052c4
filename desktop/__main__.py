"""Entry point for `drugref` and `python -m desktop`: a command runs headless; no command, `open TERM` or a
`drugref://` link opens the window."""
from __future__ import annotations

import gc
import os
import sys
from typing import Sequence


# The headless commands; desktop.cli's parser declares the same ones (a test keeps them equal).
from .verbs import HEADLESS_VERBS


def _prefer_utf8_locale() -> None:
    """Qt needs a UTF-8 locale; under a bare "C" locale say so up front instead of letting Qt warn."""
    import locale

    try:  # ask the C library, as Qt does; a frozen interpreter may not have set LC_CTYPE itself
        locale.setlocale(locale.LC_CTYPE, "")
        codeset = locale.nl_langinfo(locale.CODESET)
    except (locale.Error, AttributeError):
        codeset = ""
    if codeset.upper().replace("-", "") != "UTF8":
        os.environ["LC_CTYPE"] = "C.UTF-8"


def wants_command_line(args: Sequence[str]) -> bool:
    """A headless command, or help: the first of `open`, a drugref:// link or a command word decides,
    so that `drugref open search` opens the window on "search" and `drugref search open` searches."""
    if any(arg in ("-h", "--help", "--version") for arg in args):
        return True
    for arg in args:
        if arg == "open" or arg.casefold().startswith("drugref:"):
            return False
        if arg in HEADLESS_VERBS:
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    _prefer_utf8_locale()
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_command_line(args):
        try:
            from .cli import run  # the window never pays for the command line's imports

            return run(args)
        except KeyboardInterrupt:  # one that lands outside a command's own handling, as it starts or ends
            print("drugref: interrupted", file=sys.stderr)
            return 130
    # Start-up makes long-lived objects (modules, classes, PySide's types and enums): the collector
    # would walk them about fifty times and find nothing (10-15 ms). run_app turns it back on, with
    # those objects frozen, before the event loop; an early return turns it on here.
    gc.disable()
    try:
        from .app import run_app  # Qt is imported only when a window is wanted

        return run_app(args)
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
