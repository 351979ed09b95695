"""Source adapters: each turns one input format into ``SourceRecord`` objects."""
