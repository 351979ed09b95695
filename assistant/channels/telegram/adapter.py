"""The Telegram channel: python-telegram-bot's ``Application`` fed from our webhook route
(built without an updater, as PTB documents for custom webhook servers) or polling
(local use). Handlers only translate; the turn itself is ``ChannelService.converse``."""

import hmac
import json
import logging
import warnings
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from assistant.channels.errors import (
    ChannelDisabledError,
    ChannelNotReadyError,
    WebhookRejectedError,
)
from assistant.channels.outbox import DeliveryError
from assistant.channels.service import ChannelService, Payload
from assistant.channels.telegram import render
from assistant.channels.telegram.settings import TelegramSettings
from assistant.channels.texts import channel_text
from assistant.dialogue.models import ChatOut, IncomingMessage, Language
from assistant.errors import ValidationFailedError

__all__ = ["CHANNEL", "TelegramAdapter"]

log = logging.getLogger(__name__)

CHANNEL = "telegram"
_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # the secret given to setWebhook
_ALLOWED_UPDATES = ["message", "callback_query"]
_LANGUAGE_PAYLOADS: dict[str, str] = {
    "vi": '/change_language{"language":"vi"}',
    "en": '/change_language{"language":"en"}',
}
_Context = ContextTypes.DEFAULT_TYPE


class TelegramAdapter:
    name = CHANNEL

    def __init__(self, settings: TelegramSettings, core: ChannelService) -> None:
        self._settings = settings
        self._core = core
        builder = (
            Application.builder()
            .token(settings.bot_token)
            .base_url(settings.base_url)
            .base_file_url(settings.base_file_url)
            .concurrent_updates(True)  # chats in parallel; ChannelService orders each chat
            .connect_timeout(settings.timeout_seconds)
            .read_timeout(settings.timeout_seconds)
            .write_timeout(settings.timeout_seconds)
            .pool_timeout(settings.timeout_seconds)
        )
        if settings.mode != "polling":
            builder = builder.updater(None)
        self._app = builder.build()
        self._add_handlers()
        self._is_ready = False

    @property
    def is_ready(self) -> bool:
        return self._is_ready

    @property
    def accepts_webhooks(self) -> bool:
        return self._settings.mode == "webhook"

    # Life cycle.

    async def start(self) -> None:
        if self._is_ready:
            return
        await self._app.initialize()  # getMe: a wrong token or URL fails here
        if not self._app.running:
            await self._app.start()
        if self._settings.mode == "polling":
            assert self._app.updater is not None
            if not self._app.updater.running:
                await self._app.updater.start_polling(
                    allowed_updates=_ALLOWED_UPDATES,
                    timeout=timedelta(seconds=self._settings.polling_timeout_seconds),
                )
        elif self._settings.webhook_url:
            await self._app.bot.set_webhook(
                url=self._settings.webhook_url,
                secret_token=self._settings.effective_webhook_secret,
                allowed_updates=_ALLOWED_UPDATES,
            )
        else:
            log.info("telegram webhook URL not set: register POST "
                     "/channels/telegram/webhook with Telegram yourself")
        self._is_ready = True

    async def drain(self) -> None:
        """Wait until every update received so far is processed."""
        await self._app.update_queue.join()

    async def aclose(self) -> None:
        """Stop fetching, finish the updates already received, close connections."""
        self._is_ready = False
        if self._app.updater is not None and self._app.updater.running:
            await self._app.updater.stop()
        if self._app.running:
            await self._app.stop()
        await self._app.shutdown()

    # Incoming.

    def check_webhook(self, headers: Mapping[str, str]) -> None:
        """Only in webhook mode, once started, and from whoever holds the secret Telegram
        sends with every update."""
        if not self.accepts_webhooks:
            raise ChannelDisabledError("Telegram (webhook)")
        if not self._is_ready:
            raise ChannelNotReadyError("Telegram")
        secret = headers.get(_SECRET_HEADER)
        expected = self._settings.effective_webhook_secret
        if not secret or not hmac.compare_digest(secret.encode(), expected.encode()):
            raise WebhookRejectedError("invalid secret token")

    async def receive(self, headers: Mapping[str, str], body: bytes) -> None:
        """A checked webhook call: queue its update for the handlers."""
        try:
            data = json.loads(body)
            update = Update.de_json(data, self._app.bot)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise ValidationFailedError(
                "Bản tin Telegram không hợp lệ.", "Malformed Telegram update."
            ) from exc
        await self._app.update_queue.put(update)

    def _add_handlers(self) -> None:
        message = filters.UpdateType.MESSAGE
        app = self._app
        app.add_handler(TypeHandler(Update, self._drop_duplicates), group=-1)
        app.add_handler(CommandHandler("start", self._on_start, filters=message))
        app.add_handler(CommandHandler("help", self._on_help, filters=message))
        app.add_handler(CommandHandler("language", self._on_language, filters=message))
        app.add_handler(CommandHandler("stop", self._on_stop, filters=message))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_handler(MessageHandler(message & filters.TEXT & ~filters.COMMAND, self._on_text))
        app.add_handler(MessageHandler(message & filters.COMMAND, self._on_help))
        app.add_handler(MessageHandler(message, self._on_unsupported))
        app.add_error_handler(self._on_error)

    async def _drop_duplicates(self, update: Update, _: _Context) -> None:
        if not await self._core.claim_delivery(CHANNEL, str(update.update_id)):
            raise ApplicationHandlerStop

    async def _on_start(self, update: Update, context: _Context) -> None:
        chat_id = _chat_id(update)
        if context.args:
            await self._core.remember_context(
                CHANNEL, _sender(chat_id), render.parse_start_parameter(context.args[0])
            )
        await self._turn(chat_id, "/greet")  # intent payloads keep the chat's language

    async def _on_help(self, update: Update, _: _Context) -> None:
        await self._turn(_chat_id(update), "/help")

    async def _on_language(self, update: Update, context: _Context) -> None:
        chat_id = _chat_id(update)
        choice = (context.args or [""])[0].lower()
        if choice in _LANGUAGE_PAYLOADS:
            await self._turn(chat_id, _LANGUAGE_PAYLOADS[choice])
            return
        keyboard = InlineKeyboardMarkup([[
            InlineKeyboardButton("Tiếng Việt", callback_data=_LANGUAGE_PAYLOADS["vi"]),
            InlineKeyboardButton("English", callback_data=_LANGUAGE_PAYLOADS["en"]),
        ]])
        language = await self._language(update)
        await self._notify(chat_id, {"method": "sendMessage",
                                     "text": channel_text("choose_language", language),
                                     "reply_markup": keyboard.to_dict()})

    async def _on_stop(self, update: Update, _: _Context) -> None:
        """Unsubscribe the chat from every notification (dossier status changes); the
        conversation itself goes on."""
        chat_id = _chat_id(update)
        removed = await self._core.unsubscribe(CHANNEL, _sender(chat_id))
        language = await self._language(update)
        text = channel_text("stopped" if removed else "nothing_to_stop", language)
        await self._notify(chat_id, {"method": "sendMessage", "text": text})

    async def _on_text(self, update: Update, _: _Context) -> None:
        assert update.message is not None and update.message.text is not None
        await self._turn(_chat_id(update), update.message.text)

    async def _on_unsupported(self, update: Update, _: _Context) -> None:
        language = await self._language(update)
        await self._notify(_chat_id(update), {
            "method": "sendMessage", "text": channel_text("unsupported", language)
        })

    async def _on_button(self, update: Update, _: _Context) -> None:
        query = update.callback_query
        assert query is not None
        data = query.data or ""
        payload = data
        if render.is_key(data):
            payload = await self._core.get_state(CHANNEL, f"button:{data}") or ""
        language = await self._language(update)
        await _best_effort(query.answer(
            text=None if payload else channel_text("button_expired", language)
        ))
        if not payload:
            return
        await self._mark(query, data)
        await self._turn(_chat_id(update), payload)

    async def _mark(self, query: CallbackQuery, data: str) -> None:
        message = query.message
        if isinstance(message, Message) and message.reply_markup is not None:
            await _best_effort(message.edit_reply_markup(
                reply_markup=render.mark_pressed(message.reply_markup, data)
            ))

    async def _on_error(self, update: object, context: _Context) -> None:
        log.error("telegram update %s failed", getattr(update, "update_id", "?"),
                  exc_info=context.error)

    # Turns and replies.

    async def _turn(self, chat_id: int, text: str) -> None:
        message = IncomingMessage(channel=CHANNEL, sender_id=_sender(chat_id), text=text)
        await self._core.converse(message, recipient_id=str(chat_id), render=self._render)

    async def _render(self, reply: ChatOut) -> list[Payload]:
        return [dict(p) for p in await render.render_reply(reply, self._save_key)]

    async def render(self, recipient_id: str, reply: ChatOut) -> list[Payload]:
        return await self._render(reply)

    async def _save_key(self, key: str, payload: str) -> None:
        await self._core.put_state(CHANNEL, f"button:{key}", payload)

    async def _notify(self, chat_id: int, payload: Payload) -> None:
        await self._core.notify(CHANNEL, _sender(chat_id), recipient_id=str(chat_id),
                                payloads=[payload])

    async def _language(self, update: Update) -> Language:
        known = await self._core.language_of(CHANNEL, _sender(_chat_id(update)))
        if known:
            return known
        user = update.effective_user
        return "en" if user and (user.language_code or "").startswith("en") else "vi"

    async def send(self, recipient_id: str, payload: Payload) -> None:
        """Outbox sender: one ``sendMessage``; Telegram's refusals become
        ``DeliveryError`` (permanent when retrying cannot help)."""
        markup = payload.get("reply_markup")
        try:
            await self._app.bot.send_message(
                chat_id=int(recipient_id),
                text=payload["text"],
                reply_markup=InlineKeyboardMarkup.de_json(markup, self._app.bot)
                if markup else None,
            )
        except RetryAfter as exc:
            raise DeliveryError(str(exc), retry_after=_seconds(exc)) from exc
        except (BadRequest, Forbidden, InvalidToken, ChatMigrated) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}", is_permanent=True) from exc
        except TelegramError as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    if chat is not None:
        return chat.id
    assert update.effective_user is not None
    return update.effective_user.id


def _sender(chat_id: int) -> str:
    return f"{CHANNEL}:{chat_id}"


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # int vs timedelta, changing in PTB 23
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _best_effort(call: Any) -> None:
    """Acknowledging a tap and ticking a button are cosmetic: log, never fail the turn."""
    try:
        await call
    except (TimeoutError, TelegramError) as exc:
        log.warning("telegram call failed: %s", exc)
