// The Xapian boundary shared by writer and searcher: opening, locking, schema version,
// metadata keys, and turning Xapian exceptions into ainews::Error.
#pragma once

#include <xapian.h>

#include <string>

#include "ainews/error.hpp"

namespace ainews {

namespace metadata {
inline constexpr const char* kSchemaVersion = "ainews.schema";
inline constexpr const char* kCompanyAliases = "ainews.aliases.company";
inline constexpr const char* kPersonAliases = "ainews.aliases.person";
}  // namespace metadata

// Opens (creating if needed) for writing. Throws Error(Busy) if another writer
// holds the lock, Error(Schema) on a version mismatch. `fresh` skips fsync (for a
// new index that will be switched in only once complete).
Xapian::WritableDatabase open_writable(const std::string& path, bool fresh = false);

// Opens for reading; Error(Io) when there is no index at path.
Xapian::Database open_readonly(const std::string& path);

// Refuses an index built with another schema version.
void check_schema(const Xapian::Database& db, const std::string& path);

Error translate(const Xapian::Error& e, const std::string& path);

}  // namespace ainews
