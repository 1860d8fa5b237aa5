// The eight TPC-H tables (specification clause 1.4 and 4.2.3) as generators of DataChunks.
//
// A table is generated in "units": a row for most tables, a part (four PARTSUPP rows) or an
// order (one to seven LINEITEM rows). Units are numbered from 0 and every unit's values depend
// only on its number (the random streams seek to it; random_stream.h), so any range of units can
// be generated on its own, in any order, by any thread, with the same result as dbgen's single
// pass. A TableCursor generates one range.
//
// Column types: keys INTEGER except the order keys (o_orderkey, l_orderkey) BIGINT, so that
// SF > 200 fits; money, quantities, discounts and taxes DECIMAL(15,2); dates DATE; every text
// column VARCHAR (CHAR(n) columns without padding, as dbgen writes them).
//
// Thread-safety: TableSpecs and the context are immutable; a cursor is used by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/types.h"
#include "tpch/distribution_data.h"
#include "tpch/text_pool.h"

namespace cairn::tpch {

enum class TpchTable : uint8_t {
  kRegion,
  kNation,
  kSupplier,
  kCustomer,
  kPart,
  kPartSupp,
  kOrders,
  kLineitem
};

/// What every cursor reads: the scale factor, the shared text pool and the distributions.
struct GenerationContext {
  double scale_factor;
  const TextPool& text_pool;
  const TpchDistributions& distributions;
};

/// A table's name, columns and size.
struct TableSpec {
  TpchTable table;
  std::string name;  // "lineitem"
  std::vector<std::string> column_names;
  std::vector<LogicalType> column_types;
  /// Most rows one unit produces (1, 4 for PARTSUPP, 7 for LINEITEM).
  idx_t max_rows_per_unit;
};

/// The eight tables in dependency order (region, nation, supplier, customer, part, partsupp,
/// orders, lineitem).
const std::vector<TableSpec>& TpchTableSpecs();
const TableSpec& GetTableSpec(TpchTable table);

/// The number of units of `table` at `scale_factor` (dbgen's counts: base * SF truncated;
/// REGION 5 and NATION 25 at every SF).
int64_t UnitCount(TpchTable table, double scale_factor);

/// Generates the rows of units [begin, end) of one table, in order.
class TableCursor {
 public:
  virtual ~TableCursor() = default;

  /// Appends the rows of the next units to `chunk` (initialized with the table's column types),
  /// as many whole units as fit in its capacity. Returns false, adding nothing, once the range
  /// is exhausted.
  bool Fill(DataChunk& chunk);

 protected:
  TableCursor(int64_t begin, int64_t end, idx_t max_rows_per_unit)
      : next_(begin), end_(end), max_rows_per_unit_(max_rows_per_unit) {}
  /// Writes the rows of unit `unit` into `chunk` from row `row` on, returns how many, and moves
  /// every stream to the next unit.
  virtual idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) = 0;

 private:
  int64_t next_;
  int64_t end_;
  idx_t max_rows_per_unit_;
};

/// A cursor over units [begin, end) of `table`. REQUIRES: 0 <= begin <= end <= UnitCount.
std::unique_ptr<TableCursor> OpenTableCursor(TpchTable table, const GenerationContext& context, int64_t begin,
                                             int64_t end);

// The per-table factories OpenTableCursor dispatches to (one source file each).
std::unique_ptr<TableCursor> OpenRegionCursor(const GenerationContext& context, int64_t begin, int64_t end);
std::unique_ptr<TableCursor> OpenNationCursor(const GenerationContext& context, int64_t begin, int64_t end);
std::unique_ptr<TableCursor> OpenSupplierCursor(const GenerationContext& context, int64_t begin, int64_t end);
std::unique_ptr<TableCursor> OpenCustomerCursor(const GenerationContext& context, int64_t begin, int64_t end);
std::unique_ptr<TableCursor> OpenPartCursor(const GenerationContext& context, int64_t begin, int64_t end);
std::unique_ptr<TableCursor> OpenPartSuppCursor(const GenerationContext& context, int64_t begin, int64_t end);
std::unique_ptr<TableCursor> OpenOrdersCursor(const GenerationContext& context, int64_t begin, int64_t end);
std::unique_ptr<TableCursor> OpenLineitemCursor(const GenerationContext& context, int64_t begin, int64_t end);

/// Row counts dbgen derives from the scale factor (base * SF, truncated).
int64_t SupplierCount(double scale_factor);
int64_t CustomerCount(double scale_factor);
int64_t PartCount(double scale_factor);
int64_t OrderCount(double scale_factor);

// Formulas shared between tables (clause 4.2.3).
/// p_retailprice in cents: 90000 + ((key / 10) mod 20001) + 100 * (key mod 1000).
inline int64_t RetailPriceCents(int64_t part_key) {
  return 90000 + (part_key / 10) % 20001 + 100 * (part_key % 1000);
}
/// The key of supplier `number` (0..3) of part `part_key`:
/// (part_key + number * (S / 4 + (part_key - 1) / S)) mod S + 1, S the supplier count.
inline int64_t PartSupplierKey(int64_t part_key, int64_t number, int64_t supplier_count) {
  return (part_key + number * (supplier_count / 4 + (part_key - 1) / supplier_count)) % supplier_count + 1;
}
/// The sparse order key of order `index` (1-based): 8 keys used in every 32.
inline int64_t OrderKey(int64_t index) { return ((index >> 3) << 5) + (index & 7); }

// Writing values into a chunk's flat vectors.
/// Stores a view of `text`, which must outlive every use of the chunk (pool slices, static
/// vocabulary).
inline void SetBorrowedString(Vector& vector, idx_t row, std::string_view text) {
  vector.data<string_t>()[row] = string_t(text);
}
/// Stores a copy of `text` (in the vector's heap when it is longer than 12 bytes).
inline void SetOwnedString(Vector& vector, idx_t row, std::string_view text) {
  vector.data<string_t>()[row] = vector.AddString(text);
}

}  // namespace cairn::tpch
