#include "tpch/value_streams.h"

#include <cstring>
#include <numeric>
#include <vector>

namespace cairn::tpch {

int AlphanumericStream::Next(char* out) {
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,";
  const int length = static_cast<int>(stream_.NextInt(min_length_, max_length_));
  int64_t bits = 0;
  for (int i = 0; i < length; i++) {
    if (i % 5 == 0) bits = stream_.NextInt(0, RandomStream::kModulus);
    out[i] = kAlphabet[bits & 63];
    bits >>= 6;  // arithmetic: the [0, 2^31 - 1] draw can be negative (RandomStream::NextInt)
  }
  return length;
}

void PhoneStream::Next(int32_t nation_key, char* out) {
  const int country = 10 + nation_key % 90;
  const int64_t exchange = stream_.NextInt(100, 999);
  const int64_t line1 = stream_.NextInt(100, 999);
  const int64_t line2 = stream_.NextInt(1000, 9999);
  auto digits = [](char* at, int64_t value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      at[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  digits(out, country, 2);
  out[2] = '-';
  digits(out + 3, exchange, 3);
  out[6] = '-';
  digits(out + 7, line1, 3);
  out[10] = '-';
  digits(out + 11, line2, 4);
}

int WordSequenceStream::Next(char* out) {
  const int size = static_cast<int>(words_.size());
  int order[128];
  std::iota(order, order + size, 0);
  int length = 0;
  for (int position = 0; position < count_; position++) {
    const int chosen = static_cast<int>(stream_.NextInt(position, size - 1));
    std::swap(order[position], order[chosen]);
    if (position > 0) out[length++] = ' ';
    const std::string_view word = words_.value(static_cast<size_t>(order[position]));
    std::memcpy(out + length, word.data(), word.size());
    length += static_cast<int>(word.size());
  }
  return length;
}

}  // namespace cairn::tpch
