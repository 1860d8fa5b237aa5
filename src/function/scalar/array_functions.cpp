// Array functions and operators (see function/array_functions.h).
#include "function/array_functions.h"

#include <algorithm>
#include <climits>
#include <cstring>

#include "cairn/exception.h"
#include "common/array_encoding.h"
#include "common/date_time.h"
#include "function/cast.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using executor::MakeResultString;
using executor::UnifiedValid;
using executor::UnifiedValue;

const LogicalType kInteger = TypeId::INTEGER;
const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kBoolean = TypeId::BOOLEAN;
const LogicalType kAnyArray = LogicalType::AnyArray();

// Calls `row_fn(formats, row)` for each row (once when every argument is constant, then the
// result is made constant). `row_fn` writes row `row` of `result` itself.
template <class RowFn>
void ForEachRow(DataChunk& args, Vector& result, RowFn&& row_fn) {
  const idx_t count = args.size();
  std::vector<UnifiedFormat> formats(args.data.size());
  bool all_constant = true;
  for (size_t a = 0; a < args.data.size(); a++) {
    args.data[a].ToUnified(count, formats[a]);
    all_constant = all_constant && args.data[a].kind() == VectorKind::CONSTANT;
  }
  const idx_t rows = all_constant && count > 0 ? 1 : count;
  for (idx_t row = 0; row < rows; row++) row_fn(formats, row);
  if (all_constant && count > 0) executor::MakeConstantFromFirstRow(result);
}

std::string_view ArrayAt(const UnifiedFormat& format, idx_t row) { return UnifiedValue<string_t>(format, row).view(); }

void SetString(Vector& result, idx_t row, std::string_view bytes) {
  result.data<string_t>()[row] = MakeResultString(result, bytes);
}

// One element's encoding (tag included) of row `row` of an element vector.
std::string EncodedElement(const LogicalType& element_type, const UnifiedFormat& format, idx_t row) {
  std::string bytes;
  array::AppendElement(bytes, element_type, format, row);
  return bytes;
}

// The part of an element's encoding that equal values share: a NUMERIC's order key (1.0 and
// 1.00 are equal), everything else whole.
std::string_view EqualityView(std::string_view raw, const LogicalType& element_type) {
  return element_type.id() == TypeId::NUMERIC && raw.size() > 17 ? raw.substr(0, 17) : raw;
}

// Orders two non-NULL encoded elements as SQL compares their values.
int CompareElements(std::string_view a, std::string_view b, const LogicalType& element_type) {
  a = EqualityView(a, element_type);
  b = EqualityView(b, element_type);
  if (element_type.id() == TypeId::INTERVAL) {
    array::ArrayReader ra(a, element_type), rb(b, element_type);
    ra.Next();
    rb.Next();
    hugeint_t ka = date_time::IntervalSpan(ra.GetInterval()), kb = date_time::IntervalSpan(rb.GetInterval());
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }
  int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return c < 0 ? -1 : 1;
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

bool Holds(const std::string& op, int c) {
  if (op == "=") return c == 0;
  if (op == "<>" || op == "!=") return c != 0;
  if (op == "<") return c < 0;
  if (op == "<=") return c <= 0;
  if (op == ">") return c > 0;
  return c >= 0;  // ">="
}

// The common element type of array functions taking arrays and elements: the declared
// argument types are rewritten so the caller casts to it.
LogicalType CommonElement(const std::vector<LogicalType>& types, const std::vector<bool>& is_array) {
  std::optional<LogicalType> common;
  for (size_t i = 0; i < types.size(); i++) {
    LogicalType t = is_array[i] ? (types[i].IsArray() ? types[i].element_type() : LogicalType(TypeId::SQLNULL)) : types[i];
    if (t.id() == TypeId::SQLNULL) continue;
    common = common ? MaxLogicalType(*common, t) : t;
  }
  if (!common) return TypeId::VARCHAR;
  if (common->IsArray()) throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
  return *common;
}

// --- array_length and friends -------------------------------------------------------------

void Cardinality(DataChunk& args, Vector& result) {
  const LogicalType element_type = args.data[0].type().element_type();
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row)) return result.validity().SetInvalid(row);
    result.data<int32_t>()[row] = static_cast<int32_t>(array::Count(ArrayAt(f[0], row), element_type));
  });
}

enum class Bound { kLength, kLower, kUpper };

// array_length/array_lower/array_upper(a, dimension): NULL for an empty array or another
// dimension than 1.
template <Bound B>
void DimensionBound(DataChunk& args, Vector& result) {
  const LogicalType element_type = args.data[0].type().element_type();
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row) || !UnifiedValid(f[1], row) || UnifiedValue<int32_t>(f[1], row) != 1) {
      return result.validity().SetInvalid(row);
    }
    idx_t n = array::Count(ArrayAt(f[0], row), element_type);
    if (n == 0) return result.validity().SetInvalid(row);
    result.data<int32_t>()[row] = B == Bound::kLower ? 1 : static_cast<int32_t>(n);
  });
}

void ArrayNdims(DataChunk& args, Vector& result) {
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row) || ArrayAt(f[0], row).empty()) return result.validity().SetInvalid(row);
    result.data<int32_t>()[row] = 1;
  });
}

void ArrayDims(DataChunk& args, Vector& result) {
  const LogicalType element_type = args.data[0].type().element_type();
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row)) return result.validity().SetInvalid(row);
    idx_t n = array::Count(ArrayAt(f[0], row), element_type);
    if (n == 0) return result.validity().SetInvalid(row);
    SetString(result, row, "[1:" + std::to_string(n) + "]");
  });
}

// --- constructors, concatenation ----------------------------------------------------------

// array_append(a, e), array_prepend(e, a), array_cat(a, b) and their || forms. `shape` says
// which arguments are arrays. A NULL array is empty; a NULL element is appended as NULL.
enum class Concat { kAppend, kPrepend, kCat };

template <Concat C>
void Concatenate(DataChunk& args, Vector& result) {
  const LogicalType element_type = result.type().element_type();
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    std::string bytes;
    if constexpr (C == Concat::kCat) {
      bool left = UnifiedValid(f[0], row), right = UnifiedValid(f[1], row);
      if (!left && !right) return result.validity().SetInvalid(row);
      if (left) bytes += ArrayAt(f[0], row);
      if (right) bytes += ArrayAt(f[1], row);
    } else if constexpr (C == Concat::kAppend) {
      if (UnifiedValid(f[0], row)) bytes += ArrayAt(f[0], row);
      array::AppendElement(bytes, element_type, f[1], row);
    } else {
      array::AppendElement(bytes, element_type, f[0], row);
      if (UnifiedValid(f[1], row)) bytes += ArrayAt(f[1], row);
    }
    SetString(result, row, bytes);
  });
}

// Binds an array/element function: `is_array` marks the array arguments; the element
// arguments and the arrays' elements take one common type.
BindHook ElementHook(std::vector<bool> is_array, bool returns_array) {
  return [is_array, returns_array](ScalarFunction& bound, const std::vector<LogicalType>& types) {
    LogicalType element = CommonElement(types, is_array);
    for (size_t i = 0; i < is_array.size() && i < bound.arguments.size(); i++) {
      bound.arguments[i] = is_array[i] ? LogicalType::Array(element) : element;
    }
    if (returns_array) bound.return_type = LogicalType::Array(element);
  };
}

// --- search ---------------------------------------------------------------------------------

// array_position(a, e [, start]): the first 1-based index at or after `start` whose element is
// not distinct from e; NULL when there is none.
void ArrayPosition(DataChunk& args, Vector& result) {
  const LogicalType element_type = args.data[0].type().element_type();
  const bool has_start = args.data.size() == 3;
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row) || (has_start && !UnifiedValid(f[2], row))) return result.validity().SetInvalid(row);
    const int64_t start = has_start ? UnifiedValue<int32_t>(f[2], row) : 1;
    const std::string needle = EncodedElement(element_type, f[1], row);
    array::ArrayReader reader(ArrayAt(f[0], row), element_type);
    for (int64_t index = 1; reader.Next(); index++) {
      if (index >= start && EqualityView(reader.raw(), element_type) == EqualityView(needle, element_type)) {
        result.data<int32_t>()[row] = static_cast<int32_t>(index);
        return;
      }
    }
    result.validity().SetInvalid(row);
  });
}

void ArrayPositions(DataChunk& args, Vector& result) {
  const LogicalType element_type = args.data[0].type().element_type();
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row)) return result.validity().SetInvalid(row);
    const std::string needle = EncodedElement(element_type, f[1], row);
    array::ArrayReader reader(ArrayAt(f[0], row), element_type);
    std::string bytes;
    for (int32_t index = 1; reader.Next(); index++) {
      // NULL matches NULL (IS NOT DISTINCT FROM)
      if (EqualityView(reader.raw(), element_type) == EqualityView(needle, element_type)) {
        array::AppendValue(bytes, Value::Integer(index));
      }
    }
    SetString(result, row, bytes);
  });
}

// array_remove(a, e) and array_replace(a, e, r): elements not distinct from e removed/replaced.
template <bool Replace>
void ArrayRemoveOrReplace(DataChunk& args, Vector& result) {
  const LogicalType element_type = args.data[0].type().element_type();
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row)) return result.validity().SetInvalid(row);
    const std::string needle = EncodedElement(element_type, f[1], row);
    const std::string replacement = Replace ? EncodedElement(element_type, f[2], row) : std::string();
    array::ArrayReader reader(ArrayAt(f[0], row), element_type);
    std::string bytes;
    while (reader.Next()) {
      if (EqualityView(reader.raw(), element_type) == EqualityView(needle, element_type)) {
        if (Replace) bytes += replacement;
      } else {
        bytes += reader.raw();
      }
    }
    SetString(result, row, bytes);
  });
}

// a @> b (every non-NULL element of b is in a; a NULL element of b is never contained),
// a <@ b, a && b (a common non-NULL element).
enum class SetTest { kContains, kContainedBy, kOverlaps };

template <SetTest T>
void ArraySetTest(DataChunk& args, Vector& result) {
  const LogicalType element_type = args.data[0].type().element_type();
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row) || !UnifiedValid(f[1], row)) return result.validity().SetInvalid(row);
    std::string_view outer = ArrayAt(f[T == SetTest::kContainedBy ? 1 : 0], row);
    std::string_view inner = ArrayAt(f[T == SetTest::kContainedBy ? 0 : 1], row);
    std::vector<std::string_view> haystack;
    array::ArrayReader reader(outer, element_type);
    while (reader.Next()) {
      if (!reader.IsNull()) haystack.push_back(EqualityView(reader.raw(), element_type));
    }
    std::sort(haystack.begin(), haystack.end());
    array::ArrayReader probe(inner, element_type);
    bool answer = T != SetTest::kOverlaps;
    while (probe.Next()) {
      bool found = !probe.IsNull() &&
                   std::binary_search(haystack.begin(), haystack.end(), EqualityView(probe.raw(), element_type));
      if (T == SetTest::kOverlaps && found) {
        answer = true;
        break;
      }
      if (T != SetTest::kOverlaps && !found) {
        answer = false;
        break;
      }
    }
    result.data<bool>()[row] = answer;
  });
}

template <class C>
void CompareArrays(DataChunk& args, Vector& result) {
  executor::BinaryExecute<string_t, string_t, bool>(args.data[0], args.data[1], result, args.size(),
                                                   [](const string_t& a, const string_t& b) { return C()(a.view(), b.view()); });
}

// --- text -----------------------------------------------------------------------------------

// array_to_string(a, delimiter [, null_string]): elements' text joined; NULL elements skipped
// unless null_string is given.
void ArrayToString(DataChunk& args, Vector& result) {
  const LogicalType element = args.data[0].type().element_type();
  const bool has_null_string = args.data.size() == 3;
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row) || !UnifiedValid(f[1], row)) return result.validity().SetInvalid(row);
    std::string_view delimiter = UnifiedValue<string_t>(f[1], row).view();
    std::optional<std::string_view> null_string;
    if (has_null_string && UnifiedValid(f[2], row)) null_string = UnifiedValue<string_t>(f[2], row).view();
    array::ArrayReader reader(ArrayAt(f[0], row), element);
    std::string text;
    bool first = true;
    while (reader.Next()) {
      if (reader.IsNull() && !null_string) continue;
      if (!first) text += delimiter;
      first = false;
      text += reader.IsNull() ? std::string(*null_string) : array::ReadValue(reader, element).ToString();
    }
    SetString(result, row, text);
  });
}

// string_to_array(s, delimiter [, null_string]): s split at each delimiter (a NULL delimiter
// splits into characters, an empty one gives s itself); fields equal to null_string are NULL.
void StringToArray(DataChunk& args, Vector& result) {
  const bool has_null_string = args.data.size() == 3;
  ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
    if (!UnifiedValid(f[0], row)) return result.validity().SetInvalid(row);
    std::string_view s = UnifiedValue<string_t>(f[0], row).view();
    std::optional<std::string_view> null_string;
    if (has_null_string && UnifiedValid(f[2], row)) null_string = UnifiedValue<string_t>(f[2], row).view();
    std::string bytes;
    auto add = [&](std::string_view field) {
      if (null_string && field == *null_string) {
        array::AppendNull(bytes);
      } else {
        array::AppendValue(bytes, Value::Varchar(std::string(field)));
      }
    };
    if (s.empty()) {
      // An empty input is an empty array.
    } else if (!UnifiedValid(f[1], row)) {
      for (size_t i = 0; i < s.size();) {
        size_t length = 1;
        while (i + length < s.size() && (static_cast<unsigned char>(s[i + length]) & 0xC0) == 0x80) length++;
        add(s.substr(i, length));
        i += length;
      }
    } else {
      std::string_view delimiter = UnifiedValue<string_t>(f[1], row).view();
      if (delimiter.empty()) {
        add(s);
      } else {
        size_t begin = 0;
        while (true) {
          size_t at = s.find(delimiter, begin);
          if (at == std::string_view::npos) {
            add(s.substr(begin));
            break;
          }
          add(s.substr(begin, at - begin));
          begin = at + delimiter.size();
        }
      }
    }
    SetString(result, row, bytes);
  });
}

}  // namespace

ScalarFunction ArrayConstructor(const LogicalType& element, idx_t count) {
  ScalarFunction function;
  function.name = "array";
  function.arguments.assign(count, element);
  function.return_type = LogicalType::Array(element);
  const LogicalType element_type = element;
  function.kernel = [element_type](DataChunk& args, Vector& result) {
    if (args.data.empty()) {
      result.SetConstant(Value::FromPhysicalString(result.type(), ""));
      return;
    }
    ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
      std::string bytes;
      for (const auto& format : f) array::AppendElement(bytes, element_type, format, row);
      SetString(result, row, bytes);
    });
  };
  return function;
}

ScalarFunction ArraySubscript(const LogicalType& array) {
  ScalarFunction function;
  function.name = "array_subscript";
  function.arguments = {array, kInteger};
  function.return_type = array.element_type();
  const LogicalType element_type = array.element_type();
  function.kernel = [element_type](DataChunk& args, Vector& result) {
    ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
      if (!UnifiedValid(f[0], row) || !UnifiedValid(f[1], row)) return result.validity().SetInvalid(row);
      const int32_t index = UnifiedValue<int32_t>(f[1], row);
      array::ArrayReader reader(ArrayAt(f[0], row), element_type);
      for (int32_t i = 1; reader.Next(); i++) {
        if (i == index) return array::WriteElement(reader, result, row);
      }
      result.validity().SetInvalid(row);
    });
  };
  return function;
}

ScalarFunction ArraySlice(const LogicalType& array) {
  ScalarFunction function;
  function.name = "array_slice";
  function.arguments = {array, kInteger, kInteger};
  function.return_type = array;
  const LogicalType element_type = array.element_type();
  function.kernel = [element_type](DataChunk& args, Vector& result) {
    ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
      if (!UnifiedValid(f[0], row) || !UnifiedValid(f[1], row) || !UnifiedValid(f[2], row)) {
        return result.validity().SetInvalid(row);
      }
      const int64_t lower = UnifiedValue<int32_t>(f[1], row), upper = UnifiedValue<int32_t>(f[2], row);
      array::ArrayReader reader(ArrayAt(f[0], row), element_type);
      std::string bytes;
      for (int64_t i = 1; reader.Next(); i++) {
        if (i >= lower && i <= upper) bytes += reader.raw();
      }
      SetString(result, row, bytes);
    });
  };
  return function;
}

ScalarFunction ArrayAnyComparison(const std::string& op, bool all, const LogicalType& element) {
  ScalarFunction function;
  function.name = op + (all ? " ALL" : " ANY");
  function.arguments = {element, LogicalType::Array(element)};
  function.return_type = kBoolean;
  const LogicalType element_type = element;
  function.kernel = [op, all, element_type](DataChunk& args, Vector& result) {
    ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
      if (!UnifiedValid(f[1], row)) return result.validity().SetInvalid(row);
      array::ArrayReader reader(ArrayAt(f[1], row), element_type);
      bool saw_null = false;
      const bool left_valid = UnifiedValid(f[0], row);
      const std::string left = left_valid ? EncodedElement(element_type, f[0], row) : std::string();
      while (reader.Next()) {
        if (!left_valid || reader.IsNull()) {
          saw_null = true;
          continue;
        }
        bool holds = Holds(op, CompareElements(left, reader.raw(), element_type));
        if (holds != all) {  // ANY: one true decides; ALL: one false decides
          result.data<bool>()[row] = holds;
          return;
        }
      }
      if (saw_null) return result.validity().SetInvalid(row);
      result.data<bool>()[row] = all;
    });
  };
  return function;
}

ScalarFunction ArrayAnyOperator(const ScalarFunction& op, bool all) {
  ScalarFunction function;
  function.name = op.name + (all ? " ALL" : " ANY");
  const LogicalType left = op.arguments[0], element = op.arguments[1];
  function.arguments = {left, LogicalType::Array(element)};
  function.return_type = kBoolean;
  ScalarKernel kernel = op.kernel;
  function.kernel = [kernel, all, left, element](DataChunk& args, Vector& result) {
    ForEachRow(args, result, [&](const std::vector<UnifiedFormat>& f, idx_t row) {
      if (!UnifiedValid(f[1], row)) return result.validity().SetInvalid(row);
      std::string_view bytes = ArrayAt(f[1], row);
      const idx_t count = array::Count(bytes, element);
      if (count == 0) {
        result.data<bool>()[row] = all;
        return;
      }
      // The operator over (x, e) for every element e of this row's array.
      DataChunk pairs;
      pairs.Initialize({left, element}, count);
      pairs.data[0].SetConstant(args.data[0].GetValue(row));
      array::DecodeInto(bytes, pairs.data[1], 0);
      pairs.SetCardinality(count);
      Vector answers(kBoolean, count);
      kernel(pairs, answers);
      UnifiedFormat a;
      answers.ToUnified(count, a);
      bool saw_null = false;
      for (idx_t i = 0; i < count; i++) {
        if (!UnifiedValid(a, i)) {
          saw_null = true;
          continue;
        }
        bool holds = UnifiedValue<bool>(a, i);
        if (holds != all) {
          result.data<bool>()[row] = holds;
          return;
        }
      }
      if (saw_null) return result.validity().SetInvalid(row);
      result.data<bool>()[row] = all;
    });
  };
  return function;
}

void RegisterArrayFunctions(FunctionRegistry& r) {
  const LogicalType none = TypeId::INVALID;
  r.Add({"cardinality", {kAnyArray}, none, kInteger, Cardinality});
  r.Add({"array_length", {kAnyArray, kInteger}, none, kInteger, DimensionBound<Bound::kLength>});
  r.Add({"array_lower", {kAnyArray, kInteger}, none, kInteger, DimensionBound<Bound::kLower>});
  r.Add({"array_upper", {kAnyArray, kInteger}, none, kInteger, DimensionBound<Bound::kUpper>});
  r.Add({"array_ndims", {kAnyArray}, none, kInteger, ArrayNdims});
  r.Add({"array_dims", {kAnyArray}, none, kVarchar, ArrayDims});

  r.Add({"array_append", {kAnyArray, kAnyType}, none, kAnyArray, Concatenate<Concat::kAppend>}, ElementHook({true, false}, true));
  r.Add({"array_prepend", {kAnyType, kAnyArray}, none, kAnyArray, Concatenate<Concat::kPrepend>}, ElementHook({false, true}, true));
  r.Add({"array_cat", {kAnyArray, kAnyArray}, none, kAnyArray, Concatenate<Concat::kCat>}, ElementHook({true, true}, true));
  r.Add({"||", {kAnyArray, kAnyArray}, none, kAnyArray, Concatenate<Concat::kCat>}, ElementHook({true, true}, true));
  // array || element, element || array; an untyped literal or text next to a non-text array is
  // read as an array (PostgreSQL resolves unknown || anyarray as array_cat).
  r.Add({"||", {kAnyArray, kAnyType}, none, kAnyArray, Concatenate<Concat::kAppend>},
        [](ScalarFunction& bound, const std::vector<LogicalType>& types) {
          if (types[1].id() == TypeId::VARCHAR && types[0].IsArray() && types[0].element_type().id() != TypeId::VARCHAR) {
            ElementHook({true, true}, true)(bound, {types[0], types[0]});
            bound.kernel = Concatenate<Concat::kCat>;
            return;
          }
          ElementHook({true, false}, true)(bound, types);
        });
  r.Add({"||", {kAnyType, kAnyArray}, none, kAnyArray, Concatenate<Concat::kPrepend>},
        [](ScalarFunction& bound, const std::vector<LogicalType>& types) {
          if (types[0].id() == TypeId::VARCHAR && types[1].IsArray() && types[1].element_type().id() != TypeId::VARCHAR) {
            ElementHook({true, true}, true)(bound, {types[1], types[1]});
            bound.kernel = Concatenate<Concat::kCat>;
            return;
          }
          ElementHook({false, true}, true)(bound, types);
        });

  r.Add({"array_position", {kAnyArray, kAnyType}, none, kInteger, ArrayPosition}, ElementHook({true, false}, false));
  r.Add({"array_position", {kAnyArray, kAnyType, kInteger}, none, kInteger, ArrayPosition},
        [](ScalarFunction& bound, const std::vector<LogicalType>& types) {
          ElementHook({true, false}, false)(bound, types);
          bound.arguments[2] = kInteger;
        });
  r.Add({"array_positions", {kAnyArray, kAnyType}, none, LogicalType::Array(kInteger), ArrayPositions},
        ElementHook({true, false}, false));
  r.Add({"array_remove", {kAnyArray, kAnyType}, none, kAnyArray, ArrayRemoveOrReplace<false>}, ElementHook({true, false}, true));
  r.Add({"array_replace", {kAnyArray, kAnyType, kAnyType}, none, kAnyArray, ArrayRemoveOrReplace<true>},
        ElementHook({true, false, false}, true));

  r.Add({"@>", {kAnyArray, kAnyArray}, none, kBoolean, ArraySetTest<SetTest::kContains>}, ElementHook({true, true}, false));
  r.Add({"<@", {kAnyArray, kAnyArray}, none, kBoolean, ArraySetTest<SetTest::kContainedBy>}, ElementHook({true, true}, false));
  r.Add({"&&", {kAnyArray, kAnyArray}, none, kBoolean, ArraySetTest<SetTest::kOverlaps>}, ElementHook({true, true}, false));

  r.Add({"=", {kAnyArray, kAnyArray}, none, kBoolean, CompareArrays<std::equal_to<std::string_view>>}, ElementHook({true, true}, false));
  r.Add({"<>", {kAnyArray, kAnyArray}, none, kBoolean, CompareArrays<std::not_equal_to<std::string_view>>}, ElementHook({true, true}, false));
  r.Add({"!=", {kAnyArray, kAnyArray}, none, kBoolean, CompareArrays<std::not_equal_to<std::string_view>>}, ElementHook({true, true}, false));
  r.Add({"<", {kAnyArray, kAnyArray}, none, kBoolean, CompareArrays<std::less<std::string_view>>}, ElementHook({true, true}, false));
  r.Add({"<=", {kAnyArray, kAnyArray}, none, kBoolean, CompareArrays<std::less_equal<std::string_view>>}, ElementHook({true, true}, false));
  r.Add({">", {kAnyArray, kAnyArray}, none, kBoolean, CompareArrays<std::greater<std::string_view>>}, ElementHook({true, true}, false));
  r.Add({">=", {kAnyArray, kAnyArray}, none, kBoolean, CompareArrays<std::greater_equal<std::string_view>>}, ElementHook({true, true}, false));

  r.Add({"array_to_string", {kAnyArray, kVarchar}, none, kVarchar, ArrayToString});
  r.Add({"array_to_string", {kAnyArray, kVarchar, kVarchar}, none, kVarchar, ArrayToString});
  r.Add({"string_to_array", {kVarchar, kVarchar}, none, LogicalType::Array(kVarchar), StringToArray});
  r.Add({"string_to_array", {kVarchar, kVarchar, kVarchar}, none, LogicalType::Array(kVarchar), StringToArray});
}

}  // namespace cairn::function
