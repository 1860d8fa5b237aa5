#include "formats/csv_sniffer.h"

#include <gtest/gtest.h>

#include "io/file_system.h"

#include <filesystem>

#include "cairn/exception.h"

namespace cairn {
namespace {

std::string Types(const CsvSniffResult& r) {
  std::string out;
  for (size_t i = 0; i < r.names.size(); i++) out += (i ? "," : "") + r.names[i] + ":" + r.types[i].ToString();
  return out;
}

std::string Sniff(const std::string& text, CsvOptions options = {}) { return Types(SniffCsvText("t.csv", text, options)); }

TEST(CsvSnifferTest, TypesMatchDuckDb) {
  EXPECT_EQ(Sniff("a,b,c,d,e,f\ntrue,1,1.5,2020-01-01,2020-01-01 10:00:00,x\nfalse,2,2,2020-01-02,2020-01-02 10:00:00.123,y\n"),
            "a:BOOLEAN,b:BIGINT,c:DOUBLE,d:DATE,e:TIMESTAMP,f:VARCHAR");
  EXPECT_EQ(Sniff("a,b\n01,1\n02,2\n"), "a:VARCHAR,b:BIGINT");            // leading zeros stay text
  EXPECT_EQ(Sniff("a\n0.5\n00.5\n"), "a:VARCHAR");
  EXPECT_EQ(Sniff("a\n-01\n1\n"), "a:BIGINT");
  EXPECT_EQ(Sniff("a,b,c,d\nt,1e5,+5, 7\nf,NaN,-3,8\n"), "a:BOOLEAN,b:DOUBLE,c:VARCHAR,d:BIGINT");
  EXPECT_EQ(Sniff("a,b\nyes,inf\nno,1\n"), "a:BOOLEAN,b:VARCHAR");
  EXPECT_EQ(Sniff("a\nY\nN\n"), "a:VARCHAR");
  EXPECT_EQ(Sniff("a\n99999999999999999999\n"), "a:DOUBLE");
  EXPECT_EQ(Sniff("a,b\n0,1\n0,1\n"), "a:BIGINT,b:BIGINT");
  EXPECT_EQ(Sniff("a,b\n1,\n,2\n"), "a:BIGINT,b:BIGINT");
  EXPECT_EQ(Sniff("a,b\n2020-01-01T10:00:00,10:00:00\n2020-01-01 10:00,11:00:00\n"), "a:TIMESTAMP,b:TIME");
  EXPECT_EQ(Sniff("a\n2020-01-01\n2020-01-01 10:00:00\n"), "a:TIMESTAMP");
  EXPECT_EQ(Sniff("a\n2020-01-01 10:00:00+02\n"), "a:TIMESTAMP WITH TIME ZONE");
  EXPECT_EQ(Sniff("symbol,date,price\nMSFT,Jan 1 2000,39.81\n"), "symbol:VARCHAR,date:VARCHAR,price:DOUBLE");
  EXPECT_EQ(Sniff("a,b\n,1\n,2\n"), "a:VARCHAR,b:BIGINT");  // all-NULL column
  EXPECT_EQ(Sniff("a\nNULL\n1\n"), "a:VARCHAR");
}

std::string Formats(const std::string& text, CsvOptions options = {}) {
  CsvSniffResult r = SniffCsvText("t.csv", text, options);
  std::string out;
  for (size_t i = 0; i < r.names.size(); i++) {
    out += (i ? "," : "") + r.types[i].ToString() + (i < r.formats.size() && !r.formats[i].empty() ? "=" + r.formats[i] : "");
  }
  return out;
}

// Expected values are DuckDB 1.5's read_csv / sniff_csv on the same text.
TEST(CsvSnifferTest, DateFormatFamilies) {
  EXPECT_EQ(Formats("a\n31/12/2020\n03/04/2021\n"), "DATE=%d/%m/%Y");
  EXPECT_EQ(Formats("a\n31-12-2020\n"), "DATE=%d-%m-%Y");
  EXPECT_EQ(Formats("a\n31.12.2020\n"), "DATE=%d.%m.%Y");
  EXPECT_EQ(Formats("a\n31 12 2020\n"), "DATE=%d %m %Y");
  EXPECT_EQ(Formats("a\n12/31/2020\n03/04/2021\n"), "DATE=%m/%d/%Y");
  EXPECT_EQ(Formats("a\n2020/12/31\n2021/4/3\n"), "DATE=%Y/%m/%d");
  EXPECT_EQ(Formats("a\n2020.12.31\n"), "DATE=%Y.%m.%d");
  EXPECT_EQ(Formats("a\n1/2/03\n"), "DATE=%d/%m/%y");
  EXPECT_EQ(Formats("a\n1.2.10\n"), "DATE=%d.%m.%y");
  EXPECT_EQ(Formats("a\n1.2.3\n"), "VARCHAR");  // %y needs two digits when sniffing
  EXPECT_EQ(Formats("a\n2020-12-31\n2021-1-5\n"), "DATE");  // ISO: no format
  EXPECT_EQ(Formats("a\n20-12-31\n"), "DATE=%y-%m-%d");
  EXPECT_EQ(Formats("a\n32/12/2020\n"), "VARCHAR");
  EXPECT_EQ(Formats("a\n31/12/2020\n2020-12-31\n"), "VARCHAR");  // no one format fits both
  EXPECT_EQ(Formats("a\n31/12/2020\n12/31/2020\n"), "VARCHAR");
  EXPECT_EQ(Formats("a,b\n31/12/2020,\n,x\n"), "DATE=%d/%m/%Y,VARCHAR");
}

TEST(CsvSnifferTest, DateFormatAmbiguityPrefersDuckDbOrder) {
  // All days <= 12: day-month-year beats month-day-year; year-month-day with %y beats both.
  EXPECT_EQ(Formats("a\n01/02/2020\n03/04/2021\n"), "DATE=%d/%m/%Y");
  EXPECT_EQ(Formats("a\n01-02-2020\n"), "DATE=%d-%m-%Y");
  EXPECT_EQ(Formats("a\n1/2/2020\n"), "DATE=%d/%m/%Y");
  EXPECT_EQ(Formats("a\n31/12/20\n"), "DATE=%y/%m/%d");
  EXPECT_EQ(Formats("a\n01/02/03\n"), "DATE=%y/%m/%d");
  // The first DATE column fixes the format for the columns after it.
  EXPECT_EQ(Formats("a,b\n31/12/2020,12/31/2020\n"), "DATE=%d/%m/%Y,VARCHAR");
  EXPECT_EQ(Formats("a,b\n31/12/2020,31-12-2020\n"), "DATE=%d/%m/%Y,VARCHAR");
  EXPECT_EQ(Formats("a,b\n2020-12-31,31/12/2020\n"), "DATE,VARCHAR");
  EXPECT_EQ(Formats("a,b\n31/12/2020,2020-12-31\n"), "DATE=%d/%m/%Y,TIMESTAMP");
  EXPECT_EQ(Formats("a,b\n31/12/2020 10:00:00,2020-12-31 10:00:00\n"),
            "TIMESTAMP=%d/%m/%Y %H:%M:%S,TIMESTAMP WITH TIME ZONE");
}

TEST(CsvSnifferTest, TimestampFormatFamilies) {
  EXPECT_EQ(Formats("a\n31/12/2020 10:11:12\n"), "TIMESTAMP=%d/%m/%Y %H:%M:%S");
  EXPECT_EQ(Formats("a\n01/02/2020 1:02:03\n"), "TIMESTAMP=%d/%m/%Y %H:%M:%S");
  EXPECT_EQ(Formats("a\n31/12/20 10:11:12\n"), "TIMESTAMP=%y/%m/%d %H:%M:%S");
  EXPECT_EQ(Formats("a\n2020/12/31 10:11:12\n"), "TIMESTAMP=%Y/%m/%d %H:%M:%S");
  EXPECT_EQ(Formats("a\n2020.12.31 10:11:12.5\n"), "TIMESTAMP=%Y.%m.%d %H:%M:%S.%f");
  EXPECT_EQ(Formats("a\n12/31/2020 10:11:12 PM\n"), "TIMESTAMP=%m/%d/%Y %I:%M:%S %p");
  EXPECT_EQ(Formats("a\n12/31/20 1:02:03 am\n"), "TIMESTAMP=%m/%d/%y %I:%M:%S %p");
  EXPECT_EQ(Formats("a\n2020-12-31 10:11:12.5\n"), "TIMESTAMP");  // ISO
  // DuckDB has no month-first 24-hour or fractional day-first candidates.
  EXPECT_EQ(Formats("a\n12/31/2020 10:11:12\n"), "VARCHAR");
  EXPECT_EQ(Formats("a\n31/12/2020 10:11:12.123\n"), "VARCHAR");
  EXPECT_EQ(Formats("a\n31/12/2020\n31/12/2020 10:00:00\n"), "VARCHAR");
  EXPECT_EQ(Formats("a,b\n31/12/2020,31/12/2020 10:00:00\n"), "DATE=%d/%m/%Y,TIMESTAMP=%d/%m/%Y %H:%M:%S");
}

TEST(CsvSnifferTest, DateFormatsAndHeaders) {
  EXPECT_EQ(Formats("31/12/2020,x\n01/01/2021,y\n"), "DATE=%d/%m/%Y,VARCHAR");  // no header
  EXPECT_EQ(Sniff("31/12/2020,x\n01/01/2021,y\n"), "column0:DATE,column1:VARCHAR");
  EXPECT_EQ(Sniff("day,x\n31/12/2020,y\n"), "day:DATE,x:VARCHAR");
  EXPECT_EQ(Sniff("31/12/2020\n"), "column0:DATE");
  // A first row that is a date but not in the rest's format is a header.
  EXPECT_EQ(Sniff("12/31/2020\n31/12/2020\n"), "12/31/2020:DATE");
}

TEST(CsvSnifferTest, DateFormatOptionsOverrideSniffing) {
  CsvOptions options;
  options.date_format = "%m/%d/%Y";
  EXPECT_EQ(Formats("a,b\n31/12/2020,12/31/2020\n", options), "VARCHAR,DATE=%m/%d/%Y");
  EXPECT_EQ(Formats("a,b\n2020-12-31,12/31/2020\n", options), "TIMESTAMP,DATE=%m/%d/%Y");  // no ISO DATE
  EXPECT_EQ(Formats("a\n01/02/2020\n", options), "DATE=%m/%d/%Y");
  CsvOptions ts;
  ts.timestamp_format = "%d.%m.%Y %H.%M";
  EXPECT_EQ(Formats("a,b\n31.12.2020 10.30,2020-12-31\n", ts), "TIMESTAMP=%d.%m.%Y %H.%M,DATE");
  CsvOptions typed;
  typed.column_types["a"] = TypeId::DATE;
  typed.column_types["b"] = TypeId::DATE;
  EXPECT_EQ(Formats("a,b\n31/12/2020,x\n", typed), "DATE=%d/%m/%Y,DATE=%d/%m/%Y");
  CsvOptions bad;
  bad.date_format = "%d/%Q";
  EXPECT_THROW(SniffCsvText("t.csv", "a\n1\n", bad), Exception);
}

TEST(CsvSnifferTest, HeaderDetection) {
  EXPECT_EQ(Sniff("a,1\nb,2\n"), "column0:VARCHAR,column1:BIGINT");
  EXPECT_EQ(Sniff("1,2\n"), "column0:BIGINT,column1:BIGINT");
  EXPECT_EQ(Sniff("x,y\n"), "x:VARCHAR,y:VARCHAR");
  EXPECT_EQ(Sniff("x,y\nfoo,bar\n"), "x:VARCHAR,y:VARCHAR");
  EXPECT_EQ(Sniff("a,a,\n1,2,3\n"), "a:BIGINT,a_1:BIGINT,column2:BIGINT");
  EXPECT_EQ(Sniff("1,2,3,4,5,6,7,8,9,10,11\n1,2,3,4,5,6,7,8,9,10,11\n").substr(0, 35),
            "column00:BIGINT,column01:BIGINT,col");
  CsvOptions no_header;
  no_header.header = false;
  EXPECT_EQ(Sniff("x,y\nfoo,bar\n", no_header), "column0:VARCHAR,column1:VARCHAR");
  CsvOptions header;
  header.header = true;
  EXPECT_EQ(Sniff("1,2\n3,4\n", header), "1:BIGINT,2:BIGINT");
}

TEST(CsvSnifferTest, DelimiterDetection) {
  EXPECT_EQ(SniffCsvText("t", "a;b\n1;2\n", {}).delimiter, ';');
  EXPECT_EQ(SniffCsvText("t", "a\tb\n1\t2\n", {}).delimiter, '\t');
  EXPECT_EQ(SniffCsvText("t", "a|b\n1|2\n", {}).delimiter, '|');
  EXPECT_EQ(SniffCsvText("t", "a,b;c\n1,2;3\n", {}).delimiter, ',');
  EXPECT_EQ(SniffCsvText("t", "name;note\n\"x;y\";\"a,b,c\"\n", {}).delimiter, ';');
}

TEST(CsvSnifferTest, OptionsOverride) {
  CsvOptions options;
  options.column_names = {"first"};
  options.column_types["b"] = TypeId::DOUBLE;
  options.skip_rows = 1;
  EXPECT_EQ(Sniff("garbage line\na,b\n1,2\n", options), "first:BIGINT,b:DOUBLE");
}

TEST(CsvSnifferTest, VegaFilesMatchDuckDb) {
  const std::string dir = "node_modules/vega-datasets/data/";
  if (!std::filesystem::exists(dir + "airports.csv")) GTEST_SKIP() << "vega-datasets not installed";
  // Expected values are DuckDB 1.x's DESCRIBE of read_csv on each file.
  EXPECT_EQ(Types(SniffCsv(FileSystem::Local(), dir + "airports.csv", {})),
            "iata:VARCHAR,name:VARCHAR,city:VARCHAR,state:VARCHAR,country:VARCHAR,latitude:DOUBLE,longitude:DOUBLE");
  EXPECT_EQ(Types(SniffCsv(FileSystem::Local(), dir + "zipcodes.csv", {})),
            "zip_code:VARCHAR,latitude:DOUBLE,longitude:DOUBLE,city:VARCHAR,state:VARCHAR,county:VARCHAR");
  EXPECT_EQ(Types(SniffCsv(FileSystem::Local(), dir + "flights-airport.csv", {})), "origin:VARCHAR,destination:VARCHAR,count:BIGINT");
  EXPECT_EQ(Types(SniffCsv(FileSystem::Local(), dir + "seattle-weather.csv", {})),
            "date:DATE,precipitation:DOUBLE,temp_max:DOUBLE,temp_min:DOUBLE,wind:DOUBLE,weather:VARCHAR");
  EXPECT_EQ(Types(SniffCsv(FileSystem::Local(), dir + "stocks.csv", {})), "symbol:VARCHAR,date:VARCHAR,price:DOUBLE");
  EXPECT_EQ(Types(SniffCsv(FileSystem::Local(), dir + "weather.csv", {})),
            "location:VARCHAR,date:DATE,precipitation:DOUBLE,temp_max:DOUBLE,temp_min:DOUBLE,wind:DOUBLE,weather:VARCHAR");
}

}  // namespace
}  // namespace cairn
