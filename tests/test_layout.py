"""The package layout and its import rules, read from the source with `ast`.

Each layer may import only the layers named in ALLOWED (and itself); Telegram is imported
only on the chat side and by the command line; nothing imports in a circle. A failure
names the files, so the arrow can be found and turned around.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bot"

ALLOWED: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "rendering": frozenset({"domain"}),
    "config": frozenset({"domain"}),
    "storage": frozenset({"domain", "config"}),
    "adapters": frozenset({"domain", "config"}),
    "usecases": frozenset({"domain", "rendering", "config", "storage", "adapters"}),
    "chat": frozenset({"usecases", "rendering", "config", "domain"}),
    # The command line and the demo are entry points: they build the chat side and print
    # what it says (through the texts), so they may read what chat reads, but never
    # storage or adapters; both reach the database's schema through usecases alone.
    "cli": frozenset({"chat", "usecases", "config", "rendering", "domain", "demo"}),
    "demo": frozenset({"chat", "fake_telegram", "usecases", "config", "rendering", "domain"}),
    "fake_telegram": frozenset(),
    "root": frozenset(),
}
TELEGRAM_LAYERS = frozenset({"chat", "cli"})
ROOT_MODULES = frozenset({"__init__.py", "__main__.py", "cli.py"})


@dataclass(frozen=True, slots=True)
class Import:
    source: str
    target: str
    line: int


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    if parts[1] in ("cli", "__main__"):
        return "cli"
    return parts[1]


def imports(known: dict[str, Path]) -> Iterator[Import]:
    """Every import of a bot module, wherever it stands (a lazy one inside a function too)."""
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                # `from bot.chat import jobs` imports bot.chat.jobs, `from bot.x import Y`
                # bot.x: each name counts, the package too when a name is not a module.
                named = [f"{base}.{alias.name}" for alias in node.names]
                targets = [t for t in named if t in known]
                if len(targets) < len(named):
                    targets.append(base)
            else:
                continue
            for target in dict.fromkeys(_resolve(t, known) for t in targets):
                if target is not None and target != name:
                    yield Import(name, target, node.lineno)


def external_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def _resolve(target: str, known: dict[str, Path]) -> str | None:
    """The module a dotted name lives in: `bot.domain.parsing.Report` is bot.domain.parsing."""
    while target:
        if target in known:
            return target
        target = target.rpartition(".")[0]
    return None


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    known = modules(package)
    edges: dict[str, set[str]] = {name: set() for name in known}
    for found in imports(known):
        edges[found.source].add(found.target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def wrong_arrows(package: Path = PACKAGE) -> list[str]:
    """Each import that points where its layer may not look, as `file:line imports module`."""
    known = modules(package)
    return [
        f"{known[found.source].relative_to(package.parent)}:{found.line} imports {found.target}"
        for found in imports(known)
        if layer(found.target) != layer(found.source)
        and layer(found.target) not in ALLOWED[layer(found.source)]
    ]


def test_every_import_points_the_allowed_way() -> None:
    assert wrong_arrows() == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert cycles(graph()) == []


def test_only_the_chat_side_and_the_command_line_import_telegram() -> None:
    wrong = [
        str(path.relative_to(PACKAGE.parent))
        for name, path in modules().items()
        if layer(name) not in TELEGRAM_LAYERS and "telegram" in external_imports(path)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("package", "importers"),
    [("demo", {"cli", "demo"}), ("fake_telegram", {"demo", "fake_telegram"})],
)
def test_test_helpers_are_imported_only_by_their_users(package: str, importers: set[str]) -> None:
    known = modules()
    wrong = [
        f"{known[found.source].relative_to(PACKAGE.parent)}:{found.line}"
        for found in imports(known)
        if layer(found.target) == package and layer(found.source) not in importers
    ]
    assert wrong == []


def test_the_command_line_loads_the_demo_only_when_asked() -> None:
    """Production never needs the fake server: `bot.demo` is imported inside `demo()`."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    eager = [
        node.lineno
        for node in tree.body
        if (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot.demo"))
        or (isinstance(node, ast.Import) and any(a.name.startswith("bot.demo") for a in node.names))
    ]
    assert eager == []


def test_the_package_root_holds_only_the_entry_points_and_packages() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ROOT_MODULES)
    assert loose == []


def test_every_package_says_in_one_line_what_it_holds_and_may_import() -> None:
    silent = []
    for init in sorted(PACKAGE.rglob("__init__.py")):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        if len(docstring.splitlines()) != 1 or "import" not in docstring:
            silent.append(str(init.relative_to(PACKAGE.parent)))
    assert silent == []


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "bot"


def test_an_arrow_from_the_domain_up_to_storage_is_named_with_its_file(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "bot/__init__.py": "",
            "bot/domain/__init__.py": "",
            "bot/domain/reports.py": "\n\nfrom bot.storage.tables import Figure\n",
            "bot/storage/__init__.py": "",
            "bot/storage/tables.py": "from bot.domain import reports\n",
        },
    )
    assert wrong_arrows(package) == ["bot/domain/reports.py:3 imports bot.storage.tables"]


def test_a_lazy_import_inside_a_function_counts(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "bot/__init__.py": "",
            "bot/rendering/__init__.py": "",
            "bot/rendering/charts.py": "def draw():\n    from bot.usecases import posts\n",
            "bot/usecases/__init__.py": "",
            "bot/usecases/posts.py": "",
        },
    )
    assert wrong_arrows(package) == ["bot/rendering/charts.py:2 imports bot.usecases.posts"]


def test_a_cycle_is_found_and_named(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "bot/__init__.py": "",
            "bot/domain/__init__.py": "",
            "bot/domain/parsing.py": "from bot.domain.reading import scan\n",
            "bot/domain/reading.py": "from bot.domain import parsing\n",
            "bot/domain/dates.py": "from bot.domain import parsing\n",
        },
    )
    assert cycles(graph(package)) == [["bot.domain.parsing", "bot.domain.reading"]]
