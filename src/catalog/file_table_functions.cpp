// The file table functions (see src/catalog/file_table_functions.h).
#include "catalog/file_table_functions.h"

#include <optional>

#include "cairn/exception.h"
#include "catalog/multi_file_source.h"
#include "common/ascii.h"
#include "formats/csv_options.h"
#include "formats/csv_source.h"
#include "io/file_system.h"
#include "parquet/parquet_source.h"

namespace cairn {

namespace {

enum class FileFormat : uint8_t { kParquet, kCsv, kByExtension };

bool IsCsvPath(const std::string& path) {
  std::string lower = Lower(path);
  for (const char* suffix : {".csv", ".tsv", ".txt", ".csv.gz"}) {
    if (lower.ends_with(suffix)) return true;
  }
  return false;
}

/// The file name of `path` without directories and extensions ("data/x.parquet" → "x").
std::string FileStem(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.find('.');
  if (dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  return name;
}

std::string StringOption(const TableFunctionArgument& argument, const std::string& what) {
  if (argument.is_list || argument.values.size() != 1) {
    throw Exception(sqlstate::kInvalidParameterValue, what + " takes a single value, not a list", argument.position);
  }
  return argument.values[0].CastAs(TypeId::VARCHAR).GetString();
}

bool BoolOption(const TableFunctionArgument& argument, const std::string& what) {
  if (argument.is_list || argument.values.size() != 1) {
    throw Exception(sqlstate::kInvalidParameterValue, what + " takes a single value, not a list", argument.position);
  }
  return argument.values[0].CastAs(TypeId::BOOLEAN).GetBool();
}

int64_t IntegerOption(const TableFunctionArgument& argument, const std::string& what) {
  if (argument.is_list || argument.values.size() != 1) {
    throw Exception(sqlstate::kInvalidParameterValue, what + " takes a single value, not a list", argument.position);
  }
  return argument.values[0].CastAs(TypeId::BIGINT).GetInt64();
}

std::vector<std::string> StringList(const TableFunctionArgument& argument) {
  std::vector<std::string> values;
  for (const auto& value : argument.values) values.push_back(value.CastAs(TypeId::VARCHAR).GetString());
  return values;
}

/// One character option (delim, quote, escape): '' means none, '\t' may be spelled "\t".
char CharOption(const std::string& name, const TableFunctionArgument& argument) {
  std::string text = StringOption(argument, "read_csv option " + name);
  if (text.empty()) return '\0';
  if (text == "\\t") return '\t';
  if (text.size() != 1) {
    throw Exception(sqlstate::kInvalidParameterValue, "read_csv option " + name + " must be a single character, got '" + text + "'",
                    argument.position);
  }
  return text[0];
}

[[noreturn]] void UnknownOption(const std::string& option, const TableFunctionInput& input,
                                const TableFunctionArgument& argument) {
  throw Exception(sqlstate::kInvalidParameterValue, "invalid named parameter \"" + option + "\" for function " + input.name,
                  argument.position);
}

/// Applies a read_csv option to `options`; returns false if `option` is not a CSV option.
bool ApplyCsvOption(const std::string& option, const TableFunctionArgument& argument, CsvOptions& options) {
  if (option == "header") {
    options.header = BoolOption(argument, "read_csv option header");
  } else if (option == "delim" || option == "sep" || option == "delimiter") {
    options.delimiter = CharOption(option, argument);
  } else if (option == "quote") {
    options.quote = CharOption(option, argument);
  } else if (option == "escape") {
    options.escape = CharOption(option, argument);
  } else if (option == "nullstr" || option == "null") {
    options.null_strings = StringList(argument);
  } else if (option == "skip") {
    int64_t skip = IntegerOption(argument, "read_csv option skip");
    if (skip < 0) throw Exception(sqlstate::kInvalidParameterValue, "read_csv option skip must not be negative", argument.position);
    options.skip_rows = static_cast<idx_t>(skip);
  } else if (option == "sample_size") {
    int64_t size = IntegerOption(argument, "read_csv option sample_size");
    options.sample_size = size <= 0 ? idx_t(1) << 62 : static_cast<idx_t>(size);
  } else if (option == "dateformat" || option == "date_format") {
    options.date_format = StringOption(argument, "read_csv option " + option);
  } else if (option == "timestampformat" || option == "timestamp_format") {
    options.timestamp_format = StringOption(argument, "read_csv option " + option);
  } else if (option == "names" || option == "column_names") {
    options.column_names = StringList(argument);
  } else if (option == "auto_detect") {
    BoolOption(argument, "read_csv option auto_detect");  // sniffing is always on
  } else if (option == "all_varchar" || option == "filename") {
    if (BoolOption(argument, "read_csv option " + option)) {
      throw Exception(sqlstate::kFeatureNotSupported, "read_csv option " + option + " is not supported yet", argument.position);
    }
  } else {
    return false;
  }
  return true;
}

class FileTableFunction {
 public:
  FileTableFunction(FileFormat format, std::string data_dir, FileSystem& file_system)
      : format_(format), data_dir_(std::move(data_dir)), file_system_(file_system) {}

  TableFunctionOutput operator()(const TableFunctionInput& input) const {
    if (input.positional.size() != 1) {
      throw Exception(sqlstate::kUndefinedFunction,
                      input.name + (input.positional.empty() ? " requires a file path argument"
                                                             : " takes one positional argument (a path or a list of paths)"),
                      input.position);
    }
    std::vector<std::string> patterns = StringList(input.positional[0]);
    if (patterns.empty()) {
      throw Exception(sqlstate::kInvalidParameterValue, input.name + " requires at least one file path", input.position);
    }
    CsvOptions csv_options;
    MultiFileOptions file_options;
    file_options.schema_merge = SchemaMerge::kSameColumns;
    for (const auto& [option, argument] : input.named) {
      if (option == "hive_partitioning") {
        file_options.hive_partitioning = BoolOption(argument, "option hive_partitioning");
      } else if (option == "union_by_name") {
        file_options.schema_merge =
            BoolOption(argument, "option union_by_name") ? SchemaMerge::kUnionByName : SchemaMerge::kSameColumns;
      } else if (format_ == FileFormat::kParquet && option == "binary_as_string") {
        BoolOption(argument, "option binary_as_string");  // BYTE_ARRAY without a STRING annotation reads as BLOB
      } else if (format_ == FileFormat::kParquet || !ApplyCsvOption(option, argument, csv_options)) {
        UnknownOption(option, input, argument);
      }
    }

    TableFunctionOutput output;
    output.source = CreateSource(patterns, csv_options, file_options, input.position);
    if (format_ == FileFormat::kByExtension) {
      output.table_name = patterns[0];
      output.default_alias = FileStem(patterns[0]);
    } else {
      output.table_name = input.name + "('" + patterns[0] + (patterns.size() > 1 ? "', ...)" : "')");
      output.default_alias = input.name;
    }
    return output;
  }

 private:
  std::string Resolve(const std::string& pattern) const {
    if (!pattern.empty() && pattern[0] != '/' && !data_dir_.empty()) return data_dir_ + "/" + pattern;
    return pattern;
  }

  std::shared_ptr<TableSource> CreateSource(const std::vector<std::string>& patterns, const CsvOptions& csv_options,
                                            MultiFileOptions file_options, std::optional<int> position) const {
    std::vector<DataFile> files;
    for (const auto& pattern : patterns) {
      std::string path = Resolve(pattern);
      std::string root = GlobRoot(path);
      if (HasGlobWildcards(path)) {
        for (auto& match : file_system_.Glob(path)) files.push_back(DataFile{match, root});
      } else if (file_system_.Exists(path) && !file_system_.IsDirectory(path)) {
        files.push_back(DataFile{path, root});
      }
    }
    if (files.empty()) {
      throw Exception(sqlstate::kUndefinedFile, "No files found that match the pattern \"" + patterns[0] + "\"", position);
    }
    const bool csv = format_ == FileFormat::kCsv || (format_ == FileFormat::kByExtension && IsCsvPath(files[0].path));
    auto make = [&](std::vector<std::string> paths) -> std::shared_ptr<TableSource> {
      if (csv) return CreateCsvSource(file_system_, std::move(paths), csv_options);
      return CreateParquetSource(file_system_, std::move(paths));
    };
    // A CSV source over several files takes its layout from the first: to unite them by name,
    // each file is sniffed on its own.
    file_options.open_files_apart = csv;
    try {
      return CreateMultiFileSource(patterns[0], files, file_options, make);
    } catch (const Exception& error) {
      if (error.position()) throw;
      throw Exception(error.sqlstate(), error.what(), position, error.hint());
    }
  }

  FileFormat format_;
  std::string data_dir_;
  FileSystem& file_system_;
};

}  // namespace

void RegisterFileTableFunctions(TableFunctionRegistry& registry, const std::string& data_dir, FileSystem& file_system) {
  for (const char* name : {"read_parquet", "parquet_scan"}) {
    registry.Register(name, FileTableFunction(FileFormat::kParquet, data_dir, file_system));
  }
  for (const char* name : {"read_csv", "read_csv_auto"}) {
    registry.Register(name, FileTableFunction(FileFormat::kCsv, data_dir, file_system));
  }
  registry.Register(kFileScanFunction, FileTableFunction(FileFormat::kByExtension, data_dir, file_system));
}

}  // namespace cairn
