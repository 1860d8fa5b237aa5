#!/usr/bin/env bash
# Runs a large GROUP BY, ORDER BY and self-join under a hard address-space limit (ulimit -v) and
# checks that each either answers or fails with SQLSTATE 53200 — never a crash or an OOM kill:
#   1. with SET memory_limit below the ulimit: the tracker stops the query (53200 naming the
#      operator);
#   2. with SET memory_limit above the ulimit: allocation itself fails and std::bad_alloc is
#      reported as 53200.
# Usage: scripts/memory-limit-check.sh [BUILD_DIR]   (default: build)
set -euo pipefail
build_dir="${1:-build}"
cairn="$build_dir/cairn"
[ -x "$cairn" ] || { echo "no $cairn: build first" >&2; exit 2; }
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
# 3,000,000 distinct keys made in SQL (a cross join of two VALUES lists), no input file needed.
values() { python3 -c "import sys; print(','.join(f'({i})' for i in range(int(sys.argv[1]))))" "$1"; }
rows="(SELECT a.x * 2000 + b.y AS k FROM (VALUES $(values 1500)) a(x), (VALUES $(values 2000)) b(y))"
failures=0
run() {  # run LIMIT SQL: expects an answer or 53200 and no signal
  local limit="$1" sql="$2" out status
  set +e
  out="$( (ulimit -v 450000; "$cairn" "$data" -c "SET memory_limit = '$limit'" -c "$sql") 2>&1)"
  status=$?
  set -e
  if [ "$status" -ge 128 ]; then
    echo "CRASH (status $status) memory_limit=$limit: $sql"; failures=$((failures + 1))
  elif [ "$status" -ne 0 ] && ! grep -q "SQLSTATE 53200" <<<"$out"; then
    echo "UNEXPECTED memory_limit=$limit: $sql"; echo "$out" | tail -3; failures=$((failures + 1))
  else
    echo "ok   memory_limit=$limit: $(tail -3 <<<"$out" | grep -E 'Error|[0-9]' | head -1 | tr -s ' ')"
  fi
}
for limit in 64MB 4GB; do
  run "$limit" "SELECT count(*) FROM (SELECT k, count(*) FROM $rows big GROUP BY k) s"
  run "$limit" "SELECT count(*) FROM (SELECT k FROM $rows big ORDER BY k DESC) s"
  run "$limit" "SELECT count(*) FROM $rows a JOIN $rows b ON a.k = b.k"
done
echo "$((6 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
