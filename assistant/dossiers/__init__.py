"""Dossier (hồ sơ) status: receipt codes, the SQL store or an external one-stop-shop
system, privacy rules, abuse limits, imports and status-change notifications."""
