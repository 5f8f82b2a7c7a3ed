#!/usr/bin/env bash
# Benchmark (not a test): jfio's file engine against fio's psync engine on the same file, back to back.
#   4k randread with direct=1, and 1 MiB sequential read (buffered, page cache warm), N runs each
#   (default 5), jfio and fio alternating (which goes first alternates too); then the median IOPS
#   and bandwidth of each and the ratio jfio/fio.
#
#   N=7 ci/bench-file.sh                       more runs
#   FILE=/mnt/disk/bench.img SIZE=4g ci/bench-file.sh    another file system, a bigger file
#   RUNTIME=10 ci/bench-file.sh                seconds per run (default 5)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${N:-5}"
size="${SIZE:-1g}"
runtime="${RUNTIME:-5}"
file="${FILE:-/var/tmp/jfio-bench-file.img}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v fio >/dev/null || { echo "bench: fio is not installed (ci/install-deps.sh)" >&2; exit 1; }
jar="${JFIO_JAR:-engines/target/jfio.jar}"
[[ -f "$jar" ]] || ./jfio --version >/dev/null
jfio=(java --enable-native-access=ALL-UNNAMED -jar "$jar")

# lay the file out once with real blocks, so neither tool measures holes
fio --name=prep --filename="$file" --size="$size" --rw=write --bs=1m --output=/dev/null

common=(--name=bench --filename="$file" --size="$size" --time_based --runtime="$runtime"
        --output-format=json)
declare -A workload=(
    [randread-4k-direct]="--rw=randread --bs=4k --direct=1"
    [read-1m-buffered]="--rw=read --bs=1m --invalidate=0"
)

metrics() { # json file -> "iops bw_bytes"
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["jobs"][0]["read"]; print(r["iops"], r["bw_bytes"])' "$1"
}

for name in randread-4k-direct read-1m-buffered; do
    # shellcheck disable=SC2206
    opts=(${workload[$name]})
    for ((rep = 1; rep <= runs; rep++)); do
        if ((rep % 2)); then order=(jfio fio); else order=(fio jfio); fi
        for tool in "${order[@]}"; do
            out="$work/$name-$tool-$rep.json"
            if [[ "$tool" == jfio ]]; then
                "${jfio[@]}" "${common[@]}" "${opts[@]}" >"$out" 2>>"$work/jfio.err"
            else
                fio --ioengine=psync "${common[@]}" "${opts[@]}" >"$out" 2>>"$work/fio.err"
            fi
            metrics "$out" >>"$work/$name-$tool.txt"
            echo "bench: $name run $rep/$runs $tool $(tail -1 "$work/$name-$tool.txt") (IOPS, B/s)" >&2
        done
    done
done

python3 - "$work" randread-4k-direct read-1m-buffered <<'PY'
import statistics, sys
work, names = sys.argv[1], sys.argv[2:]
def load(name, tool):
    rows = [l.split() for l in open(f"{work}/{name}-{tool}.txt") if l.strip()]
    return [float(r[0]) for r in rows], [float(r[1]) for r in rows]
print(f"{'workload':<20} {'jfio IOPS':>10} {'fio IOPS':>10} {'jfio MiB/s':>11} {'fio MiB/s':>10} {'jfio/fio':>8}  runs")
for name in names:
    ji, jb = load(name, "jfio")
    fi, fb = load(name, "fio")
    mji, mfi = statistics.median(ji), statistics.median(fi)
    mjb, mfb = statistics.median(jb), statistics.median(fb)
    print(f"{name:<20} {mji:>10,.0f} {mfi:>10,.0f} {mjb / 2**20:>11,.1f} {mfb / 2**20:>10,.1f} {mji / mfi:>8.3f}  {len(ji)}")
PY
