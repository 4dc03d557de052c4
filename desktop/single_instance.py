"""One window per user and database: a second launch (a `drugref://` link, `drugref open TERM`, a second
double-click) hands its words to the window already running, which opens the record and comes forward.

The running window listens on a local socket (QLocalServer) once it has painted, so the first frame does
not wait for QtNetwork. A second launch asks with a plain socket before it loads Qt at all: handing over
costs it a few milliseconds, not a window's start-up. A first launch only looks whether the socket file
exists, so it loads nothing for this (json, socket and hashlib cost start-up 14 ms). Where the platform
has no Unix sockets the launch simply opens its own window.
"""
from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Callable, Sequence

# A running window answers at once; one that does not (stopped in a debugger, or hung) is not waited on.
ANSWER_TIMEOUT_S = 2.0
_MAX_REQUEST = 64 * 1024  # a request is a few words; anything longer is not one


def socket_path(db_path: Path | None) -> Path:
    """Where the window listens: one for the user's catalogue (None: whichever database that opens, bundled or
    built, since adding a document moves the window from one to the other), one per database named by --db."""
    if not (runtime := os.environ.get("XDG_RUNTIME_DIR")):
        import tempfile

        runtime = tempfile.gettempdir()
    if db_path is None:
        from .catalogue.folder import default_data_dir

        named = default_data_dir()
    else:
        named = db_path.resolve()
    key = f"{zlib.crc32(os.fsencode(named)):08x}"  # a name per catalogue or database, not a secret
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(runtime) / f"drugref-{user}-{key}.socket"


def hand_over(path: Path, words: Sequence[str]) -> bool:
    """Give `words` to the window listening at `path`; True when it took them (this launch is then done)."""
    if not path.exists():
        return False
    import json
    import socket

    if not hasattr(socket, "AF_UNIX"):
        return False
    request = json.dumps({"words": list(words)}, ensure_ascii=True).encode("ascii") + b"\n"
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(ANSWER_TIMEOUT_S)
            connection.connect(str(path))
            connection.sendall(request)
            return connection.recv(16).startswith(b"ok")
    except OSError:  # nobody listening (a socket left by a window that crashed), or no answer in time
        return False


def decode_request(data: bytes) -> list[str] | None:
    """The words of one request, or None for anything that is not one."""
    import json

    try:
        request = json.loads(data.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    words = request.get("words") if isinstance(request, dict) else None
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        return None
    return words


def listen(path: Path, parent, on_request: Callable[[list[str]], None]):
    """Serve requests at `path` for the window `parent`; returns the server, or None where it cannot listen
    (the launch then behaves as before: each opens its own window)."""
    from PySide6.QtNetwork import QLocalServer

    server = QLocalServer(parent)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # only this user may hand over
    if not server.listen(str(path)):
        QLocalServer.removeServer(str(path))  # a socket file left by a window that did not close cleanly
        if not server.listen(str(path)):
            return None

    def answer() -> None:
        while (connection := server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: read(c))

    def read(connection) -> None:
        if not connection.canReadLine():
            if connection.bytesAvailable() > _MAX_REQUEST:
                connection.abort()
            return
        words = decode_request(bytes(connection.readLine()).strip())
        connection.write(b"ok\n" if words is not None else b"no\n")
        connection.flush()
        connection.disconnectFromServer()
        if words is not None:
            on_request(words)

    server.newConnection.connect(answer)
    return server
