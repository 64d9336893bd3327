"""The Hugging Face Space: the review page over the five seed articles, translated and linked at
start-up, where visitors can paste an article and watch it being translated and linked.

Spaces runs `python app.py` (README front matter: `app_file`). The NLLB weights are fetched at
build time (`preload_from_hub`), so start-up only loads them. Settings come from the environment:
WORKBENCH_MODEL (default facebook/nllb-200-distilled-600M, or a local folder), WORKBENCH_OUT
(the working folder; default a fresh temporary one), GRADIO_SERVER_NAME / GRADIO_SERVER_PORT.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from align.embed import load_embedder
from align.pipeline import link_folder
from mt.batch import translate_inputs
from mt.translate import DEFAULT_MODEL, TranslationConfig
from ui.app import ReviewConfig, build_app, launch_kwargs

SEEDS = Path(__file__).parent / "seeds"


def space_config() -> ReviewConfig:
    out_dir = Path(os.environ.get("WORKBENCH_OUT") or tempfile.mkdtemp(prefix="workbench-space-"))
    # The free CPU tier has 2 cores and 16 GB: one batch at a time on both cores, greedy decoding.
    translation = TranslationConfig(
        model=os.environ.get("WORKBENCH_MODEL", DEFAULT_MODEL), threads=2, batch_size=8, beams=1
    )
    return ReviewConfig(out_dir, translation, max_upload_bytes=500_000, max_paste_chars=50_000)


def prepare(config: ReviewConfig) -> None:
    """Translate and link the seeds (skipped when the folder already has them: a restart)."""
    if not (config.out_dir / "links.jsonl").exists():
        report = translate_inputs(sorted(SEEDS.glob("*.txt")), config.out_dir, config.translation)
        if report.model_error:
            print(report.model_error, flush=True)  # the page still opens, untranslated
        link_folder(config.out_dir, load_embedder(config.embedder))


if __name__ == "__main__":
    config = space_config()
    prepare(config)
    build_app(config).queue(max_size=20).launch(**launch_kwargs(config))
