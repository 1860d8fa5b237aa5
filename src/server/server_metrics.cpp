#include "server_metrics.h"

#include <fmt/format.h>

namespace cairn::server {

const char* ProtocolName(Protocol protocol) { return protocol == Protocol::kHttp ? "http" : "pgwire"; }

void ServerMetrics::SessionOpened(Protocol protocol) {
  std::lock_guard lock(mutex_);
  PerProtocol& counters = protocols_[static_cast<size_t>(protocol)];
  counters.sessions_open++;
  counters.sessions_total++;
}

void ServerMetrics::SessionClosed(Protocol protocol) {
  std::lock_guard lock(mutex_);
  protocols_[static_cast<size_t>(protocol)].sessions_open--;
}

void ServerMetrics::RecordStatement(Protocol protocol, double seconds, std::string_view sqlstate) {
  std::lock_guard lock(mutex_);
  PerProtocol& counters = protocols_[static_cast<size_t>(protocol)];
  counters.statements++;
  counters.latency_count++;
  counters.latency_sum += seconds;
  for (size_t i = 0; i < kLatencyBuckets.size(); i++) {
    if (seconds <= kLatencyBuckets[i]) {
      counters.bucket_counts[i]++;
      break;
    }
  }
  if (!sqlstate.empty()) counters.errors_by_class[std::string(sqlstate.substr(0, 2))]++;
}

std::string ServerMetrics::PrometheusText() const {
  std::lock_guard lock(mutex_);
  std::string out;
  auto each = [&](auto&& body) {
    for (size_t p = 0; p < protocols_.size(); p++) body(ProtocolName(static_cast<Protocol>(p)), protocols_[p]);
  };
  out += "# HELP cairn_statements_total Statements run, failed ones included.\n";
  out += "# TYPE cairn_statements_total counter\n";
  each([&](const char* name, const PerProtocol& c) {
    out += fmt::format("cairn_statements_total{{protocol=\"{}\"}} {}\n", name, c.statements);
  });
  out += "# HELP cairn_statement_errors_total Failed statements by SQLSTATE class.\n";
  out += "# TYPE cairn_statement_errors_total counter\n";
  each([&](const char* name, const PerProtocol& c) {
    for (const auto& [sqlstate_class, count] : c.errors_by_class) {
      out += fmt::format("cairn_statement_errors_total{{protocol=\"{}\",class=\"{}\"}} {}\n", name, sqlstate_class,
                         count);
    }
  });
  out += "# HELP cairn_statement_duration_seconds Time from receiving a statement to its last row.\n";
  out += "# TYPE cairn_statement_duration_seconds histogram\n";
  each([&](const char* name, const PerProtocol& c) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kLatencyBuckets.size(); i++) {
      cumulative += c.bucket_counts[i];
      out += fmt::format("cairn_statement_duration_seconds_bucket{{protocol=\"{}\",le=\"{}\"}} {}\n", name,
                         kLatencyBuckets[i], cumulative);
    }
    out += fmt::format("cairn_statement_duration_seconds_bucket{{protocol=\"{}\",le=\"+Inf\"}} {}\n", name,
                       c.latency_count);
    out += fmt::format("cairn_statement_duration_seconds_sum{{protocol=\"{}\"}} {}\n", name, c.latency_sum);
    out += fmt::format("cairn_statement_duration_seconds_count{{protocol=\"{}\"}} {}\n", name, c.latency_count);
  });
  out += "# HELP cairn_sessions_open Client sessions open now (HTTP: requests being served).\n";
  out += "# TYPE cairn_sessions_open gauge\n";
  each([&](const char* name, const PerProtocol& c) {
    out += fmt::format("cairn_sessions_open{{protocol=\"{}\"}} {}\n", name, c.sessions_open);
  });
  out += "# HELP cairn_sessions_total Client sessions opened since the server started.\n";
  out += "# TYPE cairn_sessions_total counter\n";
  each([&](const char* name, const PerProtocol& c) {
    out += fmt::format("cairn_sessions_total{{protocol=\"{}\"}} {}\n", name, c.sessions_total);
  });
  return out;
}

}  // namespace cairn::server
