"""Guidance editions in force on a date, and the dated changes since WTtSC 2023.

Import `wttsc_policy.guidance.editions` / `.changes` directly; this package module stays
empty so importing it costs nothing.
"""
