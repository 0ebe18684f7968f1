#!/usr/bin/env bash
# Install code-server 4.100.3 (VS Code 1.100.3) into a cache dir, without network downloads
# other than the npm registry and Debian packages (see shared recipe vscode-e2e-in-code-server).
#
# Why not `npm install -g code-server`: its postinstall downloads ripgrep from GitHub and refuses to
# run as root. So we install with scripts off and rebuild the native modules ourselves.
# Why 4.100.3: newer code-server needs Node 24; this one runs on Node 20.
#
# Idempotent: does nothing when the cached code-server already reports 4.100.3.
# Usage: scripts/install-code-server.sh        (prints the code-server binary path on the last line)
# Env:   SOC2_CODE_SERVER_DIR  install dir (default ~/.cache/soc2-policy-studio/code-server-4.100.3)
set -euo pipefail

VERSION=4.100.3
DIR="${SOC2_CODE_SERVER_DIR:-$HOME/.cache/soc2-policy-studio/code-server-$VERSION}"
BIN="$DIR/node_modules/.bin/code-server"

log() { printf '[install-code-server] %s\n' "$*" >&2; }

# Fast path also needs chromium (the launcher's browser; a machine may have the cache but not it).
if [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -q "^$VERSION " && [ -x /usr/bin/chromium ]; then
  log "code-server $VERSION already installed in $DIR (and /usr/bin/chromium present): nothing to do"
  echo "$BIN"
  exit 0
fi

# --- apt packages: headers for native rebuilds, ripgrep (replaces the GitHub download), chromium
# (the browser playwright-core drives; never `npx playwright install`).
PKGS=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium g++ make python3)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "installing apt packages: ${missing[*]}"
  $SUDO apt-get update -qq
  # stdout (per-package progress) dropped; errors still reach stderr.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null
else
  log "apt packages already present"
fi

if [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -q "^$VERSION "; then
  log "code-server $VERSION already installed in $DIR"
  echo "$BIN"
  exit 0
fi

# --- code-server itself, scripts off.
start=$(date +%s)
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || npm init -y >/dev/null
log "npm install code-server@$VERSION (--ignore-scripts) into $DIR"
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2
log "rebuilding argon2 (code-server's own native module)"
npm_config_yes=true npm rebuild argon2 >&2

# --- the bundled VS Code's production deps, then its native modules.
cd node_modules/code-server/lib/vscode
log "npm install --omit=dev in lib/vscode"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "rebuilding VS Code native modules"
npm_config_yes=true npm rebuild node-pty @vscode/spdlog native-watchdog kerberos @parcel/watcher @vscode/deviceid >&2
# The server looks for node_modules.asar and the CLI helper names that postinstall would create.
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)

if ! "$BIN" --version | grep -q "^$VERSION "; then
  log "ERROR: $BIN --version does not report $VERSION"
  "$BIN" --version >&2 || true
  exit 1
fi
log "installed: $("$BIN" --version | head -1) in $(( $(date +%s) - start ))s (npm part)"
echo "$BIN"
