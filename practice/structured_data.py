"""schema.org data (JSON-LD) about the practice and its therapists, for search engines."""

from django.urls import reverse


def practice(practice, therapists, absolute_uri):
    """The practice as a MedicalBusiness, with its therapists as the people who work there."""
    home = absolute_uri(reverse("home"))
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalBusiness",
        "@id": f"{home}#practice",
        "name": practice.name,
        "description": practice.tagline,
        "url": home,
        "email": practice.email,
        "medicalSpecialty": "Psychiatric",
        "employee": [person(therapist, absolute_uri) for therapist in therapists],
    }
    if practice.phone:
        data["telephone"] = practice.phone
    if practice.address and not practice.online_only:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(practice.address.splitlines()),
        }
    return data


def therapist(therapist, practice_details, absolute_uri):
    """A therapist's profile as a Person who works for the practice."""
    return {
        "@context": "https://schema.org",
        **person(therapist, absolute_uri),
        "worksFor": {
            "@type": "MedicalBusiness",
            "@id": f"{absolute_uri(reverse('home'))}#practice",
            "name": practice_details.name,
        },
    }


def person(therapist, absolute_uri):
    data = {
        "@type": "Person",
        "name": therapist.name,
        "url": absolute_uri(therapist.get_absolute_url()),
    }
    if therapist.short_bio:
        data["description"] = therapist.short_bio
    if therapist.licence_type:
        data["jobTitle"] = therapist.licence_type
    if therapist.licence:
        data["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "name": therapist.licence,
        }
    if therapist.languages:
        data["knowsLanguage"] = [name.strip() for name in therapist.languages.split(",")]
    if picture := therapist.photo_picture:
        data["image"] = absolute_uri(picture.src)
    return data
