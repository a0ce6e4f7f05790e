"""The demo curriculum: four core modules (chủ đề) of three lessons each, in Vietnamese and English.

The words live in `courses/content/demo/` (one YAML file per module, README.md there says how to
write them), so that editors and translators work on them without Python; `cms/demo.py` seeds them.
"""

from pathlib import Path

from lms.core.content_files import load_data

FILES = Path(__file__).resolve().parent / "content" / "demo"

_curriculum = load_data(FILES / "curriculum.yaml")
IMAGES = _curriculum["images"]
DOCUMENTS = _curriculum["documents"]
CURRICULUM = _curriculum["index_page"]
MODULES = tuple(load_data(FILES / f"{name}.yaml") for name in _curriculum["modules"])
