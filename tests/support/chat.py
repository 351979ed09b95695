"""A conversation through the real gateway's ``/api/chat``, turn by turn."""

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from assistant.text import fold_diacritics


@dataclass
class Conversation:
    client: httpx.Client
    sender_id: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex[:12]}")
    last: dict[str, Any] = field(default_factory=dict)

    def say(self, text: str, **extra: Any) -> dict[str, Any]:
        response = self.client.post(
            "/api/chat", json={"sender_id": self.sender_id, "text": text, **extra}
        )
        assert response.status_code == 200, response.text
        self.last = response.json()
        return self.last

    @property
    def text(self) -> str:
        return "\n".join(m["text"] for m in self.last["messages"])

    @property
    def folded(self) -> str:
        return fold_diacritics(self.text)

    @property
    def buttons(self) -> list[dict[str, str]]:
        return [b for m in self.last["messages"] for b in m["buttons"]]

    def click(self, index: int = 0) -> dict[str, Any]:
        return self.say(self.buttons[index]["payload"])

    def choose_first_procedure(self) -> str:
        """Pick the first offered procedure (or keep the one shown directly); its title."""
        choices = [b for b in self.buttons if b["payload"].startswith("/choose_procedure")]
        if choices:
            self.say(choices[0]["payload"])
        assert "📄" in self.text, self.text
        return self.text.split("📄", 1)[1].splitlines()[0].strip()
