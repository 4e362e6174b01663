"""The resume report: its dataclasses (model), renderings Markdown/text/HTML (render), wording rules
(rules), SVG charts (charts)."""
