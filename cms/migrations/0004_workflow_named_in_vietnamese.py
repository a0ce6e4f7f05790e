"""The editorial workflow and its task are named in Vietnamese only.

The back office speaks Vietnamese to our editors, and a workflow's name is data that no catalogue
translates, so the bilingual "Biên tập và duyệt / Write and review" read as a half-translated
screen ("Gửi tới Biên tập và duyệt / Write and review"). Renamed by their old names: a workflow
an administrator has renamed since is left as it is.
"""

from django.db import migrations

RENAMES = {
    ("wagtailcore", "Workflow"): ("Biên tập và duyệt / Write and review", "Biên tập và duyệt"),
    ("wagtailcore", "Task"): ("Duyệt nội dung / Content review", "Duyệt nội dung"),
}


def rename(apps, schema_editor, *, backwards: bool = False) -> None:
    for model, (old, new) in RENAMES.items():
        before, after = (new, old) if backwards else (old, new)
        apps.get_model(*model).objects.filter(name=before).update(name=after)


def rename_back(apps, schema_editor) -> None:
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_editorial_workflow")]

    operations = [migrations.RunPython(rename, rename_back)]
