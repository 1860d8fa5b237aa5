// ORDERS and LINEITEM (clause 4.2.3), generated per order from the same streams, so the two
// tables agree without either reading the other.
//
// An order: o_orderdate uniform in [1992-01-01, 1998-08-02] (the end date minus 151 days),
// o_custkey uniform over the customers, moved off multiples of 3 (a third of the customers place
// no orders), one to seven lines, a priority, o_clerk "Clerk#" + 9 digits uniform in
// [1, max(1000, SF * 1000)], a comment (average 49). Each line: l_quantity 1..50, l_discount
// 0.00..0.10, l_tax 0.00..0.08, l_partkey uniform over the parts, l_suppkey one of the part's
// four suppliers, l_shipdate the order date + 1..121 days, l_commitdate + 30..90,
// l_receiptdate the ship date + 1..30; l_returnflag R or A when received by the current date
// 1995-06-17, else N; l_linestatus F when shipped by it, else O; instruction, mode, a comment
// (average 27). o_orderstatus is F when every line is F, O when none is, else P; o_totalprice
// sums extendedprice * (1 - discount) * (1 + tax) per line, truncated to cents at each step
// as dbgen does.
//
// The line streams are budgeted seven draws (lines) per order; orders draw them too, for the
// status and the total price.
#include <algorithm>
#include <array>
#include <cstdio>

#include "tpch/random_stream.h"
#include "tpch/table_generator.h"
#include "tpch/value_streams.h"

namespace cairn::tpch {
namespace {

/// DATE value (days since 1970-01-01) of 1992-01-01, the first date dbgen generates.
constexpr int32_t kFirstDateDays = 8035;
/// 1995-06-17 (the "current date" of clause 4.2.3) as days after 1992-01-01.
constexpr int64_t kCurrentDateOffset = 1263;
/// The last order date as days after 1992-01-01: the 2557-day range minus 121 + 30 days, minus 1.
constexpr int64_t kLastOrderDateOffset = 2405;
constexpr int kMaxLines = 7;

/// The streams both tables draw per order, and the order-level values they give.
class OrderShape {
 public:
  explicit OrderShape(double scale_factor)
      : order_date_(1066728069, 1),
        line_count_(1434868289, 1),
        quantity_(209208115, kMaxLines),
        discount_(554590007, kMaxLines),
        tax_(721958466, kMaxLines),
        part_key_(1808217256, kMaxLines),
        ship_date_(1769349045, kMaxLines),
        part_count_(PartCount(scale_factor)) {}

  void SkipRows(int64_t rows) {
    for (RandomStream* stream :
         {&order_date_, &line_count_, &quantity_, &discount_, &tax_, &part_key_, &ship_date_}) {
      stream->SkipRows(rows);
    }
  }
  void FinishRow() {
    for (RandomStream* stream :
         {&order_date_, &line_count_, &quantity_, &discount_, &tax_, &part_key_, &ship_date_}) {
      stream->FinishRow();
    }
  }

  /// Days after 1992-01-01.
  int64_t NextOrderDate() { return order_date_.NextInt(0, kLastOrderDateOffset); }
  int NextLineCount() { return static_cast<int>(line_count_.NextInt(1, kMaxLines)); }

  struct Line {
    int64_t quantity, discount, tax, part_key, ship_offset;
  };
  /// A line's values drawn from the shared streams (ship_offset: days after the order date).
  Line NextLine() {
    Line line;
    line.quantity = quantity_.NextInt(1, 50);
    line.discount = discount_.NextInt(0, 10);
    line.tax = tax_.NextInt(0, 8);
    line.part_key = part_key_.NextInt(1, part_count_);
    line.ship_offset = ship_date_.NextInt(1, 121);
    return line;
  }

 private:
  RandomStream order_date_, line_count_, quantity_, discount_, tax_, part_key_, ship_date_;
  int64_t part_count_;
};

class OrdersCursor final : public TableCursor {
 public:
  OrdersCursor(const GenerationContext& context, int64_t begin, int64_t end)
      : TableCursor(begin, end, 1),
        context_(context),
        shape_(context.scale_factor),
        customer_key_(851767375, 1),
        priority_(591449447, 1),
        clerk_(1171034773, 1),
        comment_(276090261, context.text_pool, 49),
        customer_count_(CustomerCount(context.scale_factor)),
        clerk_count_(std::max<int64_t>(1000, static_cast<int64_t>(context.scale_factor * 1000))) {
    shape_.SkipRows(begin);
    customer_key_.SkipRows(begin);
    priority_.SkipRows(begin);
    clerk_.SkipRows(begin);
    comment_.SkipRows(begin);
  }

 private:
  idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) override {
    const int64_t order_date = shape_.NextOrderDate();
    int64_t customer = customer_key_.NextInt(1, customer_count_);
    for (int64_t step = 1; customer % 3 == 0; step = -step) {
      customer = std::min(customer + step, customer_count_);
    }
    const int lines = shape_.NextLineCount();
    int64_t total_cents = 0;
    int shipped = 0;
    for (int line_number = 0; line_number < lines; line_number++) {
      const OrderShape::Line line = shape_.NextLine();
      const int64_t extended = RetailPriceCents(line.part_key) * line.quantity;
      total_cents += ((extended * (100 - line.discount)) / 100) * (100 + line.tax) / 100;
      if (order_date + line.ship_offset <= kCurrentDateOffset) shipped++;
    }
    const std::string_view status = shipped == lines ? "F" : shipped == 0 ? "O" : "P";

    char buffer[32];
    chunk.data[0].data<int64_t>()[row] = OrderKey(unit + 1);
    chunk.data[1].data<int32_t>()[row] = static_cast<int32_t>(customer);
    SetBorrowedString(chunk.data[2], row, status);
    chunk.data[3].data<int64_t>()[row] = total_cents;
    chunk.data[4].data<int32_t>()[row] = kFirstDateDays + static_cast<int32_t>(order_date);
    SetBorrowedString(chunk.data[5], row, context_.distributions.order_priorities.Pick(priority_));
    const int length = std::snprintf(buffer, sizeof(buffer), "Clerk#%09lld",
                                     static_cast<long long>(clerk_.NextInt(1, clerk_count_)));
    SetOwnedString(chunk.data[6], row, std::string_view(buffer, static_cast<size_t>(length)));
    chunk.data[7].data<int32_t>()[row] = 0;
    SetBorrowedString(chunk.data[8], row, comment_.Next());

    shape_.FinishRow();
    customer_key_.FinishRow();
    priority_.FinishRow();
    clerk_.FinishRow();
    comment_.FinishRow();
    return 1;
  }

  const GenerationContext& context_;
  OrderShape shape_;
  RandomStream customer_key_, priority_, clerk_;
  CommentStream comment_;
  int64_t customer_count_;
  int64_t clerk_count_;
};

class LineitemCursor final : public TableCursor {
 public:
  LineitemCursor(const GenerationContext& context, int64_t begin, int64_t end)
      : TableCursor(begin, end, kMaxLines),
        context_(context),
        shape_(context.scale_factor),
        supplier_number_(2095021727, kMaxLines),
        commit_date_(904914315, kMaxLines),
        receipt_date_(373135028, kMaxLines),
        return_flag_(717419739, kMaxLines),
        instruction_(1371272478, kMaxLines),
        mode_(675466456, kMaxLines),
        comment_(1095462486, context.text_pool, 27, kMaxLines),
        supplier_count_(SupplierCount(context.scale_factor)) {
    shape_.SkipRows(begin);
    for (RandomStream* stream : Streams()) stream->SkipRows(begin);
    comment_.SkipRows(begin);
  }

 private:
  std::array<RandomStream*, 6> Streams() {
    return {&supplier_number_, &commit_date_, &receipt_date_, &return_flag_, &instruction_, &mode_};
  }

  idx_t GenerateUnit(int64_t unit, DataChunk& chunk, idx_t row) override {
    const TpchDistributions& d = context_.distributions;
    const int64_t order_key = OrderKey(unit + 1);
    const int64_t order_date = shape_.NextOrderDate();
    const int lines = shape_.NextLineCount();
    for (int line_number = 0; line_number < lines; line_number++, row++) {
      const OrderShape::Line line = shape_.NextLine();
      const int64_t supplier =
          PartSupplierKey(line.part_key, supplier_number_.NextInt(0, 3), supplier_count_);
      const int64_t ship = order_date + line.ship_offset;
      const int64_t commit = order_date + commit_date_.NextInt(30, 90);
      const int64_t receipt = ship + receipt_date_.NextInt(1, 30);
      chunk.data[0].data<int64_t>()[row] = order_key;
      chunk.data[1].data<int32_t>()[row] = static_cast<int32_t>(line.part_key);
      chunk.data[2].data<int32_t>()[row] = static_cast<int32_t>(supplier);
      chunk.data[3].data<int32_t>()[row] = line_number + 1;
      chunk.data[4].data<int64_t>()[row] = line.quantity * 100;
      chunk.data[5].data<int64_t>()[row] = RetailPriceCents(line.part_key) * line.quantity;
      chunk.data[6].data<int64_t>()[row] = line.discount;
      chunk.data[7].data<int64_t>()[row] = line.tax;
      SetBorrowedString(chunk.data[8], row,
                        receipt <= kCurrentDateOffset ? d.return_flags.Pick(return_flag_) : "N");
      SetBorrowedString(chunk.data[9], row, ship <= kCurrentDateOffset ? "F" : "O");
      chunk.data[10].data<int32_t>()[row] = kFirstDateDays + static_cast<int32_t>(ship);
      chunk.data[11].data<int32_t>()[row] = kFirstDateDays + static_cast<int32_t>(commit);
      chunk.data[12].data<int32_t>()[row] = kFirstDateDays + static_cast<int32_t>(receipt);
      SetBorrowedString(chunk.data[13], row, d.ship_instructions.Pick(instruction_));
      SetBorrowedString(chunk.data[14], row, d.ship_modes.Pick(mode_));
      SetBorrowedString(chunk.data[15], row, comment_.Next());
    }
    shape_.FinishRow();
    for (RandomStream* stream : Streams()) stream->FinishRow();
    comment_.FinishRow();
    return static_cast<idx_t>(lines);
  }

  const GenerationContext& context_;
  OrderShape shape_;
  RandomStream supplier_number_, commit_date_, receipt_date_, return_flag_, instruction_, mode_;
  CommentStream comment_;
  int64_t supplier_count_;
};

}  // namespace

std::unique_ptr<TableCursor> OpenOrdersCursor(const GenerationContext& context, int64_t begin, int64_t end) {
  return std::make_unique<OrdersCursor>(context, begin, end);
}

std::unique_ptr<TableCursor> OpenLineitemCursor(const GenerationContext& context, int64_t begin,
                                                int64_t end) {
  return std::make_unique<LineitemCursor>(context, begin, end);
}

}  // namespace cairn::tpch
