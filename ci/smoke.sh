#!/usr/bin/env bash
# Smoke test of a built bundle: runs one null-engine job and one file-engine job with the given
# JDK and checks the JSON report's io_bytes and that the JVM printed no warning.
#   usage: ci/smoke.sh JAVA_HOME BUNDLE_JAR
set -euo pipefail
java_home="$1"
jar="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run_job() { # name, expected io_bytes, direction, jfio arguments...
    local name="$1" expected="$2" direction="$3"
    shift 3
    if ! "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" --output-format=json "$@" \
            >"$work/$name.json" 2>"$work/$name.err"; then
        echo "smoke: $name failed:" >&2
        cat "$work/$name.err" >&2
        return 1
    fi
    if grep -qi 'warning' "$work/$name.err"; then
        echo "smoke: $name printed a warning on stderr:" >&2
        cat "$work/$name.err" >&2
        return 1
    fi
    python3 - "$work/$name.json" "$expected" "$direction" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
got = report["jobs"][0][sys.argv[3]]["io_bytes"]
if got != int(sys.argv[2]):
    sys.exit(f"smoke: io_bytes {got}, expected {sys.argv[2]}")
PY
    echo "smoke: $name ok ($("$java_home/bin/java" -version 2>&1 | sed -n 1p))" >&2
}

run_job null $((64 * 1024 * 1024)) read --name=null --ioengine=null --rw=randread --bs=4k --size=64m --iodepth=8
run_job file $((8 * 1024 * 1024)) write --name=file --ioengine=psync --rw=write --bs=64k --size=8m \
    --filename="$work/smoke.dat"
