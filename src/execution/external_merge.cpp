#include "execution/external_merge.h"

#include <algorithm>

namespace cairn {

ExternalMerge::ExternalMerge(const std::vector<BoundOrderBy>& orders, std::shared_ptr<const SortKeyEncoder> encoder,
                             std::vector<LogicalType> payload_types, std::vector<idx_t> payload_keys,
                             std::vector<std::unique_ptr<SpillFile>> runs)
    : orders_(orders),
      encoder_(std::move(encoder)),
      payload_types_(std::move(payload_types)),
      payload_keys_(std::move(payload_keys)) {
  for (auto& order : orders_) executor_.AddExpression(*order.expression);
  keys_.data.resize(orders_.size());
  for (auto& run : runs) {
    Cursor cursor;
    cursor.file = std::move(run);
    cursors_.push_back(std::move(cursor));
  }
}

bool ExternalMerge::LoadBlock(Cursor& cursor) {
  cursor.block.reset();
  cursor.position = 0;
  if (cursor.next_chunk >= cursor.file->ChunkCount()) {
    cursor.file.reset();  // frees its disk space
    return false;
  }
  auto block = std::make_unique<SortedRun>(encoder_, payload_types_, "ORDER_BY", payload_keys_);
  // Many runs: one chunk each at a time, so the blocks together stay small.
  const idx_t block_chunks = cursors_.size() > 8 ? 1 : kBlockChunks;
  for (idx_t i = 0; i < block_chunks && cursor.next_chunk < cursor.file->ChunkCount(); i++) {
    cursor.file->ReadChunk(cursor.next_chunk++, chunk_);
    executor_.Execute(chunk_, keys_);
    keys_.SetCardinality(chunk_.size());
    block->Append(chunk_, keys_, SelectionVector::Incremental(), chunk_.size());
  }
  // The rows were written in order: positions are already the sorted order (no Sort()).
  cursor.block = std::move(block);
  return cursor.block->Count() > 0 || LoadBlock(cursor);
}

bool ExternalMerge::After(idx_t a, idx_t b) const {
  const Cursor& x = cursors_[a];
  const Cursor& y = cursors_[b];
  const int c = x.block->Compare(x.position, *y.block, y.position);
  if (c != 0) return c > 0;
  return a > b;
}

bool ExternalMerge::NextChunk(DataChunk& out) {
  auto after = [this](idx_t a, idx_t b) { return After(a, b); };
  if (!started_) {
    started_ = true;
    for (idx_t c = 0; c < cursors_.size(); c++) {
      if (LoadBlock(cursors_[c])) heap_.push_back(c);
    }
    std::make_heap(heap_.begin(), heap_.end(), after);
  }
  retired_.clear();
  blocks_.clear();
  for (idx_t c : heap_) {
    cursors_[c].slot = static_cast<uint32_t>(blocks_.size());
    blocks_.push_back(cursors_[c].block.get());
  }
  idx_t count = 0;
  while (count < kStandardVectorSize && !heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), after);
    const idx_t c = heap_.back();
    Cursor& cursor = cursors_[c];
    rows_[count++] = RunRow{cursor.slot, static_cast<uint32_t>(cursor.position)};
    if (++cursor.position < cursor.block->Count()) {
      std::push_heap(heap_.begin(), heap_.end(), after);
      continue;
    }
    // The block is exhausted: keep it until this chunk is gathered, read the next one.
    retired_.push_back(std::move(cursor.block));
    if (LoadBlock(cursor)) {
      cursor.slot = static_cast<uint32_t>(blocks_.size());
      blocks_.push_back(cursor.block.get());
      std::push_heap(heap_.begin(), heap_.end(), after);
    } else {
      heap_.pop_back();
    }
  }
  if (count == 0) return false;
  GatherPayload(blocks_, rows_.data(), count, out);
  return true;
}

}  // namespace cairn
