// MemoryTracker / MemoryReservation: limits, parent propagation, block charging, release on
// destruction, concurrency; memory sizes and the cgroup files the default limit comes from.
#include "common/memory_tracker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "cairn/exception.h"
#include "common/memory_limit.h"

namespace cairn {
namespace {

TEST(MemoryTrackerTest, ChargeAndReleaseReachParent) {
  auto database = std::make_shared<MemoryTracker>("database", 0);
  auto query = std::make_shared<MemoryTracker>("query", 0, database);
  query->Charge(1000, "TEST");
  EXPECT_EQ(query->used(), 1000u);
  EXPECT_EQ(database->used(), 1000u);
  query->Release(400);
  EXPECT_EQ(query->used(), 600u);
  EXPECT_EQ(database->used(), 600u);
  EXPECT_EQ(query->peak(), 1000u);
}

TEST(MemoryTrackerTest, ExceedingTheLimitThrows53200NamingTheOperatorAndChargesNothing) {
  auto query = std::make_shared<MemoryTracker>("query", 1 << 20);
  query->Charge(900 << 10, "HASH_AGGREGATE");
  try {
    query->Charge(200 << 10, "HASH_AGGREGATE");
    FAIL() << "expected 53200";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "53200");
    EXPECT_NE(std::string(e.what()).find("HASH_AGGREGATE: memory limit of 1.0 MiB exceeded"), std::string::npos) << e.what();
  }
  EXPECT_EQ(query->used(), size_t(900 << 10));
}

TEST(MemoryTrackerTest, ParentLimitRollsBackTheChildCharge) {
  auto database = std::make_shared<MemoryTracker>("database", 1000);
  auto query = std::make_shared<MemoryTracker>("query", 0, database);
  EXPECT_THROW(query->Charge(2000, "ORDER_BY"), Exception);
  EXPECT_EQ(query->used(), 0u);
  EXPECT_EQ(database->used(), 0u);
}

TEST(MemoryTrackerTest, ReservationChargesInBlocksAndReleasesOnDestruction) {
  auto database = std::make_shared<MemoryTracker>("database", 0);
  auto query = std::make_shared<MemoryTracker>("query", 0, database);
  {
    MemoryReservation reservation("HASH_JOIN", query);
    reservation.Resize(1);
    EXPECT_EQ(query->used(), kMemoryChargeBlock);
    reservation.Resize(kMemoryChargeBlock);  // same block: no new charge
    EXPECT_EQ(query->used(), kMemoryChargeBlock);
    reservation.Resize(10 * kMemoryChargeBlock + 1);
    EXPECT_EQ(query->used(), 11 * kMemoryChargeBlock);
    reservation.Resize(kMemoryChargeBlock);
    EXPECT_EQ(query->used(), kMemoryChargeBlock);
    MemoryReservation moved = std::move(reservation);
    EXPECT_EQ(moved.reserved(), kMemoryChargeBlock);
    EXPECT_EQ(reservation.reserved(), 0u);
  }
  EXPECT_EQ(query->used(), 0u);
  EXPECT_EQ(database->used(), 0u);
}

TEST(MemoryTrackerTest, ReservationUsesTheThreadsCurrentTracker) {
  auto query = std::make_shared<MemoryTracker>("query", 0);
  MemoryReservation outside("ROW_COLLECTION");
  outside.Resize(1 << 20);  // no current tracker: nothing to charge
  EXPECT_EQ(outside.reserved(), 0u);
  {
    MemoryTracker::Scope scope(query);
    MemoryReservation inside("ROW_COLLECTION");
    inside.Resize(1 << 20);
    EXPECT_EQ(query->used(), size_t(1) << 20);
  }
  EXPECT_EQ(query->used(), 0u);
  EXPECT_EQ(MemoryTracker::Current(), nullptr);
}

TEST(MemoryTrackerTest, ConcurrentChargesNeverPassTheLimit) {
  const uint64_t limit = 64 * kMemoryChargeBlock;
  auto database = std::make_shared<MemoryTracker>("database", 0);
  auto query = std::make_shared<MemoryTracker>("query", limit, database);
  std::atomic<int> failures{0};
  std::atomic<int> finished{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; t++) {
    threads.emplace_back([&] {
      std::vector<MemoryReservation> held;
      for (int i = 0; i < 2000; i++) {
        MemoryReservation reservation("TEST", query);
        try {
          reservation.Resize(kMemoryChargeBlock);
        } catch (const Exception&) {
          failures++;
        }
        EXPECT_LE(query->used(), limit);
        // Each thread keeps up to 16 blocks: 8 threads want twice the limit.
        if (reservation.reserved() > 0 && held.size() < 16) held.push_back(std::move(reservation));
      }
      // Keep what is held until every thread is done, so they all compete for the limit.
      finished++;
      while (finished.load() < 8) std::this_thread::yield();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_GT(failures.load(), 0);
  EXPECT_LE(query->peak(), limit);
  EXPECT_EQ(query->used(), 0u);
  EXPECT_EQ(database->used(), 0u);
}

TEST(MemoryLimitTest, ParsesPostgresAndBinaryUnits) {
  EXPECT_EQ(ParseMemorySize("2GB"), uint64_t(2) << 30);
  EXPECT_EQ(ParseMemorySize("2 GB"), uint64_t(2) << 30);
  EXPECT_EQ(ParseMemorySize("512MB"), uint64_t(512) << 20);
  EXPECT_EQ(ParseMemorySize("100kB"), uint64_t(100) << 10);
  EXPECT_EQ(ParseMemorySize("1TB"), uint64_t(1) << 40);
  EXPECT_EQ(ParseMemorySize("1.5GiB"), uint64_t(3) << 29);
  EXPECT_EQ(ParseMemorySize("64mib"), uint64_t(64) << 20);
  EXPECT_EQ(ParseMemorySize("4096"), 4096u);
  EXPECT_EQ(ParseMemorySize("10B"), 10u);
  for (const char* bad : {"", "GB", "2XB", "-1GB", "0", "1.2.3MB", "abc", "99999999999TB"}) {
    try {
      ParseMemorySize(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), "22023") << bad;
    }
  }
  EXPECT_EQ(FormatMemorySize(uint64_t(2) << 30), "2GB");
  EXPECT_EQ(FormatMemorySize(uint64_t(1536) << 20), "1536MB");
  EXPECT_EQ(FormatMemorySize(uint64_t(100) << 10), "100kB");
  EXPECT_EQ(FormatMemorySize(1000), "1000B");
}

class CgroupFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("cairn_cgroup_" + std::to_string(::getpid()) + "_" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string Write(const std::string& relative, const std::string& text) {
    std::filesystem::path path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }
  std::filesystem::path root_;
};

TEST_F(CgroupFilesTest, V2TakesTheSmallestLimitOfTheGroupAndItsAncestors) {
  std::string cgroup = Write("proc/cgroup", "0::/user.slice/session.scope\n");
  Write("fs/memory.max", "max\n");
  Write("fs/user.slice/memory.max", "1610612736\n");
  Write("fs/user.slice/session.scope/memory.max", "max\n");
  EXPECT_EQ(CgroupMemoryLimit(cgroup, (root_ / "fs").string()), uint64_t(1610612736));
  Write("fs/user.slice/session.scope/memory.max", "1073741824\n");
  EXPECT_EQ(CgroupMemoryLimit(cgroup, (root_ / "fs").string()), uint64_t(1) << 30);
}

TEST_F(CgroupFilesTest, V2WithoutLimitsIsUnlimited) {
  std::string cgroup = Write("proc/cgroup", "0::/\n");
  Write("fs/memory.max", "max\n");
  EXPECT_EQ(CgroupMemoryLimit(cgroup, (root_ / "fs").string()), std::nullopt);
  EXPECT_EQ(CgroupMemoryLimit((root_ / "missing").string(), (root_ / "fs").string()), std::nullopt);
}

TEST_F(CgroupFilesTest, V1ReadsTheMemoryControllersLimit) {
  std::string cgroup = Write("proc/cgroup", "12:cpu,cpuacct:/x\n4:memory:/docker/abc\n1:name=systemd:/y\n");
  Write("fs/memory/docker/abc/memory.limit_in_bytes", "536870912\n");
  EXPECT_EQ(CgroupMemoryLimit(cgroup, (root_ / "fs").string()), uint64_t(512) << 20);
  // "No limit" in v1 is a huge page-aligned number.
  Write("fs/memory/docker/abc/memory.limit_in_bytes", "9223372036854771712\n");
  EXPECT_EQ(CgroupMemoryLimit(cgroup, (root_ / "fs").string()), std::nullopt);
}

TEST(MemoryLimitTest, DefaultIsEightyPercentOfAvailableMemory) {
  uint64_t available = PhysicalMemoryBytes();
  if (auto cgroup = CgroupMemoryLimit(); cgroup && *cgroup < available) available = *cgroup;
  ASSERT_GT(available, 0u);
  // 80 %, rounded down to whole MiB.
  const uint64_t mib = uint64_t(1) << 20;
  EXPECT_EQ(DefaultMemoryLimit(), available / 10 * 8 / mib * mib);
  EXPECT_GT(DefaultMemoryLimit() + mib, available / 10 * 8);
}

}  // namespace
}  // namespace cairn
