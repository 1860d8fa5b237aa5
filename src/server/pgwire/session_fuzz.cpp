// libFuzzer target for a whole pgwire Session: the input is what a client sends after connecting
// (a startup packet, then regular messages), fed through a socket pair to Session::Run on a
// read-only Database with no tables (queries over VALUES and generate_series still run).
// Property: every input ends in a served or closed session — never a crash, a sanitizer report,
// a hang (a watchdog interrupts a statement running for more than 2 s) or a leak.
//
// Structure-aware mutation (LLVMFuzzerCustomMutator): the input is split into its messages by
// their length fields; one mutation then drops, duplicates or swaps messages, inserts a
// well-formed extended-query message (Parse with declared types, Bind with text and binary
// values and format codes, Describe, Execute with a row limit, Close, Sync, Flush), mutates one
// message's body with libFuzzer's byte mutator and rewrites its length (or, sometimes, leaves the
// length wrong), or sets a count or length field inside a body to a boundary value. So the
// decoders' bounds and the session's state machine (errors skipping to Sync, portals ending
// with their transaction) are reached, not only the first length check.
// Seeds: test/fuzz/session_fuzz/ (sessions of simple and extended queries, written by
// test/fuzz/generate_session_seeds.mjs). Built with -DCAIRN_FUZZ=ON (clang); run by scripts/fuzz.sh.
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cairn/database.h"
#include "pgwire/session.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

cairn::Database& FuzzDatabase() {
  static cairn::Database* database = [] {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "cairn-session-fuzz";
    std::filesystem::create_directories(dir);
    cairn::DatabaseOptions options;
    options.threads = 1;
    return new cairn::Database(dir.string(), options);
  }();
  return *database;
}

struct Message {
  char type = 0;  // 0: the startup packet (no type byte)
  std::string body;
};

uint32_t Read32(const uint8_t* p) { return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]; }
void Put32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
void Put16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

/// Splits a client byte stream into messages; a tail that does not parse becomes one last
/// message of type 'Q' holding the bytes.
std::vector<Message> Split(const uint8_t* data, size_t size) {
  std::vector<Message> messages;
  size_t at = 0;
  if (size >= 4) {
    const uint32_t length = Read32(data);
    if (length >= 4 && length <= size) {
      messages.push_back({0, std::string(reinterpret_cast<const char*>(data) + 4, length - 4)});
      at = length;
    }
  }
  while (at + 5 <= size) {
    const uint32_t length = Read32(data + at + 1);
    if (length < 4 || at + 1 + length > size) break;
    messages.push_back({static_cast<char>(data[at]), std::string(reinterpret_cast<const char*>(data) + at + 5, length - 4)});
    at += 1 + length;
  }
  if (at < size) messages.push_back({'Q', std::string(reinterpret_cast<const char*>(data) + at, size - at)});
  return messages;
}

std::string Join(const std::vector<Message>& messages) {
  std::string out;
  for (const Message& m : messages) {
    if (m.type != 0) out.push_back(m.type);
    Put32(out, static_cast<uint32_t>(m.body.size() + 4));
    out += m.body;
  }
  return out;
}

/// A well-formed extended-query message chosen by `random`.
Message WellFormed(std::mt19937& random) {
  static const char* const kQueries[] = {"SELECT $1::int4 + 1", "SELECT $1, $2::text", "SELECT x FROM generate_series(1, 20) g(x)",
                                         "SELECT $1::numeric, $2::date, $3::bytea", "BEGIN", "COMMIT", "SELECT 1/0",
                                         "SELECT ARRAY[1, NULL]::int4[]", "", "SHOW search_path"};
  static const uint32_t kOids[] = {0, 16, 17, 20, 21, 23, 25, 700, 701, 1043, 1082, 1114, 1184, 1186, 1700, 2950, 1007, 999999};
  static const char* const kNames[] = {"", "s", "p"};
  const char* name = kNames[random() % 3];
  Message m;
  switch (random() % 7) {
    case 0: {  // Parse
      m.type = 'P';
      m.body = std::string(name) + '\0' + kQueries[random() % std::size(kQueries)] + '\0';
      const int count = static_cast<int>(random() % 4);
      Put16(m.body, static_cast<uint16_t>(count));
      for (int i = 0; i < count; i++) Put32(m.body, kOids[random() % std::size(kOids)]);
      break;
    }
    case 1: {  // Bind
      m.type = 'B';
      m.body = std::string(kNames[random() % 3]) + '\0' + name + '\0';
      const int formats = static_cast<int>(random() % 3);
      Put16(m.body, static_cast<uint16_t>(formats));
      for (int i = 0; i < formats; i++) Put16(m.body, static_cast<uint16_t>(random() % 2));
      const int values = static_cast<int>(random() % 4);
      Put16(m.body, static_cast<uint16_t>(values));
      static const char* const kValues[] = {"1", "abc", "2024-02-29", "\\x00ff", "-1.5", "\x00\x00\x00\x07", ""};
      for (int i = 0; i < values; i++) {
        if (random() % 5 == 0) {
          Put32(m.body, 0xffffffffu);
          continue;
        }
        const std::string value = random() % 4 == 0 ? std::string("\x00\x00\x00\x07", 4) : kValues[random() % 6];
        Put32(m.body, static_cast<uint32_t>(value.size()));
        m.body += value;
      }
      const int results = static_cast<int>(random() % 3);
      Put16(m.body, static_cast<uint16_t>(results));
      for (int i = 0; i < results; i++) Put16(m.body, static_cast<uint16_t>(random() % 2));
      break;
    }
    case 2:
    case 3:  // Describe / Close
      m.type = random() % 2 ? 'D' : 'C';
      m.body = std::string(1, random() % 2 ? 'S' : 'P') + name + '\0';
      break;
    case 4:  // Execute
      m.type = 'E';
      m.body = std::string(name) + '\0';
      Put32(m.body, static_cast<uint32_t>(random() % 4));
      break;
    case 5:
      m.type = 'S';
      break;
    default:
      m.type = 'H';
      break;
  }
  return m;
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  std::mt19937 random(seed);
  std::vector<Message> messages = Split(data, size);
  const size_t first = !messages.empty() && messages[0].type == 0 ? 1 : 0;  // keep the startup packet first
  const size_t count = messages.size() - first;
  bool wrong_length = false;
  switch (random() % 6) {
    case 0:  // drop one
      if (count > 0) messages.erase(messages.begin() + static_cast<long>(first + random() % count));
      break;
    case 1:  // duplicate or swap
      if (count > 1) {
        const size_t a = first + random() % count, b = first + random() % count;
        if (random() % 2) std::swap(messages[a], messages[b]);
        else messages.insert(messages.begin() + static_cast<long>(b), messages[a]);
      }
      break;
    case 2:  // insert a well-formed message
      messages.insert(messages.begin() + static_cast<long>(first + (count ? random() % (count + 1) : 0)), WellFormed(random));
      break;
    case 3:
    case 4: {  // mutate one body (sometimes the startup packet), maybe leaving its length wrong
      if (messages.empty()) break;
      Message& m = messages[random() % messages.size()];
      std::string body = m.body;
      body.resize(body.size() + 64);
      body.resize(LLVMFuzzerMutate(reinterpret_cast<uint8_t*>(body.data()), m.body.size(), body.size()));
      m.body = body;
      wrong_length = random() % 8 == 0;
      break;
    }
    default: {  // a boundary value at a 2- or 4-byte position of one body
      if (messages.empty()) break;
      Message& m = messages[random() % messages.size()];
      if (m.body.size() < 4) break;
      static const uint32_t kBoundaries[] = {0, 1, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000u, 0xffffffffu, 65536};
      const size_t at = random() % (m.body.size() - 3);
      const uint32_t value = kBoundaries[random() % std::size(kBoundaries)];
      std::string field;
      if (random() % 2) Put16(field, static_cast<uint16_t>(value));
      else Put32(field, value);
      m.body.replace(at, field.size(), field);
      break;
    }
  }
  std::string out = Join(messages);
  if (wrong_length && out.size() >= 8) out[out.size() / 2] ^= 0x40;
  if (out.size() > max_size) out.resize(max_size);
  std::memcpy(data, out.data(), out.size());
  return out.size();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::Database& database = FuzzDatabase();
  int sockets[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) != 0) return 0;
  // The client: writes the input, then reads (and drops) every response until the server closes.
  std::thread client([&] {
    size_t written = 0;
    while (written < size) {
      const ssize_t n = write(sockets[0], data + written, size - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    shutdown(sockets[0], SHUT_WR);
    char buffer[65536];
    while (read(sockets[0], buffer, sizeof buffer) > 0) {
    }
    close(sockets[0]);
  });
  cairn::pgwire::Session session(sockets[1], database, 1, 2, [](std::string_view) {}, [](uint32_t, uint32_t) {});
  std::atomic<bool> done = false;
  std::thread watchdog([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!done && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    while (!done) {
      session.Interrupt();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  session.Run();
  done = true;
  watchdog.join();
  session.Shutdown();
  client.join();
  return 0;
}
