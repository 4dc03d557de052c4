"""The size floor for the frozen app: a minimal PySide6 window with one qtawesome icon, frozen the same way."""
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QToolButton


class QuitAfterPaint(QObject):
    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint and "--quit-after-startup" in sys.argv:
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


app = QApplication(sys.argv)
import qtawesome  # noqa: E402  (after the QApplication, as qtawesome requires)

window = QMainWindow()
button = QToolButton()
button.setIcon(qtawesome.icon("mdi6.pill"))
window.setCentralWidget(button)
window.show()
button.installEventFilter(QuitAfterPaint(button))
sys.exit(app.exec())
