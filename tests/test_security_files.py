"""Hostile files and paths (audit issue 16, HIGH and LOW): one safe reader, one safe
walker, one safe output writer.

Inputs: a FIFO, a symlink to /dev/zero, symlink loops, names too long or with a line
break end with exit 2 and one line naming the file (never a hang, a read until memory
runs out, or an internal error); the other files are still checked. Outputs: a
symlink is refused and left alone, a device is written to and never replaced, and an
interrupted or failed write (SIGTERM, a full disk) leaves no temporary and no partial
set of outputs.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editions_now import WTTSC_NOW
from hostile_support import GUARD_SECONDS, assert_one_line_error, cli, no_traceback, policy_md, project, snapshot


def _json_files(proc) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}


def test_fifo_in_a_checked_folder_does_not_hang(tmp_path: Path) -> None:
    root = project(tmp_path)
    policy_md(root)
    os.mkfifo(root / "waiting.md")
    proc = cli("check", ".", "--format", "json", cwd=root)
    assert_one_line_error(proc, "waiting.md", "not a regular file")
    assert _json_files(proc)["policy.md"]["findings"], "the real policy was not checked"
    assert_one_line_error(cli("check", "waiting.md", cwd=root), "waiting.md", "not a regular file")
    assert_one_line_error(cli("update", "waiting.md", cwd=root), "waiting.md", "not a regular file")


def test_symlink_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    root = project(tmp_path)
    (root / "endless.docx").symlink_to("/dev/zero")
    (root / "endless.md").symlink_to("/dev/zero")
    for name in ("endless.docx", "endless.md"):
        assert_one_line_error(cli("check", name, cwd=root), name, "not a regular file")


def test_symlink_loops_are_one_line_errors(tmp_path: Path) -> None:
    root = project(tmp_path)
    policy_md(root)
    (root / "loop.md").symlink_to("loop.md")
    (root / "a.md").symlink_to("b.md")
    (root / "b.md").symlink_to("a.md")
    (root / "sub").mkdir()
    (root / "sub" / "again").symlink_to("..")  # a folder loop: the walk must not follow it
    proc = cli("check", ".", "--format", "json", cwd=root)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2
    no_traceback(proc)
    assert len(lines) == 3 and all("loop of symbolic links" in line for line in lines), lines
    assert _json_files(proc)["policy.md"]["findings"]
    assert_one_line_error(cli("check", "loop.md", cwd=root), "loop.md", "loop of symbolic links")
    assert_one_line_error(cli("update", "a.md", cwd=root), "a.md", "loop of symbolic links")


def test_name_too_long(tmp_path: Path) -> None:
    root = project(tmp_path)
    name = "x" * 300 + ".md"
    assert_one_line_error(cli("check", name, cwd=root), "xxxx", "name is too long")


def test_line_break_in_a_file_name_stays_one_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    odd = root / "bad\nname.docx"
    odd.write_bytes(b"not a zip")
    proc = cli("check", ".", cwd=root)
    assert_one_line_error(proc, "bad\\nname.docx", "save it as .docx")


# --------------------------------------------------------------------------- outputs


def test_output_symlink_is_refused_and_left_alone(tmp_path: Path) -> None:
    root = project(tmp_path)
    policy_md(root)
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me", encoding="utf-8")
    (root / "report.json").symlink_to(target)
    (root / "notes.md").symlink_to(target)
    (root / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    for args in (
        ("check", "policy.md", "-o", "report.json"),
        ("update", "policy.md", "--notes", "notes.md", "--force"),
        ("update", "policy.md", "-o", "dangling.md"),
    ):
        proc = cli(*args, cwd=root)
        assert proc.returncode == 2, proc.stderr
        assert "symbolic link" in proc.stderr
        no_traceback(proc)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert (root / "report.json").is_symlink() and (root / "notes.md").is_symlink()
    assert not (tmp_path / "nowhere.md").exists()
    assert not list(root.glob("policy.updated*")), "update wrote part of its output set"


def test_output_to_a_device_writes_and_never_replaces_it(tmp_path: Path) -> None:
    """-o /dev/null must not turn the device into a file (as root a rename would).
    A private null device is made for the test, so the real /dev/null is never at risk."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    root = project(tmp_path)
    policy_md(root)
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:
        pytest.skip("cannot make a device node here")
    proc = cli("check", "policy.md", "-o", str(device), "--format", "json", cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode), "the device was replaced by a file"
    assert not list(tmp_path.glob(".null.*")), "a temporary was left behind"


def test_in_place_through_a_symlink_edits_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    root = project(tmp_path)
    real = policy_md(root, "real.md")
    (root / "linked.md").symlink_to("real.md")
    proc = cli("update", "linked.md", "--in-place", "--select", "WT001", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert (root / "linked.md").is_symlink()
    assert WTTSC_NOW in real.read_text(encoding="utf-8")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("where", ["writing", "before-rename"])
def test_sigterm_leaves_no_partial_output_set(tmp_path: Path, where: str) -> None:
    root = project(tmp_path)
    policy_md(root)
    (root / "policy.changes.md").write_text("old notes", encoding="utf-8")
    ready = tmp_path / "ready"
    before = snapshot(root)
    env = {
        **os.environ,
        "CI": "1",
        "NO_COLOR": "1",
        "WTTSC_POLICY_FAULT": f"pause-{where}",
        "WTTSC_POLICY_FAULT_READY": str(ready),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "wttsc_policy", "update", "policy.md", "--force", "--redline"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + GUARD_SECONDS
    while not ready.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the update never reached the write"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=GUARD_SECONDS)
    assert proc.returncode != 0
    assert "Traceback" not in err, err
    assert _leftovers(root) == [], "temporary files were left behind"
    assert snapshot(root) == before, "part of the output set was written, or the old notes changed"


def test_full_disk_leaves_nothing_and_says_so(tmp_path: Path) -> None:
    root = project(tmp_path)
    policy_md(root)
    before = snapshot(root)
    proc = cli("update", "policy.md", "--redline", cwd=root, env={"WTTSC_POLICY_FAULT": "enospc-writing"})
    assert_one_line_error(proc, "policy", "disk is full")
    assert _leftovers(root) == []
    assert snapshot(root) == before
