"""Errors of the channels capability (rendered once by ``assistant.app``)."""

from assistant.errors import AssistantError, NotFoundError, NotReadyError

__all__ = ["ChannelDisabledError", "ChannelNotReadyError", "WebhookRejectedError"]


class ChannelDisabledError(NotFoundError):
    code = "channel_disabled"

    def __init__(self, channel: str) -> None:
        super().__init__(
            f"Kênh {channel} chưa được bật trên máy chủ này.",
            f"The {channel} channel is not enabled on this server.",
        )


class ChannelNotReadyError(NotReadyError):
    """The channel is configured but not connected yet; platforms retry later."""

    code = "channel_not_ready"

    def __init__(self, channel: str) -> None:
        super().__init__(
            f"Kênh {channel} đang khởi động, vui lòng thử lại sau.",
            f"The {channel} channel is starting; please try again later.",
        )


class WebhookRejectedError(AssistantError):
    """A webhook call that is not provably from the platform (secret, signature, age)."""

    status = 401
    code = "webhook_rejected"

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"Yêu cầu webhook bị từ chối: {reason}.", f"Webhook call rejected: {reason}."
        )
        self.reason = reason
