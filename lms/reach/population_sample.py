"""The sample population file officers download from the import page: the demo city's wards by
sex and age band, made from the demo figures (`lms/accounts/content/demo/areas.yaml`) so that
it imports into a demo database as it is. `python manage.py population_sample` writes it again
after those figures change; a test checks that the file kept in the repository is up to date.
"""

from pathlib import Path

from django.conf import settings

from lms.accounts.demo_areas import population_figures
from lms.accounts.demo_content import POPULATION_YEAR, WARDS
from lms.core.spreadsheets import xlsx_bytes

SAMPLE_STATIC = "samples/dan-so-theo-phuong.xlsx"  # for {% static %}
SAMPLE_FILE = Path(settings.BASE_DIR) / "frontend" / "static" / SAMPLE_STATIC
HEADERS = ("mã địa bàn", "tên địa bàn", "năm", "giới tính", "nhóm tuổi", "số người")
SEX_WORDS = {"female": "nữ", "male": "nam"}


def sample_rows() -> list[list]:
    """Headers, then a row per ward, sex and age band; the name column is a note for people
    (the import reads the code and leaves other columns alone)."""
    return [
        list(HEADERS),
        *(
            [ward.code, ward.name, POPULATION_YEAR, SEX_WORDS[sex], band, people]
            for ward in WARDS
            for sex, band, people in population_figures(ward)
        ),
    ]


def sample_xlsx() -> bytes:
    return xlsx_bytes(sample_rows(), title="Dân số theo phường", freeze="A2")
