// MemoryTableSource: a TableSource for tests — rows produced by a generator function, split
// into several partitions so scans run on several threads. Counts the chunks it produced so
// tests can check streaming, early stop and cancellation. An optional fault makes a chosen
// chunk throw a cairn::Exception.
//
// Thread-safety: as TableSource requires (partitions are handed out atomically).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "function/table/table_source.h"
#include "cairn/exception.h"

namespace cairn::testing {

class MemoryTableSource : public TableSource {
 public:
  /// Fills `out` (initialized with every column's type, in table order) with chunk `chunk` of
  /// partition `partition`; returns false when the partition has no more chunks.
  using Generator = std::function<bool(idx_t partition, idx_t chunk, DataChunk& out)>;

  MemoryTableSource(std::vector<ColumnDefinition> columns, idx_t partitions, Generator generator)
      : columns_(std::move(columns)), partitions_(partitions), generator_(std::move(generator)) {}

  /// A table holding `rows` (values of the columns' types), dealt out in chunks of
  /// `chunk_size` rows round-robin over `partitions` partitions.
  static std::shared_ptr<MemoryTableSource> FromRows(std::vector<ColumnDefinition> columns,
                                                     std::vector<std::vector<Value>> rows, idx_t partitions = 3,
                                                     idx_t chunk_size = 1000) {
    auto shared_rows = std::make_shared<std::vector<std::vector<Value>>>(std::move(rows));
    idx_t chunks = (shared_rows->size() + chunk_size - 1) / chunk_size;
    return std::make_shared<MemoryTableSource>(
        std::move(columns), partitions, [shared_rows, chunks, partitions, chunk_size](idx_t p, idx_t c, DataChunk& out) {
          idx_t global = c * partitions + p;
          if (global >= chunks) return false;
          idx_t begin = global * chunk_size;
          idx_t end = std::min<idx_t>(begin + chunk_size, shared_rows->size());
          for (idx_t r = begin; r < end; r++) {
            for (idx_t col = 0; col < out.ColumnCount(); col++) out.data[col].SetValue(r - begin, (*shared_rows)[r][col]);
          }
          out.SetCardinality(end - begin);
          return true;
        });
  }

  const std::vector<ColumnDefinition>& columns() const override { return columns_; }
  std::string Describe() const override { return "MEMORY"; }
  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    return std::make_unique<Global>(*this, request);
  }

  idx_t chunks_produced() const { return produced_.load(); }
  /// Makes the `n`-th produced chunk (0-based, any partition) throw `error`.
  void FailAtChunk(idx_t n, std::string sqlstate, std::string message) {
    fail_at_ = n;
    fail_state_ = std::move(sqlstate);
    fail_message_ = std::move(message);
  }

 private:
  class Partition : public ScanPartition {
   public:
    Partition(const MemoryTableSource& source, idx_t index, std::vector<idx_t> column_ids)
        : source_(source), index_(index), column_ids_(std::move(column_ids)) {
      std::vector<LogicalType> types;
      for (auto& c : source_.columns_) types.push_back(c.type);
      full_.Initialize(types);
    }
    bool Next(DataChunk& out) override {
      full_.Reset();
      if (!source_.generator_(index_, chunk_++, full_)) {
        out.SetCardinality(0);
        return false;
      }
      idx_t n = source_.produced_.fetch_add(1);
      if (n == source_.fail_at_) throw Exception(source_.fail_state_, source_.fail_message_);
      for (idx_t i = 0; i < column_ids_.size(); i++) out.data[i] = full_.data[column_ids_[i]];
      out.SetCardinality(full_.size());
      return true;
    }

   private:
    const MemoryTableSource& source_;
    idx_t index_;
    idx_t chunk_ = 0;
    std::vector<idx_t> column_ids_;
    DataChunk full_;
  };

  class Global : public GlobalScan {
   public:
    Global(const MemoryTableSource& source, const ScanRequest& request) : source_(source), request_(request) {}
    std::unique_ptr<ScanPartition> NextPartition() override {
      idx_t p = next_.fetch_add(1);
      if (p >= source_.partitions_) return nullptr;
      return std::make_unique<Partition>(source_, p, request_.column_ids);
    }

   private:
    const MemoryTableSource& source_;
    ScanRequest request_;
    std::atomic<idx_t> next_{0};
  };

  std::vector<ColumnDefinition> columns_;
  idx_t partitions_;
  Generator generator_;
  mutable std::atomic<idx_t> produced_{0};
  idx_t fail_at_ = ~idx_t(0);
  std::string fail_state_, fail_message_;
};

}  // namespace cairn::testing
