"""The listings database: SQLite through sqlite-utils, one file, safe to kill at any moment.

Tables:

* ``listings``: one row per job (id = :attr:`Listing.id`), every field of the :class:`Listing`, a hash
  of its content, when it was fetched, and the latest score (title level, level, confidence, whether
  they disagree, pay against the band), with full-text search (FTS5) on title, company and text;
* ``listing_skills``: the skills the latest score found in a listing, each with its line;
* ``scores``: every score, keyed by (listing id, taxonomy version, model id), with the run that made it;
* ``runs``: each import, scrape and scoring run: when, what, how far it got;
* ``embeddings``: sentence encodings keyed by (model id, text hash), the second-level cache of
  :class:`skillmatch.embed.Embedder` (:class:`Store` is an :class:`skillmatch.embed.VectorCache`).

The file is in WAL mode, so the web UI can read while a scoring run writes. Every write is one
transaction: imports commit per batch of listings and scores per batch of scores, and both are upserts
keyed on ids, so a run killed half-way loses at most the batch it was writing and the same command run
again finishes the job without duplicating anything. The schema version is ``PRAGMA user_version``;
:data:`MIGRATIONS` brings an older file up to date when it is opened.

Resumes are never stored here. The extractors never use the store: the CLI, the web UI and
:mod:`skillmatch.listings.batch` do."""

from __future__ import annotations

from .core import Store, open_store
from .files import damaged_message
from .model import ENV_DB, RunConflict, StoredListing, StoreStats, listing_hash
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["ENV_DB", "MIGRATIONS", "SCHEMA_VERSION", "RunConflict", "Store", "StoreStats", "StoredListing",
           "damaged_message", "listing_hash", "open_store"]
