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

    def test_snippet_reads_the_text(self):
        out, chunks, nbytes = self.read("--format", "tsv", "--fields", "id,snippet",
                                        "cyberspace")
        self.assertIn("cyberspace", out)
        self.assertGreater(chunks, 0)
        self.assertGreater(nbytes, 0)


if __name__ == "__main__":
    unittest.main()
