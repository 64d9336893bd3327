import os

# No test may touch the network: the hub client must answer from local files only.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, seed_files) -> Path:
    """A random-weight NLLB-architecture model with a BPE tokenizer trained on the seeds."""
    from mt.random_nllb import save_random_nllb, tiny_config, train_nllb_tokenizer

    lines = [line for path in seed_files for line in path.read_text("utf-8").splitlines() if line]
    lines += (DATA / "english_sample.txt").read_text("utf-8").splitlines()
    tokenizer = train_nllb_tokenizer(lines, vocab_size=1500)
    out = tmp_path_factory.mktemp("tiny-nllb")
    return save_random_nllb(out, tokenizer, tiny_config(len(tokenizer)))
