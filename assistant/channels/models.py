"""Edge types shared by the channel webhooks."""

from pydantic import BaseModel

__all__ = ["WebhookOut"]


class WebhookOut(BaseModel):
    """What a webhook answers once the delivery is accepted (processing follows)."""

    ok: bool = True
