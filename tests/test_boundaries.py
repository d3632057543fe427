"""The import picture the code keeps (docs/architecture.md): the parser is plain Python, and only the search
module talks to jieba or asks which database is in use. Each check fails when someone crosses a boundary."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "documents"
# The one place that knows jieba and the database vendor (and migrations, which may branch on the vendor).
SEARCH = set((DOCUMENTS / "search").glob("*.py"))


def _sources() -> list[Path]:
    return [path for path in DOCUMENTS.rglob("*.py") if "migrations" not in path.parts]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_importing_the_parser_loads_neither_django_nor_jieba():
    code = (
        "import sys; import documents.parsing, documents.parsing.indicators, documents.parsing.metrics; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'jieba', 'rjieba')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


@pytest.mark.parametrize("path", sorted((DOCUMENTS / "parsing").rglob("*.py")), ids=lambda p: p.name)
def test_parser_modules_import_no_django(path):
    assert not _imports(path) & {"django", "jieba", "rjieba", "documents"}


def test_only_the_search_module_imports_jieba():
    importers = {path for path in _sources() if _imports(path) & {"jieba", "rjieba"}}
    assert importers <= SEARCH


def test_only_the_search_module_branches_on_the_database_vendor():
    branching = {path for path in _sources() if "connection.vendor" in path.read_text(encoding="utf-8")}
    assert branching <= SEARCH


def test_only_the_tasks_module_imports_celery():
    # Celery is optional (requirements-queue.txt): the worker and `ingest --queue` load documents/tasks.py, and
    # nothing else may need it, so that a machine without it runs every other command and page (the ingest command
    # imports documents.tasks only for --queue: tests/test_tasks.py runs it with Celery hidden).
    sources = [*_sources(), *(ROOT / "policykb").glob("*.py")]
    importers = {path for path in sources if _imports(path) & {"celery", "kombu", "redis"}}
    assert importers <= {DOCUMENTS / "tasks.py", ROOT / "policykb" / "celery.py"}


@pytest.mark.parametrize("name", ["notice_files", "regions", "parsed_rows", "corrections"])
def test_the_parts_of_ingest_do_not_import_it(name):
    # documents/ingest.py imports its parts and re-exports their public names; a part importing it back
    # would make a circle that only import order holds together.
    tree = ast.parse((DOCUMENTS / f"{name}.py").read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert "documents.ingest" not in modules and not ("ingest" in names and "documents" in modules)


@pytest.mark.parametrize("path", sorted((DOCUMENTS / "migrations").glob("0*.py")), ids=lambda p: p.name)
def test_migrations_run_no_index_code_of_ours(path):
    # A migration runs years later with whatever the code has become; the index's form is its own SQL.
    # (0002 reads the theme vocabulary, data rather than code.)
    ours = {name for name in _modules(path) if name.split(".")[0] == "documents"}
    assert ours <= {"documents.parsing.themes"}


def _modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        *(node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module),
        *(alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names),
    }
