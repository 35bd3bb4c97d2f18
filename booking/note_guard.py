"""A gentle check of the booking form's note for details it is better not to hold.

The note is meant for practical things. A person in distress may write their diagnosis,
medicines, date of birth or an ID number there; the form then asks them once whether they
would rather leave those out. The check only asks: it never blocks a request, and what it
found is neither stored nor logged.
"""

import re

WORDS = (
    # Diagnoses and conditions.
    r"diagnos\w*|disorder\w*|depress\w*|anxiety|panic attacks?|ptsd|c-?ptsd|bipolar|"
    r"schizo\w*|psychos[ie]s|psychotic|adhd|autis\w*|asperger\w*|ocd|borderline|bpd|"
    r"anorexi\w*|bulimi\w*|binge[- ]eating|self[- ]harm\w*|suicid\w*|addict\w*|alcoholi\w*|"
    r"dementia|epilep\w*|diabet\w*|cancer|hiv|"
    # Medicines.
    r"medicat\w*|prescri\w*|antidepressants?|antipsychotics?|ssris?|snris?|"
    r"sertraline|zoloft|fluoxetine|prozac|escitalopram|lexapro|citalopram|celexa|paroxetine|"
    r"paxil|venlafaxine|effexor|duloxetine|cymbalta|bupropion|wellbutrin|mirtazapine|"
    r"trazodone|lithium|quetiapine|seroquel|aripiprazole|abilify|olanzapine|lamotrigine|"
    r"lamictal|adderall|ritalin|methylphenidate|vyvanse|xanax|alprazolam|klonopin|"
    r"clonazepam|valium|diazepam|ativan|lorazepam|\d+\s?mg|"
    # Identity numbers and dates of birth.
    r"date of birth|d\.?o\.?b|born on|social security|ssn|medicaid|medicare|"
    r"(?:member|policy|subscriber|insurance|group)\s*(?:id|no|number|#)"
)
PATTERNS = re.compile(
    rf"\b(?:{WORDS})\b"
    # A social security number: 123-45-6789.
    r"|\b\d{3}[- ]\d{2}[- ]\d{4}\b"
    # A full date in a year an adult was born (4/12/1988), not an appointment date.
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:19\d\d|20[01]\d)\b|\b(?:19\d\d|20[01]\d)-\d{2}-\d{2}\b",
    re.IGNORECASE,
)


def looks_sensitive(note):
    """Whether the note seems to hold health or identity details."""
    return PATTERNS.search(note) is not None
