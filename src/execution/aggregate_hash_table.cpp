#include "execution/aggregate_hash_table.h"

#include <cstring>

#include "cairn/exception.h"

namespace cairn {

AggregateHashTable::AggregateHashTable(std::vector<LogicalType> group_types,
                                       std::vector<const AggregateFunction*> aggregates, const char* memory_owner,
                                       idx_t radix_bits)
    : encoder_(std::move(group_types)), aggregates_(std::move(aggregates)), radix_bits_(radix_bits),
      salt_shift_(static_cast<unsigned>(32 - radix_bits)), memory_(memory_owner) {
  if (radix_bits > 8) throw Exception(sqlstate::kInternalError, "aggregate hash table: too many radix bits");
  for (auto* a : aggregates_) {
    state_offsets_.push_back(state_size_);
    state_size_ += (a->state_size + 15) & ~idx_t(15);
  }
  entries_.assign(1024, Entry{0, 0});
  mask_ = entries_.size() - 1;
  partitions_.resize(idx_t(1) << radix_bits);
}

AggregateHashTable::~AggregateHashTable() {
  for (const Partition& part : partitions_) DestroyStates(part);
}

void AggregateHashTable::DestroyStates(const Partition& part) const {
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    if (!aggregates_[a]->destroy) continue;
    for (idx_t g = 0; g < part.count; g++) aggregates_[a]->destroy(StatePtr(part, g) + state_offsets_[a]);
  }
}

uint64_t AggregateHashTable::Partition::MemoryBytes(idx_t state_size) const {
  return key_data.capacity() + key_offsets.capacity() * sizeof(uint64_t) + hashes.capacity() * sizeof(uint64_t) +
         state_blocks.size() * state_size * kStandardVectorSize;
}

uint64_t AggregateHashTable::MemoryBytes() const {
  uint64_t bytes = entries_.capacity() * sizeof(Entry);
  for (const Partition& part : partitions_) bytes += part.MemoryBytes(state_size_);
  return bytes;
}

void AggregateHashTable::RefreshMemoryCharge() { memory_.Resize(MemoryBytes()); }

void AggregateHashTable::Grow() {
  // Charged before allocating: the doubled slot array is the table's largest single allocation.
  memory_.Resize(MemoryBytes() + entries_.size() * 2 * sizeof(Entry));
  std::vector<Entry> bigger(entries_.size() * 2, Entry{0, 0});
  uint64_t mask = bigger.size() - 1;
  for (const Partition& part : partitions_) {
    for (idx_t g = 0; g < part.count; g++) {
      uint64_t h = part.hashes[g];
      uint64_t slot = h & mask;
      while (bigger[slot].group) slot = (slot + 1) & mask;
      bigger[slot] = Entry{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(g + 1)};
    }
  }
  entries_.swap(bigger);
  mask_ = mask;
}

void AggregateHashTable::GrowFor(idx_t extra_groups) {
  while ((group_count_ + extra_groups) * 2 > entries_.size()) Grow();
}

uint8_t* AggregateHashTable::FindOrCreate(uint64_t hash, const uint8_t* key, uint32_t length) {
  const uint32_t salt = static_cast<uint32_t>(hash >> 32);
  Partition& part = partitions_[uint64_t(salt) >> salt_shift_];
  uint64_t slot = hash & mask_;
  for (;;) {
    Entry& e = entries_[slot];
    if (e.group == 0) break;
    if (e.salt == salt) {
      uint32_t g = e.group - 1;
      uint64_t begin = part.key_offsets[g];
      if (part.key_offsets[g + 1] - begin == length && EncodedKeysEqual(part.key_data.data() + begin, key, length)) {
        return state_size_ ? StatePtr(part, g) : nullptr;
      }
    }
    slot = (slot + 1) & mask_;
  }
  // New group.
  if (part.count >= 0xFFFFFFF0ULL) throw Exception(sqlstate::kOutOfMemory, "too many groups in aggregation");
  uint32_t g = static_cast<uint32_t>(part.count);
  // Every kStandardVectorSize groups of a partition (a new state block), charge what the table
  // holds now plus the block; throws 53200 before the table changes.
  if (g % kStandardVectorSize == 0) memory_.Resize(MemoryBytes() + state_size_ * kStandardVectorSize);
  entries_[slot] = Entry{salt, g + 1};
  part.key_data.insert(part.key_data.end(), key, key + length);
  part.key_offsets.push_back(part.key_data.size());
  part.hashes.push_back(hash);
  part.count++;
  group_count_++;
  if (state_size_ == 0) return nullptr;
  if (g % kStandardVectorSize == 0) part.state_blocks.emplace_back(new uint8_t[state_size_ * kStandardVectorSize]);
  uint8_t* state = StatePtr(part, g);
  for (idx_t a = 0; a < aggregates_.size(); a++) aggregates_[a]->initialize(state + state_offsets_[a]);
  return state;
}

void AggregateHashTable::FindOrCreateEncoded(const EncodedKeys& keys, idx_t count, uint8_t** states) {
  GrowFor(count);
  // Probing is bound by cache misses on large tables: touch every row's first slot ahead of
  // the probes so the misses overlap.
  if (entries_.size() > 4096) {
    for (idx_t i = 0; i < count; i++) __builtin_prefetch(&entries_[keys.hashes[i] & mask_]);
  }
  if (states) {
    for (idx_t i = 0; i < count; i++) states[i] = FindOrCreate(keys.hashes[i], keys.Key(i), keys.Length(i));
  } else {
    for (idx_t i = 0; i < count; i++) FindOrCreate(keys.hashes[i], keys.Key(i), keys.Length(i));
  }
}

uint8_t* AggregateHashTable::SingleGroup() { return FindOrCreate(0, nullptr, 0); }

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

void AggregateHashTable::CombineStates(const uint8_t* source, uint8_t* target) const {
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    // combine() reads the source state; the source table still owns (and destroys) it.
    aggregates_[a]->combine(source + state_offsets_[a], target + state_offsets_[a]);
  }
}

void AggregateHashTable::CombinePartition(const AggregateHashTable& other, idx_t p) {
  const Partition& part = other.partitions_[p];
  if (part.count == 0) return;
  GrowFor(part.count);
  for (idx_t g = 0; g < part.count; g++) {
    uint64_t begin = part.key_offsets[g];
    uint32_t length = static_cast<uint32_t>(part.key_offsets[g + 1] - begin);
    uint8_t* target = FindOrCreate(part.hashes[g], part.key_data.data() + begin, length);
    if (state_size_) CombineStates(other.StatePtr(part, g), target);
  }
}

void AggregateHashTable::Combine(AggregateHashTable& other) {
  GrowFor(other.group_count_);
  for (idx_t p = 0; p < other.partitions_.size(); p++) CombinePartition(other, p);
}

std::unique_ptr<AggregateHashTable> AggregateHashTable::TakePartition(AggregateHashTable& source, idx_t p,
                                                                      idx_t more_groups) {
  auto table = std::make_unique<AggregateHashTable>(source.encoder_.types(), source.aggregates_, source.memory_.owner());
  Partition& part = table->partitions_[0];
  part = std::move(source.partitions_[p]);
  source.partitions_[p] = Partition();
  table->group_count_ = part.count;
  idx_t slots = 1024;
  while ((part.count + more_groups) * 2 > slots) slots *= 2;
  if (more_groups > 0) {
    // Room for the groups the merge will add, so the arrays grow once rather than doubling.
    const idx_t groups = part.count + more_groups;
    const uint64_t key_bytes = part.count ? part.key_data.size() / part.count : 0;
    table->memory_.Resize(part.MemoryBytes(table->state_size_) + slots * sizeof(Entry) +
                          more_groups * (key_bytes + 2 * sizeof(uint64_t)));
    part.key_data.reserve(groups * key_bytes);
    part.key_offsets.reserve(groups + 1);
    part.hashes.reserve(groups);
  }
  table->memory_.Resize(table->MemoryBytes() + slots * sizeof(Entry));
  // Index the adopted groups: every key is distinct, so no comparisons.
  table->entries_.assign(slots, Entry{0, 0});
  table->mask_ = slots - 1;
  for (idx_t g = 0; g < part.count; g++) {
    uint64_t h = part.hashes[g];
    uint64_t slot = h & table->mask_;
    while (table->entries_[slot].group) slot = (slot + 1) & table->mask_;
    table->entries_[slot] = Entry{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(g + 1)};
  }
  return table;
}

void AggregateHashTable::ReleasePartition(idx_t p) {
  DestroyStates(partitions_[p]);
  partitions_[p] = Partition();
}

void AggregateHashTable::ScanKeys(idx_t p, idx_t offset, idx_t count, DataChunk& out) const {
  const Partition& part = partitions_[p];
  std::vector<const uint8_t*> keys(count);
  for (idx_t i = 0; i < count; i++) keys[i] = part.key_data.data() + part.key_offsets[offset + i];
  encoder_.Decode(keys.data(), count, out, 0);
}

void AggregateHashTable::Scan(idx_t p, idx_t offset, idx_t count, DataChunk& out) const {
  ScanKeys(p, offset, count, out);
  const Partition& part = partitions_[p];
  idx_t group_columns = encoder_.types().size();
  std::vector<uint8_t*> states(count);
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    for (idx_t i = 0; i < count; i++) states[i] = StatePtr(part, offset + i) + state_offsets_[a];
    Vector& result = out.data[group_columns + a];
    result.Initialize(aggregates_[a]->return_type, kStandardVectorSize);
    aggregates_[a]->finalize(states.data(), count, result, 0);
  }
  out.SetCardinality(count);
}

}  // namespace cairn
