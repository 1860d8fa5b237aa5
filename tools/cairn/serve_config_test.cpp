// The `cairn serve --config` file: every setting, units, the command line overriding the file,
// and errors naming the file, line and key.
#include "serve_config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cairn/exception.h"
#include "serve_options.h"

namespace cairn::shell {
namespace {

std::string ErrorOf(const std::string& text) {
  try {
    ParseServeConfig(text, "serve.yaml");
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "F0000");
    return error.what();
  }
  return "no error";
}

TEST(ServeConfig, EverySetting) {
  const ServeOptions options = ParseServeConfig(R"(
data_dir: shop
host: 0.0.0.0
port: 6543
http_port: 8081
writable: true
threads: 3
http_token: s3cret
users:
  - {name: alice, password: wonderland}
  - name: bob
    password: builder
tls:
  certificate: certs/server.crt
  key: /etc/cairn/server.key
limits:
  max_connections: 50
  statement_timeout: 1.5min
  memory_per_query: 512MB
  http_max_body: 1kB
)",
                                                "conf/serve.yaml");
  EXPECT_EQ(options.data_dir, "conf/shop");
  EXPECT_EQ(options.host, "0.0.0.0");
  EXPECT_EQ(options.port, 6543);
  EXPECT_EQ(options.http_port, 8081);
  EXPECT_TRUE(options.writable);
  EXPECT_EQ(options.threads, 3u);
  EXPECT_EQ(options.http_token, "s3cret");
  ASSERT_EQ(options.users.size(), 2u);
  EXPECT_EQ(options.users[0], (ServeUser{"alice", "wonderland"}));
  EXPECT_EQ(options.users[1], (ServeUser{"bob", "builder"}));
  EXPECT_EQ(options.tls_certificate, "conf/certs/server.crt");  // relative to the file
  EXPECT_EQ(options.tls_key, "/etc/cairn/server.key");
  EXPECT_EQ(options.max_connections, 50u);
  EXPECT_EQ(options.statement_timeout, std::chrono::milliseconds(90'000));
  EXPECT_EQ(options.memory_per_query, 512ull << 20);
  EXPECT_EQ(options.http_max_body, 1024u);
}

TEST(ServeConfig, JsonAndEmptyFiles) {
  const ServeOptions options =
      ParseServeConfig(R"({"port": 7000, "limits": {"statement_timeout": 250}})", "serve.json");
  EXPECT_EQ(options.port, 7000);
  EXPECT_EQ(options.statement_timeout, std::chrono::milliseconds(250));
  EXPECT_FALSE(options.http_port);
  EXPECT_EQ(ParseServeConfig("", "empty.yaml").port, 5432);
}

TEST(ServeConfig, Units) {
  EXPECT_EQ(ParseDuration("30s"), std::chrono::milliseconds(30'000));
  EXPECT_EQ(ParseDuration("500"), std::chrono::milliseconds(500));
  EXPECT_EQ(ParseDuration("2h"), std::chrono::milliseconds(7'200'000));
  EXPECT_EQ(ParseDuration("0"), std::chrono::milliseconds(0));
  EXPECT_FALSE(ParseDuration("-1s"));
  EXPECT_FALSE(ParseDuration("10 parsecs"));
  EXPECT_FALSE(ParseDuration("s"));
  EXPECT_EQ(ParseMemorySize("1GB"), 1ull << 30);
  EXPECT_EQ(ParseMemorySize("64 kB"), 65536u);
  EXPECT_EQ(ParseMemorySize("100"), 100u);
  EXPECT_EQ(ParseMemorySize("2MiB"), 2u << 20);
  EXPECT_FALSE(ParseMemorySize("1 PB"));
  EXPECT_FALSE(ParseMemorySize("99999999TB"));
}

TEST(ServeConfig, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(ErrorOf("port: 70000"), "serve.yaml: line 1: port: expected a whole number from 0 to 65535");
  EXPECT_EQ(ErrorOf("host: a\nprot: 1"),
            "serve.yaml: line 2: prot: unknown key (expected one of: data_dir, host, http_port, http_token, limits, "
            "port, threads, tls, users, writable)");
  EXPECT_EQ(ErrorOf("limits:\n  statement_timeout: soon"),
            "serve.yaml: line 2: limits.statement_timeout: expected a duration such as 30s, 500ms or 2min (0 = none)");
  EXPECT_EQ(ErrorOf("limits:\n  memory_per_query: lots"),
            "serve.yaml: line 2: limits.memory_per_query: expected a size such as 512MB or 1GB");
  EXPECT_NE(ErrorOf("limits: {max_conections: 3}").find("limits.max_conections: unknown key"), std::string::npos);
  EXPECT_EQ(ErrorOf("writable: maybe"), "serve.yaml: line 1: writable: expected true or false");
  EXPECT_NE(ErrorOf("users:\n  - {name: a}").find("users[0]: missing \"password\""), std::string::npos);
  EXPECT_NE(ErrorOf("users:\n  - {name: a, password: x}\n  - {name: a, password: y}").find("given twice"),
            std::string::npos);
  EXPECT_NE(ErrorOf("tls: {certificate: a.crt}").find("tls: needs both"), std::string::npos);
  EXPECT_NE(ErrorOf("port: [1, 2]").find("port: expected a whole number"), std::string::npos);
  EXPECT_NE(ErrorOf("port: 1\n  bad: indentation: here").find("serve.yaml: line 2: invalid YAML"), std::string::npos);
  EXPECT_NE(ErrorOf("[1, 2]").find("(top level): expected a mapping"), std::string::npos);
  try {
    LoadServeConfig("does/not/exist.yaml");
    FAIL() << "no error";
  } catch (const Exception& error) {
    EXPECT_NE(std::string(error.what()).find("does/not/exist.yaml: cannot read the config file"), std::string::npos);
  }
}

TEST(ServeConfig, CommandLineOverridesTheFile) {
  const ServeOptions file = ParseServeConfig("data_dir: fromfile\nport: 7000\nhttp_port: 8000\nthreads: 2\n", "s.yaml");
  std::vector<const char*> args = {"serve", "--config", "s.yaml", "--port", "7001"};
  ParsedServeArguments parsed = ParseServeArguments(static_cast<int>(args.size()), args.data(), file);
  ASSERT_FALSE(parsed.error) << *parsed.error;
  EXPECT_EQ(parsed.options.port, 7001);          // the command line's
  EXPECT_EQ(parsed.options.http_port, 8000);     // the file's
  EXPECT_EQ(parsed.options.threads, 2u);
  EXPECT_EQ(parsed.options.data_dir, "fromfile");
  args = {"serve", "cli_dir", "--config", "s.yaml", "--http-port", "0"};
  parsed = ParseServeArguments(static_cast<int>(args.size()), args.data(), file);
  ASSERT_FALSE(parsed.error) << *parsed.error;
  EXPECT_EQ(parsed.options.data_dir, "cli_dir");
  EXPECT_EQ(parsed.options.http_port, 0);
  EXPECT_EQ(parsed.options.port, 7000);
}

}  // namespace
}  // namespace cairn::shell
