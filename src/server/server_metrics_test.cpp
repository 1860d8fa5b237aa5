// ServerMetrics: counts per protocol, errors by SQLSTATE class, cumulative histogram buckets.
#include "server_metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace cairn::server {
namespace {

bool Has(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

TEST(ServerMetrics, CountsStatementsErrorsAndSessions) {
  ServerMetrics metrics;
  metrics.SessionOpened(Protocol::kHttp);
  metrics.SessionOpened(Protocol::kHttp);
  metrics.SessionClosed(Protocol::kHttp);
  metrics.RecordStatement(Protocol::kHttp, 0.002, "");
  metrics.RecordStatement(Protocol::kHttp, 0.3, "42P01");
  metrics.RecordStatement(Protocol::kHttp, 20, "42601");
  metrics.RecordStatement(Protocol::kPgwire, 0.0001, "57014");
  const std::string text = metrics.PrometheusText();
  EXPECT_TRUE(Has(text, "cairn_statements_total{protocol=\"http\"} 3")) << text;
  EXPECT_TRUE(Has(text, "cairn_statements_total{protocol=\"pgwire\"} 1")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_errors_total{protocol=\"http\",class=\"42\"} 2")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_errors_total{protocol=\"pgwire\",class=\"57\"} 1")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_duration_seconds_bucket{protocol=\"http\",le=\"0.001\"} 0")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_duration_seconds_bucket{protocol=\"http\",le=\"0.0025\"} 1")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_duration_seconds_bucket{protocol=\"http\",le=\"0.5\"} 2")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_duration_seconds_bucket{protocol=\"http\",le=\"10\"} 2")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_duration_seconds_bucket{protocol=\"http\",le=\"+Inf\"} 3")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_duration_seconds_count{protocol=\"http\"} 3")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_duration_seconds_bucket{protocol=\"pgwire\",le=\"0.001\"} 1")) << text;
  EXPECT_TRUE(Has(text, "cairn_sessions_open{protocol=\"http\"} 1")) << text;
  EXPECT_TRUE(Has(text, "cairn_sessions_total{protocol=\"http\"} 2")) << text;
  EXPECT_TRUE(Has(text, "cairn_sessions_open{protocol=\"pgwire\"} 0")) << text;
  EXPECT_TRUE(Has(text, "# TYPE cairn_statement_duration_seconds histogram")) << text;
}

TEST(ServerMetrics, ConcurrentUpdatesAreAllCounted) {
  ServerMetrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 1000; i++) {
        metrics.SessionOpened(Protocol::kPgwire);
        metrics.RecordStatement(Protocol::kPgwire, 0.01, i % 2 ? "22012" : "");
        metrics.SessionClosed(Protocol::kPgwire);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string text = metrics.PrometheusText();
  EXPECT_TRUE(Has(text, "cairn_statements_total{protocol=\"pgwire\"} 4000")) << text;
  EXPECT_TRUE(Has(text, "cairn_statement_errors_total{protocol=\"pgwire\",class=\"22\"} 2000")) << text;
  EXPECT_TRUE(Has(text, "cairn_sessions_open{protocol=\"pgwire\"} 0")) << text;
  EXPECT_TRUE(Has(text, "cairn_sessions_total{protocol=\"pgwire\"} 4000")) << text;
}

}  // namespace
}  // namespace cairn::server
