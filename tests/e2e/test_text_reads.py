"""End-to-end: how much stored text a search reads (schema 7 keeps the text apart from
the fields, in chunks deflated one by one: docstore.h). DS_TEXT_STATS=1 (a test hook,
see searcher/main.c) makes the searcher print "text: N chunks, M bytes" on stderr: the
chunks it inflated and the text bytes they hold. Output that needs no text (--count,
--fields without snippet, facets) must read none; a snippet or a concordance line of a
long document only the chunks around its matches."""
import re
import unittest

from cli import CliTest

FILLER = ("the delegation recalled its statement on capacity building and on the "
          "framework of responsible state behaviour in cyberspace ")


class TextReads(CliTest):
    def setUp(self):
        super().setUp()
        # a long document (about 400 kB) whose one rare word stands near its end
        body = FILLER * 2500 + "a lonely zanzibarian word " + FILLER * 300
        self.long_len = len(body.encode("utf-8"))
        self.write("long.txt", f"---\ntitle: Long\ndate: 2021-06-01\n---\n{body}\n")
        for i in range(5):
            self.write(f"short{i}.txt", f"---\ntitle: Short {i}\ndate: 2020-0{i + 1}-02\n"
                       f"type: memo\n---\nthe delegation spoke of cyberspace, note {i}\n")
        self.index_corpus("-q", "--jobs", "2")

    def read(self, *args):
        """The output of the searcher and the text it read: (out, chunks, bytes)."""
        rc, out, err = self.run_tool("searcher", "-d", self.index, *args,
                                     env={"DS_TEXT_STATS": "1"})
        self.assertIn(rc, (0, 1), err)
        m = re.search(r"^text: (\d+) chunks, (\d+) bytes$", err, re.M)
        self.assertIsNotNone(m, err)
        return out, int(m.group(1)), int(m.group(2))

    def test_output_without_text_reads_none(self):
        for args in (["--count"], ["--format", "tsv", "--fields", "id,date"],
                     ["--format", "json", "--fields", "id,date,title,type"],
                     ["--format", "tsv", "--fields", "id", "--facet", "type"],
                     ["--format", "tsv", "--fields", "id,date", "--limit", "1000"]):
            out, chunks, nbytes = self.read(*args, "delegation")
            self.assertTrue(out.strip(), args)
            self.assertEqual((chunks, nbytes), (0, 0), args)

    def test_snippet_of_a_long_document_reads_few_chunks(self):
        out, chunks, nbytes = self.read("--format", "tsv", "--fields", "id,snippet",
                                        "zanzibarian")
        self.assertIn("zanzibarian", out)
        self.assertGreater(chunks, 0)
        self.assertLessEqual(chunks, 8)  # the prefixes' ends and the window's chunks
        self.assertLess(nbytes, self.long_len / 5)
        # the whole-text path (a test hook) reads all of it: the same snippet
        rc, whole, err = self.run_tool("searcher", "-d", self.index, "--format", "tsv",
                                       "--fields", "id,snippet", "zanzibarian",
                                       env={"DS_SNIPPET_TEXT": "1"})
        self.assertEqual(whole, out)

    def test_kwic_line_of_a_long_document_reads_few_chunks(self):
        out, chunks, nbytes = self.read("--kwic", "--format", "tsv", "\"lonely zanzibarian\"")
        self.assertEqual(len(out.splitlines()), 1, out)
        self.assertIn("zanzibarian", out)
        self.assertLessEqual(chunks, 3)
        rc, whole, err = self.run_tool("searcher", "-d", self.index, "--kwic", "--format",
                                       "tsv", "\"lonely zanzibarian\"",
                                       env={"DS_KWIC_TEXT": "1"})
        self.assertEqual(whole, out)

    def test_wide_contexts_and_snippets_read_what_they_show(self):
        """Contexts and snippets wider than a chunk reach past the windows the matches'
        positions read: the same lines and snippets as the whole-text paths."""
        for args in (["--kwic", "--context", "20000"], ["--kwic", "--context-words", "1000"],
                     ["--kwic", "--context-words", "1000", "--sort", "date"],
                     ["--fields", "id,snippet", "--snippet-width", "10000"]):
            q = "zanzibarian"
            out, chunks, nbytes = self.read("--format", "tsv", *args, q)
            self.assertGreaterEqual(chunks, 3, args)  # the matches alone: 1
            rc, whole, err = self.run_tool("searcher", "-d", self.index, "--format", "tsv",
                                           *args, q, env={"DS_KWIC_TEXT": "1",
                                                          "DS_SNIPPET_TEXT": "1"})
            self.assertEqual(whole, out, args)

    def test_collocate_windows_wider_than_the_matches_read(self):
        """A window of words reaches chunks the matches' positions did not read (chunks
        of 256 bytes here, so every window of 50 words crosses several): the same
        collocates as the whole-text path, and still not the whole text."""
        self.run_tool("indexer", "-q", "-d", self.index, "--rebuild", self.corpus,
                      env={"DS_TEXT_CHUNK_SIZE": "256"}, check=0)
        q = "zanzibarian"
        for window in ("5", "50"):
            args = ["--collocates", "--format", "tsv", "--window", window, "--min-freq", "1"]
            out, chunks, nbytes = self.read(*args, q)
            self.assertIn("lonely", out)
            self.assertLess(nbytes, self.long_len / 2, window)
            rc, whole, err = self.run_tool("searcher", "-d", self.index, *args, q,
                                           env={"DS_COLLOC_TEXT": "1"})
            self.assertEqual(whole, out, window)

    def test_snippet_reads_the_text(self):
        out, chunks, nbytes = self.read("--format", "tsv", "--fields", "id,snippet",
                                        "cyberspace")
        self.assertIn("cyberspace", out)
        self.assertGreater(chunks, 0)
        self.assertGreater(nbytes, 0)


if __name__ == "__main__":
    unittest.main()
