#include "text_batch.h"

#include <charconv>

#include "cairn/value.h"
#include "cairn/vector.h"

namespace cairn::shell {
namespace {

CellKind KindOf(const LogicalType& type) {
  if (type.id() == TypeId::BOOLEAN) return CellKind::kBoolean;
  if (type.IsNumeric()) return CellKind::kNumber;
  return CellKind::kText;
}

template <class T>
void FormatIntegers(const Vector& vector, size_t count, TextColumn& out) {
  UnifiedFormat format;
  vector.ToUnified(count, format);
  const T* data = reinterpret_cast<const T*>(format.data);
  char buffer[32];
  for (size_t row = 0; row < count; ++row) {
    sel_t index = format.sel->get_index(row);
    if (!format.validity->RowIsValid(index)) {
      out.nulls[row] = 1;
      out.cells[row].clear();
      continue;
    }
    out.nulls[row] = 0;
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), data[index]);
    out.cells[row].assign(buffer, end);
  }
}

void FormatStrings(const Vector& vector, size_t count, TextColumn& out) {
  UnifiedFormat format;
  vector.ToUnified(count, format);
  const string_t* data = reinterpret_cast<const string_t*>(format.data);
  for (size_t row = 0; row < count; ++row) {
    sel_t index = format.sel->get_index(row);
    if (!format.validity->RowIsValid(index)) {
      out.nulls[row] = 1;
      out.cells[row].clear();
      continue;
    }
    out.nulls[row] = 0;
    out.cells[row].assign(data[index].data(), data[index].size());
  }
}

void FormatValues(const Vector& vector, size_t count, TextColumn& out) {
  for (size_t row = 0; row < count; ++row) {
    Value value = vector.GetValue(row);
    if (value.IsNull()) {
      out.nulls[row] = 1;
      out.cells[row].clear();
    } else {
      out.nulls[row] = 0;
      out.cells[row] = value.ToString();
    }
  }
}

}  // namespace

std::vector<ColumnInfo> DescribeColumns(const std::vector<std::string>& names, const std::vector<LogicalType>& types) {
  std::vector<ColumnInfo> columns;
  columns.reserve(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    ColumnInfo info;
    info.name = names[i];
    if (i < types.size()) {
      info.type_name = types[i].ToString();
      info.kind = KindOf(types[i]);
    }
    columns.push_back(std::move(info));
  }
  return columns;
}

void FormatChunk(const DataChunk& chunk, TextBatch& out) {
  size_t count = chunk.size();
  out.Resize(chunk.ColumnCount(), count);
  for (size_t column = 0; column < chunk.ColumnCount(); ++column) {
    const Vector& vector = chunk.data[column];
    const LogicalType& type = vector.type();
    TextColumn& target = out.columns[column];
    if (type.IsIntegral() && type.physical_type() == PhysicalType::INT32) {
      FormatIntegers<int32_t>(vector, count, target);
    } else if (type.IsIntegral() && type.physical_type() == PhysicalType::INT64) {
      FormatIntegers<int64_t>(vector, count, target);
    } else if (type.id() == TypeId::VARCHAR) {
      FormatStrings(vector, count, target);
    } else {
      FormatValues(vector, count, target);
    }
  }
}

}  // namespace cairn::shell
