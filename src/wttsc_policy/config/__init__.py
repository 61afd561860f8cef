"""Configuration: the validated values (model), their schema (schema, pydantic) and how
files are found and merged (load)."""

from wttsc_policy.config.load import CONFIG_NAMES, config_layers, exclude_layers, load_config
from wttsc_policy.config.model import Config, LoadedConfig, PartnershipOverride

__all__ = [
    "CONFIG_NAMES",
    "Config",
    "LoadedConfig",
    "PartnershipOverride",
    "config_layers",
    "exclude_layers",
    "load_config",
]
