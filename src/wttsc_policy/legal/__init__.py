"""Legal facts a policy must state correctly and the known wrong forms of them.

Import `wttsc_policy.legal.facts` for the API; this package module stays empty.
"""
