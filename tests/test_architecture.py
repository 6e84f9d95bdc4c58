"""The shape of intranet/ (docs/architecture.md): no import cycles, packages depend downwards only,
views never import another feature's views, no private names across modules, no stdlib names."""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "intranet"

#: bottom to top; a package imports only from lower layers (docs/architecture.md)
LAYERS = (
    {"hookspecs"},
    {"platform", "models"},  # platform.db ← models ← platform's audit, storage, health, backup
    {"cities"},
    {"people"},
    {"mail", "letters", "budget", "hostfamilies", "erasmus"},
    {"outbound"},
    {"inbound"},
    {"placement", "reports", "privacy"},
    {"partners"},  # the host administration's part: builds on the placement
    {"demo"},
    {"features"},  # every blueprint and command group
    {""},  # intranet/__init__.py: create_app
)


def module_name(path: Path, root: Path) -> str:
    """``intranet.outbound.workflow`` for ``intranet/outbound/workflow.py``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.ImportFrom | ast.Import, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The intranet modules one import statement names: a submodule if it is one, else its module."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    names = {f"{source}.{alias.name}" for alias in node.names}
    return {name if name in known else source for name in names} & known


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the intranet modules it imports, at load time or inside functions."""
    files = {module_name(path, root): path for path in root.rglob("*.py")}
    graph = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(), str(path))
        statements = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
        found = set().union(
            *(imported(n, module, path.name == "__init__.py", set(files)) for n in statements)
        )
        graph[module] = found - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_of(module: str) -> str:
    """``outbound`` for ``intranet.outbound.views.hr``; ``""`` for the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def is_view(module: str) -> bool:
    return ".views" in module or module.endswith(".views")


def test_the_graph_sees_imports_inside_functions(tmp_path):
    root = tmp_path / "intranet"
    (root / "a").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "a" / "__init__.py").write_text("")
    (root / "a" / "one.py").write_text("def f():\n    from intranet.a import two\n")
    (root / "a" / "two.py").write_text("from . import one\n")
    assert cycles(import_graph(root)) == [["intranet.a.one", "intranet.a.two"]]


def test_no_module_imports_a_module_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_every_package_has_a_layer_and_imports_only_from_below():
    wrong = []
    for module, targets in import_graph().items():
        own = package_of(module)
        for target in targets:
            other = package_of(target)
            if other == own or {own, other} == {"platform", "models"}:
                continue
            if layer_of(other) >= layer_of(own):
                wrong.append(f"{module} → {target}")
    assert wrong == []


@pytest.mark.parametrize("package", sorted({package_of(m) for m in import_graph()}))
def test_package_is_placed_in_a_layer(package):
    assert any(package in layer for layer in LAYERS), f"put intranet/{package} into LAYERS and the map"


def test_views_import_no_other_features_views():
    wrong = [
        f"{module} → {target}"
        for module, targets in import_graph().items()
        for target in targets
        if is_view(module) and is_view(target) and package_of(target) != package_of(module)
    ]
    assert wrong == []


def test_no_private_name_is_imported_from_another_module():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (
                node.level or (node.module or "").startswith("intranet")
            ):
                wrong += [f"{path.name}: {a.name}" for a in node.names if a.name.startswith("_")]
    assert wrong == []


def test_no_module_is_named_like_the_standard_library():
    shadowing = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.stem in sys.stdlib_module_names
    )
    assert shadowing == []
