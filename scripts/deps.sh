#!/usr/bin/env bash
# deps.sh [--sanitize] - install (as root, with apt-get) whatever build and test
# dependencies are missing on Debian 12. Idempotent: installs nothing when all are there.
# Sourced by setup.sh and test.sh; not a README command of its own.
set -euo pipefail

ds_missing_packages() {
    # libpoppler-glib-dev: the PDF reader; groff, ghostscript and poppler-utils make and
    # extract the tests' PDFs
    local pkgs=(cmake make gcc g++ pkg-config libxapian-dev libstemmer-dev zlib1g-dev
                libpoppler-glib-dev libcmocka-dev python3 groff ghostscript poppler-utils)
    if [ "${1:-}" = "--sanitize" ]; then
        pkgs+=(clang libclang-rt-14-dev)
    fi
    local p missing=()
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    echo "${missing[@]:-}"
}

ds_install_deps() {
    local missing
    missing=$(ds_missing_packages "${1:-}")
    if [ -z "$missing" ]; then
        echo "== dependencies: all installed"
        return 0
    fi
    echo "== installing: $missing"
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: missing packages ($missing) and not root; run as root or install them" >&2
        return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
}
