"""Data files shipped with skillmatch: ladder, taxonomy, backgrounds, level model, examples."""
