"""Demo content around the curriculum: the home pages, the Month of Action 2026, its news, help,
about, hotlines.

The words live in `cms/content/demo/` (README.md there says how to write them), so that editors
and translators work on them without Python; `cms/demo.py` seeds them.
"""

from pathlib import Path

from lms.core.content_files import load_data

FILES = Path(__file__).resolve().parent / "content" / "demo"

HOME_PAGE = load_data(FILES / "home.yaml")
_site = load_data(FILES / "site.yaml")
CITY_NAME = _site["city_name"]
HOTLINE = _site["hotline"]
IMAGES = _site["images"]
_campaign = load_data(FILES / "campaign.yaml")
CAMPAIGN = _campaign["campaign"]
NEWS = _campaign["news"]
HELP_PAGE = load_data(FILES / "help.yaml")
ABOUT_PAGE = load_data(FILES / "about.yaml")
_hotlines = load_data(FILES / "hotlines.yaml")
HOTLINES = _hotlines["hotlines"]
TRUSTED_ADDRESSES = _hotlines["trusted_addresses"]
