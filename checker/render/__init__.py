"""Output formats: an Audit (or several) → text, JSON or HTML. Renderers know nothing of matching."""
