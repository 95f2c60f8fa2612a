"""Settings for dukao, fed by environment variables (see ``.env.example``).

``DATABASE_URL`` chooses the database: the embedded SQLite file ``var/dukao.sqlite3`` by default,
PostgreSQL in production and CI (``postgres://user@host:5432/name``).
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DUKAO_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DUKAO_DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or "dukao-insecure-development-key-change-me-in-production"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "dukao.audit",
    "dukao.units",
    "dukao.accounts",
    "dukao.plans",
    "dukao.progress",
    "dukao.reviews",
    "dukao.supervision",
    "dukao.assessment",
    "dukao.dashboard",
    "dukao.portal",
    "dukao.demo",
    "dukao.synth",
    "dukao.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dukao.audit.context.RequestContextMiddleware",
]

ROOT_URLCONF = "dukao.urls"
WSGI_APPLICATION = "dukao.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dukao" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "dukao.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'dukao.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers wait for each other instead of failing with "database is locked"; WAL lets readers go on.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:plan_list"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "dukao" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "dukao" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Every asset comes from this server: government intranets have no CDN.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "frame-src": [CSP.SELF],
    "form-action": [CSP.SELF],
}
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # the bulletin document view alone allows its own origin

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The shipped registry of organisational units (derived from the seed), loaded by a data migration.
DUKAO_UNIT_REGISTRY = BASE_DIR / "dukao" / "units" / "data" / "registry.json"

# Reporting (issue 4): the day of the month a period's report is due, and evidence limits.
DUKAO_REPORTING_DAY = int(os.environ.get("DUKAO_REPORTING_DAY", "25"))
DUKAO_EVIDENCE_MAX_BYTES = int(os.environ.get("DUKAO_EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))

# Supervision (issue 5): who issues bulletins, to whom, their document-number prefix, and which coordination
# requests a bulletin lists (open for at least this many days).
DUKAO_BULLETIN_ISSUER = os.environ.get("DUKAO_BULLETIN_ISSUER", "杭州市上城区人民政府办公室")
DUKAO_BULLETIN_RECIPIENTS = os.environ.get("DUKAO_BULLETIN_RECIPIENTS", "区政府各部门、各直属单位，各街道办事处")
DUKAO_BULLETIN_PREFIX = os.environ.get("DUKAO_BULLETIN_PREFIX", "上政办督")
DUKAO_BULLETIN_REQUEST_AGE = int(os.environ.get("DUKAO_BULLETIN_REQUEST_AGE", "30"))
DUKAO_REMINDER_DAYS = int(os.environ.get("DUKAO_REMINDER_DAYS", "3"))

# Assessment (issue 6): overrides of the scoring rules' defaults (``assessment.scoring.Rules``, JSON object, e.g.
# {"case_deduction": "3"}), and the days after which an unanswered coordination request is an objective cause.
DUKAO_ASSESSMENT_RULES = json.loads(os.environ.get("DUKAO_ASSESSMENT_RULES", "{}"))
DUKAO_ASSESSMENT_ANSWER_DAYS = int(os.environ.get("DUKAO_ASSESSMENT_ANSWER_DAYS", "15"))

# Background work: Django's tasks framework with a database-backed queue, run by `dukao db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# E-mail for reminders (Django 6.1 mailers): the console by default; SMTP or another backend by environment.
MAILERS = {"default": {"BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dukao@localhost")
