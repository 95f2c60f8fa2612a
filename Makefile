# dukao — the two commands a newcomer types are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
# pytest workers: one per core (2 on the CI machine)
TEST_WORKERS ?= auto
SEED := data/seeds/000_26a01e5d1773f912.txt
VENV := .venv
DUKAO := $(VENV)/bin/dukao

# uv: the one on PATH if it runs, else the copy `make` installs under .tools/.
UV := $(shell uv --version >/dev/null 2>&1 && command -v uv || echo .tools/bin/uv)
# Django 6 needs Python 3.12+: take one from PATH or pyenv; if there is none, uv provides one.
# (The interpreter's real path, not a pyenv shim, so that uv keeps the same .venv from one run to the next.)
PYTHON := $(firstword $(shell for v in 3.12 3.13; do \
	  python$$v -c 'import sys; print(sys.executable)' 2>/dev/null; \
	  ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v*/bin/python$$v 2>/dev/null; done) 3.12)

.PHONY: help install system-deps demo test lint bench corpus db-roles
help:
	@echo "make demo     安装依赖、迁移数据库、导入种子文件、创建演示账号并在 http://127.0.0.1:$(PORT) 提供服务"
	@echo "make test     安装依赖后运行 ruff、lint-imports（应用分层与纯规则模块）、makemigrations --check 与 pytest"
	@echo "make install  仅安装依赖到 .venv"
	@echo "make db-roles PostgreSQL 上建立属主（DATABASE_MIGRATE_URL）与应用（DATABASE_URL）两个角色并以属主迁移（docs/deploy.md）"
	@echo "make lint     ruff check 与 ruff format --check"
	@echo "make corpus   用真实分解文件语料（../shared/corpus）检验导入：逐文件输出“完全正确行数/行数”及合计"
	@echo "make bench    区、市、省三级规模基准测试（BENCH_SCALE=district|city|province），结果写入 bench/results.md"

.tools/bin/uv:
	@python3 -m venv .tools >/dev/null 2>&1 || { \
	  [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && echo "installing python3-venv" && rm -rf .tools \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null \
	  && python3 -m venv .tools; }
	.tools/bin/pip install --quiet uv

# WeasyPrint needs Pango, Chinese PDFs CJK fonts — the Fandol faces of texlive-lang-chinese (仿宋, 楷体, 黑体, 宋体 for
# every GB 2312 hanzi), Noto as the last fallback —, the layout tests poppler's pdftoppm, browser tests Chromium: from
# Debian's packages when missing (as root; without recommends, texlive-lang-chinese is about 70 MB).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk chromium poppler-utils
FONT_PACKAGES := texlive-lang-chinese
FANDOL := /usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf
system-deps:
	@if ! (fc-list :lang=zh 2>/dev/null | grep -q . && ldconfig -p | grep -q libpangoft2 && ldconfig -p | grep -q libharfbuzz-subset && command -v chromium >/dev/null \
	       && command -v pdftoppm >/dev/null && [ -f $(FANDOL) ]); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $(SYSTEM_PACKAGES) $(FONT_PACKAGES)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null \
	     && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(FONT_PACKAGES) >/dev/null); \
	  else echo "warning: install $(SYSTEM_PACKAGES) $(FONT_PACKAGES) (PDF bulletins, browser tests)"; fi; \
	fi

install: system-deps $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen --python "$(PYTHON)"
	@mkdir -p var

# Demo mode: the demo accounts may be created, and they sign in without a second factor (docs/security.md).
demo: export DUKAO_DEMO := 1
demo: export DUKAO_REQUIRE_OTP := 0
demo: install
	$(DUKAO) migrate --noinput
	$(DUKAO) collectstatic --noinput -v 0
	$(DUKAO) import_plan $(SEED)
	$(DUKAO) demo_accounts
	$(DUKAO) demo_data
	@# The task worker beside the server (Word/PDF renders, notices), stopped with it; its log in var/worker.log.
	$(DUKAO) db_worker >var/worker.log 2>&1 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(DUKAO) runserver 127.0.0.1:$(PORT)

# Two database roles on PostgreSQL (docs/deploy.md): DATABASE_URL the application's role, DATABASE_MIGRATE_URL the
# owner's; made once as a superuser, then the database migrated as the owner.
DATABASE_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres
db-roles: install
	$(DUKAO) db_roles --admin-url "$(DATABASE_ADMIN_URL)"
	$(DUKAO) migrate --noinput

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(DUKAO) makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(TEST_WORKERS)

# The corpus figure: real decomposition documents beside the checkout, compared row by row (tests/corpus/README.md).
corpus: install
	$(VENV)/bin/python -m tests.corpus

# Benchmarks at district, city and province scale (not part of the tests): bench/results.json and bench/results.md.
BENCH_SCALE ?= province
# The load generator (wrk) comes from Debian's packages when missing (as root); without it the load test is skipped.
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && echo "installing wrk" \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || true
	$(VENV)/bin/python bench/run.py --scale $(BENCH_SCALE)
