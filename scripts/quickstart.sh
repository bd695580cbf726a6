#!/usr/bin/env bash
# Quick start: install what is missing, build, index the bundled corpus/ and search it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DAINEWS_BUILD_TESTS=OFF -DAINEWS_BUILD_BENCH=OFF >/dev/null
cmake --build build -j"$(nproc)"
./build/ainews-index --db ainews.db corpus/
echo
echo '$ ainews-search --db ainews.db --company TML --facets company,month'
./build/ainews-search --db ainews.db --company TML --facets company,month
