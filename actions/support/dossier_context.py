"""Who is asking, from the tracker: the channel and address the gateway put in the
message metadata, and the conversation's sender id."""

from rasa_sdk import Tracker

from assistant.dossiers import Requester

__all__ = ["channel_of", "requester_of"]


def _metadata(tracker: Tracker) -> dict[str, object]:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def channel_of(tracker: Tracker) -> str:
    channel = _metadata(tracker).get("channel")
    return str(channel) if channel else "api"


def requester_of(tracker: Tracker) -> Requester:
    client_ip = _metadata(tracker).get("client_ip")
    return Requester(
        channel=channel_of(tracker),
        sender_id=tracker.sender_id,
        client_ip=str(client_ip) if client_ip else None,
    )
