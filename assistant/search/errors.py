"""Errors of the search capability, rendered once by ``assistant.app``."""

from assistant.errors import AssistantError, ValidationFailedError

__all__ = [
    "IndexMismatchError",
    "IndexMissingError",
    "InvalidSearchError",
    "SearchDependencyError",
    "SearchError",
]


class SearchError(AssistantError):
    code = "search_error"


class IndexMissingError(SearchError):
    code = "search_index_missing"

    def __init__(self, folder: object) -> None:
        super().__init__(
            f"Chưa có chỉ mục tìm kiếm tại {folder}; hãy chạy `assistant index build`.",
            f"No search index at {folder}; run `assistant index build`.",
        )


class IndexMismatchError(SearchError):
    """The index on disk was built for another catalogue, model or builder version."""

    code = "search_index_mismatch"

    def __init__(self, folder: object, reasons: list[str]) -> None:
        detail = "; ".join(reasons)
        super().__init__(
            f"Chỉ mục tìm kiếm tại {folder} không khớp ({detail}); "
            "hãy chạy `assistant index build`.",
            f"The search index at {folder} does not match ({detail}); run `assistant index build`.",
        )
        self.reasons = reasons


class SearchDependencyError(SearchError):
    code = "search_dependency_missing"

    def __init__(self, package: str, requirement: str) -> None:
        super().__init__(
            f"Thiếu gói '{package}': pip install '{requirement}'",
            f"The '{package}' package is needed for search: pip install '{requirement}'",
        )


class InvalidSearchError(ValidationFailedError):
    code = "invalid_search"
