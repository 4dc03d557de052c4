#!/usr/bin/env bash
# Remove what install.sh put in place for this user; leaves favourites and settings in ~/.config/DrugRef.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
rm -rf "$HOME/.local/opt/drugref"
[ -L "$HOME/.local/bin/drugref" ] && rm -f "$HOME/.local/bin/drugref"
(cd "$here/share" && find . -type f) | while read -r file; do rm -f "$data/$file"; done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "DrugRef removed (your settings in ~/.config/DrugRef are kept)."
