#!/usr/bin/env bash
# ci/log-memory-check.sh: per-I/O logging keeps jfio's memory bounded (fio's grows without bound,
# fio issue 1870). Runs the bundle on the null engine for LOG_CHECK_RUNTIME seconds (default 60)
# with every log at log_avg_msec=0 (bw, iops, slat/clat/lat, and a clat histogram every 100 ms),
# four jobs at full speed, and fails when the process's peak resident set (VmHWM in
# /proc/PID/status) reaches LOG_CHECK_MAX_MB (default 300). The log files are symbolic links to
# /dev/null, so the run writes nothing to disk while the log writer formats every entry it can;
# what it cannot keep up with is dropped and counted, and the count is printed (stderr).
#
#   JFIO_JAR          the bundle (default engines/target/jfio.jar, built by ./jfio when missing)
#   JAVA_HOME         the JDK (default: java on the PATH)
#   LOG_CHECK_RUNTIME seconds of I/O (default 60)
#   LOG_CHECK_MAX_MB  the limit on the peak RSS in MiB (default 300)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runtime="${LOG_CHECK_RUNTIME:-60}"
max_mb="${LOG_CHECK_MAX_MB:-300}"
jar="${JFIO_JAR:-engines/target/jfio.jar}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
die() { echo "log-memory-check: $*" >&2; exit 1; }
[[ "$runtime" =~ ^[1-9][0-9]*$ ]] || die "LOG_CHECK_RUNTIME must be a positive number of seconds, got '$runtime'"
[[ "$max_mb" =~ ^[1-9][0-9]*$ ]] || die "LOG_CHECK_MAX_MB must be a positive number, got '$max_mb'"
if [[ ! -f "$jar" ]]; then
    [[ -z "${JFIO_JAR:-}" ]] || die "no bundle at $jar"
    ./jfio --version >/dev/null || die "building the bundle failed"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/jfio-log-memory.XXXXXX")"
pid=""
cleanup() {
    [[ -z "$pid" ]] || kill "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

jobs=4
for n in $(seq 1 "$jobs"); do
    for type in bw iops slat clat lat clat_hist; do
        ln -s /dev/null "$work/m_$type.$n.log"
    done
done

echo "log-memory-check: $jobs null jobs for ${runtime} s, every log per I/O, peak RSS must stay under ${max_mb} MiB" >&2
"$java" --enable-native-access=ALL-UNNAMED -jar "$jar" --name=m --ioengine=null --rw=randrw --bs=4k --size=1g \
    --numjobs="$jobs" --time_based --runtime="$runtime" --write_bw_log="$work/m" --write_iops_log="$work/m" \
    --write_lat_log="$work/m" --write_hist_log="$work/m" --log_hist_msec=100 --log_offset=1 \
    --output-format=json >"$work/report.json" 2>"$work/stderr" &
pid=$!
peak=0
while kill -0 "$pid" 2>/dev/null; do
    hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    [[ -z "$hwm" ]] || peak="$hwm"
    sleep 1
done
wait "$pid" || { cat "$work/stderr" >&2; die "the run failed"; }
pid=""
peak_mb=$((peak / 1024))
ios="$(python3 -c 'import json,sys; t=open(sys.argv[1]).read(); j=json.loads(t[t.index("{"):]); print(sum(x[d]["total_ios"] for x in j["jobs"] for d in ("read","write")))' "$work/report.json")"
echo "log-memory-check: $ios I/Os logged or counted; peak RSS ${peak_mb} MiB (limit ${max_mb})" >&2
grep 'log entries dropped' "$work/stderr" >&2 || echo "log-memory-check: no entry was dropped" >&2
((peak_mb < max_mb)) || die "FAIL: peak RSS ${peak_mb} MiB is not under ${max_mb} MiB"
echo "log-memory-check: ok" >&2
