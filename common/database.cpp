#include "common/database.hpp"

#include <filesystem>
#include <fstream>

#include "ainews/version.hpp"

namespace ainews {

namespace fs = std::filesystem;

Error translate(const Xapian::Error& e, const std::string& path) {
    std::string type = e.get_type();
    if (type == "DatabaseLockError")
        return Error(ErrorCode::Busy, "index " + path + " is busy: another ainews-index is writing it");
    if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError")
        return Error(ErrorCode::Io, "cannot open index " + path + ": " + e.get_msg());
    if (type == "DatabaseCorruptError")
        return Error(ErrorCode::Corrupt, "index " + path + " is damaged: " + e.get_msg() + " (rebuild it with ainews-index --rebuild)");
    if (type == "DatabaseVersionError")
        return Error(ErrorCode::Schema, "index " + path + " was written by another Xapian version: " + e.get_msg());
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

Xapian::WritableDatabase open_writable(const std::string& path, bool fresh) {
    try {
        int flags = Xapian::DB_CREATE_OR_OPEN;
        if (fresh) flags |= Xapian::DB_NO_SYNC;
        Xapian::WritableDatabase db(path, flags);
        check_schema(db, path);
        if (db.get_metadata(metadata::kSchemaVersion).empty())
            db.set_metadata(metadata::kSchemaVersion, std::to_string(kSchemaVersion));
        return db;
    } catch (const Xapian::Error& e) {
        throw translate(e, path);
    }
}

Xapian::Database open_readonly(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(ErrorCode::Io, "no index at " + path + " (build one with ainews-index --db " + path + " PATH...)");
    try {
        Xapian::Database db(path);
        check_schema(db, path);
        return db;
    } catch (const Xapian::Error& e) {
        throw translate(e, path);
    }
}

}  // namespace ainews
