#!/usr/bin/env bash
# Installs what only the tests need: Neovim 0.7 (the third-party LSP client of the editor tests), and the cached
# code-server 4.100.3 with Debian's Chromium for the real VS Code tests. Idempotent: finished steps are skipped,
# so `npm run test:all` runs it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v nvim >/dev/null 2>&1; then
  echo "setup-tests: installing neovim" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi

bash scripts/install-code-server.sh >/dev/null
echo "setup-tests: done" >&2
