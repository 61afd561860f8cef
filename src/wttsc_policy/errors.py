"""Errors the CLI turns into a one-line message and exit code 2 (never a traceback)."""

from __future__ import annotations

from pathlib import Path

from wttsc_policy.safetext import one_line, path_text


class WttscError(Exception):
    """Base class: anything the user must fix (input, config, rules, usage)."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message on one line, with the file name's line breaks, control and bidi
        characters shown as escapes (safetext.py): never a second line or a terminal
        escape sequence on stderr."""
        text = one_line(self.message)
        return f"{path_text(self.path)}: {text}" if self.path else text


class InputError(WttscError):
    """A document cannot be read safely (corrupt, wrong type, too big, hostile)."""


class ConfigError(WttscError):
    """A config file is invalid; the message names the key."""


class RuleError(WttscError):
    """A rule pack is invalid; the message names the rule id and field."""


class OutputError(WttscError):
    """An output cannot be written (exists, same as input, folder not writable)."""


class UsageError(WttscError):
    """Wrong command-line usage that argparse cannot catch itself."""
