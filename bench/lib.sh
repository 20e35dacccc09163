# shellcheck shell=bash disable=SC2034  # (variables set here are read by the scripts)
# lib.sh - helpers shared by the bench/*.sh scripts (sourced, not run).
#
# Environment:
#   BENCH_CACHE   cache directory (default bench/.cache, gitignored): corpus, build, peers
#   DOSSIER_BIN   directory holding indexer and searcher (default: a Release build that
#                 these scripts make in $BENCH_CACHE/build from this checkout)
#   BENCH_SCALES  corpus scales to run, e.g. "1 30" (default per script)
#   BENCH_REPEAT  runs per measurement on x1, best time kept (default 3)
# Everything temporary goes under one mktemp -d directory, removed on exit.

bench_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_repo=$(cd "$bench_here/.." && pwd)
bench_cache=${BENCH_CACHE:-$bench_here/.cache}
mkdir -p "$bench_cache"
bench_cache=$(cd "$bench_cache" && pwd)
bench_tmp=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
trap 'rm -rf "$bench_tmp"' EXIT
trap 'exit 130' INT TERM

say() { printf '== %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# apt_need PKG... : install the Debian packages that are missing (as root).
bench_apt_updated=0
apt_need() {
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]} (apt-get)"
    [ "$(id -u)" -eq 0 ] || die "missing packages ${missing[*]} and not root"
    export DEBIAN_FRONTEND=noninteractive
    if [ $bench_apt_updated -eq 0 ]; then
        apt-get update -q >/dev/null
        bench_apt_updated=1
    fi
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# bench_setup: tools, corpus, dossier binaries and the peers. Sets IDX_BIN, SRCH_BIN,
# XAPIAN_INDEX, XAPIAN_QUERY, FTS5_PY.
bench_setup() {
    apt_need time g++ libxapian-dev python3 cmake make gcc pkg-config libstemmer-dev zlib1g-dev
    python3 -c 'import sqlite3; c = sqlite3.connect(":memory:"); c.execute("create virtual table t using fts5(x)")' \
        2>/dev/null || die "python3's sqlite3 module has no FTS5"
    BENCH_CACHE=$bench_cache bash "$bench_here/fetch_sotu.sh"
    if [ -n "${DOSSIER_BIN:-}" ]; then
        IDX_BIN=$DOSSIER_BIN/indexer
        SRCH_BIN=$DOSSIER_BIN/searcher
    else
        say "building dossier (Release) in $bench_cache/build"
        cmake -S "$bench_repo" -B "$bench_cache/build" -DCMAKE_BUILD_TYPE=Release \
            -DBUILD_TESTING=OFF >"$bench_tmp/cmake.log" 2>&1 ||
            { cat "$bench_tmp/cmake.log" >&2; die "cmake failed"; }
        cmake --build "$bench_cache/build" -j2 --target indexer searcher \
            >"$bench_tmp/build.log" 2>&1 || { tail -30 "$bench_tmp/build.log" >&2; die "build failed"; }
        IDX_BIN=$bench_cache/build/bin/indexer
        SRCH_BIN=$bench_cache/build/bin/searcher
    fi
    { [ -x "$IDX_BIN" ] && [ -x "$SRCH_BIN" ]; } || die "no indexer/searcher in ${DOSSIER_BIN:-$bench_cache/build/bin}"
    say "dossier: $IDX_BIN, $SRCH_BIN"
    mkdir -p "$bench_cache/peers"
    local p
    for p in xapian_index xapian_query; do
        if [ ! -x "$bench_cache/peers/$p" ] || [ "$bench_here/peers/$p.cc" -nt "$bench_cache/peers/$p" ]; then
            say "building peer $p (g++ -O2, xapian-config)"
            # shellcheck disable=SC2046
            g++ -O2 -std=c++17 -o "$bench_cache/peers/$p" "$bench_here/peers/$p.cc" \
                $(xapian-config --cxxflags --libs)
        fi
    done
    XAPIAN_INDEX=$bench_cache/peers/xapian_index
    XAPIAN_QUERY=$bench_cache/peers/xapian_query
    FTS5_PY=$bench_here/peers/fts5.py
}

# corpus_dir SCALE: the directory of corpus xSCALE (made by fetch_sotu.sh).
corpus_dir() {
    local d=$bench_cache/sotu/x$1
    [ -e "$d/.done" ] || SOTU_COPIES=$1 BENCH_CACHE=$bench_cache bash "$bench_here/fetch_sotu.sh" >/dev/null
    echo "$d"
}

# text_bytes DIR: bytes of .txt text under DIR.
text_bytes() { find "$1" -name '*.txt' -type f -print0 | xargs -0 cat | wc -c; }

# warm DIR: read the files once, so every contender reads them from the page cache.
warm() { find "$1" -name '*.txt' -type f -print0 | xargs -0 cat >/dev/null; }

# measure CMD...: run CMD once under /usr/bin/time; set SECS (wall, from the clock,
# 3 decimals) and RSS_MB (peak resident set, MB). Output goes to $bench_tmp/last.out/err.
measure() {
    local t0 t1 st=0
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$bench_tmp/time.out" "$@" >"$bench_tmp/last.out" 2>"$bench_tmp/last.err" || st=$?
    t1=$(date +%s%N)
    if [ $st -gt 1 ]; then
        echo "command failed ($st): $*" >&2
        tail -5 "$bench_tmp/last.err" >&2
        return $st
    fi
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    RSS_MB=$(awk '{ v = $1 } END { printf "%.1f", v / 1024 }' "$bench_tmp/time.out")
}

# du_mb PATH: apparent size in MB (10^6 bytes).
du_mb() { du -sb "$1" | awk '{ printf "%.2f", $1 / 1e6 }'; }

# calc EXPR: floating-point arithmetic through awk, 2 decimals.
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }

# verdict OK: PASS or MISS.
verdict() { if [ "$1" = 1 ]; then echo PASS; else echo MISS; fi; }

# load_note: print the load average; warn when other work competes for the 2 cores.
load_note() {
    local l
    l=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$l" 'BEGIN { exit !(l > 0.5) }'; then
        say "WARNING: load average $l before the run: other processes compete for the CPU; timings (--jobs 2 above all) are noisy"
    else
        say "load average $l"
    fi
}

# ensure_indexes SCALE: the indexes the query and KWIC benchmarks search, cached in
# $bench_cache/idx/xSCALE and rebuilt when a binary, a peer or the corpus changed:
#   dossier/   indexer with its default --jobs (BENCH_QUERY_JOBS overrides), compacted
#   xapian/    peers/xapian_index, compacted
#   fts5.db    peers/fts5.py, optimized
# Sets DIDX, XIDX, FIDX.
ensure_indexes() {
    local scale=$1 corpus dir jobs=() st
    corpus=$(corpus_dir "$scale")
    dir=$bench_cache/idx/x$scale
    [ -n "${BENCH_QUERY_JOBS:-}" ] && jobs=(--jobs "$BENCH_QUERY_JOBS")
    DIDX=$dir/dossier XIDX=$dir/xapian FIDX=$dir/fts5.db
    mkdir -p "$dir"
    # stamp FILE...: digest of what builds an index; fresh NAME STAMP: is it up to date?
    stamp() { cat "$@" "$corpus/.done" | sha1sum | cut -c1-16; }
    fresh() { [ "$(cat "$dir/.stamp.$1" 2>/dev/null)" = "$2" ]; }
    st="$(stamp "$IDX_BIN") jobs=${BENCH_QUERY_JOBS:-default}"
    if fresh dossier "$st"; then
        say "x$scale dossier index: cached in $DIDX"
    else
        say "x$scale dossier index: building (indexer ${jobs[*]:-(default jobs)}, then --compact)"
        rm -rf "$DIDX" "$dir/.stamp.dossier"
        "$IDX_BIN" -q -d "$DIDX" "${jobs[@]}" "$corpus" || [ $? -eq 1 ]
        "$IDX_BIN" -q -d "$DIDX" --compact
        echo "$st" >"$dir/.stamp.dossier"
    fi
    st=$(stamp "$XAPIAN_INDEX")
    if fresh xapian "$st"; then
        say "x$scale xapian index: cached in $XIDX"
    else
        say "x$scale xapian index: building (peers/xapian_index, then compact)"
        rm -rf "$XIDX" "$dir/xapian.tmp" "$dir/.stamp.xapian"
        "$XAPIAN_INDEX" "$dir/xapian.tmp" "$corpus" 2>/dev/null
        "$XAPIAN_INDEX" --compact "$dir/xapian.tmp" "$XIDX"
        rm -rf "$dir/xapian.tmp"
        echo "$st" >"$dir/.stamp.xapian"
    fi
    st=$(stamp "$FTS5_PY")
    if fresh fts5 "$st"; then
        say "x$scale fts5 index: cached in $FIDX"
    else
        say "x$scale fts5 index: building (peers/fts5.py index, then optimize)"
        rm -f "$FIDX" "$dir/.stamp.fts5"
        python3 "$FTS5_PY" index "$FIDX" "$corpus" 2>/dev/null
        python3 "$FTS5_PY" optimize "$FIDX"
        echo "$st" >"$dir/.stamp.fts5"
    fi
}
