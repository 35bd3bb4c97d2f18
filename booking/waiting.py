"""How long a person has waited for a first reply, in the working days the practice
promises it in (Monday to Friday, in the practice's time zone; public holidays are not
known here and count as working days)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from practice.models import Practice

SATURDAY = 5


def is_working_day(day):
    return day.weekday() < SATURDAY


def overdue_cutoff(now, working_days):
    """The moment a request must have arrived after to still be within the promise at `now`.

    A request's reply is due `working_days` working days after it arrived, counted from
    the next Monday when it arrived at a weekend; going back the same number of working
    days from now finds the latest arrival whose reply is already due.
    """
    moment = timezone.localtime(now).replace(tzinfo=None)
    if not is_working_day(moment):
        # Now is in a weekend: what was due by now was due by the start of Saturday.
        while not is_working_day(moment - timedelta(days=1)):
            moment -= timedelta(days=1)
        moment = datetime.combine(moment.date(), time.min)
    remaining = working_days
    while remaining:
        moment -= timedelta(days=1)
        if is_working_day(moment):
            remaining -= 1
    return timezone.make_aware(moment)


def working_days_waited(since, now):
    """The working days that began after `since` and have begun by `now`."""
    day, today = timezone.localtime(since).date(), timezone.localtime(now).date()
    count = 0
    while day < today:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def waited(since, now):
    """How long, in words: "40 minutes", "5 hours" on the first day, then working days."""
    days = working_days_waited(since, now)
    if days:
        return f"{days} working day{'s' if days > 1 else ''}"
    minutes = int((now - since).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    return f"{hours} hour{'s' if hours != 1 else ''}"


def reply_due_cutoff(now=None):
    """overdue_cutoff now, for the practice's promise."""
    promise = Practice.get_solo().reply_within_working_days
    return overdue_cutoff(now or timezone.now(), promise)
