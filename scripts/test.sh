#!/usr/bin/env bash
# Quick start 2: install dependencies, build, and run every test. Tests that use the real ONS
# data expect ../shared/data beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
cd build
ctest --output-on-failure -j"${JOBS:-$(nproc)}" --timeout 900
