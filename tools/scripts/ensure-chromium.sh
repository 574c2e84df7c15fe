#!/usr/bin/env bash
# Runs before `npm test`: the docs browser test drives Debian's Chromium (never a downloaded browser).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif sudo -n true 2>/dev/null; then
  as_root="sudo"
else
  echo "Chromium is missing: run 'sudo apt-get update && sudo apt-get install -y chromium', then npm test again." >&2
  exit 1
fi
echo "Installing Debian's chromium for the docs browser test…"
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
