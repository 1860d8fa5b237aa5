// `cairn serve`: opens a data directory and serves it over the PostgreSQL wire protocol
// (src/server/pgwire/server.h) and, with --http-port, the HTTP API (src/server/http/) until
// SIGINT or SIGTERM, which a SignalWatcher
// (signal_watcher.h) turns into a wake-up: the server stops accepting, closes its sessions
// (interrupting running statements) and the database is closed (checkpointing writes).
//
// Thread-safety: called once, from main().
#pragma once

namespace cairn::shell {

/// Runs `cairn serve` with argv[0] == "serve". Returns the exit status: 0 after a signal
/// stopped the server, 1 for an invalid command line or config file, a data directory that cannot be opened,
/// or an address that cannot be listened on.
int RunServeCommand(int argc, const char* const* argv);

}  // namespace cairn::shell
