#!/usr/bin/env bash
# Tools `make package` needs beyond the app's own: dpkg-deb, the desktop-file and AppStream validators,
# strace (the no-network check), patchelf (RUNPATHs) and lintian (the .deb check). Installed with apt-get
# when root; otherwise the line to run is printed.
set -u
packages=(dpkg desktop-file-utils appstream strace patchelf lintian)
missing=()
for package in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" = "installed" ] || missing+=("$package")
done
((${#missing[@]})) || exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
else
  echo "Packaging needs: sudo apt-get install ${missing[*]}"
  exit 1
fi
