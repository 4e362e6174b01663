"""Readers: text in, facts out. Listing pages and ATS payloads by format (:mod:`.listing`), pay and years
of experience from plain text (:mod:`.pay`). Nothing here does network I/O or loads a model."""
