// REGION and NATION (clause 4.2.3): fixed names, nation regions as the specification lists
// them, comments from the text pool (average 72 characters; seeds 1500869201 and 606179079).
#include "tpch/table_generator.h"
#include "tpch/value_streams.h"

namespace cairn::tpch {
namespace {

constexpr int64_t kRegionCommentSeed = 1500869201;
constexpr int64_t kNationCommentSeed = 606179079;
constexpr int kCommentAverageLength = 72;

class RegionCursor final : public TableCursor {
 public:
  RegionCursor(const GenerationContext& context, int64_t begin, int64_t end)
      : TableCursor(begin, end, 1),
        context_(context),
        comment_(kRegionCommentSeed, context.text_pool, kCommentAverageLength) {
    comment_.SkipRows(begin);
  }

 private:
  idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) override {
    chunk.data[0].data<int32_t>()[row] = static_cast<int32_t>(unit);
    SetBorrowedString(chunk.data[1], row, context_.distributions.regions[static_cast<size_t>(unit)]);
    SetBorrowedString(chunk.data[2], row, comment_.Next());
    comment_.FinishRow();
    return 1;
  }

  const GenerationContext& context_;
  CommentStream comment_;
};

class NationCursor final : public TableCursor {
 public:
  NationCursor(const GenerationContext& context, int64_t begin, int64_t end)
      : TableCursor(begin, end, 1),
        context_(context),
        comment_(kNationCommentSeed, context.text_pool, kCommentAverageLength) {
    comment_.SkipRows(begin);
  }

 private:
  idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) override {
    const NationEntry& nation = context_.distributions.nations[static_cast<size_t>(unit)];
    chunk.data[0].data<int32_t>()[row] = static_cast<int32_t>(unit);
    SetBorrowedString(chunk.data[1], row, nation.name);
    chunk.data[2].data<int32_t>()[row] = nation.region_key;
    SetBorrowedString(chunk.data[3], row, comment_.Next());
    comment_.FinishRow();
    return 1;
  }

  const GenerationContext& context_;
  CommentStream comment_;
};

}  // namespace

std::unique_ptr<TableCursor> OpenRegionCursor(const GenerationContext& context, int64_t begin, int64_t end) {
  return std::make_unique<RegionCursor>(context, begin, end);
}

std::unique_ptr<TableCursor> OpenNationCursor(const GenerationContext& context, int64_t begin, int64_t end) {
  return std::make_unique<NationCursor>(context, begin, end);
}

}  // namespace cairn::tpch
