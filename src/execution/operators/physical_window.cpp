#include "execution/operators/physical_window.h"

#include <atomic>
#include <cstring>

#include "common/hash.h"
#include "execution/chunk_memory.h"
#include "execution/execution_state.h"
#include "execution/expression_executor.h"
#include "execution/operators/physical_order.h"
#include "function/window/window_evaluator.h"

namespace cairn {

namespace {

constexpr const char* kMemoryOwner = "WINDOW";

std::vector<LogicalType> OutputTypes(const std::vector<LogicalType>& input_types,
                                     const std::vector<BoundWindowExpression>& expressions) {
  std::vector<LogicalType> types = input_types;
  for (const auto& expression : expressions) types.push_back(expression.return_type);
  return types;
}

struct WindowLocalState : LocalSinkState {
  ExpressionExecutor executor;
  DataChunk extras, payload, keys;
  std::vector<std::unique_ptr<SortedRun>> runs;  // per bucket
  std::vector<uint8_t> partition_keys;           // encoded partition keys of one chunk
  std::vector<SelectionVector> selections;       // per bucket: the chunk's rows of the bucket
  std::vector<idx_t> counts;
};

struct WindowGlobalState : GlobalSinkState {
  std::vector<std::unique_ptr<SortState>> buckets;
  int round = 0;                                       // 1: merging, 2: evaluating
  std::vector<std::pair<idx_t, idx_t>> merge_tasks;    // (bucket, merge task)
  std::vector<idx_t> evaluate_buckets;                 // the non-empty buckets
  std::vector<std::vector<std::unique_ptr<DataChunk>>> output;  // per bucket
  std::vector<MemoryReservation> memory;               // per bucket: its output chunks
  std::vector<const DataChunk*> chunks;                // every output chunk, for the source
};

/// Ends the merge round: the next round evaluates one bucket per task.
idx_t StartEvaluation(WindowGlobalState& gstate) {
  for (idx_t b : gstate.evaluate_buckets) gstate.buckets[b]->FinishMerge();
  gstate.round = 2;
  return gstate.evaluate_buckets.size();
}

struct WindowSourceState : GlobalSourceState {
  explicit WindowSourceState(WindowGlobalState& sink) : sink(sink) {}
  WindowGlobalState& sink;
  std::atomic<idx_t> next{0};
};

}  // namespace

PhysicalWindow::PhysicalWindow(std::vector<LogicalType> input_types, std::vector<BoundWindowExpression> expressions)
    : PhysicalOperator(PhysicalOperatorType::WINDOW, OutputTypes(input_types, expressions)),
      input_types_(std::move(input_types)),
      expressions_(std::move(expressions)) {
  auto add_extra = [&](const Expression& expression) {
    extras_.push_back(expression.Copy());
    extra_types_.push_back(expression.return_type);
    return extras_.size() - 1;
  };
  const BoundWindowExpression& first = expressions_.at(0);
  partition_count_ = first.partitions.size();
  order_count_ = first.orders.size();
  const idx_t base = input_types_.size();
  for (const auto& partition : first.partitions) {
    idx_t e = add_extra(*partition);
    sort_orders_.push_back(BoundOrderBy{std::make_unique<BoundReference>(base + e, extra_types_[e], "partition"), true, false});
  }
  for (const auto& order : first.orders) {
    idx_t e = add_extra(*order.expression);
    sort_orders_.push_back(BoundOrderBy{std::make_unique<BoundReference>(base + e, extra_types_[e], "order"),
                                        order.ascending, order.nulls_first});
  }
  if (sort_orders_.empty()) {
    // No key at all: sort by a constant (keeps insertion order; the sort machinery wants a key).
    idx_t e = add_extra(BoundConstant(Value::Boolean(true)));
    sort_orders_.push_back(BoundOrderBy{std::make_unique<BoundReference>(base + e, extra_types_[e], "constant"), true, false});
  }
  for (const auto& expression : expressions_) {
    ExpressionColumns columns;
    for (const auto& child : expression.children) columns.children.push_back(add_extra(*child));
    if (expression.filter) columns.filter = add_extra(*expression.filter);
    if (expression.range_key) columns.range_key = add_extra(*expression.range_key);
    if (expression.range_start) columns.range_start = add_extra(*expression.range_start);
    if (expression.range_end) columns.range_end = add_extra(*expression.range_end);
    columns_.push_back(std::move(columns));
  }
  payload_types_ = input_types_;
  payload_types_.insert(payload_types_.end(), extra_types_.begin(), extra_types_.end());
  encoder_ = MakeSortKeyEncoder(sort_orders_);
  payload_keys_ = PayloadKeyColumns(sort_orders_, *encoder_, payload_types_);
  if (partition_count_ > 0) {
    std::vector<BoundOrderBy> partition_orders;
    for (idx_t k = 0; k < partition_count_; k++) {
      partition_orders.push_back(BoundOrderBy{sort_orders_[k].expression->Copy(), true, false});
    }
    partition_encoder_ = MakeSortKeyEncoder(partition_orders);
    bucket_count_ = kPartitionBuckets;
  }
}

std::unique_ptr<GlobalSinkState> PhysicalWindow::GetGlobalSinkState(ExecutionState&) const {
  auto state = std::make_unique<WindowGlobalState>();
  for (idx_t b = 0; b < bucket_count_; b++) {
    state->buckets.push_back(std::make_unique<SortState>(encoder_, payload_types_, kMemoryOwner, payload_keys_));
    state->memory.emplace_back(kMemoryOwner);
  }
  state->output.resize(bucket_count_);
  return state;
}

std::unique_ptr<GlobalSourceState> PhysicalWindow::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<WindowSourceState>(static_cast<WindowGlobalState&>(execution.sink_state(*this)));
}

std::unique_ptr<LocalSinkState> PhysicalWindow::GetLocalSinkState(GlobalSinkState& gstate_p) const {
  auto& gstate = static_cast<WindowGlobalState&>(gstate_p);
  auto state = std::make_unique<WindowLocalState>();
  for (const auto& extra : extras_) state->executor.AddExpression(*extra);
  state->extras.data.resize(extras_.size());
  state->payload.data.resize(payload_types_.size());
  state->keys.data.resize(sort_orders_.size());
  for (idx_t b = 0; b < bucket_count_; b++) {
    state->runs.push_back(gstate.buckets[b]->MakeRun());
    state->selections.emplace_back(kStandardVectorSize);
  }
  state->counts.assign(bucket_count_, 0);
  return state;
}

SinkResult PhysicalWindow::Sink(DataChunk& input, GlobalSinkState& gstate_p, LocalSinkState& state_p) const {
  auto& gstate = static_cast<WindowGlobalState&>(gstate_p);
  auto& state = static_cast<WindowLocalState&>(state_p);
  const idx_t count = input.size();
  if (count == 0) return SinkResult::NEED_MORE_INPUT;
  state.executor.Execute(input, state.extras);
  const idx_t base = input_types_.size();
  for (idx_t c = 0; c < base; c++) state.payload.data[c].Reference(input.data[c]);
  for (idx_t e = 0; e < extras_.size(); e++) state.payload.data[base + e].Reference(state.extras.data[e]);
  state.payload.SetCardinality(count);
  for (idx_t k = 0; k < sort_orders_.size(); k++) state.keys.data[k].Reference(state.extras.data[k]);
  state.keys.SetCardinality(count);
  auto add_run_if_full = [&](idx_t b) {
    if (state.runs[b]->Count() >= PhysicalOrder::kMaxRunRows) {
      gstate.buckets[b]->AddRun(std::move(state.runs[b]));
      state.runs[b] = gstate.buckets[b]->MakeRun();
    }
  };
  if (bucket_count_ == 1) {
    state.runs[0]->Append(state.payload, state.keys, SelectionVector::Incremental(), count);
    add_run_if_full(0);
    return SinkResult::NEED_MORE_INPUT;
  }
  // Rows go to the bucket of their partition keys' hash (equal keys: equal encodings, one bucket).
  const idx_t width = partition_encoder_->key_width();
  state.partition_keys.assign(width * count, 0);
  for (idx_t k = 0; k < partition_count_; k++) {
    partition_encoder_->EncodeColumn(k, state.extras.data[k], SelectionVector::Incremental(), count,
                                     state.partition_keys.data(), width);
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t b = HashInt64(HashBytes(state.partition_keys.data() + i * width, width)) & (bucket_count_ - 1);
    state.selections[b].set_index(state.counts[b]++, i);
  }
  for (idx_t b = 0; b < bucket_count_; b++) {
    if (state.counts[b] == 0) continue;
    state.runs[b]->Append(state.payload, state.keys, state.selections[b], state.counts[b]);
    state.counts[b] = 0;
    add_run_if_full(b);
  }
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalWindow::Combine(GlobalSinkState& gstate_p, LocalSinkState& state_p) const {
  auto& gstate = static_cast<WindowGlobalState&>(gstate_p);
  auto& state = static_cast<WindowLocalState&>(state_p);
  for (idx_t b = 0; b < bucket_count_; b++) gstate.buckets[b]->AddRun(std::move(state.runs[b]));
}

idx_t PhysicalWindow::Finalize(GlobalSinkState& gstate_p) const {
  auto& gstate = static_cast<WindowGlobalState&>(gstate_p);
  for (idx_t b = 0; b < bucket_count_; b++) {
    if (gstate.buckets[b]->runs().empty()) continue;
    idx_t tasks = gstate.buckets[b]->PlanMerge();
    for (idx_t t = 0; t < tasks; t++) gstate.merge_tasks.emplace_back(b, t);
    gstate.evaluate_buckets.push_back(b);
  }
  if (!gstate.merge_tasks.empty()) {
    gstate.round = 1;
    return gstate.merge_tasks.size();
  }
  // Small merges ran inside PlanMerge: evaluate right away.
  return StartEvaluation(gstate);
}

void PhysicalWindow::ExecuteFinalizeTask(GlobalSinkState& gstate_p, idx_t task) const {
  auto& gstate = static_cast<WindowGlobalState&>(gstate_p);
  if (gstate.round == 1) {
    auto [bucket, merge_task] = gstate.merge_tasks[task];
    gstate.buckets[bucket]->ExecuteMergeTask(merge_task);
  } else {
    EvaluateBucket(gstate, gstate.evaluate_buckets[task]);
  }
}

idx_t PhysicalWindow::FinishFinalizeRound(GlobalSinkState& gstate_p) const {
  auto& gstate = static_cast<WindowGlobalState&>(gstate_p);
  if (gstate.round == 1) return StartEvaluation(gstate);
  for (idx_t b : gstate.evaluate_buckets) {
    for (const auto& chunk : gstate.output[b]) gstate.chunks.push_back(chunk.get());
  }
  return 0;
}

bool PhysicalWindow::NeedsPeerGroups() const {
  for (const BoundWindowExpression& expression : expressions_) {
    switch (expression.kind) {
      case WindowFunctionKind::ROW_NUMBER:
      case WindowFunctionKind::NTILE:
      case WindowFunctionKind::LAG:
      case WindowFunctionKind::LEAD:
        break;  // positions within the partition only
      case WindowFunctionKind::AGGREGATE:
      case WindowFunctionKind::FIRST_VALUE:
      case WindowFunctionKind::LAST_VALUE:
      case WindowFunctionKind::NTH_VALUE:
        // A ROWS frame counts rows; RANGE and GROUPS frames and EXCLUDE GROUP/TIES use peers.
        if (expression.frame.unit != WindowFrameUnit::ROWS || expression.frame.exclusion == WindowExclusion::GROUP ||
            expression.frame.exclusion == WindowExclusion::TIES) {
          return true;
        }
        break;
      default:
        return true;  // rank, dense_rank, percent_rank, cume_dist
    }
  }
  return false;
}

void PhysicalWindow::EvaluateBucket(GlobalSinkState& gstate_p, idx_t bucket) const {
  auto& gstate = static_cast<WindowGlobalState&>(gstate_p);
  SortState& sort = *gstate.buckets[bucket];
  std::vector<std::unique_ptr<DataChunk>> chunks;
  idx_t n = 0;
  for (;;) {
    auto chunk = std::make_unique<DataChunk>();
    if (!sort.NextChunk(*chunk)) break;
    n += chunk->size();
    chunks.push_back(std::move(chunk));
  }
  if (n == 0) return;
  MemoryReservation working(kMemoryOwner);
  uint64_t working_bytes = 0;
  for (const auto& type : extra_types_) working_bytes += n * (type.PhysicalSize() + 1);  // at most
  working_bytes += n * (encoder_->key_width() + 4 * sizeof(idx_t));
  working.Resize(working_bytes);

  // The evaluated columns of the bucket's rows, in sorted order, one vector each — those read
  // below: the keys that delimit partitions and peer groups, and the functions' inputs
  // (row_number() over one partition reads none).
  const bool peers = NeedsPeerGroups();
  const idx_t key_columns = partition_count_ + (peers ? order_count_ : 0);
  std::vector<bool> read(extras_.size(), false);
  for (idx_t k = 0; k < key_columns; k++) read[k] = true;
  for (const ExpressionColumns& where : columns_) {
    for (idx_t c : where.children) read[c] = true;
    for (idx_t c : {where.filter, where.range_key, where.range_start, where.range_end}) {
      if (c != kNone) read[c] = true;
    }
  }
  const idx_t base = input_types_.size();
  std::vector<std::shared_ptr<Vector>> columns(extras_.size());
  for (idx_t e = 0; e < extras_.size(); e++) {
    if (!read[e]) continue;
    columns[e] = std::make_shared<Vector>(extra_types_[e], n);
    idx_t offset = 0;
    for (const auto& chunk : chunks) {
      columns[e]->CopyFrom(chunk->data[base + e], SelectionVector::Incremental(), chunk->size(), offset);
      offset += chunk->size();
    }
  }

  // Partitions and peer groups, from the normalized sort keys (long strings compared in full).
  // Peer groups only where a function reads them (row_number() over one partition compares and
  // encodes nothing: every partition is then one group, which such functions never look at).
  const idx_t key_width = encoder_->key_width();
  std::vector<uint8_t> keys(key_columns > 0 ? n * key_width : 0);
  for (idx_t k = 0; k < key_columns; k++) {
    encoder_->EncodeColumn(k, *columns[k], SelectionVector::Incremental(), n, keys.data(), key_width);
  }
  auto equal = [&](idx_t a, idx_t b, idx_t k_begin, idx_t k_end) {
    const uint8_t* key_a = keys.data() + a * key_width;
    const uint8_t* key_b = keys.data() + b * key_width;
    for (idx_t k = k_begin; k < k_end; k++) {
      const idx_t offset = encoder_->column_offset(k);
      if (std::memcmp(key_a + offset, key_b + offset, encoder_->column_width(k)) != 0) return false;
      if (encoder_->types()[k].physical_type() == PhysicalType::STRING && encoder_->StringUnresolved(key_a, k)) {
        const auto* strings = columns[k]->data<string_t>();
        if (strings[a].view() != strings[b].view()) return false;
      }
    }
    return true;
  };
  WindowRows rows = WindowRows::Build(
      n, [&](idx_t i) { return partition_count_ > 0 && !equal(i - 1, i, 0, partition_count_); },
      [&](idx_t i) { return peers && !equal(i - 1, i, partition_count_, key_columns); }, peers);
  keys = {};

  // Each function's values.
  std::vector<std::shared_ptr<Vector>> results;
  for (idx_t w = 0; w < expressions_.size(); w++) {
    const BoundWindowExpression& expression = expressions_[w];
    const ExpressionColumns& where = columns_[w];
    WindowFunctionSpec spec;
    spec.kind = expression.kind;
    spec.aggregate = &expression.aggregate;
    spec.return_type = expression.return_type;
    spec.frame = expression.frame;
    WindowFunctionArguments arguments;
    for (idx_t c : where.children) arguments.children.push_back(columns[c]);
    if (where.filter != kNone) arguments.filter = columns[where.filter];
    std::vector<uint8_t> range_keys, range_starts, range_ends;
    if (where.range_key != kNone) {
      const BoundOrderBy& order = expression.orders.at(0);
      SortKeyEncoder range_encoder({extra_types_[where.range_key]}, {SortKeySpec{order.ascending, order.nulls_first}});
      const idx_t width = range_encoder.key_width();
      auto encode = [&](idx_t column, std::vector<uint8_t>& out) {
        out.assign(n * width, 0);
        range_encoder.EncodeColumn(0, *columns[column], SelectionVector::Incremental(), n, out.data(), width);
      };
      encode(where.range_key, range_keys);
      arguments.range_keys = range_keys.data();
      arguments.range_width = width;
      if (where.range_start != kNone) {
        encode(where.range_start, range_starts);
        arguments.range_start_probes = range_starts.data();
      }
      if (where.range_end != kNone) {
        encode(where.range_end, range_ends);
        arguments.range_end_probes = range_ends.data();
      }
    }
    auto result = std::make_shared<Vector>(expression.return_type, n);
    EvaluateWindowFunction(spec, arguments, rows, *result);
    results.push_back(std::move(result));
  }
  columns.clear();

  // Output chunks: the input columns of each sorted chunk, then the functions' values.
  uint64_t output_bytes = 0;
  idx_t offset = 0;
  SelectionVector range(kStandardVectorSize);
  auto& output = gstate.output[bucket];
  for (auto& chunk : chunks) {
    const idx_t size = chunk->size();
    for (idx_t i = 0; i < size; i++) range.set_index(i, offset + i);
    auto out = std::make_unique<DataChunk>();
    out->data.resize(types.size());
    for (idx_t c = 0; c < base; c++) out->data[c].Reference(chunk->data[c]);
    for (idx_t w = 0; w < results.size(); w++) {
      Vector& target = out->data[base + w];
      target.Initialize(expressions_[w].return_type, std::max<idx_t>(size, 1));
      target.CopyFrom(*results[w], range, size, 0);
    }
    out->SetCardinality(size);
    output_bytes += ChunkMemoryBytes(*out);
    output.push_back(std::move(out));
    offset += size;
    chunk.reset();
  }
  gstate.memory[bucket].Resize(output_bytes);
}

bool PhysicalWindow::GetData(DataChunk& out, GlobalSourceState& gstate_p, LocalSourceState&) const {
  auto& gstate = static_cast<WindowSourceState&>(gstate_p);
  idx_t index = gstate.next.fetch_add(1);
  if (index >= gstate.sink.chunks.size()) return false;
  out.Reference(*gstate.sink.chunks[index]);
  return true;
}

}  // namespace cairn
