"""Rasa's action endpoint, served by the gateway itself.

Rasa posts ``{"next_action", "tracker", "domain", ...}``; rasa-sdk's executor runs
the matching action from ``actions/`` with the gateway's services already loaded,
so no separate action-server process is needed.
"""

import hmac
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import (
    ActionExecutionRejection,
    ActionMissingDomainException,
    ActionNotFoundException,
)

from assistant.deps import ServicesDep, SettingsDep, from_services
from assistant.request_context import use_request_id

__all__ = ["router"]

log = logging.getLogger(__name__)
router = APIRouter(prefix="/actions", tags=["rasa actions"], include_in_schema=False)

ExecutorDep = Annotated[ActionExecutor, Depends(from_services("action_executor"))]


@router.get("")
async def list_actions(executor: ExecutorDep) -> list[str]:
    return [a.name for a in executor.list_actions()]


@router.post("/webhook")
async def run_action(
    request: Request,
    settings: SettingsDep,
    executor: ExecutorDep,
    services: ServicesDep,
    token: Annotated[str, Query()] = "",
) -> JSONResponse:
    expected = settings.rasa.action_token
    # Fail closed: a gateway started without a token (plain uvicorn, a container)
    # must not run actions for anyone who can reach it; `assistant run` sets one.
    # Checked before the (large) body is read.
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        return JSONResponse({"error": "invalid token"}, status_code=403)
    try:
        action_call: Any = await request.json()
    except (ValueError, RecursionError):
        action_call = None
    if not isinstance(action_call, dict):
        return JSONResponse({"error": "the body must be a JSON object"}, status_code=400)
    name = str(action_call.get("next_action") or "")
    # The turn's id, as the gateway sent it to Rasa with the user's message.
    tracker = action_call.get("tracker") or {}
    metadata = (tracker.get("latest_message") or {}).get("metadata") or {}
    if isinstance(metadata, dict) and metadata.get("request_id"):
        use_request_id(metadata["request_id"])
    try:
        result = await executor.run(action_call)
    except ActionExecutionRejection as exc:
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 400)
    except ActionNotFoundException as exc:
        log.error("rasa asked for unknown action %s", exc.action_name)
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 404)
    except ActionMissingDomainException as exc:
        # 449 asks Rasa to resend the call with the full domain.
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 449)
    except Exception:
        # An action bug must not take the conversation down: Rasa treats a 500 as
        # a failed action and runs its fallback; the traceback stays in our log.
        log.exception("action %s failed", name)
        return JSONResponse({"error": "action failed", "action_name": name}, 500)
    body = result.model_dump(by_alias=True) if result else {"events": [], "responses": []}
    services.dialogue.turn_notes.note_action(action_call, body["events"])
    return JSONResponse(body)
