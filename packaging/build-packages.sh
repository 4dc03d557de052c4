#!/usr/bin/env bash
# Turn dist/drugref/ (the PyInstaller one-folder build) into the .deb and the per-user tarball.
#   packaging/build-packages.sh            → dist/drugref_<version>_<arch>.deb, dist/drugref-<version>-linux-<arch>.tar.gz
# Paths inside the packages are fixed and timestamps come from SOURCE_DATE_EPOCH (default: the last
# commit), so two builds of the same tree list the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_ID=io.github.drugref.DrugRef
VERSION=$(python3 -c 'import re; print(re.search(r"__version__ = \"(.+)\"", open("desktop/__init__.py").read()).group(1))')
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
[ -x dist/drugref/drugref ] || { echo "dist/drugref/drugref is missing: run pyinstaller first (make package)" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

install_desktop_files() {  # $1 = root of the tree (…/usr or …/.local/share layout parent), $2 = Exec line
  local share=$1
  install -Dm644 resources/$APP_ID.metainfo.xml "$share/metainfo/$APP_ID.metainfo.xml"
  install -Dm644 resources/icons/$APP_ID.svg "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for png in resources/icons/hicolor/*/apps/$APP_ID.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    install -Dm644 "$png" "$share/icons/hicolor/$size/apps/$APP_ID.png"
  done
  sed "s|^Exec=.*|Exec=$2 %U|" resources/$APP_ID.desktop > "$stage/$APP_ID.desktop"
  install -Dm644 "$stage/$APP_ID.desktop" "$share/applications/$APP_ID.desktop"
}

# The one-folder build as it is installed: shared libraries are not programs (PyInstaller copies them
# with their execute bit), and a RUNPATH naming the build machine's Python (pyenv's /root/.pyenv/…)
# must not send the loader looking there on a user's machine; the $ORIGIN ones are the bundle's own.
copy_bundle() {  # $1 = target folder
  cp -a dist/drugref "$1"
  find "$1/_internal" -type f -name '*.so*' -exec chmod 644 {} +
  find "$1/_internal" -type f -name '*.so*' -print0 | while IFS= read -r -d '' library; do
    runpath=$(patchelf --print-rpath "$library" 2>/dev/null) || continue
    kept=$(tr ':' '\n' <<<"$runpath" | { grep '^\$ORIGIN' || true; } | paste -sd: -)
    if [ -z "$kept" ] && [ -n "$runpath" ]; then patchelf --remove-rpath "$library"
    elif [ "$kept" != "$runpath" ]; then patchelf --set-rpath "$kept" "$library"; fi
  done
}

# ---- .deb ---------------------------------------------------------------------------------------
root=$stage/deb
mkdir -p "$root/opt" "$root/usr/bin" "$root/DEBIAN"
copy_bundle "$root/opt/drugref"
cat > "$root/usr/bin/drugref" <<'LAUNCHER'
#!/bin/sh
exec /opt/drugref/drugref "$@"
LAUNCHER
chmod 755 "$root/usr/bin/drugref"
install_desktop_files "$root/usr/share" drugref
doc=$root/usr/share/doc/drugref
install -d "$doc" "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"
python3 packaging/debian_copyright.py "$root/opt/drugref" "$doc/copyright"
chmod 644 "$doc/copyright"
gzip -9n < packaging/debian/changelog > "$doc/changelog.gz"
gzip -9n < packaging/debian/drugref.1 > "$root/usr/share/man/man1/drugref.1.gz"
install -m644 packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/drugref"
size_kib=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: drugref
Version: $VERSION
Architecture: $ARCH
Maintainer: The DrugRef developers <drugref@users.noreply.github.com>
Installed-Size: $size_kib
Depends: libc6, libxcb-cursor0, libxkbcommon-x11-0, libxkbcommon0, libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, libx11-xcb1, fonts-dejavu-core
Section: science
Priority: optional
Description: offline reference for the IL-2 pathway drugs
 Search aldesleukin, bempegaldesleukin and nemvaleukin alfa by name, code name,
 identifier, trial ID or condition; read mechanism, dosing, safety, trials and
 approvals with the source passage behind every fact; print a summary sheet.
 Never uses the network. An educational reference, not medical advice.
CONTROL
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
deb=dist/drugref_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "built $deb ($(du -h "$deb" | cut -f1))"

# ---- per-user tarball ---------------------------------------------------------------------------
name=drugref-$VERSION-linux-$(uname -m)
tree=$stage/$name
mkdir -p "$tree"
copy_bundle "$tree/drugref"
mkdir -p "$tree/share"
install_desktop_files "$tree/share" '@EXEC@'
install -m755 packaging/install.sh packaging/uninstall.sh "$tree/"
tarball=dist/$name.tar.gz
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -C "$stage" -czf "$tarball" "$name"
echo "built $tarball ($(du -h "$tarball" | cut -f1))"
