#!/usr/bin/env bash
# One command for the whole ainews benchmark (see bench/README.md):
#   bench/run.sh [--input FILE.jsonl] [--runs N] [--tiny] [--scale N] [...]
# Configures and builds the project with cmake only when the build folder is missing
# (AINEWS_BUILD_DIR, default build/), then hands over to bench/bench.py.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
build="${AINEWS_BUILD_DIR:-$root/build}"
if [ ! -d "$build" ]; then
  echo "[bench] $build is missing: configuring and building with cmake" >&2
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
  cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >&2
fi
exec python3 "$here/bench.py" --build-dir "$build" "$@"
