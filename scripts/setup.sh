#!/usr/bin/env bash
# Installs what reachmap needs to build and test, from Debian 12 packages. Idempotent: only
# missing packages are installed, and apt's index is refreshed only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-data
  libeigen3-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev libssl-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core libxlsxwriter-dev libminizip-dev libglpk-dev coinor-libclp-dev libxxhash-dev
  libjemalloc-dev
  poppler-utils time unzip
  chromium strace
  clang libclang-rt-14-dev
  python3-qgis python3-scipy python3-numpy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
