// COPY (query) TO 'path' and COPY name [(columns)] TO 'path': the query is planned like any
// other, the options are validated as PostgreSQL 15's ProcessCopyOptions validates them (same
// messages and SQLSTATEs) plus Cairn's Parquet options, and the result is a COPY_TO statement
// for the session to run (main/copy_to.h). COPY table [(columns)] FROM 'path' validates the same
// options as PostgreSQL does for COPY FROM and becomes an INSERT reading the file
// (sql/copy_from_plan.h). docs/sql/copy.md describes the surface.
#include <algorithm>
#include <set>

#include "cairn/copy_handler.h"
#include "cairn/exception.h"
#include "common/ascii.h"
#include "formats/copy_from_source.h"
#include "parquet/parquet_source.h"
#include "sql/copy_from_plan.h"
#include "sql/copy_to_spec.h"
#include "sql/write_statement.h"
#include "sql/parser.h"
#include "sql/utility_statements.h"

namespace cairn {

namespace {

/// An option as written: its lower-case name, its argument node (null when none) and position.
struct CopyOption {
  std::string name;
  const PgQuery__Node* arg = nullptr;
  std::optional<int> position;
};

class CopyOptionError {
 public:
  explicit CopyOptionError(const CopyOption& option) : option_(option) {}
  [[noreturn]] void Throw(const char* sqlstate, const std::string& message) const {
    throw Exception(sqlstate, message, option_.position);
  }

 private:
  const CopyOption& option_;
};

/// PostgreSQL's defGetString: the argument's text; 42601 "<name> requires a parameter" without one.
std::string OptionString(const CopyOption& option) {
  const PgQuery__Node* arg = option.arg;
  if (!arg) CopyOptionError(option).Throw(sqlstate::kSyntaxError, option.name + " requires a parameter");
  switch (arg->node_case) {
    case PG_QUERY__NODE__NODE_STRING: return arg->string->sval;
    case PG_QUERY__NODE__NODE_INTEGER: return std::to_string(arg->integer->ival);
    case PG_QUERY__NODE__NODE_FLOAT: return arg->float_->fval;
    case PG_QUERY__NODE__NODE_BOOLEAN: return arg->boolean->boolval ? "true" : "false";
    case PG_QUERY__NODE__NODE_A_STAR: return "*";
    default: break;
  }
  CopyOptionError(option).Throw(sqlstate::kSyntaxError, "argument of option \"" + option.name + "\" must be a value");
}

/// PostgreSQL's defGetBoolean: no argument = true; 0/1; true/false/on/off (any case).
/// Returns nullopt for other text (the caller reports it).
std::optional<bool> OptionBoolean(const CopyOption& option) {
  if (!option.arg) return true;
  if (option.arg->node_case == PG_QUERY__NODE__NODE_INTEGER) {
    const int value = option.arg->integer->ival;
    if (value == 0 || value == 1) return value == 1;
    return std::nullopt;
  }
  if (option.arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return option.arg->boolean->boolval != 0;
  if (option.arg->node_case != PG_QUERY__NODE__NODE_STRING) return std::nullopt;
  const std::string text = Lower(option.arg->string->sval);
  if (text == "true" || text == "on") return true;
  if (text == "false" || text == "off") return false;
  return std::nullopt;
}

/// `name` in upper case, as options are spelled in messages.
std::string UpperName(const std::string& name) {
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return upper;
}

/// A positive row or byte count: an integer literal (or its text).
idx_t OptionPositiveCount(const CopyOption& option) {
  const std::string text = OptionString(option);
  bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  unsigned long long value = 0;
  if (digits && text.size() <= 18) value = std::stoull(text);
  if (value == 0) {
    CopyOptionError(option).Throw(sqlstate::kInvalidParameterValue,
                                  UpperName(option.name) + " must be a positive integer (got \"" + text + "\")");
  }
  return static_cast<idx_t>(value);
}

/// PostgreSQL's encoding names (pg_enc2name_tbl, compared as clean_encoding_name does: lower
/// case, letters and digits only).
bool IsPostgresEncodingName(const std::string& cleaned) {
  static const std::set<std::string> kNames = {
      "sqlascii", "eucjp", "euccn", "euckr", "euctw", "eucjis2004", "utf8", "unicode", "muleinternal",
      "latin1", "latin2", "latin3", "latin4", "latin5", "latin6", "latin7", "latin8", "latin9", "latin10",
      "win1256", "win1258", "win866", "win874", "koi8r", "koi8", "win1251", "win1252", "iso88595", "iso88596",
      "iso88597", "iso88598", "win1250", "win1253", "win1254", "win1255", "win1257", "koi8u", "sjis", "big5",
      "gbk", "uhc", "gb18030", "johab", "shiftjis2004", "win", "alt", "mskanji", "shiftjis", "tcvn",
      "tcvn5712", "vscii", "windows1250", "windows1251", "windows1252", "windows1253", "windows1254",
      "windows1255", "windows1256", "windows1257", "windows1258", "windows866", "windows874", "windows932",
      "windows936", "windows949", "windows950", "iso885910", "iso885913", "iso885914", "iso885915",
      "iso885916", "iso88591", "iso88592", "iso88593", "iso88594", "iso88599", "abc", "cp1250", "cp1251",
      "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp866", "cp874", "cp932",
      "cp936", "cp949", "cp950", "koi8", "mule", "sqlascii"};
  return kNames.count(cleaned) > 0;
}

/// "copy.PARQUET" → parquet, ".csv" → csv, anything else → text (PostgreSQL's default format).
CopyFormat FormatFromExtension(const std::string& path) {
  const std::string lower = Lower(path);
  auto ends_with = [&lower](const std::string& suffix) {
    return lower.size() >= suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".parquet")) return CopyFormat::kParquet;
  if (ends_with(".csv")) return CopyFormat::kCsv;
  return CopyFormat::kText;
}

/// `"name"` with embedded quotes doubled (an identifier for generated SQL text).
std::string QuoteIdentifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

/// The column names of a FORCE_QUOTE list (or {"*"} for FORCE_QUOTE *).
std::vector<std::string> ForceQuoteNames(const CopyOption& option) {
  if (!option.arg) CopyOptionError(option).Throw(sqlstate::kSyntaxError, option.name + " requires a parameter");
  if (option.arg->node_case == PG_QUERY__NODE__NODE_A_STAR) return {"*"};
  if (option.arg->node_case != PG_QUERY__NODE__NODE_LIST) {
    CopyOptionError(option).Throw(sqlstate::kSyntaxError, "argument to option \"" + option.name + "\" must be a list of column names");
  }
  std::vector<std::string> names;
  const PgQuery__List& list = *option.arg->list;
  for (size_t i = 0; i < list.n_items; i++) names.push_back(NodeString(list.items[i]));
  return names;
}

/// Parquet's options: COMPRESSION (CODEC), ROW_GROUP_SIZE, ROW_GROUP_SIZE_BYTES, PARQUET_VERSION.
void ApplyParquetOptions(const std::vector<CopyOption>& options, CopyToSpec& spec) {
  for (const CopyOption& option : options) {
    const CopyOptionError error(option);
    if (option.name == "compression" || option.name == "codec") {
      const std::string codec = Lower(OptionString(option));
      if (codec == "snappy") spec.parquet.codec = parquet::CompressionCodec::SNAPPY;
      else if (codec == "gzip") spec.parquet.codec = parquet::CompressionCodec::GZIP;
      else if (codec == "zstd") spec.parquet.codec = parquet::CompressionCodec::ZSTD;
      else if (codec == "lz4" || codec == "lz4_raw") spec.parquet.codec = parquet::CompressionCodec::LZ4_RAW;
      else if (codec == "none" || codec == "uncompressed") spec.parquet.codec = parquet::CompressionCodec::UNCOMPRESSED;
      else if (codec == "brotli" || codec == "lzo") {
        error.Throw(sqlstate::kFeatureNotSupported, "Parquet compression \"" + codec + "\" is not supported for writing");
      } else {
        error.Throw(sqlstate::kInvalidParameterValue, "unrecognized Parquet compression \"" + codec +
                                                          "\" (snappy, gzip, zstd, lz4, lz4_raw, uncompressed)");
      }
    } else if (option.name == "row_group_size") {
      spec.parquet.row_group_rows = OptionPositiveCount(option);
    } else if (option.name == "row_group_size_bytes") {
      spec.parquet.row_group_bytes = OptionPositiveCount(option);
    } else if (option.name == "parquet_version") {
      const std::string version = Lower(OptionString(option));
      if (version == "v1") spec.parquet.page_version = parquet::DataPageVersion::V1;
      else if (version == "v2") spec.parquet.page_version = parquet::DataPageVersion::V2;
      else error.Throw(sqlstate::kInvalidParameterValue, "PARQUET_VERSION must be V1 or V2 (got \"" + version + "\")");
    } else if (option.name == "header" || option.name == "delimiter" || option.name == "null" || option.name == "quote" ||
               option.name == "escape" || option.name == "force_quote" || option.name == "encoding" ||
               option.name == "force_not_null" || option.name == "force_null" || option.name == "freeze") {
      error.Throw(sqlstate::kSyntaxError, "option \"" + option.name + "\" is not valid for FORMAT parquet");
    } else {
      error.Throw(sqlstate::kSyntaxError, "option \"" + option.name + "\" not recognized");
    }
  }
}

/// The csv / text options of a COPY, validated (PostgreSQL's defaults filled in).
struct TextOptions {
  bool csv = false;
  char delimiter = '\t';
  std::string null_string;
  char quote = '"';
  char escape = '"';
  bool header = false;
  bool header_match = false;
  const CopyOption* force_quote = nullptr;
  const CopyOption* force_not_null = nullptr;
  const CopyOption* force_null = nullptr;
};

/// PostgreSQL 15's csv and text options (ProcessCopyOptions, in its order of checks) for COPY
/// TO (`is_from` false) or COPY FROM.
TextOptions ParseTextOptions(const std::vector<CopyOption>& options, bool csv, bool is_from) {
  TextOptions out;
  out.csv = csv;
  std::optional<std::string> delimiter, null_string, quote, escape;
  const CopyOption* delimiter_option = nullptr;
  for (const CopyOption& option : options) {
    const CopyOptionError error(option);
    if (option.name == "header") {
      std::optional<bool> header = OptionBoolean(option);
      if (!header) {
        if (option.arg && option.arg->node_case == PG_QUERY__NODE__NODE_STRING && Lower(option.arg->string->sval) == "match") {
          if (!is_from) error.Throw(sqlstate::kFeatureNotSupported, "cannot use \"match\" with HEADER in COPY TO");
          out.header = true;
          out.header_match = true;
          continue;
        }
        error.Throw(sqlstate::kSyntaxError, "header requires a Boolean value or \"match\"");
      }
      out.header = *header;
    } else if (option.name == "delimiter") {
      delimiter = OptionString(option);
      delimiter_option = &option;
    } else if (option.name == "null") {
      null_string = OptionString(option);
    } else if (option.name == "quote") {
      quote = OptionString(option);
    } else if (option.name == "escape") {
      escape = OptionString(option);
    } else if (option.name == "force_quote") {
      out.force_quote = &option;
    } else if (option.name == "force_not_null" || option.name == "force_null") {
      if (!option.arg || option.arg->node_case != PG_QUERY__NODE__NODE_LIST) {
        error.Throw(sqlstate::kInvalidParameterValue, "argument to option \"" + option.name + "\" must be a list of column names");
      }
      (option.name == "force_null" ? out.force_null : out.force_not_null) = &option;
    } else if (option.name == "freeze") {
      std::optional<bool> freeze = OptionBoolean(option);
      if (!freeze) error.Throw(sqlstate::kSyntaxError, "freeze requires a Boolean value");
      // PostgreSQL 15 ignores FREEZE with COPY TO; COPY FROM needs a table created or
      // truncated in the same transaction, which Cairn does not track (55000, PostgreSQL's error).
      if (*freeze && is_from) {
        error.Throw("55000", "cannot perform COPY FREEZE because the table was not created or truncated in the current subtransaction");
      }
    } else if (option.name == "encoding") {
      const std::string name = OptionString(option);
      std::string cleaned;
      for (char c : name) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) cleaned += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
      if (!IsPostgresEncodingName(cleaned)) {
        error.Throw(sqlstate::kInvalidParameterValue, "argument to option \"encoding\" must be a valid encoding name");
      }
      if (cleaned != "utf8" && cleaned != "unicode") {
        error.Throw(sqlstate::kFeatureNotSupported, "COPY ENCODING \"" + name + "\" is not supported: Cairn " +
                                                        (is_from ? "reads" : "writes") + " UTF8 only");
      }
    } else if (option.name == "compression" || option.name == "codec" || option.name == "row_group_size" ||
               option.name == "row_group_size_bytes" || option.name == "parquet_version") {
      error.Throw(sqlstate::kSyntaxError, "option \"" + option.name + "\" is only valid for FORMAT parquet");
    } else {
      error.Throw(sqlstate::kSyntaxError, "option \"" + option.name + "\" not recognized");
    }
  }
  auto fail = [](const char* state, const std::string& message) { throw Exception(state, message); };
  const std::string delimiter_text = delimiter.value_or(csv ? "," : "\t");
  const std::string null_text = null_string.value_or(csv ? "" : "\\N");
  if (delimiter_text.size() != 1) {
    CopyOptionError(*delimiter_option).Throw(sqlstate::kFeatureNotSupported, "COPY delimiter must be a single one-byte character");
  }
  if (delimiter_text[0] == '\n' || delimiter_text[0] == '\r') {
    fail(sqlstate::kInvalidParameterValue, "COPY delimiter cannot be newline or carriage return");
  }
  if (null_text.find_first_of("\r\n") != std::string::npos) {
    fail(sqlstate::kInvalidParameterValue, "COPY null representation cannot use newline or carriage return");
  }
  if (!csv && std::string("\\.abcdefghijklmnopqrstuvwxyz0123456789").find(delimiter_text[0]) != std::string::npos) {
    fail(sqlstate::kInvalidParameterValue, "COPY delimiter cannot be \"" + delimiter_text + "\"");
  }
  if (!csv && quote) fail(sqlstate::kFeatureNotSupported, "COPY quote available only in CSV mode");
  const std::string quote_text = quote.value_or("\"");
  if (csv && quote_text.size() != 1) fail(sqlstate::kFeatureNotSupported, "COPY quote must be a single one-byte character");
  if (csv && delimiter_text[0] == quote_text[0]) fail(sqlstate::kInvalidParameterValue, "COPY delimiter and quote must be different");
  if (!csv && escape) fail(sqlstate::kFeatureNotSupported, "COPY escape available only in CSV mode");
  const std::string escape_text = escape.value_or(quote_text);
  if (csv && escape_text.size() != 1) fail(sqlstate::kFeatureNotSupported, "COPY escape must be a single one-byte character");
  if (!csv && out.force_quote) fail(sqlstate::kFeatureNotSupported, "COPY force quote available only in CSV mode");
  if (out.force_quote && is_from) fail(sqlstate::kFeatureNotSupported, "COPY force quote only available using COPY TO");
  if (!csv && out.force_not_null) fail(sqlstate::kFeatureNotSupported, "COPY force not null available only in CSV mode");
  if (out.force_not_null && !is_from) fail(sqlstate::kFeatureNotSupported, "COPY force not null only available using COPY FROM");
  if (!csv && out.force_null) fail(sqlstate::kFeatureNotSupported, "COPY force null available only in CSV mode");
  if (out.force_null && !is_from) fail(sqlstate::kFeatureNotSupported, "COPY force null only available using COPY FROM");
  if (null_text.find(delimiter_text[0]) != std::string::npos) {
    fail(sqlstate::kFeatureNotSupported, "COPY delimiter must not appear in the NULL specification");
  }
  if (csv && null_text.find(quote_text[0]) != std::string::npos) {
    fail(sqlstate::kFeatureNotSupported, "CSV quote character must not appear in the NULL specification");
  }
  out.delimiter = delimiter_text[0];
  out.null_string = null_text;
  out.quote = quote_text[0];
  out.escape = escape_text[0];
  return out;
}

/// PostgreSQL 15's COPY TO options for csv and text into the writer's options.
void ApplyTextOptions(const std::vector<CopyOption>& options, const std::vector<std::string>& column_names,
                      CopyToSpec& spec) {
  const bool csv = spec.format == CopyFormat::kCsv;
  const TextOptions parsed = ParseTextOptions(options, csv, /*is_from=*/false);
  CsvWriterOptions& out = spec.csv;
  out = CsvWriterOptions::Defaults(csv ? CsvWriterFormat::kCsv : CsvWriterFormat::kText);
  out.header = parsed.header;
  out.delimiter = parsed.delimiter;
  out.null_string = parsed.null_string;
  out.quote = parsed.quote;
  out.escape = parsed.escape;
  if (const CopyOption* force_quote = parsed.force_quote) {
    out.force_quote.assign(column_names.size(), false);
    std::vector<std::string> names = ForceQuoteNames(*force_quote);
    if (names.size() == 1 && names[0] == "*") {
      out.force_quote.assign(column_names.size(), true);
    } else {
      std::set<std::string> seen;
      for (const std::string& name : names) {
        auto found = std::find(column_names.begin(), column_names.end(), name);
        if (found == column_names.end()) {
          CopyOptionError(*force_quote).Throw(sqlstate::kUndefinedColumn, "column \"" + name + "\" does not exist");
        }
        if (!seen.insert(name).second) {
          CopyOptionError(*force_quote).Throw(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once");
        }
        out.force_quote[static_cast<size_t>(found - column_names.begin())] = true;
      }
    }
  }
}

/// The options of a COPY, each once (PostgreSQL: 42601 "conflicting or redundant options"), and
/// its FORMAT option apart.
std::vector<CopyOption> CollectOptions(const PgQuery__CopyStmt& statement, Binder& binder,
                                       std::optional<CopyOption>& format_option) {
  std::vector<CopyOption> options;
  std::set<std::string> seen;
  for (size_t i = 0; i < statement.n_options; i++) {
    const PgQuery__Node* node = statement.options[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& element = *node->def_elem;
    CopyOption option{Lower(element.defname), element.arg, binder.Position(element.location)};
    if (option.name == "codec") option.name = "compression";  // DuckDB's alias
    if (!seen.insert(option.name).second) {
      CopyOptionError(option).Throw(sqlstate::kSyntaxError, "conflicting or redundant options");
    }
    if (option.name == "format") {
      format_option = option;
    } else {
      options.push_back(option);
    }
  }
  return options;
}

/// FORMAT's value, else the format `path`'s extension implies.
CopyFormat FormatOf(const std::optional<CopyOption>& format_option, const std::string& path) {
  if (!format_option) return FormatFromExtension(path);
  const std::string format = Lower(OptionString(*format_option));
  if (format == "parquet") return CopyFormat::kParquet;
  if (format == "csv") return CopyFormat::kCsv;
  if (format == "text") return CopyFormat::kText;
  if (format == "binary") {
    CopyOptionError(*format_option).Throw(sqlstate::kFeatureNotSupported, "COPY FORMAT binary is not supported yet");
  }
  CopyOptionError(*format_option).Throw(sqlstate::kInvalidParameterValue, "COPY format \"" + format + "\" not recognized");
}

/// COPY FROM's FORCE_NOT_NULL / FORCE_NULL list as flags over the target columns: 42703 for a
/// column the table lacks, 42P10 for one the COPY does not load (PostgreSQL's errors).
std::vector<bool> ForceFlags(const CopyOption* option, const char* what, const std::vector<ColumnDefinition>& table_columns,
                             const std::vector<idx_t>& targets, const std::string& table_name) {
  std::vector<bool> flags(targets.size(), false);
  if (!option) return flags;
  const PgQuery__List& list = *option->arg->list;
  for (size_t i = 0; i < list.n_items; i++) {
    const std::string name = NodeString(list.items[i]);
    idx_t column = table_columns.size();
    for (idx_t c = 0; c < table_columns.size(); c++) {
      if (table_columns[c].name == name) column = c;
    }
    if (column == table_columns.size()) {
      throw Exception(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" + table_name + "\" does not exist");
    }
    auto found = std::find(targets.begin(), targets.end(), column);
    if (found == targets.end()) {
      throw Exception(sqlstate::kInvalidColumnReference, std::string(what) + " column \"" + name + "\" not referenced by COPY");
    }
    flags[static_cast<size_t>(found - targets.begin())] = true;
  }
  return flags;
}

}  // namespace

PlannedStatement PlanCopyTo(const PgQuery__CopyStmt& statement, Binder& binder,
                            const std::function<LogicalOperatorPtr(const PgQuery__SelectStmt&)>& plan_query) {
  if (statement.is_program) throw Exception(sqlstate::kFeatureNotSupported, "COPY TO PROGRAM is not supported");
  const bool to_stdout = !statement.filename || statement.filename[0] == '\0';
  if (statement.where_clause) throw Exception(sqlstate::kFeatureNotSupported, "WHERE clause not allowed with COPY TO");

  std::optional<CopyOption> format_option;
  std::vector<CopyOption> options = CollectOptions(statement, binder, format_option);
  auto spec = std::make_shared<CopyToSpec>();
  spec->to_stdout = to_stdout;
  if (!to_stdout) spec->path = statement.filename;
  spec->format = to_stdout && !format_option ? CopyFormat::kText : FormatOf(format_option, spec->path);
  if (to_stdout && spec->format == CopyFormat::kParquet) {
    throw Exception(sqlstate::kFeatureNotSupported, "COPY TO STDOUT supports FORMAT text and csv, not parquet");
  }

  // The rows: the query, or the table's (listed) columns.
  LogicalOperatorPtr plan;
  if (statement.query) {
    if (statement.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      throw Exception(sqlstate::kFeatureNotSupported, "COPY TO supports only SELECT and VALUES queries");
    }
    plan = plan_query(*statement.query->select_stmt);
  } else {
    if (!statement.relation) throw Exception(sqlstate::kSyntaxError, "COPY needs a table name or a query");
    const PgQuery__RangeVar& relation = *statement.relation;
    std::string columns;
    std::set<std::string> listed;
    for (size_t i = 0; i < statement.n_attlist; i++) {
      const std::string name = NodeString(statement.attlist[i]);
      if (!listed.insert(name).second) {
        throw Exception(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once");
      }
      columns += (columns.empty() ? "" : ", ") + QuoteIdentifier(name);
    }
    std::string table;
    if (relation.catalogname && relation.catalogname[0]) table += QuoteIdentifier(relation.catalogname) + ".";
    if (relation.schemaname && relation.schemaname[0]) table += QuoteIdentifier(relation.schemaname) + ".";
    table += QuoteIdentifier(relation.relname);
    const std::string sql = "SELECT " + (columns.empty() ? std::string("*") : columns) + " FROM " + table;
    // Errors of the generated query point at the table name in the user's statement.
    try {
      ParsedSql parsed(sql);
      plan = plan_query(*parsed.statement(0).stmt->select_stmt);
    } catch (const Exception& error) {
      throw Exception(error.sqlstate(), error.what(), binder.Position(relation.location), error.hint());
    }
  }

  if (spec->format == CopyFormat::kParquet) {
    ApplyParquetOptions(options, *spec);
  } else {
    ApplyTextOptions(options, plan->names, *spec);
  }

  PlannedStatement planned;
  planned.action = PlannedStatement::Action::COPY_TO;
  planned.names = plan->names;
  planned.plan = std::move(plan);
  planned.copy_to = std::move(spec);
  planned.command_tag = "COPY";
  return planned;
}

PlannedStatement PlanCopyFrom(const PgQuery__CopyStmt& statement, Binder& binder, FileSystem& file_system,
                              CopyHandler* copy_handler) {
  if (statement.is_program) throw Exception(sqlstate::kFeatureNotSupported, "COPY FROM PROGRAM is not supported");
  const bool from_stdin = !statement.filename || statement.filename[0] == '\0';
  if (!statement.relation) throw Exception(sqlstate::kSyntaxError, "COPY FROM needs a table name");
  std::optional<CopyOption> format_option;
  std::vector<CopyOption> options = CollectOptions(statement, binder, format_option);
  std::string path = from_stdin ? "" : statement.filename;
  const CopyFormat format = from_stdin && !format_option ? CopyFormat::kText : FormatOf(format_option, path);
  if (from_stdin && format == CopyFormat::kParquet) {
    throw Exception(sqlstate::kFeatureNotSupported, "COPY FROM STDIN supports FORMAT text and csv, not parquet");
  }
  if (from_stdin && !copy_handler) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "COPY FROM STDIN needs a client that sends COPY data (a PostgreSQL client of cairn serve)",
                    std::nullopt, "use COPY table FROM 'file' to load a file");
  }

  // The table and the target columns (all of them without a list).
  CatalogEntry table = binder.BindWriteTarget(*statement.relation, "copy to");
  const std::vector<ColumnDefinition> table_columns = Binder::StorageColumns(table.definition());
  std::vector<idx_t> targets;
  if (statement.n_attlist == 0) {
    for (idx_t c = 0; c < table_columns.size(); c++) targets.push_back(c);
  } else {
    for (size_t i = 0; i < statement.n_attlist; i++) {
      const std::string name = NodeString(statement.attlist[i]);
      idx_t column = table_columns.size();
      for (idx_t c = 0; c < table_columns.size(); c++) {
        if (table_columns[c].name == name) column = c;
      }
      if (column == table_columns.size()) {
        throw Exception(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
      }
      if (std::find(targets.begin(), targets.end(), column) != targets.end()) {
        throw Exception(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once");
      }
      targets.push_back(column);
    }
  }
  std::vector<ColumnDefinition> target_columns;
  for (idx_t c : targets) target_columns.push_back(ColumnDefinition{table_columns[c].name, table_columns[c].type, true});

  std::shared_ptr<TableSource> source;
  if (format == CopyFormat::kParquet) {
    for (const CopyOption& option : options) {
      if (option.name == "freeze" && !OptionBoolean(option).value_or(true)) continue;
      const bool text_option = option.name == "header" || option.name == "delimiter" || option.name == "null" ||
                               option.name == "quote" || option.name == "escape" || option.name == "force_quote" ||
                               option.name == "force_not_null" || option.name == "force_null" || option.name == "encoding";
      CopyOptionError(option).Throw(sqlstate::kSyntaxError,
                                    "option \"" + option.name + "\" " + (text_option ? "is not valid for FORMAT parquet" : "not recognized"));
    }
    source = CreateParquetSource(file_system, {path});
    // The file's columns by position, as PostgreSQL's binary COPY matches fields.
    const idx_t file_columns = source->columns().size();
    if (file_columns < targets.size()) {
      throw Exception(kBadCopyFileFormat, "missing data for column \"" + target_columns[file_columns].name + "\" (COPY " +
                                              table.name + ": the Parquet file has " + std::to_string(file_columns) +
                                              " columns)");
    }
    if (file_columns > targets.size()) {
      throw Exception(kBadCopyFileFormat, "extra data after last expected column (COPY " + table.name +
                                              ": the Parquet file has " + std::to_string(file_columns) + " columns, " +
                                              std::to_string(targets.size()) + " expected)");
    }
  } else {
    const TextOptions parsed = ParseTextOptions(options, format == CopyFormat::kCsv, /*is_from=*/true);
    CopyFromTextOptions text;
    text.reader.csv = parsed.csv;
    text.reader.delimiter = parsed.delimiter;
    text.reader.null_string = parsed.null_string;
    text.reader.quote = parsed.quote;
    text.reader.escape = parsed.escape;
    text.reader.table_name = table.name;
    text.header = parsed.header_match ? CopyHeader::kMatch : parsed.header ? CopyHeader::kSkip : CopyHeader::kNone;
    text.force_not_null = ForceFlags(parsed.force_not_null, "FORCE_NOT_NULL", table_columns, targets, table.name);
    text.force_null = ForceFlags(parsed.force_null, "FORCE_NULL", table_columns, targets, table.name);
    // Every option is valid: now the client sends the data (PostgreSQL's CopyInResponse).
    if (from_stdin) path = copy_handler->ReceiveCopyData(targets.size());
    source = CreateCopyFromSource(file_system, path, std::move(text), target_columns);
  }

  auto get = std::make_unique<LogicalGet>();
  get->table_index = binder.NewTableIndex();
  const auto& columns = source->columns();
  for (idx_t i = 0; i < columns.size(); i++) {
    get->column_ids.push_back(i);
    get->types.push_back(columns[i].type);
    get->names.push_back(columns[i].name);
  }
  get->source = std::move(source);
  get->table_name = from_stdin ? "STDIN" : path;

  auto write = std::make_shared<WriteStatement>();
  write->kind = WriteStatement::Kind::DML;
  write->dml = std::make_unique<DmlPlan>(binder.BindInsertFrom(table, targets, std::move(get), statement.where_clause));
  PlannedStatement planned;
  planned.action = PlannedStatement::Action::WRITE;
  planned.write = std::move(write);
  planned.command_tag = "COPY";
  return planned;
}

}  // namespace cairn
