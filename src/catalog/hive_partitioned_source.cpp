#include "common/ascii.h"
#include "catalog/hive_partitioned_source.h"

#include <fmt/format.h>

#include <mutex>

#include "cairn/exception.h"

namespace cairn {
namespace {

/// -1/0/1, or nullopt when the values cannot be compared here.
std::optional<int> CompareValues(const Value& a, const Value& b) {
  PhysicalType pa = a.type().physical_type(), pb = b.type().physical_type();
  if (a.type().id() == TypeId::DECIMAL || b.type().id() == TypeId::DECIMAL) return std::nullopt;
  auto is_int = [](PhysicalType p) { return p == PhysicalType::INT32 || p == PhysicalType::INT64; };
  if (is_int(pa) && is_int(pb) && a.type().IsTemporal() == b.type().IsTemporal()) {
    int64_t x = a.GetInt64(), y = b.GetInt64();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (pa == PhysicalType::STRING && pb == PhysicalType::STRING) {
    int c = a.GetString().compare(b.GetString());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return std::nullopt;
}

struct State {
  std::string table;
  std::vector<ColumnDefinition> columns;  // inner columns, then partition columns
  idx_t inner_count = 0;
  std::vector<HivePartitionGroup> groups;
};

class HivePartition final : public ScanPartition {
 public:
  HivePartition(std::unique_ptr<ScanPartition> inner, const std::vector<LogicalType>& inner_types,
                std::vector<int> inner_position, std::vector<Value> constants)
      : inner_(std::move(inner)), inner_position_(std::move(inner_position)), constants_(std::move(constants)) {
    inner_chunk_.Initialize(inner_types);
  }
  bool Next(DataChunk& out) override {
    inner_chunk_.Reset();
    if (!inner_->Next(inner_chunk_)) {
      out.SetCardinality(0);
      return false;
    }
    for (size_t i = 0; i < inner_position_.size() && i < out.ColumnCount(); i++) {
      if (inner_position_[i] >= 0) {
        out.data[i].Reference(inner_chunk_.data[inner_position_[i]]);
      } else {
        out.data[i] = Vector(constants_[i]);
      }
    }
    out.SetCardinality(inner_chunk_.size());
    return true;
  }

 private:
  std::unique_ptr<ScanPartition> inner_;
  DataChunk inner_chunk_;
  std::vector<int> inner_position_;  // per output column: index in inner chunk, or -1
  std::vector<Value> constants_;     // per output column: the partition value (if constant)
};

class HiveGlobalScan final : public GlobalScan {
 public:
  HiveGlobalScan(std::shared_ptr<const State> state, ScanRequest request, std::vector<size_t> groups)
      : state_(std::move(state)), request_(std::move(request)), groups_(std::move(groups)) {
    for (idx_t id : request_.column_ids) {
      if (id < state_->inner_count) {
        inner_position_.push_back(static_cast<int>(inner_request_.column_ids.size()));
        inner_request_.column_ids.push_back(id);
        inner_types_.push_back(state_->columns[id].type);
      } else {
        inner_position_.push_back(-1);
      }
    }
    for (const auto& f : request_.filters) {
      if (f.column < state_->inner_count) inner_request_.filters.push_back(f);
    }
    inner_request_.evaluate_filters = request_.evaluate_filters;
  }

  std::unique_ptr<ScanPartition> NextPartition() override {
    std::lock_guard<std::mutex> lock(mutex_);
    while (next_group_ < groups_.size() || current_) {
      if (!current_) {
        current_group_ = groups_[next_group_++];
        current_ = state_->groups[current_group_].source->Scan(inner_request_);
      }
      auto inner = current_->NextPartition();
      if (!inner) {
        current_.reset();
        continue;
      }
      std::vector<Value> constants(request_.column_ids.size());
      const auto& values = state_->groups[current_group_].values;
      for (size_t i = 0; i < request_.column_ids.size(); i++) {
        if (inner_position_[i] < 0) constants[i] = values[request_.column_ids[i] - state_->inner_count];
      }
      return std::make_unique<HivePartition>(std::move(inner), inner_types_, inner_position_, std::move(constants));
    }
    return nullptr;
  }

 private:
  std::shared_ptr<const State> state_;
  ScanRequest request_;
  ScanRequest inner_request_;
  std::vector<int> inner_position_;
  std::vector<LogicalType> inner_types_;
  std::vector<size_t> groups_;
  std::mutex mutex_;
  size_t next_group_ = 0;
  size_t current_group_ = 0;
  std::unique_ptr<GlobalScan> current_;
};

class HivePartitionedSource final : public TableSource {
 public:
  explicit HivePartitionedSource(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  const std::vector<ColumnDefinition>& columns() const override { return state_->columns; }
  std::string Describe() const override {
    return fmt::format("HIVE PARTITIONED {} partitions of {}", state_->groups.size(),
                       state_->groups[0].source->Describe());
  }
  std::optional<idx_t> ExactRowCount() const override {
    idx_t total = 0;
    for (const auto& g : state_->groups) {
      auto n = g.source->ExactRowCount();
      if (!n) return std::nullopt;
      total += *n;
    }
    return total;
  }
  idx_t EstimatedRowCount() const override {
    idx_t total = 0;
    for (const auto& g : state_->groups) total += g.source->EstimatedRowCount();
    return total;
  }
  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    for (idx_t id : request.column_ids) {
      if (id >= state_->columns.size()) {
        throw Exception(sqlstate::kInternalError, fmt::format("table \"{}\": column index {} out of range", state_->table, id));
      }
    }
    std::vector<size_t> keep;
    for (size_t g = 0; g < state_->groups.size(); g++) {
      bool match = true;
      for (const auto& f : request.filters) {
        if (f.column < state_->inner_count || f.column >= state_->columns.size()) continue;
        if (!HivePartitionMayMatch(state_->groups[g].values[f.column - state_->inner_count], f)) {
          match = false;
          break;
        }
      }
      if (match) keep.push_back(g);
    }
    return std::make_unique<HiveGlobalScan>(state_, request, std::move(keep));
  }

 private:
  std::shared_ptr<const State> state_;
};

}  // namespace

bool HivePartitionMayMatch(const Value& value, const TableFilter& filter) {
  using Op = TableFilter::Op;
  if (filter.op == Op::IS_NULL) return value.IsNull();
  if (filter.op == Op::IS_NOT_NULL) return !value.IsNull();
  if (value.IsNull()) return false;  // a comparison with NULL is never true
  if (filter.constant.IsNull()) return false;
  auto c = CompareValues(value, filter.constant);
  if (!c) return true;  // cannot tell: keep
  switch (filter.op) {
    case Op::EQUAL: return *c == 0;
    case Op::NOT_EQUAL: return *c != 0;
    case Op::LESS: return *c < 0;
    case Op::LESS_EQUAL: return *c <= 0;
    case Op::GREATER: return *c > 0;
    case Op::GREATER_EQUAL: return *c >= 0;
    default: return true;
  }
}

std::shared_ptr<TableSource> CreateHivePartitionedSource(std::string table,
                                                         std::vector<ColumnDefinition> partition_columns,
                                                         std::vector<HivePartitionGroup> groups) {
  if (groups.empty()) throw Exception(sqlstate::kUndefinedFile, fmt::format("table \"{}\": no files", table));
  auto state = std::make_shared<State>();
  state->table = std::move(table);
  const auto& first = groups[0].source->columns();
  for (size_t g = 1; g < groups.size(); g++) {
    const auto& other = groups[g].source->columns();
    bool same = other.size() == first.size();
    for (size_t i = 0; same && i < first.size(); i++) {
      same = Lower(first[i].name) == Lower(other[i].name) && first[i].type == other[i].type;
    }
    if (!same) {
      throw Exception(sqlstate::kDatatypeMismatch,
                      fmt::format("table \"{}\": files of {} have other columns than files of {}", state->table,
                                  groups[g].source->Describe(), groups[0].source->Describe()));
    }
  }
  state->columns = first;
  state->inner_count = first.size();
  for (auto& c : partition_columns) state->columns.push_back(std::move(c));
  state->groups = std::move(groups);
  return std::make_shared<HivePartitionedSource>(std::move(state));
}

}  // namespace cairn
