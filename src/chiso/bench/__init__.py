"""`chiso bench …`: timed runs at national and deadline-day scale that print a table.

Speed is measured here, never asserted in tests: the numbers depend on the machine.
"""
