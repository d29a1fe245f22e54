#!/usr/bin/env bash
# Runs the demo and opens its GeoPackage in QGIS (tests/qgis/check_styles.py).
#   check_styles.sh REACHMAP_CLI WORK_DIR
# Without python3-qgis (installed by scripts/setup.sh) the test is skipped (77), or fails
# under CI=true.
set -euo pipefail
cli=$1 work=$2
if ! /usr/bin/python3 -c "import qgis.core" 2>/dev/null; then
  echo "python3-qgis is not installed"
  [ "${CI:-}" = "true" ] && exit 1
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
"$cli" demo -q --out "$work/demo"
/usr/bin/python3 "$(dirname "$0")/check_styles.py" "$work/demo" "$work/images"
