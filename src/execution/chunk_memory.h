// ChunkMemoryBytes: what a DataChunk's own buffers occupy — the figure operators charge to the
// query's MemoryTracker for chunks they keep (row collections, the result queue).
//
// Counted: each column's value buffer (capacity × physical width), its validity mask and the
// bytes its string heap has allocated. Buffers shared with other vectors (dictionaries, file
// pages kept alive) are not counted: their owner charges them. Thread-safety: reads only.
#pragma once

#include <cstdint>

#include "cairn/data_chunk.h"

namespace cairn {

/// Bytes held by `vector`'s flat buffer, validity mask and string heap.
uint64_t VectorMemoryBytes(const Vector& vector);

/// Sum of VectorMemoryBytes over the chunk's columns.
uint64_t ChunkMemoryBytes(const DataChunk& chunk);

}  // namespace cairn
