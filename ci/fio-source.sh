#!/usr/bin/env bash
# ci/fio-source.sh: fetches fio's source the Debian way (apt-get source fio: the version Debian ships,
# 3.33 on bookworm) into a cache directory outside the repository, once, and prints the directory
# of the source tree (the one holding t/, tools/, examples/). Used by ci/fio-tests.sh, and by ci/test.sh
# before the test suite, whose tests run fio's tools (tools/hist/fiologparser_hist.py) on jfio's logs.
#   FIO_SRC_CACHE   where (default /var/cache/jfio/fio-src, or ~/.cache/jfio/fio-src when that is
#                   not writable); never inside the repository
# Needs python3 with statsmodels (Debian python3-statsmodels) and dpkg-dev for apt-get source; with
# CI=true a missing one fails, otherwise the script names the package to install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing() {
    if [[ "${CI:-}" == true ]]; then
        echo "fio-source: $1 is missing (CI=true: failing); install the Debian package $2" >&2
        exit 1
    fi
    echo "fio-source: $1 is missing: install the Debian package $2 (apt-get install $2)" >&2
    exit 1
}
# Debian's python3 (the runner imports statsmodels, which Debian installs for /usr/bin/python3)
[[ -x /usr/bin/python3 ]] || missing /usr/bin/python3 python3
/usr/bin/python3 -c 'import statsmodels' 2>/dev/null || missing "python3's statsmodels" python3-statsmodels

cache="${FIO_SRC_CACHE:-/var/cache/jfio/fio-src}"
if ! mkdir -p "$cache" 2>/dev/null || [[ ! -w "$cache" ]]; then
    cache="${XDG_CACHE_HOME:-$HOME/.cache}/jfio/fio-src"
    mkdir -p "$cache"
fi
case "$(cd "$cache" && pwd -P)/" in
"$(cd "$root" && pwd -P)"/*) echo "fio-source: FIO_SRC_CACHE must be outside the repository" >&2; exit 2 ;;
esac

src="$(find "$cache" -maxdepth 3 -path '*/t/run-fio-tests.py' -printf '%h\n' 2>/dev/null | head -n 1)"
if [[ -z "$src" ]]; then
    command -v dpkg-source >/dev/null || missing dpkg-source dpkg-dev
    as_root=()
    [[ "$(id -u)" -eq 0 ]] || as_root=(sudo -n)
    if ! apt-get source --print-uris fio >/dev/null 2>&1; then
        # no deb-src entry yet: add one for Debian's main archive, as NOTES.md describes
        suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
        printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$suite" | "${as_root[@]}" tee /etc/apt/sources.list.d/jfio-deb-src.sources >/dev/null
        "${as_root[@]}" apt-get update -q >&2
    fi
    (cd "$cache" && apt-get source --download-only fio >&2)
    tarball="$(ls "$cache"/fio_*.orig.tar.* | head -n 1)"
    tar -xf "$tarball" -C "$cache"
    src="$(find "$cache" -maxdepth 3 -path '*/t/run-fio-tests.py' -printf '%h\n' | head -n 1)"
    [[ -n "$src" ]] || { echo "fio-source: no t/run-fio-tests.py in $tarball" >&2; exit 1; }
fi
src="$(dirname "$src")"
echo "$src"
