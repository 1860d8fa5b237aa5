#include "formats/strptime_format.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "common/date_time.h"

namespace cairn {
namespace {

std::string Date(const std::string& spec, const std::string& text, bool strict = false) {
  int32_t days;
  if (!StrpTimeFormat(spec).ParseDate(text, days, strict)) return "fail";
  return date_time::DateToString(days);
}

std::string Timestamp(const std::string& spec, const std::string& text) {
  int64_t micros;
  if (!StrpTimeFormat(spec).ParseTimestamp(text, micros)) return "fail";
  return date_time::TimestampToString(micros);
}

TEST(StrpTimeFormatTest, Dates) {
  EXPECT_EQ(Date("%d/%m/%Y", "31/12/2014"), "2014-12-31");
  EXPECT_EQ(Date("%d/%m/%Y", "1/2/2020"), "2020-02-01");
  EXPECT_EQ(Date("%m-%d-%Y", "12-31-2014"), "2014-12-31");
  EXPECT_EQ(Date("%Y.%m.%d", " 2014.12.31 "), "2014-12-31");
  EXPECT_EQ(Date("%Y/%m/%d", "120/12/31"), "0120-12-31");
  EXPECT_EQ(Date("%d/%m/%y", "01/02/69"), "2069-02-01");
  EXPECT_EQ(Date("%d/%m/%y", "01/02/70"), "1970-02-01");
  EXPECT_EQ(Date("%d/%m/%y", "01/02/7"), "2007-02-01");
  EXPECT_EQ(Date("%d/%m/%y", "01/02/7", true), "fail");  // sniffing wants two digits
  EXPECT_EQ(Date("%d %b %Y", "5 Mar 2021"), "2021-03-05");
  EXPECT_EQ(Date("%A, %B %-d, %Y", "Friday, March 5, 2021"), "2021-03-05");
  EXPECT_EQ(Date("%Y%%%m", "2021%03"), "2021-03-01");
  EXPECT_EQ(Date("%d/%m/%Y", "29/02/2021"), "fail");
  EXPECT_EQ(Date("%d/%m/%Y", "29/02/2020"), "2020-02-29");
  EXPECT_EQ(Date("%d/%m/%Y", "32/01/2020"), "fail");
  EXPECT_EQ(Date("%d/%m/%Y", "01/13/2020"), "fail");
  EXPECT_EQ(Date("%d/%m/%Y", "01/02/2020x"), "fail");
  EXPECT_EQ(Date("%d/%m/%Y", "31/12/12020"), "fail");
  EXPECT_EQ(Date("%d/%m/%Y", "31-12-2020"), "fail");
  EXPECT_EQ(Date("%d/%m/%Y", ""), "fail");
}

TEST(StrpTimeFormatTest, Timestamps) {
  EXPECT_EQ(Timestamp("%d/%m/%Y %H:%M:%S", "31/12/2014 23:59:58"), "2014-12-31 23:59:58");
  EXPECT_EQ(Timestamp("%d/%m/%Y %H:%M:%S", "1/2/2020 1:2:3"), "2020-02-01 01:02:03");
  EXPECT_EQ(Timestamp("%d/%m/%Y %H:%M:%S", "31/12/2014  23:59:58"), "2014-12-31 23:59:58");
  EXPECT_EQ(Timestamp("%d/%m/%Y %H:%M:%S", "31/12/201423:59:58"), "fail");
  EXPECT_EQ(Timestamp("%d/%m/%Y %H:%M:%S", "31/12/2014 24:00:00"), "fail");
  EXPECT_EQ(Timestamp("%d/%m/%Y %H:%M:%S", "31/12/2014 23:59:60"), "fail");
  EXPECT_EQ(Timestamp("%Y/%m/%d %H:%M:%S.%f", "2020/12/31 10:11:12.5"), "2020-12-31 10:11:12.5");
  EXPECT_EQ(Timestamp("%Y/%m/%d %H:%M:%S.%f", "2020/12/31 10:11:12.123456"), "2020-12-31 10:11:12.123456");
  EXPECT_EQ(Timestamp("%Y/%m/%d %H:%M:%S.%f", "2020/12/31 10:11:12.1234567"), "fail");
  EXPECT_EQ(Timestamp("%Y/%m/%d %H:%M:%S.%g", "2020/12/31 10:11:12.12"), "2020-12-31 10:11:12.12");
  EXPECT_EQ(Timestamp("%Y/%m/%d %H:%M:%S.%n", "2020/12/31 10:11:12.123456789"), "2020-12-31 10:11:12.123456");
  EXPECT_EQ(Timestamp("%m/%d/%Y %I:%M:%S %p", "12/31/2020 10:11:12 PM"), "2020-12-31 22:11:12");
  EXPECT_EQ(Timestamp("%m/%d/%Y %I:%M:%S %p", "12/31/2020 12:00:00 am"), "2020-12-31 00:00:00");
  EXPECT_EQ(Timestamp("%m/%d/%Y %I:%M:%S %p", "12/31/2020 12:00:00 PM"), "2020-12-31 12:00:00");
  EXPECT_EQ(Timestamp("%m/%d/%Y %I:%M:%S %p", "12/31/2020 13:00:00 PM"), "fail");
  EXPECT_EQ(Timestamp("%d/%m/%Y", "31/12/2014"), "2014-12-31 00:00:00");
  EXPECT_EQ(Timestamp("%H:%M", "10:30"), "1900-01-01 10:30:00");
}

TEST(StrpTimeFormatTest, InvalidSpecifiersThrow) {
  try {
    StrpTimeFormat("%d/%Q");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kInvalidParameterValue);
    EXPECT_NE(std::string(e.what()).find("%Q"), std::string::npos) << e.what();
  }
  EXPECT_THROW(StrpTimeFormat("%Y-%"), Exception);
  EXPECT_TRUE(StrpTimeFormat("").empty());
}

}  // namespace
}  // namespace cairn
