"""What the actions share: reply texts, rendering, choice labels and reading the
tracker. Not actions themselves; each action imports the module it needs."""
