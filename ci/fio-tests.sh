#!/usr/bin/env bash
# ci/fio-tests.sh: runs fio 3.33's own job-file tests (t/run-fio-tests.py from fio's source) with
# ./jfio as the fio binary.
#
#   ci/fio-tests.sh [ID ...]     the test ids to run (default: $FIO_TESTS, else the ids jfio passes)
#
# fio's source comes the Debian way (apt-get source fio: the version Debian ships, 3.33 on
# bookworm) into a cache directory outside the repository, once:
#   FIO_SRC_CACHE   where (default /var/cache/jfio/fio-src, or ~/.cache/jfio/fio-src when that is
#                   not writable); never inside the repository
#   FIO_TESTS       the default id list (space separated)
#   ARTIFACTS       a directory (which must not exist yet) where the runner keeps each test's
#                   output (default: a temporary directory, removed unless a test fails)
# Needs python3 with statsmodels (Debian python3-statsmodels) and dpkg-dev for apt-get source; with
# CI=true a missing one fails, otherwise the script names the package to install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# ids jfio passes (fio 3.33 passes 1-8, 11, 12, 14-26 here; 10 and 13 hang fio itself; 9 needs 4 CPUs):
# 1, 5 (verify, sizes), 2, 6 (libaio verify round trips), 3, 4 (verify_dump),
# 7 (rw=read:512k with write_iolog),
# 8 (rwmix with verify_backlog: fio's rwmix cycle counts verify reads, so about 50.6 % of the bytes
# are written), 10, 13 (io_submit_mode=offload, 13 with serialize_overlap across 8 jobs on one
# 4 KiB file), 12, 14 (flow control with iops logs),
# 15-18 (libaio/io_uring/psync sizes and offsets), 19-24 (write_bw_log with log_offset: the offsets
# each rw mode visits). 11 passes too (flow with rate_iops=1000, checked to +-5%) but only on a
# quiet machine, so CI leaves it out. 25, 26 (experimental_verify).
default_ids="1 2 3 4 5 6 7 8 10 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26"
ids=("$@")
if ((${#ids[@]} == 0)); then
    read -r -a ids <<<"${FIO_TESTS:-$default_ids}"
fi
for id in "${ids[@]}"; do
    [[ "$id" =~ ^[0-9]+$ ]] || { echo "fio-tests: test ids are numbers, got '$id'" >&2; exit 2; }
done

missing() {
    if [[ "${CI:-}" == true ]]; then
        echo "fio-tests: $1 is missing (CI=true: failing); install the Debian package $2" >&2
        exit 1
    fi
    echo "fio-tests: $1 is missing: install the Debian package $2 (apt-get install $2)" >&2
    exit 1
}
# Debian's python3 (the runner imports statsmodels, which Debian installs for /usr/bin/python3)
[[ -x /usr/bin/python3 ]] || missing /usr/bin/python3 python3
/usr/bin/python3 -c 'import statsmodels' 2>/dev/null || missing "python3's statsmodels" python3-statsmodels

cache="${FIO_SRC_CACHE:-/var/cache/jfio/fio-src}"
if ! mkdir -p "$cache" 2>/dev/null || [[ ! -w "$cache" ]]; then
    cache="${XDG_CACHE_HOME:-$HOME/.cache}/jfio/fio-src"
    mkdir -p "$cache"
fi
case "$(cd "$cache" && pwd -P)/" in
"$(cd "$root" && pwd -P)"/*) echo "fio-tests: FIO_SRC_CACHE must be outside the repository" >&2; exit 2 ;;
esac

src="$(find "$cache" -maxdepth 3 -path '*/t/run-fio-tests.py' -printf '%h\n' 2>/dev/null | head -n 1)"
if [[ -z "$src" ]]; then
    command -v dpkg-source >/dev/null || missing dpkg-source dpkg-dev
    as_root=()
    [[ "$(id -u)" -eq 0 ]] || as_root=(sudo -n)
    if ! apt-get source --print-uris fio >/dev/null 2>&1; then
        # no deb-src entry yet: add one for Debian's main archive, as NOTES.md describes
        suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
        printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$suite" | "${as_root[@]}" tee /etc/apt/sources.list.d/jfio-deb-src.sources >/dev/null
        "${as_root[@]}" apt-get update -q >&2
    fi
    (cd "$cache" && apt-get source --download-only fio >&2)
    tarball="$(ls "$cache"/fio_*.orig.tar.* | head -n 1)"
    tar -xf "$tarball" -C "$cache"
    src="$(find "$cache" -maxdepth 3 -path '*/t/run-fio-tests.py' -printf '%h\n' | head -n 1)"
    [[ -n "$src" ]] || { echo "fio-tests: no t/run-fio-tests.py in $tarball" >&2; exit 1; }
fi
src="$(dirname "$src")"

jfio="$root/jfio"
"$jfio" --version >/dev/null || { echo "fio-tests: ./jfio does not run" >&2; exit 1; }

# the runner creates the artifact directory itself and refuses one that exists
if [[ -n "${ARTIFACTS:-}" ]]; then
    [[ ! -e "$ARTIFACTS" ]] || { echo "fio-tests: ARTIFACTS=$ARTIFACTS exists; name a new directory" >&2; exit 2; }
    artifacts="$ARTIFACTS"
else
    scratch="$(mktemp -d "${TMPDIR:-/tmp}/jfio-fio-tests.XXXXXX")"
    artifacts="$scratch/artifacts"
fi
echo "fio-tests: fio's tests ${ids[*]} from $src against $jfio; artifacts in $artifacts" >&2
# -k: skip the tests whose requirements (root, a block device, ...) are not met here, as fio's CI does
if ! /usr/bin/python3 "$src/t/run-fio-tests.py" -k -r "$src" -f "$jfio" -a "$artifacts" --run-only "${ids[@]}"; then
    echo "fio-tests: failed; each test's command, output and logs are under $artifacts" >&2
    exit 1
fi
[[ -n "${ARTIFACTS:-}" ]] || rm -rf "$scratch"
