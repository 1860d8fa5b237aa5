// ServerMetrics: the counters `cairn serve` exposes at GET /metrics in Prometheus' text
// exposition format (version 0.0.4, https://prometheus.io/docs/instrumenting/exposition_formats/):
// statements run, failed statements by SQLSTATE class, a statement latency histogram and the
// sessions open now — each labelled with the protocol that served them ("http", "pgwire").
//
// Both servers call the same small interface: SessionOpened/SessionClosed around a client's
// session (an HTTP request counts as a session while it is being served), RecordStatement after
// each statement (its duration in seconds and its SQLSTATE, "" when it succeeded). Bytes
// scanned are not reported: the public API does not expose them yet.
//
// Thread-safety: every method may be called from any thread at any time.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace cairn::server {

/// The protocol a session or statement came in over (the `protocol` label).
enum class Protocol : uint8_t { kHttp, kPgwire };

/// "http" or "pgwire".
const char* ProtocolName(Protocol protocol);

class ServerMetrics {
 public:
  /// Upper bounds of the latency histogram's buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 12> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                             0.1,   0.25,   0.5,   1,    2.5,   10};

  /// A client session began (a pgwire connection after startup, an HTTP request).
  void SessionOpened(Protocol protocol);
  /// That session ended.
  void SessionClosed(Protocol protocol);
  /// One statement finished after `seconds`; `sqlstate` is its error's SQLSTATE, or empty when
  /// it succeeded. Errors are counted by SQLSTATE class (the first two characters).
  void RecordStatement(Protocol protocol, double seconds, std::string_view sqlstate);

  /// Every metric in Prometheus text format, ending with a newline.
  std::string PrometheusText() const;

 private:
  struct PerProtocol {
    uint64_t statements = 0;
    int64_t sessions_open = 0;
    uint64_t sessions_total = 0;
    std::array<uint64_t, kLatencyBuckets.size()> bucket_counts{};  // not cumulative
    uint64_t latency_count = 0;
    double latency_sum = 0;
    std::map<std::string, uint64_t> errors_by_class;
  };

  mutable std::mutex mutex_;
  std::array<PerProtocol, 2> protocols_;  // guarded by mutex_, indexed by Protocol
};

}  // namespace cairn::server
