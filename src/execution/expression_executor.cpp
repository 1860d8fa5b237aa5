#include "execution/expression_executor.h"

#include <algorithm>
#include <optional>
#include <set>

#include "common/float_compare.h"
#include "cairn/exception.h"
#include "execution/in_list_set.h"
#include "execution/parameter_values.h"
#include "function/aggregate/physical_type_dispatch.h"
#include "function/cast.h"
#include "common/stack_depth.h"
#include "common/numeric.h"

namespace cairn {

namespace {

enum class CompareOp : uint8_t { EQ, NE, LT, LE, GT, GE };

std::optional<CompareOp> ComparisonFromName(const std::string& name) {
  if (name == "=" || name == "==") return CompareOp::EQ;
  if (name == "<>" || name == "!=") return CompareOp::NE;
  if (name == "<") return CompareOp::LT;
  if (name == "<=") return CompareOp::LE;
  if (name == ">") return CompareOp::GT;
  if (name == ">=") return CompareOp::GE;
  return std::nullopt;
}

CompareOp Flip(CompareOp op) {
  switch (op) {
    case CompareOp::LT: return CompareOp::GT;
    case CompareOp::LE: return CompareOp::GE;
    case CompareOp::GT: return CompareOp::LT;
    case CompareOp::GE: return CompareOp::LE;
    default: return op;
  }
}

void CollectColumns(const Expression& e, std::set<idx_t>& columns, bool& is_volatile) {
  CheckStackDepth();
  switch (e.expression_class) {
    case ExpressionClass::REFERENCE: columns.insert(static_cast<const BoundReference&>(e).index); break;
    case ExpressionClass::CONSTANT:
    case ExpressionClass::PARAMETER:
      break;
    case ExpressionClass::COLUMN_REF:
    case ExpressionClass::SUBQUERY:
      is_volatile = true;  // never evaluated (Eval raises XX000); keep the caching paths away
      break;
    case ExpressionClass::FUNCTION: {
      auto& f = static_cast<const BoundFunction&>(e);
      if (f.function.is_volatile) is_volatile = true;
      for (auto& c : f.children) CollectColumns(*c, columns, is_volatile);
      break;
    }
    case ExpressionClass::CAST: CollectColumns(*static_cast<const BoundCast&>(e).child, columns, is_volatile); break;
    case ExpressionClass::CONJUNCTION:
      for (auto& c : static_cast<const BoundConjunction&>(e).children) CollectColumns(*c, columns, is_volatile);
      break;
    case ExpressionClass::OPERATOR:
      for (auto& c : static_cast<const BoundOperator&>(e).children) CollectColumns(*c, columns, is_volatile);
      break;
    case ExpressionClass::CASE: {
      auto& c = static_cast<const BoundCase&>(e);
      for (auto& check : c.checks) {
        CollectColumns(*check.when, columns, is_volatile);
        CollectColumns(*check.then, columns, is_volatile);
      }
      CollectColumns(*c.else_expression, columns, is_volatile);
      break;
    }
  }
}

}  // namespace

/// Per-node scratch state mirroring the expression tree.
struct ExpressionState {
  const Expression* expr = nullptr;
  std::vector<std::unique_ptr<ExpressionState>> children;
  std::vector<Vector> child_results;
  DataChunk arguments;  // FUNCTION: one vector per child
  Vector constant;      // CONSTANT; PARAMETER: the value of `parameters`
  uint64_t parameters_id = 0;  // PARAMETER: the ParameterValues::id() whose value `constant` holds

  // Select fast path: column <op> constant.
  bool compare_fast = false;
  CompareOp compare_op = CompareOp::EQ;
  idx_t compare_column = 0;
  Vector compare_constant;

  // IN / NOT IN whose terms are all constants or parameters: one probe into a hash set, built
  // on first use and again when the execution's parameter values change.
  bool in_list_constant = false;
  bool in_list_has_parameters = false;
  std::unique_ptr<InListSet> in_set;
  uint64_t in_set_parameters_id = 0;

  // Dictionary path: the expression reads exactly one column.
  bool single_column = false;
  idx_t column = 0;
  struct DictionaryCache {
    bool valid = false;
    Vector holder;  // keeps the dictionary's buffers alive so its address stays unique
    const uint8_t* data = nullptr;
    idx_t count = 0;
    std::vector<uint8_t> match;
    uint64_t parameters_id = 0;  // ParameterValues::id() the matches were computed with
  } cache;
};

namespace {

/// IN lists with more terms than this probe a hash set (InListSet); a single term is compared. The
/// set is faster from two terms on (bench/results/2026-11-30-expressions-startup.md).
constexpr idx_t kInListCompareMaxTerms = 1;

std::unique_ptr<ExpressionState> BuildState(const Expression& e) {
  CheckStackDepth();
  auto state = std::make_unique<ExpressionState>();
  state->expr = &e;
  auto add = [&](const Expression& child) { state->children.push_back(BuildState(child)); };
  switch (e.expression_class) {
    case ExpressionClass::CONSTANT:
      state->constant = Vector(static_cast<const BoundConstant&>(e).value);
      break;
    case ExpressionClass::REFERENCE:
    case ExpressionClass::PARAMETER:
    case ExpressionClass::COLUMN_REF:
    case ExpressionClass::SUBQUERY:
      break;
    case ExpressionClass::FUNCTION: {
      auto& f = static_cast<const BoundFunction&>(e);
      for (auto& c : f.children) add(*c);
      state->arguments.data.resize(f.children.size());
      if (f.children.size() == 2) {
        auto op = ComparisonFromName(f.function.name);
        const Expression* l = f.children[0].get();
        const Expression* r = f.children[1].get();
        // NUMERIC compares by value (1.0 = 1.00), not by its packed bits: no fast path.
        if (op && l->return_type == r->return_type && l->return_type.id() != TypeId::NUMERIC) {
          if (l->expression_class == ExpressionClass::REFERENCE && r->expression_class == ExpressionClass::CONSTANT) {
            state->compare_fast = true;
            state->compare_op = *op;
            state->compare_column = static_cast<const BoundReference*>(l)->index;
            state->compare_constant = Vector(static_cast<const BoundConstant*>(r)->value);
          } else if (r->expression_class == ExpressionClass::REFERENCE && l->expression_class == ExpressionClass::CONSTANT) {
            state->compare_fast = true;
            state->compare_op = Flip(*op);
            state->compare_column = static_cast<const BoundReference*>(r)->index;
            state->compare_constant = Vector(static_cast<const BoundConstant*>(l)->value);
          }
          if (state->compare_fast && state->compare_constant.type().physical_type() == PhysicalType::INVALID) {
            state->compare_fast = false;
          }
        }
      }
      break;
    }
    case ExpressionClass::CAST: add(*static_cast<const BoundCast&>(e).child); break;
    case ExpressionClass::CONJUNCTION:
      for (auto& c : static_cast<const BoundConjunction&>(e).children) add(*c);
      break;
    case ExpressionClass::OPERATOR: {
      auto& op = static_cast<const BoundOperator&>(e);
      for (auto& c : op.children) add(*c);
      if ((op.type == OperatorType::IN || op.type == OperatorType::NOT_IN) && op.children.size() > kInListCompareMaxTerms + 1 &&
          op.children[0]->return_type.physical_type() != PhysicalType::INVALID) {
        state->in_list_constant = std::all_of(op.children.begin() + 1, op.children.end(), [](const ExpressionPtr& c) {
          return c->expression_class == ExpressionClass::CONSTANT || c->expression_class == ExpressionClass::PARAMETER;
        });
        state->in_list_has_parameters = std::any_of(op.children.begin() + 1, op.children.end(), [](const ExpressionPtr& c) {
          return c->expression_class == ExpressionClass::PARAMETER;
        });
      }
      break;
    }
    case ExpressionClass::CASE: {
      auto& c = static_cast<const BoundCase&>(e);
      for (auto& check : c.checks) {
        add(*check.when);
        add(*check.then);
      }
      add(*c.else_expression);
      break;
    }
  }
  state->child_results.resize(state->children.size());
  std::set<idx_t> columns;
  bool is_volatile = false;
  CollectColumns(e, columns, is_volatile);
  if (columns.size() == 1 && !is_volatile) {
    state->single_column = true;
    state->column = *columns.begin();
  }
  return state;
}

// ---- comparison selection ------------------------------------------------------------------

template <class T, CompareOp OP>
inline bool CompareOne(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, interval_t>) {
    int c = CompareValues(a, b);
    if constexpr (OP == CompareOp::EQ) return c == 0;
    if constexpr (OP == CompareOp::NE) return c != 0;
    if constexpr (OP == CompareOp::LT) return c < 0;
    if constexpr (OP == CompareOp::LE) return c <= 0;
    if constexpr (OP == CompareOp::GT) return c > 0;
    return c >= 0;
  } else {
    if constexpr (std::is_same_v<T, double>) {
      // PostgreSQL's float order: NaN = NaN, above every other value (common/float_compare.h).
      if (a != a || b != b) {
        const int c = PostgresFloatCompare(a, b);
        if constexpr (OP == CompareOp::EQ) return c == 0;
        if constexpr (OP == CompareOp::NE) return c != 0;
        if constexpr (OP == CompareOp::LT) return c < 0;
        if constexpr (OP == CompareOp::LE) return c <= 0;
        if constexpr (OP == CompareOp::GT) return c > 0;
        return c >= 0;
      }
    }
    if constexpr (OP == CompareOp::EQ) return a == b;
    if constexpr (OP == CompareOp::NE) return a != b;
    if constexpr (OP == CompareOp::LT) return a < b;
    if constexpr (OP == CompareOp::LE) return a <= b;
    if constexpr (OP == CompareOp::GT) return a > b;
    return a >= b;
  }
}

template <class T, CompareOp OP>
idx_t SelectCompareConstant(const Vector& v, idx_t count, const T& c, SelectionVector& sel) {
  sel_t* out = sel.data();
  idx_t n = 0;
  if (v.kind() == VectorKind::FLAT && v.validity().AllValid()) {
    const T* data = v.data<T>();
    for (idx_t i = 0; i < count; i++) {
      out[n] = static_cast<sel_t>(i);
      n += CompareOne<T, OP>(data[i], c);
    }
    return n;
  }
  UnifiedFormat f;
  v.ToUnified(count, f);
  const T* data = reinterpret_cast<const T*>(f.data);
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = f.sel->get_index(i);
    out[n] = static_cast<sel_t>(i);
    n += f.validity->RowIsValid(idx) && CompareOne<T, OP>(data[idx], c);
  }
  return n;
}

template <class T>
idx_t SelectCompareTyped(const Vector& v, idx_t count, const T& c, CompareOp op, SelectionVector& sel) {
  switch (op) {
    case CompareOp::EQ: return SelectCompareConstant<T, CompareOp::EQ>(v, count, c, sel);
    case CompareOp::NE: return SelectCompareConstant<T, CompareOp::NE>(v, count, c, sel);
    case CompareOp::LT: return SelectCompareConstant<T, CompareOp::LT>(v, count, c, sel);
    case CompareOp::LE: return SelectCompareConstant<T, CompareOp::LE>(v, count, c, sel);
    case CompareOp::GT: return SelectCompareConstant<T, CompareOp::GT>(v, count, c, sel);
    case CompareOp::GE: return SelectCompareConstant<T, CompareOp::GE>(v, count, c, sel);
  }
  return 0;
}

// ---- helpers --------------------------------------------------------------------------------

/// Copies row `from_row` (unified index) of a vector into row `to_row` of flat `result`.
template <class T>
inline void CopyValue(const UnifiedFormat& f, idx_t from_idx, Vector& result, idx_t to_row) {
  if (!f.validity->RowIsValid(from_idx)) {
    result.validity().SetInvalid(to_row);
    return;
  }
  result.data<T>()[to_row] = reinterpret_cast<const T*>(f.data)[from_idx];
}

void InitializeResult(Vector& result, const LogicalType& type) { result.Initialize(type, kStandardVectorSize); }

}  // namespace

// ---- evaluation -------------------------------------------------------------------------------

namespace {

void Eval(ExpressionState& s, DataChunk& input, idx_t count, Vector& result);
idx_t SelectImpl(ExpressionState& s, DataChunk& input, idx_t count, SelectionVector& sel, bool allow_dictionary);

/// Three-valued logic over BOOLEAN children: per row 0 = TRUE, 1 = NULL, 2 = FALSE.
// Out of line: its vector-sized scratch arrays must not enlarge Eval's recursive frame.
[[gnu::noinline]] void EvalConjunction(ExpressionState& s, DataChunk& input, idx_t count, Vector& result) {
  auto& conj = static_cast<const BoundConjunction&>(*s.expr);
  const bool is_and = conj.type == ConjunctionType::AND;
  // AND: any FALSE -> FALSE, else any NULL -> NULL, else TRUE. OR: symmetric with TRUE.
  uint8_t acc[kStandardVectorSize];
  std::fill(acc, acc + count, uint8_t(0));  // 0 = neutral, 1 = NULL seen, 2 = decided
  for (idx_t c = 0; c < s.children.size(); c++) {
    Vector& child = s.child_results[c];
    Eval(*s.children[c], input, count, child);
    UnifiedFormat f;
    child.ToUnified(count, f);
    const bool* data = reinterpret_cast<const bool*>(f.data);
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = f.sel->get_index(i);
      if (!f.validity->RowIsValid(idx)) {
        if (acc[i] == 0) acc[i] = 1;
      } else if (data[idx] != is_and) {
        acc[i] = 2;
      }
    }
  }
  InitializeResult(result, TypeId::BOOLEAN);
  bool* out = result.data<bool>();
  for (idx_t i = 0; i < count; i++) {
    if (acc[i] == 1) {
      result.validity().SetInvalid(i);
    } else {
      out[i] = acc[i] == 2 ? !is_and : is_and;
    }
  }
}

template <class T>
void CoalesceTyped(ExpressionState& s, idx_t count, Vector& result) {
  std::vector<UnifiedFormat> formats(s.children.size());
  for (idx_t c = 0; c < s.children.size(); c++) s.child_results[c].ToUnified(count, formats[c]);
  T* out = result.data<T>();
  for (idx_t i = 0; i < count; i++) {
    bool found = false;
    for (auto& f : formats) {
      idx_t idx = f.sel->get_index(i);
      if (f.validity->RowIsValid(idx)) {
        out[i] = reinterpret_cast<const T*>(f.data)[idx];
        found = true;
        break;
      }
    }
    if (!found) result.validity().SetInvalid(i);
  }
  if constexpr (std::is_same_v<T, string_t>) {
    for (auto& child : s.child_results) result.KeepHeapOf(child);
  }
}

template <class T, bool kNumeric>
inline bool InEqual(const T& a, const T& b) {
  if constexpr (kNumeric && std::is_same_v<T, hugeint_t>) {
    return numeric::Compare(a, b) == 0;
  } else {
    return EqualValues(a, b);
  }
}

// kNumeric: NUMERIC operands, equal by value (1.0 IN (1.00)).
template <class T, bool kNumeric = false>
void InTyped(ExpressionState& s, idx_t count, bool negate, Vector& result) {
  std::vector<UnifiedFormat> formats(s.children.size());
  for (idx_t c = 0; c < s.children.size(); c++) s.child_results[c].ToUnified(count, formats[c]);
  bool* out = result.data<bool>();
  const UnifiedFormat& probe = formats[0];
  const T* probe_data = reinterpret_cast<const T*>(probe.data);
  for (idx_t i = 0; i < count; i++) {
    idx_t pidx = probe.sel->get_index(i);
    if (!probe.validity->RowIsValid(pidx)) {
      result.validity().SetInvalid(i);
      continue;
    }
    const T& value = probe_data[pidx];
    bool found = false, saw_null = false;
    for (idx_t c = 1; c < formats.size(); c++) {
      const UnifiedFormat& f = formats[c];
      idx_t idx = f.sel->get_index(i);
      if (!f.validity->RowIsValid(idx)) {
        saw_null = true;
      } else if (InEqual<T, kNumeric>(reinterpret_cast<const T*>(f.data)[idx], value)) {
        found = true;
        break;
      }
    }
    if (found) {
      out[i] = !negate;
    } else if (saw_null) {
      result.validity().SetInvalid(i);
    } else {
      out[i] = negate;
    }
  }
}

/// The hash set of an IN list of constants and parameters (s.in_list_constant), built on first
/// use and rebuilt when the parameter values of the running execution change.
const InListSet& GetInListSet(ExpressionState& s) {
  const ParameterValues* parameters = ParameterValues::Current();
  uint64_t parameters_id = s.in_list_has_parameters && parameters ? parameters->id() : 0;
  if (s.in_set && s.in_set_parameters_id == parameters_id) return *s.in_set;
  auto& op = static_cast<const BoundOperator&>(*s.expr);
  std::vector<Value> terms;
  terms.reserve(op.children.size() - 1);
  for (idx_t c = 1; c < op.children.size(); c++) {
    const Expression& term = *op.children[c];
    if (term.expression_class == ExpressionClass::CONSTANT) {
      terms.push_back(static_cast<const BoundConstant&>(term).value);
      continue;
    }
    if (!parameters) {
      throw Exception(sqlstate::kInternalError, "parameter " + term.ToString() + " evaluated outside a prepared execution");
    }
    const Value& value = parameters->Get(static_cast<const BoundParameter&>(term).index);
    terms.push_back(value.type() == term.return_type || value.IsNull() ? value : value.CastAs(term.return_type));
  }
  s.in_set = InListSet::Make(op.children[0]->return_type, terms);
  s.in_set_parameters_id = parameters_id;
  return *s.in_set;
}

/// True if `s` is an IN list evaluated through its hash set and `probe` (children[0]'s result)
/// has the set's type.
bool UsesInListSet(const ExpressionState& s, const Vector& probe) {
  return s.in_list_constant && probe.type() == static_cast<const BoundOperator&>(*s.expr).children[0]->return_type;
}

// Out of line: its vector-sized scratch arrays must not enlarge Eval's recursive frame.
[[gnu::noinline]] void EvalOperator(ExpressionState& s, DataChunk& input, idx_t count, Vector& result) {
  auto& op = static_cast<const BoundOperator&>(*s.expr);
  if (s.in_list_constant) {
    Vector& probe = s.child_results[0];
    Eval(*s.children[0], input, count, probe);
    if (UsesInListSet(s, probe)) {
      const InListSet& set = GetInListSet(s);
      InitializeResult(result, TypeId::BOOLEAN);
      set.Evaluate(probe, count, op.type == OperatorType::NOT_IN, result);
      return;
    }
  }
  for (idx_t c = 0; c < s.children.size(); c++) Eval(*s.children[c], input, count, s.child_results[c]);
  switch (op.type) {
    case OperatorType::NOT: {
      UnifiedFormat f;
      s.child_results[0].ToUnified(count, f);
      InitializeResult(result, TypeId::BOOLEAN);
      bool* out = result.data<bool>();
      const bool* in = reinterpret_cast<const bool*>(f.data);
      for (idx_t i = 0; i < count; i++) {
        idx_t idx = f.sel->get_index(i);
        if (f.validity->RowIsValid(idx)) {
          out[i] = !in[idx];
        } else {
          result.validity().SetInvalid(i);
        }
      }
      return;
    }
    case OperatorType::IS_NULL:
    case OperatorType::IS_NOT_NULL: {
      UnifiedFormat f;
      s.child_results[0].ToUnified(count, f);
      InitializeResult(result, TypeId::BOOLEAN);
      bool* out = result.data<bool>();
      bool want_null = op.type == OperatorType::IS_NULL;
      for (idx_t i = 0; i < count; i++) out[i] = f.validity->RowIsValid(f.sel->get_index(i)) != want_null;
      return;
    }
    case OperatorType::COALESCE: {
      // Children may have been bound with slightly different types; cast to the result type.
      for (idx_t c = 0; c < s.children.size(); c++) {
        if (s.child_results[c].type() != op.return_type && s.child_results[c].type().id() != TypeId::SQLNULL) {
          Vector cast(op.return_type, kStandardVectorSize);
          CastVector(s.child_results[c], cast, count);
          s.child_results[c] = cast;
        } else if (s.child_results[c].type().id() == TypeId::SQLNULL) {
          s.child_results[c] = Vector(Value::Null(op.return_type));
        }
      }
      InitializeResult(result, op.return_type);
      if (op.return_type.physical_type() == PhysicalType::INVALID) {
        result = Vector(Value::Null(op.return_type));
        return;
      }
      DispatchPhysical(op.return_type.physical_type(), [&](auto tag) { CoalesceTyped<decltype(tag)>(s, count, result); });
      return;
    }
    case OperatorType::IN:
    case OperatorType::NOT_IN: {
      LogicalType type = s.child_results[0].type();
      for (idx_t c = 1; c < s.children.size(); c++) {
        if (s.child_results[c].type().id() == TypeId::SQLNULL) {
          s.child_results[c] = Vector(Value::Null(type));
        } else if (s.child_results[c].type() != type) {
          Vector cast(type, kStandardVectorSize);
          CastVector(s.child_results[c], cast, count);
          s.child_results[c] = cast;
        }
      }
      InitializeResult(result, TypeId::BOOLEAN);
      if (type.physical_type() == PhysicalType::INVALID) {  // NULL IN (...)
        result = Vector(Value::Null(TypeId::BOOLEAN));
        return;
      }
      bool negate = op.type == OperatorType::NOT_IN;
      if (type.id() == TypeId::NUMERIC) {
        InTyped<hugeint_t, true>(s, count, negate, result);
        return;
      }
      DispatchPhysical(type.physical_type(), [&](auto tag) { InTyped<decltype(tag)>(s, count, negate, result); });
      return;
    }
  }
}

template <class T>
void ScatterTyped(const Vector& source, idx_t count, const sel_t* targets, Vector& result) {
  UnifiedFormat f;
  source.ToUnified(count, f);
  for (idx_t j = 0; j < count; j++) CopyValue<T>(f, f.sel->get_index(j), result, targets[j]);
  if constexpr (std::is_same_v<T, string_t>) result.KeepHeapOf(source);
}

/// Writes the rows of `value` (count rows) into result rows targets[0..count).
void Scatter(const Vector& value, idx_t count, const sel_t* targets, Vector& result) {
  if (count == 0) return;
  if (value.type().physical_type() == PhysicalType::INVALID) {  // SQLNULL constant
    for (idx_t j = 0; j < count; j++) result.validity().SetInvalid(targets[j]);
    return;
  }
  const Vector* source = &value;
  Vector cast;
  if (value.type() != result.type()) {
    cast.Initialize(result.type(), kStandardVectorSize);
    CastVector(value, cast, count);
    source = &cast;
  }
  DispatchPhysical(result.type().physical_type(), [&](auto tag) { ScatterTyped<decltype(tag)>(*source, count, targets, result); });
}

// Out of line: its vector-sized scratch arrays must not enlarge Eval's recursive frame.
[[gnu::noinline]] void EvalCase(ExpressionState& s, DataChunk& input, idx_t count, Vector& result) {
  auto& expr = static_cast<const BoundCase&>(*s.expr);
  InitializeResult(result, expr.return_type);
  if (expr.return_type.physical_type() == PhysicalType::INVALID) {
    result = Vector(Value::Null(expr.return_type));
    return;
  }
  // remaining: input rows not yet decided.
  std::vector<sel_t> remaining(count);
  for (idx_t i = 0; i < count; i++) remaining[i] = static_cast<sel_t>(i);
  idx_t remaining_count = count;
  SelectionVector true_sel(kStandardVectorSize);
  std::vector<uint8_t> is_true(kStandardVectorSize);
  std::vector<sel_t> targets(kStandardVectorSize);
  for (idx_t c = 0; c < expr.checks.size() && remaining_count > 0; c++) {
    DataChunk subset;
    subset.Reference(input);
    if (remaining_count < count) subset.Slice(SelectionVector(remaining.data()), remaining_count);
    subset.SetCardinality(remaining_count);
    idx_t n_true = SelectImpl(*s.children[2 * c], subset, remaining_count, true_sel, false);
    if (n_true == 0) continue;
    DataChunk matched;
    matched.Reference(subset);
    if (n_true < remaining_count) matched.Slice(true_sel, n_true);
    matched.SetCardinality(n_true);
    Vector then_result;
    Eval(*s.children[2 * c + 1], matched, n_true, then_result);
    std::fill(is_true.begin(), is_true.begin() + remaining_count, uint8_t(0));
    for (idx_t j = 0; j < n_true; j++) {
      sel_t local = true_sel.get_index(j);
      is_true[local] = 1;
      targets[j] = remaining[local];
    }
    Scatter(then_result, n_true, targets.data(), result);
    idx_t kept = 0;
    for (idx_t j = 0; j < remaining_count; j++) {
      if (!is_true[j]) remaining[kept++] = remaining[j];
    }
    remaining_count = kept;
  }
  if (remaining_count > 0) {
    DataChunk subset;
    subset.Reference(input);
    if (remaining_count < count) subset.Slice(SelectionVector(remaining.data()), remaining_count);
    subset.SetCardinality(remaining_count);
    Vector else_result;
    Eval(*s.children.back(), subset, remaining_count, else_result);
    Scatter(else_result, remaining_count, remaining.data(), result);
  }
}

void Eval(ExpressionState& s, DataChunk& input, idx_t count, Vector& result) {
  CheckStackDepth();
  const Expression& e = *s.expr;
  switch (e.expression_class) {
    case ExpressionClass::CONSTANT:
      result.Reference(s.constant);
      return;
    case ExpressionClass::PARAMETER: {
      // Constant within one execution: looked up once per state and execution.
      const ParameterValues* parameters = ParameterValues::Current();
      if (!parameters) {
        throw Exception(sqlstate::kInternalError, "parameter " + e.ToString() + " evaluated outside a prepared execution");
      }
      if (s.parameters_id != parameters->id()) {
        const Value& value = parameters->Get(static_cast<const BoundParameter&>(e).index);
        s.constant = Vector(value.type() == e.return_type ? value : value.CastAs(e.return_type));
        s.parameters_id = parameters->id();
      }
      result.Reference(s.constant);
      return;
    }
    case ExpressionClass::COLUMN_REF:
    case ExpressionClass::SUBQUERY:
      throw Exception(sqlstate::kInternalError, "unresolved expression " + e.ToString() + " reached the executor");
    case ExpressionClass::REFERENCE: {
      idx_t index = static_cast<const BoundReference&>(e).index;
      if (index >= input.ColumnCount()) {
        throw Exception(sqlstate::kInternalError, "column reference #" + std::to_string(index) + " out of range (" +
                                                      std::to_string(input.ColumnCount()) + " input columns)");
      }
      result.Reference(input.data[index]);
      return;
    }
    case ExpressionClass::FUNCTION: {
      auto& f = static_cast<const BoundFunction&>(e);
      for (idx_t c = 0; c < s.children.size(); c++) Eval(*s.children[c], input, count, s.arguments.data[c]);
      s.arguments.SetCardinality(count);
      InitializeResult(result, e.return_type);
      if (!f.function.kernel) throw Exception(sqlstate::kInternalError, "function " + f.function.name + " has no kernel");
      f.function.kernel(s.arguments, result);
      return;
    }
    case ExpressionClass::CAST: {
      auto& c = static_cast<const BoundCast&>(e);
      Vector& child = s.child_results[0];
      Eval(*s.children[0], input, count, child);
      if (child.type() == e.return_type) {
        result.Reference(child);
        return;
      }
      if (child.type().id() == TypeId::SQLNULL || e.return_type.physical_type() == PhysicalType::INVALID) {
        result = Vector(Value::Null(e.return_type));
        return;
      }
      InitializeResult(result, e.return_type);
      CastVector(child, result, count, c.try_cast);
      return;
    }
    case ExpressionClass::CONJUNCTION: EvalConjunction(s, input, count, result); return;
    case ExpressionClass::OPERATOR: EvalOperator(s, input, count, result); return;
    case ExpressionClass::CASE: EvalCase(s, input, count, result); return;
  }
}

idx_t SelectGeneric(ExpressionState& s, DataChunk& input, idx_t count, SelectionVector& sel) {
  if (s.expr->expression_class == ExpressionClass::CONJUNCTION &&
      static_cast<const BoundConjunction&>(*s.expr).type == ConjunctionType::AND) {
    // Narrow conjunct by conjunct: later conjuncts see only surviving rows.
    SelectionVector current(kStandardVectorSize), child_sel(kStandardVectorSize);
    idx_t n = count;
    for (idx_t c = 0; c < s.children.size(); c++) {
      DataChunk subset;
      subset.Reference(input);
      if (c > 0 && n < count) subset.Slice(current, n);
      subset.SetCardinality(n);
      idx_t m = SelectImpl(*s.children[c], subset, n, child_sel, true);
      if (c == 0 || n == count) {
        for (idx_t j = 0; j < m; j++) current.set_index(j, child_sel.get_index(j));
      } else {
        for (idx_t j = 0; j < m; j++) current.set_index(j, current.get_index(child_sel.get_index(j)));
      }
      n = m;
      if (n == 0) return 0;
    }
    for (idx_t j = 0; j < n; j++) sel.set_index(j, current.get_index(j));
    return n;
  }
  if (s.in_list_constant) {
    Vector& probe = s.child_results[0];
    Eval(*s.children[0], input, count, probe);
    if (UsesInListSet(s, probe)) {
      bool negate = static_cast<const BoundOperator&>(*s.expr).type == OperatorType::NOT_IN;
      return GetInListSet(s).Select(probe, count, negate, sel);
    }
  }
  if (s.compare_fast) {
    const Vector& column = input.data[s.compare_column];
    const Vector& constant = s.compare_constant;
    if (!constant.validity().RowIsValid(0)) return 0;
    return DispatchPhysical(constant.type().physical_type(), [&](auto tag) -> idx_t {
      using T = decltype(tag);
      return SelectCompareTyped<T>(column, count, constant.data<T>()[0], s.compare_op, sel);
    });
  }
  Vector result;
  Eval(s, input, count, result);
  UnifiedFormat f;
  result.ToUnified(count, f);
  const bool* data = reinterpret_cast<const bool*>(f.data);
  idx_t n = 0;
  sel_t* out = sel.data();
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = f.sel->get_index(i);
    out[n] = static_cast<sel_t>(i);
    n += f.validity->RowIsValid(idx) && data[idx];
  }
  return n;
}

idx_t SelectImpl(ExpressionState& s, DataChunk& input, idx_t count, SelectionVector& sel, bool allow_dictionary) {
  CheckStackDepth();
  if (count == 0) return 0;
  if (allow_dictionary && s.single_column && count >= 32 && s.column < input.ColumnCount() &&
      input.data[s.column].kind() == VectorKind::DICTIONARY && input.data[s.column].dictionary().kind() == VectorKind::FLAT) {
    const Vector& vector = input.data[s.column];
    const SelectionVector& indices = vector.selection();
    const Vector& dictionary = vector.dictionary();
    idx_t max_index = 0;
    for (idx_t i = 0; i < count; i++) max_index = std::max<idx_t>(max_index, indices.get_index(i));
    idx_t dictionary_count = max_index + 1;
    auto& cache = s.cache;
    // The answers depend on the parameters too (one execution's, normally for the state's life).
    const ParameterValues* parameters = ParameterValues::Current();
    uint64_t parameters_id = parameters ? parameters->id() : 0;
    bool cached = cache.valid && cache.data == dictionary.data<uint8_t>() && dictionary_count <= cache.count &&
                  cache.parameters_id == parameters_id;
    if (!cached && dictionary_count <= count && dictionary_count <= kStandardVectorSize) {
      DataChunk entries;
      entries.data.resize(input.ColumnCount());
      entries.data[s.column] = dictionary;
      entries.SetCardinality(dictionary_count);
      SelectionVector entry_sel(kStandardVectorSize);
      idx_t m = SelectImpl(s, entries, dictionary_count, entry_sel, false);
      cache.match.assign(dictionary_count, 0);
      for (idx_t j = 0; j < m; j++) cache.match[entry_sel.get_index(j)] = 1;
      cache.holder = dictionary;
      cache.data = dictionary.data<uint8_t>();
      cache.count = dictionary_count;
      cache.parameters_id = parameters_id;
      cache.valid = true;
      cached = true;
    }
    if (cached) {
      const uint8_t* match = cache.match.data();
      sel_t* out = sel.data();
      idx_t n = 0;
      for (idx_t i = 0; i < count; i++) {
        out[n] = static_cast<sel_t>(i);
        n += match[indices.get_index(i)];
      }
      return n;
    }
  }
  return SelectGeneric(s, input, count, sel);
}

}  // namespace

ExpressionExecutor::ExpressionExecutor() = default;
ExpressionExecutor::ExpressionExecutor(const Expression& expression) { AddExpression(expression); }
ExpressionExecutor::ExpressionExecutor(const std::vector<ExpressionPtr>& expressions) {
  for (auto& e : expressions) AddExpression(*e);
}
ExpressionExecutor::~ExpressionExecutor() = default;
ExpressionExecutor::ExpressionExecutor(ExpressionExecutor&&) noexcept = default;
ExpressionExecutor& ExpressionExecutor::operator=(ExpressionExecutor&&) noexcept = default;

idx_t ExpressionExecutor::AddExpression(const Expression& expression) {
  states_.push_back(BuildState(expression));
  return states_.size() - 1;
}

void ExpressionExecutor::Execute(idx_t index, DataChunk& input, Vector& result) {
  idx_t count = input.size();
  if (count > kStandardVectorSize) throw Exception(sqlstate::kInternalError, "chunk larger than the vector size");
  Eval(*states_[index], input, count, result);
}

void ExpressionExecutor::Execute(DataChunk& input, DataChunk& output) {
  if (output.data.size() < states_.size()) output.data.resize(states_.size());
  for (idx_t i = 0; i < states_.size(); i++) Execute(i, input, output.data[i]);
  output.SetCardinality(input.size());
}

idx_t ExpressionExecutor::Select(idx_t index, DataChunk& input, SelectionVector& true_sel) {
  return SelectImpl(*states_[index], input, input.size(), true_sel, true);
}

}  // namespace cairn
