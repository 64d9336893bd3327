"""Randomly initialised NLLB-architecture models, for tests and benchmarks.

The real NLLB weights cannot be downloaded on our machines. These models go through exactly the
same loading and generation code; their output is meaningless, so they are good for checking
structure, alignment, determinism and speed (which depends on architecture and output length,
not on weight values), never quality.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>"]


def train_nllb_tokenizer(lines: Iterable[str], vocab_size: int = 2000):
    """An NllbTokenizer over a BPE vocabulary trained on `lines` (with all 200+ NLLB language
    codes added as special tokens, as in the real one)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import NllbTokenizer

    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    bpe.train_from_iterator(
        lines, trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS)
    )
    state = json.loads(bpe.to_str())["model"]
    merges = [
        tuple(merge) if isinstance(merge, list) else tuple(merge.split(" "))
        for merge in state["merges"]
    ]
    return NllbTokenizer(vocab=state["vocab"], merges=merges)


def tiny_config(vocab_size: int, **overrides):
    from transformers import M2M100Config

    settings = dict(
        vocab_size=vocab_size,
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=1024,
        scale_embedding=True,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    settings.update(overrides)
    return M2M100Config(**settings)


def save_random_nllb(out_dir: Path, tokenizer, config, seed: int = 0) -> Path:
    """Save a random-weight M2M100 model with `config` and `tokenizer` into `out_dir`, as
    save_pretrained() does for a downloaded NLLB checkpoint."""
    import torch
    from transformers import M2M100ForConditionalGeneration

    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(config)
    model.generation_config.max_length = 200  # as in the real checkpoint's generation_config
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir
