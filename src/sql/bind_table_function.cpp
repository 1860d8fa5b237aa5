// Table functions in FROM: read_parquet / parquet_scan, read_csv / read_csv_auto, and the
// FROM 'path' shorthand (rewritten to __cairn_file('path') by the statement preprocessor).
#include <algorithm>

#include "common/ascii.h"
#include "cairn/exception.h"
#include "catalog/multi_file_source.h"
#include "formats/csv_source.h"
#include "io/file_system.h"
#include "parquet/parquet_source.h"
#include "sql/binder.h"
#include "sql/statement_preprocessor.h"

namespace cairn {

namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsCsvPath(const std::string& path) {
  std::string lower = Lower(path);
  return EndsWith(lower, ".csv") || EndsWith(lower, ".tsv") || EndsWith(lower, ".txt") || EndsWith(lower, ".csv.gz");
}

/// One character option (delim, quote, escape): '' means none, '\t' may be spelled "\t".
char CharOption(const std::string& name, const std::string& text, std::optional<int> position) {
  if (text.empty()) return '\0';
  if (text == "\\t") return '\t';
  if (text.size() != 1) {
    throw Exception(sqlstate::kInvalidParameterValue, "read_csv option " + name + " must be a single character, got '" + text + "'",
                    position);
  }
  return text[0];
}

}  // namespace

std::string FileStem(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.find('.');
  if (dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  return name;
}

std::vector<std::string> Binder::ResolveFilePatterns(const std::vector<std::string>& patterns) {
  std::vector<std::string> files;
  for (const auto& pattern : patterns) {
    std::string path = pattern;
    if (!path.empty() && path[0] != '/' && !registry_.data_dir().empty()) path = registry_.data_dir() + "/" + path;
    std::vector<std::string> matches;
    if (HasGlobWildcards(path)) {
      matches = FileSystem::Local().Glob(path);
    } else if (FileSystem::Local().Exists(path) && !FileSystem::Local().IsDirectory(path)) {
      matches.push_back(path);
    }
    files.insert(files.end(), matches.begin(), matches.end());
  }
  return files;
}

std::shared_ptr<TableSource> Binder::CreateFileSource(const std::vector<std::string>& patterns, const std::string& format,
                                                      const CsvOptions& csv_options, int position,
                                                      bool hive_partitioning) {
  std::vector<DataFile> files;
  for (const auto& pattern : patterns) {
    std::string path = pattern;
    if (!path.empty() && path[0] != '/' && !registry_.data_dir().empty()) path = registry_.data_dir() + "/" + path;
    std::string root = GlobRoot(path);
    for (auto& match : ResolveFilePatterns({pattern})) files.push_back(DataFile{match, root});
  }
  if (files.empty()) {
    throw Exception(sqlstate::kUndefinedFile,
                    "No files found that match the pattern \"" + (patterns.empty() ? "" : patterns[0]) + "\"", position);
  }
  bool csv = format == "csv" || (format == "auto" && IsCsvPath(files[0].path));
  auto make = [&](std::vector<std::string> paths) -> std::shared_ptr<TableSource> {
    if (csv) return CreateCsvSource(std::move(paths), csv_options);
    return CreateParquetSource(std::move(paths));
  };
  try {
    return CreateMultiFileSource(patterns.empty() ? "" : patterns[0], files, hive_partitioning, make);
  } catch (const Exception& error) {
    if (error.position()) throw;
    throw Exception(error.sqlstate(), error.what(), position);
  }
}

LogicalOperatorPtr Binder::BindRangeFunction(const PgQuery__RangeFunction& range_function, BindContext& context) {
  if (range_function.lateral || range_function.ordinality || range_function.is_rowsfrom ||
      range_function.n_functions != 1) {
    throw Exception(sqlstate::kFeatureNotSupported, "LATERAL, WITH ORDINALITY and ROWS FROM are not supported yet");
  }
  const PgQuery__Node* item = range_function.functions[0];
  const PgQuery__Node* call_node = item;
  if (item->node_case == PG_QUERY__NODE__NODE_LIST && item->list->n_items > 0) call_node = item->list->items[0];
  if (call_node->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) {
    throw Exception(sqlstate::kFeatureNotSupported, "this kind of table function is not supported yet");
  }
  const PgQuery__FuncCall& call = *call_node->func_call;
  std::string name;
  for (size_t i = 0; i < call.n_funcname; i++) name = NodeString(call.funcname[i]);
  name = Lower(name);
  auto position = Position(call.location);
  int pos = position.value_or(0);

  std::string format;
  if (name == "read_parquet" || name == "parquet_scan") {
    format = "parquet";
  } else if (name == "read_csv" || name == "read_csv_auto") {
    format = "csv";
  } else if (name == kFileScanFunction) {
    format = "auto";
  } else {
    throw Exception(sqlstate::kUndefinedFunction, "table function " + name + " does not exist", position);
  }

  // Arguments must be constants: positional file path(s), then name => value options.
  Scope constant_scope;
  constant_scope.clause = "table function arguments";
  auto constant = [&](const PgQuery__Node* node) -> Value {
    ExpressionPtr bound = Bind(node, constant_scope);
    if (bound->expression_class != ExpressionClass::CONSTANT) {
      throw Exception(sqlstate::kFeatureNotSupported, "table function arguments must be constants", position);
    }
    Value value = static_cast<BoundConstant&>(*bound).value;
    if (value.IsNull()) {
      throw Exception(sqlstate::kInvalidParameterValue, name + ": arguments must not be NULL", position);
    }
    return value;
  };
  auto string_list = [&](const PgQuery__Node* node) {
    std::vector<std::string> values;
    if (node->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
      for (size_t i = 0; i < node->a_array_expr->n_elements; i++) {
        values.push_back(constant(node->a_array_expr->elements[i]).CastAs(TypeId::VARCHAR).GetString());
      }
    } else {
      values.push_back(constant(node).CastAs(TypeId::VARCHAR).GetString());
    }
    return values;
  };

  std::vector<std::string> patterns;
  CsvOptions csv_options;
  bool hive_partitioning = true;
  for (size_t i = 0; i < call.n_args; i++) {
    const PgQuery__Node* argument = call.args[i];
    // Options come as PostgreSQL named arguments (name => value, name := value) or, as DuckDB
    // also accepts, as `name = value`, which PostgreSQL parses as a comparison.
    std::string option;
    const PgQuery__Node* option_value = nullptr;
    int option_location = -1;
    if (argument->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      option = Lower(argument->named_arg_expr->name);
      option_value = argument->named_arg_expr->arg;
      option_location = argument->named_arg_expr->location;
    } else if (argument->node_case == PG_QUERY__NODE__NODE_A_EXPR && argument->a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP &&
               argument->a_expr->n_name == 1 && NodeString(argument->a_expr->name[0]) == "=" && argument->a_expr->lexpr &&
               argument->a_expr->lexpr->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
               argument->a_expr->lexpr->column_ref->n_fields == 1) {
      option = Lower(NodeString(argument->a_expr->lexpr->column_ref->fields[0]));
      option_value = argument->a_expr->rexpr;
      option_location = argument->a_expr->lexpr->column_ref->location;
    }
    if (option_value == nullptr) {
      if (!patterns.empty()) {
        throw Exception(sqlstate::kUndefinedFunction, name + " takes one positional argument (a path or a list of paths)",
                        position);
      }
      patterns = string_list(argument);
      continue;
    }
    struct {
      const PgQuery__Node* arg;
    } named{option_value};
    auto position_of_option = Position(option_location);
    if (format == "parquet") {
      if (option == "hive_partitioning") {
        hive_partitioning = constant(named.arg).CastAs(TypeId::BOOLEAN).GetBool();
        continue;
      }
      if (option == "binary_as_string") {
        constant(named.arg);  // accepted: BYTE_ARRAY without a STRING annotation reads as BLOB
        continue;
      }
      throw Exception(sqlstate::kInvalidParameterValue, "invalid named parameter \"" + option + "\" for function " + name,
                      position_of_option);
    }
    if (option == "hive_partitioning") {
      hive_partitioning = constant(named.arg).CastAs(TypeId::BOOLEAN).GetBool();
    } else if (option == "header") {
      csv_options.header = constant(named.arg).CastAs(TypeId::BOOLEAN).GetBool();
    } else if (option == "delim" || option == "sep" || option == "delimiter") {
      csv_options.delimiter = CharOption(option, constant(named.arg).CastAs(TypeId::VARCHAR).GetString(), position_of_option);
    } else if (option == "quote") {
      csv_options.quote = CharOption(option, constant(named.arg).CastAs(TypeId::VARCHAR).GetString(), position_of_option);
    } else if (option == "escape") {
      csv_options.escape = CharOption(option, constant(named.arg).CastAs(TypeId::VARCHAR).GetString(), position_of_option);
    } else if (option == "nullstr" || option == "null") {
      csv_options.null_strings = string_list(named.arg);
    } else if (option == "skip") {
      csv_options.skip_rows = static_cast<idx_t>(constant(named.arg).CastAs(TypeId::BIGINT).GetInt64());
    } else if (option == "sample_size") {
      int64_t size = constant(named.arg).CastAs(TypeId::BIGINT).GetInt64();
      csv_options.sample_size = size <= 0 ? idx_t(1) << 62 : static_cast<idx_t>(size);
    } else if (option == "dateformat" || option == "date_format") {
      csv_options.date_format = constant(named.arg).CastAs(TypeId::VARCHAR).GetString();
    } else if (option == "timestampformat" || option == "timestamp_format") {
      csv_options.timestamp_format = constant(named.arg).CastAs(TypeId::VARCHAR).GetString();
    } else if (option == "names" || option == "column_names") {
      csv_options.column_names = string_list(named.arg);
    } else if (option == "auto_detect" || option == "all_varchar" || option == "filename") {
      Value value = constant(named.arg);
      if (option == "all_varchar" && !value.IsNull() && value.CastAs(TypeId::BOOLEAN).GetBool()) {
        throw Exception(sqlstate::kFeatureNotSupported, "read_csv option all_varchar is not supported yet",
                        position_of_option);
      }
      if (option == "filename" && !value.IsNull() && value.CastAs(TypeId::BOOLEAN).GetBool()) {
        throw Exception(sqlstate::kFeatureNotSupported, "read_csv option filename is not supported yet",
                        position_of_option);
      }
    } else {
      throw Exception(sqlstate::kInvalidParameterValue, "invalid named parameter \"" + option + "\" for function " + name,
                      position_of_option);
    }
  }
  if (patterns.empty()) {
    throw Exception(sqlstate::kUndefinedFunction, name + " requires a file path argument", position);
  }

  std::string table_name;
  std::string alias;
  if (format == "auto") {
    table_name = patterns[0];
    alias = FileStem(patterns[0]);
  } else {
    table_name = name + "('" + patterns[0] + (patterns.size() > 1 ? "', ...)" : "')");
    alias = name;
  }
  LogicalOperatorPtr plan = MakeGet(CreateFileSource(patterns, format, csv_options, pos, hive_partitioning), table_name);
  AddAliasedTable(context, *plan, alias, range_function.alias, pos);
  return plan;
}

}  // namespace cairn
