#!/usr/bin/env bash
# Sets up a fresh machine for the main job: npm dependencies and the build (npm ci runs `prepare`, which builds).
# The test-only pieces (Neovim, code-server, Chromium) are installed by scripts/setup-tests.sh, which
# `npm run test:all` runs itself. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "setup: npm ci" >&2
npm ci --no-audit --no-fund
echo "setup: done" >&2
