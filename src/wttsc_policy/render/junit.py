"""`--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins, Azure DevOps).

Layout (documented in docs/ci.md, "JUnit"): one `<testsuite>` per checked file and one
`<testcase>` per finding, named `RULE: title (location)` with the file path as
`classname`. A finding at or above `--fail-on` is a `<failure>` (type = severity); one
below it is a passing test case whose `<system-out>` says what was found, so the
report agrees with the exit code. A file with no findings has a single passing test
case, and a file that cannot be read has a test case with an `<error>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from wttsc_policy.findings import SEVERITY_RANK, FileResult, Finding
from wttsc_policy.regexcode import compile_regex
from wttsc_policy.render import ReportContext
from wttsc_policy.render.text import location

_ILLEGAL = compile_regex("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(root: ET.Element) -> None:
    """Drop characters XML 1.0 cannot hold (ElementTree would write them as-is)."""
    for el in root.iter():
        if el.text:
            el.text = _ILLEGAL.sub("", el.text)
        for key, value in el.attrib.items():
            el.set(key, _ILLEGAL.sub("", value))


def _details(f: Finding) -> str:
    lines = [f.message, f"where: {location(f)}" + (f" under '{f.heading}'" if f.heading else "")]
    if f.match:
        lines.append(f"found: {' '.join(f.match.split())}")
    if f.suggestion and f.kind != "missing_topic":
        lines.append(f"use: {' '.join(f.suggestion.split())}")
    lines.append(f"source: {f.source}")
    return "\n".join(lines)


def _suite(r: FileResult, ctx: ReportContext) -> ET.Element:
    suite = ET.Element("testsuite", name=r.path)
    failures = errors = 0
    cases: list[ET.Element] = []
    threshold = SEVERITY_RANK.get(ctx.fail_on, 99)
    if r.error:
        case = ET.Element("testcase", name="file can be read", classname=r.path)
        ET.SubElement(case, "error", message=r.error, type="unreadable").text = r.error
        cases.append(case)
        errors += 1
    elif not r.findings:
        cases.append(ET.Element("testcase", name="no outdated content", classname=r.path))
    for f in r.findings:
        case = ET.Element("testcase", name=f"{f.rule}: {f.title} ({location(f)})", classname=r.path)
        if f.rank >= threshold:
            ET.SubElement(case, "failure", message=f.message, type=f.severity).text = _details(f)
            failures += 1
        else:
            ET.SubElement(case, "system-out").text = f"{f.severity} (below --fail-on {ctx.fail_on}): {_details(f)}"
        cases.append(case)
    if r.unused_suppressions or r.notes:
        out = ET.Element("system-out")
        out.text = "\n".join(
            [f"warning: {u.message}" for u in r.unused_suppressions] + [f"note: {n.message}" for n in r.notes]
        )
        cases_and_out = [*cases, out]
    else:
        cases_and_out = cases
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.extend(cases_and_out)
    return suite


def render(results: list[FileResult], ctx: ReportContext) -> str:
    root = ET.Element("testsuites", name="wttsc-policy")
    suites = [_suite(r, ctx) for r in results]
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
    root.extend(suites)
    _clean(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
