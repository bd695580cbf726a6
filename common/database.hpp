// The Xapian boundary shared by writer and searcher: the layout of an index folder,
// opening, locking, schema version, metadata keys, and turning Xapian exceptions
// into ainews::Error.
//
// An index is a folder DIR (--db) holding
//   DIR/XAPIANDB  a Xapian stub file, one line "auto gen-N": what readers open
//   DIR/gen-N/    the current Xapian (glass) database
//   DIR/lock      locked (flock) by the one writer, holding its pid
// An ordinary run updates gen-N in place, committing in batches; Xapian's commits
// are atomic, so a reader (or a run killed mid-way) sees the last commit. A
// --rebuild writes gen-N+1 beside it, makes it durable, and renames a new stub over
// XAPIANDB: readers see the old index or the new one, never a half-built one.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>

#include "ainews/error.hpp"

namespace ainews {

namespace metadata {
inline constexpr const char* kSchemaVersion = "ainews.schema";
// One key per alias, "ainews.alias.<field>.<folded alias>" -> canonical name: a
// searcher resolves a name with one lookup and parses nothing when it opens.
inline constexpr const char* kAliasPrefix = "ainews.alias.";
// Hash of the alias table last stored, so an unchanged table is not rewritten.
inline constexpr const char* kAliasHash = "ainews.aliases.hash";
inline std::string alias_key(const std::string& field, const std::string& folded_name) {
    return kAliasPrefix + field + "." + folded_name;
}
}  // namespace metadata

// ---- reading ----------------------------------------------------------------

// Which stub file a reader opened through. Renaming a new stub over XAPIANDB (a
// rebuild switching in) changes it, so a long-lived reader can notice the switch:
// Xapian's reopen() would only reopen the generation it already has.
struct IndexStamp {
    unsigned long long device = 0;
    unsigned long long inode = 0;
    long long mtime_ns = 0;
    bool operator==(const IndexStamp& o) const {
        return device == o.device && inode == o.inode && mtime_ns == o.mtime_ns;
    }
    bool operator!=(const IndexStamp& o) const { return !(*this == o); }
};
IndexStamp index_stamp(const std::string& dir);

struct OpenedIndex {
    Xapian::Database db;
    IndexStamp stamp;  // taken before opening: a switch during the open shows as a change
};

// Opens the current generation for reading, retrying when a rebuild switches
// generations under the open. A plain Xapian database folder (no stub) is opened
// as it is. Error(Io) when there is no index at dir, Error(Schema) on a mismatch.
OpenedIndex open_for_reading(const std::string& dir);

// Refuses an index built with another schema version.
void check_schema(const Xapian::Database& db, const std::string& path);

Error translate(const Xapian::Error& e, const std::string& path);

// ---- writing ----------------------------------------------------------------

// The one-writer lock of an index folder. flock() rather than Xapian's own lock
// because it must cover the whole folder (a rebuild writes a generation the old
// lock does not cover) and because the kernel drops it when the holder dies, even
// by SIGKILL, so a killed run never leaves the index locked.
class WriterLock {
public:
    struct Wait {
        bool wait = false;                                // else throw Error(Busy) at once
        std::function<void(const std::string&)> on_wait;  // told once, when starting to wait
        std::function<bool()> cancelled;                  // polled while waiting
    };
    // Creates dir if needed. Throws Error(Busy) when another writer holds the lock
    // and wait is off, or when the wait is cancelled.
    WriterLock(const std::string& dir, const Wait& wait);
    ~WriterLock();
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

private:
    int fd_ = -1;
};

// Scratch folders of a sharded fresh build ("shards-gen-N"): merged and removed when
// the build finishes, removed as leftovers by the next writer if it was killed.
inline constexpr const char* kShardFolderPrefix = "shards-";

// Creates dir if it does not exist; refuses a folder holding anything but an
// index (so --db pointed at a corpus folder by mistake writes nothing into it).
void prepare_index_folder(const std::string& dir);

// "gen-N" named by the stub, or "" when the folder holds no index yet.
std::string current_generation(const std::string& dir);
// A generation name not used in dir yet (one above the highest present).
std::string next_generation(const std::string& dir);
// Deletes every generation folder but `keep`: leftovers of killed rebuilds, or the
// generation a rebuild has just replaced. Only the lock holder may call it. Readers
// that still have the old one open keep reading it (POSIX keeps unlinked files
// alive while open); readers opening it afterwards fail and retry via the stub.
void remove_generations_except(const std::string& dir, const std::string& keep);
// Points the stub at gen (write a temporary, fsync, rename over XAPIANDB, fsync
// the folder). With sync_generation, first fsyncs every file of the generation:
// a rebuild writes with DB_NO_SYNC and must be durable before readers switch.
void publish_generation(const std::string& dir, const std::string& gen, bool sync_generation);

// Opens (creating if needed) generation gen of dir for writing. Error(Schema) on a
// version mismatch. `no_sync` skips fsync on commit (a rebuild, made durable by
// publish_generation before anyone reads it).
Xapian::WritableDatabase open_writable(const std::string& dir, const std::string& gen, bool no_sync = false);

}  // namespace ainews
