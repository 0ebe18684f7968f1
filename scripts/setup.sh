#!/usr/bin/env bash
# Sets up a fresh machine for development and CI: system packages, npm dependencies, the build,
# and the cached code-server used by the real VS Code tests. Safe to run again; finished steps are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Neovim 0.7 is the third-party LSP client of the editor tests.
missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "setup: npm ci" >&2
npm ci --no-audit --no-fund

# code-server 4.100.3 (VS Code 1.100.3) and Debian Chromium for the end-to-end suite.
bash scripts/install-code-server.sh >/dev/null

npm run build
echo "setup: done" >&2
