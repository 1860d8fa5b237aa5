# Cairn's entry points. A fresh Debian 12 machine needs only `make demo` and `make test`:
# every target installs what it needs first (scripts/setup.sh, a no-op when all is present).
#
#   make build      Release build in build/ (CMake + Ninja, ccache when present)
#   make demo       build, then query vega-datasets' flights-3m.parquet (demo/run.sh)
#   make test       build, then unit/API tests (ctest), sqllogictest (test/sql), the
#                   differential tests against DuckDB (test/interop) and PostgreSQL 15
#                   (test/postgres); ends "N passed, M failed"
#   make bench      build, then time Cairn against DuckDB on the 22 TPC-H queries at SF 1 (dbgen's
#                   data from `cairn generate tpch`, bench/tpch.mjs) and on flights (bench/run.mjs), the
#                   pipeline breakers' scaling from 1 to 2 threads on 30 M rows (bench/breakers.mjs),
#                   writable tables against SQLite and DuckDB (bench/writes.mjs) and pgbench load
#                   on cairn serve against PostgreSQL 15 (bench/pgwire.mjs)
#   make bench-sf10 build, then the 22 TPC-H queries at SF 10 against DuckDB (bench/tpch.mjs)
#   make fuzz       clang + libFuzzer build in build-fuzz/, each fuzz target (or FUZZ_TARGET) for FUZZ_SECONDS
#   make sanitize   ASan+UBSan build (build-asan/, every suite) and TSan build (build-tsan/, unit
#                   and API tests: the parallel operators and the scheduler)
#   make clean      remove build trees and generated data (not node_modules)
#
# Parts of the test suite on their own: make unit, make sqllogictest, make interop.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

BUILD_DIR ?= build
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
BUILD_TYPE ?= Release

# ccache keys on paths relative to the checkout, so clones in different places share hits.
export CCACHE_BASEDIR := $(CURDIR)

.PHONY: soak all setup configure build demo test unit sqllogictest interop bench bench-sf10 fuzz sanitize clean

all: build

setup:
	@bash scripts/setup.sh

configure: setup
	@mkdir -p $(BUILD_DIR)
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >$(BUILD_DIR)/configure.log 2>&1 \
	  || { cat $(BUILD_DIR)/configure.log; echo "cmake configure failed (log: $(BUILD_DIR)/configure.log)"; exit 1; }

build: configure
	@ninja -C $(BUILD_DIR)

demo: build
	@bash demo/run.sh

test: build
	@bash scripts/run-tests.sh --build-dir $(BUILD_DIR)

unit: build
	@bash scripts/run-tests.sh --build-dir $(BUILD_DIR) --only unit

sqllogictest: build
	@bash scripts/run-tests.sh --build-dir $(BUILD_DIR) --only sqllogictest

interop: build
	@bash scripts/run-tests.sh --build-dir $(BUILD_DIR) --only interop

# The crash test at length: 500 SIGKILLs of a writer, each followed by recovery and checks;
# the summary goes to bench/results/.
soak: build
	@node test/crash/run.mjs --build-dir $(BUILD_DIR) --kills 500 --seed $$(date +%s) \
	  --report bench/results/$$(date +%Y-%m-%d)-crash-soak.md

bench: build
	@node bench/tpch.mjs --build-dir $(BUILD_DIR) --sf 1
	@node bench/run.mjs --build-dir $(BUILD_DIR)
	@node bench/breakers.mjs --build-dir $(BUILD_DIR)
	@node bench/writes.mjs --build-dir $(BUILD_DIR)
	@node bench/pgwire.mjs --build-dir $(BUILD_DIR)

bench-sf10: build
	@node bench/tpch.mjs --build-dir $(BUILD_DIR) --sf 10

# Every src/**/*_fuzz.cpp is a libFuzzer target (CMakeLists.txt, CAIRN_FUZZ). The whole engine
# is compiled with coverage instrumentation and ASan+UBSan so libFuzzer sees inside the
# library, not only the harness. Corpora persist in $(FUZZ_DIR)/corpus/<target>/; seeds are
# taken from test/fuzz/<target>/ when that folder exists.
fuzz:
	@bash scripts/setup.sh --fuzz
	@bash scripts/fuzz.sh --build-dir $(FUZZ_DIR) --seconds $(FUZZ_SECONDS) $(if $(FUZZ_TARGET),--target $(FUZZ_TARGET))

sanitize:
	@bash scripts/setup.sh
	@bash scripts/sanitize.sh

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR) build-asan build-tsan demo-data
