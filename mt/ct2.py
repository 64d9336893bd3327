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
    """Tokenizes with the `tokenizers` library straight from tokenizer.json: transformers would
    import torch, ~250 MB of resident memory this engine has no other use for."""

    def __init__(self, config: TranslationConfig):
        import ctranslate2
        from tokenizers import Tokenizer

        self.config = config
        path = Path(config.model).expanduser()
        if not (path / "model.bin").is_file():
            raise ModelUnavailableError(
                f"--engine ct2 needs a CTranslate2 model folder, and {config.model!r} is not one "
                "(no model.bin). Make one with: workbench convert-model "
                f"{config.model if not path.exists() else path} OUTDIR --quantization int8"
            )
        self.device = resolve_device(config.device, lambda: ctranslate2.get_cuda_device_count() > 0)
        compute_type = config.ct2_compute_type
        if compute_type == "auto":
            compute_type = "float16" if self.device == "cuda" else "int8"
        self.compute_type = compute_type
        if not (path / "tokenizer.json").is_file():
            raise ModelUnavailableError(
                f"{path} has no tokenizer.json: convert the model with `workbench convert-model`, "
                "which keeps the tokenizer beside the weights"
            )
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        if self.tokenizer.token_to_id(TARGET_CODE) is None:
            raise ModelUnavailableError(f"{path} is not an NLLB-200 model: no {TARGET_CODE} token")
        self.unk_id = self.tokenizer.token_to_id("<unk>")
        self.translator = ctranslate2.Translator(
            str(path),
            device=self.device,
            compute_type=compute_type,
            intra_threads=config.threads,
            inter_threads=config.inter_threads,
        )

    @property
    def signature(self) -> str:
        return f"ct2|{self.config.model}|{self.compute_type}|beams={self.config.beams}"

    def source_tokens(self, text: str, src_code: str) -> list[str]:
        """NLLB's source layout (transformers' NllbTokenizer, non-legacy): code, pieces, </s>."""
        return [src_code, *self.tokenizer.encode(text, add_special_tokens=False).tokens, "</s>"]

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids) + 2

    def generate_tokens(self, texts: list[str], src_code: str) -> list[list[str]]:
        sources = [self.source_tokens(text, src_code) for text in texts]
        least, most = output_budget(max(len(source) for source in sources), self.config)
        results = self.translator.translate_batch(
            sources,
            target_prefix=[[TARGET_CODE]] * len(sources),
            beam_size=self.config.beams,
            min_decoding_length=least,
            max_decoding_length=most,
            no_repeat_ngram_size=self.config.no_repeat_ngram_size,
            max_batch_size=self.config.batch_tokens,
            batch_type="tokens",
        )
        return [result.hypotheses[0] for result in results]

    def translate(self, texts: list[str], src_code: str) -> list[str]:
        if not texts:
            return []
        decoded = []
        for tokens in self.generate_tokens(texts, src_code):
            # Converted vocabularies are padded to the model's size with filler tokens that the
            # tokenizer does not know; they decode as <unk>.
            ids = [self.tokenizer.token_to_id(token) for token in tokens]
            ids = [self.unk_id if i is None else i for i in ids]
            decoded.append(self.tokenizer.decode(ids, skip_special_tokens=True).strip())
        return decoded
