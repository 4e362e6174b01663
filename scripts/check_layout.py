"""Check the house: import circles among the modules of ``skillmatch/`` and ``web/``, and modules that are too long.

The import graph is read with :mod:`ast` (nothing is imported): every ``import`` and ``from ... import`` at
module level or inside a function counts; imports under ``if TYPE_CHECKING:`` do not (they never run), unless
``--type-checking`` is given. ``web/`` is the package ``skillmatch.web`` (as ``pyproject.toml`` ships it).

Prints each circle (a strongly connected group of modules, with one cycle through it; an edge marked
``(lazy)`` is an import inside a function) and each module over ``--max-lines`` lines, and exits 1 if there
is any, else 0.

    python scripts/check_layout.py                  # circles and modules over 500 lines
    python scripts/check_layout.py --max-lines 400  # a stricter size
    python scripts/check_layout.py --type-checking  # also count imports made for type checkers only
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREES = {"skillmatch": ROOT / "skillmatch", "skillmatch.web": ROOT / "web"}


@dataclass
class Module:
    """One module of the tree: its dotted name, file, length and the modules it imports."""

    name: str
    path: Path
    is_package: bool
    lines: int
    imports: dict[str, bool] = field(default_factory=dict)  # imported module -> only lazily (inside functions)


def _module_name(prefix: str, root: Path, path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join([prefix, *parts]), is_package


def find_modules(trees: dict[str, Path] = TREES) -> dict[str, Module]:
    """Every ``.py`` file below each tree root (skipping ``templates``/``static`` and dot folders), by name."""
    found: dict[str, Module] = {}
    for prefix, root in trees.items():
        for path in sorted(root.rglob("*.py")):
            rel = path.relative_to(root).parts
            if any(p.startswith(".") or p in {"templates", "static", "__pycache__"} for p in rel):
                continue
            name, is_package = _module_name(prefix, root, path)
            text = path.read_text(encoding="utf-8")
            found[name] = Module(name, path, is_package, text.count("\n") + (not text.endswith("\n") and bool(text)))
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, type_checking: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Each import statement, and whether it sits inside a function (lazy)."""

    def walk(node: ast.AST, lazy: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, lazy
            elif isinstance(child, ast.If) and _is_type_checking(child) and not type_checking:
                yield from (x for n in child.orelse for x in walk_one(n, lazy))
            else:
                inner = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
                yield from walk(child, inner)

    def walk_one(node: ast.AST, lazy: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, lazy
        else:
            yield from walk(node, lazy)

    yield from walk(tree, False)


def _resolve(module: Module, node: ast.Import | ast.ImportFrom, known: dict[str, Module]) -> list[str]:
    """The modules of the tree an import statement loads (the deepest known module of each name)."""
    targets: list[str] = []
    if isinstance(node, ast.Import):
        targets = [a.name for a in node.names]
    else:
        if node.level:
            base = module.name.split(".")
            if not module.is_package:
                base = base[:-1]
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            stem = ".".join([*base, node.module] if node.module else base)
        else:
            stem = node.module or ""
        targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in known else stem for a in node.names]
    out = []
    for t in targets:
        while t and t not in known:
            t = t.rpartition(".")[0]
        if t and t != module.name:
            out.append(t)
    return out


def build_graph(modules: dict[str, Module], type_checking: bool = False) -> dict[str, Module]:
    """Fill each module's imports (module name -> imported only inside functions)."""
    for m in modules.values():
        tree = ast.parse(m.path.read_text(encoding="utf-8"), filename=str(m.path))
        for node, lazy in _imports(tree, type_checking):
            for target in _resolve(m, node, modules):
                m.imports[target] = m.imports.get(target, True) and lazy
    return modules


def circles(modules: dict[str, Module]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan), each sorted, largest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # recursion depth is bounded by the number of modules (~100)
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in modules[v].imports:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for name in sorted(modules):
        if name not in index:
            visit(name)
    return sorted(groups, key=lambda g: (-len(g), g))


def one_cycle(modules: dict[str, Module], group: list[str]) -> list[str]:
    """A shortest cycle through the group's first module, staying inside the group (breadth first)."""
    inside = set(group)
    start = group[0]
    parent: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(modules[v].imports):
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if w in inside and w not in parent and w != start:
                    parent[w] = v
                    nxt.append(w)
        frontier = nxt
    return [start]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-lines", type=int, default=500, help="longest module allowed (default 500)")
    parser.add_argument("--type-checking", action="store_true", help="also count imports under TYPE_CHECKING")
    args = parser.parse_args(argv)
    modules = build_graph(find_modules(), type_checking=args.type_checking)
    problems = 0
    groups = circles(modules)
    print(f"{len(modules)} modules; {len(groups)} import circle(s)")
    for group in groups:
        cycle = one_cycle(modules, group)
        hops = " -> ".join(
            f"{a}{' (lazy)' if modules[a].imports[b] else ''}" for a, b in zip(cycle, cycle[1:], strict=False)
        )
        print(f"  circle of {len(group)}: {', '.join(group)}")
        print(f"    e.g. {hops} -> {cycle[-1]}")
        problems += 1
    long = sorted((m for m in modules.values() if m.lines > args.max_lines), key=lambda m: -m.lines)
    print(f"{len(long)} module(s) over {args.max_lines} lines")
    for m in long:
        print(f"  {m.lines:5d}  {m.path.relative_to(ROOT)}")
        problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
