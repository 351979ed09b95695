"""Errors of the catalogue capability, with their messages in Vietnamese and English."""

from pathlib import Path

from assistant.errors import NotFoundError, NotReadyError, ValidationFailedError

__all__ = ["CatalogueFormatError", "CatalogueUnavailableError", "ProcedureNotFoundError"]


class ProcedureNotFoundError(NotFoundError):
    """No procedure has this code in the loaded catalogue (HTTP 404, ``not_found``)."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Không tìm thấy thủ tục hành chính có mã {code}.",
            f"No administrative procedure has the code {code}.",
        )
        self.procedure_code = code


class CatalogueFormatError(ValidationFailedError):
    """An import file is not in a format the importer reads (HTTP 422, ``invalid_input``)."""

    def __init__(self, path: Path | str, detail_vi: str, detail_en: str) -> None:
        name = Path(path).name
        super().__init__(
            f"Không đọc được tệp danh mục {name}: {detail_vi}.",
            f"Cannot read catalogue file {name}: {detail_en}.",
        )
        self.path = Path(path)


class CatalogueUnavailableError(NotReadyError):
    """The catalogue file is missing or unreadable, so nothing can be looked up (HTTP 503)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            f"Danh mục thủ tục chưa sẵn sàng ({Path(path).name}: {reason}). "
            "Hãy chạy: assistant catalogue import",
            f"The procedure catalogue is not available ({Path(path).name}: {reason}). "
            "Run: assistant catalogue import",
        )
        self.path = Path(path)
