"""Vietnamese number formats: 1.234.567,89 (dot thousands, comma decimals).

Only what Django's bundled "vi" locale lacks or must be pinned; dates fall back to it.
"""

NUMBER_GROUPING = 3
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
# Listed for readers only: Django reads USE_THOUSAND_SEPARATOR from settings, not from here.
USE_THOUSAND_SEPARATOR = True
