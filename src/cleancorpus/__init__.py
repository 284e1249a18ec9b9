"""cleancorpus: clean and deduplicate text corpora."""

from .cleaning.cleaner import CleanConfig, clean
from .errors import CleancorpusError, ConfigError, InputError, MismatchError
from .records import Cleaned, Document, Removal

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
