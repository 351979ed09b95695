"""Deleting what is kept no longer than needed: conversations, dossier lookup audit
rows and Rasa tracker events older than the configured number of days."""
