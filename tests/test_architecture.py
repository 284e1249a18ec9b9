"""The package's shape: layers import only downward, modules import no cycle, and the public
API is the top-level package."""

from __future__ import annotations

import ast
from pathlib import Path

import cleancorpus

PACKAGE = Path(cleancorpus.__file__).parent
# Lowest first; a module may import its own layer's modules or those of lower layers.
LAYERS = (
    ("errors", "records", "util"),
    ("sources", "cleaning", "dedup"),
    ("learning",),
    ("output",),
    ("report",),
    ("options",),
    ("engine",),
    ("cli", "__init__", "__main__"),
)
LAYER_OF = {part: level for level, parts in enumerate(LAYERS) for part in parts}
# Within layer 1 the stages stay apart: none of sources, cleaning, dedup imports another.
INDEPENDENT = {"sources", "cleaning", "dedup"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """The cleancorpus modules that ``name`` imports, anywhere in its code."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    if name == "__init__":
        package = []
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.startswith("cleancorpus"):
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:  # "from . import x" imports the module x
                out.add(".".join([*target, alias.name]) if not node.module else ".".join(target))
        elif isinstance(node, ast.Import):
            out |= {a.name[12:] for a in node.names if a.name.startswith("cleancorpus.")}
    return {m for m in out if m}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {m for m in _imports(name, path) if m in modules and m != name}
        for name, path in modules.items()
    }


def test_every_module_belongs_to_a_layer():
    assert {name.split(".")[0] for name in _modules()} <= set(LAYER_OF)


def test_no_module_imports_a_higher_layer_or_a_sibling_stage():
    wrong = []
    for name, targets in _graph().items():
        top = name.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if LAYER_OF[other] > LAYER_OF[top]:
                wrong.append(f"{name} -> {target}")
            elif top != other and {top, other} <= INDEPENDENT:
                wrong.append(f"{name} -> {target} (stages stay apart)")
    assert not wrong


def test_modules_import_no_cycle():
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise AssertionError("import cycle: " + " -> ".join((*path, name)))
        if name in done:
            return
        for target in sorted(graph[name]):
            if target != "__init__":
                visit(target, (*path, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())


def test_the_public_api_is_the_top_level_package():
    for name in cleancorpus.__all__:
        assert getattr(cleancorpus, name) is not None
    expected = {
        "clean", "process", "run", "learn", "RunOptions", "CleanConfig", "TextCleaner", "Rule",
        "DedupConfig", "deduplicate", "Fingerprinter", "LearnConfig", "LearnedBoilerplate",
        "save_fingerprints", "load_fingerprints", "Document", "RawDocument", "Removal",
        "Cleaned", "Membership", "DocumentResult", "ProcessResult", "RunResult",
        "CleancorpusError", "ConfigError", "InputError", "MismatchError",
    }  # fmt: skip
    assert expected <= set(cleancorpus.__all__)


def test_examples_and_benchmarks_import_from_the_top_level_package_only():
    root = PACKAGE.parent.parent
    deep = []
    for folder in ("examples", "benchmarks"):
        for path in (root / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "cleancorpus."
                ):
                    deep.append(f"{path.relative_to(root)}: {node.module}")
    assert not deep
