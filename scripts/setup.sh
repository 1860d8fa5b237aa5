#!/usr/bin/env bash
# setup.sh: installs everything building, testing and benchmarking Cairn needs on Debian 12,
# and nothing when it is all there already.
#
#   1. Debian packages: each one is checked with dpkg; only when some are missing does it run
#      apt-get update + apt-get install (through sudo when not root). A package counts as
#      present when it is installed or when an installed package Provides it (e.g. a nodejs
#      build that bundles npm).
#   2. npm test/bench tooling (@duckdb/node-api, vega-datasets), pinned by package-lock.json,
#      installed into ./node_modules with `npm ci`; skipped while node_modules matches the
#      lockfile (a stamp holds the lockfile's hash).
#
# Usage: scripts/setup.sh [--fuzz]     --fuzz also installs clang and libFuzzer's runtime.
# Environment: CAIRN_SETUP_SIMULATE=1 makes apt-get only simulate (-s) the install, for
# testing this script on a machine that must not change.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  build-essential g++ cmake ninja-build ccache pkg-config
  libpg-query-dev libprotobuf-c-dev
  libsnappy-dev libzstd-dev liblz4-dev zlib1g-dev libbrotli-dev
  libcpp-httplib-dev nlohmann-json3-dev libyaml-cpp-dev libfmt-dev libre2-dev libfast-float-dev libreadline-dev
  libutf8proc-dev libcli11-dev libssl-dev openssl libcctz-dev tzdata
  libgtest-dev libgmock-dev
  nodejs npm
  postgresql postgresql-client
  sqlite3
  ca-certificates git curl
)
for arg in "$@"; do
  case "$arg" in
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    *) echo "setup: unknown argument '$arg' (usage: scripts/setup.sh [--fuzz])" >&2; exit 2 ;;
  esac
done

# --- Debian packages ---------------------------------------------------------------------------

# Names that installed packages provide (virtual packages), one per line.
provided_names() {
  dpkg-query -W -f='${db:Status-Abbrev}|${Provides}\n' 2>/dev/null |
    awk -F'|' '$1 ~ /^ii/ && $2 != "" {
      n = split($2, names, ",")
      for (i = 1; i <= n; i++) { name = names[i]; sub(/^ +/, "", name); sub(/[ :].*/, "", name); print name }
    }' | sort -u
}

is_installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

missing=()
provided=""
for package in "${packages[@]}"; do
  is_installed "$package" && continue
  [[ -z "$provided" ]] && provided="$(provided_names)"
  grep -qxF "$package" <<<"$provided" && continue
  missing+=("$package")
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${#missing[@]} missing Debian package(s): ${missing[*]}"
  as_root=()
  if [[ "$(id -u)" != 0 ]]; then
    if ! command -v sudo >/dev/null; then
      echo "setup: not root and sudo is not installed; install as root: apt-get install ${missing[*]}" >&2
      exit 1
    fi
    as_root=(sudo)
  fi
  simulate=()
  [[ "${CAIRN_SETUP_SIMULATE:-0}" == 1 ]] && simulate=(-s)
  log="$(mktemp -t cairn-setup-apt.XXXXXX)"
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1 ||
     ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
       "${simulate[@]}" "${missing[@]}" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "setup: apt-get failed (full log: $log)" >&2
    exit 1
  fi
  [[ "${CAIRN_SETUP_SIMULATE:-0}" == 1 ]] && grep -E '^(Inst|Conf) ' "$log" | head -n 20
  rm -f "$log"
  echo "setup: Debian packages installed"
fi

# --- npm test and benchmark tooling -----------------------------------------------------------

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  [[ "${CAIRN_SETUP_SIMULATE:-0}" == 1 ]] && exit 0
  echo "setup: node/npm not found after installing nodejs and npm" >&2
  exit 1
fi

stamp=node_modules/.cairn-setup-stamp
want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: installing npm test tooling (npm ci)"
  log="$(mktemp -t cairn-setup-npm.XXXXXX)"
  if ! npm ci --no-audit --no-fund --no-update-notifier --loglevel=error >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "setup: npm ci failed (full log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
  # Fails loudly here rather than in the middle of a test run if the native binding cannot load.
  if ! node --input-type=module -e "await import('@duckdb/node-api')"; then
    echo "setup: @duckdb/node-api does not load under node $(node --version)" >&2
    exit 1
  fi
  echo "$want" >"$stamp"
fi
