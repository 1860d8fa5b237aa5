#include "tpch/parallel_writer.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "parquet/parquet_writer.h"

namespace cairn::tpch {

int64_t UnitsPerPart(TpchTable table) {
  switch (table) {
    case TpchTable::kPartSupp:
    case TpchTable::kLineitem:
      return 250000;
    default:
      return 1000000;
  }
}

std::vector<PartFile> PlanParts(TpchTable table, double scale_factor) {
  const std::string& name = GetTableSpec(table).name;
  const int64_t units = UnitCount(table, scale_factor);
  const int64_t per_part = UnitsPerPart(table);
  const int64_t count = std::max<int64_t>(1, (units + per_part - 1) / per_part);
  std::vector<PartFile> parts;
  for (int64_t index = 0; index < count; index++) {
    PartFile part{table, index * per_part, std::min(units, (index + 1) * per_part), name + ".parquet"};
    if (count > 1) {
      char suffix[16];
      std::snprintf(suffix, sizeof(suffix), "-%04lld", static_cast<long long>(index + 1));
      part.path = name + "/" + name + suffix + ".parquet";
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

namespace {

std::string Join(const std::string& directory, const std::string& path) {
  if (directory.empty()) return path;
  return directory.back() == '/' ? directory + path : directory + "/" + path;
}

}  // namespace

void WriteParts(FileSystem& file_system, const std::string& directory, const GenerationContext& context,
                std::vector<PartFile>& parts, unsigned threads) {
  // Largest parts first, so that the last ones to finish are short.
  std::vector<size_t> order(parts.size());
  for (size_t i = 0; i < order.size(); i++) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    auto weight = [&](const PartFile& part) {
      return (part.end - part.begin) * static_cast<int64_t>(GetTableSpec(part.table).column_types.size()) *
             static_cast<int64_t>(GetTableSpec(part.table).max_rows_per_unit);
    };
    return weight(parts[a]) > weight(parts[b]);
  });
  for (const PartFile& part : parts) {
    const std::string parent = ParentDirectory(Join(directory, part.path));
    if (!parent.empty()) file_system.CreateDirectories(parent);
  }

  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr first_error;
  std::vector<std::string> created;

  auto work = [&]() {
    try {
      while (!failed.load()) {
        const size_t slot = next.fetch_add(1);
        if (slot >= order.size()) return;
        PartFile& part = parts[order[slot]];
        const TableSpec& spec = GetTableSpec(part.table);
        const std::string path = Join(directory, part.path);
        {
          std::lock_guard<std::mutex> lock(mutex);
          created.push_back(path);
        }
        // Every TPC-H column is NOT NULL (clause 1.4): REQUIRED columns carry no definition levels.
        parquet::ParquetWriterOptions writer_options;
        writer_options.required_columns.assign(spec.column_types.size(), true);
        parquet::ParquetWriter writer(file_system, path, spec.column_names, spec.column_types,
                                      writer_options);
        auto cursor = OpenTableCursor(part.table, context, part.begin, part.end);
        DataChunk chunk;
        chunk.Initialize(spec.column_types);
        while (!failed.load()) {
          chunk.Reset();
          if (!cursor->Fill(chunk)) break;
          writer.Append(chunk);
        }
        if (failed.load()) return;
        writer.Finish();
        part.rows = writer.rows_written();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!first_error) first_error = std::current_exception();
      failed.store(true);
    }
  };

  const unsigned workers = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(parts.size())));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < workers; i++) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();

  if (first_error) {
    for (const std::string& path : created) {
      try {
        if (file_system.Exists(path)) file_system.RemoveFile(path);
      } catch (...) {
        // Best effort: the original error is the one to report.
      }
    }
    std::rethrow_exception(first_error);
  }
}

}  // namespace cairn::tpch
