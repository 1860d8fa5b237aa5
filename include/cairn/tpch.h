// TPC-H data generation: the eight tables of the TPC-H benchmark (specification 3.0.1, clause
// 4.2) written as Parquet files, with exactly the rows of the reference generator dbgen
// (versions 2.14 to 3.0 agree) for the scale factor. docs/sql/tpch.md describes the output.
//
// Output, in `output_directory` (created if missing):
//   <table>.parquet               a table of one part, or
//   <table>/<table>-NNNN.parquet  the parts of a larger table (a part per million rows or so;
//                                 the split depends on the scale factor only, never on the
//                                 thread count, so the files are the same for any `threads`);
//   table_mappings.json           registering every generated table by name (a file path, or
//                                 the list of its parts), keeping entries for other tables
//                                 already in the file, so `cairn DIR` can query them.
// Files of an earlier generation of the same tables that this one did not write (parts beyond
// the new count, a single file replaced by parts or the reverse) are removed.
// Column types: keys INTEGER except o_orderkey and l_orderkey BIGINT; money, quantity, discount
// and tax DECIMAL(15,2); dates DATE; text VARCHAR without CHAR padding. Files are snappy-
// compressed with row groups of 122,880 rows.
//
// Memory: the 300 MiB text pool comments are cut from, plus one row group per thread being
// written; independent of the scale factor.
//
// Errors: cairn::Exception — 22023 for an invalid option (scale factor outside [0.01, 10000],
// unknown table name), 58P01/58030 when a file cannot be created or written. Files written
// before the error are removed; table_mappings.json is only written once every file is done.
//
// Thread-safety: GenerateTpch may run concurrently with itself on different directories.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cairn {

struct TpchOptions {
  /// Scale factor: SF 1 is about 1 GB of dbgen text (6,001,215 lineitem rows). Fractional
  /// values scale the row counts (SF 0.01: 15,000 orders). Valid: 0.01 <= SF <= 10000
  /// (above, p_partkey would not fit INTEGER); 22023 otherwise.
  double scale_factor = 1;
  /// Where the files go.
  std::string output_directory;
  /// Worker threads; 0 means one per hardware thread.
  unsigned threads = 0;
  /// Names of the tables to generate ("lineitem", ...); empty means all eight.
  std::vector<std::string> tables;
};

/// What GenerateTpch wrote for one table.
struct TpchTableResult {
  std::string name;
  uint64_t rows = 0;
  /// Paths of its Parquet files relative to the output directory, in row order.
  std::vector<std::string> files;
};

/// Generates the tables (see the file comment); returns them in the specification's order
/// (region, nation, supplier, customer, part, partsupp, orders, lineitem).
std::vector<TpchTableResult> GenerateTpch(const TpchOptions& options);

}  // namespace cairn
