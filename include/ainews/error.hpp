// The one exception type of the public API: Xapian's never cross it.
#pragma once

#include <stdexcept>
#include <string>

namespace ainews {

enum class ErrorCode {
    Usage,        // bad option, date or query: the caller should fix the request (exit 2)
    Io,           // a file or index could not be read or written
    Busy,         // another writer holds the index lock
    Schema,       // index built by an incompatible ainews
    Corrupt,      // index damaged or unreadable
    Internal,
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const noexcept { return code_; }

    // Exit status the command-line tools use for this error.
    // 2: the caller should fix the request; 3: try again later (ainews-index --no-wait).
    int exit_code() const noexcept { return code_ == ErrorCode::Usage ? 2 : code_ == ErrorCode::Busy ? 3 : 1; }

private:
    ErrorCode code_;
};

}  // namespace ainews
