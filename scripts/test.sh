#!/usr/bin/env bash
# The whole test suite, as CI runs it: warnings are errors; everything is built and
# tested twice, normally and under AddressSanitizer + UBSan; the benchmark runs
# once on a tiny input so it cannot rot (it asserts no timings).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

run_suite() {
  local dir=$1; shift
  cmake -S . -B "$dir" -DAINEWS_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  (cd "$dir" && ctest --output-on-failure -j"$jobs")
}

echo "== normal build"
run_suite build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== sanitizer build (address, undefined)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DAINEWS_SANITIZE=ON -DAINEWS_BUILD_BENCH=OFF
if [[ -x bench/run.sh ]]; then
  echo "== benchmark smoke run (tiny input, no timings asserted)"
  AINEWS_BUILD_DIR="$PWD/build-test" bench/run.sh --tiny
fi
