"""The options of a run (:class:`RunOptions`): frozen, validated at construction.

Besides cleaning and dedup configs: worker count, byte limit per file or record, chunk size,
which file extensions are read, boilerplate learning (on by default: ``learn=False`` turns
it off, a :class:`~.learning.boilerplate.LearnConfig` tunes it, ``learned=`` reuses blocks
saved before instead), the field names of JSONL/Parquet
records (:class:`~.sources.intake.RecordFields`), the HTML extraction settings
(:class:`~.sources.extract.ExtractSettings`) and the output format:

- ``"jsonl"`` (default): documents.jsonl, corpus.jsonl, removals.jsonl;
- ``"parquet"``: documents.parquet, corpus.parquet, removals.parquet instead (needs pyarrow);
- ``"both"``: all six.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from .cleaning.cleaner import CleanConfig
from .dedup.deduplicate import DedupConfig
from .errors import ConfigError
from .learning.boilerplate import LearnConfig, LearnedBoilerplate
from .report.summary import as_data
from .sources.extract import ExtractSettings
from .sources.files import DEFAULT_EXTENSIONS
from .sources.intake import RecordFields
from .sources.problems import DEFAULT_MAX_EXAMPLES
from .sources.read import DEFAULT_MAX_BYTES

OUTPUT_FORMATS = ("jsonl", "parquet", "both")


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs to know besides its input. Validated at construction."""

    clean: CleanConfig = field(default_factory=CleanConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    workers: int | None = None  # None: os.cpu_count(); 1: no process pool
    max_bytes: int = DEFAULT_MAX_BYTES  # larger input files are reported as errors
    chunk_size: int = 128  # documents per task sent to a worker
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    learn: LearnConfig | bool | None = True  # learn edge boilerplate (True: LearnConfig())
    learned: LearnedBoilerplate | None = None  # or remove blocks learned before instead
    fields: RecordFields = field(default_factory=RecordFields)  # JSONL/Parquet field names
    extract: ExtractSettings = field(default_factory=ExtractSettings)  # HTML extraction
    output_format: str = "jsonl"  # "jsonl", "parquet" or "both"
    index: str | None = None  # a persistent index: a SQLite file, or redis://host:port/db
    index_keep_shingles: bool = False  # store shingle hashes there: exact verification
    max_error_examples: int = DEFAULT_MAX_EXAMPLES  # errors/warnings listed; all are counted

    def __post_init__(self) -> None:
        if not isinstance(self.clean, CleanConfig):
            raise ConfigError(f"clean must be a CleanConfig, got {type(self.clean).__name__}")
        if not isinstance(self.dedup, DedupConfig):
            raise ConfigError(f"dedup must be a DedupConfig, got {type(self.dedup).__name__}")
        if self.workers is not None and not _is_int(self.workers, minimum=1):
            raise ConfigError(
                f"workers must be a whole number >= 1 (or None for all cores), got {self.workers!r}"
            )
        if not _is_int(self.max_bytes, minimum=1):
            raise ConfigError(
                f"max_bytes must be a whole number of bytes >= 1, got {self.max_bytes!r}"
            )
        if not _is_int(self.chunk_size, minimum=1):
            raise ConfigError(f"chunk_size must be a whole number >= 1, got {self.chunk_size!r}")
        extensions = (self.extensions,) if isinstance(self.extensions, str) else self.extensions
        cleaned = tuple(sorted({str(e).lower() for e in extensions}))
        if not cleaned or not all(e.startswith(".") and len(e) > 1 for e in cleaned):
            raise ConfigError(f"extensions must be like ('.txt', '.md'), got {self.extensions!r}")
        object.__setattr__(self, "extensions", cleaned)
        if self.learn is not None and not isinstance(self.learn, (LearnConfig, bool)):
            raise ConfigError(
                f"learn must be True, False or a LearnConfig, got {type(self.learn).__name__}"
            )
        if self.learned is not None and not isinstance(self.learned, LearnedBoilerplate):
            raise ConfigError("learned must be a LearnedBoilerplate (LearnedBoilerplate.load)")
        if isinstance(self.learn, LearnConfig) and self.learned is not None:
            raise ConfigError("give learn (learn from this corpus) or learned (reuse), not both")
        if not isinstance(self.fields, RecordFields):
            raise ConfigError(f"fields must be a RecordFields, got {type(self.fields).__name__}")
        if not isinstance(self.extract, ExtractSettings):
            raise ConfigError(
                f"extract must be an ExtractSettings, got {type(self.extract).__name__}"
            )
        if self.index is not None and (not isinstance(self.index, str) or not self.index.strip()):
            raise ConfigError(f"index must be a file path or a redis:// URL, got {self.index!r}")
        if not isinstance(self.index_keep_shingles, bool):
            raise ConfigError("index_keep_shingles must be True or False")
        if not _is_int(self.max_error_examples, minimum=0):
            raise ConfigError(
                "max_error_examples must be a whole number >= 0 (--max-error-examples), "
                f"got {self.max_error_examples!r}"
            )
        if self.output_format not in OUTPUT_FORMATS:
            raise ConfigError(
                f"output_format must be one of {', '.join(OUTPUT_FORMATS)}, "
                f"got {self.output_format!r}"
            )

    @property
    def learn_config(self) -> LearnConfig | None:
        """How this run learns boilerplate; None: it does not (off, or ``learned`` given)."""
        if isinstance(self.learn, LearnConfig):
            return self.learn
        return LearnConfig() if self.learn and self.learned is None else None

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers is not None else (os.cpu_count() or 1)

    def parameters(self) -> dict[str, Any]:
        """The options as plain data, for the report."""
        return {
            "clean": as_data(self.clean),
            "dedup": as_data(self.dedup),
            "workers": self.worker_count,
            "max_bytes": self.max_bytes,
            "chunk_size": self.chunk_size,
            "extensions": list(self.extensions),
            "learn": None if self.learn_config is None else as_data(self.learn_config),
            "learned_blocks": None if self.learned is None else len(self.learned.blocks),
            "fields": as_data(self.fields),
            "extract": self.extract.record(),
            "output_format": self.output_format,
            "index": None
            if self.index is None
            else {"location": self.index, "keep_shingles": self.index_keep_shingles},
            "max_error_examples": self.max_error_examples,
        }


def _is_int(value: object, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum
