"""Errors that reach users. Messages are Norwegian bokmål and say what to do next."""

from __future__ import annotations


class PlanpratError(Exception):
    """Base class: `str(err)` is a message fit to show an end user."""

    status_code = 400


class DocumentError(PlanpratError):
    """A file could not be turned into a document (corrupt, encrypted, empty, too large ...)."""

    def __init__(self, file: str, reason: str):
        self.file = file
        self.reason = reason
        super().__init__(f"«{file}»: {reason}")


class UnsupportedFormat(DocumentError):
    pass


class NotFound(PlanpratError):
    status_code = 404


class IndexNotReady(PlanpratError):
    status_code = 503

    def __init__(self, message: str = "Indeksen er tom eller ikke lastet ennå: kjør «planprat ingest corpus/» først."):
        super().__init__(message)


class ConfigError(PlanpratError):
    status_code = 500


class ModelUnavailable(ConfigError):
    """The embedding model cannot be loaded offline."""
