"""Job descriptions: draft a posting for a level (draft), lint a posting against the ladder (lint)."""
