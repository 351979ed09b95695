"""Public-service virtual assistant: the gateway package (Python 3.11)."""
