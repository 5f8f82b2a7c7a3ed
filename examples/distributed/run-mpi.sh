#!/usr/bin/env bash
# Runs examples/distributed/nbd.fio under Open MPI's mpirun, one jfio per rank, then merges the
# ranks' reports into one:
#
#   URI=nbd://server:10809/ examples/distributed/run-mpi.sh
#
#   URI       the NBD server every rank reads from (required; a unix socket works on one host:
#             nbd+unix:///?socket=/tmp/nbd.sock)
#   NP        how many ranks (default 4)
#   HOSTFILE  Open MPI's hostfile (default: every rank on this host); jfio must be at the same
#             path on every host, and OUT on a shared directory
#   OUT       where the ranks write r<rank>.json and the merge all.json (default out)
#   DELAY     seconds from now to the common start (default 10): enough for every rank's JVM to
#             start; the ranks wait for it (--start-at), so they start within milliseconds
#   JFIO      the jfio to run (default: the ./jfio launcher of this checkout)
#   Anything after the options is passed to every rank (e.g. --runtime=10).
#
# Open MPI refuses to run as root unless told: as root this adds --allow-run-as-root (the same as
# exporting OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1). --oversubscribe lets NP
# exceed the host's cores (jfio's ranks wait on I/O, not on the CPU). orte_abort_on_non_zero_status=0
# keeps the other ranks running when one fails (Open MPI would kill them), so the merge reports the
# failed rank and the others' results, marked partial (mpirun itself then exits 0).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jfio="${JFIO:-$here/../../jfio}"
uri="${URI:?set URI to the NBD server, e.g. URI=nbd://server:10809/}"
np="${NP:-4}"
out="${OUT:-out}"
delay="${DELAY:-10}"

mpirun_opts=(--oversubscribe --mca orte_abort_on_non_zero_status 0 -np "$np")
if [[ "$(id -u)" -eq 0 ]]; then
    mpirun_opts+=(--allow-run-as-root)
fi
if [[ -n "${HOSTFILE:-}" ]]; then
    mpirun_opts+=(--hostfile "$HOSTFILE")
fi

# once before the ranks: builds the bundle if it is missing or stale and records its class archive,
# so that the ranks do not all do it at once
"$jfio" --version >/dev/null
mkdir -p "$out"
rm -f "$out"/r*.json
start="@$(($(date +%s) + delay))"
status=0
# '$rank' is for jfio, not the shell: each rank writes its own file
mpirun "${mpirun_opts[@]}" "$jfio" "$here/nbd.fio" --uri="$uri" --start-at="$start" \
    --output-format=json --output="$out/r\$rank.json" "$@" || status=$?
if ((status != 0)); then
    echo "run-mpi: mpirun exited with $status; merging what the ranks wrote" >&2
fi
shopt -s nullglob
reports=("$out"/r*.json)
if ((${#reports[@]} == 0)); then
    echo "run-mpi: no rank wrote a report; nothing to merge" >&2
    exit 1
fi
# the merge names a rank that failed or wrote nothing, and exits 2 (partial)
if "$jfio" merge "${reports[@]}" -o "$out/all.json"; then
    echo "run-mpi: merged the ranks' reports into $out/all.json" >&2
else
    status=$?
fi
exit "$status"
