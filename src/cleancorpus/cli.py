"""The ``cleancorpus`` command: parse arguments, build options, call the library, map errors.

Usage: ``cleancorpus run INPUT OUTPUT [options]`` (or ``python -m cleancorpus run ...``), and
``cleancorpus learn INPUT [--save FILE]`` to see what ``run`` would learn (learning is on by
default; ``run --no-learn`` turns it off; ``--learn`` is still accepted and changes nothing).

INPUT is one or more folders, files, quoted globs or ``-`` (JSONL on stdin; see
:mod:`cleancorpus.sources.inputs`), of mixed formats: .txt/.md, .html/.htm (main text extracted with
trafilatura), .jsonl/.jsonl.gz and .parquet records, .warc/.warc.gz crawls. Ids, record fields
and the precedence of metadata are described in :mod:`cleancorpus.sources.stream`; in short a
record's id is ``FILE#RECORD-ID`` (``FILE#line-N``/``FILE#row-N`` without an id field), and a
record's own fields beat trafilatura's metadata, which beats the facts the cleaners lift from
the text.
Options for records: ``--id-field``, ``--text-field``, ``--html-field``; for HTML:
``--extract-precision`` (trafilatura's favor_precision), ``--fast-extract`` (no fallback
extractors), ``--extract-max-date``; for output: ``--format jsonl|parquet|both``.

A progress line is drawn on stderr while documents are processed, only when stderr is a
terminal and ``--quiet`` is not given; the documents cleaned again with the learned
boilerplate, and the ``learn`` command, draw their own, labelled ``learning:``. Warnings (a
detected charset, a skipped non-HTML WARC record) are printed unless ``--quiet`` (the first
20; all are in report.json) and do not change the exit code.

Exit codes (each is the ``exit_code`` of the exception class in :mod:`cleancorpus.errors`):

- 0: success.
- 1: unexpected internal error (:class:`CleancorpusError` or a bug).
- 2: usage or configuration error: a bad option value, INPUT missing, OUTPUT inside INPUT or
  holding foreign files (:class:`ConfigError`); nothing was written.
- 3: finished, but some input files or records were skipped with errors (:class:`InputError`);
  the output is complete for every other one, and the errors are listed on stderr and in
  report.json.
- 4: signatures or indexes with mismatched parameters were mixed (:class:`MismatchError`).
- 5: OUTPUT could not be written: disk full, read-only file system, permission denied
  (:class:`OutputError`); the staging folder was removed and a previous OUTPUT is intact.
- 130: interrupted (Ctrl-C); 143: terminated (SIGTERM). Workers are stopped, the staging
  folder is removed and OUTPUT is left as it was.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from .cleaning.cleaner import CleanConfig
from .dedup.deduplicate import DedupConfig
from .engine.local import Terminated, sigterm_as_interrupt
from .engine.pipeline import RunResult, learn, run
from .errors import CleancorpusError, ConfigError, InputError, MismatchError, OutputError
from .learning.boilerplate import LearnConfig, LearnedBoilerplate
from .options import OUTPUT_FORMATS, RunOptions
from .sources.extract import ExtractSettings
from .sources.intake import RecordFields
from .sources.problems import DEFAULT_MAX_EXAMPLES
from .sources.read import DEFAULT_MAX_BYTES
from .util.progress import Progress

MAX_WARNINGS_SHOWN = 20
MAX_ERRORS_SHOWN = 50
INTERRUPTED, TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM

EPILOG = f"""\
exit codes:
  0  success
  {CleancorpusError.exit_code}  unexpected internal error
  {ConfigError.exit_code}  usage or configuration error (bad option value, INPUT missing,
     OUTPUT inside INPUT, ...); nothing written
  {InputError.exit_code}  finished, but some input files were skipped with errors (or records:
     FILE:LINE or FILE#ID; listed on stderr and in OUTPUT/report.json); output complete for
     the rest
  {MismatchError.exit_code}  signatures or indexes built with different parameters were mixed
  {OutputError.exit_code}  OUTPUT could not be written (disk full, read-only, permission denied);
     a previous OUTPUT is left as it was
  130/143  interrupted (Ctrl-C) / terminated (SIGTERM); OUTPUT left as it was
"""

_UNITS = {"": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9}


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors raise ConfigError instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(f"{message}\n{self.format_usage().rstrip()}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cleancorpus",
        description="Clean and deduplicate text corpora.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub = commands.add_parser(
        "run",
        help="clean and deduplicate a folder of documents",
        description="Read INPUT (folders recursively, files, globs, - for JSONL on stdin; "
        ".txt, .md, .html, .htm, .jsonl, .jsonl.gz, "
        ".parquet, .warc, .warc.gz), extract the main text of web pages, clean every document, "
        "find near-duplicates, and write documents.jsonl, corpus.jsonl, corpus/, "
        "removals.jsonl (or .parquet), report.json and report.html into OUTPUT, replacing a "
        "previous output atomically. A record's id is FILE#ID (FILE#line-N or FILE#row-N "
        "without an id field); its other fields become metadata and beat the page metadata "
        "trafilatura finds, which beats facts the cleaners lift from the text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _input_and_workers(sub)
    sub.add_argument("output", metavar="OUTPUT", help="output folder (created or replaced)")
    sub.add_argument("--threshold", type=float, metavar="T", help="near-duplicate threshold")
    sub.add_argument("--shingle-size", type=int, metavar="K", help="words per shingle")
    sub.add_argument("--num-perm", type=int, metavar="P", help="MinHash permutations")
    sub.add_argument("--seed", type=int, metavar="S", help="MinHash seed")
    sub.add_argument(
        "--overlap-threshold",
        type=float,
        metavar="C",
        help="report two documents as overlapping when this share of the smaller one is in "
        "the other (default: 0.5)",
    )
    sub.add_argument(
        "--copy-containment",
        type=float,
        metavar="C",
        help="a pair under --threshold is still a duplicate (a copy with a part dropped or "
        "added) when this share of the smaller one is in the other (default: 0.9) ...",
    )
    sub.add_argument(
        "--copy-jaccard",
        type=float,
        metavar="J",
        help="... and their Jaccard is at least this (default: 0.5; the --threshold value "
        "switches the rule off)",
    )
    sub.add_argument(
        "--drop-contained",
        action="store_true",
        help="make a document contained in another a duplicate of it (rule 'contained') "
        "instead of only listing the overlap",
    )
    sub.add_argument(
        "--passages",
        action=argparse.BooleanOptionalAction,
        help="find passages of --min-passage-words or more shared between stories (a round-up "
        "quoting a report): documents.jsonl gets 'passages' and 'story' (default: on)",
    )
    sub.add_argument(
        "--min-passage-words",
        type=int,
        metavar="W",
        help="the shortest shared passage reported, in words (default: 40)",
    )
    sub.add_argument(
        "--max-passage-docs",
        type=int,
        metavar="D",
        help="a passage that more stories share is a repeated block, not reuse (default: 5)",
    )
    sub.add_argument(
        "--disable-rule",
        action="append",
        default=[],
        metavar="NAME",
        help="turn a cleaning rule off (repeat for several)",
    )
    sub.add_argument(
        "--max-bytes",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="B",
        help="skip larger files with an error; accepts 500000, 500k, 50MB (default: 50MB)",
    )
    sub.add_argument(
        "--no-learn",
        action="store_true",
        help="do not learn and remove the header/footer lines that recur across INPUT "
        "(learning is on by default; its blocks are written to OUTPUT/learned.json)",
    )
    sub.add_argument(
        "--learn",
        action="store_true",
        help="accepted for compatibility: learning is on by default",
    )
    sub.add_argument(
        "--learned-blocks",
        metavar="FILE",
        help="remove the blocks of a learned.json saved before (no learning pass)",
    )
    sub.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default="jsonl",
        help="output files: jsonl (default), parquet (documents/corpus/removals.parquet "
        "instead; needs pyarrow), or both",
    )
    sub.add_argument(
        "--index",
        metavar="PATH|URL",
        help="deduplicate against a persistent index of earlier runs and add this run's new "
        "canonical documents to it: a SQLite file (created if missing) or "
        "redis://host:port/db[?prefix=NAME]",
    )
    sub.add_argument(
        "--index-keep-shingles",
        action="store_true",
        help="keep shingle hashes in a new index, so matches against it are verified by "
        "exact Jaccard instead of a signature estimate (larger index)",
    )
    sub.add_argument(
        "--max-error-examples",
        type=int,
        default=DEFAULT_MAX_EXAMPLES,
        metavar="N",
        help="list at most N errors and N warnings in report.json (all are counted, by kind "
        f"and by file; default: {DEFAULT_MAX_EXAMPLES}); stderr shows the first "
        f"{MAX_ERRORS_SHOWN} errors and a summary",
    )
    sub.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: a process pool (default); ray: a Ray cluster (pip install "
        "'cleancorpus[ray]'), same output",
    )
    sub.add_argument(
        "--ray-address", metavar="ADDR", help="with --engine ray: the cluster (e.g. auto)"
    )
    _input_options(sub)
    _learning_options(sub)
    sub.add_argument(
        "--quiet",
        action="store_true",
        help="no progress, warnings or summary on stderr (errors are still printed)",
    )
    learn = commands.add_parser(
        "learn",
        help="list the boilerplate INPUT would teach, changing nothing (a dry run)",
        description="Read and clean INPUT, and print the header/footer lines that recur per "
        "site: each learned block with its evidence (groups of documents, example ids). "
        "Nothing is written unless --save is given.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _input_and_workers(learn)
    learn.add_argument("--save", metavar="FILE", help="also save the blocks (for --learned-blocks)")
    _input_options(learn)
    _learning_options(learn)
    return parser


def _input_options(parser: argparse.ArgumentParser) -> None:
    records = parser.add_argument_group("records (.jsonl, .jsonl.gz, .parquet)")
    records.add_argument(
        "--id-field", default="id", metavar="NAME", help="record id field (default: id)"
    )
    records.add_argument(
        "--text-field", default="text", metavar="NAME", help="record text field (default: text)"
    )
    records.add_argument(
        "--html-field",
        default="html",
        metavar="NAME",
        help="record field holding a web page, used when the text field is absent (default: html)",
    )
    pages = parser.add_argument_group("web pages (.html, .htm, HTML records, WARC responses)")
    pages.add_argument(
        "--extract-precision",
        action="store_true",
        help="trafilatura's favor_precision: keep less text when unsure (F1 after cleaning "
        "0.965 vs 0.962 by default on the 181-page benchmark, and no slower)",
    )
    pages.add_argument(
        "--fast-extract",
        action="store_true",
        help="skip trafilatura's fallback extractors: about 1.3x faster pipeline on HTML, "
        "F1 0.961 vs 0.962 (0.947 together with --extract-precision)",
    )
    pages.add_argument(
        "--extract-max-date",
        metavar="YYYY-MM-DD",
        help="latest publication date accepted (default: today); fix it for reproducible reruns",
    )


def _input_and_workers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input",
        metavar="INPUT",
        nargs="+",
        help="folders (read recursively), files, quoted globs ('shards/*.parquet'), or - for "
        "JSON Lines on standard input; ids are relative to the folder given (the file name "
        "for a file)",
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="worker processes (default: all cores; 1: none)"
    )


def _learning_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-documents",
        type=int,
        metavar="N",
        help="a learned line must recur in at least N documents with different bodies (default: 3)",
    )
    parser.add_argument(
        "--min-fraction",
        type=float,
        metavar="F",
        help="... and, for lines of fewer than 5 words, in at least this share of its site's "
        "(or the corpus') documents (default: 0.5)",
    )


def main(argv: Sequence[str] | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; return the exit code (documented in the module docstring)."""
    err = stderr if stderr is not None else sys.stderr
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help prints and exits 0
            return exc.code if isinstance(exc.code, int) else 0
        if args.command == "learn":
            return _learn_command(args, err)
        progress = Progress(err, enabled=not args.quiet)
        learning = Progress(err, enabled=not args.quiet, label="learning")
        try:
            with sigterm_as_interrupt():
                if args.engine == "ray":
                    from .engine.ray import run_ray

                    if len(args.input) != 1:
                        raise ConfigError("--engine ray reads one INPUT folder")
                    result = run_ray(
                        args.input[0], args.output, options_from(args), address=args.ray_address
                    )
                else:
                    result = run(
                        args.input,
                        args.output,
                        options_from(args),
                        progress=progress,
                        learn_progress=learning,
                    )
        finally:
            learning.close()
            progress.close()
    except KeyboardInterrupt as exc:
        signal_name = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted"
        print(f"cleancorpus: {signal_name}; OUTPUT was left as it was", file=err)
        return TERMINATED if isinstance(exc, Terminated) else INTERRUPTED
    except CleancorpusError as exc:
        print(f"cleancorpus: error: {exc}", file=err)
        return exc.exit_code
    except Exception as exc:  # a bug: say so, keep the exit code distinct from usage errors
        print(f"cleancorpus: internal error: {type(exc).__name__}: {exc}", file=err)
        return CleancorpusError.exit_code
    folder = args.input[0] if len(args.input) == 1 and os.path.isdir(args.input[0]) else ""
    for error in result.errors[:MAX_ERRORS_SHOWN]:
        print(
            f"cleancorpus: skipped {os.path.join(folder, error.path)}: {error.problem}",
            file=err,
        )
    print_problem_summary(result.report, err)
    if not args.quiet:
        for path, problem in result.warnings[:MAX_WARNINGS_SHOWN]:
            print(f"cleancorpus: warning: {os.path.join(folder, path)}: {problem}", file=err)
        more = len(result.warnings) - MAX_WARNINGS_SHOWN
        if more > 0:
            print(f"cleancorpus: ... and {more:,} more warnings in report.json", file=err)
        print(summary(result), file=err)
    return result.exit_code


def options_from(args: argparse.Namespace) -> RunOptions:
    """Build RunOptions from parsed arguments; bad values raise ConfigError."""
    given = {
        name: getattr(args, name)
        for name in (
            "threshold",
            "shingle_size",
            "num_perm",
            "seed",
            "overlap_threshold",
            "copy_containment",
            "copy_jaccard",
        )
        if getattr(args, name) is not None
    }
    if args.drop_contained:
        given["drop_contained"] = True
    if args.passages is not None:
        given["passages"] = args.passages
    for name in ("min_passage_words", "max_passage_docs"):
        if getattr(args, name) is not None:
            given[name] = getattr(args, name)
    try:
        dedup = dataclasses.replace(DedupConfig(), **given)
        clean = dataclasses.replace(CleanConfig(), disable=frozenset(args.disable_rule))
    except ConfigError:
        raise
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc)) from exc
    learned = LearnedBoilerplate.load(args.learned_blocks) if args.learned_blocks else None
    learn: LearnConfig | bool = False if args.no_learn else _learn_config(args) or True
    return RunOptions(
        clean=clean,
        dedup=dedup,
        workers=args.workers,
        max_bytes=args.max_bytes,
        learn=learn,
        learned=learned,
        output_format=args.format,
        index=args.index,
        index_keep_shingles=args.index_keep_shingles,
        fields=_fields(args),
        extract=_extract(args),
        max_error_examples=args.max_error_examples,
    )


def _fields(args: argparse.Namespace) -> RecordFields:
    return RecordFields(args.id_field, args.text_field, args.html_field)


def _extract(args: argparse.Namespace) -> ExtractSettings:
    return ExtractSettings(
        favor_precision=args.extract_precision,
        fast=args.fast_extract,
        max_date=args.extract_max_date,
    )


def _learn_config(args: argparse.Namespace) -> LearnConfig | None:
    """The learning settings given on the command line, or None for the defaults."""
    given = {
        name: getattr(args, name)
        for name in ("min_documents", "min_fraction")
        if getattr(args, name) is not None
    }
    return dataclasses.replace(LearnConfig(), **given) if given else None


def _learn_command(args: argparse.Namespace, err: TextIO) -> int:
    options = RunOptions(
        workers=args.workers,
        learn=_learn_config(args) or LearnConfig(),
        fields=_fields(args),
        extract=_extract(args),
    )
    learning = Progress(err, label="learning")
    try:
        learned = learn(args.input, options, progress=learning)
    finally:
        learning.close()
    print(learned.describe())
    if args.save:
        learned.save(args.save)
        print(f"cleancorpus: saved {len(learned.blocks)} learned blocks to {args.save}", file=err)
    return 0


def print_problem_summary(report: dict[str, Any] | Any, err: TextIO) -> None:
    """After the first errors: how many there were in all, by kind and by file."""
    errors = report.get("problems", {}).get("errors")
    if not errors or errors["total"] <= MAX_ERRORS_SHOWN:
        return
    kinds = ", ".join(f"{n:,} {kind}" for kind, n in list(errors["by_kind"].items())[:5])
    files = ", ".join(f"{file} ({n:,})" for file, n in list(errors["by_file"].items())[:5])
    print(
        f"cleancorpus: ... {errors['total']:,} errors in all ({errors['listed']:,} listed in "
        f"report.json): {kinds}; most in {files}",
        file=err,
    )


def summary(result: RunResult) -> str:
    """One paragraph about a finished run."""
    counts = result.report["counts"]
    rules = len(result.report["removals_by_rule"])
    seconds = result.report["timings"].get("total", 0.0)
    text = (
        f"cleancorpus: read {counts['documents']:,} documents "
        f"({counts['characters_in']:,} characters); kept {counts['canonical']:,} canonical, "
        f"{counts['duplicates']:,} duplicates; removed {counts['removals']:,} spans "
        f"({counts['characters_removed']:,} characters) by {rules} rules; "
        f"{counts['errors']:,} files or records skipped with errors, "
        f"{counts['warnings']:,} warnings, {counts['skipped']:,} files ignored (extension "
        f"not read), {counts['skipped_records']:,} records ignored (not HTML); "
        f"wrote {result.output} in {seconds:.1f} s."
    )
    return text


def _size(value: str) -> int:
    """Parse a byte count such as 500000, 500k or 50MB (decimal units)."""
    text = value.strip().lower().replace("_", "")
    number = text.rstrip("kmgb")
    unit = text[len(number) :]
    try:
        if unit not in _UNITS:
            raise ValueError(value)
        return int(float(number) * _UNITS[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a size; use bytes like 500000, 500k or 50MB"
        ) from None
