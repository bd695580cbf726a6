#pragma once

namespace ainews {

inline constexpr const char* kVersion = "0.1.0";

// Bumped whenever the on-disk layout (prefixes, slots, value encodings) changes;
// an index with another schema version is refused with a clear message.
inline constexpr int kSchemaVersion = 4;

}  // namespace ainews
