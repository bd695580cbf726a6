// What a command-line tool writes to stderr while it works: messages, and on a
// terminal a progress line redrawn in place.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <string>

namespace ainews::cli {

// Messages come from the reading thread and progress from the writing one: a mutex
// keeps lines whole, and the progress line is wiped before a message so the two
// never share a line. Off a terminal (a log, a pipe, a test) no progress is shown
// at all: \r-redrawn lines only make noise there.
class Console {
public:
    Console() : live_(::isatty(STDERR_FILENO) == 1) {}
    bool live() const { return live_; }

    void message(const std::string& line) {
        std::lock_guard<std::mutex> lock(mutex_);
        clear_locked();
        std::fputs((line + "\n").c_str(), stderr);
        std::fflush(stderr);
    }

    void progress(const std::string& line) {
        if (!live_) return;
        std::lock_guard<std::mutex> lock(mutex_);
        // \r back to the start, then erase to the end of the line: a shorter line
        // leaves no tail of the previous one.
        std::fputs(("\r" + line + "\033[K").c_str(), stderr);
        std::fflush(stderr);
        shown_ = true;
    }

    // Leaves the last progress line (the run's totals) on screen.
    void finish() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (shown_) std::fputs("\n", stderr);
        shown_ = false;
        std::fflush(stderr);
    }

private:
    void clear_locked() {
        if (shown_) std::fputs("\r\033[K", stderr);
        shown_ = false;
    }

    bool live_;
    bool shown_ = false;
    std::mutex mutex_;
};

}  // namespace ainews::cli
