"""The admin's "Email alerts" report: per story or import, how many alerts went out, are
queued or failed (and the last error), and how many confirmed subscribers follow what.
Counts only: addresses are in the Subscribers listing, for the "Subscribers" role."""

from django.db.models import Count, Max, Q
from django.shortcuts import render

from .models import Alert, DeliveryStatus, Follow, Subscriber, Subscription

SHOWN = 50


def alerts_report(request):
    counts = {
        status: Count("deliveries", filter=Q(deliveries__status=status))
        for status in DeliveryStatus.values
    }
    alerts = (
        Alert.objects.select_related("story")
        .annotate(
            **counts,
            queued_total=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]),
            ),
            last_error=Max("deliveries__error", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
        )
        .order_by("-created_at")[:SHOWN]
    )
    following = dict(
        Subscription.objects.confirmed()
        .values_list("follow")
        .annotate(n=Count("subscriber", distinct=True))
        .order_by()
    )
    return render(
        request,
        "alerts/admin/report.html",
        {
            "alerts": alerts,
            "following": [(label, following.get(value, 0)) for value, label in Follow.choices],
            "subscribers": Subscriber.objects.filter(subscriptions__confirmed_at__isnull=False)
            .distinct()
            .count(),
            "can_see_addresses": request.user.has_perm("alerts.view_subscriber"),
        },
    )
