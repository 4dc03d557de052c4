#!/usr/bin/env bash
# Install DrugRef for this user only: ~/.local/opt/drugref, ~/.local/bin/drugref, menu entry and icons.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=$HOME/.local/opt/drugref
bin=$HOME/.local/bin
mkdir -p "$(dirname "$prefix")" "$bin" "$data"
rm -rf "$prefix.new" && cp -a "$here/drugref" "$prefix.new" && rm -rf "$prefix" && mv "$prefix.new" "$prefix"
ln -sfn "$prefix/drugref" "$bin/drugref"
(cd "$here/share" && find . -type f) | while read -r file; do
  mkdir -p "$data/$(dirname "$file")"
  sed "s|@EXEC@|$prefix/drugref|" "$here/share/$file" > "$data/$file.tmp" 2>/dev/null || cp "$here/share/$file" "$data/$file.tmp"
  mv "$data/$file.tmp" "$data/$file"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "DrugRef installed: run 'drugref' (in $bin) or find it in your applications menu."
