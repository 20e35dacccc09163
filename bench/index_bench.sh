#!/usr/bin/env bash
# index_bench.sh - indexing speed, memory and index size of dossier against its peers,
# measured in the same run on the same files (issue 3). Not a test: prints numbers,
# ratios and PASS/MISS per target, and exits 0 whether targets pass or miss.
#
# On the State of the Union corpus x1 (10.8 MB) and x30 (323 MB), each contender builds
# a new index from the same (page-cached) files:
#   dossier-j1   indexer --jobs 1        (then indexer --compact)
#   dossier-j2   indexer --jobs 2        (then indexer --compact)
#   xapian       bench/peers/xapian_index.cc: TermGenerator, English stems, positions,
#                text as document data (then Database::compact)
#   fts5         SQLite FTS5 through python3's sqlite3: content stored, porter
#                unicode61, positions (detail=full) (then 'optimize' + VACUUM)
# For each: seconds (best of BENCH_REPEAT on x1, one run on larger scales), MB/s of text,
# peak RSS, index size and size/text, as built and compacted.
#
# Usage: bash bench/index_bench.sh            (BENCH_SCALES="1 30" by default)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scales=${BENCH_SCALES:-1 30}
repeat=${BENCH_REPEAT:-3}
bench_setup
load_note
say "contenders: dossier-jN = indexer --jobs N; xapian = peers/xapian_index.cc (TermGenerator,"
say "  $(xapian-config --version | sed 's/.* //'), English stems, positions, text as data); fts5 = SQLite"
say "  $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)') FTS5 via python3 (content stored, porter unicode61, positions)"

# run_best N DIR CMD...: run CMD N times (DIR removed before each run); keep the best
# time in BEST_SECS and the largest peak RSS in BEST_RSS.
run_best() {
    local n=$1 dir=$2 i
    shift 2
    BEST_SECS='' BEST_RSS=0
    for ((i = 0; i < n; i++)); do
        rm -rf "$dir"
        measure "$@"
        if [ -z "$BEST_SECS" ] || awk -v a="$SECS" -v b="$BEST_SECS" 'BEGIN { exit !(a < b) }'; then
            BEST_SECS=$SECS
        fi
        BEST_RSS=$(awk -v a="$RSS_MB" -v b="$BEST_RSS" 'BEGIN { print (a > b) ? a : b }')
    done
}

row() { # name secs rss size_mb text_mb
    printf '%-22s %8s %8s %9s %10s %8s\n' "$1" "$2" "$(calc "$5 / $2")" "$3" "$4" "$(calc "$4 / $5")"
}

for scale in $scales; do
    corpus=$(corpus_dir "$scale")
    bytes=$(text_bytes "$corpus")
    text_mb=$(calc "$bytes / 1e6")
    n=$repeat
    [ "$scale" = 1 ] || n=1
    warm "$corpus"
    say "x$scale: $corpus, $(find "$corpus" -name '*.txt' | wc -l) files, $text_mb MB of text; best of $n run(s)"
    printf '%-22s %8s %8s %9s %10s %8s\n' contender seconds 'MB/s' 'RSS(MB)' 'index(MB)' 'idx/text'
    w=$bench_tmp/x$scale
    declare -A R=()
    mkdir -p "$w"

    for j in 1 2; do
        run_best "$n" "$w/d$j" "$IDX_BIN" -q -d "$w/d$j" --jobs "$j" "$corpus"
        R[d$j.secs]=$BEST_SECS R[d$j.rss]=$BEST_RSS
        row "dossier-j$j" "$BEST_SECS" "$BEST_RSS" "$(du_mb "$w/d$j")" "$text_mb"
        measure "$IDX_BIN" -q -d "$w/d$j" --compact
        R[d$j.cmb]=$(du_mb "$w/d$j")
        row "  after --compact" "$SECS" "$RSS_MB" "$(du_mb "$w/d$j")" "$text_mb"
    done

    run_best "$n" "$w/xap" "$XAPIAN_INDEX" "$w/xap" "$corpus"
    x_secs=$BEST_SECS x_rss=$BEST_RSS
    row xapian "$BEST_SECS" "$BEST_RSS" "$(du_mb "$w/xap")" "$text_mb"
    rm -rf "$w/xapc"
    measure "$XAPIAN_INDEX" --compact "$w/xap" "$w/xapc"
    row "  after compact" "$SECS" "$RSS_MB" "$(du_mb "$w/xapc")" "$text_mb"
    rm -rf "$w/xap" "$w/xapc"

    run_best "$n" "$w/fts5.db" python3 "$FTS5_PY" index "$w/fts5.db" "$corpus"
    f_secs=$BEST_SECS
    f_mb=$(du_mb "$w/fts5.db")
    row fts5 "$BEST_SECS" "$BEST_RSS" "$f_mb" "$text_mb"
    measure python3 "$FTS5_PY" optimize "$w/fts5.db"
    fo_mb=$(du_mb "$w/fts5.db")
    row "  after optimize" "$SECS" "$RSS_MB" "$fo_mb" "$text_mb"

    echo
    say "x$scale ratios (targets from issue 3)"
    # speed ratios: same bytes, so speed ratio = time ratio inverted
    r1=$(calc "$x_secs / ${R[d1.secs]}")
    r2=$(calc "$x_secs / ${R[d2.secs]}")
    rs=$(calc "${R[d1.cmb]} / $fo_mb")
    rs2=$(calc "${R[d2.cmb]} / $fo_mb")
    rsb=$(calc "${R[d1.cmb]} / $f_mb")
    printf '%-52s %6s  target >= 1.2  %s\n' "dossier-j1 speed / raw Xapian speed" "$r1" \
        "$(verdict "$(awk -v r="$r1" 'BEGIN { print (r >= 1.2) }')")"
    printf '%-52s %6s  target >= 2.0  %s\n' "dossier-j2 speed / raw Xapian speed" "$r2" \
        "$(verdict "$(awk -v r="$r2" 'BEGIN { print (r >= 2.0) }')")"
    printf '%-52s %6s  target <= 1.1  %s\n' "dossier-j1 compacted size / FTS5 optimized size" "$rs" \
        "$(verdict "$(awk -v r="$rs" 'BEGIN { print (r <= 1.1) }')")"
    printf '%-52s %6s  (j2: 2 shards)\n' "dossier-j2 compacted size / FTS5 optimized size" "$rs2"
    printf '%-52s %6s  (FTS5 as built, before optimize)\n' "dossier-j1 compacted size / FTS5 size" "$rsb"
    printf '%-52s %6s  (information)\n' "dossier-j1 speed / FTS5 speed" "$(calc "$f_secs / ${R[d1.secs]}")"
    printf '%-52s %6s  (information)\n' "dossier-j1 peak RSS / raw Xapian peak RSS" "$(calc "${R[d1.rss]} / $x_rss")"
    rss=$(awk -v a="${R[d1.rss]}" -v b="${R[d2.rss]}" 'BEGIN { print (a > b) ? a : b }')
    if [ "$scale" -ge 30 ]; then
        printf '%-52s %6s  target < 300  %s\n' "dossier peak RSS on x$scale (MB, j1 and j2)" "$rss" \
            "$(verdict "$(awk -v r="$rss" 'BEGIN { print (r < 300) }')")"
    else
        printf '%-52s %6s  (the target, < 300 MB, is judged on x30)\n' "dossier peak RSS on x$scale (MB)" "$rss"
    fi
    rm -rf "$w"
    unset R
    echo
done
say "index_bench done (targets are goals, not tests: exit 0 either way)"
