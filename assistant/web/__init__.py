"""Pages served to people: the landing page (and, later, the chat widget)."""
