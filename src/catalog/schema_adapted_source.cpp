// SchemaAdaptedSource (see src/catalog/schema_adapted_source.h).
#include "catalog/schema_adapted_source.h"

#include <fmt/format.h>

#include "cairn/exception.h"
#include "function/cast.h"

namespace cairn {

namespace {

/// How one output column of a scan is produced from the inner chunk.
struct OutputColumn {
  enum class Kind : uint8_t { kReference, kCast, kNull };
  Kind kind = Kind::kNull;
  idx_t inner = 0;  // kReference, kCast: the column's index in the inner chunk
  LogicalType type;
};

class AdaptedPartition final : public ScanPartition {
 public:
  AdaptedPartition(std::unique_ptr<ScanPartition> inner, const std::vector<LogicalType>& inner_types,
                   std::shared_ptr<const std::vector<OutputColumn>> outputs)
      : inner_(std::move(inner)), outputs_(std::move(outputs)) {
    inner_chunk_.Initialize(inner_types);
  }

  bool Next(DataChunk& out) override {
    inner_chunk_.Reset();
    if (!inner_->Next(inner_chunk_)) {
      out.SetCardinality(0);
      return false;
    }
    const idx_t count = inner_chunk_.size();
    for (size_t i = 0; i < outputs_->size() && i < out.ColumnCount(); i++) {
      const OutputColumn& column = (*outputs_)[i];
      switch (column.kind) {
        case OutputColumn::Kind::kReference: out.data[i].Reference(inner_chunk_.data[column.inner]); break;
        case OutputColumn::Kind::kCast: {
          // A fresh vector per chunk: the previous chunk's may still be referenced downstream.
          Vector widened(column.type, std::max<idx_t>(count, kStandardVectorSize));
          CastVector(inner_chunk_.data[column.inner], widened, count);
          out.data[i] = std::move(widened);
          break;
        }
        case OutputColumn::Kind::kNull: out.data[i] = Vector(Value::Null(column.type)); break;
      }
    }
    out.SetCardinality(count);
    return true;
  }

 private:
  std::unique_ptr<ScanPartition> inner_;
  std::shared_ptr<const std::vector<OutputColumn>> outputs_;  // per requested column
  DataChunk inner_chunk_;
};

class AdaptedGlobalScan final : public GlobalScan {
 public:
  AdaptedGlobalScan(std::unique_ptr<GlobalScan> inner, std::vector<LogicalType> inner_types,
                    std::vector<OutputColumn> outputs)
      : inner_(std::move(inner)),
        inner_types_(std::move(inner_types)),
        outputs_(std::make_shared<std::vector<OutputColumn>>(std::move(outputs))) {}

  std::unique_ptr<ScanPartition> NextPartition() override {
    if (!inner_) return nullptr;  // a filter no row of this source can pass
    auto partition = inner_->NextPartition();
    if (!partition) return nullptr;
    return std::make_unique<AdaptedPartition>(std::move(partition), inner_types_, outputs_);
  }

 private:

  std::unique_ptr<GlobalScan> inner_;
  std::vector<LogicalType> inner_types_;
  std::shared_ptr<const std::vector<OutputColumn>> outputs_;
};

class SchemaAdaptedSource final : public TableSource {
 public:
  SchemaAdaptedSource(std::shared_ptr<TableSource> inner, std::vector<ColumnDefinition> columns, std::vector<int> positions)
      : inner_(std::move(inner)), columns_(std::move(columns)), positions_(std::move(positions)) {}

  const std::vector<ColumnDefinition>& columns() const override { return columns_; }
  std::string Describe() const override { return inner_->Describe(); }
  std::optional<idx_t> ExactRowCount() const override { return inner_->ExactRowCount(); }
  idx_t EstimatedRowCount() const override { return inner_->EstimatedRowCount(); }

  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    const auto& inner_columns = inner_->columns();
    ScanRequest inner_request;
    inner_request.evaluate_filters = request.evaluate_filters;
    std::vector<LogicalType> inner_types;
    std::vector<OutputColumn> outputs;
    for (idx_t id : request.column_ids) {
      if (id >= columns_.size()) {
        throw Exception(sqlstate::kInternalError, fmt::format("column index {} out of range in a scan of {}", id, Describe()));
      }
      OutputColumn output;
      output.type = columns_[id].type;
      if (positions_[id] >= 0) {
        const LogicalType& inner_type = inner_columns[positions_[id]].type;
        output.kind = inner_type == output.type ? OutputColumn::Kind::kReference : OutputColumn::Kind::kCast;
        output.inner = inner_request.column_ids.size();
        inner_request.column_ids.push_back(static_cast<idx_t>(positions_[id]));
        inner_types.push_back(inner_type);
      }
      outputs.push_back(output);
    }
    bool empty = false;
    for (const TableFilter& filter : request.filters) {
      if (filter.column >= columns_.size()) continue;
      int position = positions_[filter.column];
      if (position < 0) {
        // The column is NULL in every row of this source: only IS NULL can be true.
        if (filter.op != TableFilter::Op::IS_NULL) empty = true;
        continue;
      }
      auto narrowed = NarrowFilter(filter, static_cast<idx_t>(position), inner_columns[position].type);
      if (narrowed) inner_request.filters.push_back(std::move(*narrowed));
    }
    std::unique_ptr<GlobalScan> inner_scan;
    if (!empty) inner_scan = inner_->Scan(inner_request);
    return std::make_unique<AdaptedGlobalScan>(std::move(inner_scan), std::move(inner_types), std::move(outputs));
  }

 private:
  std::shared_ptr<TableSource> inner_;
  std::vector<ColumnDefinition> columns_;
  std::vector<int> positions_;
};

}  // namespace

std::optional<TableFilter> NarrowFilter(const TableFilter& filter, idx_t inner_column, const LogicalType& inner_type) {
  TableFilter narrowed = filter;
  narrowed.column = inner_column;
  if (filter.op == TableFilter::Op::IS_NULL || filter.op == TableFilter::Op::IS_NOT_NULL) return narrowed;
  if (filter.constant.IsNull() || filter.constant.type() == inner_type) return narrowed;
  try {
    Value value = filter.constant.CastAs(inner_type);
    if (value.IsNull() || !(value.CastAs(filter.constant.type()) == filter.constant)) return std::nullopt;
    narrowed.constant = std::move(value);
    return narrowed;
  } catch (const Exception&) {
    return std::nullopt;  // out of the narrower type's range: statistics cannot decide
  }
}

std::shared_ptr<TableSource> CreateSchemaAdaptedSource(std::shared_ptr<TableSource> inner,
                                                       std::vector<ColumnDefinition> columns, std::vector<int> positions) {
  const auto& inner_columns = inner->columns();
  bool identity = inner_columns.size() == columns.size();
  for (size_t i = 0; identity && i < columns.size(); i++) {
    identity = positions[i] == static_cast<int>(i) && inner_columns[i].name == columns[i].name &&
               inner_columns[i].type == columns[i].type && inner_columns[i].nullable == columns[i].nullable;
  }
  if (identity) return inner;
  return std::make_shared<SchemaAdaptedSource>(std::move(inner), std::move(columns), std::move(positions));
}

}  // namespace cairn
