"""cleancorpus: clean and deduplicate text corpora.

Everything a user needs is importable from here::

    from cleancorpus import RunOptions, clean, process, run

- one text: :func:`clean` (a :class:`Cleaned`: text, metadata, removals);
- documents in memory: :func:`process`; a folder to an output folder: :func:`run`;
  boilerplate learned from a corpus: :func:`learn`; all configured by :class:`RunOptions`;
- the stages on their own: :class:`TextCleaner`, :class:`Fingerprinter`, :func:`deduplicate`
  (or :func:`analyse`, which keeps what :func:`passage_stage` reuses to find shared passages).
"""

from .cleaning.cleaner import CleanConfig, TextCleaner, clean
from .cleaning.rules import Rule
from .dedup.deduplicate import Analysis, DedupConfig, DocInfo, analyse, deduplicate
from .dedup.fingerprint import Fingerprint, Fingerprinter, FingerprintParams
from .dedup.index import Index, IndexMatch
from .dedup.index_open import open_index
from .dedup.store import load_fingerprints, save_fingerprints
from .engine.assemble import passage_stage
from .engine.pipeline import ProcessResult, RunResult, learn, process, run
from .engine.ray import process_dataset, run_ray
from .errors import CleancorpusError, ConfigError, InputError, MismatchError
from .learning.boilerplate import LearnConfig, LearnedBoilerplate, learn_boilerplate
from .options import RunOptions
from .output.writers import DocumentResult
from .records import Cleaned, Document, Membership, Notice, RawDocument, Removal
from .sources.extract import ExtractSettings, extract_html
from .sources.intake import RecordFields

__all__ = [
    "Analysis",
    "CleanConfig",
    "CleancorpusError",
    "Cleaned",
    "ConfigError",
    "DedupConfig",
    "DocInfo",
    "Document",
    "DocumentResult",
    "ExtractSettings",
    "Fingerprint",
    "FingerprintParams",
    "Fingerprinter",
    "Index",
    "IndexMatch",
    "InputError",
    "LearnConfig",
    "LearnedBoilerplate",
    "Membership",
    "MismatchError",
    "Notice",
    "ProcessResult",
    "RawDocument",
    "RecordFields",
    "Removal",
    "Rule",
    "RunOptions",
    "RunResult",
    "TextCleaner",
    "analyse",
    "clean",
    "deduplicate",
    "extract_html",
    "learn",
    "learn_boilerplate",
    "load_fingerprints",
    "open_index",
    "passage_stage",
    "process",
    "process_dataset",
    "run",
    "run_ray",
    "save_fingerprints",
]
__version__ = "0.1.0"
