#!/usr/bin/env bash
# ci/gc-check.sh: shows that jfio's hot path allocates nothing per I/O in steady state.
#
# Runs the bundle with GC logging and a small young generation on
#   null  the null engine, 4k randread, iodepth 16;
#   nbd   the nbd engine against its embedded memory server (in the same JVM), 4k randrw, iodepth
#         16, over 16 MiB: client and server together must allocate nothing per I/O;
#   null-hdr  the null engine, 4k randrw, iodepth 16, with write_hdr_log (HdrHistogram interval logs
#         of read/write slat, clat and lat every second: the job thread takes the intervals, a writer
#         thread encodes them);
#   io_uring, libaio  the asynchronous file engines, 4k randrw, iodepth 16, on a 64 MiB file in the
#         check's temporary directory (buffered: it may be on tmpfs, which has no O_DIRECT),
#   logs  the null engine with every log file: one job logs each I/O (bw, iops, slat/clat/lat; at
#         rate_iops=20000, so the files stay small) through the log writer thread, another at full
#         speed averages them over 100 ms windows and writes clat histograms every 100 ms: neither
#         the job threads nor the writer may allocate per entry,
# each time_based for GC_CHECK_RUNTIME seconds, and fails when any garbage collection happens between
# GC_CHECK_WARMUP and GC_CHECK_RUNTIME seconds of the JVM's uptime: start-up, option parsing, JIT
# warm-up and the job set-up may allocate before; the report may allocate after (the jobs start a
# fraction of a second after the JVM, so they are still doing I/O at uptime GC_CHECK_RUNTIME); the
# I/O loop may not. Eden is about 3 MiB, so one byte per I/O would show as collections at these rates
# (tens of millions of I/Os on the null engine, a few million on nbd).
# Prints every collection it saw, the I/O count and what it concluded.
#
#   JFIO_JAR          the bundle (default engines/target/jfio.jar, built by ./jfio when missing)
#   JAVA_HOME         the JDK (default: java on the PATH)
#   GC_CHECK_RUNTIME  seconds per run (default 30)
#   GC_CHECK_WARMUP   seconds of JVM uptime in which collections are allowed (default 5)
#   GC_CHECK_HEAP     heap options (default: -Xms128m -Xmx128m -Xmn4m -XX:+UseSerialGC)
#   GC_CHECK_ONLY     null, null-hdr, nbd, io_uring, libaio or logs: run only that one
#   GC_CHECK_EXTRA    more job options for both runs (e.g. "--status-interval=1", which builds a
#                     report every second and so must make the check fail: a check of the check)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runtime="${GC_CHECK_RUNTIME:-30}"
warmup="${GC_CHECK_WARMUP:-5}"
heap="${GC_CHECK_HEAP:--Xms128m -Xmx128m -Xmn4m -XX:+UseSerialGC}"
only="${GC_CHECK_ONLY:-}"
jar="${JFIO_JAR:-engines/target/jfio.jar}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "gc-check: $*" >&2; exit 1; }
[[ "$runtime" =~ ^[1-9][0-9]*$ ]] || die "GC_CHECK_RUNTIME must be a positive number of seconds, got '$runtime'"
[[ "$warmup" =~ ^[0-9]+$ ]] || die "GC_CHECK_WARMUP must be a whole number of seconds, got '$warmup'"
((runtime > warmup)) || die "GC_CHECK_RUNTIME ($runtime) must be longer than GC_CHECK_WARMUP ($warmup)"
[[ -z "$only" || "$only" =~ ^(null|null-hdr|nbd|io_uring|libaio|logs)$ ]] ||
    die "GC_CHECK_ONLY must be null, null-hdr, nbd, io_uring, libaio or logs, got '$only'"
command -v python3 >/dev/null || die "python3 is needed to read the logs"
if [[ ! -f "$jar" ]]; then
    [[ -z "${JFIO_JAR:-}" ]] || die "no bundle at $jar"
    ./jfio --version >/dev/null || die "building the bundle failed"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/jfio-gc-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

declare -A jobs=(
    [null]="--name=gc-null --ioengine=null --rw=randread --bs=4k --size=1g --iodepth=16"
    [null-hdr]="--name=gc-null-hdr --ioengine=null --rw=randrw --bs=4k --size=1g --iodepth=16 --write_hdr_log=$work/gc-null-hdr"
    [nbd]="--name=gc-nbd --ioengine=nbd --rw=randrw --bs=4k --size=16m --iodepth=16"
    [io_uring]="--name=gc-io_uring --ioengine=io_uring --filename=$work/io_uring.img --rw=randrw --bs=4k --size=64m --iodepth=16"
    [libaio]="--name=gc-libaio --ioengine=libaio --filename=$work/libaio.img --rw=randrw --bs=4k --size=64m --iodepth=16"
    # (options after a --name belong to that job: the first job gets its own time_based and runtime)
    [logs]="--name=gc-logs-per-io --ioengine=null --rw=randrw --bs=4k --size=1g --rate_iops=10000,10000
            --time_based --runtime=$runtime --write_bw_log=$work/per-io --write_iops_log=$work/per-io
            --write_lat_log=$work/per-io --log_offset=1
            --name=gc-logs-averaged --ioengine=null --rw=randread --bs=4k --size=1g --iodepth=16
            --write_bw_log=$work/avg --write_iops_log=$work/avg --write_lat_log=$work/avg --log_avg_msec=100
            --write_hist_log=$work/avg --log_hist_msec=100"
)
jcmd="$(dirname "$(readlink -f "$(command -v "$java")")")/jcmd"
[[ -x "$jcmd" ]] || jcmd=jcmd
failed=0
for name in null null-hdr nbd io_uring libaio logs; do
    [[ -z "$only" || "$only" == "$name" ]] || continue
    log="$work/$name.gc.log"
    echo "gc-check: $name engine, ${runtime} s, $heap, collections allowed in the first ${warmup} s" >&2
    # shellcheck disable=SC2086
    env -u uri "$java" --enable-native-access=ALL-UNNAMED $heap "-Xlog:gc:file=$log:uptime" -jar "$jar" \
        ${jobs[$name]} ${GC_CHECK_EXTRA:-} --time_based --runtime="$runtime" --output-format=json \
        >"$work/$name.json" 2>"$work/$name.err" &
    pid=$!
    # Warm-up garbage (class loading, the JIT's first compilations, set-up) may leave eden nearly full
    # when warm-up ends; a collection then would be blamed on steady state. One collection just before
    # the end of warm-up empties eden, so that steady state starts from nothing and a collection in it
    # means the I/O loop allocated about eden's size (a byte per I/O or so at these rates). On a busy
    # machine the attach can land that collection after warm-up: it is listed, never counted.
    sleep "$(python3 -c "print(max(0.5, $warmup - 1))")"
    "$jcmd" "$pid" GC.run >/dev/null 2>&1 || true
    if ! wait "$pid"; then
        echo "gc-check: the $name run failed:" >&2
        tail -5 "$work/$name.err" >&2
        failed=1
        continue
    fi
    if ! python3 - "$name" "$log" "$work/$name.json" "$warmup" "$runtime" <<'PY'
import json, re, sys
name, log, report = sys.argv[1], sys.argv[2], sys.argv[3]
warmup, runtime = float(sys.argv[4]), float(sys.argv[5])
text = open(report).read()
jobs = json.JSONDecoder().raw_decode(text[text.index("{"):])[0]["jobs"]
ios = sum(j[d]["total_ios"] for j in jobs for d in ("read", "write", "trim"))
early, late, after, forced = [], [], [], []
for line in open(log):
    m = re.match(r"\[(\d+(?:\.\d+)?)s\].*?(GC\(\d+\) Pause .*)", line)
    if m:
        t = float(m.group(1))
        what = f"{m.group(1)}s {m.group(2).strip()}"
        if "(Diagnostic Command)" in line:
            forced.append(what)  # this script's own GC.run: no allocation caused it, wherever the attach put it
        else:
            (early if t <= warmup else late if t <= runtime else after).append(what)
print(f"gc-check: {name}: {ios:,} I/Os; collections: {len(early)} in warm-up (first {warmup:g} s), "
      f"{len(late)} in steady state ({warmup:g}-{runtime:g} s), {len(after)} after the I/O (report)", file=sys.stderr)
for e in early:
    print(f"    warm-up:      {e}", file=sys.stderr)
for e in forced:
    print(f"    forced:       {e} (jcmd GC.run, not counted)", file=sys.stderr)
for e in late:
    print(f"    STEADY STATE: {e}", file=sys.stderr)
for e in after:
    print(f"    after I/O:    {e}", file=sys.stderr)
if ios == 0:
    print(f"gc-check: {name}: the run did no I/O, so it shows nothing", file=sys.stderr)
    sys.exit(1)
if late:
    print(f"gc-check: {name}: FAIL: the heap filled up during steady-state I/O: something allocates per I/O "
          f"(profile with jmh/README.md, or -XX:StartFlightRecording and jfr print --events ObjectAllocationSample)",
          file=sys.stderr)
    sys.exit(1)
print(f"gc-check: {name}: ok, no collection in steady state", file=sys.stderr)
PY
    then
        failed=1
    fi
done
if ((failed)); then
    echo "gc-check: FAILED" >&2
    exit 1
fi
echo "gc-check: passed" >&2
