#include "tpch/table_generator.h"

#include "cairn/exception.h"

namespace cairn::tpch {
namespace {

LogicalType Money() { return LogicalType::Decimal(15, 2); }

std::vector<TableSpec> BuildSpecs() {
  const LogicalType integer(TypeId::INTEGER);
  const LogicalType bigint(TypeId::BIGINT);
  const LogicalType varchar(TypeId::VARCHAR);
  const LogicalType date(TypeId::DATE);
  return {
      {TpchTable::kRegion, "region", {"r_regionkey", "r_name", "r_comment"}, {integer, varchar, varchar}, 1},
      {TpchTable::kNation,
       "nation",
       {"n_nationkey", "n_name", "n_regionkey", "n_comment"},
       {integer, varchar, integer, varchar},
       1},
      {TpchTable::kSupplier,
       "supplier",
       {"s_suppkey", "s_name", "s_address", "s_nationkey", "s_phone", "s_acctbal", "s_comment"},
       {integer, varchar, varchar, integer, varchar, Money(), varchar},
       1},
      {TpchTable::kCustomer,
       "customer",
       {"c_custkey", "c_name", "c_address", "c_nationkey", "c_phone", "c_acctbal", "c_mktsegment",
        "c_comment"},
       {integer, varchar, varchar, integer, varchar, Money(), varchar, varchar},
       1},
      {TpchTable::kPart,
       "part",
       {"p_partkey", "p_name", "p_mfgr", "p_brand", "p_type", "p_size", "p_container", "p_retailprice",
        "p_comment"},
       {integer, varchar, varchar, varchar, varchar, integer, varchar, Money(), varchar},
       1},
      {TpchTable::kPartSupp,
       "partsupp",
       {"ps_partkey", "ps_suppkey", "ps_availqty", "ps_supplycost", "ps_comment"},
       {integer, integer, integer, Money(), varchar},
       4},
      {TpchTable::kOrders,
       "orders",
       {"o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority",
        "o_clerk", "o_shippriority", "o_comment"},
       {bigint, integer, varchar, Money(), date, varchar, varchar, integer, varchar},
       1},
      {TpchTable::kLineitem,
       "lineitem",
       {"l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice", "l_discount",
        "l_tax", "l_returnflag", "l_linestatus", "l_shipdate", "l_commitdate", "l_receiptdate",
        "l_shipinstruct", "l_shipmode", "l_comment"},
       {bigint, integer, integer, integer, Money(), Money(), Money(), Money(), varchar, varchar, date, date,
        date, varchar, varchar, varchar},
       7},
  };
}

int64_t Scaled(int64_t base, double scale_factor) {
  return static_cast<int64_t>(static_cast<double>(base) * scale_factor);
}

}  // namespace

const std::vector<TableSpec>& TpchTableSpecs() {
  static const std::vector<TableSpec> specs = BuildSpecs();
  return specs;
}

const TableSpec& GetTableSpec(TpchTable table) { return TpchTableSpecs()[static_cast<size_t>(table)]; }

int64_t SupplierCount(double scale_factor) { return Scaled(10000, scale_factor); }
int64_t CustomerCount(double scale_factor) { return Scaled(150000, scale_factor); }
int64_t PartCount(double scale_factor) { return Scaled(200000, scale_factor); }
int64_t OrderCount(double scale_factor) { return Scaled(1500000, scale_factor); }

int64_t UnitCount(TpchTable table, double scale_factor) {
  switch (table) {
    case TpchTable::kRegion:
      return 5;
    case TpchTable::kNation:
      return 25;
    case TpchTable::kSupplier:
      return SupplierCount(scale_factor);
    case TpchTable::kCustomer:
      return CustomerCount(scale_factor);
    case TpchTable::kPart:
    case TpchTable::kPartSupp:
      return PartCount(scale_factor);
    case TpchTable::kOrders:
    case TpchTable::kLineitem:
      return OrderCount(scale_factor);
  }
  return 0;
}

bool TableCursor::Fill(DataChunk& chunk) {
  if (next_ >= end_) return false;
  idx_t row = chunk.size();
  while (next_ < end_ && row + max_rows_per_unit_ <= chunk.capacity()) {
    row += GenerateUnit(next_, chunk, row);
    next_++;
  }
  chunk.SetCardinality(row);
  return true;
}

std::unique_ptr<TableCursor> OpenTableCursor(TpchTable table, const GenerationContext& context, int64_t begin,
                                             int64_t end) {
  if (begin < 0 || begin > end || end > UnitCount(table, context.scale_factor)) {
    throw Exception(sqlstate::kInternalError, "TPC-H: unit range [" + std::to_string(begin) + ", " +
                                                  std::to_string(end) + ") outside table " +
                                                  GetTableSpec(table).name);
  }
  switch (table) {
    case TpchTable::kRegion:
      return OpenRegionCursor(context, begin, end);
    case TpchTable::kNation:
      return OpenNationCursor(context, begin, end);
    case TpchTable::kSupplier:
      return OpenSupplierCursor(context, begin, end);
    case TpchTable::kCustomer:
      return OpenCustomerCursor(context, begin, end);
    case TpchTable::kPart:
      return OpenPartCursor(context, begin, end);
    case TpchTable::kPartSupp:
      return OpenPartSuppCursor(context, begin, end);
    case TpchTable::kOrders:
      return OpenOrdersCursor(context, begin, end);
    case TpchTable::kLineitem:
      return OpenLineitemCursor(context, begin, end);
  }
  return nullptr;
}

}  // namespace cairn::tpch
