"""Modules the frozen DrugRef leaves out; shared by packaging/drugref.spec and bench/floor/floor.spec."""

# Qt modules and Python packages DrugRef does not use; keeping them out keeps the bundle small. The build
# (desktop.store.build, desktop.ingest.corpus, sqlite_utils and what it imports) stays in: the app builds the
# user's catalogue when they add documents. QtNetwork stays in for the one-window local socket.
EXCLUDES = [
    "tkinter", "unittest", "pydoc", "doctest", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtDBus", "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtMultimedia",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtCharts", "PySide6.Qt3DCore",
]
