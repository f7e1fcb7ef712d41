"""The lease row: one holder at a time; it lapses when unrenewed or when its process has died."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools.lease import Lease


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(timeout=30)
    return proc.pid


def test_the_first_holder_wins_and_another_holder_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "lease.db"
    first = Lease(db, "recovery", "server-a").acquire()
    second = Lease(db, "recovery", "server-b").acquire()
    assert (first.won, first.held) == (True, True)
    assert (second.won, second.held, second.holder) == (False, False, "server-a")


def test_the_holder_renews_without_winning_again(tmp_path: Path) -> None:
    lease = Lease(tmp_path / "lease.db", "recovery", "server-a")
    first, again = lease.acquire(), lease.acquire()
    assert again.held and not again.won
    assert again.acquired_at == first.acquired_at  # the recovery cut-off stays where the server took it


def test_a_sibling_process_of_the_same_server_does_not_win(tmp_path: Path) -> None:
    db = tmp_path / "lease.db"
    Lease(db, "recovery", "server-a", pid=_dead_pid()).acquire()  # a worker that has since died...
    sibling = Lease(db, "recovery", "server-a").acquire()
    assert sibling.held and not sibling.won  # ...its restarted sibling keeps the lease but recovers nothing


def test_a_lease_whose_process_died_lapses_at_once(tmp_path: Path) -> None:
    db = tmp_path / "lease.db"
    Lease(db, "recovery", "crashed", pid=_dead_pid()).acquire()
    grant = Lease(db, "recovery", "restarted").acquire()
    assert grant.won and grant.holder == "restarted"


def test_an_unrenewed_lease_lapses_after_its_time_to_live(tmp_path: Path) -> None:
    db = tmp_path / "lease.db"
    Lease(db, "recovery", "elsewhere", ttl_s=-1.0, host="another-host").acquire()
    assert Lease(db, "recovery", "here").acquire().won


def test_a_live_lease_on_another_host_is_not_taken(tmp_path: Path) -> None:
    db = tmp_path / "lease.db"
    Lease(db, "recovery", "elsewhere", pid=_dead_pid(), host="another-host").acquire()
    assert not Lease(db, "recovery", "here").acquire().won  # its pid means nothing here: wait for expiry


def test_release_frees_the_lease_only_for_its_holder(tmp_path: Path) -> None:
    db = tmp_path / "lease.db"
    held = Lease(db, "recovery", "server-a")
    held.acquire()
    Lease(db, "recovery", "server-b").release()
    assert not Lease(db, "recovery", "server-c").acquire().held
    held.release()
    assert Lease(db, "recovery", "server-c").acquire().won


def test_leases_with_different_names_are_independent(tmp_path: Path) -> None:
    db = tmp_path / "lease.db"
    assert Lease(db, "recovery", "server-a").acquire().won
    assert Lease(db, "other-job", "server-b").acquire().won


def test_one_holder_at_a_time_on_either_backend(any_db: str) -> None:
    first = Lease(any_db, "recovery", "server-a").acquire()
    assert first.won and not Lease(any_db, "recovery", "server-b").acquire().held
    Lease(any_db, "recovery", "server-a").release()
    assert Lease(any_db, "recovery", "server-b").acquire().won
