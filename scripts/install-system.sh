#!/usr/bin/env bash
# Installs the Debian packages Eigenframe needs (Manim's cairo/pango, ffmpeg, a TeX Live
# subset, dvisvgm, a world-readable Python with venv, strace and Chromium for the tests) when any
# is missing.
set -euo pipefail

PACKAGES=(
  build-essential pkg-config python3 python3-dev python3-venv strace
  libcairo2-dev libpango1.0-dev ffmpeg
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended dvisvgm
  chromium
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
