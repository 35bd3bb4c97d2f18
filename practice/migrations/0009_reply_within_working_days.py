import re

import django.core.validators
from django.db import migrations, models

NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def days_promised(text, default=2):
    """The number in "within one working day" or "within 3 working days"."""
    words = text.lower()
    if digits := re.search(r"\b(10|[1-9])\b", words):
        return int(digits[1])
    for number, word in enumerate(NUMBER_WORDS, start=1):
        if re.search(rf"\b{word}\b", words):
            return number
    return default


def promise_as_a_number(apps, schema_editor):
    Practice = apps.get_model("practice", "Practice")
    for practice in Practice.objects.all():
        practice.reply_within_working_days = days_promised(practice.response_time)
        practice.save(update_fields=["reply_within_working_days"])


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0008_shorter_page_purposes"),
    ]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="reply_within_working_days",
            field=models.PositiveSmallIntegerField(
                default=2,
                help_text="How soon the practice replies to a booking request, Monday to "
                "Friday. Pages and emails promise it (“we will reply within two working "
                "days”), and requests waiting longer are flagged overdue.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(10),
                ],
                verbose_name="reply within (working days)",
            ),
        ),
        migrations.RunPython(promise_as_a_number, migrations.RunPython.noop),
        migrations.RemoveField(model_name="practice", name="response_time"),
    ]
