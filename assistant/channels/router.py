"""Every channel's webhook routes, mounted under ``/channels``."""

from fastapi import APIRouter

from assistant.channels.telegram.router import router as telegram_router
from assistant.channels.zalo.router import router as zalo_router

__all__ = ["router"]

router = APIRouter()
router.include_router(telegram_router)
router.include_router(zalo_router)
