"""``python -m cleancorpus``: the same command line as ``cleancorpus`` (see :mod:`.cli`)."""

from .cli import main

raise SystemExit(main())
