"""Skills in a text: alias and embedding mentions (mentions), the per-skill classifier (classifier)."""
