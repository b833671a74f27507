"""Figures a story needs that are not there, and where an editor adds each one.

The preview's warning names them with advice for the role of whoever reads it: an editor is
linked to the figure form, filled in with the measure, force and period (and the source of
the last figure added, with "Add another"); a reporter, who cannot add figures, is told to
ask an editor and given that same link to send. From the block itself, ticking a force
with no figures shows a warning with "Ask the editors for these figures" (`ask_editors`).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from .models import Measure, PoliceForce

PREFILLED = ("measure", "force", "period", "source")


def add_figure_url(**initial) -> str:
    """The admin's "Add figure" form, filled in with `initial` (pks and a period)."""
    query = urlencode({k: v for k, v in initial.items() if k in PREFILLED and v})
    url = reverse("wagtailsnippets_statistics_figure:add")
    return f"{url}?{query}" if query else url


@dataclass(frozen=True)
class NeededFigure:
    measure: Measure
    force: PoliceForce
    period: str

    @property
    def label(self) -> str:
        """ "Thames Valley's 2019/20 figure" """
        return f"{self.force.short_name}’s {self.period} figure"

    @property
    def add_url(self) -> str:
        return add_figure_url(measure=self.measure.pk, force=self.force.pk, period=self.period)


def figure_editors(exclude=None):
    """Active people who may add figures and have an email address (editors)."""
    permission = Permission.objects.get(content_type__app_label="statistics", codename="add_figure")
    people = get_user_model().objects.filter(is_active=True).exclude(email="")
    people = people.filter(
        Q(is_superuser=True) | Q(user_permissions=permission) | Q(groups__permissions=permission)
    ).distinct()
    return people.exclude(pk=exclude.pk) if exclude is not None else people


class FiguresNeededForm(forms.Form):
    measure = forms.ModelChoiceField(Measure.objects.all())
    force = forms.ModelMultipleChoiceField(PoliceForce.objects.all())


@require_POST
def ask_editors(request):
    """From a figure block, a writer asks the editors for the figures of forces that have
    none for the block's measure: one email to each, with a link per force to the figure
    form filled in, and the story to go back to."""
    form = FiguresNeededForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"message": "Choose a measure and tick a force first."}, status=400)
    measure, forces = form.cleaned_data["measure"], list(form.cleaned_data["force"])
    editors = list(figure_editors(exclude=request.user))
    if not editors:
        return JsonResponse({"message": "No editor has an email address to send to."}, status=409)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    writer = request.user.get_full_name() or request.user.get_username()
    lines = [
        f"{writer} needs figures for “{measure.name}” that are not in the database yet:",
        "",
        *(
            f"- {force.short_name}: {base}{add_figure_url(measure=measure.pk, force=force.pk)}"
            for force in forces
        ),
    ]
    story = request.POST.get("story", "")
    if story.startswith("/admin/"):
        lines += ["", f"The story: {base}{story}"]
    send_mail(
        subject=f"Figures needed: {measure.name}, {', '.join(f.short_name for f in forces)}",
        message="\n".join(lines),
        from_email=None,
        recipient_list=[editor.email for editor in editors],
    )
    count = "1 editor" if len(editors) == 1 else f"{len(editors)} editors"
    return JsonResponse({"message": f"Sent to {count}."})
