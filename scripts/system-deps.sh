#!/usr/bin/env bash
# Debian/Ubuntu packages Qt needs at run time that a minimal system lacks (the xcb platform plugin,
# EGL/GL, fontconfig, and a font so that PDFs embed one). Installs them when run as root with apt-get;
# otherwise prints the one line to run. Quiet when everything is present.
set -u
packages=(
  python3-venv libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core
)
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not a Debian-family system: nothing we can check
missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$package")
done
((${#missing[@]})) || exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system libraries Qt needs: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
else
  echo "DrugRef needs these system libraries. Install them with:"
  echo "  sudo apt-get install ${missing[*]}"
  exit 1
fi
