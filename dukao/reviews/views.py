"""The verifiers' pages: the queue and the review of one submitted version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from dukao.progress import permissions
from dukao.progress.models import ReportVersion
from dukao.progress.services import WorkflowError
from dukao.progress.verifiers import routed_indicators
from dukao.reviews import selectors, services
from dukao.reviews.forms import ReviewForm


@login_required
def queue(request):
    if request.user.role not in permissions.REVIEWER_ROLES:
        raise PermissionDenied
    return render(request, "reviews/queue.html", {"versions": selectors.review_queue(request.user)})


@login_required
def review_version(request, version_id: int):
    """Verify or return the indicators of a version that the user's unit verifies."""
    version = get_object_or_404(
        ReportVersion.objects.select_related("report__task__plan", "report__unit").prefetch_related(
            "values__indicator", "reviews__reviewer", "evidence"
        ),
        pk=version_id,
    )
    mine = list(routed_indicators(request.user, version.report.unit_id).filter(task_id=version.report.task_id))
    if not mine and not permissions.reads_everything(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        indicator = next((i for i in mine if i.pk == data["indicator"]), None)
        if indicator is None:
            raise PermissionDenied
        try:
            services.review_decide(
                version=version,
                indicator=indicator,
                user=request.user,
                approve=data["decision"] == "verified",
                verified_value=data["verified_value"],
                verified_done=data["verified_done"],
                reason=data["reason"],
            )
        except (ValueError, WorkflowError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已记录核定结论。"))
            if version.reviews.filter(indicator__in=mine).count() == len(mine):
                return _next_in_queue(request, version)
        return redirect("reviews:review_version", version_id=version.pk)
    if form.errors:
        messages.error(
            request, _("核定未保存：%(errors)s") % {"errors": " ".join(e for es in form.errors.values() for e in es)}
        )
    reviewed = {r.indicator_id: r for r in version.reviews.all()}
    values = {v.indicator_id: v for v in version.values.all()}
    rows = [
        {"indicator": i, "value": values.get(i.pk), "review": reviewed.get(i.pk), "mine": i in mine}
        for i in version.report.task.indicators.all()
    ]
    context = {"version": version, "rows": rows, "form": form, "next": selectors.next_in_queue(request.user, version)}
    return render(request, "reviews/review.html", context)


def _next_in_queue(request, version: ReportVersion):
    """Once every indicator of the version the user verifies is decided: the next version in the queue, or the
    queue itself when it is empty."""
    following = selectors.next_in_queue(request.user, version)
    if following is None:
        messages.info(request, _("核定队列已清空。"))
        return redirect("reviews:queue")
    return redirect("reviews:review_version", version_id=following.pk)
