"""The result type every structured-field parser returns, so the importer can report, per
field, how many records parsed cleanly, were empty, or lost something."""

from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

__all__ = ["FieldStatus", "Parsed"]

T = TypeVar("T")
FieldStatus = Literal["clean", "empty", "failed"]


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """Items parsed from one field of one record.

    ``status`` is ``empty`` when the source said nothing, ``failed`` when some of the
    text could not be turned into items (``issues`` says what), else ``clean``.
    Issues that lose nothing (e.g. a time cell without its unit) are reported without
    failing the field.
    """

    items: list[T] = field(default_factory=list)
    status: FieldStatus = "clean"
    issues: tuple[str, ...] = ()
    note: str | None = None  # text of the field that is not an item (kept, not lost)

    @classmethod
    def empty(cls) -> "Parsed[T]":
        return cls(items=[], status="empty")

    @classmethod
    def of(
        cls, items: list[T], issues: list[str], *, failed: bool, note: str | None = None
    ) -> "Parsed[T]":
        """``clean``/``failed`` by ``failed``; ``failed`` also when nothing was parsed."""
        status: FieldStatus = "failed" if failed or not (items or note) else "clean"
        return cls(items=items, status=status, issues=tuple(dict.fromkeys(issues)), note=note)
