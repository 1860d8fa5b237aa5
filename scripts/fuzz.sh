#!/usr/bin/env bash
# fuzz.sh: builds every libFuzzer target (src/**/*_fuzz.cpp, CMake option CAIRN_FUZZ) with clang,
# ASan and UBSan, then runs each one for a fixed time. A crash, leak, sanitizer report or
# timeout fails the run; the reproducer is left in the build directory (crash-*, timeout-*).
#
# The whole engine is compiled with -fsanitize=fuzzer-no-link so coverage feedback reaches into
# the library. Corpora persist in <build>/corpus/<target>/ across runs; files in
# test/fuzz/<target>/ (when present) are used as seeds.
#
# Usage: scripts/fuzz.sh [--build-dir DIR] [--seconds N] [--target NAME]
#   --target NAME  build and run only that target (e.g. parquet_structure_fuzz)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=build-fuzz
seconds=60
only=""
while (($# > 0)); do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --target) only="$2"; shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--build-dir DIR] [--seconds N] [--target NAME]" >&2; exit 2 ;;
  esac
done

mapfile -t sources < <(find src -name '*_fuzz.cpp' | sort)
if ((${#sources[@]} == 0)); then
  echo "fuzz: no fuzz targets (src/**/*_fuzz.cpp) yet"
  exit 0
fi
targets=()
for source in "${sources[@]}"; do
  name="$(basename "$source" .cpp)"
  [[ -z "$only" || "$name" == "$only" ]] && targets+=("$name")
done
if ((${#targets[@]} == 0)); then
  echo "fuzz: no target named $only" >&2
  exit 2
fi

export CCACHE_BASEDIR="$PWD"
mkdir -p "$build_dir"
instrument="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer"
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAIRN_FUZZ=ON \
  -DCMAKE_C_FLAGS="$instrument" -DCMAKE_CXX_FLAGS="$instrument" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >"$build_dir/configure.log" 2>&1 ||
  { cat "$build_dir/configure.log"; echo "fuzz: cmake configure failed"; exit 1; }
ninja -C "$build_dir" "${targets[@]}"

failed=()
for target in "${targets[@]}"; do
  corpus="$build_dir/corpus/$target"
  mkdir -p "$corpus"
  seeds=()
  [[ -d "test/fuzz/$target" ]] && seeds=("$PWD/test/fuzz/$target")
  echo "=== $target: ${seconds}s ==="
  if (cd "$build_dir" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "./$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        "corpus/$target" "${seeds[@]}" >"$target.log" 2>&1); then
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+.*DONE)' "$build_dir/$target.log" || true
    echo "$target: ok"
  else
    tail -n 60 "$build_dir/$target.log"
    echo "$target: FAILED (log: $build_dir/$target.log)"
    failed+=("$target")
  fi
done

echo "$((${#targets[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
((${#failed[@]} == 0))
