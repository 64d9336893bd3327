"""NLLB-200 translation engines behind one small interface.

`TranslationEngine` is all the batch runner knows: the transformers implementation lives here, the
CTranslate2 one in mt/ct2.py. Both load the model exactly as a user with internet would (hub id or
local directory) and say clearly how to get the weights when they are missing.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar
from urllib.parse import urlparse

from mt.records import TARGET_CODE

T = TypeVar("T")

DEFAULT_MODEL = "facebook/nllb-200-distilled-600M"
ENGINES = ("transformers", "ct2")


@dataclass(frozen=True)
class TranslationConfig:
    model: str = DEFAULT_MODEL
    engine: str = "transformers"
    device: str = "auto"  # auto | cpu | cuda
    batch_size: int = 16
    beams: int = 1  # 1 = greedy; 4 is NLLB's published setting, ~3x slower on a CPU
    # NLLB was trained on inputs of at most 512 tokens and its quality falls well before that;
    # longer sentences are cut at clause boundaries into pieces of at most this many tokens.
    max_input_tokens: int = 200
    # Output budget per piece: the checkpoint's max_length=200 silently truncates long
    # translations, so it is replaced by a bound relative to the input length.
    max_output_ratio: float = 2.0
    max_output_extra: int = 16
    # Random and undertrained models loop ("the the the..."); no 4-gram may repeat.
    no_repeat_ngram_size: int = 4
    # A batch also closes when its padded size would pass this many tokens, so that batches of
    # long sentences stay within memory and batches of short ones stay full.
    batch_tokens: int = 4096
    threads: int = 0  # CPU threads per translation (intra-op); 0 = the library's default
    inter_threads: int = 1  # CTranslate2 only: batches translated in parallel
    # Benchmarks only: generate exactly this many tokens after the language code, so that every
    # engine does the same work whatever the (random) weights say.
    fixed_output_tokens: int | None = None
    ct2_compute_type: str = "auto"  # CTranslate2 only: auto = int8 on CPU, float16 on CUDA


class ModelUnavailableError(RuntimeError):
    """The model cannot be loaded; the message says how to get it."""


class TranslationEngine(Protocol):
    @property
    def signature(self) -> str:
        """What determines the output (engine, model, decoding), for cache keys."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def translate(self, texts: list[str], src_code: str) -> list[str]:
        """English translations of `texts` (one batch, all in language `src_code`)."""
        ...


def model_unavailable_message(model: str, reason: str) -> str:
    local = Path(model).expanduser()
    if local.exists():
        return (
            f"Cannot load the NLLB model from the folder {local}: {reason}\n"
            "The folder needs config.json, the weights (model.safetensors or model.bin) and the "
            "tokenizer files (tokenizer.json, tokenizer_config.json), as written by "
            "save_pretrained() or `workbench convert-model` for --engine ct2."
        )
    return (
        f"Cannot load the NLLB model {model!r}: {reason}\n"
        "The weights are not on this machine and could not be downloaded. Either:\n"
        f"  - on a machine with internet access, run once: hf download {model}\n"
        "    (about 2.5 GB into the Hugging Face cache; `hf` comes with huggingface_hub; later runs work offline), or\n"
        "  - pass --model /path/to/folder holding a downloaded copy of the model."
    )


def resolve_device(device: str, cuda_available: Callable[[], bool]) -> str:
    if device == "auto":
        return "cuda" if cuda_available() else "cpu"
    if device == "cuda" and not cuda_available():
        raise ModelUnavailableError("--device cuda was asked for, but no CUDA device is available")
    return device


def hub_reachable() -> bool:
    """Whether the Hugging Face Hub's name resolves. Without this check an offline machine
    spends ~45 s in the hub client's retries before saying what a DNS failure says at once."""
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        return False
    host = urlparse(constants.ENDPOINT).hostname or ""
    try:
        socket.getaddrinfo(host, 443)
    except OSError:
        return False
    return True


def from_pretrained(loader: Callable[..., T], model: str) -> T:
    """`loader.from_pretrained(model)`, from the local cache when it is there, else from the
    hub when it is reachable; ModelUnavailableError with instructions otherwise."""
    try:
        return loader(model, local_files_only=True)
    except (OSError, ValueError) as error:
        if Path(model).expanduser().exists() or not hub_reachable():
            raise ModelUnavailableError(
                model_unavailable_message(model, first_line(error))
            ) from error
    try:
        return loader(model)
    except (OSError, ValueError) as error:
        raise ModelUnavailableError(model_unavailable_message(model, first_line(error))) from error


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def load_nllb_tokenizer(model: str):
    """The NLLB tokenizer from a hub id or folder, checked to be an NLLB one."""
    from transformers import AutoTokenizer

    tokenizer = from_pretrained(AutoTokenizer.from_pretrained, model)
    if tokenizer.convert_tokens_to_ids(TARGET_CODE) in (None, tokenizer.unk_token_id):
        raise ModelUnavailableError(
            f"{model!r} is not an NLLB-200 model: its tokenizer has no {TARGET_CODE} token"
        )
    return tokenizer


def output_budget(input_tokens: int, config: TranslationConfig) -> tuple[int, int]:
    """(minimum, maximum) tokens to generate, the forced language code included."""
    if config.fixed_output_tokens is not None:
        return config.fixed_output_tokens + 1, config.fixed_output_tokens + 1
    return 0, int(input_tokens * config.max_output_ratio) + config.max_output_extra


class TransformersEngine:
    """NLLB through transformers' AutoModelForSeq2SeqLM."""

    def __init__(self, config: TranslationConfig):
        import torch
        from transformers import AutoModelForSeq2SeqLM

        self.config = config
        self.device = resolve_device(config.device, torch.cuda.is_available)
        if config.threads:
            torch.set_num_threads(config.threads)
        self.tokenizer = load_nllb_tokenizer(config.model)
        self.model = from_pretrained(AutoModelForSeq2SeqLM.from_pretrained, config.model)
        self.model.to(self.device).eval()
        # The checkpoint's max_length=200 cuts long translations short; output_budget() bounds
        # each batch instead.
        self.model.generation_config.max_length = None
        self.target_id = self.tokenizer.convert_tokens_to_ids(TARGET_CODE)

    @property
    def signature(self) -> str:
        return f"transformers|{self.config.model}|beams={self.config.beams}"

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text)["input_ids"])

    def generate_ids(self, texts: list[str], src_code: str):
        """Generated token ids, one row per text (padded), for inspection and tests."""
        import torch

        self.tokenizer.src_lang = src_code
        inputs = self.tokenizer(texts, return_tensors="pt", padding=True).to(self.device)
        least, most = output_budget(inputs["input_ids"].shape[1], self.config)
        with torch.inference_mode():
            return self.model.generate(
                **inputs,
                forced_bos_token_id=self.target_id,
                num_beams=self.config.beams,
                do_sample=False,
                min_new_tokens=least,
                max_new_tokens=most,
                no_repeat_ngram_size=self.config.no_repeat_ngram_size,
            )

    def translate(self, texts: list[str], src_code: str) -> list[str]:
        if not texts:
            return []
        output = self.generate_ids(texts, src_code)
        return [
            text.strip() for text in self.tokenizer.batch_decode(output, skip_special_tokens=True)
        ]


def load_engine(config: TranslationConfig) -> TranslationEngine:
    if config.engine == "transformers":
        return TransformersEngine(config)
    if config.engine == "ct2":
        from mt.ct2 import CTranslate2Engine

        return CTranslate2Engine(config)
    raise ValueError(f"unknown engine {config.engine!r}; choose one of {', '.join(ENGINES)}")
