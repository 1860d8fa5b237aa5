// Memory limit settings: the default limit derived from the memory the process may actually
// use (its cgroup's limit, else the machine's physical memory), and PostgreSQL-style memory
// sizes as SET memory_limit takes them ('2GB', '512MB', '1.5GiB').
//
// Sources: cgroup v2, Documentation/admin-guide/cgroup-v2.rst ("memory.max"); cgroup v1,
// Documentation/admin-guide/cgroup-v1/memory.rst ("memory.limit_in_bytes"); proc(5)
// (/proc/self/cgroup). Thread-safety: all functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cairn {

/// The smallest memory limit of the cgroups the process is in, read from `proc_self_cgroup`
/// (normally "/proc/self/cgroup") and the hierarchy mounted at `cgroup_root` (normally
/// "/sys/fs/cgroup"): cgroup v2 ("0::/path": memory.max of the group and every ancestor up to
/// the root, "max" = none) or v1 (a "memory" controller line: memory.limit_in_bytes under
/// <root>/memory, or <root> itself). nullopt when no limit is set or the files are missing.
std::optional<uint64_t> CgroupMemoryLimit(const std::string& proc_self_cgroup = "/proc/self/cgroup",
                                          const std::string& cgroup_root = "/sys/fs/cgroup");

/// Physical memory of the machine in bytes (sysconf); 0 if unknown.
uint64_t PhysicalMemoryBytes();

/// The default memory limit of a database: 80 % of the memory available to the process — the
/// smaller of its cgroup limit and physical memory. Computed once.
uint64_t DefaultMemoryLimit();

/// Parses a memory size: a number (fractions allowed) and a unit — B, kB, MB, GB, TB
/// (PostgreSQL's units: powers of 1024) or KiB, MiB, GiB, TiB; units are case-insensitive; no
/// unit means bytes. Throws cairn::Exception 22023 naming `setting` for anything else, for
/// zero, and for sizes beyond 2^63 bytes.
uint64_t ParseMemorySize(const std::string& text, const std::string& setting = "memory_limit");

/// A size as PostgreSQL's SHOW prints one: the largest of TB, GB, MB, kB that divides it
/// exactly, else bytes ("2GB", "1536MB", "100kB", "1000B").
std::string FormatMemorySize(uint64_t bytes);

}  // namespace cairn
