"""Procedure search: hybrid dense (sentence-transformers + FAISS) and lexical (BM25) ranking."""
