"""Pages served to people: the demo portal page at ``/`` and the embeddable chat widget."""
