// Span navigation over valid JSON text (see json_navigation.h).
#include "function/json/json_navigation.h"

namespace cairn::json {
namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpace(std::string_view text, size_t pos) {
  while (pos < text.size() && IsJsonSpace(text[pos])) pos++;
  return pos;
}

/// Position one past the string literal starting at `pos` (text[pos] == '"').
size_t SkipString(std::string_view text, size_t pos) {
  pos++;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '\\') {
      pos += 2;
    } else if (c == '"') {
      return pos + 1;
    } else {
      pos++;
    }
  }
  return text.size();
}

/// Position one past the value starting at `pos` (no leading space). Iterative.
size_t SkipValue(std::string_view text, size_t pos) {
  if (pos >= text.size()) return pos;
  char c = text[pos];
  if (c == '"') return SkipString(text, pos);
  if (c == '[' || c == '{') {
    int64_t depth = 0;
    while (pos < text.size()) {
      char d = text[pos];
      if (d == '"') {
        pos = SkipString(text, pos);
        continue;
      }
      if (d == '[' || d == '{') depth++;
      if (d == ']' || d == '}') {
        depth--;
        if (depth == 0) return pos + 1;
      }
      pos++;
    }
    return pos;
  }
  // A number or a literal: up to the next delimiter.
  while (pos < text.size() && !IsJsonSpace(text[pos]) && text[pos] != ',' && text[pos] != ']' && text[pos] != '}') pos++;
  return pos;
}

void AppendUtf8(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

uint32_t Hex4(std::string_view text, size_t pos) {
  uint32_t value = 0;
  for (size_t i = pos; i < pos + 4 && i < text.size(); i++) {
    char c = text[i];
    uint32_t digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace

std::string_view TrimJsonSpace(std::string_view text) {
  size_t begin = SkipSpace(text, 0);
  size_t end = text.size();
  while (end > begin && IsJsonSpace(text[end - 1])) end--;
  return text.substr(begin, end - begin);
}

JsonKind KindOf(std::string_view text) {
  text = TrimJsonSpace(text);
  if (text.empty()) return JsonKind::kNull;
  switch (text[0]) {
    case '{': return JsonKind::kObject;
    case '[': return JsonKind::kArray;
    case '"': return JsonKind::kString;
    case 't': return JsonKind::kTrue;
    case 'f': return JsonKind::kFalse;
    case 'n': return JsonKind::kNull;
    default: return JsonKind::kNumber;
  }
}

void ForEachElement(std::string_view text, const std::function<bool(std::string_view element)>& visit) {
  text = TrimJsonSpace(text);
  if (text.empty() || text[0] != '[') return;
  size_t pos = SkipSpace(text, 1);
  while (pos < text.size() && text[pos] != ']') {
    size_t end = SkipValue(text, pos);
    if (!visit(text.substr(pos, end - pos))) return;
    pos = SkipSpace(text, end);
    if (pos < text.size() && text[pos] == ',') pos = SkipSpace(text, pos + 1);
  }
}

void ForEachMember(std::string_view text, const std::function<bool(std::string_view key, std::string_view value)>& visit) {
  text = TrimJsonSpace(text);
  if (text.empty() || text[0] != '{') return;
  size_t pos = SkipSpace(text, 1);
  while (pos < text.size() && text[pos] == '"') {
    size_t key_end = SkipString(text, pos);
    std::string_view key = text.substr(pos, key_end - pos);
    pos = SkipSpace(text, key_end);
    if (pos < text.size() && text[pos] == ':') pos = SkipSpace(text, pos + 1);
    size_t end = SkipValue(text, pos);
    if (!visit(key, text.substr(pos, end - pos))) return;
    pos = SkipSpace(text, end);
    if (pos < text.size() && text[pos] == ',') pos = SkipSpace(text, pos + 1);
  }
}

std::string DecodeString(std::string_view literal) {
  std::string out;
  if (literal.size() < 2) return out;
  std::string_view body = literal.substr(1, literal.size() - 2);
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); i++) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out.push_back(c);
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        uint32_t code = Hex4(body, i + 1);
        i += 4;
        if (code >= 0xD800 && code < 0xDC00 && i + 6 < body.size() && body[i + 1] == '\\' && body[i + 2] == 'u') {
          uint32_t low = Hex4(body, i + 3);
          if (low >= 0xDC00 && low < 0xE000) {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        AppendUtf8(code, out);
        break;
      }
      default: out.push_back(e);  // \" \\ \/
    }
  }
  return out;
}

std::optional<std::string_view> FindMember(std::string_view text, std::string_view key) {
  std::optional<std::string_view> found;
  ForEachMember(text, [&](std::string_view raw_key, std::string_view value) {
    bool plain = raw_key.find('\\') == std::string_view::npos;
    if (plain ? raw_key.substr(1, raw_key.size() - 2) == key : DecodeString(raw_key) == key) found = value;
    return true;
  });
  return found;
}

std::optional<std::string_view> FindElement(std::string_view text, int64_t index) {
  if (KindOf(text) != JsonKind::kArray) return std::nullopt;
  if (index < 0) {
    int64_t count = CountElements(text);
    index += count;
    if (index < 0) return std::nullopt;
  }
  std::optional<std::string_view> found;
  int64_t position = 0;
  ForEachElement(text, [&](std::string_view element) {
    if (position++ == index) {
      found = element;
      return false;
    }
    return true;
  });
  return found;
}

int64_t CountElements(std::string_view text) {
  int64_t count = 0;
  ForEachElement(text, [&](std::string_view) {
    count++;
    return true;
  });
  return count;
}

std::optional<std::string> ValueAsText(std::string_view value) {
  value = TrimJsonSpace(value);
  switch (KindOf(value)) {
    case JsonKind::kNull: return std::nullopt;
    case JsonKind::kString: return DecodeString(value);
    default: return std::string(value);
  }
}

}  // namespace cairn::json
