// ConcatenatedSource (see src/catalog/concatenated_source.h).
#include "catalog/concatenated_source.h"

#include <fmt/format.h>

#include <mutex>

#include "cairn/exception.h"

namespace cairn {

namespace {

/// Parts named in Describe() before the rest are only counted.
constexpr size_t kDescribedParts = 3;

class ConcatenatedGlobalScan final : public GlobalScan {
 public:
  ConcatenatedGlobalScan(std::shared_ptr<const std::vector<std::shared_ptr<TableSource>>> parts, ScanRequest request)
      : parts_(std::move(parts)), request_(std::move(request)) {}

  std::unique_ptr<ScanPartition> NextPartition() override {
    std::lock_guard<std::mutex> lock(mutex_);
    while (current_ || next_part_ < parts_->size()) {
      if (!current_) current_ = (*parts_)[next_part_++]->Scan(request_);
      if (auto partition = current_->NextPartition()) return partition;
      current_.reset();
    }
    return nullptr;
  }

 private:
  std::shared_ptr<const std::vector<std::shared_ptr<TableSource>>> parts_;
  ScanRequest request_;
  std::mutex mutex_;
  size_t next_part_ = 0;
  std::unique_ptr<GlobalScan> current_;
};

class ConcatenatedSource final : public TableSource {
 public:
  explicit ConcatenatedSource(std::vector<std::shared_ptr<TableSource>> parts)
      : parts_(std::make_shared<std::vector<std::shared_ptr<TableSource>>>(std::move(parts))) {
    columns_ = (*parts_)[0]->columns();
    for (const auto& part : *parts_) {
      for (size_t i = 0; i < columns_.size(); i++) columns_[i].nullable |= part->columns()[i].nullable;
    }
  }

  const std::vector<ColumnDefinition>& columns() const override { return columns_; }

  std::string Describe() const override {
    std::string text = fmt::format("{} sources by column name:", parts_->size());
    for (size_t i = 0; i < parts_->size() && i < kDescribedParts; i++) text += (i ? "; " : " ") + (*parts_)[i]->Describe();
    if (parts_->size() > kDescribedParts) text += "; ...";
    return text;
  }

  std::optional<idx_t> ExactRowCount() const override {
    idx_t total = 0;
    for (const auto& part : *parts_) {
      auto rows = part->ExactRowCount();
      if (!rows) return std::nullopt;
      total += *rows;
    }
    return total;
  }

  idx_t EstimatedRowCount() const override {
    idx_t total = 0;
    for (const auto& part : *parts_) total += part->EstimatedRowCount();
    return total;
  }

  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    return std::make_unique<ConcatenatedGlobalScan>(parts_, request);
  }

 private:
  std::shared_ptr<const std::vector<std::shared_ptr<TableSource>>> parts_;
  std::vector<ColumnDefinition> columns_;
};

}  // namespace

std::shared_ptr<TableSource> CreateConcatenatedSource(std::string table, std::vector<std::shared_ptr<TableSource>> parts) {
  if (parts.empty()) throw Exception(sqlstate::kUndefinedFile, fmt::format("table \"{}\": no files", table));
  const auto& first = parts[0]->columns();
  for (const auto& part : parts) {
    const auto& columns = part->columns();
    bool same = columns.size() == first.size();
    for (size_t i = 0; same && i < first.size(); i++) same = columns[i].type == first[i].type;
    if (!same) {
      throw Exception(sqlstate::kInternalError,
                      fmt::format("table \"{}\": {} and {} were not adapted to one schema", table, parts[0]->Describe(),
                                  part->Describe()));
    }
  }
  if (parts.size() == 1) return parts[0];
  return std::make_shared<ConcatenatedSource>(std::move(parts));
}

}  // namespace cairn
