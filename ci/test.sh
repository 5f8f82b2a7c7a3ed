#!/usr/bin/env bash
# jfio's CI: installs the NBD servers and fio, checks the formatting (Spotless, default JDK only),
# runs the whole test suite on the default JDK (mvn -B install: unit tests, engine contract tests
# and the architecture rules with surefire; the invoker's build of the third-party example; the
# bundle and example tests *IT with failsafe), then builds and tests on Temurin 25 when installed.
#
# Temurin 25 (JFIO_CI_JDK25): "full" runs the whole suite again (mvn verify) in separate target
# dirs; "smoke" only builds the bundle (-DskipTests package) and runs ci/smoke.sh with it; "skip"
# does nothing. The default, "auto", is full when the first run took under 5 minutes (the suite is
# meant to be short) and smoke otherwise, so CI time stays bounded. Either way ci/smoke.sh runs the
# bundle on 25 and fails on any JVM warning (e.g. native access).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash ci/install-deps.sh

java -version 2>&1 | sed -n 1p >&2
mvn -v 2>&1 | sed -n 1p >&2

# the one formatter (palantir-java-format): fails on any file `mvn spotless:apply` would change
mvn -B spotless:check

# fio's source (apt-get source fio, cached): the suite runs fio's own log tools on jfio's logs
bash ci/fio-source.sh >/dev/null

started=$SECONDS
mvn -B install
elapsed=$((SECONDS - started))
echo "ci: test suite on the default JDK took ${elapsed}s" >&2
bash ci/smoke.sh "${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}" engines/target/jfio.jar
# the I/O loop allocates nothing per I/O: 30 s of null and nbd I/O without a young collection
JFIO_JAR=engines/target/jfio.jar bash ci/gc-check.sh
# per-I/O logging keeps memory bounded: 60 s of every log at log_avg_msec=0, peak RSS under 300 MiB
JFIO_JAR=engines/target/jfio.jar bash ci/log-memory-check.sh
# fio's own job-file tests (t/run-fio-tests.py from Debian's fio source) with ./jfio as the binary;
# FIO_TESTS names the ids (default: those jfio passes)
bash ci/fio-tests.sh

temurin25=/usr/lib/jvm/temurin-25-jdk-amd64
mode="${JFIO_CI_JDK25:-auto}"
if [[ ! -x "$temurin25/bin/java" || "$mode" == skip ]]; then
    echo "ci: skipping Temurin 25 (${mode}; $temurin25 $([[ -x $temurin25/bin/java ]] && echo present || echo absent))" >&2
    exit 0
fi
if [[ "$mode" == auto ]]; then
    mode=$([[ $elapsed -lt 300 ]] && echo full || echo smoke)
fi
echo "ci: Temurin 25, $mode" >&2
if [[ "$mode" == full ]]; then
    JAVA_HOME="$temurin25" mvn -B -q -Djfio.build.suffix=-jdk25 verify
else
    JAVA_HOME="$temurin25" mvn -B -q -Djfio.build.suffix=-jdk25 -DskipTests package
fi
bash ci/smoke.sh "$temurin25" engines/target-jdk25/jfio.jar
echo "ci: all passed" >&2
