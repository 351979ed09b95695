"""What the actions share: ``ActionServices`` (``services.py``, the typed protocol of
all an action may call), reply texts, rendering, choice labels and reading the tracker.
Not actions themselves; each action imports the module it needs."""
