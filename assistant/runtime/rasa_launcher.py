"""Starts Rasa's own command line with our start-up changes applied first.

This file runs as a script in the Rasa venv (Python 3.10), never inside the gateway:
``.venv-rasa/bin/python …/rasa_launcher.py run --model …`` takes exactly the
arguments of ``rasa``. It imports only the standard library, Rasa and its
dependencies.

The changes, each measured with py-spy on the Rasa process under chat load
(bench/chat_load.py --profile):

- Rasa 3.6 checks every action server response with ``jsonschema.validate``, which
  re-checks the schema against its meta-schema and builds a new validator on each
  call (62 % of Rasa's CPU). The validator is built once here, for the same schema,
  and a malformed response fails with the same ``ValidationError`` and message.
- The SQLite tracker store committed every turn with a rollback journal and full
  syncs, blocking the event loop on the disk (13–19 % of Rasa's samples once the
  validator was fixed). Its connections use write-ahead logging with
  ``synchronous=NORMAL`` (SQLite's recommended WAL setting): a crash of the process
  loses nothing, and several Rasa processes can share the file. Its connections
  are pooled instead of opened per query.
- Every stored event read back looks its class up by walking all ``Event``
  subclasses (with ``inspect.isabstract`` on each): 7 % of Rasa's samples. The
  classes found are remembered by type name.
- Loading a model, Rasa runs one training step on an example only to create the
  weights (then overwritten by the trained ones), and TensorFlow traces the whole
  training graph for it: 60 % of start-up. That step runs eagerly (no tracing); the
  prediction graph is traced as before.
- Every call to the action endpoint (at least one per turn) opened a new aiohttp
  session and TCP connection to the gateway. The endpoint keeps one session per
  event loop, whose connections stay open for less time than uvicorn keeps them
  (2 s against 5 s), so a call never goes out on a connection the gateway is closing.
"""

import sys
from pathlib import Path
from typing import Any

__all__ = [
    "build_weights_eagerly",
    "install_cached_validator",
    "keep_endpoint_connections",
    "main",
    "remember_event_types",
    "use_sqlite_wal",
]


def install_cached_validator() -> None:
    """Replace ``RemoteAction._validate_action_result`` with a validator built once."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # once, as jsonschema.validate did per call
    validator = validator_class(schema)

    def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
        # best_match picks the error jsonschema.validate would have raised.
        error: ValidationError | None = best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = _validate_action_result


def use_sqlite_wal() -> None:
    """SQLite tracker stores keep their connections and use WAL mode."""
    import sqlite3

    import rasa.core.tracker_store as tracker_store
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import QueuePool

    def _on_connect(connection: Any, _record: Any) -> None:
        if isinstance(connection, sqlite3.Connection):
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")

    event.listen(Engine, "connect", _on_connect)

    stock_kwargs = tracker_store.create_engine_kwargs

    def create_engine_kwargs(url: Any) -> dict[str, Any]:
        # SQLAlchemy 1.4 opens a new SQLite connection per session (NullPool): a
        # tenth of Rasa's samples. Pooled connections are SQLAlchemy 2's default for
        # SQLite files, with the thread check off as it sets it.
        kwargs: dict[str, Any] = stock_kwargs(url)
        if str(url).startswith("sqlite") and ":memory:" not in str(url):
            kwargs.update(poolclass=QueuePool, connect_args={"check_same_thread": False})
        return kwargs

    tracker_store.create_engine_kwargs = create_engine_kwargs


def remember_event_types() -> None:
    """``Event.resolve_by_type`` answers from a cache once a type name was found."""
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    known: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        found = known.get(type_name)
        if found is None:
            found = original(type_name, default)
            # A default stands for "not found": only real matches are remembered.
            if found is not None and found is not default:
                known[type_name] = found
        return found

    Event.resolve_by_type = staticmethod(resolve_by_type)


def build_weights_eagerly() -> None:
    """``RasaModel.fit`` runs eagerly; a served model only fits while loading."""
    from rasa.utils.tensorflow.models import RasaModel

    keras_fit = RasaModel.fit

    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        was_eager = self._run_eagerly
        self._run_eagerly = True
        try:
            return keras_fit(self, *args, **kwargs)
        finally:
            self._run_eagerly = was_eager

    RasaModel.fit = fit


def keep_endpoint_connections() -> None:
    """``EndpointConfig.session()`` hands out one kept-open session per endpoint and
    event loop; the ``async with`` around each request no longer closes it."""
    import asyncio

    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    class _Kept:
        def __init__(self, session: aiohttp.ClientSession) -> None:
            self.session = session

        async def __aenter__(self) -> aiohttp.ClientSession:
            return self.session

        async def __aexit__(self, *exc: object) -> None:
            return None

    def session(self: Any) -> Any:
        loop = asyncio.get_running_loop()
        kept = getattr(self, "_kept_session", None)
        if kept is None or kept.closed or kept._loop is not loop:
            auth = None
            if self.basic_auth:
                auth = aiohttp.BasicAuth(
                    self.basic_auth["username"], self.basic_auth["password"]
                )
            kept = aiohttp.ClientSession(
                headers=self.headers, auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=2.0),
            )
            self._kept_session = kept
        return _Kept(kept)

    EndpointConfig.session = session


def main(argv: list[str]) -> None:
    """Apply the start-up changes, then run ``rasa`` with ``argv``."""
    install_cached_validator()
    use_sqlite_wal()
    remember_event_types()
    build_weights_eagerly()
    keep_endpoint_connections()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    # Run as a file, this folder would come first on sys.path, and its gateway
    # modules (process.py, training.py, …) could shadow Rasa's dependencies.
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    main(sys.argv[1:])
