"""wttsc-policy: bring a school's child protection policy up to date with the safeguarding guidance in force."""

__version__ = "0.1.0"
