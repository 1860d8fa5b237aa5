#include "common/date_time.h"

#include <gtest/gtest.h>

#include <cmath>

#include "cairn/exception.h"

namespace cairn::date_time {
namespace {

TEST(DateTimeTest, CivilRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  for (int32_t d = -800000; d < 800000; d += 997) {
    int32_t y, m, day;
    CivilFromDays(d, y, m, day);
    EXPECT_EQ(DaysFromCivil(y, m, day), d);
  }
}

TEST(DateTimeTest, DatePrintParse) {
  EXPECT_EQ(DateToString(0), "1970-01-01");
  EXPECT_EQ(DateToString(DaysFromCivil(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(DateToString(DaysFromCivil(0, 12, 31)), "0001-12-31 BC");
  EXPECT_EQ(ParseDate("2024-02-29"), DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(ParseDate("  2024-1-5 "), DaysFromCivil(2024, 1, 5));
  EXPECT_EQ(ParseDate("0001-12-31 BC"), DaysFromCivil(0, 12, 31));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2023-13-01"));
  EXPECT_FALSE(ParseDate("abc"));
  EXPECT_FALSE(ParseDate("2023-01-01x"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(DateTimeTest, TimeAndTimestamp) {
  EXPECT_EQ(TimeToString(0), "00:00:00");
  EXPECT_EQ(TimeToString(((13 * 60 + 5) * 60 + 7) * kMicrosPerSecond + 500000), "13:05:07.5");
  EXPECT_EQ(ParseTime("13:05:07.5"), ((13 * 60 + 5) * 60 + 7) * kMicrosPerSecond + 500000);
  EXPECT_EQ(ParseTime("13:05"), (13 * 60 + 5) * 60 * kMicrosPerSecond);
  EXPECT_FALSE(ParseTime("25:00"));
  EXPECT_EQ(TimestampToString(60 * kMicrosPerSecond + DaysFromCivil(2001, 1, 1) * kMicrosPerDay), "2001-01-01 00:01:00");
  EXPECT_EQ(TimestampToString(-1000), "1969-12-31 23:59:59.999");
  // Regression: the time of day was micros - days * kMicrosPerDay, which overflows int64 for
  // the earliest timestamps (a Parquet file may hold any INT64). INT64_MIN is 19:59:05.224192
  // on its day: -9223372036854775808 - (-106751992 * 86400000000) = 71945224192 micros.
  std::string earliest = TimestampToString(INT64_MIN);
  EXPECT_EQ(earliest.substr(earliest.size() - 18), "19:59:05.224192 BC") << earliest;
  std::string next = TimestampToString(INT64_MIN + 1);
  EXPECT_EQ(next.substr(next.size() - 18), "19:59:05.224193 BC") << next;
  EXPECT_EQ(TimestampTzToString(0), "1970-01-01 00:00:00+00");
  int64_t noon = DaysFromCivil(2024, 1, 31) * kMicrosPerDay + 12 * 3600 * kMicrosPerSecond;
  EXPECT_EQ(ParseTimestamp("2024-01-31 12:00:00"), noon);
  EXPECT_EQ(ParseTimestamp("2024-01-31T12:00:00.5Z"), noon + 500000);
  EXPECT_EQ(ParseTimestampTz("2024-01-31 12:00:00+02"), noon - 2 * 3600 * kMicrosPerSecond);
  EXPECT_EQ(ParseTimestampTz("2024-01-31 12:00:00-01:30"), noon + 90 * 60 * kMicrosPerSecond);
  EXPECT_EQ(ParseTimestampTz("2024-01-31 12:00:00 +0130"), noon - 90 * 60 * kMicrosPerSecond);
  // TIMESTAMP without time zone ignores a zone offset, as PostgreSQL.
  EXPECT_EQ(ParseTimestamp("2024-01-31 12:00:00+02"), noon);
  EXPECT_EQ(ParseTimestamp("2024-01-31 12:00:00-01:30"), noon);
  DateTimeParseError why = DateTimeParseError::kSyntax;
  EXPECT_FALSE(ParseTimestampTz("2024-01-31 12:00:00 America/New_York", &why));
  EXPECT_EQ(why, DateTimeParseError::kUnsupportedZone);
  EXPECT_EQ(ParseTimestamp("2024-01-31"), noon - 12 * 3600 * kMicrosPerSecond);
  EXPECT_FALSE(ParseTimestamp("2024-01-31 12:00:00 junk"));
  EXPECT_FALSE(ParseTimestamp("2024-01-31 12"));
  EXPECT_FALSE(ParseTimestamp("4000000-01-01"));  // does not fit 64-bit microseconds
  EXPECT_FALSE(ParseDate("9999999-01-01"));
}

TEST(DateTimeTest, Intervals) {
  EXPECT_EQ(IntervalToString({14, 3, ((4 * 60 + 5) * 60 + 6) * kMicrosPerSecond}), "1 year 2 mons 3 days 04:05:06");
  EXPECT_EQ(IntervalToString({0, 0, 0}), "00:00:00");
  EXPECT_EQ(IntervalToString({0, -1, 0}), "-1 days");
  EXPECT_EQ(IntervalToString({0, 0, -3600 * kMicrosPerSecond}), "-01:00:00");
  EXPECT_EQ(IntervalToString({0, 0, 25 * 3600 * kMicrosPerSecond}), "25:00:00");
  EXPECT_EQ(ParseInterval("1 day"), (interval_t{0, 1, 0}));
  EXPECT_EQ(ParseInterval("1.5 days"), (interval_t{0, 1, 12 * 3600 * kMicrosPerSecond}));
  EXPECT_EQ(ParseInterval("2 hours 30 minutes"), (interval_t{0, 0, 150 * 60 * kMicrosPerSecond}));
  EXPECT_EQ(ParseInterval("1 year 2 months"), (interval_t{14, 0, 0}));
  EXPECT_EQ(ParseInterval("01:02:03"), (interval_t{0, 0, 3723 * kMicrosPerSecond}));
  EXPECT_EQ(ParseInterval("P1Y2M3DT4H"), (interval_t{14, 3, 4 * 3600 * kMicrosPerSecond}));
  EXPECT_EQ(ParseInterval("1 day ago"), (interval_t{0, -1, 0}));
  EXPECT_EQ(ParseInterval("-1 week"), (interval_t{0, -7, 0}));
  EXPECT_FALSE(ParseInterval("1 fortnight"));
  EXPECT_FALSE(ParseInterval(""));
  EXPECT_FALSE(ParseInterval("abc"));
  EXPECT_FALSE(ParseInterval("2000000000 days 2000000000 days"));
}

TEST(DateTimeTest, AddIntervalClampsMonthEnd) {
  int64_t jan31 = DaysFromCivil(2024, 1, 31) * kMicrosPerDay + 10 * 3600 * kMicrosPerSecond;
  EXPECT_EQ(TimestampToString(AddInterval(jan31, {1, 0, 0})), "2024-02-29 10:00:00");
  int64_t mar31 = DaysFromCivil(2024, 3, 31) * kMicrosPerDay;
  EXPECT_EQ(TimestampToString(AddInterval(mar31, {-1, 0, 0})), "2024-02-29 00:00:00");
  EXPECT_EQ(TimestampToString(AddInterval(mar31, {-15, 1, kMicrosPerSecond})), "2023-01-01 00:00:01");
}

TEST(DateTimeTest, MakeDateTimeAndTimestampAsPostgreSql) {
  EXPECT_EQ(DateToString(MakeDate(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(DateToString(MakeDate(-44, 3, 15)), "0044-03-15 BC");  // negative years are BC
  EXPECT_EQ(DateToString(MakeDate(-4714, 11, 24)), "4714-11-24 BC");
  EXPECT_EQ(MakeDate(-4714, 11, 24), kMinDate);
  EXPECT_EQ(MakeDate(5874897, 12, 31), kMaxDate);
  auto state = [](auto&& f) {
    try {
      f();
    } catch (const Exception& e) {
      return std::string(e.sqlstate());
    }
    return std::string("none");
  };
  EXPECT_EQ(state([] { MakeDate(0, 1, 1); }), "22008");
  EXPECT_EQ(state([] { MakeDate(2023, 2, 29); }), "22008");
  EXPECT_EQ(state([] { MakeDate(-4714, 11, 23); }), "22008");
  EXPECT_EQ(state([] { MakeDate(INT64_MAX, 1, 1); }), "22008");
  EXPECT_EQ(MakeTime(24, 0, 0), kMicrosPerDay);
  EXPECT_EQ(MakeTime(12, 30, 15.5), (12 * 3600 + 30 * 60 + 15) * kMicrosPerSecond + 500000);
  EXPECT_EQ(MakeTime(23, 59, 59.9999995), kMicrosPerDay);  // rounded to microseconds
  EXPECT_EQ(state([] { MakeTime(24, 0, 0.5); }), "22008");
  EXPECT_EQ(state([] { MakeTime(12, 60, 0); }), "22008");
  EXPECT_EQ(state([] { MakeTime(12, 0, 60.5); }), "22008");
  EXPECT_EQ(state([] { MakeTime(12, 0, std::nan("")); }), "22008");
  EXPECT_EQ(TimestampToString(MakeTimestamp(2024, 1, 2, 3, 4, 5.5)), "2024-01-02 03:04:05.5");
  EXPECT_EQ(TimestampToString(MakeTimestamp(-44, 3, 15, 0, 0, 0)), "0044-03-15 00:00:00 BC");
  EXPECT_EQ(state([] { MakeTimestamp(0, 1, 1, 0, 0, 0); }), "22008");
  EXPECT_EQ(state([] { MakeTimestamp(294248, 1, 1, 0, 0, 0); }), "22008");
}

}  // namespace
}  // namespace cairn::date_time
