#include "function/table/generate_series.h"

#include <atomic>

#include "cairn/exception.h"
#include "common/date_time.h"

namespace cairn {

namespace {

/// Rows per partition of an integer series (a morsel).
constexpr idx_t kRowsPerPartition = 128 * 1024;

class IntegerSeriesPartition : public ScanPartition {
 public:
  IntegerSeriesPartition(int64_t first, int64_t step, idx_t count, bool produce)
      : next_(first), step_(step), remaining_(count), produce_(produce) {}
  bool Next(DataChunk& out) override {
    const idx_t n = std::min<idx_t>(remaining_, kStandardVectorSize);
    if (n == 0) {
      out.SetCardinality(0);
      return false;
    }
    if (produce_) {
      Vector& vector = out.data[0];
      if (vector.type().id() == TypeId::INTEGER) {
        auto* values = vector.data<int32_t>();
        for (idx_t i = 0; i < n; i++) values[i] = static_cast<int32_t>(next_ + static_cast<int64_t>(i) * step_);
      } else {
        auto* values = vector.data<int64_t>();
        for (idx_t i = 0; i < n; i++) values[i] = next_ + static_cast<int64_t>(i) * step_;
      }
    }
    remaining_ -= n;
    // The next chunk's first value (none after the last: it may lie past the type's range).
    if (remaining_ > 0) next_ += static_cast<int64_t>(n) * step_;
    out.SetCardinality(n);
    return true;
  }

 private:
  int64_t next_;
  int64_t step_;
  idx_t remaining_;
  bool produce_;
};

class TimestampSeriesPartition : public ScanPartition {
 public:
  TimestampSeriesPartition(int64_t start, int64_t stop, interval_t step, bool forward, bool produce)
      : next_(start), stop_(stop), step_(step), forward_(forward), produce_(produce) {}
  bool Next(DataChunk& out) override {
    idx_t n = 0;
    auto* values = produce_ ? out.data[0].data<int64_t>() : nullptr;
    while (!done_ && n < kStandardVectorSize && (forward_ ? next_ <= stop_ : next_ >= stop_)) {
      if (values) values[n] = next_;
      n++;
      try {
        next_ = date_time::AddInterval(next_, step_);
      } catch (const Exception&) {
        done_ = true;  // the next value would be out of range: the series ends here
      }
    }
    out.SetCardinality(n);
    return n > 0;
  }

 private:
  int64_t next_;
  int64_t stop_;
  interval_t step_;
  bool forward_;
  bool produce_;
  bool done_ = false;
};

class SeriesScan : public GlobalScan {
 public:
  explicit SeriesScan(std::vector<std::unique_ptr<ScanPartition>> partitions) : partitions_(std::move(partitions)) {}
  std::unique_ptr<ScanPartition> NextPartition() override {
    idx_t i = next_.fetch_add(1);
    return i < partitions_.size() ? std::move(partitions_[i]) : nullptr;
  }

 private:
  std::vector<std::unique_ptr<ScanPartition>> partitions_;
  std::atomic<idx_t> next_{0};
};

class IntegerSeriesSource : public TableSource {
 public:
  IntegerSeriesSource(LogicalType type, int64_t start, int64_t step, idx_t count)
      : columns_{ColumnDefinition{"generate_series", std::move(type), false}}, start_(start), step_(step), count_(count) {}
  const std::vector<ColumnDefinition>& columns() const override { return columns_; }
  std::string Describe() const override { return "GENERATE_SERIES (" + std::to_string(count_) + " rows)"; }
  std::optional<idx_t> ExactRowCount() const override { return count_; }
  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    std::vector<std::unique_ptr<ScanPartition>> partitions;
    for (idx_t first = 0; first < count_; first += kRowsPerPartition) {
      const int64_t value = start_ + static_cast<int64_t>(first) * step_;
      partitions.push_back(std::make_unique<IntegerSeriesPartition>(value, step_, std::min(kRowsPerPartition, count_ - first),
                                                                    !request.column_ids.empty()));
    }
    return std::make_unique<SeriesScan>(std::move(partitions));
  }

 private:
  std::vector<ColumnDefinition> columns_;
  int64_t start_;
  int64_t step_;
  idx_t count_;
};

class TimestampSeriesSource : public TableSource {
 public:
  TimestampSeriesSource(LogicalType type, int64_t start, int64_t stop, interval_t step, bool forward)
      : columns_{ColumnDefinition{"generate_series", std::move(type), false}}, start_(start), stop_(stop), step_(step),
        forward_(forward) {}
  const std::vector<ColumnDefinition>& columns() const override { return columns_; }
  std::string Describe() const override { return "GENERATE_SERIES (timestamps)"; }
  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    std::vector<std::unique_ptr<ScanPartition>> partitions;
    partitions.push_back(std::make_unique<TimestampSeriesPartition>(start_, stop_, step_, forward_, !request.column_ids.empty()));
    return std::make_unique<SeriesScan>(std::move(partitions));
  }

 private:
  std::vector<ColumnDefinition> columns_;
  int64_t start_;
  int64_t stop_;
  interval_t step_;
  bool forward_;
};

const Value& Argument(const TableFunctionInput& input, size_t i) {
  const TableFunctionArgument& argument = input.positional[i];
  if (argument.is_list || argument.values.size() != 1) {
    throw Exception(sqlstate::kUndefinedFunction, "function generate_series does not accept an array argument",
                    argument.position);
  }
  return argument.values[0];
}

Value CastArgument(const TableFunctionInput& input, size_t i, const LogicalType& type) {
  try {
    return Argument(input, i).CastAs(type);
  } catch (const Exception& error) {
    throw Exception(error.sqlstate(), error.what(), input.positional[i].position);
  }
}

/// The number of values start, start + step, ... that do not pass stop (0 if none).
idx_t IntegerSeriesLength(hugeint_t start, hugeint_t stop, hugeint_t step) {
  if ((step > 0 && start > stop) || (step < 0 && start < stop)) return 0;
  hugeint_t span = stop - start;
  hugeint_t count = span / step + 1;
  return static_cast<idx_t>(count);
}

TableFunctionOutput BindGenerateSeries(const TableFunctionInput& input) {
  if (!input.named.empty()) {
    throw Exception(sqlstate::kUndefinedFunction, "function generate_series does not take named arguments", input.position);
  }
  if (input.positional.size() < 2 || input.positional.size() > 3) {
    throw Exception(sqlstate::kUndefinedFunction, "function generate_series takes 2 or 3 arguments", input.position);
  }
  TableFunctionOutput output;
  output.table_name = "generate_series";
  output.default_alias = "generate_series";
  output.scalar_result = true;
  const LogicalType& first = Argument(input, 0).type();
  if (first.IsIntegral() || (first.id() == TypeId::VARCHAR && Argument(input, 1).type().IsIntegral())) {
    // integer, or bigint if any argument needs it.
    LogicalType type(TypeId::INTEGER);
    for (size_t i = 0; i < input.positional.size(); i++) {
      const LogicalType& argument = Argument(input, i).type();
      if (argument.IsIntegral() && argument.id() != TypeId::INTEGER && argument.id() != TypeId::SMALLINT &&
          argument.id() != TypeId::TINYINT) {
        type = LogicalType(TypeId::BIGINT);
      }
    }
    const int64_t start = CastArgument(input, 0, type).GetInt64();
    const int64_t stop = CastArgument(input, 1, type).GetInt64();
    const int64_t step = input.positional.size() == 3 ? CastArgument(input, 2, type).GetInt64() : 1;
    if (step == 0) throw Exception(sqlstate::kInvalidParameterValue, "step size cannot equal zero", input.positional[2].position);
    const idx_t count = IntegerSeriesLength(start, stop, step);
    output.source = std::make_shared<IntegerSeriesSource>(type, start, step, count);
    return output;
  }
  if (first.id() == TypeId::TIMESTAMP || first.id() == TypeId::TIMESTAMP_TZ || first.id() == TypeId::DATE ||
      first.id() == TypeId::VARCHAR) {
    if (input.positional.size() != 3) {
      throw Exception(sqlstate::kUndefinedFunction, "function generate_series(timestamp, timestamp) needs an interval step",
                      input.position);
    }
    // PostgreSQL resolves dates (and untyped literals) to the timestamp with time zone variant.
    LogicalType type = first.id() == TypeId::TIMESTAMP ? first : LogicalType(TypeId::TIMESTAMP_TZ);
    const int64_t start = CastArgument(input, 0, type).GetInt64();
    const int64_t stop = CastArgument(input, 1, type).GetInt64();
    const interval_t step = CastArgument(input, 2, LogicalType(TypeId::INTERVAL)).GetInterval();
    // Direction as PostgreSQL compares intervals: a month is 30 days, a day 24 hours.
    const long double span = static_cast<long double>(step.months) * 30 * 86400e6L +
                             static_cast<long double>(step.days) * 86400e6L + static_cast<long double>(step.micros);
    if (span == 0) throw Exception(sqlstate::kInvalidParameterValue, "step size cannot equal zero", input.positional[2].position);
    output.source = std::make_shared<TimestampSeriesSource>(type, start, stop, step, span > 0);
    return output;
  }
  throw Exception(sqlstate::kUndefinedFunction,
                  "function generate_series(" + first.ToString() + ", ...) does not exist", input.position);
}

}  // namespace

void RegisterGenerateSeries(TableFunctionRegistry& registry) { registry.Register("generate_series", BindGenerateSeries); }

}  // namespace cairn
