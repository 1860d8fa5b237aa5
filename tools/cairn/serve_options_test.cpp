// `cairn serve` command-line parsing.
#include "serve_options.h"

#include <gtest/gtest.h>

namespace cairn::shell {
namespace {

ParsedServeArguments Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "serve");
  return ParseServeArguments(static_cast<int>(args.size()), args.data());
}

TEST(ServeOptions, Defaults) {
  ParsedServeArguments parsed = Parse({"data"});
  ASSERT_FALSE(parsed.error) << *parsed.error;
  EXPECT_EQ(parsed.options.data_dir, "data");
  EXPECT_EQ(parsed.options.host, "127.0.0.1");
  EXPECT_EQ(parsed.options.port, 5432);
  EXPECT_FALSE(parsed.options.writable);
}

TEST(ServeOptions, AllOptions) {
  ParsedServeArguments parsed = Parse({"--host", "0.0.0.0", "--port=6543", "--writable", "data", "--threads", "3"});
  ASSERT_FALSE(parsed.error) << *parsed.error;
  EXPECT_EQ(parsed.options.host, "0.0.0.0");
  EXPECT_EQ(parsed.options.port, 6543);
  EXPECT_TRUE(parsed.options.writable);
  EXPECT_EQ(parsed.options.threads, 3u);
  EXPECT_FALSE(parsed.options.http_port);
}

TEST(ServeOptions, HttpPortAndConfig) {
  ParsedServeArguments parsed = Parse({"data", "--http-port", "0", "--config", "serve.yaml"});
  ASSERT_FALSE(parsed.error) << *parsed.error;
  EXPECT_EQ(parsed.options.http_port, 0);
  EXPECT_EQ(parsed.options.config_path, "serve.yaml");
  EXPECT_EQ(Parse({"data", "--http-port", "99999"}).error, "invalid HTTP port '99999' (expected 0 to 65535)");
  // With --config, DATA_DIR may come from the file.
  EXPECT_FALSE(Parse({"--config", "serve.yaml"}).error);
}

TEST(ServeOptions, Errors) {
  EXPECT_EQ(Parse({}).error, "missing DATA_DIR: cairn serve DATA_DIR [options]");
  EXPECT_EQ(Parse({"data", "--port", "65536"}).error, "invalid port '65536' (expected 0 to 65535)");
  EXPECT_EQ(Parse({"data", "--port", "x"}).error, "invalid port 'x' (expected 0 to 65535)");
  EXPECT_EQ(Parse({"data", "--bogus"}).error, "unknown option '--bogus'");
  EXPECT_EQ(Parse({"data", "other"}).error, "unexpected argument 'other'");
  EXPECT_FALSE(Parse({"--help"}).error);
  EXPECT_TRUE(Parse({"--help"}).options.help);
}

}  // namespace
}  // namespace cairn::shell
