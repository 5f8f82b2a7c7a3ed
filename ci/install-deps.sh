#!/usr/bin/env bash
# Installs what jfio's tests need beyond the JDK: the NBD servers and clients, fio to compare
# with, script (a terminal for the ETA line's test), and Open MPI's mpirun (the distributed run's test). Does nothing when every binary is already there. Needs root, or sudo without a password.
set -euo pipefail

# binary:package
wanted=(nbdkit:nbdkit qemu-nbd:qemu-utils nbd-server:nbd-server nbdinfo:libnbd-bin fio:fio
        java:openjdk-17-jdk-headless mvn:maven python3:python3 script:bsdutils dpkg-source:dpkg-dev
        gnuplot:gnuplot-nox chromium:chromium openssl:openssl certtool:gnutls-bin mpirun:openmpi-bin)
missing=()
for pair in "${wanted[@]}"; do
    binary="${pair%%:*}"
    package="${pair#*:}"
    if ! command -v "$binary" >/dev/null 2>&1 && [[ ! -x "/usr/sbin/$binary" && ! -x "/sbin/$binary" ]]; then
        missing+=("$package")
    fi
done

# modules of Debian's python3 (module:package): fio's t/run-fio-tests.py imports statsmodels, its
# tools pandas (tools/hist/fiologparser_hist.py) and six (fio_jsonplus_clat2csv)
for pair in statsmodels:python3-statsmodels pandas:python3-pandas six:python3-six; do
    if ! /usr/bin/python3 -c "import ${pair%%:*}" >/dev/null 2>&1; then
        missing+=("${pair#*:}")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: nbdkit, qemu-nbd, nbd-server, nbdinfo, fio, java, mvn, python3 (with statsmodels," \
        "pandas, six), script, dpkg-source, gnuplot, chromium, openssl, certtool and mpirun are present" >&2
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
else
    echo "install-deps: missing ${missing[*]}, and this is neither root nor has sudo" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
