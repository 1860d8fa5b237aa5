// Casts involving arrays: array -> array (element by element with the element cast, as
// PostgreSQL's array_map), text -> array (PostgreSQL's array input syntax) and array -> text.
#include <optional>

#include "cairn/exception.h"
#include "common/array_encoding.h"
#include "function/cast_families.h"

namespace cairn::cast {
namespace {

// Casts the elements of every valid row of `source` (flat over `count` rows, each row's
// elements given by `decode`) and re-encodes them into `result`.
template <class ElementsOf>
void CastElements(const UnifiedFormat& format, idx_t count, const LogicalType& from_element, Vector& result,
                  bool try_cast, ElementsOf&& elements_of) {
  const LogicalType to_element = result.type().element_type();
  // Elements of a batch of rows go through one vector cast.
  std::vector<idx_t> ends(count, 0);
  idx_t total = 0;
  for (idx_t row = 0; row < count; row++) {
    idx_t index = format.sel->get_index(row);
    if (format.validity->RowIsValid(index)) total += elements_of.Count(index);
    ends[row] = total;
  }
  Vector elements(from_element, std::max<idx_t>(total, 1));
  idx_t at = 0;
  for (idx_t row = 0; row < count; row++) {
    idx_t index = format.sel->get_index(row);
    if (format.validity->RowIsValid(index)) at += elements_of.Decode(index, elements, at);
  }
  Vector cast(to_element, std::max<idx_t>(total, 1));
  CastVector(elements, cast, total, try_cast);
  UnifiedFormat cast_format;
  cast.ToUnified(total, cast_format);
  const LogicalType element_type = to_element;
  auto* out = result.data<string_t>();
  idx_t begin = 0;
  for (idx_t row = 0; row < count; row++) {
    idx_t index = format.sel->get_index(row);
    if (!format.validity->RowIsValid(index)) {
      result.validity().SetInvalid(row);
      continue;
    }
    std::string bytes;
    for (idx_t e = begin; e < ends[row]; e++) array::AppendElement(bytes, element_type, cast_format, e);
    begin = ends[row];
    out[row] = result.AddString(bytes);
  }
}

struct EncodedElements {
  const string_t* data;
  LogicalType element_type;
  idx_t Count(idx_t index) const { return array::Count(data[index].view(), element_type); }
  idx_t Decode(idx_t index, Vector& out, idx_t offset) const { return array::DecodeInto(data[index].view(), out, offset); }
};

struct TextElements {
  std::vector<std::vector<std::optional<std::string>>> parsed;  // by source index
  idx_t Count(idx_t index) const { return parsed[index].size(); }
  idx_t Decode(idx_t index, Vector& out, idx_t offset) const {
    const auto& elements = parsed[index];
    for (idx_t i = 0; i < elements.size(); i++) {
      if (!elements[i]) {
        out.validity().SetInvalid(offset + i);
      } else {
        out.validity().SetValid(offset + i);
        out.data<string_t>()[offset + i] = out.AddString(*elements[i]);
      }
    }
    return elements.size();
  }
};

}  // namespace

bool CastArray(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& from = source.type();
  const LogicalType& to = result.type();
  if (!from.IsArray() && !to.IsArray()) return false;
  UnifiedFormat format;
  source.ToUnified(count, format);
  if (from.IsArray() && to.IsArray()) {
    const auto* data = reinterpret_cast<const string_t*>(format.data);
    CastElements(format, count, from.element_type(), result, try_cast,
                 EncodedElements{data, from.element_type()});
    return true;
  }
  if (from.IsArray() && to.id() == TypeId::VARCHAR) {
    const auto* data = reinterpret_cast<const string_t*>(format.data);
    for (idx_t row = 0; row < count; row++) {
      idx_t index = format.sel->get_index(row);
      if (!format.validity->RowIsValid(index)) {
        result.validity().SetInvalid(row);
        continue;
      }
      result.data<string_t>()[row] = result.AddString(array::ToText(data[index].view(), from.element_type()));
    }
    return true;
  }
  if (from.id() == TypeId::VARCHAR && to.IsArray()) {
    const auto* data = reinterpret_cast<const string_t*>(format.data);
    TextElements elements;
    // Parse each valid row once (indexed by source index, which may exceed count for
    // dictionaries: size the table by the largest index seen).
    idx_t largest = 0;
    for (idx_t row = 0; row < count; row++) largest = std::max<idx_t>(largest, format.sel->get_index(row));
    elements.parsed.assign(count == 0 ? 0 : largest + 1, {});
    for (idx_t row = 0; row < count; row++) {
      idx_t index = format.sel->get_index(row);
      if (!format.validity->RowIsValid(index)) continue;
      elements.parsed[index] = array::ParseText(data[index].view());
    }
    CastElements(format, count, LogicalType(TypeId::VARCHAR), result, try_cast, elements);
    return true;
  }
  throw Exception("42846", "cannot cast type " + ErrorTypeName(from) + " to " + ErrorTypeName(to));
}

}  // namespace cairn::cast
