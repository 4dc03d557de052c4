#!/usr/bin/env bash
# Build the one-folder app a second time from the same tree and compare the file lists with dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
second=$(mktemp -d)
trap 'rm -rf "$second"' EXIT
.venv/bin/pyinstaller --noconfirm --log-level ERROR --distpath "$second/dist" --workpath "$second/work" packaging/drugref.spec 2>/dev/null
if diff <(cd dist/drugref && find . | sort) <(cd "$second/dist/drugref" && find . | sort) >/dev/null; then
  echo "reproducible: two builds list the same $(cd dist/drugref && find . | wc -l) files"
else
  echo "two builds list different files:" >&2
  diff <(cd dist/drugref && find . | sort) <(cd "$second/dist/drugref" && find . | sort) >&2 || true
  exit 1
fi
