#include "main/copy_to.h"

#include <unistd.h>

#include <atomic>

#include "cairn/copy_handler.h"
#include "cairn/exception.h"
#include "execution/executor.h"
#include "formats/csv_writer.h"
#include "parquet/parquet_writer.h"
#include "sql/copy_to_spec.h"

namespace cairn {

namespace {

/// A temporary path beside `path`, unique within this process and across processes.
std::string TemporaryPath(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  return path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
}

/// `text` with every occurrence of `from` replaced by `to`.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// COPY TO STDOUT's "file": every byte written goes to the connection's CopyHandler.
class CopyOutFile : public WritableFile {
 public:
  explicit CopyOutFile(CopyHandler& handler) : handler_(handler) {}
  void Append(const void* data, idx_t length) override {
    handler_.SendCopyData(std::string_view(static_cast<const char*>(data), length));
    size_ += length;
  }
  void Sync() override {}
  void Close() override {}
  idx_t Size() const override { return size_; }
  const std::string& path() const override { return path_; }

 private:
  CopyHandler& handler_;
  idx_t size_ = 0;
  const std::string path_ = "STDOUT";
};

}  // namespace

std::unique_ptr<QueryResult> RunCopyTo(DatabaseInstance& database, PlannedStatement statement,
                                       std::shared_ptr<MemoryTracker> memory,
                                       const std::function<void(std::weak_ptr<QueryExecution>)>& track,
                                       std::shared_ptr<const StorageSnapshot> snapshot, CopyHandler* copy_handler) {
  const std::shared_ptr<const CopyToSpec> spec = statement.copy_to;
  if (!spec || !statement.plan) throw Exception(sqlstate::kInternalError, "COPY TO without a plan or target");
  if (spec->to_stdout) {
    if (!copy_handler) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "COPY TO STDOUT needs a client that receives COPY data (a PostgreSQL client of cairn serve)",
                      std::nullopt, "use COPY ... TO 'file' to write a file");
    }
    CopyOutFile out(*copy_handler);
    CsvWriter writer(out, statement.names, statement.plan->types, spec->csv);
    copy_handler->BeginCopyOut(statement.names.size());
    std::weak_ptr<QueryExecution> execution;
    auto stream = ExecutePlan(std::move(statement.plan), database.scheduler(), std::move(memory), &execution,
                              std::move(snapshot));
    track(std::move(execution));
    while (auto chunk = stream->Next()) writer.Append(*chunk);
    writer.Finish();
    return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr,
                                         "COPY " + std::to_string(writer.rows_written()));
  }
  FileSystem& file_system = database.file_system();
  const std::string temporary = TemporaryPath(spec->path);
  const std::vector<std::string> names = statement.names;
  const std::vector<LogicalType> types = statement.plan->types;
  bool created = false;  // the temporary exists and must go if the COPY fails

  // Starts the query once the file is open: a missing directory fails before any work.
  auto start_query = [&]() {
    std::weak_ptr<QueryExecution> execution;
    auto stream = ExecutePlan(std::move(statement.plan), database.scheduler(), std::move(memory), &execution,
                              std::move(snapshot));
    track(std::move(execution));
    return stream;
  };

  idx_t rows = 0;
  try {
    if (spec->format == CopyFormat::kParquet) {
      // The constructor checks every column type before it creates the file.
      parquet::ParquetWriter writer(file_system, temporary, names, types, spec->parquet);
      created = true;
      auto stream = start_query();
      while (auto chunk = stream->Next()) writer.Append(*chunk);
      writer.Finish();  // footer, fsync, close
      rows = writer.rows_written();
    } else {
      auto file = file_system.OpenForWrite(temporary, WriteMode::kCreateNew);
      created = true;
      CsvWriter writer(*file, names, types, spec->csv);
      auto stream = start_query();
      while (auto chunk = stream->Next()) writer.Append(*chunk);
      writer.Finish();
      file->Sync();
      file->Close();
      rows = writer.rows_written();
    }
    file_system.Rename(temporary, spec->path);
    created = false;
    file_system.SyncDirectory(ParentDirectory(spec->path));
  } catch (const Exception& error) {
    if (created) {
      try {
        file_system.RemoveFile(temporary);
      } catch (const Exception&) {
        // The original error is the one worth reporting.
      }
    }
    // File errors name the file the user asked for, not the temporary.
    throw Exception(error.sqlstate(), ReplaceAll(error.what(), temporary, spec->path), error.position(), error.hint());
  } catch (...) {
    if (created) {
      try {
        file_system.RemoveFile(temporary);
      } catch (const Exception&) {
      }
    }
    throw;
  }
  return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr,
                                       "COPY " + std::to_string(rows));
}

}  // namespace cairn
