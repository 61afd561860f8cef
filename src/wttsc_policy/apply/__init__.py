"""Applying an EditPlan: a Word redline (docx.py), or clean text plus a CriticMarkup
redline (text.py). `apply_plan` picks the writer from the format table."""

from __future__ import annotations

from collections.abc import Mapping

from wttsc_policy.document import Document
from wttsc_policy.formats import spec
from wttsc_policy.plan.model import Edit, EditPlan
from wttsc_policy.records import field, record
from wttsc_policy.rulepacks.model import Rule


@record
class Applied:
    """What a writer produced for one plan."""

    document: bytes  # the updated file: the redline .docx, or the clean text
    redline: bytes | None = None  # text formats: the CriticMarkup copy
    failed: list[tuple[Edit, str]] = field(default_factory=list)  # edits the writer could not make, and why
    uncommented: list[Edit] = field(default_factory=list)  # changes whose comment sits on the first paragraph


def apply_plan(doc: Document, plan: EditPlan, rules: Mapping[str, Rule], *, author: str, date: str) -> Applied:
    """Write `plan` in the document's own format."""
    fmt = spec(doc.format)
    write = fmt.load(fmt.writer)
    applied: Applied = write(doc, plan, rules, author=author, date=date)
    return applied
