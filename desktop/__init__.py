"""DrugRef: an offline desktop reference for the IL-2 pathway drugs, built from bundled sources."""

__version__ = "0.1.0"
APP_NAME = "DrugRef"
APP_ID = "io.github.drugref.DrugRef"
