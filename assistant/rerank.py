"""Optional re-ranking with any sentence-transformers CrossEncoder (off by default).

No Norwegian-capable cross-encoder ships offline, so the slot is empty unless PLANPRAT_RERANKER_MODEL names
a local path (or a hub name on a machine that can reach the hub).
"""

from __future__ import annotations

import os
from dataclasses import replace

from planprat.errors import ModelUnavailable
from planprat.models import Hit


class CrossEncoderReranker:
    def __init__(self, model_name: str, max_length: int = 512):
        self.model_name = model_name
        self.max_length = max_length
        self._model = None

    def _load(self):
        if self._model is None:
            if os.path.exists(self.model_name):
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from sentence_transformers import CrossEncoder

            try:
                self._model = CrossEncoder(self.model_name, max_length=self.max_length)
            except Exception as err:  # noqa: BLE001 - any load failure is a configuration problem
                raise ModelUnavailable(
                    f"Kunne ikke laste rerangeringsmodellen «{self.model_name}»: {err}. "
                    "Angi en lokal mappe i PLANPRAT_RERANKER_MODEL eller fjern innstillingen."
                ) from err
        return self._model

    def rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        """Hits re-ordered by cross-encoder score; direct legal hits stay first."""
        legal = [h for h in hits if h.retriever == "legal"]
        rest = [h for h in hits if h.retriever != "legal"]
        if not rest:
            return hits
        scores = self._load().predict([(query, h.chunk.text) for h in rest])
        ranked = sorted(zip(rest, scores, strict=True), key=lambda hs: -float(hs[1]))
        return legal + [replace(h, score=float(s), retriever="rerank") for h, s in ranked]
