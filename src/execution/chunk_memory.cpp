#include "execution/chunk_memory.h"

namespace cairn {

uint64_t VectorMemoryBytes(const Vector& vector) {
  uint64_t bytes = 0;
  if (vector.kind() == VectorKind::FLAT) {
    const uint64_t rows = vector.capacity();
    bytes += rows * vector.type().PhysicalSize() + (rows + 7) / 8;
  }
  if (vector.shared_heap()) bytes += vector.shared_heap()->allocated_bytes();
  return bytes;
}

uint64_t ChunkMemoryBytes(const DataChunk& chunk) {
  uint64_t bytes = 0;
  for (const Vector& vector : chunk.data) bytes += VectorMemoryBytes(vector);
  return bytes;
}

}  // namespace cairn
