// The `cairn` binary under signals, for real: an interactive session on a pseudo-terminal
// (forkpty) receiving Ctrl-C at the prompt, on a continuation line and during a long query, then
// Ctrl-D or SIGTERM (the history must be saved every time); and `-c` runs receiving SIGINT
// (cancel, exit 130). Also output errors: results written to /dev/full must fail the run.
//
// The binary is found as in cli_binary_test.cpp ($CAIRN_BIN, next to this test, build/cairn);
// the tests are skipped when none exists.
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kLongQuery =
    "SELECT count(*) FROM (SELECT a.x * 3000 + b.x AS k, count(*) FROM numbers a, numbers b GROUP BY 1) AS "
    "groups";

std::string FindCairnBinary() {
  if (const char* env = std::getenv("CAIRN_BIN"); env && *env) return fs::exists(env) ? env : "";
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error && fs::exists(self.parent_path() / "cairn")) return (self.parent_path() / "cairn").string();
  if (fs::exists("build/cairn")) return fs::absolute("build/cairn").string();
  return "";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Exit status of a finished child: the exit code, or 128 + the signal that killed it.
int ExitCode(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

/// Waits (bounded) for `pid` to exit; returns its ExitCode, or -1 on timeout (then kills it).
int WaitForExit(pid_t pid, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return ExitCode(status);
    std::this_thread::sleep_for(10ms);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

/// The shell on a pseudo-terminal: type into it, read what it shows.
class TerminalSession {
 public:
  TerminalSession(const std::string& binary, const std::string& data_dir, const std::string& home) {
    pid_ = forkpty(&master_, nullptr, nullptr, nullptr);
    if (pid_ == 0) {
      setenv("HOME", home.c_str(), 1);
      setenv("TERM", "dumb", 1);
      unsetenv("INPUTRC");
      execl(binary.c_str(), binary.c_str(), data_dir.c_str(), "--threads", "2", static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~TerminalSession() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  void Type(const std::string& keys) {
    ssize_t ignored = write(master_, keys.data(), keys.size());
    (void)ignored;
  }

  /// Types `keys` until `echo` appears. The line editor switches the terminal to raw mode with
  /// TCSAFLUSH after it prints the prompt, discarding what arrived in between, so keys typed
  /// right after the prompt can be lost; typing again is harmless where the line is abandoned.
  bool TypeUntilEchoed(const std::string& keys, const std::string& echo) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Type(keys);
      if (Expect(echo, 500ms)) return true;
    }
    return false;
  }

  /// Reads until the output since the last Expect contains `text`; false on timeout or EOF.
  bool Expect(const std::string& text, std::chrono::milliseconds limit = 60000ms) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      size_t found = screen_.find(text, consumed_);
      if (found != std::string::npos) {
        consumed_ = found + text.size();
        return true;
      }
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd fd{master_, POLLIN, 0};
      if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
      char buffer[4096];
      ssize_t n = read(master_, buffer, sizeof(buffer));
      if (n <= 0) return false;  // EIO: the child closed the terminal
      screen_.append(buffer, static_cast<size_t>(n));
    }
  }

  int Wait(std::chrono::milliseconds limit = 20000ms) {
    // Keep draining the terminal so the child never blocks writing to it.
    auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        exited_ = true;
        return ExitCode(status);
      }
      pollfd fd{master_, POLLIN, 0};
      if (poll(&fd, 1, 10) > 0) {
        char buffer[4096];
        ssize_t n = read(master_, buffer, sizeof(buffer));
        if (n > 0) screen_.append(buffer, static_cast<size_t>(n));
      }
    }
    return -1;
  }

  const std::string& screen() const { return screen_; }

 private:
  int master_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
  std::string screen_;
  size_t consumed_ = 0;
};

class CliSignalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = FindCairnBinary();
    if (binary_.empty()) GTEST_SKIP() << "cairn binary not found (set CAIRN_BIN)";
    std::string csv = "x\n";
    for (int i = 0; i < 3000; i++) csv += std::to_string(i) + "\n";
    scratch_.Write("numbers.csv", csv);
    Database database(scratch_.path());
    database.register_table("numbers", "numbers.csv");
    database.save_table_mappings(scratch_.Join("table_mappings.json"));
    fs::create_directories(scratch_.Join("home"));
  }

  std::string History() { return ReadFile(scratch_.Join("home/.cairn_history")); }

  /// Starts `cairn DATA_DIR <arguments...>` with stdout and stderr to files; returns its pid.
  pid_t Spawn(const std::vector<std::string>& arguments, const std::string& out_path) {
    pid_t pid = fork();
    if (pid == 0) {
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(binary_.c_str()));
      argv.push_back(const_cast<char*>(scratch_.path().c_str()));
      for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
      argv.push_back(nullptr);
      freopen("/dev/null", "r", stdin);
      freopen(out_path.c_str(), "w", stdout);
      freopen(scratch_.Join("stderr.txt").c_str(), "w", stderr);
      execv(binary_.c_str(), argv.data());
      _exit(127);
    }
    return pid;
  }

  std::string binary_;
  testing::ScratchDirectory scratch_;
};

TEST_F(CliSignalTest, CtrlCClearsTheLineDropsThePartialStatementAndCancelsTheQuery) {
  TerminalSession session(binary_, scratch_.path(), scratch_.Join("home"));
  ASSERT_TRUE(session.started());
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();

  // At the prompt: Ctrl-C abandons the line being typed.
  ASSERT_TRUE(session.TypeUntilEchoed("SELECT 'abandoned'", "abandoned'")) << session.screen();
  session.Type("\x03");
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();

  // On a continuation line: Ctrl-C drops the partial statement (else the next line would
  // continue it and fail with a syntax error).
  ASSERT_TRUE(session.TypeUntilEchoed("SELECT 'partial'", "partial'")) << session.screen();
  session.Type("\r");
  ASSERT_TRUE(session.Expect("...> ")) << session.screen();
  session.Type("\x03");
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();
  ASSERT_TRUE(session.TypeUntilEchoed("SELECT 'fresh' AS answer;", "answer;")) << session.screen();
  session.Type("\r");
  ASSERT_TRUE(session.Expect("fresh")) << session.screen();
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();

  // During a query: Ctrl-C cancels it and the prompt comes back.
  session.Type(std::string(kLongQuery) + ";\r");
  std::this_thread::sleep_for(500ms);
  auto cancelled_at = std::chrono::steady_clock::now();
  session.Type("\x03");
  ASSERT_TRUE(session.Expect("canceling statement due to user request (SQLSTATE 57014)")) << session.screen();
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();
  EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, 5s);

  // The session goes on.
  session.Type("SELECT 40 + 2 AS after_cancel;\r");
  ASSERT_TRUE(session.Expect("42")) << session.screen();
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();
  EXPECT_EQ(session.screen().find("syntax error"), std::string::npos) << session.screen();

  session.Type("\x04");  // Ctrl-D
  EXPECT_EQ(session.Wait(), 0) << session.screen();
  std::string history = History();
  EXPECT_NE(history.find("SELECT 40 + 2 AS after_cancel;"), std::string::npos) << history;
  EXPECT_NE(history.find("SELECT 'fresh' AS answer;"), std::string::npos) << history;
}

TEST_F(CliSignalTest, SigtermAtThePromptSavesTheHistory) {
  TerminalSession session(binary_, scratch_.path(), scratch_.Join("home"));
  ASSERT_TRUE(session.started());
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();
  session.Type("SELECT 'remember me' AS m;\r");
  ASSERT_TRUE(session.Expect("remember me")) << session.screen();
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();
  kill(session.pid(), SIGTERM);
  EXPECT_EQ(session.Wait(), 128 + SIGTERM) << session.screen();
  EXPECT_NE(History().find("SELECT 'remember me' AS m;"), std::string::npos);
}

TEST_F(CliSignalTest, SigtermDuringAQueryCancelsItAndSavesTheHistory) {
  TerminalSession session(binary_, scratch_.path(), scratch_.Join("home"));
  ASSERT_TRUE(session.started());
  ASSERT_TRUE(session.Expect("cairn> ")) << session.screen();
  session.Type(std::string(kLongQuery) + ";\r");
  std::this_thread::sleep_for(500ms);
  kill(session.pid(), SIGTERM);
  EXPECT_EQ(session.Wait(), 128 + SIGTERM) << session.screen();
  EXPECT_NE(History().find(kLongQuery), std::string::npos);
}

TEST_F(CliSignalTest, SigintCancelsACommandAndExitsNonZero) {
  std::string out_path = scratch_.Join("out.txt");
  pid_t pid = Spawn({"--threads", "2", "-c", kLongQuery, "-c", "SELECT 'not reached'"}, out_path);
  ASSERT_GT(pid, 0);
  std::this_thread::sleep_for(500ms);
  auto signalled_at = std::chrono::steady_clock::now();
  kill(pid, SIGINT);
  EXPECT_EQ(WaitForExit(pid, 20000ms), 130);
  EXPECT_LT(std::chrono::steady_clock::now() - signalled_at, 5s);
  std::string err = ReadFile(scratch_.Join("stderr.txt"));
  EXPECT_NE(err.find("canceling statement due to user request (SQLSTATE 57014)"), std::string::npos) << err;
  EXPECT_EQ(ReadFile(out_path).find("not reached"), std::string::npos);
}

TEST_F(CliSignalTest, WritingToAFullDiskFails) {
  for (const char* format : {"table", "csv", "json", "markdown"}) {
    pid_t pid = Spawn({"--format", format, "-c", "SELECT x FROM numbers"}, "/dev/full");
    ASSERT_GT(pid, 0);
    EXPECT_EQ(WaitForExit(pid, 20000ms), 1) << format;
    std::string err = ReadFile(scratch_.Join("stderr.txt"));
    EXPECT_NE(err.find("cairn: error writing output: No space left on device"), std::string::npos)
        << format << ": " << err;
  }
  // A huge result stops at the first failed write instead of computing 9 million rows.
  auto start = std::chrono::steady_clock::now();
  pid_t big = Spawn({"--format", "csv", "-c", "SELECT a.x, b.x FROM numbers a, numbers b", "-c", "SELECT 2"},
                    "/dev/full");
  EXPECT_EQ(WaitForExit(big, 20000ms), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  std::string big_err = ReadFile(scratch_.Join("stderr.txt"));
  EXPECT_NE(big_err.find("No space left on device"), std::string::npos) << big_err;
  // --help and --version write output too.
  pid_t help = Spawn({"--version"}, "/dev/full");
  EXPECT_EQ(WaitForExit(help, 20000ms), 1);
  // A tiny result that fits in the output buffer fails only at the final flush: still an error.
  pid_t pid = Spawn({"-c", "SELECT 1"}, "/dev/full");
  EXPECT_EQ(WaitForExit(pid, 20000ms), 1);
  EXPECT_NE(ReadFile(scratch_.Join("stderr.txt")).find("No space left on device"), std::string::npos);
}

}  // namespace
}  // namespace cairn
