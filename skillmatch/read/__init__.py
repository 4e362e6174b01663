"""Readers: text in, facts out. Resumes by format (:mod:`.document`), employment date ranges
(:mod:`.employment`), whole sentences from wrapped PDF lines (:mod:`.linewrap`), listing pages and ATS
payloads by format (:mod:`.listing`), pay and years of experience from plain text (:mod:`.pay`). Nothing
here does network I/O or loads a model."""
