#!/usr/bin/env bash
# Benchmarks jfio's nbd engine against fio's on the same kind of nbdkit memory server over a
# unix socket, back to back: 4k randread at iodepth 1, 16 and 64, then examples/nbd.fio
# (time-based). Not a test: the numbers depend on the machine. Prints a markdown table.
#
#   JFIO     the jfio command (default: ./jfio of this repository)
#   RUNTIME  seconds per run (default 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jfio="${JFIO:-$root/jfio}"
runtime="${RUNTIME:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

summary() { # file -> "iops p50_clat_us"
    python3 - "$1" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text[text.index('{'):])
j = d['jobs'][0]
iops = j['read']['iops'] + j['write']['iops']
p50 = j['read']['clat_ns']['percentile'].get('50.000000', 0) / 1000
print(f"{iops:.0f} {p50:.2f}")
PY
}

echo "| workload | fio IOPS | jfio IOPS | fio p50 clat (us) | jfio p50 clat (us) |"
echo "|---|---|---|---|---|"
for depth in 1 16 64; do
    for tool in fio jfio; do
        cmd=fio; [[ $tool == jfio ]] && cmd="$jfio"
        nbdkit -U - memory size=1G --run "$cmd --name=rr --ioengine=nbd --uri=\$uri --rw=randread --bs=4k \
            --iodepth=$depth --size=1g --time_based --runtime=$runtime --output-format=json" \
            > "$out/$tool-$depth.json" 2> "$out/$tool-$depth.err"
    done
    read -r fi fp < <(summary "$out/fio-$depth.json")
    read -r ji jp < <(summary "$out/jfio-$depth.json")
    echo "| 4k randread iodepth=$depth | $fi | $ji | $fp | $jp |"
done
for tool in fio jfio; do
    cmd=fio; [[ $tool == jfio ]] && cmd="$jfio"
    nbdkit -U - memory size=1G --run "export uri; $cmd $root/examples/nbd.fio --time_based --runtime=$runtime \
        --output-format=json" > "$out/$tool-ex.json" 2> "$out/$tool-ex.err"
done
read -r fi fp < <(summary "$out/fio-ex.json")
read -r ji jp < <(summary "$out/jfio-ex.json")
echo "| examples/nbd.fio (randrw, 4 jobs, iodepth=64) | $fi | $ji | $fp | $jp |"
