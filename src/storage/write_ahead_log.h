// Placeholder replaced by the write-ahead log implementation.
#pragma once
namespace cairn {
class WriteAheadLog {};
}  // namespace cairn
