"""Accounts: users act inside the org units granted to them, in one of four roles."""
