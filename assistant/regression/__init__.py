"""Regression runs: the project's labelled NLU and search sets against the running
model and index, per language form, kept so each run is compared with the last."""
