"""Draft-quality checker for issue 13: is an updated policy one a DSL could sign as written?

text.py (blocks and sentences), docx_text.py (Accept/Reject All with lxml), draft.py (what the
tool wrote), data.py + *.yaml (wrong legal forms, editions, real names), checks.py (one check per
defect class), lo_compare.py (LibreOffice round trip), runner.py (drives the real CLI).
"""
