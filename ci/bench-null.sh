#!/usr/bin/env bash
# Benchmark (not a test): jfio's overhead against fio's, both with the null engine.
# 4k randread at iodepth 1 and 32, N runs each (default 5), jfio and fio alternating (which one
# goes first alternates too), then the median IOPS of each and the ratio jfio/fio.
#
#   N=7 SIZE=8g ci/bench-null.sh          more runs, more I/Os per run
#   RUNTIME=5 ci/bench-null.sh            time_based runs of 5 s instead of SIZE
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${N:-5}"
size="${SIZE:-4g}"
depths=(${DEPTHS:-1 32})
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v fio >/dev/null || { echo "bench: fio is not installed (ci/install-deps.sh)" >&2; exit 1; }
[[ -f engines/target/jfio.jar ]] || ./jfio --version >/dev/null

job=(--name=bench --ioengine=null --rw=randread --bs=4k --output-format=json)
if [[ -n "${RUNTIME:-}" ]]; then
    job+=(--size="$size" --time_based --runtime="$RUNTIME")
else
    job+=(--size="$size")
fi

iops() { # json file -> read IOPS
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jobs"][0]["read"]["iops"])' "$1"
}

run() { # tool, depth, rep
    local tool="$1" depth="$2" rep="$3" out="$work/$1-$2-$3.json"
    if [[ "$tool" == jfio ]]; then
        ./jfio "${job[@]}" --iodepth="$depth" >"$out" 2>"$work/$tool.err"
    else
        fio "${job[@]}" --iodepth="$depth" >"$out" 2>"$work/$tool.err"
    fi
    iops "$out" >>"$work/$tool-$depth.iops"
}

for depth in "${depths[@]}"; do
    for ((rep = 1; rep <= runs; rep++)); do
        if ((rep % 2)); then order=(jfio fio); else order=(fio jfio); fi
        for tool in "${order[@]}"; do
            run "$tool" "$depth" "$rep"
            echo "bench: iodepth=$depth run $rep/$runs $tool $(tail -1 "$work/$tool-$depth.iops") IOPS" >&2
        done
    done
done

python3 - "$work" "${depths[@]}" <<'PY'
import statistics, sys
work, depths = sys.argv[1], sys.argv[2:]
def load(tool, depth):
    return [float(x) for x in open(f"{work}/{tool}-{depth}.iops").read().split()]
print(f"{'iodepth':>7}  {'jfio IOPS (median)':>18}  {'fio IOPS (median)':>17}  {'jfio/fio':>8}  runs")
for depth in depths:
    j, f = load("jfio", depth), load("fio", depth)
    mj, mf = statistics.median(j), statistics.median(f)
    print(f"{depth:>7}  {mj:>18,.0f}  {mf:>17,.0f}  {mj / mf:>8.2f}  {len(j)}")
PY
