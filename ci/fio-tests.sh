#!/usr/bin/env bash
# ci/fio-tests.sh: runs fio 3.33's own job-file tests (t/run-fio-tests.py from fio's source) with
# ./jfio as the fio binary.
#
#   ci/fio-tests.sh [ID ...]     the test ids to run (default: $FIO_TESTS, else the ids jfio passes)
#
# fio's source comes from ci/fio-source.sh (apt-get source fio, cached outside the repository,
# FIO_SRC_CACHE):
#   FIO_TESTS       the default id list (space separated)
#   ARTIFACTS       a directory (which must not exist yet) where the runner keeps each test's
#                   output (default: a temporary directory, removed unless a test fails)
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

src="$(bash "$root/ci/fio-source.sh")"

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
