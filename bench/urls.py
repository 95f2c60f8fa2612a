"""dukao's URLs plus ``bench/ping``: a signed-in request that reads the session and user and does nothing else."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from dukao.urls import urlpatterns as dukao_urls


@login_required
def ping(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/ping", ping), *dukao_urls]
