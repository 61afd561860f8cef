"""Rule packs: folders of YAML (rules, pack metadata, clause templates) loaded, validated
and selected for a run."""
