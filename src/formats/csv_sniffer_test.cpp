#include "formats/csv_sniffer.h"

#include <gtest/gtest.h>

#include <filesystem>

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
  const std::string dir = "/tmp/npmt/node_modules/vega-datasets/data/";
  if (!std::filesystem::exists(dir + "airports.csv")) GTEST_SKIP() << "vega-datasets not installed";
  // Expected values are DuckDB 1.x's DESCRIBE of read_csv on each file.
  EXPECT_EQ(Types(SniffCsv(dir + "airports.csv", {})),
            "iata:VARCHAR,name:VARCHAR,city:VARCHAR,state:VARCHAR,country:VARCHAR,latitude:DOUBLE,longitude:DOUBLE");
  EXPECT_EQ(Types(SniffCsv(dir + "zipcodes.csv", {})),
            "zip_code:VARCHAR,latitude:DOUBLE,longitude:DOUBLE,city:VARCHAR,state:VARCHAR,county:VARCHAR");
  EXPECT_EQ(Types(SniffCsv(dir + "flights-airport.csv", {})), "origin:VARCHAR,destination:VARCHAR,count:BIGINT");
  EXPECT_EQ(Types(SniffCsv(dir + "seattle-weather.csv", {})),
            "date:DATE,precipitation:DOUBLE,temp_max:DOUBLE,temp_min:DOUBLE,wind:DOUBLE,weather:VARCHAR");
  EXPECT_EQ(Types(SniffCsv(dir + "stocks.csv", {})), "symbol:VARCHAR,date:VARCHAR,price:DOUBLE");
  EXPECT_EQ(Types(SniffCsv(dir + "weather.csv", {})),
            "location:VARCHAR,date:DATE,precipitation:DOUBLE,temp_max:DOUBLE,temp_min:DOUBLE,wind:DOUBLE,weather:VARCHAR");
}

}  // namespace
}  // namespace cairn
