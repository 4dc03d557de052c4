"""Entry point for `drugref` and `python -m desktop`: a command runs headless, no command opens the window."""
from __future__ import annotations

import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from .cli import COMMANDS, run

    wants_cli = any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in args)
    if wants_cli:
        return run(args)
    from .app import run_app  # Qt is imported only when a window is wanted

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
