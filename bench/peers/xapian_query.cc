// xapian_query.cc - the raw-Xapian peer of `searcher --batch`, for bench/query_bench.sh.
//
//   xapian_query DB [--limit N] [--count] [--no-snippet] < queries
//   xapian_query DB [options] --query QUERY       one query, from the command line
//
// Reads one query per line (optionally ID<TAB>QUERY) and answers each as a minimal,
// idiomatic Xapian program does (Xapian's simplesearch.cc): QueryParser with English
// stemming (STEM_SOME), AND as the default operator (dossier's implicit AND), phrases
// and boolean operators on; Enquire with BM25 (the default); the top N hits, each
// printed as ID<TAB>rank<TAB>docid<TAB>weight<TAB>snippet, the snippet made by
// MSet::snippet() from the document data (the stored text), 160 bytes, as dossier
// prints one; --no-snippet leaves the snippet empty and reads no document data (the
// engine's cost alone). --count prints ID<TAB>matches (exact: check_at_least = all).
// After each query's answer a line ID<TAB>#end is printed and stdout flushed, so a
// driver can time each query through a pipe.
#include <xapian.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::cerr << "usage: xapian_query DB [--limit N] [--count] [--no-snippet] < queries\n";
        return 2;
    }
    unsigned limit = 10;
    bool count = false, snippet = true;
    const char *one = nullptr;
    for (int i = 2; i < argc; i++) {
        if (!std::strcmp(argv[i], "--limit") && i + 1 < argc)
            limit = (unsigned)std::stoul(argv[++i]);
        else if (!std::strcmp(argv[i], "--count"))
            count = true;
        else if (!std::strcmp(argv[i], "--no-snippet"))
            snippet = false;
        else if (!std::strcmp(argv[i], "--query") && i + 1 < argc)
            one = argv[++i];
        else {
            std::cerr << "xapian_query: unknown option " << argv[i] << "\n";
            return 2;
        }
    }
    if (one && !*one) {
        std::cerr << "xapian_query: empty --query\n";
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        Xapian::Stem stem("english");
        Xapian::QueryParser qp;
        qp.set_database(db);
        qp.set_stemmer(stem);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_AND);
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                               Xapian::QueryParser::FLAG_PHRASE;
        Xapian::Enquire enq(db);
        std::string line;
        unsigned long n = 0;
        while (one ? n == 0 && (line = one, true) : (bool)std::getline(std::cin, line)) {
            if (line.empty())
                continue;
            n++;
            std::string id = std::to_string(n), q = line;
            auto tab = line.find('\t');
            if (tab != std::string::npos) {
                id = line.substr(0, tab);
                q = line.substr(tab + 1);
            }
            try {
                enq.set_query(qp.parse_query(q, flags));
                if (count) {
                    Xapian::MSet m = enq.get_mset(0, 0, db.get_doccount());
                    std::printf("%s\t%u\n", id.c_str(), m.get_matches_estimated());
                } else {
                    Xapian::MSet m = enq.get_mset(0, limit);
                    unsigned rank = 0;
                    for (auto it = m.begin(); it != m.end(); ++it) {
                        std::string snip;
                        if (snippet)
                            snip = m.snippet(it.get_document().get_data(), 160, stem);
                        for (char &c : snip)
                            if (c == '\t' || c == '\n' || c == '\r')
                                c = ' ';
                        std::printf("%s\t%u\t%u\t%.4f\t%s\n", id.c_str(), ++rank, *it,
                                    it.get_weight(), snip.c_str());
                    }
                }
            } catch (const Xapian::QueryParserError &e) {
                std::printf("%s\t#error\t%s\n", id.c_str(), e.get_msg().c_str());
            }
            std::printf("%s\t#end\n", id.c_str());
            std::fflush(stdout);
        }
        return 0;
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_query: " << e.get_description() << "\n";
        return 2;
    }
}
