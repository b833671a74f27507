"""When a story was published and when it last changed, as readers and machines are told.

`publish_date` is a date an editor may back-date, so the moment of publication is the first
publication time when it falls on that day, and the start of that day otherwise. A story
changes when an editor marks it updated or adds a correction; republishing to fix a typo
does not count.
"""

import datetime

from django.utils import timezone


def published_at(article) -> datetime.datetime:
    first = article.first_published_at
    if article.publish_date is None:
        return first or timezone.now()
    if first and timezone.localdate(first) == article.publish_date:
        return first
    return start_of_day(article.publish_date)


def modified_at(article) -> datetime.datetime:
    """The latest of publication, the "updated" time and the corrections' dates."""
    moments = [published_at(article)]
    if article.last_updated:
        moments.append(article.last_updated)
    moments.extend(start_of_day(correction.date) for correction in article.corrections.all())
    return max(moments)


def start_of_day(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))
