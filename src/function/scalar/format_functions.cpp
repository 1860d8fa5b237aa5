// SQL quoting and format(), as PostgreSQL 15 (varlena.c, ruleutils.c quote_identifier):
//   quote_ident(text)     double-quoted unless a lower-case identifier that is no reserved,
//                         column-name or type/function-name keyword; inner " doubled
//   quote_literal(text)   single-quoted, ' doubled; with a backslash, E'...' and \ doubled
//   quote_nullable(text)  quote_literal, or the text NULL for NULL
//   format(fmt, args...)  %s (text, NULL as ''), %I (quote_ident; 22004 for NULL), %L
//                         (quote_nullable), %%; with n$ argument positions, the - flag and
//                         widths (a number, * or *n$). Errors: 22023 for a malformed spec or
//                         too few arguments; 54000 for a width past 2^24 (PostgreSQL runs out
//                         of memory there).
// Arguments of format are converted to text with Cairn's casts (booleans print true/false
// where PostgreSQL's format prints t/f: docs/sql/functions.md).
#include <algorithm>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "function/function_registry.h"
#include "function/scalar/string_kernel.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using executor::MakeResultString;
using executor::UnifiedValid;
using executor::UnifiedValue;

const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kNone = TypeId::INVALID;

// PostgreSQL 15's keywords that are not UNRESERVED_KEYWORD (pg_get_keywords() where catcode
// <> 'U'), sorted: quote_ident must quote them.
constexpr std::string_view kQuotedKeywords[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "bigint",
    "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce", "collate", "collation",
    "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable",
    "desc", "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
    "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner",
    "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "lateral", "leading", "least",
    "left", "like", "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not",
    "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay",
    "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row", "select",
    "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then",
    "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values",
    "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement",
    "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable"};

void AppendQuotedIdentifier(std::string_view ident, std::string& out) {
  bool safe = !ident.empty() && ((ident[0] >= 'a' && ident[0] <= 'z') || ident[0] == '_');
  for (char c : ident) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
  }
  if (safe) safe = !std::binary_search(std::begin(kQuotedKeywords), std::end(kQuotedKeywords), ident);
  if (safe) {
    out.append(ident);
    return;
  }
  out.push_back('"');
  for (char c : ident) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendQuotedLiteral(std::string_view text, std::string& out) {
  if (text.find('\\') != std::string_view::npos) out.push_back('E');
  out.push_back('\'');
  for (char c : text) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  out.push_back('\'');
}

int64_t CharCount(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

[[noreturn]] void ThrowFormat(const std::string& message) { throw Exception(sqlstate::kInvalidParameterValue, message); }

// Reads a decimal number at fmt[pos]; returns false when there is no digit.
bool ReadNumber(std::string_view fmt, size_t& pos, int64_t& value) {
  if (pos >= fmt.size() || fmt[pos] < '0' || fmt[pos] > '9') return false;
  value = 0;
  while (pos < fmt.size() && fmt[pos] >= '0' && fmt[pos] <= '9') {
    value = value * 10 + (fmt[pos] - '0');
    if (value > INT32_MAX) ThrowFormat("number is out of range");
    pos++;
  }
  return true;
}

// One row of format(): `f[0]` is the format string, f[1..] the arguments as text.
void Format(const std::vector<UnifiedFormat>& f, idx_t row, std::string& out) {
  std::string_view fmt = UnifiedValue<string_t>(f[0], row).view();
  size_t argument_count = f.size() - 1;
  size_t next_argument = 0;  // 0-based index into the arguments
  auto argument = [&](size_t index, std::string_view& text) {
    if (index >= argument_count) ThrowFormat("too few arguments for format()");
    if (!UnifiedValid(f[index + 1], row)) return false;
    text = UnifiedValue<string_t>(f[index + 1], row).view();
    return true;
  };
  for (size_t pos = 0; pos < fmt.size(); pos++) {
    if (fmt[pos] != '%') {
      out.push_back(fmt[pos]);
      continue;
    }
    pos++;
    if (pos >= fmt.size()) ThrowFormat("unterminated format() type specifier");
    if (fmt[pos] == '%') {
      out.push_back('%');
      continue;
    }
    // [n$][-][width | * | *n$]type
    int64_t number;
    size_t save = pos;
    if (ReadNumber(fmt, pos, number)) {
      if (pos < fmt.size() && fmt[pos] == '$') {
        if (number == 0) ThrowFormat("format specifies argument 0, but arguments are numbered from 1");
        next_argument = static_cast<size_t>(number - 1);
        pos++;
      } else {
        pos = save;
      }
    }
    bool left_align = false;
    while (pos < fmt.size() && fmt[pos] == '-') {
      left_align = true;
      pos++;
    }
    int64_t width = 0;
    if (pos < fmt.size() && fmt[pos] == '*') {
      pos++;
      size_t width_index = next_argument;
      size_t save_star = pos;
      if (ReadNumber(fmt, pos, number)) {
        if (pos < fmt.size() && fmt[pos] == '$') {
          if (number == 0) ThrowFormat("format specifies argument 0, but arguments are numbered from 1");
          width_index = static_cast<size_t>(number - 1);
          pos++;
        } else {
          pos = save_star;
          ThrowFormat("unterminated format() type specifier");
        }
      } else {
        next_argument++;
      }
      std::string_view width_text;
      if (argument(width_index, width_text)) {
        try {
          width = std::stoll(std::string(width_text));
        } catch (const std::exception&) {
          throw Exception(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type integer: \"" + std::string(width_text) + "\"");
        }
      }
      if (width < 0) {
        left_align = true;
        width = -width;
      }
      if (width_index + 1 > next_argument) next_argument = width_index + 1;
    } else {
      ReadNumber(fmt, pos, width);
    }
    if (pos >= fmt.size()) ThrowFormat("unterminated format() type specifier");
    char type = fmt[pos];
    if (type != 's' && type != 'I' && type != 'L') {
      ThrowFormat(std::string("unrecognized format() type specifier \"") + type + "\"");
    }
    std::string_view text;
    bool valid = argument(next_argument, text);
    next_argument++;
    std::string piece;
    if (type == 's') {
      if (valid) piece.assign(text);
    } else if (type == 'I') {
      if (!valid) throw Exception("22004", "null values cannot be formatted as an SQL identifier");
      AppendQuotedIdentifier(text, piece);
    } else {
      if (valid) AppendQuotedLiteral(text, piece);
      else piece = "NULL";
    }
    if (width > (1 << 24)) throw Exception(sqlstate::kProgramLimitExceeded, "format() width too large");
    int64_t padding = std::max<int64_t>(0, width - CharCount(piece));
    if (!left_align) out.append(static_cast<size_t>(padding), ' ');
    out.append(piece);
    if (left_align) out.append(static_cast<size_t>(padding), ' ');
  }
}


}  // namespace

void RegisterFormatFunctions(FunctionRegistry& r) {
  r.Add({"quote_ident", {kVarchar}, kNone, kVarchar, UnaryStringKernel(AppendQuotedIdentifier)});
  r.Add({"quote_literal", {kVarchar}, kNone, kVarchar, UnaryStringKernel(AppendQuotedLiteral)});
  r.Add({"quote_nullable", {kVarchar}, kNone, kVarchar, [](DataChunk& args, Vector& result) {
           std::string buffer;
           executor::NaryExecute<string_t>(args.data, args.size(), result, false,
                                           [&](const std::vector<UnifiedFormat>& f, idx_t i, string_t& out) {
                                             buffer.clear();
                                             if (UnifiedValid(f[0], i)) AppendQuotedLiteral(UnifiedValue<string_t>(f[0], i).view(), buffer);
                                             else buffer = "NULL";
                                             out = MakeResultString(result, buffer);
                                             return true;
                                           });
         }});
  ScalarKernel format = [](DataChunk& args, Vector& result) {
    std::string buffer;
    executor::NaryExecute<string_t>(args.data, args.size(), result, false,
                                    [&](const std::vector<UnifiedFormat>& f, idx_t i, string_t& out) {
                                      if (!UnifiedValid(f[0], i)) return false;  // NULL format, NULL result
                                      buffer.clear();
                                      Format(f, i, buffer);
                                      out = MakeResultString(result, buffer);
                                      return true;
                                    });
  };
  r.Add({"format", {kVarchar}, kNone, kVarchar, format});
  r.Add({"format", {kVarchar, kAnyType}, kAnyType, kVarchar, format}, [](ScalarFunction& bound, const std::vector<LogicalType>&) {
    bound.arguments = {kVarchar, kVarchar};
    bound.varargs = kVarchar;
  });
}

}  // namespace cairn::function
