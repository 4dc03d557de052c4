"""A second launch hands its request to the window already open on the same database."""
from __future__ import annotations

import subprocess
import sys
import threading

from desktop.single_instance import decode_request, hand_over, listen, socket_path
from helpers import run_window


def ask_in_background(path, words) -> dict:
    """hand_over waits for the answer, which the window gives from the event loop the test must keep running."""
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("taken", hand_over(path, words)))
    thread.start()
    outcome["thread"] = thread
    return outcome


def test_a_second_launch_opens_its_link_in_the_running_window(qtbot, seed_db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    path = socket_path(seed_db)

    def then(window):
        qtbot.waitUntil(path.exists)  # the window listens once it has painted
        window.show_drug("aldesleukin")
        outcome = ask_in_background(path, ["drugref://drug/bempegaldesleukin"])
        qtbot.waitUntil(lambda: not outcome["thread"].is_alive())
        assert outcome["taken"] is True
        qtbot.waitUntil(lambda: window.current_drug() == "bempegaldesleukin")
    assert run_window(["--db", str(seed_db)], tmp_path, monkeypatch, then) == 0


def test_a_request_for_nothing_is_said_in_the_running_windows_status_bar(qtbot, seed_db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    path = socket_path(seed_db)

    def then(window):
        qtbot.waitUntil(path.exists)
        outcome = ask_in_background(path, ["drugref://drug/nosuch"])
        qtbot.waitUntil(lambda: not outcome["thread"].is_alive())
        assert outcome["taken"] is True
        qtbot.waitUntil(lambda: "nosuch" in window.statusBar().currentMessage())
    assert run_window(["--db", str(seed_db)], tmp_path, monkeypatch, then) == 0


def test_a_socket_left_behind_by_a_crashed_window_is_not_taken_for_a_window(qtbot, window, tmp_path):
    path = tmp_path / "drugref.socket"
    path.write_bytes(b"")  # a file where the socket was: nobody listens
    assert hand_over(path, []) is False
    assert listen(path, window, lambda words: None) is not None  # the new window listens there instead


def test_only_a_list_of_words_is_a_request():
    assert decode_request(b'{"words": ["open", "NKTR-214"]}') == ["open", "NKTR-214"]
    for not_one in (b"", b"\xff", b"[]", b'{"words": "open"}', b'{"words": [1]}', b"null"):
        assert decode_request(not_one) is None


def test_each_database_has_its_own_window(tmp_path):
    assert socket_path(tmp_path / "a.sqlite") != socket_path(tmp_path / "b.sqlite")
    assert socket_path(tmp_path / "a.sqlite") == socket_path(tmp_path / "." / "a.sqlite")


def test_drugref_open_hands_over_and_exits(qtbot, seed_db, tmp_path, monkeypatch):
    """The real command, as a desktop runs it for a link: it finds the window by its database and exits 0."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}

    def then(window):
        qtbot.waitUntil(socket_path(seed_db).exists)
        launch = subprocess.Popen([sys.executable, "-m", "desktop", "--db", str(seed_db), "open", "NKTR-214"],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60000)
        assert launch.returncode == 0, launch.stderr.read()
        qtbot.waitUntil(lambda: window.current_drug() == "bempegaldesleukin")
    assert run_window(["--db", str(seed_db)], tmp_path, monkeypatch, then) == 0


def test_the_users_catalogue_has_one_window_whichever_database_it_opens(tmp_path, monkeypatch):
    """Adding a document moves the window from the bundled database to the catalogue's: a launch without --db
    must still find it. Another data folder is another catalogue."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "one"))
    catalogue_window = socket_path(None)
    assert catalogue_window not in (socket_path(tmp_path / "one" / "DrugRef" / "catalogue.sqlite"),
                                    socket_path(tmp_path / "bundled.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "two"))
    assert socket_path(None) != catalogue_window
