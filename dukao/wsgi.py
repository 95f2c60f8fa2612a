"""WSGI entry point for production servers (gunicorn ``dukao.wsgi``)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dukao.settings")
application = get_wsgi_application()

if "gunicorn" in sys.modules:
    # No server banner: gunicorn has no setting for its ``Server`` header, which names it; it takes this name.
    from gunicorn.http import wsgi as gunicorn_wsgi

    gunicorn_wsgi.SERVER = "dukao"
