#!/usr/bin/env bash
# Quick start 1: install dependencies, build, and run reachmap on the embedded demo town.
# Outputs go to ./reachmap-demo (or the folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
out=${1:-reachmap-demo}
./build/reachmap demo --out "$out"
echo
echo "demo: done. Open $out/report.html in a browser (or $out/report.pdf): the report for the"
echo "      board. Then $out/maps/ (PNG, SVG, PDF), $out/indicators_neighbourhood.csv,"
echo "      $out/tables.xlsx, $out/reachmap.gpkg (in QGIS, styled)"
echo "      and $out/manifest.json; $out/private/ holds personal data: row-level diagnostics,"
echo "      the unsuppressed tables and maps, and outreach/ (a page per area to visit, with"
echo "      its postcodes and child ids): for staff only, never to be published."
