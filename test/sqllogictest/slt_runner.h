// SltRunner: runs sqllogictest files against Cairn and reports failures.
//
// Each file gets a fresh Database opened on the runner's data directory (`--data-dir`, else
// $CAIRN_TEST_DATA, else "test/data"; a missing directory falls back to the file's temporary
// directory) and a fresh temporary directory. Before a record runs, `__TEST_DIR__` (that
// temporary directory) and `__DATA_DIR__` (the data directory, absolute) are substituted in
// its SQL, expected error and expected rows. Result values are compared as text: NULL is
// "NULL", the empty string "(empty)", everything else Value::ToString().
//
// Thread-safety: one runner per thread.
#pragma once

#include <ostream>
#include <string>

#include "cairn/query_result.h"
#include "result_comparison.h"
#include "slt_record.h"

namespace cairn::slt {

struct RunCounts {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  RunCounts& operator+=(const RunCounts& other) {
    passed += other.passed;
    failed += other.failed;
    skipped += other.skipped;
    return *this;
  }
};

class SltRunner {
 public:
  /// `data_dir`: the directory each file's Database opens. Failures are written to `report`.
  SltRunner(std::string data_dir, std::ostream& report);

  /// Runs the file at `path`; counts records. An unreadable file counts as one failure.
  RunCounts RunFile(const std::string& path);
  /// Runs already-parsed `script` (as read from `path`, used in messages).
  RunCounts RunScript(const std::string& path, const SltScript& script);

  /// The text of every cell of a materialized result, row by row.
  static TextRows ResultRows(const QueryResult& result);

 private:
  std::string data_dir_;
  std::ostream& report_;
};

}  // namespace cairn::slt
