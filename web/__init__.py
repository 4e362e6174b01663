"""skillmatch web UI (Flask)."""
