// Character-level text functions, as PostgreSQL 15 in a UTF-8 database:
//   ascii(text) -> integer         code point of the first character (0 for '')
//   chr(integer) -> text           the character with that code point; 22023 for a negative
//                                  one, 54000 for 0, surrogates and beyond U+10FFFF
//   translate(s, from, to) -> text each character of `from` becomes the one at the same position
//                                  of `to`, or is deleted when `to` is shorter
//   to_hex(integer | bigint) -> text  lower-case hex; negative values in two's complement of
//                                  the argument's width
#include <cstdint>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using executor::MakeResultString;
using executor::UnifiedValue;

const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kInteger = TypeId::INTEGER;
const LogicalType kBigint = TypeId::BIGINT;
const LogicalType kNone = TypeId::INVALID;

inline bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t CharLength(std::string_view s, size_t pos) {
  size_t len = 1;
  while (pos + len < s.size() && IsContinuation(static_cast<unsigned char>(s[pos + len]))) len++;
  return len;
}

// Code point of the UTF-8 sequence at the start of `s` (which is valid UTF-8).
int32_t DecodeFirst(std::string_view s) {
  auto c = static_cast<unsigned char>(s[0]);
  size_t len = CharLength(s, 0);
  if (len == 1) return c;
  int32_t cp = c & (0xFF >> (len + 1));
  for (size_t i = 1; i < len; i++) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

void AppendUtf8(int32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::vector<std::string_view> SplitCharacters(std::string_view s) {
  std::vector<std::string_view> chars;
  for (size_t i = 0; i < s.size();) {
    size_t len = CharLength(s, i);
    chars.push_back(s.substr(i, len));
    i += len;
  }
  return chars;
}

template <class T>
ScalarKernel ToHex() {
  return [](DataChunk& args, Vector& result) {
    executor::UnaryExecute<T, string_t>(args.data[0], result, args.size(), [&](T v) {
      using U = std::make_unsigned_t<T>;
      U u = static_cast<U>(v);
      char buffer[2 * sizeof(T)];
      size_t n = 0;
      do {
        buffer[sizeof(buffer) - 1 - n++] = "0123456789abcdef"[u & 15];
        u >>= 4;
      } while (u != 0);
      return MakeResultString(result, std::string_view(buffer + sizeof(buffer) - n, n));
    });
  };
}

}  // namespace

void RegisterCharacterFunctions(FunctionRegistry& r) {
  r.Add({"ascii", {kVarchar}, kNone, kInteger, [](DataChunk& args, Vector& result) {
           executor::UnaryExecute<string_t, int32_t>(args.data[0], result, args.size(), [](const string_t& s) {
             return s.size() == 0 ? int32_t(0) : DecodeFirst(s.view());
           });
         }});
  r.Add({"chr", {kInteger}, kNone, kVarchar, [](DataChunk& args, Vector& result) {
           std::string buffer;
           executor::UnaryExecute<int32_t, string_t>(args.data[0], result, args.size(), [&](int32_t cp) {
             if (cp < 0) throw Exception(sqlstate::kInvalidParameterValue, "character number must be positive");
             if (cp == 0) throw Exception(sqlstate::kProgramLimitExceeded, "null character not permitted");
             if (cp > 0x10FFFF) throw Exception(sqlstate::kProgramLimitExceeded, "requested character too large for encoding: " + std::to_string(cp));
             if (cp >= 0xD800 && cp <= 0xDFFF) throw Exception(sqlstate::kProgramLimitExceeded, "requested character not valid for encoding: " + std::to_string(cp));
             buffer.clear();
             AppendUtf8(cp, buffer);
             return MakeResultString(result, buffer);
           });
         }});
  r.Add({"translate", {kVarchar, kVarchar, kVarchar}, kNone, kVarchar, [](DataChunk& args, Vector& result) {
           std::string buffer;
           executor::NaryExecute<string_t>(args.data, args.size(), result, true,
                                           [&](const std::vector<UnifiedFormat>& f, idx_t i, string_t& out) {
                                             std::string_view s = UnifiedValue<string_t>(f[0], i).view();
                                             std::vector<std::string_view> from = SplitCharacters(UnifiedValue<string_t>(f[1], i).view());
                                             std::vector<std::string_view> to = SplitCharacters(UnifiedValue<string_t>(f[2], i).view());
                                             buffer.clear();
                                             for (size_t p = 0; p < s.size();) {
                                               size_t len = CharLength(s, p);
                                               std::string_view ch = s.substr(p, len);
                                               size_t k = 0;
                                               while (k < from.size() && from[k] != ch) k++;  // the first occurrence wins
                                               if (k == from.size()) buffer.append(ch);
                                               else if (k < to.size()) buffer.append(to[k]);
                                               p += len;
                                             }
                                             out = MakeResultString(result, buffer);
                                             return true;
                                           });
         }});
  r.Add({"to_hex", {kInteger}, kNone, kVarchar, ToHex<int32_t>()});
  r.Add({"to_hex", {kBigint}, kNone, kVarchar, ToHex<int64_t>()});
}

}  // namespace cairn::function
