#include "common/float_compare.h"
#include "parquet/parquet_scan_filter.h"

#include <functional>

#include "cairn/exception.h"

namespace cairn::parquet {

namespace {

bool Comparable(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::BOOLEAN:
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::BIGINT:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
    case TypeId::UINTEGER:
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
    case TypeId::FLOAT:
    case TypeId::DOUBLE:
    case TypeId::DECIMAL:
    case TypeId::VARCHAR:
    case TypeId::BLOB:
    case TypeId::UUID:
    case TypeId::DATE:
    case TypeId::TIME:
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ: break;
    default: return false;
  }
  switch (type.physical_type()) {
    case PhysicalType::BOOL:
    case PhysicalType::INT32:
    case PhysicalType::INT64:
    case PhysicalType::INT128:
    case PhysicalType::DOUBLE:
    case PhysicalType::STRING: return true;
    default: return false;
  }
}

/// keep[i] &= row valid ? cmp(data[row], constant) : nulls_pass, row = sel ? sel[i] : i.
template <class T, class Cmp>
void Kernel(const T* data, const ValidityMask& validity, const sel_t* sel, idx_t count, const T& constant,
            uint8_t* keep, bool nulls_pass, Cmp cmp) {
  if (validity.AllValid()) {
    if (sel) {
      for (idx_t i = 0; i < count; i++) keep[i] &= static_cast<uint8_t>(cmp(data[sel[i]], constant));
    } else {
      for (idx_t i = 0; i < count; i++) keep[i] &= static_cast<uint8_t>(cmp(data[i], constant));
    }
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t row = sel ? sel[i] : i;
    keep[i] &= static_cast<uint8_t>(validity.RowIsValid(row) ? cmp(data[row], constant) : nulls_pass);
  }
}

template <class T>
void KernelForOp(TableFilter::Op op, const T* data, const ValidityMask& validity, const sel_t* sel, idx_t count,
                 const T& constant, uint8_t* keep, bool nulls_pass) {
  using Op = TableFilter::Op;
  if constexpr (std::is_same_v<T, double>) {
    // PostgreSQL's float order (NaN = NaN, above every other value), as the FILTER evaluates it.
    auto by = [&](auto accept) {
      Kernel(data, validity, sel, count, constant, keep, nulls_pass,
             [accept](double a, double b) { return accept(PostgresFloatCompare(a, b)); });
    };
    switch (op) {
      case Op::EQUAL: return by([](int c) { return c == 0; });
      case Op::NOT_EQUAL: return by([](int c) { return c != 0; });
      case Op::LESS: return by([](int c) { return c < 0; });
      case Op::LESS_EQUAL: return by([](int c) { return c <= 0; });
      case Op::GREATER: return by([](int c) { return c > 0; });
      case Op::GREATER_EQUAL: return by([](int c) { return c >= 0; });
      default: throw Exception(sqlstate::kInternalError, "IS [NOT] NULL reached a comparison kernel");
    }
  }
  switch (op) {
    case Op::EQUAL: return Kernel(data, validity, sel, count, constant, keep, nulls_pass, std::equal_to<T>());
    case Op::NOT_EQUAL: return Kernel(data, validity, sel, count, constant, keep, nulls_pass, std::not_equal_to<T>());
    case Op::LESS: return Kernel(data, validity, sel, count, constant, keep, nulls_pass, std::less<T>());
    case Op::LESS_EQUAL: return Kernel(data, validity, sel, count, constant, keep, nulls_pass, std::less_equal<T>());
    case Op::GREATER: return Kernel(data, validity, sel, count, constant, keep, nulls_pass, std::greater<T>());
    case Op::GREATER_EQUAL: return Kernel(data, validity, sel, count, constant, keep, nulls_pass, std::greater_equal<T>());
    default: throw Exception(sqlstate::kInternalError, "IS [NOT] NULL reached a comparison kernel");
  }
}

}  // namespace

std::optional<ParquetScanFilter> ParquetScanFilter::Make(const TableFilter& filter, const LogicalType& type,
                                                        bool nulls_pass) {
  using Op = TableFilter::Op;
  if (filter.op == Op::IS_NULL || filter.op == Op::IS_NOT_NULL) return ParquetScanFilter(filter.op, type, Value());
  if (filter.constant.IsNull() || !Comparable(type)) return std::nullopt;
  Value constant = filter.constant;
  if (constant.type() != type) {
    // Only a conversion that loses nothing keeps the comparison's meaning (10.505 must not
    // become 10.51 for a DECIMAL(9,2) column).
    try {
      constant = filter.constant.CastAs(type);
      if (constant.IsNull() || !(constant.CastAs(filter.constant.type()) == filter.constant)) return std::nullopt;
    } catch (const Exception&) {
      return std::nullopt;
    }
  }
  ParquetScanFilter result(filter.op, type, constant);
  result.nulls_pass_ = nulls_pass;
  if (type.physical_type() == PhysicalType::STRING) result.string_constant_ = constant.GetString();
  return result;
}

ParquetScanFilter ParquetScanFilter::ForJoinKeys(std::shared_ptr<const JoinKeyFilter> keys) {
  ParquetScanFilter result(TableFilter::Op::EQUAL, keys->type(), Value());
  result.nulls_pass_ = keys->nulls_pass();
  result.join_keys_ = std::move(keys);
  return result;
}

void ParquetScanFilter::ApplyFlat(const uint8_t* data, const ValidityMask& validity, const sel_t* sel, idx_t count,
                                  uint8_t* keep) const {
  using Op = TableFilter::Op;
  if (join_keys_) return join_keys_->Apply(data, validity, sel, count, keep);
  if (op_ == Op::IS_NULL || op_ == Op::IS_NOT_NULL) {
    const uint8_t want_valid = op_ == Op::IS_NOT_NULL;
    if (validity.AllValid()) {
      if (!want_valid) std::memset(keep, 0, count);
      return;
    }
    for (idx_t i = 0; i < count; i++) {
      keep[i] &= static_cast<uint8_t>(validity.RowIsValid(sel ? sel[i] : i) == want_valid);
    }
    return;
  }
  switch (type_.physical_type()) {
    case PhysicalType::BOOL: {
      bool c = constant_.GetBool();
      return KernelForOp(op_, reinterpret_cast<const bool*>(data), validity, sel, count, c, keep, nulls_pass_);
    }
    case PhysicalType::INT32: {
      auto c = static_cast<int32_t>(constant_.GetInt64());
      return KernelForOp(op_, reinterpret_cast<const int32_t*>(data), validity, sel, count, c, keep, nulls_pass_);
    }
    case PhysicalType::INT64: {
      int64_t c = constant_.GetInt64();
      return KernelForOp(op_, reinterpret_cast<const int64_t*>(data), validity, sel, count, c, keep, nulls_pass_);
    }
    case PhysicalType::INT128: {
      hugeint_t c = constant_.GetInt128();
      return KernelForOp(op_, reinterpret_cast<const hugeint_t*>(data), validity, sel, count, c, keep, nulls_pass_);
    }
    case PhysicalType::DOUBLE: {
      double c = constant_.GetDouble();
      return KernelForOp(op_, reinterpret_cast<const double*>(data), validity, sel, count, c, keep, nulls_pass_);
    }
    case PhysicalType::STRING: {
      string_t c(string_constant_.data(), static_cast<uint32_t>(string_constant_.size()));
      return KernelForOp(op_, reinterpret_cast<const string_t*>(data), validity, sel, count, c, keep, nulls_pass_);
    }
    default: throw Exception(sqlstate::kInternalError, "unsupported type in Parquet scan filter");
  }
}

void ParquetScanFilter::Apply(const Vector& vector, idx_t count, uint8_t* keep) {
  if (count == 0) return;
  if (vector.kind() == VectorKind::DICTIONARY && vector.dictionary().kind() == VectorKind::FLAT) {
    const Vector& dictionary = vector.dictionary();
    if (!has_dictionary_ || dictionary.data<uint8_t>() != dictionary_.data<uint8_t>()) {
      // Once per dictionary: which entries pass. Holding dictionary_ keeps its buffer (and so
      // the address compared above) from being reused by another dictionary.
      dictionary_ = dictionary;
      has_dictionary_ = true;
      dictionary_keep_.assign(dictionary.capacity(), 1);
      ApplyFlat(dictionary.data<uint8_t>(), dictionary.validity(), nullptr, dictionary.capacity(), dictionary_keep_.data());
    }
    const sel_t* sel = vector.selection().data();
    const uint8_t* entry_keep = dictionary_keep_.data();
    const idx_t entries = dictionary_keep_.size();
    for (idx_t i = 0; i < count; i++) {
      sel_t entry = sel ? sel[i] : static_cast<sel_t>(i);
      keep[i] &= entry < entries ? entry_keep[entry] : uint8_t(1);
    }
    return;
  }
  UnifiedFormat format;
  vector.ToUnified(count, format);
  ApplyFlat(format.data, *format.validity, format.sel->data(), count, keep);
}

}  // namespace cairn::parquet
