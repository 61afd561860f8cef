"""Plant the outdated sentence into chosen runs of a copy of a document.

Only the `w:t` text of existing runs changes (the run keeps its formatting, its place and
its surroundings), so the planted document differs from the original in nothing but the
sentence. Parts without a planted sentence stay byte-identical.
"""

from __future__ import annotations

from collections import defaultdict

from .ooxml import XML_SPACE, Package, serialise, w
from .sites import Site

SENTENCE = " This policy follows Working Together to Safeguard Children 2018."
PHRASE = "Working Together to Safeguard Children 2018"


def plant(pkg: Package, sites: list[Site]) -> tuple[bytes, list[dict]]:
    """The planted package and, per site, a record of where the sentence went."""
    by_part: dict[str, list[Site]] = defaultdict(list)
    for site in sites:
        by_part[site.part].append(site)
    replaced: dict[str, bytes] = {}
    records = []
    for part, part_sites in by_part.items():
        root = pkg.xml(part)
        texts = list(root.iter(w("t")))
        for site in part_sites:
            targets = [texts[site.t_index]] + ([texts[site.mirror]] if site.mirror is not None else [])
            before = texts[site.t_index].text or ""
            for t in targets:
                t.text = (t.text or "") + SENTENCE
                t.set(XML_SPACE, "preserve")
            p = next((a for a in texts[site.t_index].iterancestors() if a.tag == w("p")), None)
            context = "".join(x.text or "" for x in p.iter(w("t"))) if p is not None else ""
            records.append(
                {
                    "kind": site.kind,
                    "part": part,
                    "t_index": site.t_index,
                    "mirror": site.mirror,
                    "run_text": before[-60:],
                    "paragraph": context[:160],
                }
            )
        replaced[part] = serialise(root)
    return pkg.to_bytes(replaced), records
