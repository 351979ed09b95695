"""Parsers that turn the published procedure text into typed catalogue fields.

Each parser takes the text of one field and returns a ``Parsed`` outcome (items,
clean/empty/failed, issues); none of them knows which source the text came from.
"""
