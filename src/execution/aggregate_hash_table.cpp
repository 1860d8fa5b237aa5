#include "execution/aggregate_hash_table.h"

#include <cstring>

#include "cairn/exception.h"

namespace cairn {

AggregateHashTable::AggregateHashTable(std::vector<LogicalType> group_types,
                                       std::vector<const AggregateFunction*> aggregates, const char* memory_owner,
                                       idx_t radix_bits)
    : encoder_(std::move(group_types), /*keep_numeric_scales=*/true), aggregates_(std::move(aggregates)), radix_bits_(radix_bits),
      salt_shift_(static_cast<unsigned>(32 - radix_bits)), memory_(memory_owner, nullptr, kFineMemoryChargeBlock) {
  // Fine charging steps: a finalize holds one table per radix partition.
  if (radix_bits > 8) throw Exception(sqlstate::kInternalError, "aggregate hash table: too many radix bits");
  for (auto* a : aggregates_) {
    state_offsets_.push_back(state_size_);
    state_size_ += (a->state_size + 15) & ~idx_t(15);
  }
  partitions_.resize(idx_t(1) << radix_bits);
  // Slot arrays start small when there are many of them.
  for (Partition& part : partitions_) {
    part.entries.assign(radix_bits ? 64 : 1024, Entry{0, 0});
    part.mask = part.entries.size() - 1;
  }
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
  return entries.capacity() * sizeof(Entry) + key_data.capacity() + key_offsets.capacity() * sizeof(uint64_t) + hashes.capacity() * sizeof(uint64_t) +
         state_blocks.size() * state_size * kStateBlockGroups;
}

uint64_t AggregateHashTable::MemoryBytes() const {
  uint64_t bytes = dictionary_cache_.states.capacity() * sizeof(uint8_t*);
  for (const Partition& part : partitions_) bytes += part.MemoryBytes(state_size_);
  return bytes;
}

void AggregateHashTable::RefreshMemoryCharge() {
  memory_.Resize(MemoryBytes());
  released_ = 0;
}

void AggregateHashTable::ChargeForGrowth(uint64_t bytes) {
  if (stop_at_spill_threshold_ && bytes > memory_.reserved()) {
    const auto& tracker = MemoryTracker::Current();
    if (tracker && tracker->ShouldSpill(bytes - memory_.reserved())) {
      throw Exception(sqlstate::kOutOfMemory,
                      std::string(memory_.owner()) + ": the query's memory is past its spill threshold");
    }
  }
  memory_.Resize(bytes);
}

void AggregateHashTable::Resize(Partition& part, idx_t slots) {
  // Charged before allocating: the new slot array is the partition's largest allocation.
  ChargeForGrowth(MemoryBytes() + slots * sizeof(Entry));
  std::vector<Entry> entries(slots, Entry{0, 0});
  const uint64_t mask = slots - 1;
  for (idx_t g = 0; g < part.count; g++) {
    const uint64_t h = GroupHash(part, g);
    uint64_t slot = h & mask;
    while (entries[slot].group) slot = (slot + 1) & mask;
    entries[slot] = Entry{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(g + 1)};
  }
  part.entries.swap(entries);
  part.mask = mask;
}

void AggregateHashTable::GrowFor(idx_t extra_groups) {
  // Unpartitioned: make room for the whole batch up front. Partitioned tables grow a partition
  // when an insertion fills it to half (FindOrCreate), as the batch's spread is unknown.
  if (radix_bits_ > 0) return;
  Partition& part = partitions_[0];
  idx_t slots = part.entries.size();
  while ((part.count + extra_groups) * 2 > slots) slots *= 2;
  if (slots != part.entries.size()) Resize(part, slots);
}

uint8_t* AggregateHashTable::FindOrCreate(uint64_t hash, const uint8_t* key, uint32_t length) {
  const uint32_t salt = static_cast<uint32_t>(hash >> 32);
  Partition& part = partitions_[uint64_t(salt) >> salt_shift_];
  uint64_t slot = hash & part.mask;
  for (;;) {
    Entry& e = part.entries[slot];
    if (e.group == 0) break;
    if (e.salt == salt) {
      uint32_t g = e.group - 1;
      // Fixed-width keys sit at g * width, so their offsets (another cache miss) are not read.
      const uint32_t width = encoder_.fixed_width();
      const uint64_t begin = width ? uint64_t(g) * width : part.key_offsets[g];
      // The NUMERIC scale suffix is not part of a group's identity (1.0 and 1.00 are one group).
      if ((width || part.key_offsets[g + 1] - begin == length) &&
          EncodedKeysEqual(part.key_data.data() + begin, key, length - encoder_.suffix_bytes())) {
        return state_size_ ? StatePtr(part, g) : nullptr;
      }
    }
    slot = (slot + 1) & part.mask;
  }
  // New group.
  if (part.count >= 0xFFFFFFF0ULL) throw Exception(sqlstate::kOutOfMemory, "too many groups in aggregation");
  uint32_t g = static_cast<uint32_t>(part.count);
  // Everything that can fail comes before the table changes, so a 53200 (the caller may spill
  // and go on) leaves no half-made group: every kStateBlockGroups groups of a partition (a
  // new state block) charge what the table holds now plus the block, and the slot array grows
  // when this group would fill it to more than half.
  if (g % kStateBlockGroups == 0) ChargeForGrowth(MemoryBytes() + state_size_ * kStateBlockGroups);
  if ((part.count + 1) * 2 > part.entries.size()) {
    Resize(part, part.entries.size() * 2);
    slot = hash & part.mask;
    while (part.entries[slot].group != 0) slot = (slot + 1) & part.mask;
  }
  std::unique_ptr<uint8_t[]> block;
  if (state_size_ != 0 && g % kStateBlockGroups == 0) block.reset(new uint8_t[state_size_ * kStateBlockGroups]);
  part.key_data.insert(part.key_data.end(), key, key + length);
  if (!encoder_.fixed_width()) {
    part.key_offsets.push_back(part.key_data.size());
    part.hashes.push_back(hash);
  }
  part.entries[slot] = Entry{salt, g + 1};
  part.count++;
  group_count_++;
  if (state_size_ == 0) return nullptr;
  if (block) part.state_blocks.push_back(std::move(block));
  uint8_t* state = StatePtr(part, g);
  for (idx_t a = 0; a < aggregates_.size(); a++) aggregates_[a]->initialize(state + state_offsets_[a]);
  return state;
}

void AggregateHashTable::FindOrCreateEncoded(const EncodedKeys& keys, idx_t count, uint8_t** states) {
  GrowFor(count);
  PrefetchGroups(keys, count);
  // A row with the same key as the row before it (sorted or clustered input: a file ordered by
  // date, lineitem by order key) takes that row's group without probing.
  const uint32_t suffix = encoder_.suffix_bytes();
  auto same_as_previous = [&](idx_t i) {
    return i > 0 && keys.hashes[i] == keys.hashes[i - 1] && keys.Length(i) == keys.Length(i - 1) &&
           EncodedKeysEqual(keys.Key(i), keys.Key(i - 1), keys.Length(i) - suffix);
  };
  if (states) {
    for (idx_t i = 0; i < count; i++) {
      states[i] = same_as_previous(i) ? states[i - 1] : FindOrCreate(keys.hashes[i], keys.Key(i), keys.Length(i));
    }
  } else {
    for (idx_t i = 0; i < count; i++) {
      if (!same_as_previous(i)) FindOrCreate(keys.hashes[i], keys.Key(i), keys.Length(i));
    }
  }
}

idx_t AggregateHashTable::InsertDistinct(const Vector* groups, idx_t count, SelectionVector& created) {
  if (count == 0) return 0;
  encoder_.Encode(groups, count, scratch_);
  GrowFor(count);
  PrefetchGroups(scratch_, count);
  idx_t n = 0;
  for (idx_t i = 0; i < count; i++) {
    const idx_t before = group_count_;
    FindOrCreate(scratch_.hashes[i], scratch_.Key(i), scratch_.Length(i));
    if (group_count_ != before) created.set_index(n++, i);
  }
  return n;
}

void AggregateHashTable::PrefetchGroups(const EncodedKeys& keys, idx_t count) const {
  // Probing is bound by cache misses on large tables: touch every row's first slot ahead of
  // the probes so the misses overlap.
  if (group_count_ > 4096) {
    for (idx_t i = 0; i < count; i++) {
      const Partition& part = partitions_[(keys.hashes[i] >> 32) >> salt_shift_];
      __builtin_prefetch(&part.entries[keys.hashes[i] & part.mask]);
    }
    // Then, where the first slot already holds a group of the same salt (usually the row's
    // group), that group's key and state, so those misses overlap too (group prefetching).
    const uint32_t width = encoder_.fixed_width();
    if (width) {
      for (idx_t i = 0; i < count; i++) {
        const uint64_t hash = keys.hashes[i];
        const uint32_t salt = static_cast<uint32_t>(hash >> 32);
        const Partition& part = partitions_[uint64_t(salt) >> salt_shift_];
        const Entry& e = part.entries[hash & part.mask];
        if (e.group == 0 || e.salt != salt) continue;
        const uint32_t g = e.group - 1;
        __builtin_prefetch(part.key_data.data() + uint64_t(g) * width);
        if (state_size_) __builtin_prefetch(StatePtr(part, g));
      }
    }
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
  if (FindOrCreateCached(groups, count, states)) return;
  if (!states && encoder_.types().size() == 1 && groups[0].kind() == VectorKind::DICTIONARY &&
      groups[0].dictionary().kind() == VectorKind::FLAT && InsertDictionaryEntries(groups[0], count)) {
    return;
  }
  // One dictionary-encoded key column: probe each referenced dictionary entry once.
  if (encoder_.types().size() == 1 && groups[0].kind() == VectorKind::DICTIONARY &&
      groups[0].dictionary().kind() == VectorKind::FLAT && count >= 128 && FindOrCreateDictionary(groups[0], count, states)) {
    return;
  }
  encoder_.Encode(groups, count, scratch_);
  FindOrCreateEncoded(scratch_, count, states);
}

bool AggregateHashTable::FindOrCreateCached(const Vector* groups, idx_t count, uint8_t** states) {
  DictionaryCache& cache = dictionary_cache_;
  const idx_t columns = encoder_.types().size();
  if (cache.disabled || state_size_ == 0 || states == nullptr || columns > 4 || count > kStandardVectorSize) {
    return false;  // (cache.misses holds one chunk's rows)
  }
  for (idx_t c = 0; c < columns; c++) {
    if (groups[c].kind() != VectorKind::DICTIONARY || groups[c].dictionary().kind() != VectorKind::FLAT) return false;
  }
  bool same = cache.dictionaries.size() == columns;
  for (idx_t c = 0; same && c < columns; c++) same = cache.dictionaries[c].get() == &groups[c].dictionary();
  cache.chunks++;
  if (!same) {
    cache.changes++;
    if (cache.chunks >= 8 && cache.changes * 2 > cache.chunks) {
      // New dictionaries nearly every chunk (not a file's column chunks): not worth it.
      cache.disabled = true;
      cache = DictionaryCache{};
      cache.disabled = true;
      return false;
    }
    idx_t codes = 1;
    std::vector<idx_t> sizes(columns), strides(columns);
    for (idx_t c = 0; c < columns; c++) {
      sizes[c] = groups[c].dictionary().capacity();
      strides[c] = codes;
      if (sizes[c] == 0 || codes > kDictionaryCacheCodes / sizes[c]) {
        cache.dictionaries.clear();
        return false;
      }
      codes *= sizes[c];
    }
    for (uint32_t code : cache.filled) cache.states[code] = nullptr;
    cache.filled.clear();
    if (cache.states.size() < codes) {
      const idx_t capacity = cache.states.capacity();
      if (codes > capacity) ChargeForGrowth(MemoryBytes() + (codes - capacity) * sizeof(uint8_t*));
      cache.states.resize(codes, nullptr);
    }
    cache.sizes = std::move(sizes);
    cache.strides = std::move(strides);
    cache.dictionaries.clear();
    for (idx_t c = 0; c < columns; c++) cache.dictionaries.push_back(groups[c].shared_dictionary());
  }
  // Each row's code; an index past its dictionary (never expected) falls back to the encoder.
  if (cache.row_codes.size() < count) cache.row_codes.resize(count);
  uint32_t* codes = cache.row_codes.data();
  for (idx_t c = 0; c < columns; c++) {
    const SelectionVector& indices = groups[c].selection();
    const idx_t size = cache.sizes[c], stride = cache.strides[c];
    for (idx_t i = 0; i < count; i++) {
      const idx_t e = indices.get_index(i);
      if (e >= size) return false;
      codes[i] = static_cast<uint32_t>((c == 0 ? 0 : codes[i]) + e * stride);
    }
  }
  idx_t misses = 0;
  for (idx_t i = 0; i < count; i++) {
    uint8_t* state = cache.states[codes[i]];
    states[i] = state;
    cache.misses.set_index(misses, i);
    misses += state == nullptr;
  }
  if (misses == 0) return true;
  // Rows of combinations not seen yet: the ordinary path, then remembered (only once the table
  // holds their groups: a 53200 leaves the cache as it was).
  std::vector<Vector> sliced(groups, groups + columns);
  for (auto& v : sliced) v.Slice(cache.misses, misses);
  cache.miss_states.resize(misses);
  encoder_.Encode(sliced.data(), misses, scratch_);
  FindOrCreateEncoded(scratch_, misses, cache.miss_states.data());
  for (idx_t j = 0; j < misses; j++) {
    const idx_t i = cache.misses.get_index(j);
    states[i] = cache.miss_states[j];
    uint8_t*& cached = cache.states[codes[i]];
    if (!cached) {
      cached = cache.miss_states[j];
      cache.filled.push_back(codes[i]);
    }
  }
  return true;
}

bool AggregateHashTable::FindOrCreateDictionary(const Vector& group, idx_t count, uint8_t** states) {
  // The chunk's distinct dictionary entries, each encoded and probed once.
  const SelectionVector& indices = group.selection();
  auto& scratch = dictionary_scratch_;
  const bool usable = KeyEncoder::FindDictionaryEntries(indices, count, scratch);
  if (usable) {
    const idx_t distinct_count = scratch.entries.size();
    Vector distinct = group.dictionary();
    distinct.Slice(SelectionVector(scratch.entries.data()), distinct_count);
    encoder_.Encode(&distinct, distinct_count, scratch_);
    dictionary_states_.resize(distinct_count);
    FindOrCreateEncoded(scratch_, distinct_count, dictionary_states_.data());
    if (states) {
      for (idx_t i = 0; i < count; i++) states[i] = dictionary_states_[scratch.slots[indices.get_index(i)]];
    }
  }
  KeyEncoder::ReleaseDictionaryEntries(scratch);
  return usable;
}

bool AggregateHashTable::InsertDictionaryEntries(const Vector& group, idx_t count) {
  InsertedEntries& memo = inserted_entries_;
  const Vector& dictionary = group.dictionary();
  const idx_t size = dictionary.capacity();
  if (size == 0 || size > kDictionaryCacheCodes) return false;
  if (memo.dictionary.get() != &dictionary) {
    memo.dictionary = group.shared_dictionary();
    memo.inserted.assign(size, 0);
    memo.missing = size;
  }
  if (memo.missing == 0) return true;  // every entry is in already
  const SelectionVector& indices = group.selection();
  memo.fresh.clear();
  uint8_t* inserted = memo.inserted.data();
  auto unmark = [&] {
    for (sel_t e : memo.fresh) inserted[e] = 0;
  };
  for (idx_t i = 0; i < count; i++) {
    const sel_t e = indices.get_index(i);
    if (e >= size) {
      unmark();
      return false;
    }
    if (!inserted[e]) {
      inserted[e] = 1;
      memo.fresh.push_back(e);
    }
  }
  if (memo.fresh.empty()) return true;
  Vector entries = dictionary;
  entries.Slice(SelectionVector(memo.fresh.data()), memo.fresh.size());
  try {
    encoder_.Encode(&entries, memo.fresh.size(), scratch_);
    FindOrCreateEncoded(scratch_, memo.fresh.size(), nullptr);
  } catch (...) {
    unmark();  // not inserted (e.g. 53200): a later chunk tries them again
    throw;
  }
  memo.missing -= memo.fresh.size();
  return true;
}

void AggregateHashTable::HashGroups(const Vector* groups, idx_t count, uint64_t* hashes) {
  if (count == 0) return;
  encoder_.Encode(groups, count, scratch_);
  std::copy(scratch_.hashes.begin(), scratch_.hashes.begin() + count, hashes);
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
    uint8_t* target = FindOrCreate(other.GroupHash(part, g), other.GroupKey(part, g), other.GroupKeyLength(part, g));
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
  const uint64_t moved = source.partitions_[p].MemoryBytes(source.state_size_);
  part = std::move(source.partitions_[p]);
  source.partitions_[p] = Partition();
  source.ReleaseMemory(moved);
  table->group_count_ = part.count;
  // The adopted slot array is already valid (a group's slot depends only on its hash); size it
  // once for the groups the merge will add.
  idx_t slots = part.entries.size();
  while ((part.count + more_groups) * 2 > slots) slots *= 2;
  if (more_groups > 0) {
    const idx_t groups = part.count + more_groups;
    const uint64_t key_bytes = part.count ? part.key_data.size() / part.count : 0;
    const bool fixed = table->encoder_.fixed_width() > 0;  // no offsets or hashes stored
    table->memory_.Resize(part.MemoryBytes(table->state_size_) + slots * sizeof(Entry) +
                          more_groups * (key_bytes + (fixed ? 0 : 2 * sizeof(uint64_t))));
    part.key_data.reserve(groups * key_bytes);
    if (!fixed) {
      part.key_offsets.reserve(groups + 1);
      part.hashes.reserve(groups);
    }
  }
  if (slots != part.entries.size()) {
    table->Resize(part, slots);
  } else {
    table->memory_.Resize(table->MemoryBytes());
  }
  return table;
}

void AggregateHashTable::ReleasePartition(idx_t p) {
  DestroyStates(partitions_[p]);
  const uint64_t freed = partitions_[p].MemoryBytes(state_size_);
  partitions_[p] = Partition();
  inserted_entries_ = InsertedEntries{};  // its groups may have been among them
  ReleaseMemory(freed);
}

void AggregateHashTable::ReleaseMemory(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(release_mutex_);
  released_ += bytes;
  const uint64_t reserved = memory_.reserved();
  // Shrink by whole blocks, two at least (MemoryReservation::Resize ignores smaller shrinks),
  // so partitions released one by one still return their memory.
  const uint64_t block = memory_.block();
  if (released_ >= 2 * block && reserved > 0) {
    const uint64_t give_back = std::min(reserved, released_ / block * block);
    memory_.Resize(reserved - give_back);
    released_ -= give_back;
  }
}

void AggregateHashTable::ScanKeys(idx_t p, idx_t offset, idx_t count, DataChunk& out) const {
  const Partition& part = partitions_[p];
  std::vector<const uint8_t*> keys(count);
  for (idx_t i = 0; i < count; i++) keys[i] = GroupKey(part, offset + i);
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
