// ConcatenatedSource: the rows of several sources with the same columns, one after another
// (UNION ALL of whole sources). Used for the files of one table that had to be opened apart
// because their schemas differ (each then adapted to the united schema).
//
// A scan hands out the morsels of each part's scan in turn, so parts are read in parallel as
// their own morsels allow. Filters go to every part unchanged.
//
// Thread-safety: immutable; NextPartition is locked.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

/// A source over `parts` (REQUIRES: non-empty, every part with the same column types, in the
/// same order, as the first; names are taken from the first). `table` names it in errors.
std::shared_ptr<TableSource> CreateConcatenatedSource(std::string table, std::vector<std::shared_ptr<TableSource>> parts);

}  // namespace cairn
