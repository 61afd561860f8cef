"""NHS bodies: CCG names, the ICBs of 2022 and the bodies of April 2026, by date.

Import `wttsc_policy.nhs.bodies` for the API; this package module stays empty.
"""
