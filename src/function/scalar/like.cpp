// LIKE / NOT LIKE / ILIKE / NOT ILIKE ("~~", "!~~", "~~*", "!~~*"): `%` matches any run of
// characters, `_` exactly one character (UTF-8 aware), backslash escapes the next character.
// A constant pattern is analysed once per chunk: exact, prefix%, %suffix and %infix% patterns
// use memcmp / memmem; patterns of literals and `%` only (`%special%requests%`, TPC-H Q13) find
// each literal with memmem, leftmost first; others run the general matcher. ILIKE lower-cases text and pattern
// (all of Unicode, common/unicode_case.h).
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "common/unicode_case.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

inline bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// One pattern element: a literal run, '_' or '%'.
struct Segment {
  enum Kind { kLiteral, kOne, kAny } kind;
  std::string text;
};

std::vector<Segment> Compile(std::string_view pattern) {
  std::vector<Segment> out;
  for (size_t i = 0; i < pattern.size(); i++) {
    char c = pattern[i];
    if (c == '%') {
      if (out.empty() || out.back().kind != Segment::kAny) out.push_back({Segment::kAny, {}});
    } else if (c == '_') {
      out.push_back({Segment::kOne, {}});
    } else {
      if (c == '\\' && i + 1 < pattern.size()) c = pattern[++i];
      if (out.empty() || out.back().kind != Segment::kLiteral) out.push_back({Segment::kLiteral, {}});
      out.back().text.push_back(c);
    }
  }
  return out;
}

// Advances past one UTF-8 character at s[pos].
inline size_t NextChar(std::string_view s, size_t pos) {
  pos++;
  while (pos < s.size() && IsContinuation(static_cast<unsigned char>(s[pos]))) pos++;
  return pos;
}

// Wildcard matcher with a single backtrack point (the last `%`): after a `%`, the earliest
// position where the following segments match is always good enough, so the run time is
// O(|text| * |pattern|) with no exponential backtracking.
bool Match(const std::vector<Segment>& segs, std::string_view s) {
  size_t si = 0, pos = 0;
  size_t star = SIZE_MAX, mark = 0;
  while (pos < s.size() || si < segs.size()) {
    if (si < segs.size()) {
      const Segment& seg = segs[si];
      if (seg.kind == Segment::kAny) {
        star = si++;
        mark = pos;
        continue;
      }
      if (seg.kind == Segment::kLiteral && s.substr(pos, seg.text.size()) == seg.text) {
        pos += seg.text.size();
        si++;
        continue;
      }
      if (seg.kind == Segment::kOne && pos < s.size()) {
        pos = NextChar(s, pos);
        si++;
        continue;
      }
    }
    if (star == SIZE_MAX || mark >= s.size()) return false;
    mark = NextChar(s, mark);
    pos = mark;
    si = star + 1;
  }
  return true;
}

// A pattern analysed for fast paths.
struct LikeMatcher {
  enum Shape { kExact, kPrefix, kSuffix, kInfix, kLiteralsAndAny, kGeneral } shape = kGeneral;
  std::string literal;
  std::vector<Segment> segments;

  explicit LikeMatcher(std::string_view pattern) {
    segments = Compile(pattern);
    size_t n = segments.size();
    auto lit = [&](size_t i) { return segments[i].kind == Segment::kLiteral; };
    auto any = [&](size_t i) { return segments[i].kind == Segment::kAny; };
    if (n == 0) {
      shape = kExact;
    } else if (n == 1 && lit(0)) {
      shape = kExact;
      literal = segments[0].text;
    } else if (n == 1 && any(0)) {
      shape = kPrefix;  // empty prefix: matches everything
    } else if (n == 2 && lit(0) && any(1)) {
      shape = kPrefix;
      literal = segments[0].text;
    } else if (n == 2 && any(0) && lit(1)) {
      shape = kSuffix;
      literal = segments[1].text;
    } else if (n == 3 && any(0) && lit(1) && any(2)) {
      shape = kInfix;
      literal = segments[1].text;
    } else {
      bool literals_and_any = true;
      for (size_t i = 0; i < n; i++) literals_and_any = literals_and_any && segments[i].kind != Segment::kOne;
      if (literals_and_any) shape = kLiteralsAndAny;
    }
  }

  static bool Contains(std::string_view s, size_t from, std::string_view needle, size_t& found) {
    const void* hit = memmem(s.data() + from, s.size() - from, needle.data(), needle.size());
    if (hit == nullptr) return false;
    found = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    return true;
  }

  // Literals separated by `%` (segments alternate, Compile merges adjacent `%`): a leading
  // literal is a prefix, a trailing one a suffix, and each literal between two `%` is taken
  // at its leftmost occurrence after the previous one — leftmost is never worse, because
  // everything after it is still free for the rest of the pattern.
  bool MatchLiteralsAndAny(std::string_view s) const {
    size_t first = 0, last = segments.size();
    size_t pos = 0;
    if (segments[0].kind == Segment::kLiteral) {
      if (!s.starts_with(segments[0].text)) return false;
      pos = segments[0].text.size();
      first = 1;
    }
    size_t end = s.size();
    if (last > first && segments[last - 1].kind == Segment::kLiteral) {
      const std::string& suffix = segments[last - 1].text;
      if (end - pos < suffix.size() || !s.ends_with(suffix)) return false;
      end -= suffix.size();
      last--;
    }
    std::string_view body = s.substr(0, end);
    for (size_t i = first; i < last; i++) {
      if (segments[i].kind != Segment::kLiteral) continue;
      size_t found = 0;
      if (!Contains(body, pos, segments[i].text, found)) return false;
      pos = found + segments[i].text.size();
    }
    return true;
  }

  bool Matches(std::string_view s) const {
    switch (shape) {
      case kExact: return s == literal;
      case kPrefix: return s.starts_with(literal);
      case kSuffix: return s.ends_with(literal);
      case kInfix: {
        size_t found = 0;
        return literal.empty() || Contains(s, 0, literal, found);
      }
      case kLiteralsAndAny: return MatchLiteralsAndAny(s);
      case kGeneral: return Match(segments, s);
    }
    return false;
  }
};

// ILIKE compares lower-cased text and pattern (Unicode simple case mapping, as PostgreSQL).
std::string LowerAscii(std::string_view s) {
  std::string out;
  if (!unicode::IsAscii(s)) {
    unicode::AppendLower(s, out);
    return out;
  }
  out.assign(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

template <bool NEGATE, bool CASE_INSENSITIVE>
void LikeKernel(DataChunk& args, Vector& result) {
  const Vector& pattern = args.data[1];
  idx_t count = args.size();
  if (pattern.kind() == VectorKind::CONSTANT) {
    if (!pattern.validity().RowIsValid(0)) {
      result.SetConstant(Value::Null(result.type()));
      return;
    }
    std::string_view text = pattern.data<string_t>()[0].view();
    std::string lowered;
    if (CASE_INSENSITIVE) {
      lowered = LowerAscii(text);
      text = lowered;
    }
    LikeMatcher matcher(text);
    std::string buffer;
    executor::UnaryExecute<string_t, bool>(args.data[0], result, count, [&](const string_t& s) {
      if constexpr (CASE_INSENSITIVE) {
        buffer = LowerAscii(s.view());
        return matcher.Matches(buffer) != NEGATE;
      } else {
        return matcher.Matches(s.view()) != NEGATE;
      }
    });
    return;
  }
  executor::BinaryExecute<string_t, string_t, bool>(args.data[0], args.data[1], result, count, [](const string_t& s, const string_t& p) {
    if constexpr (CASE_INSENSITIVE) {
      return LikeMatcher(LowerAscii(p.view())).Matches(LowerAscii(s.view())) != NEGATE;
    } else {
      return LikeMatcher(p.view()).Matches(s.view()) != NEGATE;
    }
  });
}

}  // namespace

bool LikeMatches(std::string_view text, std::string_view pattern) { return LikeMatcher(pattern).Matches(text); }

void RegisterLikeFunctions(FunctionRegistry& r) {
  const LogicalType v = TypeId::VARCHAR, b = TypeId::BOOLEAN, none = TypeId::INVALID;
  r.Add({"~~", {v, v}, none, b, LikeKernel<false, false>});
  r.Add({"like", {v, v}, none, b, LikeKernel<false, false>});
  r.Add({"!~~", {v, v}, none, b, LikeKernel<true, false>});
  r.Add({"~~*", {v, v}, none, b, LikeKernel<false, true>});
  r.Add({"ilike", {v, v}, none, b, LikeKernel<false, true>});
  r.Add({"!~~*", {v, v}, none, b, LikeKernel<true, true>});
}

}  // namespace cairn::function
