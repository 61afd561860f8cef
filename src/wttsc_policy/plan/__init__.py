"""Findings -> a format-neutral EditPlan (what `update` changes, where, and what it
leaves to a person). Nothing here knows WordprocessingML or markdown syntax."""
