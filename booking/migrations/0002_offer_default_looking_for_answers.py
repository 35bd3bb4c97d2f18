from django.db import migrations

DEFAULT_ANSWERS = ["Individual therapy", "Couples or relationship therapy", "Something else"]


def offer_default_answers(apps, schema_editor):
    LookingForOption = apps.get_model("booking", "LookingForOption")
    for position, label in enumerate(DEFAULT_ANSWERS):
        LookingForOption.objects.get_or_create(label=label, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [migrations.RunPython(offer_default_answers, migrations.RunPython.noop)]
