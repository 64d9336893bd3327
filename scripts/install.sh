#!/usr/bin/env bash
# Creates .venv and installs the workbench with its test tools. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
# torch first, at exactly the version whose CPU wheel our machines carry: any looser spec would
# make pip fetch the newest CUDA build (gigabytes).
.venv/bin/pip install --quiet --disable-pip-version-check torch==2.13.0
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[dev]"
# The browser test drives Debian's Chromium (Playwright's own browser download cannot work here).
if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get > /dev/null; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver > /dev/null
  else
    echo "warning: no /usr/bin/chromium and no apt-get: the browser test will not run" >&2
  fi
fi
