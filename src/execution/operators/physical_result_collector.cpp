#include "execution/operators/physical_result_collector.h"

#include "execution/row_collection.h"

namespace cairn {

SinkResult PhysicalResultCollector::Sink(DataChunk& input, LocalSinkState&) {
  if (input.size() > 0) push_(CopyChunkOwned(input));
  return SinkResult::NEED_MORE_INPUT;
}

}  // namespace cairn
