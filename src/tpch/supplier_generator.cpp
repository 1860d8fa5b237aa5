// SUPPLIER (clause 4.2.3): s_name "Supplier#" + 9-digit key, an alphanumeric address (average
// 25), a uniform nation, a phone for it, s_acctbal uniform in [-999.99, 9999.99], and a comment
// (average 63) of which 10 in every 10,000 (by a uniform draw in [1, 10000]) carry
// "Customer ...Complaints" or "Customer ...Recommends" written over it at a random place
// (clause 4.2.3, the Better Business Bureau comments Q16 looks for).
#include <cstdio>
#include <cstring>
#include <string>

#include "tpch/random_stream.h"
#include "tpch/table_generator.h"
#include "tpch/value_streams.h"

namespace cairn::tpch {
namespace {

constexpr std::string_view kBbbBase = "Customer ";
constexpr std::string_view kBbbComplaint = "Complaints";
constexpr std::string_view kBbbRecommend = "Recommends";

class SupplierCursor final : public TableCursor {
 public:
  SupplierCursor(const GenerationContext& context, int64_t begin, int64_t end)
      : TableCursor(begin, end, 1),
        address_(706178559, 25),
        nation_(110356601, 1),
        phone_(884434366),
        balance_(962338209, 1),
        comment_(1341315363, context.text_pool, 63),
        bbb_select_(202794285, 1),
        bbb_noise_(263032577, 1),
        bbb_offset_(715851524, 1),
        bbb_kind_(753643799, 1) {
    address_.SkipRows(begin);
    nation_.SkipRows(begin);
    phone_.SkipRows(begin);
    balance_.SkipRows(begin);
    comment_.SkipRows(begin);
    bbb_select_.SkipRows(begin);
    bbb_noise_.SkipRows(begin);
    bbb_offset_.SkipRows(begin);
    bbb_kind_.SkipRows(begin);
  }

 private:
  idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) override {
    const int64_t key = unit + 1;
    char buffer[64];
    chunk.data[0].data<int32_t>()[row] = static_cast<int32_t>(key);
    std::snprintf(buffer, sizeof(buffer), "Supplier#%09lld", static_cast<long long>(key));
    SetOwnedString(chunk.data[1], row, buffer);
    const int address_length = address_.Next(buffer);
    SetOwnedString(chunk.data[2], row, std::string_view(buffer, static_cast<size_t>(address_length)));
    const int32_t nation = static_cast<int32_t>(nation_.NextInt(0, 24));
    chunk.data[3].data<int32_t>()[row] = nation;
    phone_.Next(nation, buffer);
    SetOwnedString(chunk.data[4], row, std::string_view(buffer, PhoneStream::kLength));
    chunk.data[5].data<int64_t>()[row] = balance_.NextInt(-99999, 999999);

    const std::string_view comment = comment_.Next();
    if (bbb_select_.NextInt(1, 10000) <= 10) {
      // Overwrite "Customer " at a random offset and the verdict `noise` bytes after it.
      std::string text(comment);
      const int64_t marked = static_cast<int64_t>(kBbbBase.size() + kBbbComplaint.size());
      const int64_t length = static_cast<int64_t>(text.size());
      const int64_t noise = bbb_noise_.NextInt(0, length - marked);
      const int64_t offset = bbb_offset_.NextInt(0, length - (marked + noise));
      const std::string_view verdict = bbb_kind_.NextInt(0, 100) < 50 ? kBbbComplaint : kBbbRecommend;
      text.replace(static_cast<size_t>(offset), kBbbBase.size(), kBbbBase);
      text.replace(static_cast<size_t>(offset) + kBbbBase.size() + static_cast<size_t>(noise), verdict.size(),
                   verdict);
      SetOwnedString(chunk.data[6], row, text);
    } else {
      SetBorrowedString(chunk.data[6], row, comment);
    }

    address_.FinishRow();
    nation_.FinishRow();
    phone_.FinishRow();
    balance_.FinishRow();
    comment_.FinishRow();
    bbb_select_.FinishRow();
    bbb_noise_.FinishRow();
    bbb_offset_.FinishRow();
    bbb_kind_.FinishRow();
    return 1;
  }

  AlphanumericStream address_;
  RandomStream nation_;
  PhoneStream phone_;
  RandomStream balance_;
  CommentStream comment_;
  RandomStream bbb_select_, bbb_noise_, bbb_offset_, bbb_kind_;
};

}  // namespace

std::unique_ptr<TableCursor> OpenSupplierCursor(const GenerationContext& context, int64_t begin,
                                                int64_t end) {
  return std::make_unique<SupplierCursor>(context, begin, end);
}

}  // namespace cairn::tpch
