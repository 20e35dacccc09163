"""Output format version 1 stays byte for byte what it was when version 2 came.

The golden files under golden/v1/ were written by the searcher of format version 1
(before locators existed) on the seed corpus (corpus/); every case runs the same
arguments with --format-version=1 and must print exactly those bytes. To write them
again (only ever on purpose, with a searcher whose version 1 is known good):
DS_GOLDEN_WRITE=1 python3 -m unittest test_format_v1."""
import os
import unittest

from cli import SeedTest

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "v1")

# name -> (arguments, stdin): search, KWIC and batch in every format, kept short
BATCH = b"a\tpublic core\nb\tzzqqxx\nc\ttype:report\n"
KWIC_BATCH = b"a\t\"public core\"\nb\tzzqqxx\n"
CASES = {
    "search.txt": (["-n", "3", "public core"], None),
    "search.tsv": (["-f", "tsv", "--header", "-n", "3", "public core"], None),
    "search.json": (["-f", "json", "-n", "3", "public core"], None),
    "search_fields.tsv": (["-f", "tsv", "--fields", "id,line,page,snippet", "-n", "3",
                           "cyber*"], None),
    "filter.json": (["-f", "json", "-n", "2", "type:report"], None),
    "kwic.txt": (["--kwic", "-n", "4", '"public core"'], None),
    "kwic.tsv": (["--kwic", "-f", "tsv", "--header", "-n", "4", '"public core"'], None),
    "kwic.json": (["--kwic", "-f", "json", "-n", "4", "--context-words", "3", "ICANN"],
                  None),
    "batch.json": (["--batch", "-f", "json", "-n", "2"], BATCH),
    "batch.tsv": (["--batch", "-f", "tsv", "-n", "2"], BATCH),
    "batch.txt": (["--batch", "-n", "2"], BATCH),
    "kwic_batch.tsv": (["--batch", "--kwic", "-f", "tsv", "-n", "2"], KWIC_BATCH),
    "kwic_batch.json": (["--batch", "--kwic", "-f", "json", "-n", "2"], KWIC_BATCH),
}


class FormatVersion1(SeedTest):

    def run_case(self, name):
        args, stdin = CASES[name]
        rc, out, err = self.search("--format-version=1", *args, stdin=stdin)
        self.assertIn(rc, (0, 1), f"{name}: {err}")
        path = os.path.join(GOLDEN, name)
        if os.environ.get("DS_GOLDEN_WRITE") == "1":
            os.makedirs(GOLDEN, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(out)
        with open(path, encoding="utf-8", newline="") as f:
            want = f.read()
        self.assertEqual(out, want, f"{name}: version 1 output changed")
        self.assertTrue(want, f"{name}: empty golden file")

    def test_every_case_unchanged(self):
        for name in CASES:
            with self.subTest(name=name):
                self.run_case(name)

    def test_version_query_and_refusal(self):
        for v in ("1", "2"):
            rc, out, err = self.search(f"--format-version={v}", "-n", "1", "core")
            self.assertEqual(rc, 0, err)
        for v in ("0", "3", "", "2x", "v2"):
            rc, out, err = self.search(f"--format-version={v}", "core")
            self.assertEqual(rc, 2, f"--format-version={v} accepted")
            self.assertIn("not supported", err)


if __name__ == "__main__":
    unittest.main()
