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
    "count_saved_events",
    "install_cached_validator",
    "keep_endpoint_connections",
    "main",
    "remember_event_types",
    "run_graphs_in_order",
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


def count_saved_events() -> None:
    """An SQL tracker store's ``save`` takes the number of a tracker's events already
    stored from when it read or last saved that tracker, instead of counting the rows.

    Rasa reads, updates and saves a tracker under the conversation's lock, so nothing
    else writes to the conversation in between; a tracker the store did not read or
    save itself (a copy, a tracker built from events) is still counted in the
    database."""
    import itertools

    from rasa.core.tracker_store import SQLTrackerStore

    stock_retrieve = SQLTrackerStore.retrieve
    stock_save = SQLTrackerStore.save
    stock_additional_events = SQLTrackerStore._additional_events

    def _remember(tracker: Any) -> None:
        # Keyed by identity: a copy carries the attribute but not the same events.
        if tracker.events.maxlen is None:
            tracker._stored_events = (id(tracker), len(tracker.events))

    async def retrieve(self: Any, sender_id: str) -> Any:
        tracker = await stock_retrieve(self, sender_id)
        if tracker is not None:
            _remember(tracker)
        return tracker

    async def save(self: Any, tracker: Any) -> None:
        await stock_save(self, tracker)
        _remember(tracker)

    def _additional_events(self: Any, session: Any, tracker: Any) -> Any:
        known = getattr(tracker, "_stored_events", None)
        if known is None or known[0] != id(tracker):
            return stock_additional_events(self, session, tracker)
        return itertools.islice(tracker.events, known[1], len(tracker.events))

    SQLTrackerStore.retrieve = retrieve
    SQLTrackerStore.save = save
    SQLTrackerStore._additional_events = _additional_events


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


def run_graphs_in_order() -> None:
    """``DaskGraphRunner.run`` calls the nodes itself, in an order worked out once per
    set of targets, instead of building a dask graph and having dask order it."""
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    def _order(self: Any, targets: tuple[str, ...]) -> list[tuple[str, list[str]]]:
        orders = self.__dict__.setdefault("_orders", {})
        if targets not in orders:
            nodes = self._graph_schema.minimal_graph_schema(list(targets)).nodes
            ordered: list[tuple[str, list[str]]] = []
            placed: set[str] = set()

            def place(name: str) -> None:
                if name in placed or name not in nodes:
                    return  # placed already, or a run input
                placed.add(name)
                needs = list(nodes[name].needs.values())
                for need in needs:
                    place(need)
                ordered.append((name, needs))

            for target in targets:
                place(target)
            orders[targets] = ordered
        order: list[tuple[str, list[str]]] = orders[targets]
        return order

    def run(
        self: Any, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
    ) -> dict[str, Any]:
        run_targets = tuple(targets if targets else self._graph_schema.target_names)
        order = _order(self, run_targets)
        # As dask passed them: a run input as ``(name, value)``, a node's output as the
        # ``(node name, value)`` it returns.
        results: dict[str, Any] = {}
        for name, value in (inputs or {}).items():
            if isinstance(value, str) and any(name_ == value for name_, _ in order):
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure that "
                    "none of the input names passed to the `run` method are the same "
                    "as node names in the graph schema."
                )
            results[name] = (name, value)
        try:
            for name, needs in order:
                # A need that is neither a node nor an input is passed as it is (dask
                # does the same with a key it does not know).
                results[name] = self._instantiated_nodes[name](
                    *(results.get(need, need) for need in needs)
                )
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
        return dict(results[target] for target in run_targets)

    DaskGraphRunner.run = run


def main(argv: list[str]) -> None:
    """Apply the start-up changes, then run ``rasa`` with ``argv``."""
    install_cached_validator()
    use_sqlite_wal()
    count_saved_events()
    remember_event_types()
    build_weights_eagerly()
    keep_endpoint_connections()
    run_graphs_in_order()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    # Run as a file, this folder would come first on sys.path, and its gateway
    # modules (process.py, training.py, …) could shadow Rasa's dependencies.
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    main(sys.argv[1:])
