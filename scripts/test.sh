#!/usr/bin/env bash
# test.sh [--sanitize] - README command (2): install what is missing, build and run the
# whole test suite (cmocka unit tests, end-to-end CLI tests, fuzz replay) under ctest.
#   --sanitize  build with clang, -fsanitize=address,undefined and the libFuzzer
#               harnesses (build-sanitize/), fail on any sanitizer report, and run each
#               fuzzer for a bounded time. .ci/run runs both variants.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
mode=${1:-}
case "$mode" in
    "" ) dir=build; cfg=() ;;
    --sanitize )
        dir=build-sanitize
        cfg=(-DSANITIZE=ON -DFUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
        export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
        export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
        export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
        ;;
    * ) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
esac
ds_install_deps "$mode"

echo "== configure and build ($dir/)"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cfg[@]}" >/dev/null
cmake --build "$dir" -j2

echo "== run the test suite ($dir/)"
ctest --test-dir "$dir" --output-on-failure -j2
