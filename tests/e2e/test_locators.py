"""End-to-end tests of locators (README, Output: Locators) in output format version 2.

Every locator printed is parsed back here by an independent reading of the grammar (a
regular expression that anchors the hash and the span at the right), and each part is
checked against something the searcher did not compute: the match's own bytes, the
line of the seed file the match is on, the passage's page and line fields, the FNV-1a
hash of a text written by the test."""
import json
import os
import re
import unittest

from cli import CliTest, SeedTest, SEED, SRC

LOCATOR = re.compile(r"(?P<id>.+)@(?P<start>0|[1-9][0-9]*)-(?P<end>0|[1-9][0-9]*)"
                     r"(?::(?:p(?P<page>[1-9][0-9]*)(?:\.l(?P<line>[1-9][0-9]*))?"
                     r"|l(?P<lonly>[1-9][0-9]*)))?~(?P<hash>[0-9a-f]{12})", re.S)


def parse(loc):
    """The parts of a locator, or an AssertionError."""
    m = LOCATOR.fullmatch(loc)
    if not m:
        raise AssertionError(f"not a locator: {loc!r}")
    line = m["line"] or m["lonly"]
    return {"id": m["id"], "start": int(m["start"]), "end": int(m["end"]),
            "page": int(m["page"]) if m["page"] else None,
            "line": int(line) if line else None, "hash": m["hash"]}


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def folded(s):
    return " ".join(s.lower().split())


class SeedLocators(SeedTest):

    def kwic(self, *args):
        rc, out, err = self.search("--kwic", "--format", "json", *args, check=0)
        return [json.loads(line) for line in out.splitlines()]

    def test_kwic_locators_name_the_match(self):
        seed_lines = self.seed_text.split("\n")
        passages = {h["id"]: (h["page"], h["line"])
                    for h in self.search_json("--fields", "id,page,line", "type:passage")}
        self.assertGreater(len(passages), 20)
        for query, want in (('"public core"', "public core"), ("ICANN", "icann"),
                            ('"general assembly"', "general assembly"), ("internet", None)):
            lines = self.kwic(query) + self.kwic("type:report", query)
            self.assertGreater(len(lines), 3, query)
            for l in lines:
                loc = parse(l["locator"])
                self.assertEqual(loc["id"], l["id"])
                self.assertEqual(loc["start"], l["offset"])
                self.assertEqual(loc["end"] - loc["start"], len(l["match"].encode()), l)
                if want:
                    self.assertEqual(folded(l["match"]), want)
                else:  # a stemmed word: the match is a form of it
                    self.assertTrue(folded(l["match"]).startswith(query), l)
                # page and line in the line and in its locator alike; reports and
                # passages have line maps, so both are known; citations have none
                self.assertEqual((loc["page"], loc["line"]), (l["page"], l["line"]), l)
                if "#fn" in l["id"]:
                    self.assertIsNone(l["line"], l)
                    continue
                self.assertIsNotNone(l["line"], l)
                # the match starts on that line of the original file
                first = l["match"].split()[0].lower()
                self.assertIn(first, seed_lines[l["line"] - 1].lower(), l)
                # at or after where its passage starts; on its first line, on its page
                if l["id"] in passages:
                    page, line = passages[l["id"]]
                    self.assertGreaterEqual((l["line"], l["page"]), (line, page), l)
                    if l["line"] == line:
                        self.assertEqual(l["page"], page, l)

    def test_citations_have_no_line_map(self):
        lines = self.kwic("type:citation", "ICANN")
        self.assertTrue(lines)
        for l in lines:
            self.assertIsNone(l["page"])
            self.assertIsNone(l["line"])
            loc = parse(l["locator"])
            self.assertEqual((loc["page"], loc["line"]), (None, None))
        rc, out, err = self.search("--kwic", "-f", "tsv", "type:citation", "ICANN", check=0)
        for row in out.splitlines():
            cols = row.split("\t")
            self.assertEqual(len(cols), 11)
            self.assertEqual(cols[8:10], ["", ""])
            parse(cols[10])

    def test_whole_text_locators_start_where_the_passage_starts(self):
        """A filter-only hit names its whole text, from offset 0: the line map at 0 is
        where the passage starts, which its own page and line fields say."""
        hits = self.search_json("--fields", "id,page,line,locator", "type:passage")
        self.assertGreater(len(hits), 20)
        hashes = set()
        for h in hits:
            loc = parse(h["locator"])
            self.assertEqual(loc["id"], h["id"])
            self.assertEqual(loc["start"], 0)
            self.assertGreater(loc["end"], 0)
            self.assertEqual((loc["page"], loc["line"]), (h["page"], h["line"]), h)
            hashes.add(loc["hash"])
        self.assertEqual(len(hashes), len(hits))  # different texts, different hashes

    def test_hit_locator_is_its_first_highlight(self):
        hits = self.search_json('"public core"')
        self.assertTrue(hits)
        kwic = {(l["id"], l["offset"]): l
                for l in self.kwic('"public core"') + self.kwic("type:report", '"public core"')}
        for h in hits:
            self.assertIn("locator", h)  # a default field of version 2
            loc = parse(h["locator"])
            self.assertEqual(loc["id"], h["id"])
            # the same span, page, line and hash as the KWIC line of that match
            self.assertEqual(kwic[(h["id"], loc["start"])]["locator"], h["locator"])
            # and the snippet's first highlight shows those bytes
            a, b = h["highlights"][0]
            self.assertEqual(folded(h["snippet"][a:b]), "public core")

    def test_tsv_locator_field(self):
        rc, out, err = self.search("-f", "tsv", "--header", "-n", "3", "core", check=0)
        rows = [r.split("\t") for r in out.splitlines()]
        self.assertEqual(rows[0][-1], "locator")
        for r in rows[1:]:
            self.assertEqual(parse(r[-1])["id"], r[rows[0].index("id")])

    def test_version_1_has_no_locators(self):
        rc, out, err = self.search("--format-version=1", "--fields", "id,locator", "core")
        self.assertEqual(rc, 2)
        self.assertIn("unknown field 'locator'", err)
        self.assertNotIn("locator", err.split("(fields: ")[1])
        rc, out, err = self.search("--format-version=1", "--kwic", "-f", "json", "core",
                                   check=0)
        self.assertNotIn('"locator"', out)


class EditedLocators(CliTest):

    def test_hash_is_the_text_hash_and_follows_edits(self):
        text = "Alpha beta gamma.\nDelta beta epsilon.\n"
        self.write("a.txt", text)
        self.write("b.txt", "Another beta text.\n")
        self.index_corpus("-q")
        want = f"{fnv1a64(text.encode()):016x}"[:12]
        hits = self.search_json("--fields", "id,locator", "id:a.txt")
        self.assertEqual(hits, [{"id": "a.txt", "locator": f"a.txt@0-{len(text)}~{want}"}])
        hits = self.search_json("--fields", "id,locator", "beta")
        locs = {h["id"]: h["locator"] for h in hits}
        self.assertEqual(locs["a.txt"], f"a.txt@6-10~{want}")  # its first "beta"
        before_b = locs["b.txt"]
        lines = self.search("--kwic", "-f", "json", "beta", check=0)[1].splitlines()
        self.assertEqual([json.loads(l)["locator"] for l in lines[:2]],
                         [f"a.txt@6-10~{want}", f"a.txt@24-28~{want}"])
        # edit a.txt (same length, same spans): its locators change hash, b's do not
        edited = text.replace("gamma", "GAMMA")
        self.write("a.txt", edited)
        self.index_corpus("-q")
        new = f"{fnv1a64(edited.encode()):016x}"[:12]
        self.assertNotEqual(new, want)
        hits = self.search_json("--fields", "id,locator", "beta")
        locs = {h["id"]: h["locator"] for h in hits}
        self.assertEqual(locs["a.txt"], f"a.txt@6-10~{new}")
        self.assertEqual(locs["b.txt"], before_b)

    def test_any_id_parses_back(self):
        ids = ["we@ird~id #1: x/y", "a@1-2~0123456789ab", "Résumé 東京.txt", "back\\slash"]
        rows = "".join(f"{i}.txt\t{name}\n" for i, name in enumerate(ids))
        self.write("manifest.tsv", "path\tid\n" + rows.replace("\\", "\\\\"))
        for i in range(len(ids)):
            self.write(f"{i}.txt", f"text {i} with the keyword\n")
        self.index_corpus("-q")
        got = {}
        for h in self.search_json("--fields", "id,locator", "keyword"):
            loc = parse(h["locator"])
            self.assertEqual(loc["id"], h["id"])
            self.assertEqual(loc["end"] - loc["start"], len("keyword"))
            got[h["id"]] = h["locator"]
        self.assertEqual(sorted(got), sorted(ids))
        rc, out, err = self.search("--kwic", "-f", "tsv", "keyword", check=0)
        for row in out.splitlines():
            cols = row.split("\t")
            # TSV escapes the backslash of the id in both columns alike
            self.assertEqual(parse(cols[10])["id"], cols[0])


if __name__ == "__main__":
    unittest.main()
