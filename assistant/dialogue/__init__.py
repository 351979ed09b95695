"""Dialogue: the client of the Rasa server, the chat API, and the Rasa action endpoint
served inside the gateway."""
