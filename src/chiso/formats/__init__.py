"""Per-language format overrides (FORMAT_MODULE_PATH)."""
