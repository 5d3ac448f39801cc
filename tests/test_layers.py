"""The layers of src/parkdata depend one way (data <- model <- present; curate and testing are
leaves), no module imports itself round a cycle, and an import inside a function is there only
to save measured start-up time (it says so in a comment on the line before)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "parkdata"
LAYERS = ("data", "model", "present", "curate", "testing")
# layer -> the layers it may import
ALLOWED = {
    "data": {"data"},
    "model": {"data", "model"},
    "present": {"data", "model", "present"},
    "curate": {"data", "model", "present", "curate"},
    "testing": {"data", "model", "present", "curate", "testing"},
}


def modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__")
        out[name] = path
    return out


def imports(path: Path) -> list[tuple[str, ast.AST, bool]]:
    """(imported parkdata module, node, inside a function) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    nested = {id(n) for f in functions for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("parkdata"):
            targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [(t, node, id(node) in nested) for t in targets]
        elif isinstance(node, ast.Import):
            found += [
                (a.name, node, id(node) in nested)
                for a in node.names
                if a.name.startswith("parkdata")
            ]
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {
        name: {t for t, _, _ in imports(path) if t in mods and t != name}
        for name, path in mods.items()
    }


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_lives_in_a_layer():
    loose = [m for m in modules() if m != "parkdata" and layer(m) is None]
    assert loose == []


@pytest.mark.parametrize("source_layer", LAYERS)
def test_layers_depend_one_way(source_layer):
    wrong = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        if layer(module) == source_layer
        for target in targets
        if layer(target) not in ALLOWED[source_layer]
    ]
    assert wrong == []


def test_no_import_cycle():
    edges = graph()
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle.extend(path[path.index(nxt) :] + [node, nxt] if nxt in path else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, [*path, node]):
                return True
        state[node] = 2
        return False

    for node in sorted(edges):
        if state.get(node) is None and visit(node, []):
            break
    assert cycle == []


def test_imports_inside_functions_say_why():
    unexplained = []
    for name, path in modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for target, node, nested in imports(path):
            if not nested:
                continue
            before = lines[node.lineno - 2] if node.lineno >= 2 else ""
            if "start-up" not in before and "start-up" not in lines[node.lineno - 1]:
                unexplained.append(f"{name}:{node.lineno} imports {target}")
    assert sorted(set(unexplained)) == []
