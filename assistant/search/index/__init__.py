"""The index folder: the documents, the dense and BM25 indexes, the accent model, the
query adapter and the manifest, built together and loaded together."""
