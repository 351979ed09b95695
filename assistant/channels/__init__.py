"""Channels: adapters between platforms (web widget, Telegram, Zalo) and the one internal
message type. They hold no dialogue logic."""
