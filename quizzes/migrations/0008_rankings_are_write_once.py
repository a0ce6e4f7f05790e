"""Finalised rankings refuse UPDATE and DELETE in PostgreSQL itself, whatever path a change takes
(the ORM's guards, the admin, a raw SQL session). TRUNCATE (test database flushes) is unaffected."""

from django.db import migrations

TABLES = ("quizzes_rankingsnapshot", "quizzes_rankingrow")

CREATE = """
CREATE OR REPLACE FUNCTION quizzes_ranking_is_final() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'A finalised ranking cannot be changed or deleted; finalise a new version.';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_write_once BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION quizzes_ranking_is_final()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_write_once ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS quizzes_ranking_is_final()")


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0007_contests")]

    operations = [migrations.RunPython(forwards, backwards)]
