from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from assistant.catalogue.errors import ProcedureNotFoundError
from assistant.catalogue.models import Procedure, SubmissionChannel
from assistant.catalogue.router import router
from assistant.catalogue.service import CatalogueService
from assistant.errors import AssistantError

PROCEDURE = Procedure(
    code="1.001193",
    title="Cấp giấy phép (thực hiện tại cấp tỉnh)",
    family="Cấp giấy phép",
    channels=[SubmissionChannel(kind="online", kind_label="Trực tuyến", fee_vnd=0)],
)


def _app(*, with_handler: bool) -> FastAPI:
    app = FastAPI()
    app.state.services = SimpleNamespace(catalogue=CatalogueService([PROCEDURE]))
    app.include_router(router)
    if with_handler:  # stands in for the app-level handler of ``assistant.app``

        @app.exception_handler(AssistantError)
        def _render(request: Request, exc: AssistantError) -> JSONResponse:
            body = {"code": exc.code, "message": exc.message("en")}
            return JSONResponse(body, status_code=exc.status)

    return app


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(_app(with_handler=True)) as test_client:
        yield test_client


def test_returns_the_full_procedure(client: TestClient) -> None:
    response = client.get("/api/procedures/1.001193")
    assert response.status_code == 200
    assert Procedure.model_validate(response.json()) == PROCEDURE


def test_unknown_code_is_a_404_with_a_machine_code(client: TestClient) -> None:
    response = client.get("/api/procedures/9.999999")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "No administrative procedure has the code 9.999999.",
    }


def test_unknown_code_raises_the_typed_error() -> None:
    with TestClient(_app(with_handler=False)) as bare, pytest.raises(ProcedureNotFoundError):
        bare.get("/api/procedures/9.999999")


def test_overlong_code_is_refused_before_lookup(client: TestClient) -> None:
    assert client.get("/api/procedures/" + "1" * 65).status_code == 422
