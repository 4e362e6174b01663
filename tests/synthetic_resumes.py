"""Made-up resume texts for the web tests (no real person's text)."""

from __future__ import annotations

import random


def heavy_resume(chars: int, seed: int) -> bytes:
    """Valid resume text of about ``chars`` characters, every line different (nothing cached): about 1 s of
    analysis per 2,000 characters."""
    rng = random.Random(seed)
    words = ("pipeline forecast territory quota Salesforce dashboard SQL Tableau reps managers revenue bookings "
             "churn renewal CPQ Gong commission plan coverage capacity").split()
    lines = ["Pat Example", "Experience", "Sales Operations Manager, Acme, Jan 2019 - Present"]
    while sum(len(x) + 1 for x in lines) < chars:
        lines.append("- " + " ".join(rng.choice(words) for _ in range(14)) + f" {rng.randint(1, 99999)}")
    return "\n".join(lines).encode()
