#!/usr/bin/env bash
# Runs examples/distributed/nbd.fio on several hosts over ssh, one rank per host (a host named
# twice runs two ranks), all starting at the same wall-clock time, then merges the reports:
#
#   URI=nbd://server:10809/ examples/distributed/run-ssh.sh host-a host-b host-c host-d
#
# Rank r is the r-th host named; each gets --rank=r --ranks=N and one --start-at, so the hosts'
# clocks must agree (NTP: the merged report shows each rank's start skew). Each rank's JSON comes
# back on ssh's stdout into OUT/r<rank>.json: no shared filesystem is needed.
#
#   URI        the NBD server every rank reads from (required)
#   JFIO_DIR   the jfio checkout on the hosts (default: this one's path, the same on every host)
#   OUT        where the reports go on this host (default out)
#   DELAY      seconds from now to the common start (default 10): ssh and the JVM must be up by then
#   JFIO_SSH   how to run a command on a host (default: ssh -o BatchMode=yes); JFIO_SSH=local runs
#              every rank on this host instead (to try the script, or in tests)
#   Options after -- are passed to every rank (e.g. -- --runtime=10).
#
# pdsh starts one command on many hosts but gives each no rank of its own: this loop is what
# hands out the ranks. Use it with pdsh's remote shell by JFIO_SSH="pdsh -R ssh -w".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
uri="${URI:?set URI to the NBD server, e.g. URI=nbd://server:10809/}"
dir="${JFIO_DIR:-$(cd "$here/../.." && pwd)}"
out="${OUT:-out}"
delay="${DELAY:-10}"
read -r -a ssh <<<"${JFIO_SSH:-ssh -o BatchMode=yes}"

hosts=()
while (($# > 0)) && [[ "$1" != "--" ]]; do
    hosts+=("$1")
    shift
done
[[ "${1:-}" == "--" ]] && shift
if ((${#hosts[@]} == 0)); then
    echo "run-ssh: name the hosts, one per rank: run-ssh.sh host-a host-b [-- jfio options]" >&2
    exit 1
fi

ranks=${#hosts[@]}
start="@$(($(date +%s) + delay))"
mkdir -p "$out"
rm -f "$out"/r*.json
pids=()
for rank in "${!hosts[@]}"; do
    # quoted once, for the remote shell
    remote="cd $(printf '%q' "$dir") && $(printf '%q ' ./jfio examples/distributed/nbd.fio "--uri=$uri" \
        "--rank=$rank" "--ranks=$ranks" "--start-at=$start" --output-format=json "$@")"
    if [[ "${ssh[0]}" == local ]]; then
        bash -c "$remote" >"$out/r$rank.json" &
    else
        "${ssh[@]}" "${hosts[$rank]}" "$remote" >"$out/r$rank.json" &
    fi
    pids+=($!)
done

status=0
for rank in "${!pids[@]}"; do
    if ! wait "${pids[$rank]}"; then
        echo "run-ssh: rank $rank on ${hosts[$rank]} failed" >&2
        status=1
        # nothing on stdout: leave no file, so that the merge names the rank as missing
        [[ -s "$out/r$rank.json" ]] || rm -f "$out/r$rank.json"
    fi
done
shopt -s nullglob
reports=("$out"/r*.json)
if ((${#reports[@]} == 0)); then
    echo "run-ssh: no rank wrote a report; nothing to merge" >&2
    exit 1
fi
# a rank that failed is named by the merge, which then exits 2 (partial)
if "$here/../../jfio" merge "${reports[@]}" -o "$out/all.json"; then
    echo "run-ssh: merged the ranks' reports into $out/all.json" >&2
else
    status=$?
fi
exit "$status"
