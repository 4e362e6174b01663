"""Which rung of the ladder a text describes: inference (infer), line seniority (lines), the ordinal model (model)."""
