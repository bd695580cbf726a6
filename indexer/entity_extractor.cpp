// Gazetteer matching over a token trie, rules for people the gazetteer does not
// list, and linking of surname-only mentions to the full name. The rules are
// written down for users in data/entities/README.md; this file follows them.
//
// One pass tokenises the text (no allocation per token) and looks every token up
// once in a word table that holds both the trie's first level and the word classes
// the rules need (given name, role word, company cue...). Everything after that
// works on token indexes.
#include <algorithm>
#include <cstring>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "ainews/extract.hpp"
#include "common/text.hpp"
#include "indexer/gazetteer_impl.hpp"
#include "indexer/tokens.hpp"

namespace ainews {

namespace {

// Bumped whenever a rule changes what is extracted (part of fingerprint()).
constexpr const char* kRulesVersion = "rules-2";

// Word classes, by exact spelling of the token (case variants are entered separately).
enum : std::uint32_t {
    kGiven = 1u << 0,        // given_names.txt
    kWordName = 1u << 1,     // word_names.txt: given names that are also ordinary words
    kStop = 1u << 2,         // never part of a person's name, ends one (The, Monday, CEO)
    kHead = 1u << 3,         // non_names.txt single words: a name run right before it is no person (Bank, Valley)
    kParticle = 1u << 4,     // van, de, bin: lower-case words inside a name
    kSuffix = 1u << 5,       // Jr, Sr, III: end a name
    kHonorific = 1u << 6,    // Mr, Dr, President: even a surname alone after it is a person
    kRole = 1u << 7,         // CEO, founder, analyst, said: a name right after it is a person
    kVerbAfter = 1u << 8,    // said, says, told: a name right before it is a person
    kCompanyCue = 1u << 9,   // business words that show an ambiguous name is the company
    kFunction = 1u << 10,    // lower-case words a title-case headline leaves in lower case
    kWho = 1u << 11,         // "who" after "Name,": a person
    kSpeech = 1u << 12,      // said, says, told: before a name ("said Jane Doe")
    kCompanyBefore = 1u << 13,  // "startup Mistral", "rival Cohere": the next name is a company
    kCompanyAfter = 1u << 14,   // "Mistral CEO", "Cohere's investors": the name before is a company
    kPlatformVerb = 1u << 15,   // "posted on X", "wrote on X"
    kCompoundSuffix = 1u << 16, // "Google-backed", "OpenAI-style": the company is named
};

constexpr std::uint32_t kBlockEntry = UINT32_MAX;  // a non_names.txt phrase in the trie

enum class Taken : std::uint8_t { Free, Entity, Block, Pending, PendingPerson, Person };
enum class LineKind : std::uint8_t { Normal, TitleCase, AllCaps };

struct Form {
    std::uint32_t entry;
    bool ambiguous;
    bool possessive;  // the form ends in 's ("Moody's"): the text must have it too
};

struct TrieNode {
    std::unordered_map<std::string_view, std::uint32_t> next;
    std::vector<Form> forms;
};

struct WordInfo {
    std::uint32_t flags = 0;
    std::uint32_t trie = 0;  // child of the trie's root for this token, 0 if none
};

// Exact spelling -> word classes, with open addressing and FNV-1a: one probe for
// most tokens, no allocation, no node chasing (the extractor's hottest lookup).
class WordTable {
public:
    const WordInfo* find(std::string_view key) const {
        if (slots_.empty()) return nullptr;
        for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (!s.key) return nullptr;
            if (s.len == key.size() && std::memcmp(s.key, key.data(), key.size()) == 0) return &s.info;
        }
    }
    // `key` must outlive the table.
    WordInfo& insert(std::string_view key) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (!s.key) {
                s.key = key.data();
                s.len = key.size();
                ++count_;
                return s.info;
            }
            if (s.len == key.size() && std::memcmp(s.key, key.data(), key.size()) == 0) return s.info;
        }
    }

private:
    struct Slot {
        const char* key = nullptr;
        std::size_t len = 0;
        WordInfo info;
    };
    static std::size_t hash(std::string_view key) {
        std::uint64_t h = 1469598103934665603ULL;
        for (unsigned char c : key) h = (h ^ c) * 1099511628211ULL;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    void grow() {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        count_ = 0;
        for (const Slot& s : old)
            if (s.key) insert(std::string_view(s.key, s.len)) = s.info;
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
};

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string capitalise_ascii(std::string_view s) {
    std::string out = lower_ascii(s);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

// Language rules: the words below are English grammar and titles, not data about
// entities (which lives in data/entities/).
const char* const kStopWords[] = {
    "The", "A", "An", "And", "Or", "But", "Nor", "In", "On", "At", "To", "For", "Of", "By", "With", "From", "As",
    "Is", "Was", "Are", "Were", "Be", "Been", "Has", "Have", "Had", "Do", "Does", "Did", "Would", "Can", "Could",
    "Should", "Might", "Must", "Shall", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "My", "Your", "Him", "Them", "Us", "Me", "Who", "Whom", "Whose",
    "What", "When", "Where", "Why", "How", "Which", "If", "Not", "No", "Yes", "All", "Any", "Some", "Every", "Each",
    "Both", "Either", "Neither", "Most", "More", "Less", "Many", "Much", "Few", "Other", "Another", "Such", "Than",
    "Then", "So", "Also", "Just", "Only", "Even", "Still", "Yet", "Here", "There", "Now", "Today", "Tomorrow",
    "Yesterday", "After", "Before", "During", "While", "Since", "Until", "Into", "Over", "Under", "About", "Above",
    "Below", "Between", "Among", "Against", "Through", "Across", "Without", "Within", "Via", "Per", "Like",
    "Unlike", "Despite", "Amid", "However", "Meanwhile", "Moreover", "Although", "Though", "Because", "Thus",
    "Said", "Says", "Say", "Told", "Tells", "Asked", "Added", "Wrote", "Reported", "According", "Exclusive",
    "Update", "Updated", "Breaking", "Watch", "Read", "Video", "Photo", "Opinion", "Analysis", "Editorial",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "July", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Sen", "Rep",
    "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Rev", "President", "Vice", "Senator", "Governor", "Mayor",
    "Minister", "Secretary", "Chairman", "Chairwoman", "Chief", "Executive", "Officer", "Director", "CEO", "CTO",
    "CFO", "COO", "Founder", "Cofounder", "Co", "Spokesman", "Spokeswoman", "Spokesperson", "Professor",
    "Justice", "Commissioner", "Ambassador", "Premier", "Chancellor", "Sheikh", "Representative", "Congressman",
    "Congresswoman", "Analyst", "Economist", "Coach", "Manager", "Captain", "Lieutenant", "Sergeant", "Admiral",
    "Colonel", "Dear", "Hi", "Hello", "Thanks", "Please", "Mrs", "Messrs", "God", "Allah", "Jesus", "Christ",
    // Words that start sentences: "Later Okafor said" is Okafor.
    "Later", "Earlier", "Last", "Next", "First", "Finally", "Instead", "Separately", "Additionally", "Overall",
    "Ultimately", "Similarly", "Likewise", "Indeed", "Elsewhere", "Recently", "Currently", "Previously",
    "Initially", "Eventually", "Together", "Already", "Perhaps", "Maybe", "Nonetheless", "Nevertheless",
    "Otherwise", "Apparently", "Clearly", "Notably", "Importantly", "Specifically", "Interestingly",
    "Unfortunately", "Fortunately", "Surprisingly", "Certainly", "Obviously", "Hopefully", "Basically",
    "Essentially", "Generally", "Typically", "Usually", "Often", "Sometimes", "Never", "Always", "Once", "Soon",
    "Shortly", "Immediately", "Too", "Well", "Please", "Both", "Neither", "Asked", "Speaking", "Writing",
    "Reporting", "Editing", "Additional", "Photo", "Image", "Source", "Sources", "Credit", "Courtesy", "Deputy",
    "Assistant", "Acting", "Associate", "Senior", "Junior", "Former", "Interim", "Managing", "Chairperson",
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Big", "Great", "Every",
    "Someone", "Everyone", "Nobody", "Somebody", "Contributing", "Counsel", "General"};

// Titles and honorifics: a capitalised word right after one is a person's name,
// even a surname alone ("Mr Smith", "President Trump").
const char* const kHonorifics[] = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord",
                                   "Lady", "Sen", "Senator", "Rep", "Representative", "Gov", "Governor", "Gen",
                                   "General", "Lt", "Col", "Colonel", "Capt", "Captain", "Sgt", "Rev", "Reverend",
                                   "President", "Judge", "Justice", "King", "Queen", "Prince", "Princess", "Pope",
                                   "Sheikh", "Rabbi", "Chancellor", "Premier", "Messrs", "Mayor", "Congressman",
                                   "Congresswoman", "Ambassador", "Commissioner", "Admiral", "Cardinal", "Archbishop",
                                   "Bishop", "Father", "Sister", "Brother"};

// Roles and speech verbs that introduce a name ("CEO Jane Doe", "said Jane Doe",
// "according to Jane Doe", "chief executive Jane Doe").
const char* const kRoles[] = {
    "ceo", "cto", "cfo", "coo", "cio", "cmo", "cso", "chief", "executive", "officer", "chairman", "chairwoman",
    "chair", "president", "director", "minister", "secretary", "founder", "cofounder", "spokesman", "spokeswoman",
    "spokesperson", "analyst", "analysts", "economist", "strategist", "researcher", "scientist", "engineer",
    "investor", "billionaire", "entrepreneur", "journalist", "reporter", "columnist", "editor", "author",
    "lawyer", "attorney", "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "captain",
    "player", "leader", "professor", "senator", "governor", "mayor", "judge", 
    "vp", "svp", "evp", "md", "chairperson", "deputy", "physicist", "chemist", "historian", "psychologist", "developer",
    "designer", "critic", "commentator", "painter", "poet", "composer", "philosopher", "podcaster", "anchor", "actor", "actress", "singer", "rapper",
    "writer", "novelist", "artist", "musician", "comedian", "filmmaker", "director", "producer", "diplomat",
    "envoy", "negotiator", "trader", "banker", "candidate", "nominee", 
    "champion", "skipper", "batsman", "bowler", "opener", "jockey", "rider", "driver", "cyclist", "runner",
    "sprinter", "winger", "teammate", "compatriot", "opponent"};

const char* const kSpeechWords[] = {"said", "says", "told", "tells", "asked", "quoted"};

const char* const kVerbsAfter[] = {"said", "says", "told", "tells", "added", "adds", "wrote", "writes",
                                   "explained", "explains", "noted", "notes", "argued", "argues", "stated",
                                   "tweeted", "warned", "warns", "admitted", "insisted", "recalled", "predicted",
                                   "asked", "asks", "replied", "testified", "acknowledged", "believes", "thinks",
                                   "resigned", "died", "who", "whose"};

const char* const kParticles[] = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "du",  "la",
                                  "le",  "dos", "das", "ter", "ten", "bin", "ibn", "al",  "el",   "zu",  "af",
                                  "y",   "st",  "mac", "ben", "bint", "abu", "ul", "e"};

const char* const kSuffixes[] = {"Jr", "Sr", "II", "III", "IV", "Jnr", "Snr"};

const char* const kFunctionWords[] = {"a",   "an",   "the",  "and",  "or",   "nor", "but", "of",   "in",   "on",
                                      "at",  "to",   "for",  "by",   "with", "from", "as",  "vs",   "via",  "per",
                                      "into", "onto", "over", "up",  "off",  "out", "than", "amid", "after", "is",
                                      "are", "be",   "its",  "it",   "s",    "v",   "n",   "t",    "ll",   "re",
                                      "ve",  "m",    "d",    "about", "new", "how", "why", "what", "who", "not"};

// Evidence for ambiguous company names (data/entities/README.md, "Ambiguous names").
// Words right before the name: "AI startup Mistral", "rival Cohere", "chipmaker Figure".
const char* const kCompanyBeforeWords[] = {
    "startup", "startups", "company", "firm", "lab", "maker", "makers", "rival", "rivals", "giant", "unicorn",
    "chipmaker", "competitor", "competitors", "developer", "provider", "retailer", "publisher", "outlet",
    "newspaper", "magazine", "broadcaster", "lender", "insurer", "carrier", "operator", "subsidiary",
    "conglomerate", "manufacturer", "supplier", "vendor", "automaker", "investor", "investors", "backer",
    "backers", "platform", "exchange", "agency", "studio", "network", "brand", "chain", "corporation",
    "incumbent", "peer", "peers", "companies", "firms", "labs", "partner", "partners", "unit", "division",
    "owner", "app", "service", "startup's", "rivalry", "acquirer", "acquired", "acquire", "acquiring", "joined",
    "joins", "joining", "left", "leaves", "leaving", "backed", "valued", "invested", "invests", "investing",
    "told", "tells", "telling", "via"};
// Words right after it (possessive or not): "Mistral CEO", "Cohere's investors", "Target stores".
const char* const kCompanyAfterWords[] = {
    "ceo", "cto", "cfo", "coo", "founder", "founders", "cofounder", "co", "chief", "president", "chairman",
    "spokesperson", "spokesman", "spokeswoman", "executive", "executives", "employees", "staff", "engineers",
    "researchers", "investors", "shareholders", "shares", "stock", "board", "inc", "corp", "ltd", "llc", "plc",
    "gmbh", "raised", "raises", "raising", "valued", "valuation", "announced", "announces", "launched",
    "launches", "unveiled", "unveils", "released", "releases", "acquired", "acquires", "reported", "partnered",
    "users", "headquarters", "app", "platform", "model", "models", "chatbot", "browser", "algorithm", "feed",
    "api", "software", "products", "product", "tools", "assistant", "agents", "devices", "stores", "store",
    "customers", "subscribers", "revenue", "earnings", "ipo", "deal", "lawsuit", "sued", "sues", "filed",
    "formerly", "magazine", "newspaper", "reporter", "reporters", "editor", "journalist", "published",
    "reports", "hired", "hires", "poached", "offered", "signed", "struck", "secured", "closed", "opened",
    "plans", "announced", "cut", "laid", "bought", "buys", "sold", "sells", "invested", "invests", "debuted",
    "rolled", "introduced", "introduces", "offers", "built", "builds", "trained", "trains", "stake", "spoke",
    "speaks", "interviewed", "wrote", "writes", "reporting", "analysis", "podcast", "newsletter"};
// Business words anywhere near it on the same line (not at the start of a sentence or
// in a headline, where every word is capitalised).
const char* const kCompanyCues[] = {
    "startup", "startups", "funding", "raised", "raises", "raising", "valuation", "valued", "valuing",
    "investors", "investor", "investment", "invested", "ipo", "acquisition", "acquired", "acquires", "ceo",
    "cto", "cfo", "founder", "cofounder", "cofounded", "founders", "shares", "stock", "nasdaq", "nyse",
    "unicorn", "revenue", "subsidiary", "headquartered", "spokesperson", "spokesman", "spokeswoman", "chatbot",
    "llm", "llms", "lawsuit", "sued", "earnings", "layoffs", "partnership", "partnered", "company", "companies",
    "firm", "firms", "lab", "labs", "inc", "corp", "ltd", "llc", "plc", "gmbh", "backed", "funded", "series",
    "round", "rival", "rivals", "competitor", "competitors", "acquire", "customers", "executives"};
const char* const kPlatformVerbs[] = {"posted", "posting", "post", "posts", "wrote", "writing", "said", "shared",
                                      "sharing", "tweeted", "announced", "account", "accounts", "profile", "page",
                                      "followers", "video", "viral", "trending", "thread", "live", "comments",
                                      "replied", "reposted", "published", "according"};
const char* const kCompoundSuffixes[] = {
    "backed", "owned", "led", "based", "funded", "made", "built", "designed", "powered", "style", "like",
    "linked", "affiliated", "related", "supported", "developed", "created", "trained", "run", "operated",
    "controlled", "sponsored", "branded", "specific", "only", "exclusive", "compatible", "bound", "focused",
    "centric", "native", "certified", "approved", "hosted", "parent", "rival", "sized", "scale", "level",
    "grade", "class", "era", "inspired", "fueled", "fuelled", "driven", "first"};

}  // namespace

struct EntityExtractor::Impl {
    std::vector<GazetteerEntry> entries;
    std::vector<TrieNode> nodes;
    WordTable words;  // exact spelling -> classes and trie root edge
    std::deque<std::string> keys;                           // stable storage for string_view keys
    std::string fingerprint;

    std::string_view intern(std::string_view s) {
        keys.emplace_back(s);
        return keys.back();
    }

    WordInfo& word(std::string_view w) {
        if (const WordInfo* found = words.find(w)) return const_cast<WordInfo&>(*found);
        return words.insert(intern(w));
    }

    // Lower-case, Capitalised and UPPER spellings of a word get the flag.
    void flag_any_case(std::string_view w, std::uint32_t flag) {
        word(lower_ascii(w)).flags |= flag;
        word(capitalise_ascii(w)).flags |= flag;
        word(upper_ascii(w)).flags |= flag;
    }

    std::uint32_t child(std::uint32_t node, std::string_view key) {
        if (node == 0) {
            WordInfo& w = word(key);
            if (!w.trie) {
                w.trie = static_cast<std::uint32_t>(nodes.size());
                nodes.emplace_back();
            }
            return w.trie;
        }
        auto it = nodes[node].next.find(key);
        if (it != nodes[node].next.end()) return it->second;
        auto id = static_cast<std::uint32_t>(nodes.size());
        std::string_view stable = intern(key);
        nodes.emplace_back();
        nodes[node].next.emplace(stable, id);
        return id;
    }

    void insert_form(const std::string& form, std::uint32_t entry, bool ambiguous) {
        std::vector<Token> tokens = tokenize_words(form);
        if (tokens.empty()) return;
        std::uint32_t node = 0;
        for (const Token& t : tokens) node = child(node, t.text);
        bool possessive = tokens.back().possessive;
        for (const Form& f : nodes[node].forms)
            if (f.entry == entry && f.possessive == possessive) return;
        nodes[node].forms.push_back({entry, ambiguous, possessive});
    }

    void build(const Gazetteer& g) {
        entries = g.entries();
        nodes.emplace_back();  // root
        for (const char* w : kStopWords) {
            word(w).flags |= kStop;
            word(upper_ascii(w)).flags |= kStop;
        }
        for (const char* w : kHonorifics) word(w).flags |= kHonorific;
        for (const char* w : kRoles) flag_any_case(w, kRole);
        for (const char* w : kVerbsAfter) word(w).flags |= kVerbAfter;
        word("who").flags |= kWho;
        word("whose").flags |= kWho;
        for (const char* w : kParticles) word(w).flags |= kParticle;
        for (const char* w : kSuffixes) word(w).flags |= kSuffix;
        for (const char* w : kFunctionWords) word(w).flags |= kFunction;
        for (const char* w : kCompanyCues) flag_any_case(w, kCompanyCue);
        for (const char* w : kCompanyBeforeWords) flag_any_case(w, kCompanyBefore);
        for (const char* w : kCompanyAfterWords) flag_any_case(w, kCompanyAfter);
        for (const char* w : kPlatformVerbs) word(w).flags |= kPlatformVerb;
        for (const char* w : kCompoundSuffixes) word(w).flags |= kCompoundSuffix;
        for (const char* w : kSpeechWords) word(w).flags |= kSpeech;
        for (const std::string& n : g.impl_->given_names) word(n).flags |= kGiven;
        for (const std::string& n : g.word_names()) word(n).flags |= kWordName;
        for (const std::string& phrase : g.non_names()) {
            std::vector<Token> tokens = tokenize_words(phrase);
            if (tokens.size() == 1) {
                word(tokens[0].text).flags |= kHead;
                word(upper_ascii(tokens[0].text)).flags |= kHead;
            } else if (tokens.size() > 1) {
                insert_form(phrase, kBlockEntry, false);
            }
        }
        // Forms as listed first, so that a listed capitals spelling ("WIRED") keeps its
        // own ambiguity rather than the one of the form it is the capitals of ("Wired").
        for (int pass = 0; pass < 2; ++pass) {
            for (std::uint32_t i = 0; i < entries.size(); ++i) {
                const GazetteerEntry& e = entries[i];
                std::vector<std::string> forms{e.canonical};
                forms.insert(forms.end(), e.aliases.begin(), e.aliases.end());
                for (const std::string& form : forms) {
                    bool ambiguous = std::find(e.ambiguous.begin(), e.ambiguous.end(), form) != e.ambiguous.end();
                    if (pass == 0) {
                        insert_form(form, i, ambiguous);
                    } else {
                        // Headlines in capitals ("OPENAI RAISES ...") still name the company.
                        std::string upper = upper_ascii(form);
                        if (upper != form) insert_form(upper, i, ambiguous);
                    }
                }
            }
        }
        fingerprint = EntityExtractor::fingerprint_for(g);
    }

    // ---- per-article state ------------------------------------------------------

    struct GazMention {
        std::uint32_t entry;
        bool ambiguous;
        std::uint32_t first, last;  // token range, inclusive
    };

    struct PersonFound {
        std::string name;
        std::uint32_t entry = kBlockEntry;  // gazetteer entry, or kBlockEntry for rule-found people
        unsigned mentions = 0;
        std::uint32_t first_token = 0;
        std::string surname;
    };

    struct Work {
        std::string_view text;
        std::vector<Token> tokens;
        std::vector<std::uint32_t> flags;
        std::vector<std::uint32_t> trie;
        std::vector<Taken> taken;
        std::vector<LineKind> line;
        std::vector<std::uint32_t> line_begin;  // first token of the token's line
        std::vector<std::uint32_t> line_end;    // one past the last token of the line
    };

    // Longest gazetteer match starting at token i: returns tokens consumed (0 if none).
    // A form followed by a hyphen counts only when a name or a compound suffix follows
    // ("Microsoft-OpenAI", "Google-backed"), not "Meta-analysis".
    std::size_t match_at(const Work& w, std::size_t i, const std::vector<Form>** forms) const {
        std::uint32_t node = w.trie[i];
        if (!node) return 0;
        std::size_t best = 0;
        for (std::size_t j = i;;) {
            const Token& t = w.tokens[j];
            if (!nodes[node].forms.empty()) {
                bool fits = false;
                for (const Form& f : nodes[node].forms) fits = fits || !f.possessive || t.possessive;
                if (t.hyphen_after && j + 1 < w.tokens.size())
                    fits = fits && (w.tokens[j + 1].capitalised || (w.flags[j + 1] & kCompoundSuffix));
                if (fits) {
                    best = j - i + 1;
                    *forms = &nodes[node].forms;
                }
            }
            // A name does not continue across a possessive, a line or a sentence end.
            if (t.possessive || ++j >= w.tokens.size()) break;
            const Token& n = w.tokens[j];
            if (n.line_start || n.sentence_start) break;
            auto it = nodes[node].next.find(n.text);
            if (it == nodes[node].next.end()) break;
            node = it->second;
        }
        return best;
    }

    // Scraped text glues a photo credit or a name to the next word ("ReutersOpenAI has",
    // "Sam AltmanLaunched"): a token that is not itself known and whose part before an
    // inner capital is a gazetteer form becomes two tokens.
    void split_glued(std::vector<Token>& tokens) const {
        std::vector<std::pair<std::size_t, std::size_t>> cuts;  // token, offset
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const Token& t = tokens[i];
            if (!t.capitalised || !t.has_lower || t.text.size() < 4) continue;
            // A possessive that lost its apostrophe: "OpenAIs ChatGPT", "Elon Musks SpaceX".
            // Only before a name, or for forms with inner capitals, so "Stars and Stripes" stays.
            bool inner_capital = std::any_of(t.text.begin() + 1, t.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
            bool name_next = i + 1 < tokens.size() && tokens[i + 1].capitalised && !tokens[i + 1].line_start;
            if (t.text.back() == 's' && t.capitalised && !t.possessive && !words.find(t.text)) {
                const WordInfo* bare = words.find(t.text.substr(0, t.text.size() - 1));
                // People's surnames too ("Elon Musks xAI"): a plural of a surname is rare.
                if (bare && bare->trie && !nodes[bare->trie].forms.empty() &&
                    (inner_capital || name_next || person_form(nodes[bare->trie]))) {
                    tokens[i].text.remove_suffix(1);
                    tokens[i].end -= 1;
                    tokens[i].possessive = true;
                    continue;
                }
            }
            if (t.text.size() < 5) continue;
            std::size_t k = 1;
            for (; k < t.text.size(); ++k)
                if (t.text[k] >= 'A' && t.text[k] <= 'Z' && t.text[k - 1] >= 'a' && t.text[k - 1] <= 'z') break;
            if (k >= t.text.size() || k < 2) continue;
            const WordInfo* whole = words.find(t.text);
            if (whole && whole->trie) continue;
            const WordInfo* left = words.find(t.text.substr(0, k));
            if (!left || !left->trie || nodes[left->trie].forms.empty()) continue;
            cuts.emplace_back(i, k);
        }
        if (cuts.empty()) return;
        std::vector<Token> out;
        out.reserve(tokens.size() + cuts.size());
        std::size_t c = 0;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (c < cuts.size() && cuts[c].first == i) {
                auto [a, b] = split_token(tokens[i], cuts[c].second);
                out.push_back(a);
                out.push_back(b);
                ++c;
            } else {
                out.push_back(tokens[i]);
            }
        }
        tokens.swap(out);
    }

    // `title_end`: bytes of the article's title at the start of the text; the title is
    // a headline in title case as soon as its words are all capitalised.
    static void classify_lines(Work& w, std::size_t title_end) {
        const std::size_t n = w.tokens.size();
        w.line.assign(n, LineKind::Normal);
        w.line_begin.assign(n, 0);
        w.line_end.assign(n, 0);
        std::size_t start = 0;
        while (start < n) {
            std::size_t end = start + 1;
            while (end < n && !w.tokens[end].line_start) ++end;
            std::size_t alpha = 0, capital = 0, lower_content = 0, with_lower = 0, capital_stop = 0;
            for (std::size_t k = start; k < end; ++k) {
                const Token& t = w.tokens[k];
                unsigned char c = static_cast<unsigned char>(t.text[0]);
                bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
                if (!letter) continue;
                ++alpha;
                if (t.capitalised) ++capital;
                if (t.capitalised && k > start && (w.flags[k] & kStop)) ++capital_stop;
                if (t.has_lower) ++with_lower;
                if (!t.capitalised && !(w.flags[k] & kFunction)) ++lower_content;
            }
            LineKind kind = LineKind::Normal;
            if (alpha >= 2 && with_lower * 5 <= alpha)
                kind = LineKind::AllCaps;
            // Title case: every word capitalised, including at least one word that is
            // never a name ("The", "Says", "For"); a line of names such as "Frank
            // Busemann ( Germany )" in a results table is not a headline.
            else if (alpha >= 3 && capital >= 3 && lower_content == 0 &&
                     (capital_stop > 0 || w.tokens[start].begin < title_end))
                kind = LineKind::TitleCase;
            for (std::size_t k = start; k < end; ++k) {
                w.line[k] = kind;
                w.line_begin[k] = static_cast<std::uint32_t>(start);
                w.line_end[k] = static_cast<std::uint32_t>(end);
            }
            start = end;
        }
    }

    // A word that can be part of a person's name at position `part` of a run.
    bool name_word(const Work& w, std::size_t k, std::size_t part) const {
        const Token& t = w.tokens[k];
        if (!t.capitalised || !t.has_lower || t.has_digit || t.text.size() < 2) return false;
        if (w.flags[k] & (kStop | kHead)) return false;
        if (contraction(t.text)) return false;  // "I’m", "We’re"
        if (w.taken[k] == Taken::Pending) return part == 0;  // "Harvey Weinstein", "Jasper Johns"
        return w.taken[k] == Taken::Free || w.taken[k] == Taken::PendingPerson;  // "Amanda Huang"
    }

    // "I’m", "We’ve", "Don't": an apostrophe and a lower-case ending of one or two letters.
    static bool contraction(std::string_view t) {
        std::size_t a = t.find('\'');
        std::size_t len = 1;
        if (a == std::string_view::npos) {
            a = t.find("\xE2\x80\x99");
            len = 3;
        }
        if (a == std::string_view::npos) return false;
        std::string_view tail = t.substr(a + len);
        return !tail.empty() && tail.size() <= 2 && tail[0] >= 'a' && tail[0] <= 'z';
    }

    bool person_form(const TrieNode& node) const {
        for (const Form& f : node.forms)
            if (f.entry != kBlockEntry && entries[f.entry].type == EntityType::Person) return true;
        return false;
    }

    bool is_initial(const Work& w, std::size_t k) const {
        const Token& t = w.tokens[k];
        return t.text.size() == 1 && t.capitalised && t.period_after && w.taken[k] == Taken::Free;
    }

    // Business context around tokens [first, last] on the same line.
    bool company_context(const Work& w, std::size_t first, std::size_t last) const {
        constexpr std::size_t kWindow = 7;
        std::size_t from = std::max<std::size_t>(w.line_begin[first], first >= kWindow ? first - kWindow : 0);
        std::size_t to = std::min<std::size_t>(w.line_end[last], last + 1 + kWindow);
        for (std::size_t k = from; k < to; ++k) {
            if (k >= first && k <= last) continue;
            if (w.flags[k] & kCompanyCue) return true;
        }
        return false;
    }

    Result extract(const std::string& title, const std::string& body) const {
        std::string text;
        text.reserve(title.size() + body.size() + 2);
        text += title;
        text += "\n\n";
        text += body;
        const std::size_t body_offset = title.size() + 2;

        // Scratch vectors are reused across calls on the same thread: no allocation per
        // article once they have grown.
        static thread_local Work scratch;
        Work& w = scratch;
        w.text = text;
        tokenize_words(text, w.tokens);
        split_glued(w.tokens);
        const std::size_t n = w.tokens.size();
        w.flags.resize(n);
        w.trie.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const WordInfo* info = words.find(w.tokens[i].text);
            w.flags[i] = info ? info->flags : 0;
            w.trie[i] = info ? info->trie : 0;
        }
        w.taken.assign(n, Taken::Free);
        classify_lines(w, title.size());

        // 1. Gazetteer forms, longest match first.
        std::vector<GazMention> gaz;
        for (std::size_t i = 0; i < n;) {
            const std::vector<Form>* forms = nullptr;
            std::size_t len = match_at(w, i, &forms);
            if (!len) {
                ++i;
                continue;
            }
            bool any_certain = false, any_ambiguous = false, block = false, ambiguous_company = false;
            const bool possessive = w.tokens[i + len - 1].possessive;
            // A listed surname after another given name is someone else's name:
            // "Tom Sandberg" is not Sheryl Sandberg, "Amanda Huang" not Jensen Huang.
            const bool inside_name = len == 1 && next_to_name(w, i);
            for (const Form& f : *forms) {
                if (f.possessive && !possessive) continue;
                if (inside_name && f.entry != kBlockEntry && entries[f.entry].type == EntityType::Person) continue;
                if (f.entry == kBlockEntry) {
                    block = true;
                    continue;
                }
                gaz.push_back({f.entry, f.ambiguous, static_cast<std::uint32_t>(i),
                               static_cast<std::uint32_t>(i + len - 1)});
                (f.ambiguous ? any_ambiguous : any_certain) = true;
                if (f.ambiguous && entries[f.entry].type == EntityType::Company) ambiguous_company = true;
            }
            if (!any_certain && !any_ambiguous && !block) {  // every form was ruled out here
                ++i;
                continue;
            }
            Taken state = any_certain      ? Taken::Entity
                          : any_ambiguous  ? (ambiguous_company ? Taken::Pending : Taken::PendingPerson)
                                           : Taken::Block;
            for (std::size_t k = i; k < i + len; ++k) w.taken[k] = state;
            i += len;
        }

        // 2. People the gazetteer does not list.
        std::vector<PersonFound> people;
        std::unordered_map<std::string, std::size_t> person_index;
        struct PersonMention {
            std::size_t person;
            std::uint32_t first, last;
        };
        std::vector<PersonMention> person_mentions;
        struct Deferred {
            std::uint32_t first, last;
        };
        std::vector<Deferred> deferred;
        auto add_person_mention = [&](const std::string& name, std::uint32_t entry, std::uint32_t first,
                                      std::uint32_t last, std::string_view surname) {
            auto [it, inserted] = person_index.emplace(name, people.size());
            if (inserted) {
                PersonFound p;
                p.name = name;
                p.entry = entry;
                p.first_token = first;
                p.surname = std::string(surname);
                people.push_back(std::move(p));
            }
            ++people[it->second].mentions;
            person_mentions.push_back({it->second, first, last});
        };
        find_rule_persons(w, add_person_mention, deferred);

        // 3. Gazetteer mentions: unambiguous ones count; ambiguous ones need evidence.
        // Per-entity state is kept for the entities this article mentions only (a
        // handful), never for the whole gazetteer.
        std::vector<std::uint32_t> ents;
        ents.reserve(gaz.size());
        for (const GazMention& m : gaz) ents.push_back(m.entry);
        std::sort(ents.begin(), ents.end());
        ents.erase(std::unique(ents.begin(), ents.end()), ents.end());
        auto slot = [&](std::uint32_t entry) {
            return static_cast<std::size_t>(std::lower_bound(ents.begin(), ents.end(), entry) - ents.begin());
        };
        std::vector<char> certain(ents.size(), 0);
        std::vector<bool> company_token(n, false);
        for (const GazMention& m : gaz) {
            if (m.ambiguous) continue;
            certain[slot(m.entry)] = 1;
            if (entries[m.entry].type == EntityType::Company)
                for (std::uint32_t k = m.first; k <= m.last; ++k) company_token[k] = true;
        }
        struct Accepted {
            std::uint32_t entry;
            std::uint32_t first, last;
        };
        std::vector<Accepted> accepted;
        // Ambiguous company names with evidence of their own make the entity certain,
        // so its other ambiguous mentions (in a headline, say) count too.
        std::vector<char> verdict(gaz.size(), 0);  // 1 accepted, 2 rejected
        for (std::size_t g = 0; g < gaz.size(); ++g) {
            const GazMention& m = gaz[g];
            if (w.taken[m.first] == Taken::Person) {
                verdict[g] = 2;  // a person rule took the words
                continue;
            }
            if (!m.ambiguous || certain[slot(m.entry)]) {
                verdict[g] = 1;
            } else if (entries[m.entry].type == EntityType::Company && ambiguous_company_ok(w, company_token, m)) {
                verdict[g] = 1;
            }
        }
        std::vector<char> evidenced(ents.size(), 0);
        for (std::size_t g = 0; g < gaz.size(); ++g)
            if (verdict[g] == 1) evidenced[slot(gaz[g].entry)] = 1;
        for (std::size_t g = 0; g < gaz.size(); ++g) {
            const GazMention& m = gaz[g];
            bool ok = verdict[g] == 1 || (verdict[g] == 0 && evidenced[slot(m.entry)] &&
                                          entries[m.entry].type == EntityType::Company && !hyphenated(w, m));
            if (!ok) {
                if (w.taken[m.first] == Taken::Pending || w.taken[m.first] == Taken::PendingPerson)
                    for (std::uint32_t k = m.first; k <= m.last; ++k) w.taken[k] = Taken::Free;
                continue;
            }
            for (std::uint32_t k = m.first; k <= m.last; ++k) w.taken[k] = Taken::Entity;
            accepted.push_back({m.entry, m.first, m.last});
        }
        for (const Accepted& a : accepted) {
            const GazetteerEntry& e = entries[a.entry];
            if (e.type != EntityType::Person) continue;
            std::string_view surname = e.canonical;
            if (auto sp = surname.rfind(' '); sp != std::string_view::npos) surname = surname.substr(sp + 1);
            add_person_mention(e.canonical, a.entry, a.first, a.last, surname);
        }

        // 4. Runs that lacked evidence count when they repeat a name found elsewhere.
        for (const Deferred& d : deferred) {
            if (w.taken[d.first] != Taken::Free) continue;
            std::string name(text.substr(w.tokens[d.first].begin, w.tokens[d.last].end - w.tokens[d.first].begin));
            auto it = person_index.find(name);
            if (it == person_index.end()) continue;
            ++people[it->second].mentions;
            person_mentions.push_back({it->second, d.first, d.last});
            for (std::uint32_t k = d.first; k <= d.last; ++k) w.taken[k] = Taken::Person;
        }

        // 5. A surname alone stands for the person named in full in the same article.
        link_surnames(w, people, person_mentions);

        // Result: entities by mentions, then by first appearance.
        Result result;
        std::vector<std::uint32_t> company_count(ents.size(), 0), company_first(ents.size(), UINT32_MAX);
        for (const Accepted& a : accepted) {
            if (entries[a.entry].type != EntityType::Company) continue;
            std::size_t e = slot(a.entry);
            ++company_count[e];
            company_first[e] = std::min(company_first[e], a.first);
        }
        std::vector<std::uint32_t> order;
        for (std::uint32_t e = 0; e < ents.size(); ++e)
            if (company_count[e]) order.push_back(e);
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (company_count[a] != company_count[b]) return company_count[a] > company_count[b];
            return company_first[a] < company_first[b];
        });
        std::vector<std::size_t> company_slot(ents.size(), 0);
        for (std::uint32_t e : order) {
            company_slot[e] = result.companies.size();
            result.companies.push_back({entries[ents[e]].canonical, company_count[e]});
        }
        std::vector<std::size_t> person_order(people.size());
        for (std::size_t i = 0; i < people.size(); ++i) person_order[i] = i;
        for (const PersonMention& m : person_mentions)
            people[m.person].first_token = std::min(people[m.person].first_token, m.first);
        std::sort(person_order.begin(), person_order.end(), [&](std::size_t a, std::size_t b) {
            if (people[a].mentions != people[b].mentions) return people[a].mentions > people[b].mentions;
            return people[a].first_token < people[b].first_token;
        });
        std::vector<std::size_t> person_slot(people.size(), 0);
        for (std::size_t p : person_order) {
            person_slot[p] = result.persons.size();
            result.persons.push_back({people[p].name, people[p].mentions});
        }

        auto add_mention = [&](EntityType type, std::size_t index, std::uint32_t first, std::uint32_t last) {
            Mention m;
            m.type = type;
            m.entity = index;
            std::size_t b = w.tokens[first].begin, e = w.tokens[last].end;
            m.in_title = b < title.size();
            m.begin = m.in_title ? b : b - body_offset;
            m.end = m.in_title ? std::min(e, title.size()) : e - body_offset;
            result.mentions.push_back(m);
        };
        for (const Accepted& a : accepted)
            if (entries[a.entry].type == EntityType::Company)
                add_mention(EntityType::Company, company_slot[slot(a.entry)], a.first, a.last);
        for (const PersonMention& m : person_mentions)
            add_mention(EntityType::Person, person_slot[m.person], m.first, m.last);
        std::sort(result.mentions.begin(), result.mentions.end(), [](const Mention& a, const Mention& b) {
            if (a.in_title != b.in_title) return a.in_title;
            return a.begin < b.begin;
        });
        return result;
    }

    // A given name right before token i: "Tom Sandberg" is not Sheryl Sandberg.
    bool next_to_name(const Work& w, std::size_t i) const {
        auto name_like = [&](std::size_t k) {
            const Token& t = w.tokens[k];
            bool known_form = w.trie[k] && !nodes[w.trie[k]].forms.empty();  // "Musk Tesla"
            return t.capitalised && t.has_lower && !t.has_digit && !known_form &&
                   !(w.flags[k] & (kStop | kHead | kHonorific | kRole));
        };
        // Only a given name before counts: a capitalised word after ("Trump Hits Snags")
        // is as often a headline quoted in the text as a second name.
        return w.line[i] == LineKind::Normal && i > 0 && gap(w.text, w.tokens[i - 1], w.tokens[i]) == " " &&
               name_like(i - 1) && (w.flags[i - 1] & kGiven) && !w.tokens[i - 1].possessive;
    }

    // Inside a hyphenated compound: "Self-Reliance", "Meta-analysis".
    static bool hyphenated(const Work& w, const GazMention& m) {
        if (w.tokens[m.last].hyphen_after) return true;
        return m.first > 0 && w.tokens[m.first - 1].hyphen_after &&
               gap(w.text, w.tokens[m.first - 1], w.tokens[m.first]) == "-";
    }

    // Evidence of its own for an ambiguous company name (data/entities/README.md).
    bool ambiguous_company_ok(const Work& w, const std::vector<bool>& company_token, const GazMention& m) const {
        const std::size_t n = w.tokens.size();
        const Token& last = w.tokens[m.last];
        if (hyphenated(w, m)) return false;
        // "Figure 3", "Scale 5": a number right after is a figure or a scale, not a company.
        if (m.last + 1 < n && w.tokens[m.last + 1].has_digit && adjacent(w.text, last, w.tokens[m.last + 1]) &&
            !last.possessive)
            return false;
        const std::size_t lb = w.line_begin[m.first], le = w.line_end[m.last];
        auto lower_word = [&](std::size_t k) { return !w.tokens[k].capitalised && !w.tokens[k].has_digit; };
        auto joiner = [&](std::size_t k) {
            std::string_view t = w.tokens[k].text;
            return t == "and" || t == "or" || t == "vs" || t == "versus";
        };
        // Right before: "AI startup Mistral", "startup called Mistral", "researchers at Cohere",
        // "posted on X", a list of companies ("OpenAI, Mistral and Cohere").
        if (m.first > lb) {
            std::size_t p = m.first - 1;
            if (w.flags[p] & kCompanyBefore) return true;
            if (company_token[p] && gap(w.text, w.tokens[p], w.tokens[m.first]).find_first_of(",&/") !=
                                        std::string_view::npos)
                return true;
            if (p > lb) {
                std::size_t q = p - 1;
                if ((w.flags[q] & kCompanyBefore) && lower_word(p)) return true;
                if (joiner(p) && company_token[q]) return true;
                std::string_view t = w.tokens[p].text;
                if ((t == "on" || t == "to") && (w.flags[q] & kPlatformVerb)) return true;
                if ((t == "at" || t == "from" || t == "of" || t == "with") && (w.flags[q] & (kRole | kCompanyCue)))
                    return true;
            }
        }
        // Right after: "Mistral CEO", "Cohere's investors", "Mistral said", "X, formerly Twitter".
        if (m.last + 1 < le) {
            std::size_t q = m.last + 1;
            bool given = (w.flags[m.first] & kGiven) != 0;  // "Harvey said" may be a man
            if (w.flags[q] & kCompanyAfter) return true;
            if (!given && (w.flags[q] & kSpeech) && lower_word(q)) return true;
            if (company_token[q] && gap(w.text, last, w.tokens[q]).find_first_of(",&/") != std::string_view::npos)
                return true;
            if (q + 1 < le) {
                if ((w.flags[q + 1] & kCompanyAfter) && lower_word(q) && !(w.flags[q] & kFunction)) return true;
                if (joiner(q) && company_token[q + 1]) return true;
            }
        }
        // Business words nearby, where capitals mean something: not at the start of a
        // sentence, not in a headline, not for one- or two-letter names.
        const Token& first = w.tokens[m.first];
        if (first.sentence_start || w.line[m.first] != LineKind::Normal) return false;
        if (m.first == m.last && first.text.size() < 3) return false;
        return company_context(w, m.first, m.last);
    }

    // Person rules over the words no gazetteer form took. Calls add(name, entry,
    // first, last, surname) for each person found; runs that look like names but
    // lack evidence go to `deferred`.
    template <typename Add, typename DeferredVec>
    void find_rule_persons(Work& w, Add& add, DeferredVec& deferred) const {
        const std::size_t n = w.tokens.size();
        for (std::size_t i = 0; i < n; ++i) {
            if (w.line[i] == LineKind::AllCaps) continue;
            // Initials before a surname: "P. Simmons", "J. R. Smith" (not "vitamin C. Researchers").
            std::size_t initials = 0;
            std::size_t start = i;
            if (is_initial(w, i) && i > 0 && w.tokens[i - 1].text.size() == 1 && w.tokens[i - 1].period_after &&
                gap(w.text, w.tokens[i - 1], w.tokens[i]) == ". ")
                continue;  // the second letter of "U. S." or "J. R.": its run was tried at the first
            if (is_initial(w, i) && !(i > 0 && !w.tokens[i - 1].capitalised && !w.tokens[i - 1].has_digit &&
                                      !(w.flags[i - 1] & kRole) && adjacent(w.text, w.tokens[i - 1], w.tokens[i]))) {
                std::size_t j = i;
                while (j + 1 < n && initials < 2 && is_initial(w, j) && gap(w.text, w.tokens[j], w.tokens[j + 1]) == ". ") {
                    ++j;
                    ++initials;
                }
                if (!initials || !name_word(w, j, 1)) continue;
                if (initials == 2) {
                    // "U. S. Attorneys General" is a country, not J. R. Smith.
                    char a = w.tokens[i].text[0], b = w.tokens[i + 1].text[0];
                    if ((a == 'U' && (b == 'S' || b == 'K' || b == 'N')) || (a == 'E' && b == 'U')) {
                        i = j;
                        continue;
                    }
                }
                i = j;
            } else if (!name_word(w, i, 0)) {
                continue;
            }
            // Build the run: name words joined by single spaces or hyphens, with
            // particles ("van", "de") and initials ("F.") inside.
            struct Part {
                std::size_t first, last;
            };
            Part parts[6];
            std::size_t count = 0;
            std::size_t k = i;
            bool too_long = false;
            bool vetoed = false;
            while (true) {
                // One part: a word, possibly hyphenated ("Jean-Pierre", "Inzamam-ul-Haq").
                std::size_t last = k;
                while (w.tokens[last].hyphen_after && last + 1 < n &&
                       gap(w.text, w.tokens[last], w.tokens[last + 1]) == "-" &&
                       (name_word(w, last + 1, 1) ||
                        ((w.flags[last + 1] & kParticle) && w.tokens[last + 1].hyphen_after)))
                    ++last;
                if (w.tokens[last].hyphen_after) break;  // "Jane-led", "Meta-analysis": no name
                if (count == 6) {
                    too_long = true;
                    break;
                }
                parts[count++] = {k, last};
                if (w.tokens[last].possessive || w.tokens[last].period_after || last + 1 >= n) break;
                std::size_t next = last + 1;
                if (gap(w.text, w.tokens[last], w.tokens[next]) != " ") break;
                // Particles and initials continue the run when a name word follows
                // ("Ludwig van Beethoven", "John F. Kennedy").
                std::size_t look = next;
                while (look + 1 < n && look < next + 2) {
                    std::string_view after_particle = gap(w.text, w.tokens[look], w.tokens[look + 1]);
                    bool particle = (w.flags[look] & kParticle) && !w.tokens[look].capitalised &&
                                    (after_particle == " " || after_particle == "-");  // "al-Abidine"
                    bool initial = is_initial(w, look) && gap(w.text, w.tokens[look], w.tokens[look + 1]) == ". ";
                    if (!particle && !initial) break;
                    ++look;
                }
                if (look != next) {
                    if (!name_word(w, look, 1)) break;
                    parts[count - 1].last = look - 1;  // the particles belong to the name
                    k = look;
                    continue;
                }
                if (w.flags[next] & kSuffix) {
                    parts[count - 1].last = next;
                    break;
                }
                if (!name_word(w, next, count)) {
                    if ((w.flags[next] & kHead) && w.tokens[next].capitalised) vetoed = true;
                    break;
                }
                k = next;
            }
            if (count == 0) continue;
            std::size_t run_end = parts[count - 1].last;
            std::size_t name_start = parts[0].first;
            parts[0].first = start;
            if (too_long) {
                i = run_end;
                continue;
            }
            // "Johnson & Johnson", "Marks & Spencer": a company.
            if (run_end + 1 < n) {
                std::string_view g = gap(w.text, w.tokens[run_end], w.tokens[run_end + 1]);
                if (g == " & " || g == "&") vetoed = true;
            }
            if (start > 0) {
                std::string_view g = gap(w.text, w.tokens[start - 1], w.tokens[start]);
                if (g == " & " || g == "&") vetoed = true;
            }
            if (vetoed) {
                i = run_end;
                continue;
            }
            // Not a person from its first word: the name may start at the next one
            // ("Writer Joan Didion", "Analyst Jane Doe").
            if (!decide_run(w, parts, count, name_start, initials > 0, add, deferred) && count >= 3 && !initials)
                i = parts[0].last;
            else
                i = run_end;
        }
    }

    template <typename PartT, typename Add, typename DeferredVec>
    bool decide_run(Work& w, const PartT* parts, std::size_t count, std::size_t name_start, bool initials, Add& add,
                    DeferredVec& deferred) const {
        const std::size_t n = w.tokens.size();
        const std::size_t first = parts[0].first;
        const bool title_case = w.line[first] == LineKind::TitleCase;
        const bool given = (w.flags[name_start] & kGiven) != 0;
        const bool word_name = (w.flags[name_start] & kWordName) != 0;

        // Evidence before: a role or honorific right before ("CEO Jane Doe", "Mr Smith",
        // "according to Jane Doe", "chief executive Jane Doe").
        bool honorific = false, role_before = false;
        if (first > 0 && w.line_begin[first] < first) {
            std::size_t p = first - 1;
            std::string_view g = gap(w.text, w.tokens[p], w.tokens[first]);
            bool close = g == " " || g == ". " || g == ", ";
            // Short abbreviations are titles only with their period ("Gen. Smith", not "Gen Z").
            std::string_view h = w.tokens[p].text;
            bool title_word = w.tokens[p].period_after || h.size() > 3 || h == "Mr" || h == "Mrs" || h == "Ms" ||
                              h == "Dr";
            if (close && (w.flags[p] & kHonorific) && w.tokens[p].capitalised && title_word) honorific = g != ", ";
            if (close && (w.flags[p] & (kRole | kSpeech))) role_before = true;
            if (close && w.tokens[p].text == "to" && p > 0 && lower_ascii(w.tokens[p - 1].text) == "according")
                role_before = true;
        }
        // Evidence after: "Jane Doe said", "Jane Doe, chief executive of", "Jane Doe, 45,".
        bool after = false;
        std::size_t end = parts[count - 1].last;
        if (end + 1 < n && w.line_begin[end + 1] == w.line_begin[first]) {
            std::size_t q = end + 1;
            std::string_view g = gap(w.text, w.tokens[end], w.tokens[q]);
            if (g == " " && (w.flags[q] & kVerbAfter) && !w.tokens[q].capitalised) after = true;
            if (g == ", " || g == " (" || g == " , ") {
                for (std::size_t r = q; r < n && r < q + 3; ++r) {
                    if (w.flags[r] & (kRole | kWho)) {
                        // "Developer Day, CEO Sam Altman": the role belongs to the next name.
                        bool next_name = r + 1 < n && w.tokens[r + 1].capitalised && !(w.flags[r + 1] & kStop) &&
                                         gap(w.text, w.tokens[r], w.tokens[r + 1]) == " ";
                        after = !next_name || (w.flags[r] & kWho);
                        break;
                    }
                    if (w.tokens[r].capitalised && !(w.flags[r] & kStop)) break;
                }
                if (w.tokens[q].has_digit && w.tokens[q].text.size() <= 2 && q + 1 < n &&
                    (gap(w.text, w.tokens[q], w.tokens[q + 1]) == ", " ||
                     gap(w.text, w.tokens[q], w.tokens[q + 1]) == " , "))
                    after = true;  // age
            }
        }

        std::size_t use = count;
        bool accept = false;
        if (given && count >= 2) {
            accept = true;
            if (title_case) {
                // Headlines capitalise every word: "Will Power Grid ..." is no person.
                if (word_name && !role_before && !honorific) accept = false;
                use = count >= 3 && (w.flags[parts[1].first] & kGiven) ? 3 : 2;  // "Mary Ann Smith"
            }
        } else if (((count == 2 && (role_before || after)) || (count >= 2 && honorific)) && !title_case) {
            // Without a known given name, evidence around the run makes a two-part name
            // ("CEO Aravind Srinivas"), or a longer one after a title ("President Zine
            // al-Abidine Ben Ali"); longer runs after a role are headline fragments
            // ("Economist Will Raise Concerns"), and in title case nothing is evidence.
            accept = true;
        } else if (count == 1 && honorific && !title_case) {
            accept = true;
        } else if (initials && count <= 2) {
            accept = true;
        }
        // A name has at most four parts; longer runs are titles or organisations. Four
        // parts from a given name need given names inside ("Mary Ann Lee Smith"), not
        // "London Interbank Offered Rates".
        if (count > 4 && !title_case) accept = false;
        if (count == 4 && given && !title_case && !role_before && !honorific &&
            !((w.flags[parts[1].first] & kGiven) || (w.flags[parts[2].first] & kGiven)))
            accept = false;
        if (count > 4 && title_case) use = std::min<std::size_t>(use, 3);

        std::uint32_t a = static_cast<std::uint32_t>(parts[0].first);
        std::uint32_t b = static_cast<std::uint32_t>(parts[use - 1].last);
        if (!accept) {
            if (count >= 1 && count <= 4) deferred.push_back({a, b});
            return false;
        }
        std::string name(w.text.substr(w.tokens[a].begin, w.tokens[b].end - w.tokens[a].begin));
        // The surname is the last part's last word that is not a suffix.
        std::size_t s = b;
        while (s > a && (w.flags[s] & kSuffix)) --s;
        add(name, kBlockEntry, a, b, w.tokens[s].text);
        for (std::uint32_t k = a; k <= b; ++k) w.taken[k] = Taken::Person;
        return true;
    }

    template <typename People, typename Mentions>
    void link_surnames(Work& w, People& people, Mentions& mentions) const {
        if (people.empty()) return;
        // surname (as written, and in capitals) -> person, or SIZE_MAX when two share it
        std::unordered_map<std::string_view, std::size_t> by_surname;
        std::vector<std::string> upper;
        upper.reserve(people.size());
        for (std::size_t p = 0; p < people.size(); ++p) upper.push_back(upper_ascii(people[p].surname));
        for (std::size_t p = 0; p < people.size(); ++p) {
            for (std::string_view key : {std::string_view(people[p].surname), std::string_view(upper[p])}) {
                if (key.size() < 2) continue;
                auto [it, inserted] = by_surname.emplace(key, p);
                if (!inserted && it->second != p) it->second = SIZE_MAX;
            }
        }
        const std::size_t n = w.tokens.size();
        for (std::size_t i = 0; i < n; ++i) {
            if (w.taken[i] != Taken::Free || !w.tokens[i].capitalised) continue;
            auto it = by_surname.find(w.tokens[i].text);
            if (it == by_surname.end()) continue;
            std::size_t p = it->second;
            if (p == SIZE_MAX) {
                // Two people share the surname: the one named last before this mention.
                std::size_t best = SIZE_MAX;
                std::uint32_t best_at = 0;
                for (const auto& m : mentions) {
                    if (m.first >= i) continue;
                    const auto& person = people[m.person];
                    if (person.surname != w.tokens[i].text && upper_ascii(person.surname) != w.tokens[i].text)
                        continue;
                    if (best == SIZE_MAX || m.first > best_at) {
                        best = m.person;
                        best_at = m.first;
                    }
                }
                if (best == SIZE_MAX) continue;
                p = best;
            }
            ++people[p].mentions;
            w.taken[i] = Taken::Person;
            mentions.push_back({p, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i)});
        }
    }
};

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer) : impl_(std::make_unique<Impl>()) {
    impl_->build(gazetteer);
}
EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;

EntityExtractor::Result EntityExtractor::extract(const std::string& title, const std::string& body) const {
    return impl_->extract(title, body);
}

std::string EntityExtractor::fingerprint() const { return impl_->fingerprint; }

std::string EntityExtractor::fingerprint_for(const Gazetteer& gazetteer) {
    return std::string(kRulesVersion) + "-" + gazetteer.fingerprint();
}

void EntityExtractor::fill(Article& article) const {
    complete_layout(article);
    if (article.provided.companies && article.provided.persons) return;
    Result r = extract(article.title, article.body);
    if (!article.provided.companies) article.companies = std::move(r.companies);
    if (!article.provided.persons) article.persons = std::move(r.persons);
}

}  // namespace ainews
