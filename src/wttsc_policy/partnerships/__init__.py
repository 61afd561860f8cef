"""Local safeguarding partnerships: the shipped dataset (data), name forms (names), which
area a policy is for (infer), the WT080 provider (provider) and template values (values)."""
