"""One corpus document through the whole round trip: plant, check, update, static checks, LibreOffice.

Variants per document:
- `plain`: the sentence in up to three plain body runs (first, middle, last eligible run).
  Every one must be found, edited as a tracked change, and Reject All in LibreOffice must
  give the planted document back (text, paragraph styles, list labels, character format).
- `tricky`: one sentence in each tricky place the document has (field result, another
  author's insertion, content control, text box, frame, table, footnote, header, ...).
  Each place is also planted alone, to say per place whether it was found and whether the
  tool edited it or said "edit by hand"; the combined file goes through LibreOffice.

A result is plain JSON: `checks` (pass / fail / n/a per check), `failures` (class, variant,
detail) and `sites` (per planted place).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from .control import commented_paragraphs, with_control_comments
from .fidelity import compare_reject, count_in
from .lo import LoWorker
from .ooxml import Package, w
from .plant import PHRASE, plant
from .scan import protection
from .sites import choose_plain, plain_sites, tricky_sites
from .static import check as static_check
from .static import count_phrase
from .tool import AUTHOR, Tool, file_error, hand_edit_rows, planted_findings
from .xmljudge import judge as judge_xml

CHECKS = ["found", "edit", "update", "static", "reject-text", "reject-style", "reject-list", "reject-format", "accept"]
# failure class prefix -> the check column it fails
_COLUMN = {
    "missed": "found",
    "silent-skip": "edit",
    "update": "update",
    "static": "static",
    "lo:reject-text": "reject-text",
    "lo:reject-text-whitespace": "reject-text",
    "lo:reject-style": "reject-style",
    "lo:reject-list": "reject-list",
    "lo:reject-format": "reject-format",
    "lo:accept-left-outdated": "accept",
    "lo:error": "reject-text",
    "lo:changes-not-resolved": "accept",
    "xml:reject-text": "reject-text",
    "xml:reject-text-whitespace": "reject-text",
    "xml:reject-style": "reject-style",
    "xml:reject-list": "reject-list",
    "xml:reject-format": "reject-format",
    "xml:accept-left-outdated": "accept",
}


def column_of(cls: str) -> str:
    for prefix in sorted(_COLUMN, key=len, reverse=True):
        if cls == prefix or cls.startswith(prefix + ":"):
            return _COLUMN[prefix]
    return "static"


class Run:
    """Collects failures and notes for one document."""

    def __init__(self) -> None:
        self.failures: list[dict] = []
        self.notes: list[dict] = []
        self.ran: set[str] = set()

    def fail(self, cls: str, variant: str, detail: str, count: int = 1) -> None:
        self.failures.append({"class": cls, "variant": variant, "detail": detail, "count": count})

    def note(self, cls: str, variant: str, detail: str) -> None:
        self.notes.append({"class": cls, "variant": variant, "detail": detail})


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def run_document(entry: dict, source: Path, work: Path, tool: Tool, lo: LoWorker | None) -> dict:
    started = time.monotonic()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / ".git").mkdir()  # stop the tool's config walk-up here
    data = source.read_bytes()
    pkg = Package.from_bytes(data)
    run = Run()
    plain = choose_plain(plain_sites(pkg))
    tricky = tricky_sites(pkg)
    original = _write(work / "original.docx", data)
    variants: dict[str, dict] = {}
    if plain:
        blob, records = plant(pkg, plain)
        variants["plain"] = {"path": _write(work / "plain.docx", blob), "records": records, "bytes": blob}
    if tricky:
        blob, records = plant(pkg, tricky)
        variants["tricky"] = {"path": _write(work / "tricky.docx", blob), "records": records, "bytes": blob}
    for v in variants.values():
        v["protection"] = protection(pkg)
    singles = []
    for i, site in enumerate(tricky):
        blob, records = plant(pkg, [site])
        singles.append(
            {
                "protection": protection(pkg),
                "site": site,
                "path": _write(work / f"site{i:02d}-{site.kind.replace(':', '_')}.docx", blob),
                "record": records[0],
                "bytes": blob,
            }
        )

    # 1. check: every planted sentence is a finding
    files = [original, *(v["path"] for v in variants.values()), *(s["path"] for s in singles)]
    rc, payload, stderr = tool.check(files, work)
    run.ran.add("found")
    if payload is None:
        run.fail(
            "update:check-crashed",
            "all",
            f"check exit {rc}: {stderr.strip().splitlines()[-1:] if stderr.strip() else ''}",
        )
    base = len(planted_findings(payload, original))
    for name, v in variants.items():
        err = file_error(payload, v["path"])
        found = planted_findings(payload, v["path"])
        v["found"] = len(found) - base
        v["editable_json"] = [f.get("editable") for f in found]
        if err:
            run.fail("update:check-error", name, str(err))
        elif name == "plain" and v["found"] < len(v["records"]):
            run.fail("missed:plain", name, f"{v['found']} of {len(v['records'])} planted sentences found")
    sites = []
    for s in singles:
        found = planted_findings(payload, s["path"])
        s["found"] = len(found) - base
        s["editable_json"] = [f.get("editable") for f in found]
        s["json_note"] = [f.get("message", "")[:80] for f in found if not f.get("editable")]

    # 2. update each variant and each tricky site
    for name, v in list(variants.items()):
        _update(tool, run, name, v, work)
    for s in singles:
        _update(tool, run, f"site:{s['site'].kind}", s, work, quiet=True)
        sites.append(_site_outcome(run, s))
    if "plain" in variants and variants["plain"].get("out"):
        v = variants["plain"]
        left = count_phrase(v["out"], PHRASE) - count_phrase(data, PHRASE)
        if left > len(v["hand"]):
            run.fail(
                "silent-skip:plain",
                "plain",
                f"{left} planted sentence(s) unchanged after Accept All, {len(v['hand'])} hand-edit note(s)",
            )
    run.ran.add("edit")

    # 3. LibreOffice: Reject All gives the planted document back; Accept All leaves nothing outdated
    lo_summary = {}
    if lo is not None:
        for name, v in variants.items():
            if not v.get("out_path"):
                continue
            lo_summary[name] = _libreoffice(lo, run, name, v)
        run.ran |= {"reject-text", "reject-style", "reject-list", "reject-format", "accept"}

    checks = {}
    failed_cols = {column_of(f["class"]) for f in run.failures}
    for col in CHECKS:
        checks[col] = "fail" if col in failed_cols else ("pass" if col in run.ran else "n/a")
    return {
        "id": entry["id"],
        "set": entry["set"],
        "source": entry["source"],
        "structures": sorted(entry.get("structures", {})),
        "plain_sites": [r["kind"] for r in variants.get("plain", {}).get("records", [])],
        "sites": sites,
        "checks": checks,
        "failures": run.failures,
        "notes": run.notes,
        "lo": lo_summary,
        # LibreOffice could not be the judge: Reject/Accept All were checked on the XML
        "judged_without_libreoffice": sorted(
            {f"{n['variant']}: {n['detail']}" for n in run.notes if n["class"] == "judged-without-libreoffice"}
        ),
        "seconds": round(time.monotonic() - started, 1),
    }


def _update(tool: Tool, run: Run, name: str, v: dict, work: Path, quiet: bool = False) -> None:
    src: Path = v["path"]
    out = src.with_name(src.stem + ".updated.docx")
    notes = src.with_name(src.stem + ".changes.md")
    proc = tool.update(src, out, notes, work)
    run.ran.add("update")
    v["update_rc"] = proc.returncode
    v["hand"] = []
    if proc.returncode != 0 or not out.is_file():
        last = (proc.stderr.strip().splitlines() or [""])[-1][:300]
        if proc.returncode == 2 and v.get("protection") and "protected" in last:
            # Neither Word nor LibreOffice resolves changes in a document protected against
            # editing: refusing it with a one-line reason is the right answer, not a failure.
            run.note("refused-protected", name, last)
            v["refused"] = True
            return
        run.fail("update:exit", name, f"exit {proc.returncode}: {last}")
        return
    if proc.stderr.strip():  # a successful run says nothing on stderr (a warning there is noise to a DSL)
        run.fail("update:stderr", name, proc.stderr.strip().splitlines()[-1][:300])
    v["out_path"] = out
    v["out"] = out.read_bytes()
    v["hand"] = hand_edit_rows(notes.read_text(encoding="utf-8")) if notes.is_file() else []
    run.ran.add("static")
    for code, detail in static_check(v["bytes"], v["out"]):
        run.fail(f"static:{code}", name, detail)


def _site_outcome(run: Run, s: dict) -> dict:
    kind = s["site"].kind
    rec = {
        "kind": kind,
        "part": s["record"]["part"],
        "run_text": s["record"]["run_text"],
        "found": s["found"],
        "editable_json": s["editable_json"],
    }
    if s["found"] < 1:
        rec["outcome"] = "missed"
        run.fail(
            f"missed:{kind}",
            f"site:{kind}",
            f"no WT001 finding for the sentence planted in {s['record']['part']} after '{s['record']['run_text'][-30:]}'",
        )
        return rec
    if "out" not in s:
        rec["outcome"] = "refused-protected" if s.get("refused") else "update-failed"
        return rec
    left = count_phrase(s["out"], PHRASE)
    hand = len(s["hand"])
    if left == 0:
        rec["outcome"] = "edited"
        if s["editable_json"] and not all(s["editable_json"]):
            run.note("flag:editable-false-but-edited", f"site:{kind}", "")
    elif hand >= left:
        rec["outcome"] = "hand-edit"
        if all(s["editable_json"]):
            run.note("flag:editable-true-but-hand-edit", f"site:{kind}", s["hand"][0][:200])
    else:
        rec["outcome"] = "silent-skip"
        run.fail(
            f"silent-skip:{kind}",
            f"site:{kind}",
            f"left unchanged, JSON editable={s['editable_json']}, no hand-edit note (run '{s['record']['run_text'][-30:]}')",
        )
    return rec


def _libreoffice(lo: LoWorker, run: Run, name: str, v: dict) -> dict:
    planted = lo.request(v["path"], ["reject"])
    redline = lo.request(v["out_path"], ["reject", "accept"])
    for label, res in (("planted", planted), ("redline", redline)):
        if res.get("error"):
            if "could not open" in res["error"] or "type detection failed" in res["error"]:
                return _xml_judge(run, name, v, f"LibreOffice cannot open the {label} file")
            run.fail("lo:error", name, f"{label}: {res['error']}")
            return {"error": res["error"]}
    if not sum((redline.get("redlines") or {}).values()) and _has_revisions(v["out"]):
        return _xml_judge(run, name, v, "LibreOffice imports none of the file's tracked changes")
    a = planted["modes"]["reject"]["paragraphs"]
    b = redline["modes"]["reject"]["paragraphs"]
    if _comment_lead_paragraph(a, b):
        b = b[1:]
        run.note("lo:comment-lead-paragraph", name, "LibreOffice's empty paragraph before a leading table dropped")
    if _ends_without_paragraph(v["bytes"]):
        b = _drop_trailing_body_paragraph(a, b)
    accepted = redline["modes"]["accept"]["paragraphs"]
    unresolved = {
        m: redline["modes"][m]["redlines_left"] for m in ("reject", "accept") if redline["modes"][m]["redlines_left"]
    }
    if unresolved:
        # LibreOffice refused to resolve the changes (a document protected against editing):
        # comparing texts would only repeat that.
        run.fail(
            "lo:changes-not-resolved",
            name,
            f"tracked changes left after Reject/Accept All: {unresolved}; protection: {v.get('protection') or 'none found'}",
        )
        return {"unresolved": unresolved}
    problems = [(f"lo:{code}", detail, count) for code, detail, count in compare_reject(a, b)]
    left = count_in(accepted, PHRASE)
    if left > len(v["hand"]):
        problems.append(
            (
                "lo:accept-left-outdated",
                f"{left} outdated sentence(s) after Accept All, {len(v['hand'])} hand-edit note(s)",
                1,
            )
        )
    if problems and (why := _comments_confuse_libreoffice(lo, v, a)):
        return _xml_judge(run, name, v, why)
    for code, detail, count in problems:
        run.fail(code, name, detail, count)
    ours = {k: n for k, n in (redline.get("redlines") or {}).items() if k.startswith("wttsc-policy/")}
    return {
        "paragraphs": len(a),
        "redline_paragraphs": len(b),
        "accepted_paragraphs": len(accepted),
        "our_redlines": ours,
        "left_after_reject": redline["modes"]["reject"]["redlines_left"],
    }


def _comments_confuse_libreoffice(lo: LoWorker, v: dict, planted: list[dict]) -> str | None:
    """The reason LibreOffice cannot judge this document with comments, or None.

    The control (tools/wordcorpus/control.py) is the planted document with a comment on
    each paragraph holding a planted sentence and no tracked change: if LibreOffice shows
    its text differently from the planted document's, the comments alone did it."""
    data, n = with_control_comments(v["bytes"], PHRASE, commented_paragraphs(v["out"], AUTHOR))
    if not n:
        return None
    path = v["path"].with_name(v["path"].stem + ".control.docx")
    path.write_bytes(data)
    res = lo.request(path, ["reject"])
    if res.get("error"):
        return None
    shown = res["modes"]["reject"]["paragraphs"]
    if _comment_lead_paragraph(planted, shown):
        shown = shown[1:]
    if any(code.startswith("reject-text") for code, _, _ in compare_reject(planted, shown)):
        return f"LibreOffice shows the planted document's text differently once {n} comment(s) are added to it"
    return None


def _has_revisions(data: bytes) -> bool:
    pkg = Package.from_bytes(data)
    return any(
        next(pkg.xml(part).iter(w("ins"), w("del")), None) is not None
        for part, kind in pkg.story_parts().items()
        if kind != "comments"
    )


def _xml_judge(run: Run, name: str, v: dict, reason: str) -> dict:
    """Where LibreOffice cannot be the judge: Reject/Accept All on the XML
    (tools/wordcorpus/resolve.py), said so in the result's notes."""
    run.note("judged-without-libreoffice", name, reason)
    problems, left = judge_xml(v["bytes"], v["out"], PHRASE, _ends_without_paragraph(v["bytes"]))
    for code, detail, count in problems:
        run.fail(f"xml:{code}", name, detail, count)
    if left > len(v["hand"]):
        run.fail(
            "xml:accept-left-outdated",
            name,
            f"{left} outdated sentence(s) after Accept All, {len(v['hand'])} hand-edit note(s)",
        )
    return {"judge": "xml", "reason": reason}


def _comment_lead_paragraph(planted: list[dict], redline: list[dict]) -> bool:
    """LibreOffice 7.4 opens a document whose body starts with a table with an extra empty
    paragraph before that table as soon as the document has a comment (reproduce: a
    one-table-then-one-paragraph .docx, with and without one comment on the paragraph).
    The planted copy has no comments and the redline has one per change, so that
    paragraph is LibreOffice's, not the tool's: it is left out of the comparison."""
    return bool(
        planted
        and len(redline) > 1
        and planted[0]["where"].startswith("body/table:")
        and redline[0]["where"] == "body"
        and redline[0]["text"] == ""
        and redline[1]["where"].startswith("body/table:")
    )


def _ends_without_paragraph(data: bytes) -> bool:
    """True when the body's last block is a table or content control, with no paragraph after.

    Word always shows (and writes) an empty paragraph after such a block; LibreOffice 7.4
    shows none, and no paragraph a document gains there can be taken away again by Reject
    All (a story's last paragraph mark cannot be removed). The tool writes that paragraph
    out, untracked, so Word shows the original exactly; LibreOffice shows it as one empty
    paragraph more. That paragraph alone is left out of the comparison."""
    pkg = Package.from_bytes(data)
    body = pkg.xml(pkg.main).find(w("body"))
    blocks = [el for el in body if el.tag in (w("p"), w("tbl"), w("sdt"), w("customXml"))] if body is not None else []
    return bool(blocks) and blocks[-1].tag != w("p")


def _drop_trailing_body_paragraph(planted: list[dict], redline: list[dict]) -> list[dict]:
    last = max((i for i, p in enumerate(redline) if p["where"] == "body"), default=None)
    body_a = sum(1 for p in planted if p["where"].startswith("body"))
    body_b = sum(1 for p in redline if p["where"].startswith("body"))
    if last is None or redline[last]["text"] != "" or body_b != body_a + 1:
        return redline
    return redline[:last] + redline[last + 1 :]


def check_refused(entry: dict, source: Path, work: Path, tool: Tool) -> dict:
    """A refused document: `check` and `update` exit 2 with one line naming the file."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / ".git").mkdir()
    path = _write(work / source.name, source.read_bytes())
    failures = []
    rc, _payload, stderr = tool.check([path], work)
    if rc != 2:
        failures.append(
            {"class": "refused:check-exit", "variant": "refused", "detail": f"check exit {rc} (expected 2)", "count": 1}
        )
    if "Traceback" in stderr:
        failures.append(
            {
                "class": "refused:traceback",
                "variant": "refused",
                "detail": stderr.strip().splitlines()[-1][:200],
                "count": 1,
            }
        )
    out = work / "out.docx"
    proc = tool.update(path, out, work / "notes.md", work)
    if proc.returncode != 2 or out.exists():
        failures.append(
            {
                "class": "refused:update-exit",
                "variant": "refused",
                "detail": f"update exit {proc.returncode}, output written: {out.exists()}",
                "count": 1,
            }
        )
    lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
    if proc.returncode == 2 and (len(lines) != 1 or source.name not in lines[0]):
        failures.append(
            {"class": "refused:message", "variant": "refused", "detail": " / ".join(lines)[:200], "count": 1}
        )
    return {
        "id": entry["id"],
        "set": "refused",
        "source": entry["source"],
        "reason": entry["reason"],
        "checks": {"refused": "fail" if failures else "pass"},
        "failures": failures,
        "notes": [],
        "message": (lines or [""])[0][:200],
    }
