// FaultInjectingFileSystem (see src/io/fault_injecting_file_system.h).
#include "io/fault_injecting_file_system.h"

#include <algorithm>
#include <thread>

#include "cairn/exception.h"

namespace cairn {

namespace {

[[noreturn]] void ThrowInjected(FileOperation op, const std::string& path, idx_t call) {
  throw Exception(sqlstate::kIoError, std::string("could not ") + FileOperationName(op) + " \"" + path +
                                          "\": injected fault (" + FileOperationName(op) + " call #" +
                                          std::to_string(call) + ")");
}

}  // namespace

const char* FileOperationName(FileOperation op) {
  switch (op) {
    case FileOperation::kOpenForWrite:
      return "open for writing";
    case FileOperation::kAppend:
      return "write to";
    case FileOperation::kSync:
      return "fsync";
    case FileOperation::kSyncDirectory:
      return "fsync directory";
    case FileOperation::kRename:
      return "rename";
    case FileOperation::kRemoveFile:
      return "remove";
  }
  return "access";
}

/// Forwards to the base file's handle; Append and Sync go through the fault check.
class FaultInjectingWritableFile : public WritableFile {
 public:
  FaultInjectingWritableFile(std::unique_ptr<WritableFile> base, FaultInjectingFileSystem& fs)
      : base_(std::move(base)), fs_(fs) {}

  void Append(const void* data, idx_t length) override {
    auto decision = fs_.Intercept(FileOperation::kAppend, base_->path());
    if (decision.fail) {
      if (decision.kind == FaultKind::kShortWrite) {
        base_->Append(data, std::min(length, decision.short_write_bytes));
      }
      ThrowInjected(FileOperation::kAppend, base_->path(), decision.call);
    }
    base_->Append(data, length);
  }

  void Sync() override {
    fs_.DelaySync();
    auto decision = fs_.Intercept(FileOperation::kSync, base_->path());
    if (decision.fail) ThrowInjected(FileOperation::kSync, base_->path(), decision.call);
    base_->Sync();
  }

  void Close() override { base_->Close(); }
  idx_t Size() const override { return base_->Size(); }
  const std::string& path() const override { return base_->path(); }

 private:
  std::unique_ptr<WritableFile> base_;
  FaultInjectingFileSystem& fs_;
};

FaultInjectingFileSystem::FaultInjectingFileSystem(FileSystem& base) : base_(base) {}

FaultInjectingFileSystem::~FaultInjectingFileSystem() = default;

void FaultInjectingFileSystem::FailAt(FileOperation op, idx_t nth, FaultKind kind, idx_t short_write_bytes) {
  if (nth == 0) throw Exception(sqlstate::kInternalError, "FailAt counts calls from 1");
  if (kind == FaultKind::kShortWrite && op != FileOperation::kAppend) {
    throw Exception(sqlstate::kInternalError, "a short write fault applies to appends only");
  }
  std::lock_guard lock(mutex_);
  faults_[op] = ArmedFault{nth, false, kind, short_write_bytes};
}

void FaultInjectingFileSystem::FailFrom(FileOperation op, idx_t nth) {
  if (nth == 0) throw Exception(sqlstate::kInternalError, "FailFrom counts calls from 1");
  std::lock_guard lock(mutex_);
  faults_[op] = ArmedFault{nth, true, FaultKind::kFail, 0};
}

void FaultInjectingFileSystem::SetPathFilter(std::string substring) {
  std::lock_guard lock(mutex_);
  path_filter_ = std::move(substring);
}

void FaultInjectingFileSystem::SetSyncDelay(std::chrono::microseconds delay) {
  std::lock_guard lock(mutex_);
  sync_delay_ = delay;
}

void FaultInjectingFileSystem::Reset() {
  std::lock_guard lock(mutex_);
  faults_.clear();
  counts_.clear();
  faults_injected_ = 0;
}

idx_t FaultInjectingFileSystem::CallCount(FileOperation op) const {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(op);
  return it == counts_.end() ? 0 : it->second;
}

idx_t FaultInjectingFileSystem::FaultsInjected() const {
  std::lock_guard lock(mutex_);
  return faults_injected_;
}

FaultInjectingFileSystem::Decision FaultInjectingFileSystem::Intercept(FileOperation op, const std::string& path) {
  std::lock_guard lock(mutex_);
  Decision decision;
  if (!path_filter_.empty() && path.find(path_filter_) == std::string::npos) return decision;
  decision.call = ++counts_[op];
  auto it = faults_.find(op);
  if (it == faults_.end()) return decision;
  const ArmedFault& fault = it->second;
  if (decision.call == fault.nth || (fault.sticky && decision.call > fault.nth)) {
    decision.fail = true;
    decision.kind = fault.kind;
    decision.short_write_bytes = fault.short_write_bytes;
    faults_injected_++;
  }
  return decision;
}

void FaultInjectingFileSystem::DelaySync() const {
  std::chrono::microseconds delay;
  {
    std::lock_guard lock(mutex_);
    delay = sync_delay_;
  }
  if (delay.count() > 0) std::this_thread::sleep_for(delay);
}

std::unique_ptr<FileHandle> FaultInjectingFileSystem::OpenForRead(const std::string& path) {
  return base_.OpenForRead(path);
}

std::unique_ptr<WritableFile> FaultInjectingFileSystem::OpenForWrite(const std::string& path, WriteMode mode) {
  auto decision = Intercept(FileOperation::kOpenForWrite, path);
  if (decision.fail) ThrowInjected(FileOperation::kOpenForWrite, path, decision.call);
  return std::make_unique<FaultInjectingWritableFile>(base_.OpenForWrite(path, mode), *this);
}

bool FaultInjectingFileSystem::Exists(const std::string& path) { return base_.Exists(path); }

bool FaultInjectingFileSystem::IsDirectory(const std::string& path) { return base_.IsDirectory(path); }

int64_t FaultInjectingFileSystem::LastModifiedNanos(const std::string& path) { return base_.LastModifiedNanos(path); }

std::vector<DirectoryEntry> FaultInjectingFileSystem::ListDirectory(const std::string& directory) {
  return base_.ListDirectory(directory);
}

std::string FaultInjectingFileSystem::DirectoryIdentity(const std::string& directory) {
  return base_.DirectoryIdentity(directory);
}

void FaultInjectingFileSystem::CreateDirectories(const std::string& directory) { base_.CreateDirectories(directory); }

void FaultInjectingFileSystem::Rename(const std::string& from, const std::string& to) {
  // A rename is matched by either of its paths.
  auto decision = Intercept(FileOperation::kRename, from + "\n" + to);
  if (decision.fail) ThrowInjected(FileOperation::kRename, from, decision.call);
  base_.Rename(from, to);
}

void FaultInjectingFileSystem::RemoveFile(const std::string& path) {
  auto decision = Intercept(FileOperation::kRemoveFile, path);
  if (decision.fail) ThrowInjected(FileOperation::kRemoveFile, path, decision.call);
  base_.RemoveFile(path);
}

void FaultInjectingFileSystem::SyncDirectory(const std::string& directory) {
  DelaySync();
  auto decision = Intercept(FileOperation::kSyncDirectory, directory);
  if (decision.fail) ThrowInjected(FileOperation::kSyncDirectory, directory, decision.call);
  base_.SyncDirectory(directory);
}

std::unique_ptr<FileLock> FaultInjectingFileSystem::LockFile(const std::string& path, bool wait) {
  return base_.LockFile(path, wait);
}

}  // namespace cairn
