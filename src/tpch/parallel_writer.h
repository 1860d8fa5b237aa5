// The plan GenerateTpch (include/cairn/tpch.h) carries out: each table cut into parts of a fixed
// number of units (depending only on the table and scale factor), one Parquet file per part,
// parts written by a pool of threads, largest first. Every part opens its own cursor at its
// first unit (the streams seek there), so the files do not depend on the thread count.
//
// Thread-safety: PlanParts is pure; WriteParts runs its own workers and returns when all are
// done, rethrowing the first error (the other workers stop after their current chunk).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "tpch/table_generator.h"

namespace cairn::tpch {

/// One output file: units [begin, end) of a table.
struct PartFile {
  TpchTable table;
  int64_t begin;
  int64_t end;
  /// Relative to the output directory.
  std::string path;
  /// Filled by WriteParts.
  uint64_t rows = 0;
};

/// Units per part file: about a million rows (250,000 orders of LINEITEM or parts of PARTSUPP).
int64_t UnitsPerPart(TpchTable table);

/// The part files of `table` at `scale_factor`, in unit order: "<name>.parquet" when the table
/// fits one part, else "<name>/<name>-0001.parquet", ...
std::vector<PartFile> PlanParts(TpchTable table, double scale_factor);

/// Writes every part under `directory` with `threads` workers (>= 1), recording its row count.
/// On error, removes the files it created and rethrows.
void WriteParts(FileSystem& file_system, const std::string& directory, const GenerationContext& context,
                std::vector<PartFile>& parts, unsigned threads);

}  // namespace cairn::tpch
