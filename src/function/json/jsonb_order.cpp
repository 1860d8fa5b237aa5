// jsonb order keys and containment (see jsonb_order.h).
#include "function/json/jsonb_order.h"

#include "common/stack_depth.h"
#include "function/json/json_number.h"

namespace cairn::json {
namespace {

// Type tags in PostgreSQL's order of jsonb value types.
constexpr char kTagNull = 1, kTagString = 2, kTagNumber = 3, kTagBool = 4, kTagArray = 5, kTagObject = 6;

void AppendCount(size_t count, std::string& key) {
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<char>((count >> shift) & 0xFF));
}

// Strings never contain NUL (jsonb rejects \u0000), so a 0 terminator keeps byte order and
// makes the encoding self-delimiting.
void AppendStringKey(const std::string& text, std::string& key) {
  key += text;
  key.push_back('\0');
}

void AppendKey(const JsonNode& node, std::string& key) {
  CheckStackDepth();
  switch (node.kind) {
    case JsonKind::kNull: key.push_back(kTagNull); return;
    case JsonKind::kString:
      key.push_back(kTagString);
      AppendStringKey(node.text, key);
      return;
    case JsonKind::kNumber:
      key.push_back(kTagNumber);
      AppendNumberKey(node.text, key);
      return;
    case JsonKind::kFalse:
    case JsonKind::kTrue:
      key.push_back(kTagBool);
      key.push_back(node.kind == JsonKind::kTrue ? 1 : 0);
      return;
    case JsonKind::kArray:
      key.push_back(kTagArray);
      AppendCount(node.children.size(), key);
      key.push_back(1);  // a real array sorts after a raw scalar of the same count
      for (const auto& child : node.children) AppendKey(child, key);
      return;
    case JsonKind::kObject:
      key.push_back(kTagObject);
      AppendCount(node.children.size(), key);
      for (size_t i = 0; i < node.children.size(); i++) {
        AppendStringKey(node.keys[i], key);
        AppendKey(node.children[i], key);
      }
      return;
  }
}

bool SameType(const JsonNode& a, const JsonNode& b) {
  auto bucket = [](JsonKind k) { return k == JsonKind::kTrue ? JsonKind::kFalse : k; };
  return bucket(a.kind) == bucket(b.kind);
}

bool DeepContains(const JsonNode& a, const JsonNode& b) {
  CheckStackDepth();
  if (a.kind != b.kind) return false;
  if (a.kind == JsonKind::kObject) {
    if (b.children.size() > a.children.size()) return false;
    for (size_t i = 0; i < b.children.size(); i++) {
      const JsonNode* match = nullptr;
      for (size_t j = 0; j < a.keys.size(); j++) {
        if (a.keys[j] == b.keys[i]) {
          match = &a.children[j];
          break;
        }
      }
      if (!match) return false;
      const JsonNode& want = b.children[i];
      if (want.IsScalar()) {
        if (!match->IsScalar() || !JsonbScalarEquals(*match, want)) return false;
      } else if (!DeepContains(*match, want)) {
        return false;
      }
    }
    return true;
  }
  if (a.kind == JsonKind::kArray) {
    for (const auto& want : b.children) {
      bool found = false;
      for (const auto& have : a.children) {
        if (want.IsScalar() ? have.IsScalar() && JsonbScalarEquals(have, want) : DeepContains(have, want)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  return JsonbScalarEquals(a, b);
}

}  // namespace

std::string JsonbSortKey(const JsonNode& node, bool top_level) {
  std::string key;
  if (top_level && node.IsScalar()) {
    key.push_back(kTagArray);
    AppendCount(1, key);
    key.push_back(0);  // raw scalar
  }
  AppendKey(node, key);
  return key;
}

bool JsonbScalarEquals(const JsonNode& a, const JsonNode& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == JsonKind::kNumber) {
    std::string x, y;
    AppendNumberKey(a.text, x);
    AppendNumberKey(b.text, y);
    return x == y;
  }
  if (a.kind == JsonKind::kString) return a.text == b.text;
  return SameType(a, b);
}

bool JsonbContains(const JsonNode& a, const JsonNode& b) {
  // A top-level array contains a bare scalar that is one of its elements; a bare scalar never
  // contains an array or object.
  if (a.kind == JsonKind::kArray && b.IsScalar()) {
    for (const auto& have : a.children) {
      if (have.IsScalar() && JsonbScalarEquals(have, b)) return true;
    }
    return false;
  }
  return DeepContains(a, b);
}

}  // namespace cairn::json
