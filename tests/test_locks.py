"""Both lock files pin every package to one version with hashes (`make setup` installs
them with ``--require-hashes``), and the Rasa side carries no release with a published
advisory that a newer release fixes within what Rasa 3.6 runs on."""

import re
from pathlib import Path

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
_PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s\\;]+)")

# First release that fixes the advisory named (GHSA/CVE) for the version Rasa shipped with.
_FIXED_IN = {
    "aiohttp": "3.12.14",  # CVE-2025-53643 request smuggling; 3.9.5 had several more
    "pydantic": "1.10.13",  # CVE-2024-3772 regex DoS in email validation
    "protobuf": "4.25.8",  # CVE-2025-4565 recursion DoS in the pure-Python parser
    "dnspython": "2.6.1",  # CVE-2023-29483 "TuDoor" resolver DoS
    "scikit-learn": "1.5.0",  # CVE-2024-5206 TfidfVectorizer keeps stop-word tokens
    "sentry-sdk": "2.8.0",  # CVE-2024-40647 environment leaked to subprocesses
    "pymongo": "4.6.3",  # CVE-2024-5629 out-of-bounds read in BSON
}


def _pins(lock: Path) -> dict[str, tuple[str, int]]:
    """Package → (version, number of hashes) of a pip-compile/uv lock."""
    pins: dict[str, tuple[str, int]] = {}
    name = ""
    for line in lock.read_text(encoding="utf-8").splitlines():
        if match := _PIN.match(line):
            name = match.group(1).lower()
            pins[name] = (match.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, hashes = pins[name]
            pins[name] = (version, hashes + 1)
    return pins


@pytest.mark.parametrize("lock", ["gateway.lock", "rasa.lock"])
def test_every_pinned_package_has_a_hash(lock: str) -> None:
    pins = _pins(ROOT / "requirements" / lock)
    assert len(pins) > 100
    assert [name for name, (_, hashes) in pins.items() if hashes == 0] == []


def test_rasa_side_pins_are_past_their_published_advisories() -> None:
    pins = _pins(ROOT / "requirements" / "rasa.lock")
    behind = {
        name: pins[name][0] for name, fixed in _FIXED_IN.items()
        if Version(pins[name][0]) < Version(fixed)
    }
    assert behind == {}


def test_setup_installs_with_require_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert makefile.count("--require-hashes") >= 2
