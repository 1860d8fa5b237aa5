#include "storage/wal_commit_record.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "cairn/exception.h"
#include "vector/chunk_serializer.h"

namespace cairn {

namespace {

constexpr uint8_t kCommitRecord = 1;
constexpr uint8_t kPartRecord = 2;

void PutU32(std::string& out, uint32_t value) {
  for (int i = 0; i < 4; i++) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}
void PutU64(std::string& out, uint64_t value) {
  for (int i = 0; i < 8; i++) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& what) : bytes_(bytes), what_(what) {}
  uint8_t U8() {
    Need(1);
    uint8_t v = static_cast<uint8_t>(bytes_[offset_]);
    offset_ += 1;
    return v;
  }
  uint32_t U32() {
    Need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v |= static_cast<uint32_t>(static_cast<uint8_t>(bytes_[offset_ + i])) << (8 * i);
    offset_ += 4;
    return v;
  }
  uint64_t U64() {
    Need(8);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= static_cast<uint64_t>(static_cast<uint8_t>(bytes_[offset_ + i])) << (8 * i);
    offset_ += 8;
    return v;
  }
  std::string_view Rest() const { return bytes_.substr(offset_); }
  void Skip(size_t n) { offset_ += n; }
  size_t remaining() const { return bytes_.size() - offset_; }
  [[noreturn]] void Fail(const std::string& message) const {
    throw Exception(sqlstate::kDataCorrupted, fmt::format("{}: {} at payload byte {}", what_, message, offset_));
  }

 private:
  void Need(size_t n) const {
    if (bytes_.size() - offset_ < n) Fail("truncated commit record");
  }
  std::string_view bytes_;
  const std::string& what_;
  size_t offset_ = 0;
};

}  // namespace

namespace {

void EncodeRecord(uint8_t kind, const std::vector<TableChanges>& changes, std::string& out) {
  out.push_back(static_cast<char>(kind));
  PutU32(out, static_cast<uint32_t>(changes.size()));
  for (const auto& table : changes) {
    PutU64(out, table.table.value);
    PutU64(out, table.base_positions);
    const auto& ranges = table.deleted;
    PutU32(out, static_cast<uint32_t>(ranges.size()));
    for (const auto& [start, count] : ranges) {
      PutU64(out, start);
      PutU64(out, count);
    }
    PutU32(out, static_cast<uint32_t>(table.appended.size()));
    for (const auto& chunk : table.appended) ChunkSerializer::Serialize(chunk, out);
  }
}

}  // namespace

std::vector<std::string> EncodeCommitRecords(const std::vector<TableChanges>& changes, size_t part_bytes) {
  // Parts hold whole chunks of appended rows; the deleted ranges travel in the first part of
  // their table. Every part repeats the table id and base so it stands on its own.
  std::vector<std::string> records;
  std::vector<TableChanges> current;
  size_t current_bytes = 0;
  auto flush = [&](uint8_t kind) {
    std::string payload;
    EncodeRecord(kind, current, payload);
    records.push_back(std::move(payload));
    current.clear();
    current_bytes = 0;
  };
  for (const auto& table : changes) {
    TableChanges piece;
    piece.table = table.table;
    piece.base_positions = table.base_positions;
    piece.deleted = table.deleted;
    current_bytes += 16 * table.deleted.size();
    for (const auto& chunk : table.appended) {
      size_t bytes = 0;
      for (idx_t c = 0; c < chunk.ColumnCount(); c++) bytes += chunk.size() * (chunk.data[c].type().PhysicalSize() + 8);
      if (current_bytes + bytes > part_bytes && (current_bytes > 0 || !piece.appended.empty())) {
        current.push_back(std::move(piece));
        flush(kPartRecord);
        piece = TableChanges{};
        piece.table = table.table;
        piece.base_positions = table.base_positions;
      }
      DataChunk copy;
      copy.Reference(chunk);
      piece.appended.push_back(std::move(copy));
      current_bytes += bytes;
    }
    current.push_back(std::move(piece));
  }
  flush(kCommitRecord);
  return records;
}

void MergeCommitParts(std::vector<TableChanges>& gathered, std::vector<TableChanges> part) {
  for (auto& table : part) {
    auto it = std::find_if(gathered.begin(), gathered.end(), [&](const TableChanges& t) { return t.table == table.table; });
    if (it == gathered.end()) {
      gathered.push_back(std::move(table));
      continue;
    }
    it->deleted.insert(it->deleted.end(), table.deleted.begin(), table.deleted.end());
    for (auto& chunk : table.appended) it->appended.push_back(std::move(chunk));
  }
}

DecodedCommitRecord DecodeCommitRecord(std::string_view payload, const std::string& what) {
  Reader reader(payload, what);
  const uint8_t kind = reader.U8();
  if (kind != kCommitRecord && kind != kPartRecord) reader.Fail("unknown record kind");
  uint32_t tables = reader.U32();
  if (tables > reader.remaining() / 24) reader.Fail("table count beyond the record");
  std::vector<TableChanges> out;
  for (uint32_t t = 0; t < tables; t++) {
    TableChanges changes;
    changes.table = TableId{reader.U64()};
    changes.base_positions = reader.U64();
    uint32_t ranges = reader.U32();
    if (ranges > reader.remaining() / 16) reader.Fail("range count beyond the record");
    uint64_t previous_end = 0;
    for (uint32_t r = 0; r < ranges; r++) {
      uint64_t start = reader.U64();
      uint64_t count = reader.U64();
      if (count == 0 || start < previous_end || start > changes.base_positions ||
          count > changes.base_positions - start) {
        reader.Fail("deleted range outside the table");
      }
      changes.deleted.emplace_back(start, count);
      previous_end = start + count;
    }
    uint32_t chunks = reader.U32();
    if (chunks > reader.remaining()) reader.Fail("chunk count beyond the record");
    for (uint32_t c = 0; c < chunks; c++) {
      std::string_view rest = reader.Rest();
      const size_t before = rest.size();
      DataChunk chunk;
      ChunkSerializer::Deserialize(rest, chunk);
      reader.Skip(before - rest.size());
      changes.appended.push_back(std::move(chunk));
    }
    out.push_back(std::move(changes));
  }
  if (reader.remaining() != 0) reader.Fail("trailing bytes after the commit record");
  return DecodedCommitRecord{kind == kCommitRecord, std::move(out)};
}

}  // namespace cairn
