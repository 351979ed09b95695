"""Scale-out on real engines: two gateways (one of them with two workers) and two Rasa
processes sharing a PostgreSQL tracker store, Redis locks and one PostgreSQL database
for the gateway's tables. One set of processes serves every test of this module."""

import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis
import sqlalchemy

from assistant.dialogue.client import RasaClient
from assistant.dialogue.senders import api_conversation_id
from assistant.runtime.process import ManagedProcess
from assistant.runtime.stack import Stack
from assistant.runtime.training import ensure_model
from assistant.settings import RasaSettings, ServerSettings, Settings
from tests.support.chat import Conversation
from tests.support.ports import free_port
from tests.support.servers import create_database

pytestmark = pytest.mark.integration

_DEGRADED = "hoạt động hạn chế"


@dataclass
class Cluster:
    first: Stack  # gateway with 2 workers, spreads over both Rasa processes
    second: Stack  # gateway with 1 worker, calls the second Rasa process only
    rasa_urls: list[str]
    tracker_url: str
    redis_url: str

    @property
    def first_rasa(self) -> ManagedProcess:
        assert self.first.rasa is not None
        return self.first.rasa


def _settings(
    data_dir: Path, *, workers: int, urls: list[str], database_url: str, tracker_url: str,
    redis_url: str,
) -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        redis_url=redis_url,
        server=ServerSettings(port=free_port(), workers=workers),
        rasa=RasaSettings(urls=urls, url=urls[0], tracker_store_url=tracker_url,
                          action_token="scale-test-token"),
    )


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory: pytest.TempPathFactory, postgres_url: str, redis_url: str
) -> Iterator[Cluster]:
    database_url = create_database(postgres_url, "assistant_scale")
    tracker_url = create_database(postgres_url, "rasa_scale")
    ports = [free_port(), free_port()]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    shared = {"database_url": database_url, "tracker_url": tracker_url, "redis_url": redis_url}
    first = Stack(_settings(tmp_path_factory.mktemp("var-a"), workers=2, urls=urls, **shared))
    second = Stack(_settings(tmp_path_factory.mktemp("var-b"), workers=1, urls=urls[1:],
                             **shared))
    model = ensure_model(first.settings)
    try:
        for stack, port in ((first, ports[0]), (second, ports[1])):
            stack.start_gateway()
            stack.start_rasa_on(port, model=model)
        first.wait_ready(timeout=400)
        second.wait_ready(timeout=400)
        yield Cluster(first, second, urls, tracker_url, redis_url)
    finally:
        first.stop()
        second.stop()


def _sender_on(urls: list[str], server: str, prefix: str) -> str:
    """A sender id whose conversation the two-server gateway sends to ``server``."""
    client = RasaClient(urls, timeout=1.0)
    return next(
        sender for number in range(1000)
        # The gateway routes a web conversation by its server-side id, ``api:<id>``.
        if client.servers_for(api_conversation_id(sender := f"{prefix}-{number}"))[0] == server
    )


def test_rasa_keeps_trackers_in_postgres_and_locks_in_redis(cluster: Cluster) -> None:
    keyspace = redis.Redis.from_url(cluster.redis_url)
    keyspace.config_set("notify-keyspace-events", "KA")
    events = keyspace.pubsub()
    events.psubscribe("__keyspace@*__:*")
    events.get_message(timeout=1.0)  # the subscription confirmation
    with httpx.Client(base_url=cluster.first.gateway_url, timeout=30.0) as gateway:
        chat = Conversation(gateway)
        chat.say("tôi muốn làm hộ chiếu")
        chat.choose_first_procedure()
    touched = []
    while (message := events.get_message(timeout=0.5)) is not None:
        touched.append(message["channel"].decode())
    events.close()
    keyspace.close()
    assert any(chat.sender_id in key for key in touched), touched

    engine = sqlalchemy.create_engine(
        cluster.tracker_url.replace("postgresql://", "postgresql+psycopg://")
    )
    with engine.connect() as connection:
        kinds = set(connection.execute(
            sqlalchemy.text("SELECT DISTINCT type_name FROM events WHERE sender_id = :s"),
            {"s": api_conversation_id(chat.sender_id)},
        ).scalars())
    engine.dispose()
    assert {"user", "bot", "slot"} <= kinds, kinds


def test_turns_alternating_between_gateways_and_rasa_processes_keep_the_state(
    cluster: Cluster,
) -> None:
    first = httpx.Client(base_url=cluster.first.gateway_url, timeout=30.0)
    second = httpx.Client(base_url=cluster.second.gateway_url, timeout=30.0)
    # The first gateway sends this conversation to the first Rasa process; the second
    # gateway only knows the second one: every turn changes gateway and Rasa process.
    chat = Conversation(first, sender_id=_sender_on(cluster.rasa_urls, cluster.rasa_urls[0],
                                                    "alternate"))
    chat.say("tôi muốn làm lại căn cước bị mất")
    chat.client = second
    title = chat.choose_first_procedure()
    assert "căn cước" in title.lower()
    for client, question, header in (
        (first, "cần mang giấy tờ gì", "Hồ sơ cần chuẩn bị"),
        (second, "le phi bao nhieu", "Lệ phí"),
        (first, "nộp ở đâu", "Cơ quan thực hiện"),
    ):
        chat.client = client
        chat.say(question)
        assert header in chat.text and title in chat.text, chat.text
        assert chat.last["is_degraded"] is False
    chat.client = second
    chat.say("nói tiếng Anh đi")
    chat.client = first
    chat.say("how much does it cost")
    assert chat.last["language"] == "en"
    assert "Fee" in chat.text and title in chat.text, chat.text
    first.close()
    second.close()


def test_killing_a_rasa_process_under_load_loses_no_turn(cluster: Cluster) -> None:
    urls = cluster.rasa_urls
    senders = [_sender_on(urls, urls[number % 2], f"load{number}") for number in range(6)]
    questions = ["cần mang giấy tờ gì", "lệ phí bao nhiêu", "mất bao lâu", "nộp ở đâu"] * 2
    replies: dict[str, list[dict[str, object]]] = {sender: [] for sender in senders}
    titles: dict[str, str] = {}
    failures: list[BaseException] = []
    started = threading.Barrier(len(senders) + 1, timeout=300)
    gateway = httpx.Client(base_url=cluster.first.gateway_url, timeout=60.0)

    def converse(sender: str) -> None:
        try:
            chat = Conversation(gateway, sender_id=sender)
            chat.say("toi muon lam ho chieu")
            titles[sender] = chat.choose_first_procedure()
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
            started.abort()
            return
        started.wait()
        for question in questions:
            replies[sender].append(chat.say(question))

    threads = [threading.Thread(target=converse, args=(sender,)) for sender in senders]
    for thread in threads:
        thread.start()
    try:
        started.wait()
    except threading.BrokenBarrierError:
        pytest.fail(f"conversations did not start: {failures}")
    threading.Event().wait(0.5)  # turns in flight on both processes
    os.killpg(cluster.first_rasa.pid or 0, signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=300)
    cluster.first_rasa.stop()

    for sender in senders:
        assert len(replies[sender]) == len(questions), sender  # every turn answered
        for reply in replies[sender]:
            texts = "\n".join(m["text"] for m in reply["messages"])  # type: ignore[attr-defined]
            assert texts.strip()
            assert not reply["is_degraded"] or _DEGRADED in texts
        # The conversation goes on, on the remaining process, with its procedure.
        chat = Conversation(gateway, sender_id=sender)
        chat.say("cần mang giấy tờ gì")
        assert chat.last["is_degraded"] is False
        assert "Hồ sơ cần chuẩn bị" in chat.text and titles[sender] in chat.text, chat.text
    gateway.close()
