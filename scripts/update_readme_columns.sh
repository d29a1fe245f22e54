#!/usr/bin/env bash
# Rewrites the README's column reference (the text between <!-- columns:begin --> and
# <!-- columns:end -->) from the column registry, engine/core/columns.cpp, as
# `reachmap columns` prints it. unit_core's Columns.ReadmeReferenceIsGenerated fails until it
# is run after a change to the registry:
#   scripts/update_readme_columns.sh [BUILD_DIR]      (default: build)
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$src/build}/reachmap"
readme="$src/README.md"
grep -qx '<!-- columns:begin -->' "$readme" && grep -qx '<!-- columns:end -->' "$readme" || {
  echo "README.md lacks the <!-- columns:begin --> and <!-- columns:end --> lines" >&2
  exit 1
}
generated="$(mktemp)"
updated="$(mktemp)"
trap 'rm -f "$generated" "$updated"' EXIT
"$bin" columns >"$generated"
awk -v generated="$generated" '
  $0 == "<!-- columns:begin -->" { print; while ((getline line < generated) > 0) print line; skip = 1; next }
  $0 == "<!-- columns:end -->" { skip = 0 }
  !skip { print }
' "$readme" >"$updated"
cat "$updated" >"$readme"
echo "README.md: column reference rewritten from $bin columns"
