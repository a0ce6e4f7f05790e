from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reach", "0005_population_measure_and_families"),
    ]

    operations = [
        migrations.AddField(
            model_name="reachsnapshot",
            name="people_reached",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="reachsnapshot",
            name="population",
            field=models.PositiveIntegerField(null=True),
        ),
    ]
