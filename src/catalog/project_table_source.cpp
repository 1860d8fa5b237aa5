// ProjectTableSource (see project_table_source.h and docs/design/projects.md).
//
// A scan is a list of (project, file) pairs fixed when it starts. Workers pull morsels: the
// GlobalScan opens the next file (a one-file ParquetSource) only when the previous file's
// morsels are handed out, maps the file's columns onto the type's, and wraps each of the
// file's partitions so that it produces the type's columns: file columns by reference (or cast),
// project_id and missing columns as constant vectors.
#include "catalog/project_table_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <string_view>

#include "cairn/exception.h"
#include "catalog/hive_partitioned_source.h"
#include "common/ascii.h"
#include "function/cast.h"
#include "io/file_system.h"
#include "parquet/parquet_source.h"

namespace cairn {
namespace {

/// A data file of a project directory: *.parquet, not hidden ('.') nor a marker ('_').
bool IsProjectDataFile(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string::npos ? std::string_view(path) : std::string_view(path).substr(slash + 1);
  if (name.empty() || name[0] == '.' || name[0] == '_') return false;
  return Lower(name).ends_with(".parquet");
}

/// Where an output column comes from in one file.
struct ColumnSource {
  enum class Kind : uint8_t { kFile, kProjectId, kMissing } kind = Kind::kMissing;
  idx_t file_column = 0;  // kFile: index into the file's columns
  bool cast = false;      // kFile: the file's type differs and is cast to the declared one
};

struct State {
  FileSystem* file_system = nullptr;
  std::string data_dir;
  std::string table;
  std::vector<ColumnDefinition> columns;
  idx_t project_id_column = 0;
  std::vector<std::string> projects;
};

/// One file's mapping onto the type's columns, and the request its source is scanned with.
struct FileScan {
  std::string path;
  std::string project;
  std::shared_ptr<TableSource> source;
  ScanRequest request;                   // over the file's columns
  std::vector<LogicalType> inner_types;  // of request.column_ids
  // Per output column (the outer request's order): where it comes from, and its position in
  // the inner chunk for kFile.
  std::vector<ColumnSource> outputs;
  std::vector<idx_t> inner_position;
  std::vector<LogicalType> output_types;
  std::optional<idx_t> project_check_position;  // the file's own project_id, in the inner chunk
};

class ProjectPartition final : public ScanPartition {
 public:
  ProjectPartition(std::shared_ptr<const FileScan> file, std::unique_ptr<ScanPartition> inner)
      : file_(std::move(file)), inner_(std::move(inner)) {
    inner_chunk_.Initialize(file_->inner_types);
  }

  bool Next(DataChunk& out) override {
    inner_chunk_.Reset();
    if (!inner_->Next(inner_chunk_)) {
      out.SetCardinality(0);
      return false;
    }
    const idx_t count = inner_chunk_.size();
    if (file_->project_check_position) CheckProjectIds(inner_chunk_.data[*file_->project_check_position], count);
    for (size_t i = 0; i < file_->outputs.size() && i < out.ColumnCount(); i++) {
      const ColumnSource& from = file_->outputs[i];
      switch (from.kind) {
        case ColumnSource::Kind::kFile: {
          const Vector& source = inner_chunk_.data[file_->inner_position[i]];
          if (!from.cast) {
            out.data[i].Reference(source);
          } else {
            Vector result(file_->output_types[i], std::max<idx_t>(count, 1));
            CastVector(source, result, count);
            out.data[i] = std::move(result);
          }
          break;
        }
        case ColumnSource::Kind::kProjectId:
          out.data[i] = Vector(Value::Varchar(file_->project));
          break;
        case ColumnSource::Kind::kMissing:
          out.data[i] = Vector(Value::Null(file_->output_types[i]));
          break;
      }
    }
    out.SetCardinality(count);
    return true;
  }

 private:
  /// A file's own project_id column must repeat its directory's name on every row.
  void CheckProjectIds(const Vector& ids, idx_t count) const {
    UnifiedFormat format;
    ids.ToUnified(count, format);
    const auto* values = reinterpret_cast<const string_t*>(format.data);
    for (idx_t row = 0; row < count; row++) {
      idx_t index = format.sel->get_index(row);
      std::string_view value;
      bool valid = format.validity->RowIsValid(index);
      if (valid) value = std::string_view(values[index].data(), values[index].size());
      if (!valid || value != file_->project) {
        throw Exception(sqlstate::kDataCorrupted,
                        fmt::format("file {} lies in the directory of project \"{}\" but holds project_id {}",
                                    file_->path, file_->project, valid ? "\"" + std::string(value) + "\"" : "NULL"));
      }
    }
  }

  std::shared_ptr<const FileScan> file_;
  std::unique_ptr<ScanPartition> inner_;
  DataChunk inner_chunk_;
};

class ProjectGlobalScan final : public GlobalScan {
 public:
  ProjectGlobalScan(std::shared_ptr<const State> state, ScanRequest request,
                    std::vector<std::pair<std::string, std::string>> files)
      : state_(std::move(state)), request_(std::move(request)), files_(std::move(files)) {}

  std::unique_ptr<ScanPartition> NextPartition() override {
    std::lock_guard<std::mutex> lock(mutex_);
    while (current_ || next_file_ < files_.size()) {
      if (!current_) {
        const auto& [project, path] = files_[next_file_++];
        current_file_ = OpenFile(project, path);
        current_ = current_file_->source->Scan(current_file_->request);
      }
      auto inner = current_->NextPartition();
      if (!inner) {
        current_.reset();
        current_file_.reset();
        continue;
      }
      return std::make_unique<ProjectPartition>(current_file_, std::move(inner));
    }
    return nullptr;
  }

 private:
  /// Opens `path` and maps its columns onto the type's (the checks of the header comment).
  std::shared_ptr<const FileScan> OpenFile(const std::string& project, const std::string& path) const {
    auto file = std::make_shared<FileScan>();
    file->path = path;
    file->project = project;
    file->source = CreateParquetSource(*state_->file_system, {path});
    const auto& file_columns = file->source->columns();
    auto find = [&](const std::string& name) -> std::optional<idx_t> {
      for (idx_t i = 0; i < file_columns.size(); i++) {
        if (Lower(file_columns[i].name) == Lower(name)) return i;
      }
      return std::nullopt;
    };
    // Map every declared column (the request may not name all, but filters may).
    std::vector<ColumnSource> mapping(state_->columns.size());
    for (idx_t c = 0; c < state_->columns.size(); c++) {
      const ColumnDefinition& declared = state_->columns[c];
      ColumnSource& from = mapping[c];
      auto found = find(declared.name);
      if (c == state_->project_id_column) {
        from.kind = ColumnSource::Kind::kProjectId;
        if (found && file_columns[*found].type.id() != TypeId::VARCHAR) {
          throw Exception(sqlstate::kDatatypeMismatch,
                          fmt::format("table \"{}\": column \"{}\" is VARCHAR but file {} has {}", state_->table,
                                      declared.name, path, file_columns[*found].type.ToString()));
        }
        if (found) from.file_column = *found;
        continue;
      }
      if (!found) {
        if (!declared.nullable) {
          throw Exception(sqlstate::kNotNullViolation,
                          fmt::format("table \"{}\": column \"{}\" is NOT NULL but file {} lacks it", state_->table,
                                      declared.name, path));
        }
        from.kind = ColumnSource::Kind::kMissing;
        continue;
      }
      const LogicalType& actual = file_columns[*found].type;
      from.kind = ColumnSource::Kind::kFile;
      from.file_column = *found;
      if (actual != declared.type) {
        if (ImplicitCastCost(actual, declared.type) < 0 &&
            !(actual.id() == TypeId::VARCHAR && (declared.type.id() == TypeId::JSON || declared.type.id() == TypeId::JSONB))) {
          throw Exception(sqlstate::kDatatypeMismatch,
                          fmt::format("table \"{}\": column \"{}\" is {} but file {} has {}", state_->table, declared.name,
                                      declared.type.ToString(), path, actual.ToString()));
        }
        from.cast = true;
      }
    }
    auto inner_index = [&](idx_t file_column) {
      auto& ids = file->request.column_ids;
      auto it = std::find(ids.begin(), ids.end(), file_column);
      if (it != ids.end()) return static_cast<idx_t>(it - ids.begin());
      ids.push_back(file_column);
      file->inner_types.push_back(file_columns[file_column].type);
      return static_cast<idx_t>(ids.size() - 1);
    };
    for (idx_t id : request_.column_ids) {
      const ColumnSource& from = mapping[id];
      file->outputs.push_back(from);
      file->output_types.push_back(state_->columns[id].type);
      file->inner_position.push_back(from.kind == ColumnSource::Kind::kFile ? inner_index(from.file_column) : 0);
    }
    // A file's own project_id is read and checked on every scan, even one that needs no column.
    const ColumnSource& project_from = mapping[state_->project_id_column];
    if (find(state_->columns[state_->project_id_column].name)) {
      file->project_check_position = inner_index(project_from.file_column);
    }
    // Filters on columns read as the declared type help the reader skip row groups.
    for (const auto& filter : request_.filters) {
      const ColumnSource& from = mapping[filter.column];
      if (from.kind != ColumnSource::Kind::kFile || from.cast) continue;
      TableFilter inner = filter;
      inner.column = from.file_column;
      file->request.filters.push_back(std::move(inner));
    }
    file->request.evaluate_filters = request_.evaluate_filters;
    return file;
  }

  std::shared_ptr<const State> state_;
  ScanRequest request_;
  std::vector<std::pair<std::string, std::string>> files_;  // (project, path), in scan order
  std::mutex mutex_;
  size_t next_file_ = 0;
  std::shared_ptr<const FileScan> current_file_;
  std::unique_ptr<GlobalScan> current_;
};

class ProjectTableSource final : public TableSource {
 public:
  explicit ProjectTableSource(std::shared_ptr<const State> state) : state_(std::move(state)) {}

  const std::vector<ColumnDefinition>& columns() const override { return state_->columns; }

  std::string Describe() const override {
    std::string projects;
    for (const auto& p : state_->projects) projects += (projects.empty() ? "" : ", ") + p;
    return fmt::format("PROJECT TABLE {} of {} project{} ({})", state_->table, state_->projects.size(),
                       state_->projects.size() == 1 ? "" : "s", projects);
  }

  /// With filters on project_id: the projects a scan will read (the others' files are neither
  /// listed nor opened).
  std::string DescribeScan(const std::vector<TableFilter>& filters) const override {
    std::vector<std::string> kept = ProjectsMatching(filters);
    if (kept.size() == state_->projects.size()) return Describe();
    std::string projects;
    for (const auto& p : kept) projects += (projects.empty() ? "" : ", ") + p;
    return fmt::format("PROJECT TABLE {}: {} of {} project{} ({})", state_->table, kept.size(), state_->projects.size(),
                       state_->projects.size() == 1 ? "" : "s", projects);
  }

  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    for (idx_t id : request.column_ids) {
      if (id >= state_->columns.size()) {
        throw Exception(sqlstate::kInternalError,
                        fmt::format("table \"{}\": column index {} out of range", state_->table, id));
      }
    }
    for (const auto& filter : request.filters) {
      if (filter.column >= state_->columns.size()) {
        throw Exception(sqlstate::kInternalError,
                        fmt::format("table \"{}\": filter column index {} out of range", state_->table, filter.column));
      }
    }
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& project : ProjectsMatching(request.filters)) {
      std::string directory = ProjectTableDirectory(state_->data_dir, project, state_->table);
      if (!state_->file_system->IsDirectory(directory)) continue;  // no data yet
      for (auto& path : state_->file_system->ListFilesRecursive(directory)) {
        if (IsProjectDataFile(path)) files.emplace_back(project, std::move(path));
      }
    }
    return std::make_unique<ProjectGlobalScan>(state_, request, std::move(files));
  }

 private:
  /// The projects whose id may pass every filter on project_id (Hive partition rule).
  std::vector<std::string> ProjectsMatching(const std::vector<TableFilter>& filters) const {
    std::vector<std::string> kept;
    for (const auto& project : state_->projects) {
      Value id = Value::Varchar(project);
      bool match = std::all_of(filters.begin(), filters.end(), [&](const TableFilter& f) {
        return f.column != state_->project_id_column || HivePartitionMayMatch(id, f);
      });
      if (match) kept.push_back(project);
    }
    return kept;
  }

  std::shared_ptr<const State> state_;
};

}  // namespace

bool IsDirectoryName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

std::string ProjectTableDirectory(const std::string& data_dir, const std::string& project_id, const std::string& table) {
  std::string root = data_dir.empty() ? "" : (data_dir.back() == '/' ? data_dir : data_dir + "/");
  return fmt::format("{}projects/{}/{}", root, project_id, table);
}

std::shared_ptr<TableSource> CreateProjectTableSource(FileSystem& file_system, std::string data_dir, std::string table,
                                                      std::vector<ColumnDefinition> columns,
                                                      std::vector<std::string> project_ids) {
  if (!IsDirectoryName(table)) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    fmt::format("table name \"{}\" cannot be a directory name", table));
  }
  auto state = std::make_shared<State>();
  state->file_system = &file_system;
  state->data_dir = std::move(data_dir);
  state->table = std::move(table);
  auto project_column = std::find_if(columns.begin(), columns.end(),
                                     [](const ColumnDefinition& c) { return Lower(c.name) == "project_id"; });
  if (project_column == columns.end() || project_column->type.id() != TypeId::VARCHAR) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    fmt::format("table \"{}\": a project table needs a VARCHAR column project_id", state->table));
  }
  state->project_id_column = static_cast<idx_t>(project_column - columns.begin());
  project_column->nullable = false;  // it is the directory's name
  state->columns = std::move(columns);
  for (auto& project : project_ids) {
    if (!IsDirectoryName(project)) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      fmt::format("table \"{}\": project id \"{}\" cannot be a directory name", state->table, project));
    }
    if (std::find(state->projects.begin(), state->projects.end(), project) == state->projects.end()) {
      state->projects.push_back(std::move(project));
    }
  }
  return std::make_shared<ProjectTableSource>(std::move(state));
}

}  // namespace cairn
