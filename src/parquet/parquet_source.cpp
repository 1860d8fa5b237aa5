#include "parquet/parquet_source.h"

#include <atomic>
#include <mutex>
#include <optional>

#include "cairn/exception.h"
#include "function/table/dynamic_filter.h"
#include "function/table/join_key_filter.h"
#include "parquet/parquet_file_reader.h"

namespace cairn {

namespace {

using parquet::ColumnStatistics;
using parquet::ParquetFileReader;
using parquet::RowGroupReader;

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

namespace {

/// Three-way comparison of two non-null values of the same physical type; nullopt when they
/// cannot be compared.
std::optional<int> Compare(const Value& a, const Value& b) {
  if (a.IsNull() || b.IsNull()) return std::nullopt;
  if (a.type().physical_type() != b.type().physical_type()) return std::nullopt;
  auto three_way = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.type().physical_type()) {
    case PhysicalType::BOOL: return three_way(a.GetBool(), b.GetBool());
    case PhysicalType::INT32:
    case PhysicalType::INT64: return three_way(a.GetInt64(), b.GetInt64());
    case PhysicalType::INT128: return three_way(a.GetInt128(), b.GetInt128());
    case PhysicalType::DOUBLE: {
      double x = a.GetDouble(), y = b.GetDouble();
      if (x != x || y != y) return std::nullopt;
      return three_way(x, y);
    }
    case PhysicalType::STRING: {
      int c = a.GetString().compare(b.GetString());  // std::string compares bytes as unsigned char
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default: return std::nullopt;
  }
}

}  // namespace

bool FilterExcludes(const TableFilter& filter, const LogicalType& type, const ColumnStatistics& stats, idx_t rows) {
  using Op = TableFilter::Op;
  const bool all_null = stats.null_count && static_cast<idx_t>(*stats.null_count) == rows;
  if (filter.op == Op::IS_NULL) return stats.null_count && *stats.null_count == 0;
  if (filter.op == Op::IS_NOT_NULL) return all_null;
  if (filter.constant.IsNull()) return false;
  if (all_null && rows > 0) return true;  // comparisons never pass on NULL
  if (!stats.min || !stats.max) return false;
  // Parquet's min/max leave NaN out, and NaN is above every value (PostgreSQL's float order):
  // a floating column's rows may still pass >, >= and <> whatever the bounds say.
  if ((type.id() == TypeId::FLOAT || type.id() == TypeId::DOUBLE) &&
      (filter.op == Op::GREATER || filter.op == Op::GREATER_EQUAL || filter.op == Op::NOT_EQUAL)) {
    return false;
  }
  Value constant = filter.constant;
  if (constant.type() != type) {
    try {
      constant = constant.CastAs(type);
    } catch (const Exception&) {
      return false;
    }
  }
  auto vs_min = Compare(constant, *stats.min);
  auto vs_max = Compare(constant, *stats.max);
  if (!vs_min || !vs_max) return false;
  switch (filter.op) {
    case Op::EQUAL: return *vs_min < 0 || *vs_max > 0;
    case Op::NOT_EQUAL: return *vs_min == 0 && *vs_max == 0;
    case Op::LESS: return *vs_min <= 0;          // every value >= c
    case Op::LESS_EQUAL: return *vs_min < 0;     // every value > c
    case Op::GREATER: return *vs_max >= 0;       // every value <= c
    case Op::GREATER_EQUAL: return *vs_max > 0;  // every value < c
    default: return false;
  }
}

bool FilterIncludesAll(const TableFilter& filter, const LogicalType& type, const ColumnStatistics& stats) {
  using Op = TableFilter::Op;
  if (type.id() == TypeId::FLOAT || type.id() == TypeId::DOUBLE) return false;
  const bool no_nulls = stats.null_count && *stats.null_count == 0;
  if (filter.op == Op::IS_NOT_NULL) return no_nulls;
  if (filter.op == Op::IS_NULL || !no_nulls || filter.constant.IsNull() || !stats.min || !stats.max) return false;
  Value constant = filter.constant;
  if (constant.type() != type) {
    try {
      constant = constant.CastAs(type);
      if (constant.IsNull() || !(constant.CastAs(filter.constant.type()) == filter.constant)) return false;
    } catch (const Exception&) {
      return false;
    }
  }
  auto min_vs = Compare(*stats.min, constant);
  auto max_vs = Compare(*stats.max, constant);
  if (!min_vs || !max_vs) return false;
  switch (filter.op) {
    case Op::EQUAL: return *min_vs == 0 && *max_vs == 0;
    case Op::NOT_EQUAL: return *min_vs > 0 || *max_vs < 0;
    case Op::LESS: return *max_vs < 0;
    case Op::LESS_EQUAL: return *max_vs <= 0;
    case Op::GREATER: return *min_vs > 0;
    case Op::GREATER_EQUAL: return *min_vs >= 0;
    default: return false;
  }
}

namespace {

struct Morsel {
  idx_t file;
  idx_t row_group;
};

class ParquetScanPartition final : public ScanPartition {
 public:
  ParquetScanPartition(std::shared_ptr<const ParquetFileReader> file, idx_t row_group, std::vector<idx_t> columns,
                       std::vector<parquet::ColumnFilter> filters, std::shared_ptr<const DynamicFilter> dynamic,
                       idx_t dynamic_column)
      : file_(std::move(file)), row_group_(row_group), columns_(std::move(columns)), filters_(std::move(filters)),
        dynamic_(std::move(dynamic)), dynamic_column_(dynamic_column) {
    rows_left_ = file_->row_group_rows(row_group_);
  }

  bool Next(DataChunk& out) override {
    if (dynamic_ && dynamic_->version() != checked_version_) {
      // A tighter top-N cut-off: the rest of the row group may no longer be able to win.
      checked_version_ = dynamic_->version();
      if (CutOffExcludesRowGroup()) {
        out.SetCardinality(0);
        return false;
      }
    }
    if (columns_.empty() && filters_.empty() && !dynamic_) {
      // COUNT(*) and friends: row counts straight from the metadata.
      idx_t count = std::min<idx_t>(rows_left_, kStandardVectorSize);
      rows_left_ -= count;
      out.SetCardinality(count);
      return count > 0;
    }
    if (!reader_) {
      DropImpliedFilters();
      reader_ = std::make_unique<RowGroupReader>(file_, row_group_, columns_, std::move(filters_), dynamic_, dynamic_column_);
    }
    return reader_->Next(out);
  }

 private:
  /// Drops the comparisons this row group's statistics prove every row passes: evaluating them
  /// would cost without dropping a row (a join's key bounds over a row group inside them).
  void DropImpliedFilters() {
    std::erase_if(filters_, [&](const parquet::ColumnFilter& f) {
      if (f.filter.membership() || f.table_filters.size() != 1) return false;
      const ColumnStatistics stats = file_->GetStatistics(row_group_, f.column);
      return FilterIncludesAll(f.table_filters[0], file_->columns()[f.column].type, stats);
    });
  }

  bool CutOffExcludesRowGroup() {
    auto bound = dynamic_->Current();
    if (!bound) return false;
    if (!stats_) stats_ = file_->GetStatistics(row_group_, dynamic_column_);
    idx_t rows = file_->row_group_rows(row_group_);
    // NULL rows that sort first always pass: only a row group known to hold none can go.
    if (dynamic_->nulls_pass() && !(stats_->null_count && *stats_->null_count == 0)) return false;
    return FilterExcludes(*bound, dynamic_->type(), *stats_, rows);
  }

 private:
  std::shared_ptr<const ParquetFileReader> file_;
  idx_t row_group_;
  std::vector<idx_t> columns_;
  std::vector<parquet::ColumnFilter> filters_;  // moved into reader_
  std::shared_ptr<const DynamicFilter> dynamic_;  // top-N cut-off, or null
  idx_t dynamic_column_ = 0;                       // its file column
  uint64_t checked_version_ = 0;
  std::optional<ColumnStatistics> stats_;          // of dynamic_column_, loaded on first use
  idx_t rows_left_ = 0;
  std::unique_ptr<RowGroupReader> reader_;
};

class ParquetGlobalScan final : public GlobalScan {
 public:
  ParquetGlobalScan(std::vector<std::shared_ptr<ParquetFileReader>> files, std::vector<std::vector<idx_t>> columns,
                    std::vector<std::vector<parquet::ColumnFilter>> filters, std::shared_ptr<const DynamicFilter> dynamic,
                    std::vector<idx_t> dynamic_columns, std::vector<Morsel> morsels)
      : files_(std::move(files)), columns_(std::move(columns)), filters_(std::move(filters)),
        dynamic_(std::move(dynamic)), dynamic_columns_(std::move(dynamic_columns)), morsels_(std::move(morsels)) {}

  std::unique_ptr<ScanPartition> NextPartition() override {
    idx_t index = next_.fetch_add(1, std::memory_order_relaxed);
    if (index >= morsels_.size()) return nullptr;
    const Morsel& m = morsels_[index];
    return std::make_unique<ParquetScanPartition>(files_[m.file], m.row_group, columns_[m.file], filters_[m.file],
                                                  dynamic_, dynamic_ ? dynamic_columns_[m.file] : 0);
  }

 private:
  std::vector<std::shared_ptr<ParquetFileReader>> files_;
  std::vector<std::vector<idx_t>> columns_;  // per file: file column index of each requested column
  std::vector<std::vector<parquet::ColumnFilter>> filters_;  // per file: filters evaluated in the scan
  std::shared_ptr<const DynamicFilter> dynamic_;             // top-N cut-off, or null
  std::vector<idx_t> dynamic_columns_;                       // per file: its file column
  std::vector<Morsel> morsels_;
  std::atomic<idx_t> next_{0};
};

class ParquetSource final : public TableSource {
 public:
  ParquetSource(FileSystem& file_system, std::vector<std::string> paths) {
    if (paths.empty()) throw Exception(sqlstate::kUndefinedFile, "no Parquet files to read");
    for (const auto& path : paths) files_.push_back(ParquetFileReader::Open(file_system, path));
    const auto& first = files_[0]->columns();
    for (const auto& c : first) {
      columns_.push_back(ColumnDefinition{c.name, c.type, c.nullable});
      nested_.push_back(c.nested);
    }
    // Map every file's columns onto the first file's, by name.
    column_maps_.resize(files_.size());
    for (idx_t f = 0; f < files_.size(); f++) {
      const auto& file_columns = files_[f]->columns();
      if (f > 0 && file_columns.size() != first.size()) {
        throw Exception(sqlstate::kDatatypeMismatch,
                        "Parquet files " + files_[0]->path() + " and " + files_[f]->path() + " have different columns (" +
                            std::to_string(first.size()) + " vs " + std::to_string(file_columns.size()) + ")");
      }
      for (idx_t c = 0; c < first.size(); c++) {
        idx_t found = file_columns.size();
        for (idx_t k = 0; k < file_columns.size(); k++) {
          if (file_columns[k].name == first[c].name) {
            found = k;
            break;
          }
        }
        if (found == file_columns.size()) {
          throw Exception(sqlstate::kDatatypeMismatch, "column \"" + first[c].name + "\" of Parquet file " +
                                                           files_[0]->path() + " is missing in " + files_[f]->path());
        }
        const auto& other = file_columns[found];
        if (other.type != first[c].type || other.nested != first[c].nested) {
          throw Exception(sqlstate::kDatatypeMismatch,
                          "column \"" + first[c].name + "\" is " + first[c].type.ToString() + " in " + files_[0]->path() +
                              " but " + other.type.ToString() + " in " + files_[f]->path());
        }
        if (other.nullable) columns_[c].nullable = true;
        if (other.nested) nested_[c] = true;
        column_maps_[f].push_back(found);
      }
      total_rows_ += files_[f]->num_rows();
      row_groups_ += files_[f]->num_row_groups();
    }
  }

  const std::vector<ColumnDefinition>& columns() const override { return columns_; }

  std::string Describe() const override {
    std::string groups = std::to_string(row_groups_) + (row_groups_ == 1 ? " row group" : " row groups");
    if (files_.size() == 1) return "PARQUET " + BaseName(files_[0]->path()) + " (" + groups + ")";
    return "PARQUET " + std::to_string(files_.size()) + " files (" + groups + ")";
  }

  std::optional<idx_t> ExactRowCount() const override { return total_rows_; }

  /// Merges every row group's footer statistics of `column`: min of the minimums, max of the
  /// maximums (unknown if a row group with non-null values has none), the sum of the null
  /// counts, and the sum of the distinct counts as an upper bound. Computed once per column.
  std::optional<TableColumnStatistics> GetColumnStatistics(idx_t column) const override {
    if (column >= columns_.size() || nested_[column]) return std::nullopt;
    std::lock_guard<std::mutex> lock(statistics_mutex_);
    if (column_statistics_.empty()) column_statistics_.resize(columns_.size());
    auto& cached = column_statistics_[column];
    if (!cached) cached = MergeColumnStatistics(column);
    return *cached;
  }

  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    for (idx_t id : request.column_ids) {
      if (id >= columns_.size()) {
        throw Exception(sqlstate::kInternalError, "column index " + std::to_string(id) + " out of range in Parquet scan");
      }
      if (nested_[id]) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "column \"" + columns_[id].name + "\" of " + BaseName(files_[0]->path()) +
                            " is a nested (LIST/MAP/STRUCT) column, which Cairn does not read yet");
      }
    }
    std::vector<std::vector<idx_t>> file_columns(files_.size());
    std::vector<std::vector<parquet::ColumnFilter>> file_filters(files_.size());
    std::shared_ptr<const DynamicFilter> dynamic = request.dynamic_filter;
    if (dynamic && (dynamic->column() >= columns_.size() || nested_[dynamic->column()] ||
                    columns_[dynamic->column()].type != dynamic->type() || !DynamicFilter::Eligible(dynamic->type()))) {
      dynamic.reset();
    }
    std::vector<idx_t> dynamic_columns;
    std::vector<Morsel> morsels;
    // Hash joins' build keys: their bounds prune row groups (and pages), their exact sets drop
    // rows inside the reader. An empty build passes no row (unless NULLs pass).
    std::vector<TableFilter> prune_filters;
    std::vector<std::shared_ptr<const JoinKeyFilter>> join_filters;
    std::vector<TableFilter> range_filters;
    for (const auto& join_filter : request.join_filters) {
      if (!join_filter || join_filter->column() >= columns_.size() || nested_[join_filter->column()] ||
          columns_[join_filter->column()].type != join_filter->type() || !JoinKeyFilter::Eligible(join_filter->type())) {
        continue;
      }
      if (join_filter->empty() && !join_filter->nulls_pass()) {
        return std::make_unique<ParquetGlobalScan>(files_, std::move(file_columns), std::move(file_filters), nullptr,
                                                   std::vector<idx_t>{}, std::vector<Morsel>{});
      }
      if (!join_filter->nulls_pass()) {
        if (auto min = join_filter->min()) prune_filters.push_back(TableFilter{join_filter->column(), TableFilter::Op::GREATER_EQUAL, *min});
        if (auto max = join_filter->max()) prune_filters.push_back(TableFilter{join_filter->column(), TableFilter::Op::LESS_EQUAL, *max});
      }
      if (join_filter->evaluates_rows()) {
        join_filters.push_back(join_filter);
      } else if (!join_filter->nulls_pass()) {
        // Only bounds: compared row by row in the row groups they cut (DropImpliedFilters).
        range_filters.push_back(TableFilter{join_filter->column(), TableFilter::Op::GREATER_EQUAL, *join_filter->min()});
        range_filters.push_back(TableFilter{join_filter->column(), TableFilter::Op::LESS_EQUAL, *join_filter->max()});
      }
    }
    for (idx_t f = 0; f < files_.size(); f++) {
      for (idx_t id : request.column_ids) file_columns[f].push_back(column_maps_[f][id]);
      if (dynamic) dynamic_columns.push_back(column_maps_[f][dynamic->column()]);
      if (request.evaluate_filters) {
        for (const TableFilter& filter : request.filters) {
          if (filter.column >= columns_.size() || nested_[filter.column]) continue;
          auto compiled = parquet::ParquetScanFilter::Make(filter, columns_[filter.column].type);
          if (compiled) {
            file_filters[f].push_back(parquet::ColumnFilter{column_maps_[f][filter.column], std::move(*compiled), {filter}});
          }
        }
      }
      for (const auto& join_filter : join_filters) {
        std::vector<TableFilter> bounds;
        for (const TableFilter& t : prune_filters) {
          if (t.column == join_filter->column()) bounds.push_back(t);
        }
        file_filters[f].push_back(parquet::ColumnFilter{column_maps_[f][join_filter->column()],
                                                        parquet::ParquetScanFilter::ForJoinKeys(join_filter), std::move(bounds)});
      }
      for (const TableFilter& filter : range_filters) {
        if (auto compiled = parquet::ParquetScanFilter::Make(filter, columns_[filter.column].type)) {
          file_filters[f].push_back(parquet::ColumnFilter{column_maps_[f][filter.column], std::move(*compiled), {filter}});
        }
      }
      for (idx_t g = 0; g < files_[f]->num_row_groups(); g++) {
        idx_t rows = files_[f]->row_group_rows(g);
        if (rows == 0) continue;
        if (!Excluded(request.filters, f, g, rows) && !Excluded(prune_filters, f, g, rows)) morsels.push_back(Morsel{f, g});
      }
    }
    return std::make_unique<ParquetGlobalScan>(files_, std::move(file_columns), std::move(file_filters),
                                               std::move(dynamic), std::move(dynamic_columns), std::move(morsels));
  }

 private:
  TableColumnStatistics MergeColumnStatistics(idx_t column) const {
    TableColumnStatistics merged;
    bool bounds_known = true, nulls_known = true, distinct_known = true;
    idx_t nulls = 0, distinct = 0;
    for (idx_t f = 0; f < files_.size(); f++) {
      for (idx_t g = 0; g < files_[f]->num_row_groups(); g++) {
        const idx_t rows = files_[f]->row_group_rows(g);
        if (rows == 0) continue;
        ColumnStatistics stats = files_[f]->GetStatistics(g, column_maps_[f][column]);
        if (stats.null_count) {
          nulls += static_cast<idx_t>(*stats.null_count);
        } else {
          nulls_known = false;
        }
        if (stats.distinct_count) {
          distinct += static_cast<idx_t>(*stats.distinct_count);
        } else {
          distinct_known = false;
        }
        if (stats.null_count && static_cast<idx_t>(*stats.null_count) >= rows) continue;  // only NULLs
        if (!stats.min || !stats.max) {
          bounds_known = false;
          continue;
        }
        if (!merged.min || Compare(*stats.min, *merged.min).value_or(0) < 0) merged.min = std::move(stats.min);
        if (!merged.max || Compare(*stats.max, *merged.max).value_or(0) > 0) merged.max = std::move(stats.max);
        if (!Compare(*merged.min, *merged.max)) bounds_known = false;  // an order the bounds lack
      }
    }
    if (!bounds_known) {
      merged.min.reset();
      merged.max.reset();
    }
    if (nulls_known) merged.null_count = nulls;
    if (distinct_known) merged.distinct_count = distinct;
    return merged;
  }

  bool Excluded(const std::vector<TableFilter>& filters, idx_t file, idx_t row_group, idx_t rows) const {
    for (const TableFilter& filter : filters) {
      if (filter.column >= columns_.size() || nested_[filter.column]) continue;
      ColumnStatistics stats = files_[file]->GetStatistics(row_group, column_maps_[file][filter.column]);
      if (FilterExcludes(filter, columns_[filter.column].type, stats, rows)) return true;
    }
    return false;
  }

  std::vector<std::shared_ptr<ParquetFileReader>> files_;
  std::vector<ColumnDefinition> columns_;
  std::vector<bool> nested_;
  std::vector<std::vector<idx_t>> column_maps_;  // [file][source column] -> file column
  idx_t total_rows_ = 0;
  idx_t row_groups_ = 0;
  mutable std::mutex statistics_mutex_;
  mutable std::vector<std::optional<TableColumnStatistics>> column_statistics_;  // by column, filled on demand
};

}  // namespace

std::shared_ptr<TableSource> CreateParquetSource(FileSystem& file_system, std::vector<std::string> files) {
  return std::make_shared<ParquetSource>(file_system, std::move(files));
}

}  // namespace cairn
