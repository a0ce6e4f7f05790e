"""The suite stands on shared ground: builders in tests/factories.py and tests/pages.py, fixtures in
the conftest.py files; no module of the suite imports a test module (whose helpers would then be
shared by accident, private ones included, and break when that file changes)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _is_test_module(dotted: str) -> bool:
    return dotted.rsplit(".", 1)[-1].startswith("test_")


def imported_test_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) of every test module `source` imports, however the import is written."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if _is_test_module(a.name)]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if node.module and _is_test_module(node.module):
                found.append((node.lineno, module))
            else:  # `from tests import test_attempts`, `from . import test_attempts`
                found += [
                    (node.lineno, f"{module}.{a.name}".replace("..", "."))
                    for a in node.names
                    if _is_test_module(a.name)
                ]
    return found


def test_no_module_of_the_suite_imports_a_test_module():
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{line} imports {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, module in imported_test_modules(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, (
        "Move what is shared to tests/factories.py, tests/pages.py or a conftest.py:\n"
        + "\n".join(offenders)
    )


def test_the_check_sees_every_way_of_importing_a_test_module():
    source = "\n".join(
        [
            "from tests.test_attempts import make_question",
            "from tests import test_contests",
            "import tests.e2e.test_quiz_player",
            "from .test_reach import _build_city",
            "from . import test_quiz_api",
            "def helper():",
            "    from tests.test_settings_and_site import _manage",
            "from tests.factories import make_question",
            "from tests import pages",
            "import tests.bench.bench_contest_day",
        ]
    )
    assert [line for line, _module in imported_test_modules(source)] == [1, 2, 3, 4, 5, 7]
