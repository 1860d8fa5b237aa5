// JSON parsing (nlohmann SAX) and jsonb writing (see json_document.h).
#include "function/json/json_document.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cairn/exception.h"
#include "common/stack_depth.h"
#include "function/json/json_number.h"

namespace cairn::json {
namespace {

[[noreturn]] void ThrowTooDeep() {
  throw Exception(sqlstate::kStatementTooComplex, "stack depth limit exceeded", std::nullopt,
                  "JSON input nests arrays and objects more than " + std::to_string(kMaxJsonDepth) + " levels deep.");
}

[[noreturn]] void ThrowSyntax(std::string_view text, size_t position, const std::string& last_token) {
  std::string detail;
  if (position >= text.size()) {
    detail = "The input string ended unexpectedly.";
  } else {
    detail = "Token \"" + last_token + "\" is invalid.";
  }
  throw Exception(sqlstate::kInvalidTextRepresentation,
                  "invalid input syntax for type json: " + detail + " (at character " + std::to_string(position + 1) + ")");
}

/// The last token nlohmann's lexer read, from its message ("...; last read: '<token>'").
std::string LastToken(const std::string& what) {
  static const std::string kMarker = "last read: '";
  size_t begin = what.find(kMarker);
  if (begin == std::string::npos) return "";
  begin += kMarker.size();
  size_t end = what.find('\'', begin);
  std::string token = what.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  // The lexer reports the whole partial token; PostgreSQL names the token from its start.
  size_t last_space = token.find_last_of(" \t\n\r");
  if (last_space != std::string::npos) token = token.substr(last_space + 1);
  return token;
}

/// Builds a JsonNode tree from SAX events (or only validates, with `build` false).
class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(std::string_view text, bool jsonb, bool build) : text_(text), jsonb_(jsonb), build_(build) {}

  bool null() override { return Scalar(JsonKind::kNull, {}); }
  bool boolean(bool value) override { return Scalar(value ? JsonKind::kTrue : JsonKind::kFalse, {}); }
  bool number_integer(number_integer_t value) override { return Number(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return Number(std::to_string(value)); }
  bool number_float(number_float_t, const string_t& text) override { return Number(text); }
  bool string(string_t& value) override {
    CheckString(value);
    return Scalar(JsonKind::kString, std::move(value));
  }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return Open(JsonKind::kObject); }
  bool key(string_t& value) override {
    CheckString(value);
    if (build_) pending_keys_.push_back(std::move(value));
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(JsonKind::kArray); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    // nlohmann counts the offending byte as read: position is one past it.
    ThrowSyntax(text_, position == 0 ? 0 : position - 1, LastToken(ex.what()));
  }

  JsonNode TakeRoot() { return std::move(root_); }

 private:
  void CheckString(const std::string& value) const {
    if (jsonb_ && value.find('\0') != std::string::npos) {
      throw Exception("22P05", "unsupported Unicode escape sequence: \\u0000 cannot be converted to text");
    }
  }
  bool Number(const std::string& text) {
    if (!build_) return true;
    return Scalar(JsonKind::kNumber, jsonb_ ? NormalizeNumber(text) : text);
  }
  bool Scalar(JsonKind kind, std::string text) {
    if (!build_) return true;
    JsonNode node;
    node.kind = kind;
    node.text = std::move(text);
    Attach(std::move(node));
    return true;
  }
  bool Open(JsonKind kind) {
    if (++depth_ > kMaxJsonDepth) ThrowTooDeep();
    if (!build_) return true;
    JsonNode node;
    node.kind = kind;
    open_.push_back(std::move(node));
    return true;
  }
  bool Close() {
    depth_--;
    if (!build_) return true;
    JsonNode node = std::move(open_.back());
    open_.pop_back();
    if (jsonb_ && node.kind == JsonKind::kObject) NormalizeObjectMembers(node);
    Attach(std::move(node));
    return true;
  }
  void Attach(JsonNode node) {
    if (open_.empty()) {
      root_ = std::move(node);
      return;
    }
    JsonNode& parent = open_.back();
    if (parent.kind == JsonKind::kObject) {
      parent.keys.push_back(std::move(pending_keys_.back()));
      pending_keys_.pop_back();
    }
    parent.children.push_back(std::move(node));
  }

  std::string_view text_;
  bool jsonb_;
  bool build_;
  int depth_ = 0;
  std::vector<JsonNode> open_;
  std::vector<std::string> pending_keys_;
  JsonNode root_;
};

void Run(std::string_view text, TreeBuilder& builder) {
  try {
    nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json, true, false);
  } catch (const nlohmann::json::exception& e) {
    throw Exception(sqlstate::kInvalidTextRepresentation, std::string("invalid input syntax for type json: ") + e.what());
  }
}

bool KeyLess(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

void AppendPretty(const JsonNode& node, int indent, std::string& out) {
  CheckStackDepth();
  const auto newline = [&](int level) {
    out.push_back('\n');
    out.append(static_cast<size_t>(level) * 4, ' ');
  };
  switch (node.kind) {
    case JsonKind::kArray:
      if (node.children.empty()) {
        out += "[\n";
        out.append(static_cast<size_t>(indent) * 4, ' ');
        out += "]";
        return;
      }
      out.push_back('[');
      for (size_t i = 0; i < node.children.size(); i++) {
        if (i) out.push_back(',');
        newline(indent + 1);
        AppendPretty(node.children[i], indent + 1, out);
      }
      newline(indent);
      out.push_back(']');
      return;
    case JsonKind::kObject:
      if (node.children.empty()) {
        out += "{\n";
        out.append(static_cast<size_t>(indent) * 4, ' ');
        out += "}";
        return;
      }
      out.push_back('{');
      for (size_t i = 0; i < node.children.size(); i++) {
        if (i) out.push_back(',');
        newline(indent + 1);
        AppendQuotedString(node.keys[i], out);
        out += ": ";
        AppendPretty(node.children[i], indent + 1, out);
      }
      newline(indent);
      out.push_back('}');
      return;
    default:
      AppendJsonb(node, out);
  }
}

}  // namespace

void ValidateJson(std::string_view text) {
  TreeBuilder builder(text, false, false);
  Run(text, builder);
}

JsonNode ParseJson(std::string_view text, bool jsonb) {
  TreeBuilder builder(text, jsonb, true);
  Run(text, builder);
  return builder.TakeRoot();
}

void NormalizeObjectMembers(JsonNode& object) {
  const size_t n = object.keys.size();
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; i++) order[i] = i;
  // Stable, so that among duplicates the last one written comes last and is kept.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return KeyLess(object.keys[a], object.keys[b]); });
  std::vector<std::string> keys;
  std::vector<JsonNode> children;
  keys.reserve(n);
  children.reserve(n);
  for (size_t i = 0; i < n; i++) {
    size_t index = order[i];
    if (!keys.empty() && keys.back() == object.keys[index]) {
      children.back() = std::move(object.children[index]);
      continue;
    }
    keys.push_back(std::move(object.keys[index]));
    children.push_back(std::move(object.children[index]));
  }
  object.keys = std::move(keys);
  object.children = std::move(children);
}

void AppendQuotedString(std::string_view text, std::string& out) {
  out.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kHex[(c >> 4) & 0xF]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void AppendJsonb(const JsonNode& node, std::string& out) {
  CheckStackDepth();
  switch (node.kind) {
    case JsonKind::kNull: out += "null"; return;
    case JsonKind::kFalse: out += "false"; return;
    case JsonKind::kTrue: out += "true"; return;
    case JsonKind::kNumber: out += node.text; return;
    case JsonKind::kString: AppendQuotedString(node.text, out); return;
    case JsonKind::kArray:
      out.push_back('[');
      for (size_t i = 0; i < node.children.size(); i++) {
        if (i) out += ", ";
        AppendJsonb(node.children[i], out);
      }
      out.push_back(']');
      return;
    case JsonKind::kObject:
      out.push_back('{');
      for (size_t i = 0; i < node.children.size(); i++) {
        if (i) out += ", ";
        AppendQuotedString(node.keys[i], out);
        out += ": ";
        AppendJsonb(node.children[i], out);
      }
      out.push_back('}');
      return;
  }
}

std::string WriteJsonb(const JsonNode& node) {
  std::string out;
  AppendJsonb(node, out);
  return out;
}

std::string WriteJsonbPretty(const JsonNode& node) {
  std::string out;
  AppendPretty(node, 0, out);
  return out;
}

}  // namespace cairn::json
