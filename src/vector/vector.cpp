// Vector: flat, constant and dictionary column vectors (see include/cairn/vector.h).
#include "cairn/vector.h"

#include <algorithm>

#include "cairn/exception.h"

namespace cairn {

namespace {

// Row indexes of zeros, used as the selection of a CONSTANT vector.
const sel_t* ZeroSelection() {
  static const std::vector<sel_t> zeros(kStandardVectorSize, 0);
  return zeros.data();
}

}  // namespace

Vector::Vector(LogicalType type, idx_t capacity) { Initialize(std::move(type), capacity); }

Vector::Vector(const Value& value) { SetConstant(value); }

void Vector::Initialize(LogicalType type, idx_t capacity) {
  type_ = std::move(type);
  kind_ = VectorKind::FLAT;
  capacity_ = capacity;
  idx_t bytes = type_.PhysicalSize() * std::max<idx_t>(capacity, 1);
  // Value-initialized so that unwritten string slots are valid empty strings.
  buffer_ = std::shared_ptr<uint8_t[]>(new uint8_t[bytes]());
  data_ = buffer_.get();
  validity_.Reset();
  heap_.reset();
  dictionary_.reset();
  selection_ = SelectionVector();
}

StringHeap& Vector::heap() {
  if (!heap_) heap_ = std::make_shared<StringHeap>();
  return *heap_;
}

void Vector::KeepHeapOf(const Vector& other) {
  const std::shared_ptr<StringHeap>* source = &other.heap_;
  if (other.kind_ == VectorKind::DICTIONARY && other.dictionary_) source = &other.dictionary_->heap_;
  if (!*source || *source == heap_) return;
  heap().KeepAlive(*source);
}

void Vector::SetConstant(const Value& value) {
  LogicalType type = value.type();
  Initialize(type, 1);
  kind_ = VectorKind::CONSTANT;
  capacity_ = 1;
  if (value.IsNull()) {
    validity_.SetInvalid(0);
    return;
  }
  SetValueUnchecked(0, value);
}

void Vector::SetValue(idx_t row, const Value& value) {
  if (value.IsNull()) {
    validity_.SetInvalid(row);
    return;
  }
  validity_.SetValid(row);
  SetValueUnchecked(row, value);
}

void Vector::SetValueUnchecked(idx_t row, const Value& value) {
  switch (type_.physical_type()) {
    case PhysicalType::BOOL:
      data<bool>()[row] = value.GetBool();
      break;
    case PhysicalType::INT32:
      data<int32_t>()[row] = static_cast<int32_t>(value.GetInt64());
      break;
    case PhysicalType::INT64:
      data<int64_t>()[row] = value.GetInt64();
      break;
    case PhysicalType::INT128:
      data<hugeint_t>()[row] = value.GetInt128();
      break;
    case PhysicalType::DOUBLE:
      data<double>()[row] = value.GetDouble();
      break;
    case PhysicalType::STRING:
      data<string_t>()[row] = AddString(value.GetString());
      break;
    case PhysicalType::INTERVAL:
      data<interval_t>()[row] = value.GetInterval();
      break;
    case PhysicalType::INVALID:
      throw Exception(sqlstate::kInternalError, "cannot store a value of type " + type_.ToString());
  }
}

void Vector::Slice(const SelectionVector& sel, idx_t count) {
  if (kind_ == VectorKind::CONSTANT) return;
  SelectionVector owned(std::max<idx_t>(count, 1));
  if (kind_ == VectorKind::DICTIONARY) {
    for (idx_t i = 0; i < count; i++) owned.set_index(i, selection_.get_index(sel.get_index(i)));
    selection_ = std::move(owned);
    return;
  }
  for (idx_t i = 0; i < count; i++) owned.set_index(i, sel.get_index(i));
  auto dictionary = std::make_shared<Vector>(*this);
  SetDictionary(std::move(dictionary), std::move(owned));
}

void Vector::SetDictionary(std::shared_ptr<Vector> dictionary, SelectionVector sel) {
  type_ = dictionary->type_;
  kind_ = VectorKind::DICTIONARY;
  dictionary_ = std::move(dictionary);
  selection_ = std::move(sel);
  buffer_.reset();
  data_ = nullptr;
  validity_.Reset();
  heap_.reset();
  capacity_ = kStandardVectorSize;
}

void Vector::ToUnified(idx_t count, UnifiedFormat& out) const {
  switch (kind_) {
    case VectorKind::FLAT:
      out.data = data_;
      out.sel = &SelectionVector::Incremental();
      out.validity = &validity_;
      return;
    case VectorKind::CONSTANT:
      out.data = data_;
      if (count <= kStandardVectorSize) {
        out.owned_sel = SelectionVector(ZeroSelection());
      } else {
        out.owned_sel.Initialize(count);
        std::fill(out.owned_sel.data(), out.owned_sel.data() + count, 0);
      }
      out.sel = &out.owned_sel;
      out.validity = &validity_;
      return;
    case VectorKind::DICTIONARY:
      out.data = dictionary_->data_;
      out.sel = &selection_;
      out.validity = &dictionary_->validity_;
      return;
  }
}

void Vector::Flatten(idx_t count) {
  if (kind_ == VectorKind::FLAT) return;
  Vector source = *this;  // keeps the old buffers alive while copying
  Initialize(type_, std::max<idx_t>(count, kStandardVectorSize));
  CopyFrom(source, SelectionVector::Incremental(), count, 0);
}

void Vector::CopyFrom(const Vector& source, const SelectionVector& sel, idx_t count, idx_t target_offset) {
  UnifiedFormat unified;
  source.ToUnified(count == 0 ? 0 : std::max<idx_t>(count, 1), unified);
  // A constant source may be read at any selected row: every index maps to 0.
  const bool constant = source.kind_ == VectorKind::CONSTANT;
  const idx_t width = type_.PhysicalSize();
  auto source_index = [&](idx_t i) -> idx_t {
    return constant ? 0 : unified.sel->get_index(sel.get_index(i));
  };
  switch (width) {
    case 1:
      for (idx_t i = 0; i < count; i++) data_[target_offset + i] = unified.data[source_index(i)];
      break;
    case 4: {
      auto* target = reinterpret_cast<uint32_t*>(data_) + target_offset;
      auto* from = reinterpret_cast<const uint32_t*>(unified.data);
      for (idx_t i = 0; i < count; i++) target[i] = from[source_index(i)];
      break;
    }
    case 8: {
      auto* target = reinterpret_cast<uint64_t*>(data_) + target_offset;
      auto* from = reinterpret_cast<const uint64_t*>(unified.data);
      for (idx_t i = 0; i < count; i++) target[i] = from[source_index(i)];
      break;
    }
    default:
      for (idx_t i = 0; i < count; i++) {
        std::memcpy(data_ + (target_offset + i) * width, unified.data + source_index(i) * width, width);
      }
      break;
  }
  if (!unified.validity->AllValid()) {
    for (idx_t i = 0; i < count; i++) {
      if (!unified.validity->RowIsValid(source_index(i))) {
        validity_.EnsureWritable(capacity_);
        validity_.SetInvalid(target_offset + i);
      } else {
        validity_.SetValid(target_offset + i);
      }
    }
  } else if (!validity_.AllValid()) {
    for (idx_t i = 0; i < count; i++) validity_.SetValid(target_offset + i);
  }
  if (type_.physical_type() == PhysicalType::STRING) KeepHeapOf(source);
}

Value Vector::GetValue(idx_t row) const {
  const Vector* vector = this;
  idx_t index = row;
  if (kind_ == VectorKind::CONSTANT) {
    index = 0;
  } else if (kind_ == VectorKind::DICTIONARY) {
    vector = dictionary_.get();
    index = selection_.get_index(row);
  }
  if (!vector->validity_.RowIsValid(index)) return Value::Null(type_);
  const uint8_t* base = vector->data_;
  switch (type_.physical_type()) {
    case PhysicalType::BOOL:
      return Value::Boolean(reinterpret_cast<const bool*>(base)[index]);
    case PhysicalType::INT32:
      return Value::FromPhysical(type_, reinterpret_cast<const int32_t*>(base)[index]);
    case PhysicalType::INT64:
      return Value::FromPhysical(type_, reinterpret_cast<const int64_t*>(base)[index]);
    case PhysicalType::INT128:
      return Value::FromPhysical128(type_, reinterpret_cast<const hugeint_t*>(base)[index]);
    case PhysicalType::DOUBLE:
      return Value::FromPhysicalDouble(type_, reinterpret_cast<const double*>(base)[index]);
    case PhysicalType::STRING:
      return Value::FromPhysicalString(type_, reinterpret_cast<const string_t*>(base)[index].ToString());
    case PhysicalType::INTERVAL:
      return Value::Interval(reinterpret_cast<const interval_t*>(base)[index]);
    case PhysicalType::INVALID:
      break;
  }
  throw Exception(sqlstate::kInternalError, "cannot read a value of type " + type_.ToString());
}

std::string Vector::ToString(idx_t count) const {
  std::string result = type_.ToString() + " [";
  for (idx_t i = 0; i < count; i++) {
    if (i) result += ", ";
    result += GetValue(i).ToString();
  }
  return result + "]";
}

}  // namespace cairn
