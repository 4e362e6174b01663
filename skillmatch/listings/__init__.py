"""The listings you hold: scoring against the ladder (score), sales-ops relevance (relevance), the SQLite
store (store), batch scoring (batch)."""
