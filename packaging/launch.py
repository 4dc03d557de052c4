"""The frozen app's entry script: the same `main` as the `drugref` command."""
import sys

from desktop.__main__ import main

sys.exit(main())
