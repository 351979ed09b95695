"""Where every capability's tables are registered, so migrations see them all."""

import importlib

__all__ = ["TABLE_MODULES", "import_all_tables"]

# One module per capability that owns tables; add yours here.
TABLE_MODULES = (
    "assistant.channels.tables",
    "assistant.conversations.tables",
    "assistant.dossiers.tables",
    "assistant.feedback.tables",
    "assistant.handover.tables",
    "assistant.regression.tables",
    "assistant.staff.tables",
)


def import_all_tables() -> None:
    for module in TABLE_MODULES:
        importlib.import_module(module)
