// PostgreSQL's POSIX regular-expression operators and functions, evaluated with RE2:
//   s ~ p, s ~* p, s !~ p, s !~* p                  match (case-insensitive with *), negated with !
//   regexp_like(s, p [, flags])                     boolean
//   regexp_replace(s, p, r [, start [, N]] [, flags])  \1..\9 and \& in r; 'g' replaces all
//   regexp_count(s, p [, start [, flags]])          non-overlapping matches
//   regexp_instr(s, p [, start [, N [, endoption [, flags [, subexpr]]]]])
//   regexp_substr(s, p [, start [, N [, flags [, subexpr]]]])
//   substring(s FROM p)                             the first parenthesized group, else the match
//   regexp_match(s, p [, flags])                    text[]: the first match's groups (else the match)
//   regexp_matches(s, p [, flags])                  set of text[]: every match with 'g', else the first
//   regexp_split_to_table(s, p [, flags])           set of text: the fields between matches
//   regexp_split_to_array(s, p [, flags])           text[] of the same fields
//   regexp_full_match(s, p)                         boolean (DuckDB's name, kept as an extension)
//
// Semantics follow PostgreSQL 15 (functions-matching.html, regexp.c): positions count characters
// from 1; `start` below 1 is 22023; an empty match advances one character; NULL in, NULL out.
// PostgreSQL's default is not newline-sensitive ('.' matches a newline, ^ and $ match only at
// the ends of the string), which RE2's dot_nl option reproduces; the flags i c n m s p w q g
// map onto RE2 options. Where PostgreSQL's ARE syntax goes beyond RE2 (back-references inside
// the pattern, lookahead/lookbehind, \m \M \y word anchors, the x and b flags), Cairn raises
// 2201B or 0A000 rather than answering differently (docs/sql/functions.md lists the corners).
#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "function/function_registry.h"
#include "function/value_list_iterator.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using executor::MakeResultString;
using executor::UnifiedValue;

const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kBigint = TypeId::BIGINT;
const LogicalType kInteger = TypeId::INTEGER;
const LogicalType kBoolean = TypeId::BOOLEAN;
const LogicalType kNone = TypeId::INVALID;

constexpr const char* kInvalidRegularExpression = "2201B";

inline bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Byte offset of the 0-based character index `chars` in `s` (s.size() past the end).
size_t ByteOffset(std::string_view s, int64_t chars) {
  if (chars <= 0) return 0;
  int64_t seen = 0;
  for (size_t i = 0; i < s.size(); i++) {
    if (!IsContinuation(static_cast<unsigned char>(s[i]))) {
      if (seen == chars) return i;
      seen++;
    }
  }
  return s.size();
}

int64_t CharCount(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += !IsContinuation(c);
  return n;
}

size_t CharLength(std::string_view s, size_t pos) {
  size_t len = 1;
  while (pos + len < s.size() && IsContinuation(static_cast<unsigned char>(s[pos + len]))) len++;
  return len;
}

/// The flags argument of PostgreSQL's regexp functions (parse_re_flags in regexp.c).
struct RegexFlags {
  bool case_insensitive = false;
  bool dot_matches_newline = true;  // PostgreSQL's default is not newline-sensitive
  bool multi_line = false;          // ^ and $ also match at newlines
  bool literal = false;             // 'q': the pattern is a literal string
  bool global = false;              // 'g'

  bool operator==(const RegexFlags&) const = default;
};

RegexFlags ParseFlags(std::string_view text, const char* function, bool allow_global) {
  RegexFlags flags;
  for (char c : text) {
    switch (c) {
      case 'g':
        if (!allow_global) {
          throw Exception(sqlstate::kInvalidParameterValue,
                          std::string(function) + "() does not support the \"global\" option");
        }
        flags.global = true;
        break;
      case 'i': flags.case_insensitive = true; break;
      case 'c': flags.case_insensitive = false; break;
      case 'n':
      case 'm': flags.dot_matches_newline = false; flags.multi_line = true; break;
      case 's': flags.dot_matches_newline = true; flags.multi_line = false; break;
      case 'p': flags.dot_matches_newline = false; flags.multi_line = false; break;
      case 'w': flags.dot_matches_newline = true; flags.multi_line = true; break;
      case 'q': flags.literal = true; break;
      case 't': break;  // tight syntax: the default
      case 'b':
      case 'e':
      case 'x':
        throw Exception(sqlstate::kFeatureNotSupported,
                        std::string("regular expression option \"") + c + "\" is not supported");
      default:
        throw Exception(sqlstate::kInvalidParameterValue, std::string("invalid regular expression option: \"") + c + "\"");
    }
  }
  return flags;
}

/// A compiled RE2, cached across rows while the pattern text and flags stay the same.
class RegexCache {
 public:
  const RE2& Get(std::string_view pattern, const RegexFlags& flags) {
    if (!regex_ || pattern != pattern_ || !(flags == flags_)) {
      pattern_.assign(pattern);
      flags_ = flags;
      RE2::Options options;
      options.set_log_errors(false);
      options.set_case_sensitive(!flags.case_insensitive);
      options.set_dot_nl(flags.dot_matches_newline);
      options.set_literal(flags.literal);
      std::string text = flags.multi_line && !flags.literal ? "(?m)" + pattern_ : pattern_;
      regex_ = std::make_unique<RE2>(text, options);
      if (!regex_->ok()) {
        throw Exception(kInvalidRegularExpression, "invalid regular expression \"" + pattern_ + "\": " + regex_->error());
      }
    }
    return *regex_;
  }

 private:
  std::string pattern_;
  RegexFlags flags_;
  std::unique_ptr<RE2> regex_;
};

// Text arguments never have a null data pointer, so that an empty match in an empty string is
// told apart from a group that did not participate (null StringPiece).
std::string_view Str(const std::vector<UnifiedFormat>& f, size_t arg, idx_t row) {
  static const char kEmpty[1] = "";
  std::string_view s = UnifiedValue<string_t>(f[arg], row).view();
  return s.empty() ? std::string_view(kEmpty, 0) : s;
}
int64_t Int(const std::vector<UnifiedFormat>& f, size_t arg, idx_t row) { return UnifiedValue<int64_t>(f[arg], row); }

/// Walks the non-overlapping matches of `re` in `s` from byte `from`, as PostgreSQL does: after
/// an empty match the search resumes one character later. Calls `visit(groups)` with the whole
/// match in groups[0] and the capturing groups after it; `visit` returns false to stop.
template <class VISIT>
void ForEachMatch(const RE2& re, std::string_view s, size_t from, VISIT&& visit) {
  int group_count = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(static_cast<size_t>(group_count) + 1);
  re2::StringPiece text(s.data(), s.size());
  size_t pos = from;
  while (pos <= s.size()) {
    if (!re.Match(text, pos, s.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) return;
    if (!visit(groups)) return;
    size_t begin = static_cast<size_t>(groups[0].data() - s.data());
    size_t end = begin + groups[0].size();
    if (end == begin) {
      if (begin >= s.size()) return;
      pos = begin + CharLength(s, begin);
    } else {
      pos = end;
    }
  }
}

int64_t CheckStart(int64_t start) {
  if (start <= 0) throw Exception(sqlstate::kInvalidParameterValue, "invalid value for parameter \"start\": " + std::to_string(start));
  return start;
}

/// Appends PostgreSQL's expansion of the replacement `repl` for one match: \1..\9 are groups
/// (empty when absent), \& the whole match, \\ one backslash; any other backslash is literal.
void AppendReplacement(std::string& out, std::string_view repl, const std::vector<re2::StringPiece>& groups) {
  for (size_t i = 0; i < repl.size(); i++) {
    char c = repl[i];
    if (c != '\\' || i + 1 >= repl.size()) {
      out.push_back(c);
      continue;
    }
    char next = repl[i + 1];
    if (next >= '1' && next <= '9') {
      size_t index = static_cast<size_t>(next - '0');
      if (index < groups.size() && groups[index].data()) out.append(groups[index].data(), groups[index].size());
      i++;
    } else if (next == '&') {
      out.append(groups[0].data(), groups[0].size());
      i++;
    } else if (next == '\\') {
      out.push_back('\\');
      i++;
    } else {
      out.push_back('\\');
    }
  }
}

/// regexp_replace: replaces the `n`-th match at or after character `start` (every one when
/// n == 0 or the flags say 'g').
void Replace(const RE2& re, std::string_view s, std::string_view repl, int64_t start, int64_t n, bool global, std::string& out) {
  size_t from = ByteOffset(s, start - 1);
  size_t copied = 0;
  int64_t seen = 0;
  bool all = global || n == 0;
  ForEachMatch(re, s, from, [&](const std::vector<re2::StringPiece>& groups) {
    seen++;
    if (!all && seen < n) return true;
    size_t begin = static_cast<size_t>(groups[0].data() - s.data());
    out.append(s.substr(copied, begin - copied));
    AppendReplacement(out, repl, groups);
    copied = begin + groups[0].size();
    return all;
  });
  out.append(s.substr(copied));
}

template <class OP>
ScalarKernel StringRows(OP op) {
  return [op](DataChunk& args, Vector& result) {
    RegexCache cache;
    std::string buffer;
    executor::NaryExecute<string_t>(args.data, args.size(), result, true,
                                    [&](const std::vector<UnifiedFormat>& f, idx_t i, string_t& out) {
                                      buffer.clear();
                                      if (!op(cache, f, i, buffer)) return false;
                                      out = MakeResultString(result, buffer);
                                      return true;
                                    });
  };
}

template <class OUT, class OP>
ScalarKernel ValueRows(OP op) {
  return [op](DataChunk& args, Vector& result) {
    RegexCache cache;
    executor::NaryExecute<OUT>(args.data, args.size(), result, true,
                               [&](const std::vector<UnifiedFormat>& f, idx_t i, OUT& out) {
                                 out = op(cache, f, i);
                                 return true;
                               });
  };
}

ScalarKernel MatchOperator(bool case_insensitive, bool negated) {
  return [=](DataChunk& args, Vector& result) {
    RegexCache cache;
    RegexFlags flags;
    flags.case_insensitive = case_insensitive;
    executor::BinaryExecute<string_t, string_t, bool>(args.data[0], args.data[1], result, args.size(),
                                                      [&](const string_t& s, const string_t& p) {
                                                        const RE2& re = cache.Get(p.view(), flags);
                                                        return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), re) != negated;
                                                      });
  };
}

/// The `n`-th match (1-based) at or after character `start`; false when there are fewer.
bool NthMatch(const RE2& re, std::string_view s, int64_t start, int64_t n, std::vector<re2::StringPiece>& match) {
  int64_t seen = 0;
  bool found = false;
  ForEachMatch(re, s, ByteOffset(s, start - 1), [&](const std::vector<re2::StringPiece>& groups) {
    if (++seen < n) return true;
    match = groups;
    found = true;
    return false;
  });
  return found;
}

int64_t CheckPositive(int64_t value, const char* name) {
  if (value <= 0) {
    throw Exception(sqlstate::kInvalidParameterValue, std::string("invalid value for parameter \"") + name + "\": " + std::to_string(value));
  }
  return value;
}

void CheckSubexpression(int64_t subexpr) {
  if (subexpr < 0) throw Exception(sqlstate::kInvalidParameterValue, "invalid value for parameter \"subexpr\": " + std::to_string(subexpr));
}

// regexp_instr with every argument: 0 when there is no such match or group.
int64_t Instr(RegexCache& cache, std::string_view s, std::string_view p, int64_t start, int64_t n, int64_t end_option,
              std::string_view flag_text, int64_t subexpr) {
  CheckStart(start);
  CheckPositive(n, "n");
  if (end_option != 0 && end_option != 1) {
    throw Exception(sqlstate::kInvalidParameterValue, "invalid value for parameter \"endoption\": " + std::to_string(end_option));
  }
  CheckSubexpression(subexpr);
  const RE2& re = cache.Get(p, ParseFlags(flag_text, "regexp_instr", false));
  std::vector<re2::StringPiece> match;
  if (!NthMatch(re, s, start, n, match)) return 0;
  if (static_cast<size_t>(subexpr) >= match.size() || !match[subexpr].data()) return 0;
  size_t begin = static_cast<size_t>(match[subexpr].data() - s.data());
  size_t at = end_option ? begin + match[subexpr].size() : begin;
  return CharCount(s.substr(0, at)) + 1;
}

// regexp_substr with every argument: false (NULL) when there is no such match or group.
bool Substr(RegexCache& cache, std::string_view s, std::string_view p, int64_t start, int64_t n, std::string_view flag_text,
            int64_t subexpr, std::string& out) {
  CheckStart(start);
  CheckPositive(n, "n");
  CheckSubexpression(subexpr);
  const RE2& re = cache.Get(p, ParseFlags(flag_text, "regexp_substr", false));
  std::vector<re2::StringPiece> match;
  if (!NthMatch(re, s, start, n, match)) return false;
  if (static_cast<size_t>(subexpr) >= match.size() || !match[subexpr].data()) return false;
  out.assign(match[subexpr].data(), match[subexpr].size());
  return true;
}

int64_t Count(RegexCache& cache, std::string_view s, std::string_view p, int64_t start, std::string_view flag_text) {
  CheckStart(start);
  const RE2& re = cache.Get(p, ParseFlags(flag_text, "regexp_count", false));
  int64_t count = 0;
  ForEachMatch(re, s, ByteOffset(s, start - 1), [&](const std::vector<re2::StringPiece>&) {
    count++;
    return true;
  });
  return count;
}


// The text[] PostgreSQL's regexp_match(es) return for one match: the capturing groups (NULL
// where a group did not participate), or the whole match when there are none.
Value MatchArray(const std::vector<re2::StringPiece>& groups) {
  std::vector<Value> elements;
  if (groups.size() == 1) {
    elements.push_back(Value::Varchar(std::string(groups[0].data(), groups[0].size())));
  } else {
    for (size_t g = 1; g < groups.size(); g++) {
      elements.push_back(groups[g].data() ? Value::Varchar(std::string(groups[g].data(), groups[g].size()))
                                          : Value::Null(kVarchar));
    }
  }
  return Value::Array(kVarchar, elements);
}

// The matches regexp_matches returns for `s`: all with 'g', else at most the first.
std::vector<Value> Matches(RegexCache& cache, std::string_view s, std::string_view pattern, std::string_view flag_text,
                           const char* function, bool allow_global) {
  RegexFlags flags = ParseFlags(flag_text, function, allow_global);
  const RE2& re = cache.Get(pattern, flags);
  std::vector<Value> rows;
  ForEachMatch(re, s, 0, [&](const std::vector<re2::StringPiece>& groups) {
    rows.push_back(MatchArray(groups));
    return flags.global;
  });
  return rows;
}

// The fields of `s` between the matches of the pattern (PostgreSQL's regexp_split_*): an empty
// match at the start, at the end, or right after the previous match does not split.
std::vector<Value> SplitFields(RegexCache& cache, std::string_view s, std::string_view pattern,
                               std::string_view flag_text, const char* function) {
  const RE2& re = cache.Get(pattern, ParseFlags(flag_text, function, false));
  std::vector<Value> fields;
  size_t previous_end = 0;
  ForEachMatch(re, s, 0, [&](const std::vector<re2::StringPiece>& groups) {
    size_t begin = static_cast<size_t>(groups[0].data() - s.data());
    size_t end = begin + groups[0].size();
    if (begin == end && (begin == 0 || begin == s.size() || begin == previous_end)) return true;
    fields.push_back(Value::Varchar(std::string(s.substr(previous_end, begin - previous_end))));
    previous_end = end;
    return true;
  });
  fields.push_back(Value::Varchar(std::string(s.substr(previous_end))));
  return fields;
}

// The calling thread's pattern cache for set-returning calls (one call per input row).
RegexCache& ThreadCache() {
  thread_local RegexCache cache;
  return cache;
}

// Text argument `i` of a set-returning call ("" for an omitted flags argument).
std::string TextArgument(const std::vector<Value>& arguments, size_t i) {
  return i < arguments.size() ? arguments[i].GetString() : std::string();
}

bool AnyNull(const std::vector<Value>& arguments) {
  for (const auto& argument : arguments) {
    if (argument.IsNull()) return true;
  }
  return false;
}

}  // namespace

void RegisterRegexFunctions(FunctionRegistry& r) {
  r.Add({"~", {kVarchar, kVarchar}, kNone, kBoolean, MatchOperator(false, false)});
  r.Add({"~*", {kVarchar, kVarchar}, kNone, kBoolean, MatchOperator(true, false)});
  r.Add({"!~", {kVarchar, kVarchar}, kNone, kBoolean, MatchOperator(false, true)});
  r.Add({"!~*", {kVarchar, kVarchar}, kNone, kBoolean, MatchOperator(true, true)});
  const LogicalType text_array = LogicalType::Array(kVarchar);
  for (size_t count = 2; count <= 3; count++) {
    std::vector<LogicalType> arguments(count, kVarchar);
    ScalarFunction matches{"regexp_matches", arguments, kNone, text_array, nullptr};
    matches.set_function = [](const std::vector<Value>& a) -> std::unique_ptr<SetFunctionIterator> {
      if (AnyNull(a)) return nullptr;
      return std::make_unique<ValueListIterator>(
          Matches(ThreadCache(), a[0].GetString(), a[1].GetString(), TextArgument(a, 2), "regexp_matches", true));
    };
    r.Add(matches);
    ScalarFunction split{"regexp_split_to_table", arguments, kNone, kVarchar, nullptr};
    split.set_function = [](const std::vector<Value>& a) -> std::unique_ptr<SetFunctionIterator> {
      if (AnyNull(a)) return nullptr;
      return std::make_unique<ValueListIterator>(
          SplitFields(ThreadCache(), a[0].GetString(), a[1].GetString(), TextArgument(a, 2), "regexp_split_to_table"));
    };
    r.Add(split);
    r.Add({"regexp_match", arguments, kNone, text_array,
           StringRows([](RegexCache& cache, const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
             std::vector<Value> rows = Matches(cache, Str(f, 0, i), Str(f, 1, i), f.size() > 2 ? Str(f, 2, i) : "",
                                               "regexp_match", false);
             if (rows.empty()) return false;
             out = rows[0].GetString();
             return true;
           })});
    r.Add({"regexp_split_to_array", arguments, kNone, text_array,
           StringRows([](RegexCache& cache, const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
             out = Value::Array(kVarchar, SplitFields(cache, Str(f, 0, i), Str(f, 1, i), f.size() > 2 ? Str(f, 2, i) : "",
                                                      "regexp_split_to_array"))
                       .GetString();
             return true;
           })});
  }
  r.Add({"regexp_full_match", {kVarchar, kVarchar}, kNone, kBoolean, [](DataChunk& args, Vector& result) {
           RegexCache cache;
           executor::BinaryExecute<string_t, string_t, bool>(args.data[0], args.data[1], result, args.size(), [&](const string_t& s, const string_t& p) {
             const RE2& re = cache.Get(p.view(), RegexFlags{});
             return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), re);
           });
         }});
  r.Add({"regexp_like", {kVarchar, kVarchar}, kNone, kBoolean, MatchOperator(false, false)});
  r.Add({"regexp_like", {kVarchar, kVarchar, kVarchar}, kNone, kBoolean,
         ValueRows<bool>([](RegexCache& cache, const std::vector<UnifiedFormat>& f, idx_t i) {
           std::string_view s = Str(f, 0, i);
           const RE2& re = cache.Get(Str(f, 1, i), ParseFlags(Str(f, 2, i), "regexp_like", false));
           return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), re);
         })});

  // regexp_replace(s, p, r), (s, p, r, flags), (s, p, r, start), (s, p, r, start, N), (s, p, r, start, N, flags).
  r.Add({"regexp_replace", {kVarchar, kVarchar, kVarchar}, kNone, kVarchar,
         StringRows([](RegexCache& cache, const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           Replace(cache.Get(Str(f, 1, i), RegexFlags{}), Str(f, 0, i), Str(f, 2, i), 1, 1, false, out);
           return true;
         })});
  r.Add({"regexp_replace", {kVarchar, kVarchar, kVarchar, kVarchar}, kNone, kVarchar,
         StringRows([](RegexCache& cache, const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           RegexFlags flags = ParseFlags(Str(f, 3, i), "regexp_replace", true);
           Replace(cache.Get(Str(f, 1, i), flags), Str(f, 0, i), Str(f, 2, i), 1, 1, flags.global, out);
           return true;
         })});
  r.Add({"regexp_replace", {kVarchar, kVarchar, kVarchar, kBigint}, kNone, kVarchar,
         StringRows([](RegexCache& cache, const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           int64_t start = CheckStart(Int(f, 3, i));
           Replace(cache.Get(Str(f, 1, i), RegexFlags{}), Str(f, 0, i), Str(f, 2, i), start, 1, false, out);
           return true;
         })});
  auto replace_nth = [](RegexCache& cache, const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
    int64_t start = CheckStart(Int(f, 3, i));
    int64_t n = Int(f, 4, i);
    if (n < 0) throw Exception(sqlstate::kInvalidParameterValue, "invalid value for parameter \"n\": " + std::to_string(n));
    RegexFlags flags = f.size() > 5 ? ParseFlags(Str(f, 5, i), "regexp_replace", true) : RegexFlags{};
    Replace(cache.Get(Str(f, 1, i), flags), Str(f, 0, i), Str(f, 2, i), start, n, flags.global, out);
    return true;
  };
  r.Add({"regexp_replace", {kVarchar, kVarchar, kVarchar, kBigint, kBigint}, kNone, kVarchar, StringRows(replace_nth)});
  r.Add({"regexp_replace", {kVarchar, kVarchar, kVarchar, kBigint, kBigint, kVarchar}, kNone, kVarchar, StringRows(replace_nth)});

  // regexp_count(s, p [, start [, flags]]).
  r.Add({"regexp_count", {kVarchar, kVarchar}, kNone, kInteger, ValueRows<int32_t>([](RegexCache& c, const std::vector<UnifiedFormat>& f, idx_t i) {
           return static_cast<int32_t>(Count(c, Str(f, 0, i), Str(f, 1, i), 1, ""));
         })});
  r.Add({"regexp_count", {kVarchar, kVarchar, kBigint}, kNone, kInteger, ValueRows<int32_t>([](RegexCache& c, const std::vector<UnifiedFormat>& f, idx_t i) {
           return static_cast<int32_t>(Count(c, Str(f, 0, i), Str(f, 1, i), Int(f, 2, i), ""));
         })});
  r.Add({"regexp_count", {kVarchar, kVarchar, kBigint, kVarchar}, kNone, kInteger,
         ValueRows<int32_t>([](RegexCache& c, const std::vector<UnifiedFormat>& f, idx_t i) {
           return static_cast<int32_t>(Count(c, Str(f, 0, i), Str(f, 1, i), Int(f, 2, i), Str(f, 3, i)));
         })});

  // regexp_instr(s, p [, start [, N [, endoption [, flags [, subexpr]]]]]).
  auto instr = [](RegexCache& c, const std::vector<UnifiedFormat>& f, idx_t i) {
    size_t n = f.size();
    return static_cast<int32_t>(Instr(c, Str(f, 0, i), Str(f, 1, i), n > 2 ? Int(f, 2, i) : 1, n > 3 ? Int(f, 3, i) : 1,
                                      n > 4 ? Int(f, 4, i) : 0, n > 5 ? Str(f, 5, i) : "", n > 6 ? Int(f, 6, i) : 0));
  };
  std::vector<LogicalType> instr_args = {kVarchar, kVarchar, kBigint, kBigint, kBigint, kVarchar, kBigint};
  for (size_t count = 2; count <= instr_args.size(); count++) {
    r.Add({"regexp_instr", std::vector<LogicalType>(instr_args.begin(), instr_args.begin() + count), kNone, kInteger, ValueRows<int32_t>(instr)});
  }

  // regexp_substr(s, p [, start [, N [, flags [, subexpr]]]]).
  auto substr = [](RegexCache& c, const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
    size_t n = f.size();
    return Substr(c, Str(f, 0, i), Str(f, 1, i), n > 2 ? Int(f, 2, i) : 1, n > 3 ? Int(f, 3, i) : 1, n > 4 ? Str(f, 4, i) : "",
                  n > 5 ? Int(f, 5, i) : 0, out);
  };
  std::vector<LogicalType> substr_args = {kVarchar, kVarchar, kBigint, kBigint, kVarchar, kBigint};
  for (size_t count = 2; count <= substr_args.size(); count++) {
    r.Add({"regexp_substr", std::vector<LogicalType>(substr_args.begin(), substr_args.begin() + count), kNone, kVarchar, StringRows(substr)});
  }

  // substring(s FROM pattern): the text of the first capturing group if the pattern has one,
  // else of the whole match; NULL without a match (PostgreSQL's textregexsubstr).
  r.Add({"substring", {kVarchar, kVarchar}, kNone, kVarchar,
         StringRows([](RegexCache& cache, const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           std::string_view s = Str(f, 0, i);
           const RE2& re = cache.Get(Str(f, 1, i), RegexFlags{});
           std::vector<re2::StringPiece> match;
           if (!NthMatch(re, s, 1, 1, match)) return false;
           const re2::StringPiece& piece = match.size() > 1 ? match[1] : match[0];
           if (!piece.data()) return false;
           out.assign(piece.data(), piece.size());
           return true;
         })});
}

}  // namespace cairn::function
