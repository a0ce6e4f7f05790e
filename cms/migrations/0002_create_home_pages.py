"""Replace Wagtail's placeholder page with our home page, in Vietnamese and in English."""

import uuid

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(number: int) -> str:
    out = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        out = ALPHABET[digit] + out
    return out


def create_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("cms", "HomePage")

    if HomePage.objects.exists():
        return
    placeholder = Page.objects.filter(
        depth=2, slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    )
    Site.objects.filter(root_page__in=placeholder).delete()
    placeholder.delete()

    root = Page.objects.get(depth=1)
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    last = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True).first()
    next_step = int(last[4:], 36) + 1 if last else 1
    key = uuid.uuid4()
    now = timezone.now()
    pages = {}
    for offset, (locale, slug, title, intro) in enumerate(
        [
            (
                vi,
                "trang-chu",
                "Học Bình Đẳng",
                "Bài học và bài kiểm tra về bình đẳng giới cho học sinh Cần Thơ.",
            ),
            (
                en,
                "home",
                "Learn Equality",
                "Gender-equality lessons and quizzes for students in Cần Thơ.",
            ),
        ]
    ):
        pages[locale.language_code] = HomePage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            intro=intro,
            content_type=content_type,
            path=root.path + _step(next_step + offset),
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            locale=locale,
            translation_key=key,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost",
            port=80,
            site_name="Học Bình Đẳng",
            root_page=pages["vi"],
            is_default_site=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_pages, migrations.RunPython.noop)]
