"""Collection: who sent which periodic report, and when (later: web data entry)."""
