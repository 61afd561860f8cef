"""Document x rules -> findings: normalised text, a keyword prefilter, then each rule's
patterns (matcher), where a finding is and what to suggest (findings), overlaps."""
