"""Typed errors of the handover capability (rendered once by ``assistant.app``)."""

from assistant.errors import AssistantError, NotFoundError

__all__ = ["HandoverConflictError", "HandoverNotFoundError", "StaffNameRequiredError"]


class HandoverNotFoundError(NotFoundError):
    code = "handover_not_found"

    def __init__(self, handover_id: int) -> None:
        super().__init__(f"Không có yêu cầu gặp cán bộ số {handover_id}.",
                         f"There is no handover {handover_id}.")


class HandoverConflictError(AssistantError):
    """The handover is not in a state that allows this (e.g. someone claimed it first)."""

    status = 409
    code = "handover_conflict"


class StaffNameRequiredError(AssistantError):
    status = 422
    code = "staff_name_required"

    def __init__(self) -> None:
        super().__init__("Cần tên cán bộ (trường \"staff\").",
                         "The staff member's name is required (field \"staff\").")
