"""The web app's size limits, in their own module so the blueprints can import them without importing
the app factory (``skillmatch.web``), which imports the blueprints."""

MAX_UPLOAD = 10 * 1024 * 1024
"""Largest request body accepted (an upload with its form fields); larger gets 413."""
