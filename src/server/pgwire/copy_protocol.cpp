// COPY FROM STDIN and COPY TO STDOUT of Session (session.h): PostgreSQL's CopyIn and CopyOut
// sub-protocols (PostgreSQL 15 documentation, 55.2.6 "COPY Operations"), as the CopyHandler the
// session's Connection calls while such a statement runs.
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "cairn/exception.h"
#include "pgwire/backend_message.h"
#include "pgwire/frontend_message.h"
#include "pgwire/session.h"

namespace cairn::pgwire {

namespace {

/// Writes all of `data` to `fd`; throws 58030 naming `path` on failure (e.g. a full disk).
void WriteAllTo(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      throw Exception(sqlstate::kIoError,
                      fmt::format("could not write COPY data to \"{}\": {}", path, std::strerror(errno)));
    }
    data.remove_prefix(static_cast<size_t>(written));
  }
}

}  // namespace

std::string Session::ReceiveCopyData(size_t columns) {
  AppendCopyResponse(out_, backend::kCopyInResponse, FormatCode::kText, columns);
  Flush();
  // The client's rows go to a temporary file the statement then reads: memory stays bounded
  // whatever the client sends.
  std::string path = (std::filesystem::temp_directory_path() / "cairn-copy-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) {
    throw Exception(sqlstate::kIoError, fmt::format("could not create a file for COPY data: {}", std::strerror(errno)));
  }
  copy_in_file_ = path;
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  while (true) {
    char header[5];
    if (!stream_.ReadExact(header, 5)) throw ClientGone("the client disconnected during COPY FROM STDIN");
    const char type = header[0];
    const uint32_t length = ReadUint32(header + 1);
    CheckMessageLength(type, length);
    std::string body(length - 4, '\0');
    if (!stream_.ReadExact(body.data(), body.size())) throw ClientGone("the client disconnected during COPY FROM STDIN");
    switch (type) {
      case frontend::kCopyData:
        WriteAllTo(fd, body, path);
        break;
      case frontend::kCopyDone:
        return path;
      case frontend::kCopyFail: {
        FieldReader reader(body);
        throw Exception(sqlstate::kQueryCanceled, fmt::format("COPY from stdin failed: {}", reader.ReadCString()));
      }
      case frontend::kFlush:
      case frontend::kSync:
        break;  // ignored during COPY, as PostgreSQL does
      default:
        throw Exception(sqlstate::kProtocolViolation,
                        fmt::format("unexpected message type 0x{:02x} during COPY from stdin",
                                    static_cast<unsigned char>(type)));
    }
  }
}

void Session::BeginCopyOut(size_t columns) {
  AppendCopyResponse(out_, backend::kCopyOutResponse, FormatCode::kText, columns);
  copy_out_active_ = true;
}

void Session::SendCopyData(std::string_view data) {
  AppendCopyData(out_, data);
  MaybeFlush();
}

void Session::FinishCopy(bool succeeded) {
  if (copy_out_active_ && succeeded) AppendEmptyMessage(out_, backend::kCopyDone);
  copy_out_active_ = false;
  if (!copy_in_file_.empty()) {
    ::unlink(copy_in_file_.c_str());
    copy_in_file_.clear();
  }
}

}  // namespace cairn::pgwire
