"""Hostile and broken input through the real CLI.

Every case must end with exit code 2 and exactly one line on stderr that names the file
and says what to do: no traceback, no hang (the subprocess timeout is only a guard), no
content of a file the document points at, and the input's bytes left as they were.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARD_SECONDS = 60  # a hang fails the test instead of blocking CI; not a performance assertion

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
HEADER_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
    'Target="header1.xml"/></Relationships>'
)
OUTDATED = "Staff follow Working Together to Safeguard Children 2018 and the local procedures."


def body_xml(
    text: str = OUTDATED,
    *,
    prolog: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    dtd: str = "",
    filler: str = "",
) -> str:
    return (
        f"{prolog}{dtd}<w:document {W}><w:body>"
        f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>{filler}'
        "</w:body></w:document>"
    )


def package(parts: dict[str, str | bytes], *, main: bool = True) -> bytes:
    """A .docx-shaped zip: content types, package rels and the given parts."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        if main and "word/document.xml" not in parts:
            zf.writestr("word/document.xml", body_xml())
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A scratch folder that config discovery will not walk out of."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "CI": "1"}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("WTTSC_POLICY_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "wttsc_policy", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def assert_refused(proc: subprocess.CompletedProcess, name: str, *hints: str) -> str:
    """Exit 2, one stderr line naming the file and saying what to do, no traceback."""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    assert len(lines) == 1, proc.stderr
    assert name in lines[0], lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "internal error" not in lines[0], lines[0]
    low = lines[0].lower()
    for hint in hints:
        assert hint.lower() in low, (hint, lines[0])
    return lines[0]


def refuse_on_both_commands(folder: Path, name: str, data: bytes, *hints: str, config: str | None = None) -> list[str]:
    """`check` and `update` both refuse the file; neither changes it nor writes anything."""
    target = folder / name
    target.write_bytes(data)
    if config is not None:
        (folder / "wttsc-policy.toml").write_text(config, encoding="utf-8")
    before = snapshot(folder)
    messages = [assert_refused(cli("check", name, cwd=folder), name, *hints)]
    assert snapshot(folder) == before
    messages.append(assert_refused(cli("update", name, cwd=folder), name, *hints))
    assert snapshot(folder) == before, "update wrote or changed files although it refused the input"
    return messages


# --------------------------------------------------------------------------- wrong kind of file


@pytest.mark.parametrize("name", ["empty.docx", "empty.md", "empty.txt"])
def test_empty_file(folder: Path, name: str) -> None:
    refuse_on_both_commands(folder, name, b"", "empty")


def test_whitespace_only_text(folder: Path) -> None:
    refuse_on_both_commands(folder, "blank.md", b"  \n\n\t\n", "empty")


def test_text_file_named_docx(folder: Path) -> None:
    refuse_on_both_commands(
        folder, "policy.docx", b"Child protection policy\n\nStaff must report concerns.\n", "save it as .docx"
    )


def test_ole2_file_named_docx(folder: Path) -> None:
    """Old .doc files and password-protected Word files are OLE2 compound documents."""
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512 - 8) + b"\x00" * 4096
    refuse_on_both_commands(folder, "protected.docx", ole2, "save it as .docx", "password")


@pytest.mark.parametrize(
    "name, hint",
    [
        ("policy.pdf", "pdf"),
        ("policy.doc", "save it as .docx"),
        ("policy.odt", "unsupported"),
        ("policy", "unsupported"),
    ],
)
def test_unsupported_extension(folder: Path, name: str, hint: str) -> None:
    refuse_on_both_commands(folder, name, b"%PDF-1.7 some bytes\n", hint)


# --------------------------------------------------------------------------- damaged packages


def test_truncated_zip(folder: Path) -> None:
    whole = package({})
    for cut in (len(whole) // 3, len(whole) - 30):
        refuse_on_both_commands(folder, f"cut-{cut}.docx", whole[:cut], "damaged")


def test_zip_without_main_document(folder: Path) -> None:
    data = package({"word/notes.xml": body_xml()}, main=False)
    refuse_on_both_commands(folder, "hollow.docx", data, "word/document.xml")


def test_invalid_xml(folder: Path) -> None:
    broken = body_xml().replace("</w:body>", "")
    refuse_on_both_commands(folder, "broken.docx", package({"word/document.xml": broken}), "not well-formed")


def test_main_part_without_body(folder: Path) -> None:
    data = package({"word/document.xml": f'<?xml version="1.0"?><w:document {W}/>'})
    refuse_on_both_commands(folder, "nobody.docx", data, "damaged")


# --------------------------------------------------------------------------- DTDs and entities


def billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return "<!DOCTYPE w:document [" + "".join(entities) + "]>"


def test_billion_laughs_is_refused_quickly(folder: Path) -> None:
    data = package({"word/document.xml": body_xml("&lol9;", dtd=billion_laughs())})
    refuse_on_both_commands(folder, "laughs.docx", data, "dtd")


SECRET = "SECRET-7f3a9c-never-print-me"


@pytest.fixture
def secret(folder: Path) -> Path:
    path = folder / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    (path.parent / "evil.dtd").write_text(f'<!ENTITY leak "{SECRET}">', encoding="utf-8")
    return path


def _xxe_variants(secret: Path) -> dict[str, bytes]:
    uri = secret.as_uri()
    dtd_uri = (secret.parent / "evil.dtd").as_uri()
    system = f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "{uri}">]>'
    parameter = f'<!DOCTYPE w:document [<!ENTITY % ext SYSTEM "{dtd_uri}"> %ext;]>'
    external = f'<!DOCTYPE w:document SYSTEM "{dtd_uri}">'
    plain = body_xml("&leak;", dtd=system)
    return {
        "system-entity.docx": package({"word/document.xml": plain}),
        "parameter-entity.docx": package({"word/document.xml": body_xml("&leak;", dtd=parameter)}),
        "external-dtd.docx": package({"word/document.xml": body_xml("&leak;", dtd=external)}),
        # the DTD hidden from a byte scan: UTF-16, or after a long comment
        "utf16.docx": package(
            {
                "word/document.xml": body_xml(
                    "&leak;", prolog='<?xml version="1.0" encoding="UTF-16"?>', dtd=system
                ).encode("utf-16")
            }
        ),
        "late-dtd.docx": package(
            {
                "word/document.xml": body_xml(
                    "&leak;", prolog='<?xml version="1.0"?><!--' + "x" * 70_000 + "-->", dtd=system
                )
            }
        ),
        # in a header part rather than the main document
        "header.docx": package(
            {
                "word/document.xml": body_xml(),
                "word/_rels/document.xml.rels": HEADER_RELS,
                "word/header1.xml": f'<?xml version="1.0"?>{system}<w:hdr {W}><w:p><w:r><w:t>&leak;</w:t></w:r></w:p></w:hdr>',
            }
        ),
    }


@pytest.mark.parametrize(
    "variant",
    ["system-entity.docx", "parameter-entity.docx", "external-dtd.docx", "utf16.docx", "late-dtd.docx", "header.docx"],
)
def test_external_entities_are_never_read(folder: Path, secret: Path, variant: str) -> None:
    data = _xxe_variants(secret)[variant]
    (folder / variant).write_bytes(data)
    before = snapshot(folder)
    for args in (("check", variant), ("check", variant, "--format", "json"), ("update", variant)):
        proc = cli(*args, cwd=folder)
        assert SECRET not in proc.stdout + proc.stderr
        assert_refused(proc, variant, "dtd")
        assert snapshot(folder) == before
    for produced in folder.rglob("*"):
        if produced.is_file() and produced != secret and produced.suffix in (".md", ".docx", ".json"):
            assert SECRET.encode() not in produced.read_bytes()


# --------------------------------------------------------------------------- size limits


def _bomb(megabytes: int) -> bytes:
    """A valid document whose main part inflates ~1000:1 (whitespace between paragraphs)."""
    filler = ("<w:p/>" + " " * 1000) * (megabytes * 1024)
    return package({"word/document.xml": body_xml(filler=filler)})


def test_zip_bomb_refused_by_ratio(folder: Path) -> None:
    data = _bomb(8)
    assert len(data) < 200_000  # tiny on disk, 8 MiB unpacked
    refuse_on_both_commands(folder, "bomb.docx", data, "zip bomb", "max_compression_ratio")


def test_zip_bomb_refused_by_part_size(folder: Path) -> None:
    refuse_on_both_commands(
        folder,
        "big-part.docx",
        _bomb(3),
        "max_part_bytes",
        config="max_part_bytes = 1000000\nmax_compression_ratio = 100000\n",
    )


def test_limits_are_configurable(folder: Path) -> None:
    """The same highly compressed document is read once config raises the ratio limit."""
    (folder / "dense.docx").write_bytes(_bomb(3))
    (folder / "wttsc-policy.toml").write_text("max_compression_ratio = 100000\n", encoding="utf-8")
    proc = cli("check", "dense.docx", "--format", "json", cwd=folder)
    assert proc.returncode == 1, proc.stderr
    assert "WT001" in proc.stdout


@pytest.mark.parametrize("name", ["large.docx", "large.md", "large.txt"])
def test_oversized_file(folder: Path, name: str) -> None:
    if name.endswith(".docx"):
        data = package({"word/media/image1.bin": random.Random(1).randbytes(4000)})  # incompressible
    else:
        data = (("# Policy\n\n" + OUTDATED + "\n") * 200).encode()
    assert len(data) > 1500
    refuse_on_both_commands(folder, name, data, "max_file_bytes", config="max_file_bytes = 1024\n")


# --------------------------------------------------------------------------- text encodings


@pytest.mark.parametrize("name", ["policy.md", "policy.txt"])
def test_invalid_utf8(folder: Path, name: str) -> None:
    data = b"# Policy\n\nStaff follow Working Together \xff\xfe to Safeguard Children 2018.\n"
    refuse_on_both_commands(folder, name, data, "utf-8")


@pytest.mark.parametrize("name", ["policy.md", "policy.txt"])
def test_nul_bytes(folder: Path, name: str) -> None:
    refuse_on_both_commands(folder, name, b"# Policy\n\nStaff\x00 follow the procedures.\n", "nul")


def test_utf16_text_is_refused_not_misread(folder: Path) -> None:
    refuse_on_both_commands(folder, "policy.txt", "Child protection policy\n".encode("utf-16"), "utf-8")


def test_zip_named_md(folder: Path) -> None:
    refuse_on_both_commands(folder, "policy.md", package({}), ".docx")


# --------------------------------------------------------------------------- paths


def test_missing_path(folder: Path) -> None:
    for args in (("check", "nowhere.docx"), ("update", "nowhere.docx"), ("check", "no-folder/")):
        assert_refused(cli(*args, cwd=folder), "nowhere" if "nowhere" in args[1] else "no-folder", "not found")


def test_directory_where_a_file_was_expected(folder: Path) -> None:
    (folder / "policies.docx").mkdir()
    assert_refused(cli("update", "policies.docx", cwd=folder), "policies.docx", "not a file")


@pytest.mark.parametrize("name", ["policy.md", "policy.docx"])
def test_update_output_equal_to_input(folder: Path, name: str) -> None:
    data = package({}) if name.endswith(".docx") else f"# Policy\n\n{OUTDATED}\n".encode()
    (folder / name).write_bytes(data)
    before = snapshot(folder)
    for output in (name, f"./{name}", str(folder / name)):
        assert_refused(cli("update", name, "--output", output, cwd=folder), name, "input")
        assert snapshot(folder) == before


def test_update_notes_path_equal_to_input(folder: Path) -> None:
    (folder / "policy.md").write_text(f"# Policy\n\n{OUTDATED}\n", encoding="utf-8")
    before = snapshot(folder)
    assert_refused(cli("update", "policy.md", "--notes", "policy.md", cwd=folder), "policy.md", "input")
    assert snapshot(folder) == before


def test_check_report_output_equal_to_input(folder: Path) -> None:
    (folder / "policy.md").write_text(f"# Policy\n\n{OUTDATED}\n", encoding="utf-8")
    before = snapshot(folder)
    proc = cli("check", "policy.md", "--output", "policy.md", cwd=folder)
    assert snapshot(folder) == before, "the report was written over the policy"
    assert_refused(proc, "policy.md", "input")


def _unwritable_folder(folder: Path) -> Path:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root ignores permission bits; /proc/self refuses new files even for root
        proc_self = Path("/proc/self")
        if not proc_self.is_dir():
            pytest.skip("running as root without /proc: no folder is unwritable")
        return proc_self
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    return locked


def test_unwritable_output_folder(folder: Path) -> None:
    (folder / "policy.docx").write_bytes(package({}))
    (folder / "policy.md").write_text(f"# Policy\n\n{OUTDATED}\n", encoding="utf-8")
    target = _unwritable_folder(folder)
    before = snapshot(folder)
    try:
        for name in ("policy.docx", "policy.md"):
            proc = cli("update", name, "--output", str(target / f"out{Path(name).suffix}"), cwd=folder)
            assert_refused(proc, str(target), "not writable")
            assert snapshot(folder) == before
    finally:
        if target.parent == folder:
            target.chmod(0o755)


# --------------------------------------------------------------------------- several files


def test_multi_file_run_checks_the_others(folder: Path, secret: Path) -> None:
    (folder / "good.md").write_text(f"# Policy\n\n{OUTDATED}\n", encoding="utf-8")
    (folder / "good.docx").write_bytes(package({}))
    bad = {
        "empty.docx": b"",
        "old.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "xxe.docx": _xxe_variants(secret)["system-entity.docx"],
        "latin1.md": "# Politique\n\nCaf\u00e9 policy\n".encode("latin-1"),
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    before = snapshot(folder)
    names = ["good.md", *bad, "good.docx"]
    for jobs in ("1", "2"):
        proc = cli("check", *names, "--format", "json", "--jobs", jobs, cwd=folder)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr and SECRET not in proc.stdout + proc.stderr
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == len(bad), proc.stderr
        for name in bad:
            assert sum(name in line for line in lines) == 1, (name, lines)
        import json

        report = json.loads(proc.stdout)
        files = {f["path"]: f for f in report["files"]}
        for good in ("good.md", "good.docx"):
            assert any(f["rule"] == "WT001" for f in files[good]["findings"]), files[good]
        assert snapshot(folder) == before


def test_folder_run_reports_bad_files_and_checks_the_rest(folder: Path) -> None:
    school = folder / "schools"
    school.mkdir()
    (school / "a.md").write_text(f"# Policy\n\n{OUTDATED}\n", encoding="utf-8")
    (school / "b.docx").write_bytes(b"not a zip at all")
    (school / "c.docx").write_bytes(package({}))
    proc = cli("check", "schools", "--format", "json", cwd=folder)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "b.docx" in lines[0] and "save it as .docx" in lines[0]
    import json

    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert files["a.md"]["findings"] and files["c.docx"]["findings"]
