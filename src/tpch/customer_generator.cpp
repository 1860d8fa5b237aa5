// CUSTOMER (clause 4.2.3): c_name "Customer#" + 9-digit key, an alphanumeric address (average
// 25), a uniform nation and a phone for it, c_acctbal uniform in [-999.99, 9999.99], a market
// segment and a comment (average 73).
#include <cstdio>

#include "tpch/random_stream.h"
#include "tpch/table_generator.h"
#include "tpch/value_streams.h"

namespace cairn::tpch {
namespace {

class CustomerCursor final : public TableCursor {
 public:
  CustomerCursor(const GenerationContext& context, int64_t begin, int64_t end)
      : TableCursor(begin, end, 1),
        context_(context),
        address_(881155353, 25),
        nation_(1489529863, 1),
        phone_(1521138112),
        balance_(298370230, 1),
        segment_(1140279430, 1),
        comment_(1335826707, context.text_pool, 73) {
    address_.SkipRows(begin);
    nation_.SkipRows(begin);
    phone_.SkipRows(begin);
    balance_.SkipRows(begin);
    segment_.SkipRows(begin);
    comment_.SkipRows(begin);
  }

 private:
  idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) override {
    const int64_t key = unit + 1;
    char buffer[64];
    chunk.data[0].data<int32_t>()[row] = static_cast<int32_t>(key);
    std::snprintf(buffer, sizeof(buffer), "Customer#%09lld", static_cast<long long>(key));
    SetOwnedString(chunk.data[1], row, buffer);
    const int address_length = address_.Next(buffer);
    SetOwnedString(chunk.data[2], row, std::string_view(buffer, static_cast<size_t>(address_length)));
    const int32_t nation = static_cast<int32_t>(nation_.NextInt(0, 24));
    chunk.data[3].data<int32_t>()[row] = nation;
    phone_.Next(nation, buffer);
    SetOwnedString(chunk.data[4], row, std::string_view(buffer, PhoneStream::kLength));
    chunk.data[5].data<int64_t>()[row] = balance_.NextInt(-99999, 999999);
    SetBorrowedString(chunk.data[6], row, context_.distributions.market_segments.Pick(segment_));
    SetBorrowedString(chunk.data[7], row, comment_.Next());

    address_.FinishRow();
    nation_.FinishRow();
    phone_.FinishRow();
    balance_.FinishRow();
    segment_.FinishRow();
    comment_.FinishRow();
    return 1;
  }

  const GenerationContext& context_;
  AlphanumericStream address_;
  RandomStream nation_;
  PhoneStream phone_;
  RandomStream balance_;
  RandomStream segment_;
  CommentStream comment_;
};

}  // namespace

std::unique_ptr<TableCursor> OpenCustomerCursor(const GenerationContext& context, int64_t begin,
                                                int64_t end) {
  return std::make_unique<CustomerCursor>(context, begin, end);
}

}  // namespace cairn::tpch
