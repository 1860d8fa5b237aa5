#!/usr/bin/env bash
# run-tests.sh: runs Cairn's test suites against an existing build and prints one summary.
#
#   unit          ctest: every GoogleTest binary (src/<layer>/*_test.cpp, test/api). Counted per
#                 test case from GoogleTest's XML reports; a binary that dies without a report
#                 counts as one failure.
#   sqllogictest  <build>/cairn_sqllogictest test/sql
#   interop       node test/interop/run.mjs (differential tests against DuckDB)
#   postgres      node test/postgres/run.mjs (differential tests against a private PostgreSQL 15
#                 cluster: literals, casts, string and date/time functions)
#   tpch          node test/tpch/run.mjs (the 22 TPC-H queries on generated SF 0.05 Parquet
#                 files, answers compared with DuckDB's)
#   tpch-dbgen    node test/tpch/answers.mjs (`cairn generate tpch --sf 1`, then the 22 queries
#                 compared with the TPC-H answer set of dbgen's SF 1 data in
#                 test/tpch/answers; fails when the answer set is missing)
#   server        node test/server/run.mjs (`cairn serve` on a private port: psql and a raw
#                 socket client over the PostgreSQL wire protocol, malformed input included),
#                 and test/server/extended.mjs (the extended query protocol through node-postgres
#                 and raw messages, differential against a private PostgreSQL 15 cluster),
#                 test/server/psql_catalog.mjs (psql's \d family over pg_catalog, output compared
#                 with PostgreSQL 15's), and
#                 test/server/http.mjs (the HTTP API with fetch and curl)
#   crash         node test/crash/run.mjs (a writer of a writable database killed 20 times at
#                 random moments; every acknowledged transaction must survive, DuckDB reads
#                 the files)
#
# Every part runs even when an earlier one fails. The last line is "N passed, M failed"; the
# exit status is 1 when anything failed or a part could not run.
#
# Usage: scripts/run-tests.sh [--build-dir DIR] [--only unit|sqllogictest|interop|postgres|tpch|tpch-dbgen|server|crash]
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=build
only=""
while (($# > 0)); do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "usage: scripts/run-tests.sh [--build-dir DIR] [--only unit|sqllogictest|interop|postgres|tpch|tpch-dbgen|server|crash]" >&2; exit 2 ;;
  esac
done

total_passed=0
total_failed=0
summary=()

# Records a part's counts: record NAME PASSED FAILED
record() {
  summary+=("$(printf '  %-14s %6d passed, %d failed' "$1" "$2" "$3")")
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
}

# The last "N passed, M failed" in a log, as "N M" (empty when there is none).
counts_from_log() {
  grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1 | awk '{print $1, $3}'
}

banner() {
  echo
  echo "=== $* ==="
}

run_unit() {
  banner "unit and API tests (ctest)"
  local reports="$build_dir/test-reports"
  rm -rf "$reports"
  mkdir -p "$reports"
  local log="$build_dir/ctest.log"
  GTEST_OUTPUT="xml:$(realpath "$reports")/" GTEST_COLOR=no \
    ctest --test-dir "$build_dir" --output-on-failure --timeout 900 2>&1 | tee "$log"
  local ctest_status=${PIPESTATUS[0]}
  local passed=0 failed=0 tests fails errors file
  for file in "$reports"/*.xml; do
    [[ -e "$file" ]] || continue
    # The root <testsuites tests=".." failures=".." errors=".."> element carries the totals.
    read -r tests fails errors < <(grep -m1 '<testsuites' "$file" |
      sed -E 's/.* tests="([0-9]+)".* failures="([0-9]+)".*errors="([0-9]+)".*/\1 \2 \3/')
    failed=$((failed + fails + errors))
    passed=$((passed + tests - fails - errors))
  done
  # ctest's own count of test binaries that failed; one that crashed left no report failures.
  local binaries_failed
  binaries_failed=$(grep -Eo 'tests passed, [0-9]+ tests failed' "$log" | grep -Eo '[0-9]+ tests failed' | cut -d' ' -f1)
  binaries_failed=${binaries_failed:-0}
  if ((ctest_status != 0 && failed == 0)); then
    failed=$((binaries_failed > 0 ? binaries_failed : 1))
  fi
  if ((passed + failed == 0)); then
    echo "no GoogleTest results found (is the build complete?)"
    failed=1
  fi
  record unit "$passed" "$failed"
}

run_sqllogictest() {
  banner "sqllogictest (test/sql)"
  local runner="$build_dir/cairn_sqllogictest"
  if [[ ! -x "$runner" ]]; then
    echo "$runner was not built"
    record sqllogictest 0 1
    return
  fi
  local log="$build_dir/sqllogictest.log"
  "$runner" test/sql 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local counts
  counts=$(counts_from_log "$log")
  if [[ -n "$counts" ]]; then
    read -r passed failed <<<"$counts"
    ((status != 0 && failed == 0)) && failed=1
  elif ((status == 0)); then
    passed=1 failed=0
  else
    passed=0 failed=1
  fi
  record sqllogictest "$passed" "$failed"
}

# Runs a node differential runner and records its counts: run_node_part NAME TITLE SCRIPT
run_node_part() {
  banner "$2"
  local log="$build_dir/$1.log"
  node "$3" --build-dir "$build_dir" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local counts
  counts=$(counts_from_log "$log")
  if [[ -n "$counts" ]]; then
    read -r passed failed <<<"$counts"
    ((status != 0 && failed == 0)) && failed=1
  else
    passed=0 failed=1
  fi
  record "$1" "$passed" "$failed"
}

run_interop() { run_node_part interop "differential tests against DuckDB (test/interop)" test/interop/run.mjs; }
run_postgres() { run_node_part postgres "differential tests against PostgreSQL 15 (test/postgres)" test/postgres/run.mjs; }
run_tpch() { run_node_part tpch "TPC-H queries against DuckDB (test/tpch)" test/tpch/run.mjs; }
run_tpch_dbgen() { run_node_part tpch-dbgen "TPC-H SF 1 from cairn generate against the answer set (test/tpch/answers.mjs)" test/tpch/answers.mjs; }
run_server() {
  run_node_part server "PostgreSQL wire protocol server (test/server)" test/server/run.mjs
  run_node_part server-extended "extended query protocol against PostgreSQL 15 (test/server)" test/server/extended.mjs
  run_node_part server-http "HTTP API of cairn serve (test/server/http.mjs)" test/server/http.mjs
  run_node_part server-catalog "psql's \\d commands against PostgreSQL 15 (test/server/psql_catalog.mjs)" test/server/psql_catalog.mjs
  run_node_part server-auth "authentication, TLS and limits of cairn serve (test/server/auth.mjs)" test/server/auth.mjs
}
run_crash() { run_node_part crash "crash test of writable tables (test/crash)" test/crash/run.mjs; }

case "$only" in
  "") run_unit; run_sqllogictest; run_interop; run_postgres; run_tpch; run_tpch_dbgen; run_server; run_crash ;;
  unit) run_unit ;;
  sqllogictest) run_sqllogictest ;;
  interop) run_interop ;;
  postgres) run_postgres ;;
  tpch) run_tpch ;;
  tpch-dbgen) run_tpch_dbgen ;;
  server) run_server ;;
  crash) run_crash ;;
  *) echo "unknown part '$only'" >&2; exit 2 ;;
esac

banner "summary"
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
