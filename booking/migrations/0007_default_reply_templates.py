from django.db import migrations

SIGN_OFF = "\n\nWith warm wishes,\n{practice}"
TEMPLATES = [
    (
        "Offer a consultation",
        "Your request for a first appointment",
        "Dear {first_name},\n\nThank you for getting in touch. {therapist} would be glad to "
        "meet you for a short first conversation, to hear what brings you and to see whether "
        "working together feels right. Could you reply with two or three times in the coming "
        "week that suit you?" + SIGN_OFF,
        "contacted",
        "",
    ),
    (
        "Ask for times",
        "Finding a time to talk",
        "Dear {first_name},\n\nThank you for your request. So that we can find a time for a "
        "first conversation with {therapist}, could you tell us which days and times usually "
        "work for you, and whether you would rather meet in person or online?" + SIGN_OFF,
        "contacted",
        "",
    ),
    (
        "Referral",
        "Your request for a first appointment",
        "Dear {first_name},\n\nThank you for reaching out, and for telling us what you are "
        "looking for. Having read your request, we think another practitioner would be better "
        "placed to help, and we would like to suggest:\n\n[add the names and how to reach "
        "them]\n\nIf you have any questions, please reply to this email." + SIGN_OFF,
        "closed",
        "referred_out",
    ),
    (
        "Not accepting new clients",
        "Your request for a first appointment",
        "Dear {first_name},\n\nThank you for getting in touch. {therapist} is not able to take "
        "on new clients at the moment, and we did not want to keep you waiting. Your insurer's "
        "list of providers or an online therapist directory can help you find someone who is "
        "available now." + SIGN_OFF,
        "closed",
        "referred_out",
    ),
]


def add_templates(apps, schema_editor):
    ReplyTemplate = apps.get_model("booking", "ReplyTemplate")
    for position, (name, subject, body, moves_to, closed_reason) in enumerate(TEMPLATES):
        ReplyTemplate.objects.get_or_create(
            name=name,
            defaults={
                "subject": subject,
                "body": body,
                "moves_to": moves_to,
                "closed_reason": closed_reason,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("booking", "0006_replies")]

    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
