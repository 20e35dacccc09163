// xapian_index.cc - the raw-Xapian peer of dossier's indexer, for bench/index_bench.sh.
//
//   xapian_index DB PATH...        index every .txt file under each PATH into DB (new)
//   xapian_index --compact SRC DST compact the database SRC into DST
//
// What a minimal, idiomatic Xapian indexer does (as in Xapian's simpleindex.cc): one
// document per file, TermGenerator with English stemming (the default STEM_SOME:
// unstemmed terms with positions plus Z-prefixed stems without), the whole text stored
// as the document data (dossier stores it too, for snippets), a Q unique-id term (the
// path relative to the PATH given) and replace_document() on it, one commit at the end
// (Xapian flushes by itself every XAPIAN_FLUSH_THRESHOLD documents). Files are visited
// in name order, recursively. No metadata, no values: a lower bound on the work.
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

static std::string slurp(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

static void collect(const fs::path &root, std::vector<fs::path> &out)
{
    if (fs::is_regular_file(root)) {
        out.push_back(root);
        return;
    }
    for (const auto &e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().extension() == ".txt")
            out.push_back(e.path());
}

int main(int argc, char **argv)
{
    try {
        if (argc == 4 && std::string(argv[1]) == "--compact") {
            Xapian::Database src(argv[2]);
            src.compact(argv[3]);
            return 0;
        }
        if (argc < 3) {
            std::cerr << "usage: xapian_index DB PATH... | xapian_index --compact SRC DST\n";
            return 2;
        }
        Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        unsigned long docs = 0, bytes = 0;
        for (int a = 2; a < argc; a++) {
            fs::path root(argv[a]);
            std::vector<fs::path> files;
            collect(root, files);
            std::sort(files.begin(), files.end());
            for (const auto &f : files) {
                std::string text = slurp(f);
                std::string id = fs::is_directory(root) ? fs::relative(f, root).string()
                                                        : f.filename().string();
                Xapian::Document doc;
                doc.set_data(text);
                tg.set_document(doc);
                tg.index_text(text);
                std::string idterm = "Q" + id;
                doc.add_boolean_term(idterm);
                db.replace_document(idterm, doc);
                docs++;
                bytes += text.size();
            }
        }
        db.commit();
        std::fprintf(stderr, "xapian_index: %lu documents, %lu bytes\n", docs, bytes);
        return 0;
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_index: " << e.get_description() << "\n";
        return 2;
    } catch (const std::exception &e) {
        std::cerr << "xapian_index: " << e.what() << "\n";
        return 2;
    }
}
