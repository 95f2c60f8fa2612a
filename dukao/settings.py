"""Settings for dukao, fed by environment variables (see ``.env.example``).

``DATABASE_URL`` chooses the database: the embedded SQLite file ``var/dukao.sqlite3`` by default,
PostgreSQL in production and CI (``postgres://user@host:5432/name``).
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DUKAO_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DUKAO_DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-dukao-development-key-change-me-in-production"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]

INSTALLED_APPS = [
    "dukao.accounts",  # first: its commands replace django.contrib.auth's and axes' (changepassword, axes_reset…)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "dukao.audit",
    "dukao.units",
    "axes",
    "dukao.notices",
    "dukao.plans",
    "dukao.progress",
    "dukao.reviews",
    "dukao.supervision",
    "dukao.assessment",
    "dukao.desk",
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
    "dukao.lib.middleware.NulByteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dukao.audit.context.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
    "dukao.accounts.middleware.AccountPolicyMiddleware",
    "dukao.accounts.middleware.DutyMiddleware",
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
            "builtins": ["dukao.lib.templatetags.numbers"],
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
#: Two roles on PostgreSQL (docs/deploy.md): ``DATABASE_URL`` is the application's role, which owns nothing and
#: may not change or remove audit events; ``DATABASE_MIGRATE_URL`` the owner's, with which ``migrate`` and
#: ``restore`` connect (``ops.roles``). Unset: one role does both (SQLite, a demo).
DUKAO_DATABASE_MIGRATE = (
    dj_database_url.parse(os.environ["DATABASE_MIGRATE_URL"]) if os.environ.get("DATABASE_MIGRATE_URL") else {}
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk:home"
LOGOUT_REDIRECT_URL = "login"
# django-axes first: it refuses a locked-out username before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "dukao.accounts.backends.RolePermissionBackend",  # admin-site permissions from roles (三权分立)
]

# Security (docs/security.md maps each setting to its 等保 2.0 control, ASVS requirement and test).
# Demo mode: ``make demo`` sets DUKAO_DEMO=1; only then (or with DEBUG) may `dukao demo_accounts` create accounts
# with the published password, and may the second factor be switched off.
DUKAO_DEMO = _env_bool("DUKAO_DEMO")
# Passwords: length, character classes (of upper, lower, digit, symbol; 0 switches the rule off), how many earlier
# passwords may not be reused, days after which a change is forced (0: never), and the words of this deployment's
# context a password may not contain (besides the username and the names of units).
DUKAO_PASSWORD_MIN_LENGTH = int(os.environ.get("DUKAO_PASSWORD_MIN_LENGTH", "8"))
DUKAO_PASSWORD_MIN_CLASSES = int(os.environ.get("DUKAO_PASSWORD_MIN_CLASSES", "3"))
DUKAO_PASSWORD_HISTORY = int(os.environ.get("DUKAO_PASSWORD_HISTORY", "5"))
DUKAO_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("DUKAO_PASSWORD_MAX_AGE_DAYS", "90"))
DUKAO_PASSWORD_CONTEXT_WORDS = [
    w.strip()
    for w in os.environ.get("DUKAO_PASSWORD_CONTEXT_WORDS", "上城,shangcheng,杭州,hangzhou,督考,dukao").split(",")
    if w.strip()
]
#: Backups keep times to the microsecond (dukao/ops/serializers.py).
SERIALIZATION_MODULES = {"json_exact": "dukao.ops.serializers"}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": DUKAO_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "dukao.accounts.passwords.CharacterClassValidator",
        "OPTIONS": {"min_classes": DUKAO_PASSWORD_MIN_CLASSES},
    },
    {"NAME": "dukao.accounts.passwords.ContextWordValidator"},
    {"NAME": "dukao.accounts.passwords.HistoryValidator", "OPTIONS": {"keep": DUKAO_PASSWORD_HISTORY}},
]

# Login failures (django-axes): counted per username, never per address (a government LAN leaves through one),
# DUKAO_LOCKOUT_FAILURES failures lock the username for DUKAO_LOCKOUT_MINUTES; attempts during the lock do not
# extend it. `dukao account_unlock USERNAME` or the admin's 解除登录锁定 action unlock it earlier.
#: The shared cache: Redis in production (``DUKAO_CACHE_URL=redis://…``, docs/deploy.md), so that the limits
#: below hold across app servers; one process's memory in a demo.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["DUKAO_CACHE_URL"]}
    if os.environ.get("DUKAO_CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
#: Limits on what one account can cost everyone (dukao/lib/ratelimits.py): per user and minute for renders,
#: exports, imports and bulletin drafts; sign-in attempts per address and 10 minutes, above the per-username
#: lock — generous, as a unit's staff may share one address (raise it for a large unit behind one NAT).
DUKAO_RATE_LIMITS = {
    "render": os.environ.get("DUKAO_RATE_RENDER", "10/m"),
    "export": os.environ.get("DUKAO_RATE_EXPORT", "20/m"),
    "import": os.environ.get("DUKAO_RATE_IMPORT", "10/m"),
    "draft": os.environ.get("DUKAO_RATE_DRAFT", "10/m"),
    "sign_in": os.environ.get("DUKAO_RATE_SIGN_IN", "100/10m"),
}
#: Minutes a file render may wait for the task worker before its page says 超时 and offers to queue it again
#: (``dukao render_requeue`` queues every such render again).
DUKAO_RENDER_EXPIRY_MINUTES = int(os.environ.get("DUKAO_RENDER_EXPIRY_MINUTES", "10"))
RATELIMIT_IP_META_KEY = "REMOTE_ADDR"  # a trusted proxy sets it (docs/deploy.md), as for the audit trail
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = int(os.environ.get("DUKAO_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DUKAO_LOCKOUT_MINUTES", "30")))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dukao.accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # successful logins belong to the audit trail, not to a second log
AXES_ENABLE_ADMIN = False  # unlocking goes through the audited action and command, not by deleting attempts
AXES_VERBOSE = False
# axes.W006 wants the address among the lockout parameters: here it may not be one (every user of a unit shares
# it). Rotating user agents does not help an attacker: the failures of a username add up whatever the agent.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Second factor: a TOTP code after the password, for every account (DUKAO_REQUIRE_OTP may be off only in demo
# mode or with DEBUG: a system check refuses it otherwise). Each failure doubles the wait before the next try.
DUKAO_REQUIRE_OTP = _env_bool("DUKAO_REQUIRE_OTP", True)
OTP_TOTP_ISSUER = os.environ.get("DUKAO_OTP_ISSUER", "督考")
OTP_TOTP_THROTTLE_FACTOR = int(os.environ.get("DUKAO_OTP_THROTTLE_FACTOR", "1"))

# Sessions: minutes without a request after which a session ends (administrators sooner), and hours after sign-in
# after which it ends however busy. The session id changes at sign-in; logout deletes the session.
DUKAO_SESSION_IDLE_MINUTES = int(os.environ.get("DUKAO_SESSION_IDLE_MINUTES", "30"))
DUKAO_SESSION_IDLE_MINUTES_ADMIN = int(os.environ.get("DUKAO_SESSION_IDLE_MINUTES_ADMIN", "15"))
DUKAO_SESSION_MAX_HOURS = int(os.environ.get("DUKAO_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = DUKAO_SESSION_MAX_HOURS * 3600

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
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # the bulletin document view alone allows its own origin
# HTTPS (production, behind the reverse proxy of docs/deploy.md): DUKAO_HTTPS=1 redirects to HTTPS, sends HSTS for
# a year and marks the cookies Secure. Off by default, for `make demo` and tests on loopback over plain HTTP.
if _env_bool("DUKAO_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The shipped registry of organisational units (derived from the seed), loaded by a data migration.
DUKAO_UNIT_REGISTRY = BASE_DIR / "dukao" / "units" / "data" / "registry.json"

# Reporting (docs/reporting.md): the day of the month a period's report is due, and evidence limits.
DUKAO_REPORTING_DAY = int(os.environ.get("DUKAO_REPORTING_DAY", "25"))
# Nobody verifies their own figures (docs/reporting.md): an indicator routed to the reporting unit itself is
# verified by that unit's alternative, DUKAO_VERIFIER_ALTERNATIVES (JSON, reporting unit → verifying unit, as
# 区政府办公室 configures it), else DUKAO_VERIFIER_ALTERNATIVE.
DUKAO_VERIFIER_ALTERNATIVE = os.environ.get("DUKAO_VERIFIER_ALTERNATIVE", "区政府办公室")
DUKAO_VERIFIER_ALTERNATIVES = json.loads(os.environ.get("DUKAO_VERIFIER_ALTERNATIVES", "{}"))
DUKAO_EVIDENCE_MAX_BYTES = int(os.environ.get("DUKAO_EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))

# Supervision: who issues bulletins, to whom and under which 代字 is data (the admin's 通报版式模板). The folder
# holding the office's own fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) for PDF bulletins; where a face
# is not there the PDF takes Debian's Fandol faces, then Noto (docs/supervision.md, docs/deploy.md).
DUKAO_FONT_DIR = os.environ.get("DUKAO_FONT_DIR", "")
DUKAO_REMINDER_DAYS = int(os.environ.get("DUKAO_REMINDER_DAYS", "3"))
#: Days ahead of a node or deadline a task short of it turns yellow (即将逾期; docs/supervision.md, "Early warning").
DUKAO_WARNING_DAYS = int(os.environ.get("DUKAO_WARNING_DAYS", "7"))

# Assessment (docs/assessment.md): overrides of the scoring rules' defaults (``assessment.scoring.Rules``, JSON
# object, e.g. {"case_deduction": "3"}), and the days after which an unanswered coordination request is an
# objective cause.
DUKAO_ASSESSMENT_RULES = json.loads(os.environ.get("DUKAO_ASSESSMENT_RULES", "{}"))
DUKAO_ASSESSMENT_ANSWER_DAYS = int(os.environ.get("DUKAO_ASSESSMENT_ANSWER_DAYS", "15"))

# Background work: Django's tasks framework with a database-backed queue, run by `dukao db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# E-mail for reminders (Django 6.1 mailers): the console by default; SMTP or another backend by environment.
MAILERS = {"default": {"BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dukao@localhost")

# Notices to the person (docs/notices.md): the address links in notices start with; the waits (seconds) before
# each retry of a refused delivery (one number per retry); DingTalk / 浙政钉 work notifications (the server API's
# base URL, the app's key, secret and agent id); Aliyun SMS (endpoint, protocol, AccessKey, signature, template)
# and the template parameters an SMS may carry (of kind, count, link: never a name, unit or task).
DUKAO_SITE_URL = os.environ.get("DUKAO_SITE_URL", "http://127.0.0.1:8000")
DUKAO_NOTICE_RETRY_SECONDS = [int(s) for s in os.environ.get("DUKAO_NOTICE_RETRY_SECONDS", "60,300,1800").split(",")]
DUKAO_DINGTALK_BASE_URL = os.environ.get("DUKAO_DINGTALK_BASE_URL", "https://oapi.dingtalk.com")
DUKAO_DINGTALK_APP_KEY = os.environ.get("DUKAO_DINGTALK_APP_KEY", "")
DUKAO_DINGTALK_APP_SECRET = os.environ.get("DUKAO_DINGTALK_APP_SECRET", "")
DUKAO_DINGTALK_AGENT_ID = os.environ.get("DUKAO_DINGTALK_AGENT_ID", "0")
# Sign-in with DingTalk / 浙政钉 (off by default; docs/security.md): the same app's key and secret, DingTalk's
# authorize page (DUKAO_DINGTALK_LOGIN_URL) and its new API (DUKAO_DINGTALK_API_URL), overridable for a private
# deployment or a test's fake server.
DUKAO_DINGTALK_SIGNIN = _env_bool("DUKAO_DINGTALK_SIGNIN")
DUKAO_DINGTALK_LOGIN_URL = os.environ.get("DUKAO_DINGTALK_LOGIN_URL", "https://login.dingtalk.com")
DUKAO_DINGTALK_API_URL = os.environ.get("DUKAO_DINGTALK_API_URL", "https://api.dingtalk.com")
DUKAO_SMS_ENDPOINT = os.environ.get("DUKAO_SMS_ENDPOINT", "dysmsapi.aliyuncs.com")
DUKAO_SMS_PROTOCOL = os.environ.get("DUKAO_SMS_PROTOCOL", "https")
DUKAO_SMS_ACCESS_KEY_ID = os.environ.get("DUKAO_SMS_ACCESS_KEY_ID", "")
DUKAO_SMS_ACCESS_KEY_SECRET = os.environ.get("DUKAO_SMS_ACCESS_KEY_SECRET", "")
DUKAO_SMS_SIGN_NAME = os.environ.get("DUKAO_SMS_SIGN_NAME", "")
DUKAO_SMS_TEMPLATE_CODE = os.environ.get("DUKAO_SMS_TEMPLATE_CODE", "")
DUKAO_SMS_PARAMS = [p for p in os.environ.get("DUKAO_SMS_PARAMS", "kind,count,link").split(",") if p]

# Security (等保 2.0 level 3). Keys live outside the database, in the environment, as hex; where one is
# empty a development key is derived from SECRET_KEY and `dukao check --deploy` warns (docs/security.md).
DUKAO_CRYPTO_BACKEND = os.environ.get("DUKAO_CRYPTO_BACKEND", "dukao.lib.crypto.SoftwareBackend")
DUKAO_AUDIT_KEY = os.environ.get("DUKAO_AUDIT_KEY", "")  # 32 bytes: the audit chain's HMAC-SM3 key
DUKAO_FIELD_KEY = os.environ.get("DUKAO_FIELD_KEY", "")  # 16 bytes: the SM4 key of encrypted fields
# The audit chain's head written outside the database after each commit that adds events: a file path (append-only
# for the app's OS user, e.g. `chattr +a`) or "syslog"; `dukao audit_verify` compares the chain with the last one
# written, so events removed from the end are found even with the head row rolled back. Empty: none written.
DUKAO_AUDIT_CHECKPOINT = os.environ.get("DUKAO_AUDIT_CHECKPOINT", "")
# Audit events are kept at least this many days (GB/T 22239-2019 8.1.4.3 c; 网络安全法 第二十一条: 不少于六个月).
DUKAO_AUDIT_RETENTION_DAYS = int(os.environ.get("DUKAO_AUDIT_RETENTION_DAYS", "180"))
# The largest uncompressed total of a zip-based upload (.docx, .xlsx, .pptx): refuses zip bombs.
DUKAO_ARCHIVE_MAX_BYTES = int(os.environ.get("DUKAO_ARCHIVE_MAX_BYTES", str(200 * 1024 * 1024)))
