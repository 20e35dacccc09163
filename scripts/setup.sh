#!/usr/bin/env bash
# setup.sh - README command (1): install what is missing, build, index corpus/ and run a
# real query. Idempotent: a second run rebuilds nothing that is up to date and
# re-indexes only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ds_install_deps

echo "== configure and build (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2

echo "== index corpus/ into index/"
build/bin/indexer --index index corpus

echo "== query: searcher --index index '\"public core\" internet'"
build/bin/searcher --index index '"public core" internet'
