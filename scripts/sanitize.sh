#!/usr/bin/env bash
# sanitize.sh: builds Cairn with sanitizers and runs the test suites on those builds.
#
#   address  ASan + UBSan (build-asan/): every suite of scripts/run-tests.sh — unit, API,
#            sqllogictest, the differential tests (whose cairn binary is then the sanitized one)
#   thread   TSan (build-tsan/): the unit and API tests (ctest), which run the parallel operators,
#            the scheduler and concurrent connections on several worker threads
#
# Any sanitizer report fails the run (UBSan does not recover; ASan and TSan exit non-zero).
# Usage: scripts/sanitize.sh [--only address|thread]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CCACHE_BASEDIR="$PWD"

only=""
while (($# > 0)); do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    *) echo "usage: scripts/sanitize.sh [--only address|thread]" >&2; exit 2 ;;
  esac
done

# configure_and_build DIR SANITIZER
configure_and_build() {
  mkdir -p "$1"
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAIRN_SANITIZE="$2" >"$1/configure.log" 2>&1 ||
    { cat "$1/configure.log"; echo "sanitize: cmake configure failed for $2" >&2; exit 1; }
  ninja -C "$1"
}

status=0
if [[ -z "$only" || "$only" == address ]]; then
  echo "=== AddressSanitizer + UndefinedBehaviorSanitizer (build-asan) ==="
  configure_and_build build-asan address
  # Leaks in the libpg_query parser's memory contexts are reported by the library's own tests;
  # the engine's leaks are what matters here, so leak checking stays on.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    bash scripts/run-tests.sh --build-dir build-asan || status=1
fi
if [[ -z "$only" || "$only" == thread ]]; then
  echo "=== ThreadSanitizer (build-tsan) ==="
  configure_and_build build-tsan thread
  TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" \
    bash scripts/run-tests.sh --build-dir build-tsan --only unit || status=1
fi
if ((status != 0)); then
  echo "sanitize: FAILED"
  exit 1
fi
echo "sanitize: every suite passed under the sanitizers"
