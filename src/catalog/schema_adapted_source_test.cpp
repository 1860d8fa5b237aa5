#include "catalog/schema_adapted_source.h"

#include <gtest/gtest.h>

#include <mutex>

#include "catalog/concatenated_source.h"

namespace cairn {
namespace {

/// A source of fixed rows that records the last ScanRequest it was given. Yields one partition.
class RecordingSource final : public TableSource {
 public:
  RecordingSource(std::vector<ColumnDefinition> columns, std::vector<std::vector<Value>> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}

  const std::vector<ColumnDefinition>& columns() const override { return columns_; }
  std::string Describe() const override { return "RECORDING"; }
  std::optional<idx_t> ExactRowCount() const override { return rows_.size(); }

  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_request_ = request;
      scans_++;
    }
    return std::make_unique<Global>(this, request.column_ids);
  }

  ScanRequest last_request() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_request_;
  }
  int scans() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return scans_;
  }

 private:
  class Partition final : public ScanPartition {
   public:
    Partition(const RecordingSource* source, std::vector<idx_t> ids) : source_(source), ids_(std::move(ids)) {}
    bool Next(DataChunk& out) override {
      if (done_) {
        out.SetCardinality(0);
        return false;
      }
      done_ = true;
      for (size_t i = 0; i < ids_.size(); i++) {
        for (size_t r = 0; r < source_->rows_.size(); r++) out.data[i].SetValue(r, source_->rows_[r][ids_[i]]);
      }
      out.SetCardinality(source_->rows_.size());
      return true;
    }

   private:
    const RecordingSource* source_;
    std::vector<idx_t> ids_;
    bool done_ = false;
  };
  class Global final : public GlobalScan {
   public:
    Global(const RecordingSource* source, std::vector<idx_t> ids) : source_(source), ids_(std::move(ids)) {}
    std::unique_ptr<ScanPartition> NextPartition() override {
      if (handed_out_) return nullptr;
      handed_out_ = true;
      return std::make_unique<Partition>(source_, ids_);
    }

   private:
    const RecordingSource* source_;
    std::vector<idx_t> ids_;
    bool handed_out_ = false;
  };

  std::vector<ColumnDefinition> columns_;
  std::vector<std::vector<Value>> rows_;
  mutable std::mutex mutex_;
  mutable ScanRequest last_request_;
  mutable int scans_ = 0;
};

/// Every row of `source` for `request`, as values.
std::vector<std::vector<Value>> ReadAll(const TableSource& source, const ScanRequest& request) {
  std::vector<LogicalType> types;
  for (idx_t id : request.column_ids) types.push_back(source.columns()[id].type);
  std::vector<std::vector<Value>> rows;
  auto scan = source.Scan(request);
  while (auto partition = scan->NextPartition()) {
    DataChunk chunk;
    chunk.Initialize(types);
    while (partition->Next(chunk)) {
      for (idx_t r = 0; r < chunk.size(); r++) {
        std::vector<Value> row;
        for (idx_t c = 0; c < chunk.ColumnCount(); c++) row.push_back(chunk.GetValue(c, r));
        rows.push_back(std::move(row));
      }
      chunk.Reset();
    }
  }
  return rows;
}

// The file: (id INTEGER, amount DECIMAL(9,2), ratio FLOAT); the table: (id BIGINT, note VARCHAR,
// amount DECIMAL(12,3), ratio DOUBLE).
struct Fixture {
  std::shared_ptr<RecordingSource> file = std::make_shared<RecordingSource>(
      std::vector<ColumnDefinition>{{"id", TypeId::INTEGER, true},
                                    {"amount", LogicalType::Decimal(9, 2), true},
                                    {"ratio", TypeId::FLOAT, true}},
      std::vector<std::vector<Value>>{
          {Value::Integer(1), Value::Decimal(1050, 9, 2), Value::Float(0.5f)},
          {Value::Integer(-7), Value::Null(LogicalType::Decimal(9, 2)), Value::Float(0.1f)}});
  std::vector<ColumnDefinition> table = {{"id", TypeId::BIGINT, true},
                                         {"note", TypeId::VARCHAR, true},
                                         {"amount", LogicalType::Decimal(12, 3), true},
                                         {"ratio", TypeId::DOUBLE, true}};
  std::shared_ptr<TableSource> adapted = CreateSchemaAdaptedSource(file, table, {0, -1, 1, 2});
};

TEST(SchemaAdaptedSourceTest, ReadsMissingColumnsAsNullAndWidensTheOthers) {
  Fixture f;
  ASSERT_EQ(f.adapted->columns().size(), 4u);
  auto rows = ReadAll(*f.adapted, ScanRequest{{3, 1, 0, 2}, {}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], Value::Double(0.5));
  EXPECT_EQ(rows[0][1], Value::Null(TypeId::VARCHAR));
  EXPECT_EQ(rows[0][2], Value::BigInt(1));
  EXPECT_EQ(rows[0][3], Value::Decimal(10500, 12, 3));
  EXPECT_EQ(rows[1][0], Value::Double(static_cast<double>(0.1f)));  // the float's own value, not 0.1
  EXPECT_EQ(rows[1][2], Value::BigInt(-7));
  EXPECT_TRUE(rows[1][3].IsNull());
  EXPECT_EQ(rows[1][3].type(), LogicalType::Decimal(12, 3));
  // Only the file's own columns are asked of it.
  EXPECT_EQ(f.file->last_request().column_ids, (std::vector<idx_t>{2, 0, 1}));
}

TEST(SchemaAdaptedSourceTest, OnlyMissingColumnsRequestedStillCountRows) {
  Fixture f;
  auto rows = ReadAll(*f.adapted, ScanRequest{{1}, {}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0][0].IsNull());
  EXPECT_TRUE(f.file->last_request().column_ids.empty());
}

TEST(SchemaAdaptedSourceTest, FiltersOnAMissingColumnSkipTheSourceUnlessIsNull) {
  using Op = TableFilter::Op;
  for (Op op : {Op::EQUAL, Op::NOT_EQUAL, Op::LESS, Op::GREATER_EQUAL, Op::IS_NOT_NULL}) {
    Fixture f;
    auto rows = ReadAll(*f.adapted, ScanRequest{{0}, {TableFilter{1, op, Value::Varchar("x")}}});
    EXPECT_TRUE(rows.empty());
    EXPECT_EQ(f.file->scans(), 0) << "the file is not read at all";
  }
  Fixture f;
  auto rows = ReadAll(*f.adapted, ScanRequest{{0}, {TableFilter{1, Op::IS_NULL, Value()}}});
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_TRUE(f.file->last_request().filters.empty());
}

TEST(SchemaAdaptedSourceTest, FiltersOnWidenedColumnsReachTheFileInItsOwnTypeWhenExact) {
  using Op = TableFilter::Op;
  Fixture f;
  ReadAll(*f.adapted, ScanRequest{{0},
                                  {TableFilter{0, Op::EQUAL, Value::BigInt(5)},
                                   TableFilter{0, Op::LESS, Value::BigInt(3000000000)},  // beyond INTEGER
                                   TableFilter{2, Op::GREATER, Value::Decimal(10500, 12, 3)},
                                   TableFilter{2, Op::GREATER, Value::Decimal(10505, 12, 3)},  // 10.505: no (9,2) value
                                   TableFilter{3, Op::GREATER, Value::Double(0.5)},
                                   TableFilter{3, Op::GREATER, Value::Double(0.1)},  // no float equals 0.1
                                   TableFilter{3, Op::IS_NOT_NULL, Value()}}});
  auto filters = f.file->last_request().filters;
  ASSERT_EQ(filters.size(), 4u);
  EXPECT_EQ(filters[0].column, 0u);
  EXPECT_EQ(filters[0].constant, Value::Integer(5));
  EXPECT_EQ(filters[1].column, 1u);
  EXPECT_EQ(filters[1].constant, Value::Decimal(1050, 9, 2));
  EXPECT_EQ(filters[2].column, 2u);
  EXPECT_EQ(filters[2].constant.type(), LogicalType(TypeId::FLOAT));
  EXPECT_EQ(filters[3].column, 2u);
  EXPECT_EQ(filters[3].op, Op::IS_NOT_NULL);
}

TEST(SchemaAdaptedSourceTest, ASourceWithTheTableColumnsIsNotWrapped) {
  Fixture f;
  auto same = CreateSchemaAdaptedSource(f.file, f.file->columns(), {0, 1, 2});
  EXPECT_EQ(same.get(), f.file.get());
}

TEST(ConcatenatedSourceTest, ReadsEveryPartInTurn) {
  Fixture f;
  auto other = std::make_shared<RecordingSource>(
      std::vector<ColumnDefinition>{{"id", TypeId::BIGINT, true}, {"note", TypeId::VARCHAR, true}},
      std::vector<std::vector<Value>>{{Value::BigInt(3000000000), Value::Varchar("late")}});
  auto adapted_other = CreateSchemaAdaptedSource(other, f.table, {0, 1, -1, -1});
  auto table = CreateConcatenatedSource("t", {f.adapted, adapted_other});
  EXPECT_EQ(table->ExactRowCount(), 3u);
  auto rows = ReadAll(*table, ScanRequest{{0, 1}, {}});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2][0], Value::BigInt(3000000000));
  EXPECT_EQ(rows[2][1], Value::Varchar("late"));
  // A filter no row of the first part can pass skips it; the second is still read.
  rows = ReadAll(*table, ScanRequest{{0}, {TableFilter{1, TableFilter::Op::EQUAL, Value::Varchar("late")}}});
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_EQ(f.file->scans(), 1);  // only by the first ReadAll
}

}  // namespace
}  // namespace cairn
