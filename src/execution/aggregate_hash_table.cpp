#include "execution/aggregate_hash_table.h"

#include <cstring>

#include "cairn/exception.h"

namespace cairn {

AggregateHashTable::AggregateHashTable(std::vector<LogicalType> group_types,
                                       std::vector<const AggregateFunction*> aggregates, const char* memory_owner)
    : encoder_(std::move(group_types)), aggregates_(std::move(aggregates)), memory_(memory_owner) {
  for (auto* a : aggregates_) {
    state_offsets_.push_back(state_size_);
    state_size_ += (a->state_size + 15) & ~idx_t(15);
  }
  entries_.assign(1024, Entry{0, 0});
  mask_ = entries_.size() - 1;
  key_offsets_.push_back(0);
}

AggregateHashTable::~AggregateHashTable() {
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    if (!aggregates_[a]->destroy) continue;
    for (idx_t g = 0; g < group_count_; g++) aggregates_[a]->destroy(StatePtr(g) + state_offsets_[a]);
  }
}

uint64_t AggregateHashTable::MemoryBytes() const {
  return entries_.capacity() * sizeof(Entry) + key_data_.capacity() + key_offsets_.capacity() * sizeof(uint64_t) +
         group_hashes_.capacity() * sizeof(uint64_t) + state_blocks_.size() * state_size_ * kStandardVectorSize;
}

void AggregateHashTable::Grow() {
  // Charged before allocating: the doubled slot array is the table's largest single allocation.
  memory_.Resize(MemoryBytes() + entries_.size() * 2 * sizeof(Entry));
  std::vector<Entry> bigger(entries_.size() * 2, Entry{0, 0});
  uint64_t mask = bigger.size() - 1;
  for (idx_t g = 0; g < group_count_; g++) {
    uint64_t h = group_hashes_[g];
    uint64_t slot = h & mask;
    while (bigger[slot].group) slot = (slot + 1) & mask;
    bigger[slot] = Entry{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(g + 1)};
  }
  entries_.swap(bigger);
  mask_ = mask;
}

uint32_t AggregateHashTable::FindOrCreate(uint64_t hash, const uint8_t* key, uint32_t length) {
  const uint32_t salt = static_cast<uint32_t>(hash >> 32);
  uint64_t slot = hash & mask_;
  for (;;) {
    Entry& e = entries_[slot];
    if (e.group == 0) break;
    if (e.salt == salt) {
      uint32_t g = e.group - 1;
      uint64_t begin = key_offsets_[g];
      if (key_offsets_[g + 1] - begin == length && EncodedKeysEqual(key_data_.data() + begin, key, length)) {
        return g;
      }
    }
    slot = (slot + 1) & mask_;
  }
  // New group.
  if (group_count_ >= 0xFFFFFFF0ULL) throw Exception(sqlstate::kOutOfMemory, "too many groups in aggregation");
  uint32_t g = static_cast<uint32_t>(group_count_);
  // Every kStandardVectorSize groups (a new state block), charge what the table holds now plus
  // the block; throws 53200 before the table changes.
  if (g % kStandardVectorSize == 0) memory_.Resize(MemoryBytes() + state_size_ * kStandardVectorSize);
  entries_[slot] = Entry{salt, g + 1};
  key_data_.insert(key_data_.end(), key, key + length);
  key_offsets_.push_back(key_data_.size());
  group_hashes_.push_back(hash);
  if (state_size_ > 0) {
    if (g % kStandardVectorSize == 0) {
      state_blocks_.emplace_back(new uint8_t[state_size_ * kStandardVectorSize]);
    }
    uint8_t* state = StatePtr(g);
    for (idx_t a = 0; a < aggregates_.size(); a++) aggregates_[a]->initialize(state + state_offsets_[a]);
  }
  group_count_++;
  return g;
}

void AggregateHashTable::FindOrCreateEncoded(const EncodedKeys& keys, idx_t count, uint8_t** states) {
  while ((group_count_ + count) * 2 > entries_.size()) Grow();
  // Probing is bound by cache misses on large tables: touch every row's first slot ahead of
  // the probes so the misses overlap.
  if (entries_.size() > 4096) {
    for (idx_t i = 0; i < count; i++) __builtin_prefetch(&entries_[keys.hashes[i] & mask_]);
  }
  for (idx_t i = 0; i < count; i++) {
    uint32_t g = FindOrCreate(keys.hashes[i], keys.Key(i), keys.Length(i));
    if (states) states[i] = state_size_ ? StatePtr(g) : nullptr;
  }
}

uint8_t* AggregateHashTable::SingleGroup() {
  if (group_count_ == 0) FindOrCreate(0, nullptr, 0);
  return state_size_ ? StatePtr(0) : nullptr;
}

void AggregateHashTable::FindOrCreateGroups(const Vector* groups, idx_t count, uint8_t** states) {
  if (count == 0) return;
  if (encoder_.types().empty()) {
    uint8_t* state = SingleGroup();
    if (states) for (idx_t i = 0; i < count; i++) states[i] = state;
    return;
  }
  // One dictionary-encoded key column: probe each referenced dictionary entry once.
  if (encoder_.types().size() == 1 && groups[0].kind() == VectorKind::DICTIONARY &&
      groups[0].dictionary().kind() == VectorKind::FLAT && count >= 128) {
    const SelectionVector& indices = groups[0].selection();
    idx_t max_index = 0;
    for (idx_t i = 0; i < count; i++) max_index = std::max<idx_t>(max_index, indices.get_index(i));
    if (max_index < 4 * kStandardVectorSize) {
      std::vector<int32_t> slot(max_index + 1, -1);
      std::vector<sel_t> entries;
      for (idx_t i = 0; i < count; i++) {
        sel_t e = indices.get_index(i);
        if (slot[e] < 0) {
          slot[e] = static_cast<int32_t>(entries.size());
          entries.push_back(e);
        }
      }
      if (entries.size() * 2 <= count) {
        Vector distinct = groups[0].dictionary();
        distinct.Slice(SelectionVector(entries.data()), entries.size());
        encoder_.Encode(&distinct, entries.size(), scratch_);
        std::vector<uint8_t*> entry_states(entries.size());
        FindOrCreateEncoded(scratch_, entries.size(), entry_states.data());
        if (states) for (idx_t i = 0; i < count; i++) states[i] = entry_states[slot[indices.get_index(i)]];
        return;
      }
    }
  }
  encoder_.Encode(groups, count, scratch_);
  FindOrCreateEncoded(scratch_, count, states);
}

void AggregateHashTable::Combine(AggregateHashTable& other) {
  while ((group_count_ + other.group_count_) * 2 > entries_.size()) Grow();
  for (idx_t g = 0; g < other.group_count_; g++) {
    uint64_t begin = other.key_offsets_[g];
    uint32_t length = static_cast<uint32_t>(other.key_offsets_[g + 1] - begin);
    uint32_t target = FindOrCreate(other.group_hashes_[g], other.key_data_.data() + begin, length);
    if (state_size_ == 0) continue;
    uint8_t* source_state = other.StatePtr(g);
    uint8_t* target_state = StatePtr(target);
    for (idx_t a = 0; a < aggregates_.size(); a++) {
      aggregates_[a]->combine(source_state + state_offsets_[a], target_state + state_offsets_[a]);
    }
  }
}

void AggregateHashTable::ScanKeys(idx_t offset, idx_t count, DataChunk& out) {
  std::vector<const uint8_t*> keys(count);
  for (idx_t i = 0; i < count; i++) keys[i] = key_data_.data() + key_offsets_[offset + i];
  encoder_.Decode(keys.data(), count, out, 0);
}

void AggregateHashTable::Scan(idx_t offset, idx_t count, DataChunk& out) {
  ScanKeys(offset, count, out);
  idx_t group_columns = encoder_.types().size();
  std::vector<uint8_t*> states(count);
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    for (idx_t i = 0; i < count; i++) states[i] = StatePtr(offset + i) + state_offsets_[a];
    Vector& result = out.data[group_columns + a];
    result.Initialize(aggregates_[a]->return_type, kStandardVectorSize);
    aggregates_[a]->finalize(states.data(), count, result, 0);
  }
  out.SetCardinality(count);
}

}  // namespace cairn
