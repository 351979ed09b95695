"""Staff token check (a full login comes with the staff console)."""

import hmac
from typing import Annotated

from fastapi import Depends, Header

from assistant.deps import SettingsDep
from assistant.errors import AssistantError

__all__ = ["StaffDep", "StaffTokenError"]


class StaffTokenError(AssistantError):
    status = 401
    code = "staff_token_required"

    def __init__(self) -> None:
        super().__init__(
            "Cần mã truy cập của cán bộ (tiêu đề Authorization: Bearer …).",
            "A staff token is required (Authorization: Bearer … header).",
        )


def require_staff(
    settings: SettingsDep,
    authorization: Annotated[str, Header()] = "",
) -> None:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), settings.staff_token.encode()
    ):
        raise StaffTokenError()


StaffDep = Annotated[None, Depends(require_staff)]
