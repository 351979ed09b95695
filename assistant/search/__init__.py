"""Procedure search: hybrid dense (sentence-transformers + FAISS) and lexical (BM25) ranking.

Public API here: :class:`SearchHit`, what a search returns. ``SearchService``
(``assistant.search.service``) is loaded by the app container in the background and
not imported here: it pulls in the encoder and the index.
"""

from assistant.search.models import SearchHit

__all__ = ["SearchHit"]
