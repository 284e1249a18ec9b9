"""cleancorpus: clean and deduplicate text corpora."""

from .cleaning import CleanConfig, clean
from .document import Cleaned, Document, Removal
from .errors import CleancorpusError, ConfigError, InputError, MismatchError

__all__ = [
    "CleanConfig",
    "CleancorpusError",
    "Cleaned",
    "ConfigError",
    "Document",
    "InputError",
    "MismatchError",
    "Removal",
    "clean",
]
__version__ = "0.1.0"
