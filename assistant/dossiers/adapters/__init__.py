"""Where dossier status comes from: the SQL store (default) or an external one-stop-shop
system over HTTP. Both implement ``DossierSource``."""

from assistant.dossiers.adapters.base import DossierSource

__all__ = ["DossierSource"]
