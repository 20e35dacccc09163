"""End-to-end tests of the position maps, text hashes and line maps (schema 6): an index
the indexer builds holds them for every document, as docmap_check (tests/tools) reads
them back against each stored text; an index of the previous schema is refused by the
indexer, the searcher and the checker with the rebuild message."""
import os
import shutil
import subprocess

from cli import CliTest, SEED, SRC
from test_pdf import groff


class DocMap(CliTest):
    def corpus_of_every_kind(self):
        shutil.copy(os.path.join(SRC, "corpus", SEED), os.path.join(self.corpus, SEED))
        self.write("manifest.tsv", "path\ttitle\tactor\ttype\n"
                   f"{SEED}\tUpdate\tICANN org\treport\n"
                   "report.pdf\tA report\tICANN\treport\n")
        self.write("report.pdf", groff("footnotes"))
        self.write("columns.pdf", groff("twocol"))
        self.write("notes/plain.txt",
                   "---\ntitle: ICT-related notes\nactor: the Kingdom of the Netherlands\n"
                   "committee: OEWG\n---\nICANN’s mission.2 and rights.”5 at "
                   "https://www.un.org/a/b/c, A/RES/75/282, 国際連合 😀 cyber-security\n")
        self.write("notes/empty.txt", "")
        self.write("notes/long.txt", "ICT-related words and more words. " * 20000)

    def test_every_document_has_a_map_and_hash(self):
        self.corpus_of_every_kind()
        self.index_corpus("-q")
        rc, out, err = self.run_tool("docmap_check", self.index)
        self.assertEqual(rc, 0, out + err)
        docs, positions, loci = (int(w) for w in out.split()[0:6:2])
        types = {}
        for h in self.search_json("--limit", "10000", "type:report OR type:passage OR "
                                  "type:citation OR type:text"):
            types[h["type"]] = types.get(h["type"], 0) + 1
        self.assertGreaterEqual(docs, sum(types.values()))
        self.assertEqual(loci, types["report"] + types["passage"])
        self.assertEqual(int(self.stats()["positions"]), positions)
        # and after compaction, which rewrites every record
        self.index_corpus("-q", "--compact", paths=[])
        rc, out2, err = self.run_tool("docmap_check", self.index)
        self.assertEqual((rc, out2), (0, out), err)

    def test_previous_schema_asks_for_a_rebuild(self):
        self.write("a.txt", "some words about ICANN’s mission")
        self.index_corpus("-q")
        rc, out, err = self.run_tool("docmap_check", "--stamp-schema", "6", self.index)
        self.assertEqual(rc, 0, err)
        want = (f"index {self.index} has schema version '6', this build uses '7': "
                "rebuild needed (indexer --rebuild)")
        rc, out, err = self.search("mission")
        self.assertEqual(rc, 2)
        self.assertIn(want, err)
        rc, out, err = self.index_corpus("-q", check=2)
        self.assertIn(want, err)
        rc, out, err = self.run_tool("docmap_check", self.index)
        self.assertEqual(rc, 2)
        self.assertIn(want, err)
        self.index_corpus("-q", "--rebuild")
        self.assertEqual(self.ids("mission"), ["a.txt"])
        rc, out, err = self.run_tool("docmap_check", self.index)
        self.assertEqual(rc, 0, out + err)
