// Tests of `cairn generate`'s command line (generate_command.h).
#include "generate_command.h"

#include <gtest/gtest.h>

#include <vector>

namespace cairn::shell {
namespace {

ParsedGenerateArguments Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "generate");
  return ParseGenerateArguments(static_cast<int>(args.size()), args.data());
}

TEST(GenerateArguments, ParsesEveryOption) {
  const auto parsed =
      Parse({"tpch", "--sf", "0.5", "--out", "data", "--threads", "3", "--tables", "orders,lineitem"});
  ASSERT_FALSE(parsed.error) << *parsed.error;
  EXPECT_DOUBLE_EQ(parsed.options.scale_factor, 0.5);
  EXPECT_EQ(parsed.options.output_directory, "data");
  EXPECT_EQ(parsed.options.threads, 3u);
  EXPECT_EQ(parsed.options.tables, (std::vector<std::string>{"orders", "lineitem"}));
}

TEST(GenerateArguments, RejectsInvalidCommandLines) {
  EXPECT_TRUE(Parse({"tpcds", "--sf", "1", "--out", "d"}).error);
  EXPECT_TRUE(Parse({"--sf", "1", "--out", "d"}).error);
  EXPECT_TRUE(Parse({"tpch", "--out", "d"}).error);
  EXPECT_TRUE(Parse({"tpch", "--sf", "1x", "--out", "d"}).error);
  EXPECT_TRUE(Parse({"tpch", "--sf", "1"}).error);
  EXPECT_TRUE(Parse({"tpch", "--sf", "1", "--out", "d", "--threads", "0"}).error);
  EXPECT_TRUE(Parse({"tpch", "--sf", "1", "--out", "d", "--tables", "orders,,part"}).error);
  EXPECT_TRUE(Parse({"tpch", "--sf", "1", "--out", "d", "--bogus"}).error);
  EXPECT_TRUE(Parse({"--help"}).help);
}

}  // namespace
}  // namespace cairn::shell
