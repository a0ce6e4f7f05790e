"""The house stays tidy: imports sit at the top of a module unless a comment says why they
cannot, and no module grows past what a reader takes in. The layering itself (imports only point
down, DESIGN.md) is import-linter's contract in pyproject.toml, run by `make lint` and CI."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("lms", "courses", "quizzes", "cms")
MAX_LINES = 600


def project_modules() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and "content" not in path.parts
    )


def unexplained_imports(source: str) -> list[int]:
    """Lines of imports inside a function with no comment saying why: on the import's line, or
    on the line above the run of imports it belongs to."""
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            above = node.lineno - 2
            # Walk up over the imports (and blank lines) of the same run.
            while above >= 0 and (
                not lines[above].strip() or lines[above].lstrip().startswith(("from ", "import "))
            ):
                above -= 1
            explained = "#" in lines[node.lineno - 1] or (
                above >= 0 and lines[above].lstrip().startswith("#")
            )
            if not explained:
                found.append(node.lineno)
    return sorted(set(found))


def test_every_import_inside_a_function_says_why():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in project_modules()
        for line in unexplained_imports(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, (
        "Import at the top of the module, or say in a comment above why it cannot be:\n"
        + "\n".join(offenders)
    )


def test_the_check_tells_an_explained_import_from_a_bare_one():
    source = "\n".join(
        [
            "def bare():",
            "    from json import dumps",
            "",
            "def explained():",
            "    # reportlab is slow to import: only PDF requests pay for it.",
            "    from reportlab.lib import colors",
            "",
            "    from reportlab.pdfgen import canvas",
            "",
            "def inline():",
            "    from csv import writer  # a cycle of Django's own making",
        ]
    )
    assert unexplained_imports(source) == [2]


def test_no_module_is_longer_than_a_reader_takes_in():
    long = {
        str(path.relative_to(ROOT)): count
        for path in project_modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"Split these by concern (at most {MAX_LINES} lines): {long}"
