"""What LibreOffice shows of a .docx, paragraph by paragraph, after Reject All or Accept All.

Run with Debian's /usr/bin/python3 (the interpreter where `uno` imports). Two ways:

    /usr/bin/python3 tests/lo/lo_fidelity.py FILE.docx MODE [MODE ...]   # one file, JSON out
    /usr/bin/python3 tests/lo/lo_fidelity.py --serve                     # JSON lines in/out

MODE is `asis`, `reject` or `accept`. `--serve` keeps one LibreOffice running for many
documents (its start-up is the slow part): each stdin line is
{"path": ..., "modes": [...], "save_accepted": optional .docx path} and each answer line
is {"path": ..., "modes": {mode: dump}, "error": null|text}. A crash of soffice takes the
server down; the caller (tools/word_corpus.py) restarts it and goes on.

A dump is a list of paragraphs in reading order - body (tables cell by cell, nested
tables too), then text frames and text boxes, footnotes, endnotes, and the headers and
footers of every page style in use - each with its text, paragraph style, list label and
level, and its character formatting as runs of equal formatting (so two documents that
split the same formatting into different portions still compare equal).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lo_check import Office, prop

CHAR_PROPS = (
    "CharWeight",
    "CharPosture",
    "CharUnderline",
    "CharHeight",
    "CharColor",
    "CharFontName",
    "CharStrikeout",
    "CharEscapement",
)
PHRASE_LIMIT = 4000  # paragraphs per story beyond which formatting is not collected (huge files)
FIELD = "\u27e6field\u27e7"  # stands for a text field's result: LibreOffice recomputes fields on load
_PORTION_PROPS = ("TextPortionType", *CHAR_PROPS)


def _value(v):
    """UNO values as plain JSON: enums by name, floats rounded (sizes in points)."""
    if hasattr(v, "value") and hasattr(v, "typeName"):
        return v.value
    if isinstance(v, float):
        return round(v, 2)
    return v


def _paragraph(par, where: str, with_format: bool) -> dict:
    """One paragraph: masked text, style, list label and level, and (with_format) its
    character formatting, all from one walk over its text portions (each UNO call is a
    round trip to soffice, so the walk asks for every property of a portion at once)."""
    rec: dict = {"where": where}
    if with_format:
        text, full, runs = [], [], []
        enum = par.createEnumeration()
        while enum.hasMoreElements():
            portion = enum.nextElement()
            piece = portion.getString()
            try:
                values = portion.getPropertyValues(_PORTION_PROPS)
            except Exception:
                values = ["Text"] + [None] * len(CHAR_PROPS)
            kind = values[0]
            full.append(piece)
            text.append(FIELD if kind == "TextField" else piece)
            if kind != "Text" or not piece:
                continue
            fmt = {k: _value(v) for k, v in zip(CHAR_PROPS, values[1:])}
            if runs and runs[-1][1] == fmt:
                runs[-1][0] += len(piece)
            else:
                runs.append([len(piece), fmt])
        rec["text"] = "".join(text)
        if rec["text"] != "".join(full):
            rec["full"] = "".join(full)
        rec["format"] = runs
    else:
        rec["text"] = par.getString()
    try:
        style, label, is_number, level = par.getPropertyValues(
            ("ParaStyleName", "ListLabelString", "NumberingIsNumber", "NumberingLevel")
        )
    except Exception:
        style, label, is_number, level = None, "", False, None
    rec["style"] = style
    rec["label"] = label or ""
    rec["level"] = level if (label or is_number) else None
    return rec


def _story(text, where: str, out: list, with_format: bool) -> None:
    enum = text.createEnumeration()
    n = 0
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(_paragraph(el, where, with_format and n < PHRASE_LIMIT))
            n += 1
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                _story(el.getCellByName(name).getText(), f"{where}/table:{el.getName()}:{name}", out, with_format)


def dump(doc, with_format: bool = True) -> list[dict]:
    out: list[dict] = []
    _story(doc.getText(), "body", out, with_format)
    frames = doc.getTextFrames()
    for i in range(frames.getCount()):
        _story(frames.getByIndex(i).getText(), f"frame:{i}", out, with_format)
    for kind, coll in (("footnote", doc.getFootnotes()), ("endnote", doc.getEndnotes())):
        for i in range(coll.getCount()):
            _story(coll.getByIndex(i), f"{kind}:{i}", out, with_format)
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
                    _story(part, f"{name}/{kind}{variant}", out, with_format)
    return out


def redline_counts(doc) -> dict:
    out: dict = {}
    enum = doc.getRedlines().createEnumeration()
    while enum.hasMoreElements():
        r = enum.nextElement()
        key = f"{r.getPropertyValue('RedlineAuthor')}/{r.getPropertyValue('RedlineType')}"
        out[key] = out.get(key, 0) + 1
    return out


def inspect(office: Office, path: str, modes: list[str], save_accepted: str | None = None) -> dict:
    result: dict = {"path": path, "modes": {}, "redlines": None, "error": None}
    for mode in modes:
        doc = office.load(Path(path))
        try:
            if result["redlines"] is None:
                result["redlines"] = redline_counts(doc)
            if mode == "reject":
                office.dispatch(doc, ".uno:RejectAllTrackedChanges")
            elif mode == "accept":
                office.dispatch(doc, ".uno:AcceptAllTrackedChanges")
            result["modes"][mode] = {
                "paragraphs": dump(doc, with_format=mode != "accept"),
                "redlines_left": sum(redline_counts(doc).values()),
            }
            if mode == "accept" and save_accepted:
                doc.storeToURL(Path(save_accepted).resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
        finally:
            doc.close(True)
    return result


def serve() -> int:
    office = Office()
    try:
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            req = json.loads(line)
            try:
                res = inspect(office, req["path"], req["modes"], req.get("save_accepted"))
            except SystemExit as exc:  # lo_check's load() says 'could not open'
                res = {"path": req["path"], "modes": {}, "error": f"load: {exc}"}
            except Exception as exc:
                if type(exc).__name__ in ("DisposedException", "RuntimeException") and "Binary URP bridge" in str(exc):
                    raise
                res = {
                    "path": req["path"],
                    "modes": {},
                    "error": f"{type(exc).__name__}: {exc}"[:500],
                    "trace": traceback.format_exc()[-1500:],
                }
            print(json.dumps(res, ensure_ascii=False), flush=True)
    finally:
        office.close()
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--serve"]:
        return serve()
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    office = Office()
    try:
        res = inspect(office, argv[0], argv[1:])
    finally:
        office.close()
    json.dump(res, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    sys.exit(main(sys.argv[1:]))
