// PipelineBuilder: cuts a physical plan into pipelines at sinks and records their
// dependencies (DuckDB's MetaPipeline construction, simplified).
//
//   scan/values          become the current pipeline's source;
//   filter/projection/limit   join the current pipeline;
//   aggregate/sort/top-N      end a child pipeline (as its sink) and are the current source;
//   hash join            probes in the current pipeline; its RIGHT child feeds a build
//                        pipeline that must complete first;
//   union                each child runs as its own pipeline into the same operators and sink;
//   materialized CTE     its WITH query runs as pipelines into it (the sink); the reading query
//                        continues in the current pipeline; a CTE scan is a source whose
//                        pipeline depends on the CTE's pipelines;
//   hash joins with a    get an extra pipeline (PhysicalOuterJoinScan -> the operators above
//   final output         the join -> the same sink) that runs after every probing pipeline:
//                        RIGHT/FULL joins' unmatched build rows, a spilled join's partitions.
//
// A pipeline depends on every pipeline feeding a sink it reads from; a sink is finalized when
// the last pipeline feeding it completes.
#pragma once

#include <memory>
#include <vector>

#include "execution/pipeline.h"

namespace cairn {

/// Builds the pipelines of `root` feeding `result_sink` (Pipeline::index = position in the
/// result). Operators created on the way (outer join scans) are appended to `owned_operators`.
/// Throws XX000 for a tree that cannot be cut into pipelines, 54001 when it is nested too deeply.
std::vector<std::unique_ptr<Pipeline>> BuildPipelines(const PhysicalOperator& root, const PhysicalOperator& result_sink,
                                                      std::vector<std::unique_ptr<PhysicalOperator>>& owned_operators);

}  // namespace cairn
