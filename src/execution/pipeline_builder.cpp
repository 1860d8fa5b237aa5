#include "execution/pipeline_builder.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "cairn/exception.h"
#include "execution/operators/physical_cte.h"
#include "execution/operators/physical_hash_join.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

class Builder {
 public:
  std::vector<std::unique_ptr<Pipeline>> pipelines;

  Pipeline* NewPipeline() {
    pipelines.push_back(std::make_unique<Pipeline>());
    return pipelines.back().get();
  }

  // Operators are collected top-down here and reversed at the end.
  void Build(const PhysicalOperator* op, Pipeline* current) {
    CheckStackDepth();
    switch (op->type) {
      case PhysicalOperatorType::TABLE_SCAN:
      case PhysicalOperatorType::VALUES:
      case PhysicalOperatorType::OUTER_JOIN_SCAN:
      case PhysicalOperatorType::RECURSIVE_CTE:
        current->source = op;
        return;
      case PhysicalOperatorType::FILTER:
      case PhysicalOperatorType::PROJECTION:
      case PhysicalOperatorType::PROJECT_SET:
      case PhysicalOperatorType::LIMIT:
        current->operators.push_back(op);
        Build(op->children.at(0).get(), current);
        return;
      case PhysicalOperatorType::HASH_AGGREGATE:
      case PhysicalOperatorType::ORDER:
      case PhysicalOperatorType::WINDOW:
      case PhysicalOperatorType::TOP_N: {
        current->source = op;
        current->sink_dependencies.push_back(op);
        Pipeline* child = NewPipeline();
        child->sink = op;
        Build(op->children.at(0).get(), child);
        return;
      }
      case PhysicalOperatorType::HASH_JOIN: {
        current->operators.push_back(op);
        current->sink_dependencies.push_back(op);
        Pipeline* build = NewPipeline();
        build->sink = op;
        Build(op->children.at(1).get(), build);
        Build(op->children.at(0).get(), current);
        return;
      }
      case PhysicalOperatorType::UNION: {
        for (idx_t c = 1; c < op->children.size(); c++) {
          Pipeline* copy = NewPipeline();
          copy->operators = current->operators;
          copy->sink = current->sink;
          copy->sink_dependencies = current->sink_dependencies;
          Build(op->children[c].get(), copy);
        }
        Build(op->children.at(0).get(), current);
        return;
      }
      case PhysicalOperatorType::MATERIALIZED_CTE: {
        // The WITH query's own pipelines feed this sink; the reading query continues here.
        Pipeline* definition = NewPipeline();
        definition->sink = op;
        Build(op->children.at(0).get(), definition);
        Build(op->children.at(1).get(), current);
        return;
      }
      case PhysicalOperatorType::CTE_SCAN:
        current->source = op;
        current->sink_dependencies.push_back(&static_cast<const PhysicalCteScan*>(op)->cte());
        return;
      case PhysicalOperatorType::RESULT_COLLECTOR: break;
    }
    throw Exception(sqlstate::kInternalError, "cannot place physical operator in a pipeline");
  }
};

}  // namespace

std::vector<std::unique_ptr<Pipeline>> BuildPipelines(const PhysicalOperator& root, const PhysicalOperator& result_sink,
                                                      std::vector<std::unique_ptr<PhysicalOperator>>& owned_operators) {
  Builder builder;
  Pipeline* final_pipeline = builder.NewPipeline();
  final_pipeline->sink = &result_sink;
  builder.Build(&root, final_pipeline);
  for (auto& p : builder.pipelines) {
    std::reverse(p->operators.begin(), p->operators.end());
    if (!p->source || !p->sink) throw Exception(sqlstate::kInternalError, "pipeline without source or sink");
  }
  // Joins with a final output (RIGHT/FULL joins' unmatched build rows, spilled partitions): a
  // pipeline emitting it after all probing pipelines.
  std::vector<std::pair<Pipeline*, const PhysicalOperator*>> outer_scans;
  std::set<const PhysicalOperator*> handled;
  for (idx_t pi = 0; pi < builder.pipelines.size(); pi++) {
    Pipeline& p = *builder.pipelines[pi];
    for (idx_t i = 0; i < p.operators.size(); i++) {
      const PhysicalOperator* op = p.operators[i];
      if (!op->HasFinalOutput() || handled.count(op)) continue;
      handled.insert(op);
      owned_operators.push_back(std::make_unique<PhysicalOuterJoinScan>(static_cast<const PhysicalHashJoin&>(*op)));
      auto scan = std::make_unique<Pipeline>();
      scan->source = owned_operators.back().get();
      scan->operators.assign(p.operators.begin() + i + 1, p.operators.end());
      scan->sink = p.sink;
      scan->sink_dependencies = p.sink_dependencies;
      outer_scans.emplace_back(scan.get(), op);
      builder.pipelines.push_back(std::move(scan));
    }
  }
  auto& pipelines = builder.pipelines;
  // Indexes (a deep join tree has thousands of pipelines): the pipelines feeding each sink and
  // those containing each operator.
  std::unordered_map<const PhysicalOperator*, std::vector<Pipeline*>> feeding, containing;
  for (auto& q : pipelines) {
    feeding[q->sink].push_back(q.get());
    for (const PhysicalOperator* op : q->operators) containing[op].push_back(q.get());
  }
  for (auto& p : pipelines) {
    for (const PhysicalOperator* sink : p->sink_dependencies) {
      auto found = feeding.find(sink);
      if (found == feeding.end()) continue;
      for (Pipeline* q : found->second) {
        if (q != p.get()) p->dependencies.push_back(q);
      }
    }
  }
  for (auto& [scan, join] : outer_scans) {
    for (Pipeline* q : containing[join]) {
      if (q != scan) scan->dependencies.push_back(q);
    }
  }
  for (idx_t i = 0; i < pipelines.size(); i++) pipelines[i]->index = i;
  return std::move(builder.pipelines);
}

}  // namespace cairn
