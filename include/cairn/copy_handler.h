// CopyHandler: how `COPY ... FROM STDIN` and `COPY ... TO STDOUT` exchange data with the client
// of a Connection — PostgreSQL's COPY sub-protocols (PostgreSQL 15 documentation, 55.2.6 "COPY
// Operations"), which Cairn's server implements with one (src/server/pgwire/). Without a handler
// (Connection::set_copy_handler) these statements fail with 0A000.
//
// Both directions carry the text or csv format of the statement's options (docs/sql/copy.md);
// FORMAT parquet and binary are not available over STDIN/STDOUT.
//
// Thread-safety: the handler is called on the thread running the statement (the connection's),
// one call at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cairn {

class CopyHandler {
 public:
  virtual ~CopyHandler() = default;

  /// `COPY ... FROM STDIN` is ready for its data, `columns` target columns per row. Returns the
  /// path of a file holding all of it (the handler collected the client's data there); Cairn
  /// reads the file once while the statement runs and the handler may remove it when the
  /// statement ends. Throwing a cairn::Exception fails the statement with it (PostgreSQL uses
  /// 57014 when the client sends CopyFail).
  virtual std::string ReceiveCopyData(size_t columns) = 0;

  /// `COPY ... TO STDOUT` starts; rows of `columns` columns follow through SendCopyData().
  virtual void BeginCopyOut(size_t columns) = 0;
  /// The next piece of `COPY ... TO STDOUT`'s output: whole rows or parts of them, in order.
  /// Throwing fails the statement (e.g. the client disconnected).
  virtual void SendCopyData(std::string_view data) = 0;
};

}  // namespace cairn
