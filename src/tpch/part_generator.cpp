// PART and PARTSUPP (clause 4.2.3). PART: p_name five distinct colours, p_mfgr
// "Manufacturer#M" (M uniform 1..5), p_brand "Brand#MN" (N uniform 1..5), a type, a size
// uniform 1..50, a container, the retail price formula, a comment (average 14). PARTSUPP: four
// rows per part, suppliers by the spread formula, ps_availqty uniform 1..9999, ps_supplycost
// uniform 1.00..1000.00, a comment (average 124); its streams count a part as the row.
#include <cstdio>

#include "tpch/random_stream.h"
#include "tpch/table_generator.h"
#include "tpch/value_streams.h"

namespace cairn::tpch {
namespace {

class PartCursor final : public TableCursor {
 public:
  PartCursor(const GenerationContext& context, int64_t begin, int64_t end)
      : TableCursor(begin, end, 1),
        context_(context),
        name_(709314158, context.distributions.part_colors, 5),
        manufacturer_(1, 1),
        brand_(46831694, 1),
        type_(1841581359, 1),
        size_(1193163244, 1),
        container_(727633698, 1),
        comment_(804159733, context.text_pool, 14) {
    name_.SkipRows(begin);
    manufacturer_.SkipRows(begin);
    brand_.SkipRows(begin);
    type_.SkipRows(begin);
    size_.SkipRows(begin);
    container_.SkipRows(begin);
    comment_.SkipRows(begin);
  }

 private:
  idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) override {
    const int64_t key = unit + 1;
    char buffer[128];
    chunk.data[0].data<int32_t>()[row] = static_cast<int32_t>(key);
    const int name_length = name_.Next(buffer);
    SetOwnedString(chunk.data[1], row, std::string_view(buffer, static_cast<size_t>(name_length)));
    const int64_t manufacturer = manufacturer_.NextInt(1, 5);
    int length =
        std::snprintf(buffer, sizeof(buffer), "Manufacturer#%lld", static_cast<long long>(manufacturer));
    SetOwnedString(chunk.data[2], row, std::string_view(buffer, static_cast<size_t>(length)));
    length = std::snprintf(buffer, sizeof(buffer), "Brand#%lld",
                           static_cast<long long>(manufacturer * 10 + brand_.NextInt(1, 5)));
    SetOwnedString(chunk.data[3], row, std::string_view(buffer, static_cast<size_t>(length)));
    SetBorrowedString(chunk.data[4], row, context_.distributions.part_types.Pick(type_));
    chunk.data[5].data<int32_t>()[row] = static_cast<int32_t>(size_.NextInt(1, 50));
    SetBorrowedString(chunk.data[6], row, context_.distributions.part_containers.Pick(container_));
    chunk.data[7].data<int64_t>()[row] = RetailPriceCents(key);
    SetBorrowedString(chunk.data[8], row, comment_.Next());

    name_.FinishRow();
    manufacturer_.FinishRow();
    brand_.FinishRow();
    type_.FinishRow();
    size_.FinishRow();
    container_.FinishRow();
    comment_.FinishRow();
    return 1;
  }

  const GenerationContext& context_;
  WordSequenceStream name_;
  RandomStream manufacturer_, brand_, type_, size_, container_;
  CommentStream comment_;
};

class PartSuppCursor final : public TableCursor {
 public:
  static constexpr int kSuppliersPerPart = 4;

  PartSuppCursor(const GenerationContext& context, int64_t begin, int64_t end)
      : TableCursor(begin, end, kSuppliersPerPart),
        supplier_count_(SupplierCount(context.scale_factor)),
        quantity_(1671059989, kSuppliersPerPart),
        cost_(1051288424, kSuppliersPerPart),
        comment_(1961692154, context.text_pool, 124, kSuppliersPerPart) {
    quantity_.SkipRows(begin);
    cost_.SkipRows(begin);
    comment_.SkipRows(begin);
  }

 private:
  idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) override {
    const int64_t part_key = unit + 1;
    for (int number = 0; number < kSuppliersPerPart; number++, row++) {
      chunk.data[0].data<int32_t>()[row] = static_cast<int32_t>(part_key);
      chunk.data[1].data<int32_t>()[row] =
          static_cast<int32_t>(PartSupplierKey(part_key, number, supplier_count_));
      chunk.data[2].data<int32_t>()[row] = static_cast<int32_t>(quantity_.NextInt(1, 9999));
      chunk.data[3].data<int64_t>()[row] = cost_.NextInt(100, 100000);
      SetBorrowedString(chunk.data[4], row, comment_.Next());
    }
    quantity_.FinishRow();
    cost_.FinishRow();
    comment_.FinishRow();
    return kSuppliersPerPart;
  }

  int64_t supplier_count_;
  RandomStream quantity_, cost_;
  CommentStream comment_;
};

}  // namespace

std::unique_ptr<TableCursor> OpenPartCursor(const GenerationContext& context, int64_t begin, int64_t end) {
  return std::make_unique<PartCursor>(context, begin, end);
}

std::unique_ptr<TableCursor> OpenPartSuppCursor(const GenerationContext& context, int64_t begin,
                                                int64_t end) {
  return std::make_unique<PartSuppCursor>(context, begin, end);
}

}  // namespace cairn::tpch
