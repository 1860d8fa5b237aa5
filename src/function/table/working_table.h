// WorkingTable: the table a WITH RECURSIVE query's recursive term reads — the rows the previous
// iteration produced (PostgreSQL manual 7.8.2, "Recursive Queries": the "working table").
//
// The binder puts a WorkingTable without rows into the logical plan as a placeholder; each
// execution of the recursive CTE scans its own WorkingTable instead (PhysicalRecursiveCte
// replaces the placeholder in its copy of the plan) and sets its rows before each iteration.
//
// Thread-safety: SetRows must not run concurrently with a scan; scans may run concurrently.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

class WorkingTable : public TableSource {
 public:
  WorkingTable(std::string name, std::vector<ColumnDefinition> columns)
      : name_(std::move(name)), columns_(std::move(columns)) {}

  const std::vector<ColumnDefinition>& columns() const override { return columns_; }
  std::string Describe() const override { return "WORKING_TABLE " + name_; }
  /// Scans the rows last given to SetRows (none for the placeholder).
  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override;

  /// Replaces the rows (chunks with every column of columns(), in order).
  void SetRows(std::shared_ptr<const std::vector<DataChunk>> rows) { rows_ = std::move(rows); }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::vector<ColumnDefinition> columns_;
  std::shared_ptr<const std::vector<DataChunk>> rows_;
};

}  // namespace cairn
