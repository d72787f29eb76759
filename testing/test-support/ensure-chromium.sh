#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver (for the report page's browser test) if missing.
# Idempotent; needs root or sudo, and Debian's package registry.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "chromium is missing and this user cannot install it (no root, no sudo)" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing chromium and chromium-driver from Debian's packages..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
command -v chromium >/dev/null && command -v chromedriver >/dev/null
