"""Open .docx files in a real LibreOffice (headless) and report what it sees, as JSON.

Run with Debian's /usr/bin/python3 (the only interpreter where `uno` imports):

    /usr/bin/python3 tests/lo/lo_check.py FILE.docx [FILE.docx ...]

For each file: tracked changes counted by author and type, the number of comments, the
text as opened, the text after Reject All, and (reloaded) the text after Accept All.
Text is a list of paragraphs in reading order: body (tables cell by cell), then the
headers and footers of every page style in use. A private profile in a temporary folder
keeps the run independent of any user's LibreOffice settings.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    """A headless soffice process with its own profile, reached over a named pipe."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="wttsc-lo-"))
        self.pipe = f"wttsc_{uuid.uuid4().hex}"
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise SystemExit("soffice not found")
        self.proc = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation={(self.tmp / 'profile').as_uri()}",
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):  # LibreOffice's first start builds the profile: allow up to a minute
            if self.proc.poll() is not None:
                raise SystemExit(f"soffice exited with code {self.proc.returncode}")
            try:
                ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.25)
        if ctx is None:
            self.close()
            raise SystemExit("could not connect to soffice")
        self.ctx = ctx
        self.smgr = ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        self.dispatcher = self.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)

    def load(self, path: Path):
        doc = self.desktop.loadComponentFromURL(Path(path).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {path}")
        return doc

    def dispatch(self, doc, command: str) -> None:
        frame = doc.getCurrentController().getFrame()
        self.dispatcher.executeDispatch(frame, command, "", 0, ())

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.desktop.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def text_paragraphs(text, out: list[str]) -> None:
    """Paragraph strings of a text, descending into tables cell by cell."""
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(el.getString())
        elif el.supportsService("com.sun.star.text.TextTable"):
            rows = el.getRows().getCount()
            cols = el.getColumns().getCount()
            names = el.getCellNames()
            for name in names:
                text_paragraphs(el.getCellByName(name).getText(), out)
            _ = rows, cols


def dump(doc) -> dict[str, list[str]]:
    body: list[str] = []
    text_paragraphs(doc.getText(), body)
    margins: list[str] = []
    styles = doc.getStyleFamilies().getByName("PageStyles")
    for name in sorted(styles.getElementNames()):
        style = styles.getByName(name)
        if not style.isInUse():
            continue
        for kind in ("Header", "Footer"):
            if not style.getPropertyValue(f"{kind}IsOn"):
                continue
            for variant in ("Text", "TextFirst", "TextLeft", "TextRight"):
                try:
                    part = style.getPropertyValue(f"{kind}{variant}")
                except Exception:
                    continue
                if part is not None:
                    paras: list[str] = []
                    text_paragraphs(part, paras)
                    margins.append(f"{name}/{kind}{variant}: " + " | ".join(paras))
    return {"body": body, "margins": sorted(set(margins))}


def redlines(doc) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    enum = doc.getRedlines().createEnumeration()
    while enum.hasMoreElements():
        r = enum.nextElement()
        author = r.getPropertyValue("RedlineAuthor")
        kind = r.getPropertyValue("RedlineType")
        out.setdefault(author, {}).setdefault(kind, 0)
        out[author][kind] += 1
    return out


def comments(doc) -> list[dict[str, str]]:
    out = []
    enum = doc.getTextFields().createEnumeration()
    while enum.hasMoreElements():
        field = enum.nextElement()
        if field.supportsService("com.sun.star.text.TextField.Annotation"):
            out.append({"author": field.getPropertyValue("Author"), "content": field.getPropertyValue("Content")})
    return sorted(out, key=lambda c: (c["author"], c["content"]))


def inspect(office: Office, path: Path) -> dict:
    doc = office.load(path)
    try:
        report = {"path": str(path), "redlines": redlines(doc), "comments": comments(doc), "text": dump(doc)}
        office.dispatch(doc, ".uno:RejectAllTrackedChanges")
        report["rejected"] = dump(doc)
        report["redlines_after_reject"] = sum(sum(v.values()) for v in redlines(doc).values())
    finally:
        doc.close(True)
    doc = office.load(path)
    try:
        office.dispatch(doc, ".uno:AcceptAllTrackedChanges")
        report["accepted"] = dump(doc)
        report["redlines_after_accept"] = sum(sum(v.values()) for v in redlines(doc).values())
    finally:
        doc.close(True)
    return report


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    office = Office()
    try:
        reports = [inspect(office, Path(a)) for a in argv]
    finally:
        office.close()
    json.dump(reports, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    sys.exit(main(sys.argv[1:]))
