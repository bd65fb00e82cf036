"""Shared fixtures: no network for the whole session, a Settings in tmp_path, the e5 model built once."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Nothing may reach the hub, even by accident, in any test or subprocess started by one.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"


def _is_loopback(address) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
    else:
        return True  # AF_UNIX paths and the like
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need DNS: refuse


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(scope="session", autouse=True)
def no_network():
    """Make every non-loopback socket connect raise for the whole session."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create = socket.create_connection

    def guard(address):
        if not _is_loopback(address):
            raise NetworkBlocked(f"network access blocked in tests: {address!r}")

    def connect(self, address):
        guard(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        guard(address)
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        guard(address)
        return real_create(address, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.create_connection = create_connection  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = real_connect_ex  # type: ignore[method-assign]
        socket.create_connection = real_create  # type: ignore[assignment]


@pytest.fixture
def settings(tmp_path):
    """Settings with everything written under tmp_path (no server, default model, small chunks allowed)."""
    from planprat.settings import Settings

    return Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", chroma_url=None)


@pytest.fixture(scope="session")
def e5_model_dir() -> Path:
    """The converted multilingual-e5-small folder, built once and reused across sessions.

    Lives in $PLANPRAT_TEST_MODELS or .pytest_cache/planprat-models; `ensure_e5_model` rebuilds it if invalid.
    """
    from assistant.embed import ensure_e5_model

    base = Path(os.environ.get("PLANPRAT_TEST_MODELS") or ROOT / ".pytest_cache" / "planprat-models")
    return ensure_e5_model(base)


@pytest.fixture
def e5_settings(settings, e5_model_dir):
    """`settings` whose data_dir/models holds (a link to) the shared e5 folder, so nothing is converted again."""
    models = settings.models_dir
    models.mkdir(parents=True, exist_ok=True)
    link = models / e5_model_dir.name
    if not link.exists():
        link.symlink_to(e5_model_dir, target_is_directory=True)
    return settings


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory, e5_model_dir):
    """Settings for an index of the whole shipped corpus, ingested once per test session (real e5, Chroma on disk)."""
    from assistant.service import Planprat
    from planprat.settings import Settings

    base = tmp_path_factory.mktemp("corpus-index")
    s = Settings(data_dir=base / "data", corpus_dir=ROOT / "corpus", chroma_url=None)
    s.models_dir.mkdir(parents=True, exist_ok=True)
    (s.models_dir / e5_model_dir.name).symlink_to(e5_model_dir, target_is_directory=True)
    report = Planprat(s).ingest([ROOT / "corpus"])
    assert not report.failed, report.failed
    return s


@pytest.fixture(scope="session")
def corpus_service(corpus_settings):
    """A read-mostly `Planprat` over the shipped corpus, shared by the tests that only read."""
    from assistant.service import Planprat

    return Planprat(corpus_settings)
