"""Compiled shipped templates (rulepacks/precompiled.py)."""
