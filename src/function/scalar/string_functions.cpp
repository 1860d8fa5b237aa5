// String functions: lower, upper, initcap (Unicode case mapping), length, octet_length, substring, concat, ||, concat_ws,
// trim/ltrim/rtrim, replace, left, right, starts_with, contains, strpos/position, reverse,
// repeat, lpad, rpad, split_part (regular expressions: regex_functions.cpp). Positions and lengths count
// characters (UTF-8 code points) and are 1-based, as PostgreSQL.
#include <memory>
#include <string>

#include "cairn/exception.h"
#include "common/unicode_case.h"
#include "function/function_registry.h"
#include "function/scalar/string_kernel.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using executor::MakeResultString;
using executor::UnifiedValid;
using executor::UnifiedValue;

const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kBigint = TypeId::BIGINT;
const LogicalType kInteger = TypeId::INTEGER;
const LogicalType kBoolean = TypeId::BOOLEAN;
const LogicalType kNone = TypeId::INVALID;

inline bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

int64_t CharCount(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += !IsContinuation(c);
  return n;
}

// Byte offset of character index `chars` (0-based) in `s`, or s.size() if past the end.
size_t ByteOffset(std::string_view s, int64_t chars) {
  if (chars <= 0) return 0;
  size_t i = 0;
  int64_t seen = 0;
  for (; i < s.size(); i++) {
    if (!IsContinuation(static_cast<unsigned char>(s[i]))) {
      if (seen == chars) return i;
      seen++;
    }
  }
  return s.size();
}

// Characters [from, from + count) (0-based, clamped).
std::string_view CharSlice(std::string_view s, int64_t from, int64_t count) {
  if (count <= 0) return {};
  size_t begin = ByteOffset(s, from);
  size_t end = begin + ByteOffset(s.substr(begin), count);
  return s.substr(begin, end - begin);
}


enum class CaseMapping { kUpper, kLower, kInitcap };

ScalarKernel CaseKernel(CaseMapping mapping) {
  return UnaryStringKernel([mapping](std::string_view s, std::string& out) {
    switch (mapping) {
      case CaseMapping::kUpper: unicode::AppendUpper(s, out); break;
      case CaseMapping::kLower: unicode::AppendLower(s, out); break;
      case CaseMapping::kInitcap: unicode::AppendInitcap(s, out); break;
    }
  });
}

// Generic row-wise string function over `args` returning a string (NULL in, NULL out).
template <class OP>
ScalarKernel RowString(OP op) {
  return [op](DataChunk& args, Vector& result) {
    std::string buffer;
    executor::NaryExecute<string_t>(args.data, args.size(), result, true,
                                    [&](const std::vector<UnifiedFormat>& f, idx_t i, string_t& out) {
                                      buffer.clear();
                                      if (!op(f, i, buffer)) return false;
                                      out = MakeResultString(result, buffer);
                                      return true;
                                    });
  };
}

std::string_view Str(const std::vector<UnifiedFormat>& f, size_t arg, idx_t row) { return UnifiedValue<string_t>(f[arg], row).view(); }
int64_t Int(const std::vector<UnifiedFormat>& f, size_t arg, idx_t row) { return UnifiedValue<int64_t>(f[arg], row); }

bool Substring(std::string_view s, int64_t start, bool has_length, int64_t length, std::string& out) {
  if (has_length && length < 0) throw Exception("22011", "negative substring length not allowed");
  int64_t begin = start - 1;  // 0-based, may be negative
  int64_t end = has_length ? begin + length : INT64_MAX;
  if (has_length && __builtin_add_overflow(begin, length, &end)) end = INT64_MAX;
  if (begin < 0) begin = 0;
  if (end <= begin) return true;
  std::string_view slice = CharSlice(s, begin, end - begin);
  out.assign(slice);
  return true;
}

std::string_view TrimChars(std::string_view s, std::string_view chars, bool left, bool right) {
  auto in_set = [&](size_t pos, size_t& len) {
    // Match one (possibly multi-byte) character of `chars` at s[pos].
    size_t clen = 1;
    while (pos + clen < s.size() && IsContinuation(static_cast<unsigned char>(s[pos + clen]))) clen++;
    len = clen;
    std::string_view ch = s.substr(pos, clen);
    for (size_t i = 0; i < chars.size();) {
      size_t l = 1;
      while (i + l < chars.size() && IsContinuation(static_cast<unsigned char>(chars[i + l]))) l++;
      if (chars.substr(i, l) == ch) return true;
      i += l;
    }
    return false;
  };
  size_t begin = 0, end = s.size();
  if (left) {
    size_t len;
    while (begin < end && in_set(begin, len)) begin += len;
  }
  if (right) {
    while (end > begin) {
      size_t pos = end - 1;
      while (pos > begin && IsContinuation(static_cast<unsigned char>(s[pos]))) pos--;
      size_t len;
      if (!in_set(pos, len) || pos + len != end) break;
      end = pos;
    }
  }
  return s.substr(begin, end - begin);
}

void AddTrim(FunctionRegistry& r, const char* name, bool left, bool right) {
  r.Add({name, {kVarchar}, kNone, kVarchar, RowString([=](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           out.assign(TrimChars(Str(f, 0, i), " ", left, right));
           return true;
         })});
  r.Add({name, {kVarchar, kVarchar}, kNone, kVarchar, RowString([=](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           out.assign(TrimChars(Str(f, 0, i), Str(f, 1, i), left, right));
           return true;
         })});
}

void Pad(std::string_view s, int64_t length, std::string_view fill, bool left, std::string& out) {
  if (length <= 0) return;
  int64_t chars = CharCount(s);
  if (chars >= length) {
    out.assign(CharSlice(s, 0, length));
    return;
  }
  if (length > (1 << 24)) throw Exception(sqlstate::kInvalidParameterValue, "requested length too large");
  if (fill.empty()) {
    out.assign(s);
    return;
  }
  std::string padding;
  int64_t needed = length - chars;
  int64_t fill_chars = CharCount(fill);
  while (needed > 0) {
    int64_t take = std::min(needed, fill_chars);
    padding.append(CharSlice(fill, 0, take));
    needed -= take;
  }
  if (left) {
    out = padding;
    out.append(s);
  } else {
    out.assign(s);
    out.append(padding);
  }
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& r) {
  r.Add({"lower", {kVarchar}, kNone, kVarchar, CaseKernel(CaseMapping::kLower)});
  r.Add({"lcase", {kVarchar}, kNone, kVarchar, CaseKernel(CaseMapping::kLower)});
  r.Add({"upper", {kVarchar}, kNone, kVarchar, CaseKernel(CaseMapping::kUpper)});
  r.Add({"ucase", {kVarchar}, kNone, kVarchar, CaseKernel(CaseMapping::kUpper)});
  r.Add({"initcap", {kVarchar}, kNone, kVarchar, CaseKernel(CaseMapping::kInitcap)});
  ScalarKernel length = [](DataChunk& args, Vector& result) {
    executor::UnaryExecute<string_t, int32_t>(args.data[0], result, args.size(), [](const string_t& s) {
      return static_cast<int32_t>(CharCount(s.view()));
    });
  };
  // integer results, as PostgreSQL's length/strpos (strings are far below 2^31 characters).
  for (const char* name : {"length", "char_length", "character_length", "len"}) r.Add({name, {kVarchar}, kNone, kInteger, length});
  r.Add({"octet_length", {kVarchar}, kNone, kBigint, [](DataChunk& args, Vector& result) {
           executor::UnaryExecute<string_t, int64_t>(args.data[0], result, args.size(), [](const string_t& s) { return int64_t(s.size()); });
         }});
  r.Add({"octet_length", {LogicalType(TypeId::BLOB)}, kNone, kBigint, [](DataChunk& args, Vector& result) {
           executor::UnaryExecute<string_t, int64_t>(args.data[0], result, args.size(), [](const string_t& s) { return int64_t(s.size()); });
         }});
  // PostgreSQL's length coercion of character varying(n) (pg_catalog.varchar(text, integer,
  // boolean)): an explicit cast truncates to n characters; an assignment (INSERT, UPDATE) fails
  // with 22001 unless the characters beyond n are all spaces, which are cut.
  r.Add({"varchar", {kVarchar, kBigint, kBoolean}, kNone, kVarchar,
         RowString([](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           std::string_view s = Str(f, 0, i);
           int64_t n = Int(f, 1, i);
           bool explicit_cast = UnifiedValue<bool>(f[2], i);
           std::string_view kept = n >= 0 ? CharSlice(s, 0, n) : s;
           if (kept.size() < s.size() && !explicit_cast &&
               s.substr(kept.size()).find_first_not_of(' ') != std::string_view::npos) {
             throw Exception(sqlstate::kStringDataRightTruncation,
                             "value too long for type character varying(" + std::to_string(n) + ")");
           }
           out.assign(kept);
           return true;
         })});
  for (const char* name : {"substring", "substr"}) {
    r.Add({name, {kVarchar, kBigint}, kNone, kVarchar, RowString([](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
             return Substring(Str(f, 0, i), Int(f, 1, i), false, 0, out);
           })});
    r.Add({name, {kVarchar, kBigint, kBigint}, kNone, kVarchar, RowString([](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
             return Substring(Str(f, 0, i), Int(f, 1, i), true, Int(f, 2, i), out);
           })});
  }
  r.Add({"||", {kVarchar, kVarchar}, kNone, kVarchar, [](DataChunk& args, Vector& result) {
           std::string buffer;
           executor::BinaryExecute<string_t, string_t, string_t>(args.data[0], args.data[1], result, args.size(),
                                                                 [&](const string_t& a, const string_t& b) {
                                                                   buffer.assign(a.view());
                                                                   buffer.append(b.view());
                                                                   return MakeResultString(result, buffer);
                                                                 });
         }});
  // Any || any: both sides as text (DuckDB allows 1 || 'a').
  r.Add({"||", {kAnyType, kAnyType}, kNone, kVarchar, nullptr}, [](ScalarFunction& bound, const std::vector<LogicalType>&) {
    bound.arguments = {kVarchar, kVarchar};
    bound.kernel = BindScalarFunction("||", {kVarchar, kVarchar}).kernel;
  });
  auto concat_kernel = [](DataChunk& args, Vector& result) {
    std::string buffer;
    executor::NaryExecute<string_t>(args.data, args.size(), result, false,
                                    [&](const std::vector<UnifiedFormat>& f, idx_t i, string_t& out) {
                                      buffer.clear();
                                      for (const auto& format : f) {
                                        if (UnifiedValid(format, i)) buffer.append(UnifiedValue<string_t>(format, i).view());
                                      }
                                      out = MakeResultString(result, buffer);
                                      return true;
                                    });
  };
  r.Add({"concat", {kAnyType}, kAnyType, kVarchar, concat_kernel}, [](ScalarFunction& bound, const std::vector<LogicalType>&) {
    bound.arguments = {kVarchar};
    bound.varargs = kVarchar;
  });
  r.Add({"concat_ws", {kVarchar, kAnyType}, kAnyType, kVarchar, [](DataChunk& args, Vector& result) {
           std::string buffer;
           executor::NaryExecute<string_t>(args.data, args.size(), result, false,
                                           [&](const std::vector<UnifiedFormat>& f, idx_t i, string_t& out) {
                                             if (!UnifiedValid(f[0], i)) return false;
                                             std::string_view sep = UnifiedValue<string_t>(f[0], i).view();
                                             buffer.clear();
                                             bool first = true;
                                             for (size_t a = 1; a < f.size(); a++) {
                                               if (!UnifiedValid(f[a], i)) continue;
                                               if (!first) buffer.append(sep);
                                               buffer.append(UnifiedValue<string_t>(f[a], i).view());
                                               first = false;
                                             }
                                             out = MakeResultString(result, buffer);
                                             return true;
                                           });
         }},
        [](ScalarFunction& bound, const std::vector<LogicalType>&) {
          bound.arguments = {kVarchar, kVarchar};
          bound.varargs = kVarchar;
        });
  AddTrim(r, "trim", true, true);
  AddTrim(r, "btrim", true, true);
  AddTrim(r, "ltrim", true, false);
  AddTrim(r, "rtrim", false, true);
  r.Add({"replace", {kVarchar, kVarchar, kVarchar}, kNone, kVarchar, RowString([](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           std::string_view s = Str(f, 0, i), from = Str(f, 1, i), to = Str(f, 2, i);
           if (from.empty()) {
             out.assign(s);
             return true;
           }
           size_t pos = 0;
           while (true) {
             size_t hit = s.find(from, pos);
             if (hit == std::string_view::npos) break;
             out.append(s.substr(pos, hit - pos));
             out.append(to);
             pos = hit + from.size();
           }
           out.append(s.substr(pos));
           return true;
         })});
  r.Add({"left", {kVarchar, kBigint}, kNone, kVarchar, RowString([](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           std::string_view s = Str(f, 0, i);
           int64_t n = Int(f, 1, i);
           int64_t take = n >= 0 ? n : std::max<int64_t>(0, CharCount(s) + n);
           out.assign(CharSlice(s, 0, take));
           return true;
         })});
  r.Add({"right", {kVarchar, kBigint}, kNone, kVarchar, RowString([](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           std::string_view s = Str(f, 0, i);
           int64_t n = Int(f, 1, i);
           int64_t chars = CharCount(s);
           int64_t take = n >= 0 ? std::min(n, chars) : std::max<int64_t>(0, chars + n);
           out.assign(CharSlice(s, chars - take, take));
           return true;
         })});
  auto bool_kernel = [](auto op) -> ScalarKernel {
    return [op](DataChunk& args, Vector& result) {
      executor::BinaryExecute<string_t, string_t, bool>(args.data[0], args.data[1], result, args.size(),
                                                        [&](const string_t& a, const string_t& b) { return op(a.view(), b.view()); });
    };
  };
  r.Add({"starts_with", {kVarchar, kVarchar}, kNone, kBoolean, bool_kernel([](std::string_view a, std::string_view b) { return a.starts_with(b); })});
  r.Add({"prefix", {kVarchar, kVarchar}, kNone, kBoolean, bool_kernel([](std::string_view a, std::string_view b) { return a.starts_with(b); })});
  r.Add({"ends_with", {kVarchar, kVarchar}, kNone, kBoolean, bool_kernel([](std::string_view a, std::string_view b) { return a.ends_with(b); })});
  r.Add({"suffix", {kVarchar, kVarchar}, kNone, kBoolean, bool_kernel([](std::string_view a, std::string_view b) { return a.ends_with(b); })});
  r.Add({"contains", {kVarchar, kVarchar}, kNone, kBoolean, bool_kernel([](std::string_view a, std::string_view b) { return a.find(b) != std::string_view::npos; })});
  ScalarKernel strpos = [](DataChunk& args, Vector& result) {
    executor::BinaryExecute<string_t, string_t, int32_t>(args.data[0], args.data[1], result, args.size(), [](const string_t& a, const string_t& b) {
      size_t hit = a.view().find(b.view());
      return hit == std::string_view::npos ? int32_t(0) : static_cast<int32_t>(CharCount(a.view().substr(0, hit)) + 1);
    });
  };
  for (const char* name : {"strpos", "position", "instr"}) r.Add({name, {kVarchar, kVarchar}, kNone, kInteger, strpos});
  r.Add({"reverse", {kVarchar}, kNone, kVarchar, UnaryStringKernel([](std::string_view s, std::string& out) {
           size_t end = s.size();
           while (end > 0) {
             size_t begin = end - 1;
             while (begin > 0 && IsContinuation(static_cast<unsigned char>(s[begin]))) begin--;
             out.append(s.substr(begin, end - begin));
             end = begin;
           }
         })});
  r.Add({"repeat", {kVarchar, kBigint}, kNone, kVarchar, RowString([](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           std::string_view s = Str(f, 0, i);
           int64_t n = Int(f, 1, i);
           if (n <= 0 || s.empty()) return true;
           if (static_cast<double>(n) * static_cast<double>(s.size()) > (1 << 28)) {
             throw Exception(sqlstate::kInvalidParameterValue, "repeat: requested length too large");
           }
           for (int64_t k = 0; k < n; k++) out.append(s);
           return true;
         })});
  for (bool left : {true, false}) {
    const char* name = left ? "lpad" : "rpad";
    r.Add({name, {kVarchar, kBigint}, kNone, kVarchar, RowString([left](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
             Pad(Str(f, 0, i), Int(f, 1, i), " ", left, out);
             return true;
           })});
    r.Add({name, {kVarchar, kBigint, kVarchar}, kNone, kVarchar, RowString([left](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
             Pad(Str(f, 0, i), Int(f, 1, i), Str(f, 2, i), left, out);
             return true;
           })});
  }
  r.Add({"split_part", {kVarchar, kVarchar, kBigint}, kNone, kVarchar, RowString([](const std::vector<UnifiedFormat>& f, idx_t i, std::string& out) {
           std::string_view s = Str(f, 0, i), delim = Str(f, 1, i);
           int64_t n = Int(f, 2, i);
           if (n == 0) throw Exception(sqlstate::kInvalidParameterValue, "field position must not be zero");
           std::vector<std::string_view> parts;
           if (delim.empty()) {
             parts.push_back(s);
           } else {
             size_t pos = 0;
             while (true) {
               size_t hit = s.find(delim, pos);
               if (hit == std::string_view::npos) break;
               parts.push_back(s.substr(pos, hit - pos));
               pos = hit + delim.size();
             }
             parts.push_back(s.substr(pos));
           }
           if (s.empty()) return true;
           int64_t count = static_cast<int64_t>(parts.size());
           int64_t index = n > 0 ? n - 1 : count + n;
           if (index >= 0 && index < count) out.assign(parts[static_cast<size_t>(index)]);
           return true;
         })});
}

}  // namespace cairn::function
