"""Frameworks (bộ chỉ số, kế hoạch): groups, indicators, scoring rules and targets."""
