"""HTTP client of the Zalo OA Open API: customer-service messages, with the access
token refreshed (once per expiry, whoever notices first) when the API answers -216."""

import asyncio
import hashlib
import logging
from typing import Any

import httpx
from pydantic import ValidationError

from assistant.channels.outbox import DeliveryError
from assistant.channels.service import ChannelService
from assistant.channels.zalo.models import ZaloApiOut, ZaloMessage, ZaloTokensOut
from assistant.channels.zalo.settings import ZaloSettings

__all__ = ["ZaloClient"]

log = logging.getLogger(__name__)

_EXPIRED_TOKEN = -216
_RATE_LIMITED = -32  # retrying later can help; other API errors are refusals
_TOKENS_KEY = "tokens"


class ZaloClient:
    def __init__(self, settings: ZaloSettings, core: ChannelService, *, channel: str) -> None:
        self._settings = settings
        self._core = core
        self._channel = channel
        self._http = httpx.AsyncClient(timeout=settings.timeout_seconds)
        self._access_token = settings.access_token
        self._refresh_token = settings.refresh_token
        self._refreshing = asyncio.Lock()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def load_tokens(self) -> None:
        """Tokens refreshed by an earlier run win over the settings they came from (a
        refresh token works once); new settings win over old stored tokens."""
        stored = await self._core.get_state(self._channel, _TOKENS_KEY)
        if isinstance(stored, dict) and stored.get("seed") == self._seed():
            self._access_token = str(stored.get("access_token") or "")
            self._refresh_token = str(stored.get("refresh_token") or "")
        if not self._access_token and self._refresh_token:
            await self.refresh(stale="")

    async def send_message(self, user_id: str, message: ZaloMessage) -> None:
        body = {"recipient": {"user_id": user_id}, "message": message}
        token = self._access_token
        answer = await self._post_message(token, body)
        if answer.error == _EXPIRED_TOKEN and self._refresh_token:
            await self.refresh(stale=token)
            answer = await self._post_message(self._access_token, body)
        if answer.error != 0:
            raise DeliveryError(
                f"Zalo API error {answer.error}: {answer.message}",
                is_permanent=answer.error not in (_EXPIRED_TOKEN, _RATE_LIMITED),
            )

    async def refresh(self, *, stale: str) -> None:
        """New tokens from the refresh token, unless another call already replaced
        ``stale``; kept in memory and in the database."""
        async with self._refreshing:
            if self._access_token != stale:
                return
            url = f"{self._settings.oauth_base_url.rstrip('/')}/v4/oa/access_token"
            form = {"app_id": self._settings.app_id, "grant_type": "refresh_token",
                    "refresh_token": self._refresh_token}
            try:
                response = await self._http.post(
                    url, data=form, headers={"secret_key": self._settings.app_secret_key}
                )
                tokens = ZaloTokensOut.model_validate(response.json())
            except (httpx.HTTPError, ValueError, ValidationError) as exc:
                raise DeliveryError(f"Zalo token refresh failed: {exc}") from exc
            if not tokens.access_token:
                log.error("zalo token refresh refused: %s %s", tokens.error, tokens.error_name)
                raise DeliveryError(f"Zalo token refresh refused: {tokens.error_name}")
            self._access_token = tokens.access_token
            self._refresh_token = tokens.refresh_token or self._refresh_token
            await self._core.put_state(self._channel, _TOKENS_KEY, {
                "access_token": self._access_token,
                "refresh_token": self._refresh_token,
                "seed": self._seed(),
            })
            log.info("zalo access token refreshed")

    async def _post_message(self, token: str, body: dict[str, Any]) -> ZaloApiOut:
        url = f"{self._settings.api_base_url.rstrip('/')}/v3.0/oa/message/cs"
        try:
            response = await self._http.post(url, json=body, headers={"access_token": token})
        except httpx.HTTPError as exc:
            raise DeliveryError(f"Zalo API unreachable: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 400:
            raise DeliveryError(
                f"Zalo API HTTP {response.status_code}",
                is_permanent=400 <= response.status_code < 500 and response.status_code != 429,
            )
        try:
            return ZaloApiOut.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise DeliveryError(f"Zalo API answered unreadably: {exc}") from exc

    def _seed(self) -> str:
        """Which configured tokens the stored ones descend from."""
        seed = f"{self._settings.access_token}\n{self._settings.refresh_token}"
        return hashlib.sha256(seed.encode()).hexdigest()[:16]
