"""NLLB through CTranslate2: int8 weights and a C++ decoder, the fast engine on CPUs."""

from __future__ import annotations

from pathlib import Path

from mt.records import TARGET_CODE
from mt.translate import (
    ModelUnavailableError,
    TranslationConfig,
    first_line,
    load_nllb_tokenizer,
    model_unavailable_message,
    output_budget,
    resolve_device,
)

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "float16", "bfloat16", "float32")


def convert_model(
    model: str, out_dir: Path, quantization: str = "int8", force: bool = False
) -> Path:
    """Convert an NLLB checkpoint (hub id or folder) to a CTranslate2 model folder, with the
    tokenizer files beside it so that the folder is all `--engine ct2 --model` needs."""
    import ctranslate2.converters

    tokenizer = load_nllb_tokenizer(model)  # fails early, and clearly, without the model
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        raise FileExistsError(f"{out_dir} exists and is not empty; pass --force to overwrite it")
    converter = ctranslate2.converters.TransformersConverter(model)
    try:
        converter.convert(str(out_dir), quantization=quantization, force=True)
    except OSError as error:
        raise ModelUnavailableError(model_unavailable_message(model, first_line(error))) from error
    tokenizer.save_pretrained(str(out_dir))
    return out_dir


class CTranslate2Engine:
    def __init__(self, config: TranslationConfig):
        import ctranslate2

        self.config = config
        path = Path(config.model).expanduser()
        if not (path / "model.bin").is_file():
            raise ModelUnavailableError(
                f"--engine ct2 needs a CTranslate2 model folder, and {config.model!r} is not one "
                "(no model.bin). Make one with: workbench convert-model "
                f"{config.model if not path.exists() else path} OUTDIR --quantization int8"
            )
        self.device = resolve_device(config.device)
        compute_type = config.ct2_compute_type
        if compute_type == "auto":
            compute_type = "float16" if self.device == "cuda" else "int8"
        self.compute_type = compute_type
        self.tokenizer = load_nllb_tokenizer(str(path))
        self.translator = ctranslate2.Translator(
            str(path),
            device=self.device,
            compute_type=compute_type,
            intra_threads=config.threads,
        )

    @property
    def signature(self) -> str:
        return f"ct2|{self.config.model}|{self.compute_type}|beams={self.config.beams}"

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text)["input_ids"])

    def generate_tokens(self, texts: list[str], src_code: str) -> list[list[str]]:
        self.tokenizer.src_lang = src_code
        sources = [
            self.tokenizer.convert_ids_to_tokens(self.tokenizer(t)["input_ids"]) for t in texts
        ]
        longest = max(len(source) for source in sources)
        results = self.translator.translate_batch(
            sources,
            target_prefix=[[TARGET_CODE]] * len(sources),
            beam_size=self.config.beams,
            max_decoding_length=output_budget(longest, self.config),
            no_repeat_ngram_size=self.config.no_repeat_ngram_size,
        )
        return [result.hypotheses[0] for result in results]

    def translate(self, texts: list[str], src_code: str) -> list[str]:
        if not texts:
            return []
        decoded = []
        for tokens in self.generate_tokens(texts, src_code):
            ids = self.tokenizer.convert_tokens_to_ids(tokens)
            decoded.append(self.tokenizer.decode(ids, skip_special_tokens=True).strip())
        return decoded
