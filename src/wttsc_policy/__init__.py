"""wttsc-policy: bring a school's child protection policy up to date with WTtSC 2023."""

__version__ = "0.1.0"
