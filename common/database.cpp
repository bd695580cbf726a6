#include "common/database.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "ainews/version.hpp"

namespace ainews {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr const char* kStubTemp = "XAPIANDB.tmp";
constexpr const char* kLock = "lock";
constexpr const char* kGenerationPrefix = "gen-";

std::string child(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).string(); }

// The number of a "gen-N" name, or 0 for any other name.
unsigned long generation_number(const std::string& name) {
    if (name.compare(0, std::strlen(kGenerationPrefix), kGenerationPrefix) != 0) return 0;
    std::string digits = name.substr(std::strlen(kGenerationPrefix));
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) return 0;
    return std::stoul(digits);
}

bool is_shard_folder(const std::string& name) {
    return name.compare(0, std::strlen(kShardFolderPrefix), kShardFolderPrefix) == 0;
}

std::string errno_text() { return std::strerror(errno); }

void fsync_path(const std::string& path, bool directory) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0) throw Error(ErrorCode::Io, "cannot open " + path + " to sync it: " + errno_text());
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) throw Error(ErrorCode::Io, "cannot sync " + path + ": " + std::strerror(saved));
}

// Every file of a generation, then the folder itself.
void sync_folder(const std::string& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec)) fsync_path(entry.path().string(), false);
    if (ec) throw Error(ErrorCode::Io, "cannot list " + dir + ": " + ec.message());
    fsync_path(dir, true);
}

bool holds_no_index(const std::string& dir) {
    std::error_code ec;
    return !fs::exists(child(dir, kStub), ec) && !fs::exists(child(dir, "iamglass"), ec) &&
           !fs::exists(child(dir, "iamhoney"), ec) && !fs::exists(child(dir, "iamchert"), ec);
}

std::string no_index_message(const std::string& dir) {
    return "no index at " + dir + " (build one with ainews-index --db " + dir + " PATH...)";
}

}  // namespace

Error translate(const Xapian::Error& e, const std::string& path) {
    std::string type = e.get_type();
    if (type == "DatabaseLockError")
        return Error(ErrorCode::Busy, "index " + path + " is busy: another ainews-index is writing it");
    if (type == "DatabaseVersionError")
        return Error(ErrorCode::Schema, "index " + path + " was written by another Xapian version: " + e.get_msg());
    if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError")
        return Error(ErrorCode::Io, "cannot open index " + path + ": " + e.get_msg());
    if (type == "DatabaseCorruptError")
        return Error(ErrorCode::Corrupt, "index " + path + " is damaged: " + e.get_msg() + " (rebuild it with ainews-index --rebuild)");
    return Error(ErrorCode::Internal, "index " + path + ": " + e.get_description());
}

void check_schema(const Xapian::Database& db, const std::string& path) {
    std::string stored = db.get_metadata(metadata::kSchemaVersion);
    if (stored.empty()) {
        if (db.get_doccount() == 0) return;  // new, empty index
        throw Error(ErrorCode::Schema, "index " + path + " was not built by ainews (no schema version)");
    }
    int version = std::atoi(stored.c_str());
    if (version > kSchemaVersion)
        throw Error(ErrorCode::Schema, "index " + path + " was built by a newer ainews (schema " + stored +
                                           ", this is " + std::to_string(kSchemaVersion) + "); upgrade ainews");
    if (version < kSchemaVersion)
        throw Error(ErrorCode::Schema, "index " + path + " was built by an older ainews (schema " + stored +
                                           "); rebuild it with ainews-index --rebuild");
}

// ---- reading ----------------------------------------------------------------

IndexStamp index_stamp(const std::string& dir) {
    IndexStamp stamp;
    struct stat st {};
    if (::stat(child(dir, kStub).c_str(), &st) != 0) return stamp;
    stamp.device = static_cast<unsigned long long>(st.st_dev);
    stamp.inode = static_cast<unsigned long long>(st.st_ino);
    stamp.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return stamp;
}

OpenedIndex open_for_reading(const std::string& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) throw Error(ErrorCode::Io, no_index_message(dir));
    for (int attempt = 0;; ++attempt) {
        IndexStamp before = index_stamp(dir);
        try {
            // Xapian follows the stub itself; opening the folder (not the generation
            // we might have read from the stub) keeps one source of truth.
            Xapian::Database db(dir);
            check_schema(db, dir);
            return OpenedIndex{db, before};
        } catch (const Xapian::DatabaseOpeningError& e) {
            // The generation the stub named was removed between reading the stub and
            // opening it: a rebuild switched in a new one. Try again from the stub.
            if (attempt < 10 && index_stamp(dir) != before) continue;
            if (holds_no_index(dir)) throw Error(ErrorCode::Io, no_index_message(dir));
            throw translate(e, dir);
        } catch (const Xapian::Error& e) {
            throw translate(e, dir);
        }
    }
}

// ---- writing ----------------------------------------------------------------

WriterLock::WriterLock(const std::string& dir, const Wait& wait) {
    const std::string path = child(dir, kLock);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error(ErrorCode::Io, "cannot create " + path + ": " + errno_text());
    auto try_lock = [&] {
        if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return true;
        if (errno == EWOULDBLOCK || errno == EINTR) return false;
        int saved = errno;
        ::close(fd_);
        throw Error(ErrorCode::Io, "cannot lock " + path + ": " + std::strerror(saved));
    };
    if (!try_lock()) {
        // The holder wrote its pid into the file: name it, so the user can find it.
        std::string holder;
        std::ifstream(path) >> holder;
        std::string who = holder.empty() ? "another ainews-index" : "ainews-index pid " + holder;
        if (!wait.wait) {
            ::close(fd_);
            throw Error(ErrorCode::Busy, "index " + dir + " is busy (" + who + " is writing it)");
        }
        if (wait.on_wait) wait.on_wait("index " + dir + " is busy (" + who + " is writing it); waiting...");
        // Polling, not a blocking flock(): a blocked call could not notice Ctrl-C
        // (SA_RESTART resumes it) and gives no way to give up.
        while (!try_lock()) {
            if (wait.cancelled && wait.cancelled()) {
                ::close(fd_);
                throw Error(ErrorCode::Busy, "gave up waiting for index " + dir);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
        // The pid is only for messages; the lock itself is held.
    }
}

WriterLock::~WriterLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

void prepare_index_folder(const std::string& dir) {
    std::error_code ec;
    fs::file_status status = fs::status(dir, ec);
    if (!fs::exists(status)) {
        fs::create_directories(dir, ec);
        if (ec) throw Error(ErrorCode::Io, "cannot create index folder " + dir + ": " + ec.message());
        return;
    }
    if (!fs::is_directory(status)) throw Error(ErrorCode::Io, dir + " is not a folder (--db names the index folder)");
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name == kStub || name == kLock || name == kStubTemp || generation_number(name) || is_shard_folder(name))
            continue;
        if (name == "iamglass" || name == "iamhoney" || name == "iamchert")
            throw Error(ErrorCode::Io, dir + " is a plain Xapian database, not an ainews index folder; "
                                           "build the index into a new folder");
        throw Error(ErrorCode::Io, dir + " is not an ainews index: it holds '" + name +
                                       "' (give --db a new or empty folder)");
    }
    if (ec) throw Error(ErrorCode::Io, "cannot list index folder " + dir + ": " + ec.message());
}

std::string current_generation(const std::string& dir) {
    std::ifstream in(child(dir, kStub));
    if (!in) return "";
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string type, target;
        words >> type >> target;
        if (type == "auto" && generation_number(target)) return target;
    }
    throw Error(ErrorCode::Corrupt, child(dir, kStub) + " does not name a generation (gen-N); "
                                    "rebuild the index with ainews-index --rebuild");
}

std::string next_generation(const std::string& dir) {
    unsigned long highest = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        highest = std::max(highest, generation_number(entry.path().filename().string()));
    if (ec) throw Error(ErrorCode::Io, "cannot list index folder " + dir + ": " + ec.message());
    return kGenerationPrefix + std::to_string(highest + 1);
}

void remove_generations_except(const std::string& dir, const std::string& keep) {
    std::error_code ec;
    std::vector<fs::path> doomed;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if ((generation_number(name) && name != keep) || name == kStubTemp || is_shard_folder(name))
            doomed.push_back(entry.path());
    }
    for (const fs::path& p : doomed) fs::remove_all(p, ec);  // best effort: the next run tries again
}

void publish_generation(const std::string& dir, const std::string& gen, bool sync_generation) {
    if (sync_generation) sync_folder(child(dir, gen));
    const std::string temp = child(dir, kStubTemp);
    const std::string text = "auto " + gen + "\n";
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(ErrorCode::Io, "cannot write " + temp + ": " + errno_text());
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    int saved = errno;
    ::close(fd);
    if (!ok) throw Error(ErrorCode::Io, "cannot write " + temp + ": " + std::strerror(saved));
    // rename() replaces XAPIANDB atomically: a reader opens the old stub or the new.
    if (::rename(temp.c_str(), child(dir, kStub).c_str()) != 0)
        throw Error(ErrorCode::Io, "cannot switch index " + dir + " to " + gen + ": " + errno_text());
    fsync_path(dir, true);
}

Xapian::WritableDatabase open_writable(const std::string& dir, const std::string& gen, bool no_sync) {
    try {
        int flags = Xapian::DB_CREATE_OR_OPEN;
        if (no_sync) flags |= Xapian::DB_NO_SYNC;
        Xapian::WritableDatabase db(child(dir, gen), flags);
        check_schema(db, dir);
        if (db.get_metadata(metadata::kSchemaVersion).empty())
            db.set_metadata(metadata::kSchemaVersion, std::to_string(kSchemaVersion));
        return db;
    } catch (const Xapian::Error& e) {
        throw translate(e, dir);
    }
}

}  // namespace ainews
