#!/usr/bin/env bash
# run_all.sh - run every benchmark (fetch, index, query, KWIC) one after the other and
# keep a copy of the whole output in $BENCH_CACHE/results/run-DATE.txt. Not a test:
# exits 0 whether targets pass or miss (non-zero only if a benchmark could not run).
# The same environment as the scripts (bench/README.md): BENCH_SCALES, BENCH_REPEAT,
# DOSSIER_BIN, BENCH_CACHE. Takes about 15-20 minutes on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${BENCH_CACHE:-$here/.cache}
mkdir -p "$cache/results"
log=$cache/results/run-$(date +%Y%m%d-%H%M%S).txt
echo "== run_all: output also in $log"
{
    echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, $(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo '?')"
    bash "$here/fetch_sotu.sh"
    echo
    echo "######## index_bench.sh"
    bash "$here/index_bench.sh"
    echo
    echo "######## query_bench.sh"
    bash "$here/query_bench.sh"
    echo
    echo "######## kwic_bench.sh"
    bash "$here/kwic_bench.sh"
} 2>&1 | tee "$log"
exit "${PIPESTATUS[0]}"
