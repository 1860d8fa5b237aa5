#include "catalog/not_null_checked_source.h"

#include <fmt/format.h>

#include <algorithm>

#include "cairn/exception.h"

namespace cairn {
namespace {

class CheckedPartition : public ScanPartition {
 public:
  CheckedPartition(std::unique_ptr<ScanPartition> inner, std::vector<std::pair<idx_t, std::string>> checks,
                   std::string table_name)
      : inner_(std::move(inner)), checks_(std::move(checks)), table_name_(std::move(table_name)) {}

  bool Next(DataChunk& out) override {
    if (!inner_->Next(out)) return false;
    for (const auto& [position, name] : checks_) {
      UnifiedFormat format;
      out.data[position].ToUnified(out.size(), format);
      if (format.validity->AllValid()) continue;
      for (idx_t row = 0; row < out.size(); row++) {
        if (!format.validity->RowIsValid(format.sel->get_index(row))) {
          throw Exception(sqlstate::kNotNullViolation,
                          fmt::format("null value in column \"{}\" of relation \"{}\" violates not-null constraint "
                                      "(declared NOT NULL, but the file holds a NULL)",
                                      name, table_name_));
        }
      }
    }
    return true;
  }

 private:
  std::unique_ptr<ScanPartition> inner_;
  std::vector<std::pair<idx_t, std::string>> checks_;  // output position, column name
  std::string table_name_;
};

class CheckedScan : public GlobalScan {
 public:
  CheckedScan(std::unique_ptr<GlobalScan> inner, std::vector<std::pair<idx_t, std::string>> checks, std::string table_name)
      : inner_(std::move(inner)), checks_(std::move(checks)), table_name_(std::move(table_name)) {}

  std::unique_ptr<ScanPartition> NextPartition() override {
    auto partition = inner_->NextPartition();
    if (!partition || checks_.empty()) return partition;
    return std::make_unique<CheckedPartition>(std::move(partition), checks_, table_name_);
  }

 private:
  std::unique_ptr<GlobalScan> inner_;
  std::vector<std::pair<idx_t, std::string>> checks_;  // output position, column name
  std::string table_name_;
};

class NotNullCheckedSource : public TableSource {
 public:
  NotNullCheckedSource(std::shared_ptr<TableSource> inner, std::string table_name, std::vector<idx_t> not_null_columns)
      : inner_(std::move(inner)), table_name_(std::move(table_name)), not_null_(std::move(not_null_columns)),
        columns_(inner_->columns()) {
    for (idx_t c : not_null_) columns_[c].nullable = false;
  }

  const std::vector<ColumnDefinition>& columns() const override { return columns_; }
  std::string Describe() const override { return inner_->Describe(); }
  std::optional<idx_t> ExactRowCount() const override { return inner_->ExactRowCount(); }
  idx_t EstimatedRowCount() const override { return inner_->EstimatedRowCount(); }

  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    std::vector<std::pair<idx_t, std::string>> checks;
    for (idx_t position = 0; position < request.column_ids.size(); position++) {
      idx_t column = request.column_ids[position];
      if (std::find(not_null_.begin(), not_null_.end(), column) != not_null_.end()) {
        checks.emplace_back(position, columns_[column].name);
      }
    }
    return std::make_unique<CheckedScan>(inner_->Scan(request), std::move(checks), table_name_);
  }

 private:
  std::shared_ptr<TableSource> inner_;
  std::string table_name_;
  std::vector<idx_t> not_null_;
  std::vector<ColumnDefinition> columns_;
};

}  // namespace

std::shared_ptr<TableSource> CreateNotNullCheckedSource(std::shared_ptr<TableSource> inner, std::string table_name,
                                                        std::vector<idx_t> not_null_columns) {
  return std::make_shared<NotNullCheckedSource>(std::move(inner), std::move(table_name), std::move(not_null_columns));
}

}  // namespace cairn
