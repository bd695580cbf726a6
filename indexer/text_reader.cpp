// Plain-text articles (.txt): no metadata, so the layout of the text tells it.
#include "ainews/extract.hpp"
#include "indexer/format_readers.hpp"

namespace ainews {

void read_plain_text(const FileContext& file, std::string&& text) {
    TextLayout layout = analyse_text_layout(text);
    Article a;
    a.id = file.id_base;
    a.source = file.collection;
    a.title = std::move(layout.title);
    a.date = std::move(layout.date);
    a.authors = std::move(layout.authors);
    a.body = std::move(layout.body);
    a.origin = file.path;
    file.callbacks.article(std::move(a));
}

}  // namespace ainews
