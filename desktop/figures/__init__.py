"""Pictures drawn from the record: the receptor diagram and the development timeline.

`data` decides what a picture shows (Qt-free, tested without a display) and writes its text
alternative; `painting` draws it with QPainter into any rectangle, so the same code serves the
window (crisp at any size) and the printed sheet.
"""
