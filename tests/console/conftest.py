from tests.staff.conftest import client

__all__ = ["client"]
