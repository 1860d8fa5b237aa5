#!/usr/bin/env bash
# run.sh: Cairn's demo. Maps vega-datasets' flights-3m.parquet and airports.csv (installed by
# scripts/setup.sh into node_modules/) as tables in demo-data/table_mappings.json, runs each
# query of demo/queries.sql through the shell (build/cairn demo-data -c SQL) with its timing,
# then has demo/check.mjs run the same queries in DuckDB and compare the answers.
#
# Usage: demo/run.sh [BUILD_DIR]     (default build; `make demo` builds first)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir="${1:-build}"
cairn="$build_dir/cairn"
[[ -x "$cairn" ]] || { echo "demo: $cairn is not built (run: make demo)" >&2; exit 1; }
[[ -f node_modules/vega-datasets/data/flights-3m.parquet ]] ||
  { echo "demo: node_modules/vega-datasets is missing (run: scripts/setup.sh)" >&2; exit 1; }

# Relative paths in table_mappings.json resolve against the data directory.
mkdir -p demo-data
cat >demo-data/table_mappings.json <<'EOF'
{
  "tables": [
    {"table_name": "flights", "file_path": "../node_modules/vega-datasets/data/flights-3m.parquet"},
    {"table_name": "airports", "file_path": "../node_modules/vega-datasets/data/airports.csv"}
  ]
}
EOF

# Prefer the shell's own timer (.timer on); time the call here if the shell lacks it.
timer_args=()
if "$cairn" demo-data -c ".timer on" -c "SELECT 1" >/dev/null 2>&1; then
  timer_args=(-c ".timer on")
fi

echo "Cairn demo: data directory demo-data/ (flights = flights-3m.parquet, airports = airports.csv)"
status=0
# demo/queries.sql → records "title<TAB>sql" separated by NUL.
while IFS=$'\t' read -r -d '' title sql; do
  echo
  echo "-- $title"
  echo "$sql;"
  started=$(date +%s%N)
  if ! "$cairn" demo-data "${timer_args[@]}" -c "$sql"; then
    echo "demo: query failed: $title" >&2
    status=1
  fi
  if ((${#timer_args[@]} == 0)); then
    elapsed_ms=$((($(date +%s%N) - started) / 1000000))
    echo "Run Time: $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s (whole process)"
  fi
done < <(awk '
  /^-- name:/ { if (title != "") printf "%s\t%s%c", title, sql, 0; title = substr($0, 10); sql = ""; next }
  /^--/ { next }
  title != "" { line = $0; sub(/;[ \t]*$/, "", line); if (line != "") sql = (sql == "" ? line : sql "\n" line) }
  END { if (title != "") printf "%s\t%s%c", title, sql, 0 }
' demo/queries.sql)

echo
echo "Checking every answer against DuckDB (demo/check.mjs):"
node demo/check.mjs --build-dir "$build_dir" || status=1
exit "$status"
