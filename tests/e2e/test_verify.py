"""End-to-end tests of searcher --verify (README, Verifying quotes).

Every quoted statement of the seed report is taken from the seed file by the test
itself (the text between “ and ”, page-break footnote blocks cut out as a reader
would), and must verify against the report with the page it starts on and the
footnote its closing marker names. Each tolerated difference, alone and combined,
verifies; a changed, added or missing word fails naming it; a formula repeated by
later documents lists its earliest source first; batch ids and exit status."""
import json
import os
import re
import unittest

from cli import CliTest, SeedTest, SEED, SRC


def seed_quotes(text):
    """(quote, page, marker) of every quote of 3 words or more in the seed's body. A
    page starts at a line opening with one space; its footnote block (a number alone
    on a line after a blank line, or the seed's one footnote continued from the page
    before, whose text comes first: "“The Revised ...") runs to the page's end."""
    kept, page, infn = [], 1, False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i and line.startswith(" "):
            page, infn = page + 1, False
        if (i and re.fullmatch(r"\d+", line) and lines[i - 1] == "") or \
                line.startswith("“The Revised “Pre-draft”"):
            infn = True
        if not infn:
            kept.append((page, line))
    body, pages = "", []
    for page, line in kept:
        pages.append((len(body), page))
        body += line + "\n"
    out = []
    for m in re.finditer(r"“(.*?)”(\d*)", body, re.S):
        if len(m.group(1).split()) >= 3:
            page = max(p for p in pages if p[0] <= m.start(1))[1]
            out.append((m.group(1), page, m.group(2)))
    return out


class SeedVerify(SeedTest):
    def verify(self, *args, check=None, stdin=None):
        rc, out, err = self.search("-f", "json", "--verify", *args, check=check, stdin=stdin)
        return rc, [json.loads(line) for line in out.splitlines()], err

    def assert_verified(self, quote, *notes):
        rc, places, err = self.verify(quote)
        self.assertEqual(rc, 0, f"{quote!r}: {places} {err}")
        self.assertEqual(places[0]["verdict"], "equivalent" if notes else "exact", quote)
        for n in notes:
            self.assertIn(n, places[0]["normalized"], quote)
        return places

    def test_every_quote_of_the_seed(self):
        quotes = seed_quotes(self.seed_text)
        self.assertGreaterEqual(len(quotes), 30)
        lines = "".join(f"q{i}\t{' '.join(q.split())}\n" for i, (q, _, _) in enumerate(quotes))
        rc, places, err = self.verify("-", stdin=lines.encode(), check=0)
        by_id = {}
        for p in places:
            by_id.setdefault(p["query"], []).append(p)
        oewg = 0
        for i, (quote, page, marker) in enumerate(quotes):
            got = by_id.get(f"q{i}")
            self.assertTrue(got, quote)
            for p in got:
                self.assertIn(p["verdict"], ("exact", "equivalent"), (quote, p))
            if not marker:
                continue
            passages = [p for p in got if "#p" in p["id"]]
            self.assertTrue(passages, quote)
            p = passages[0]
            self.assertEqual(p["page"], page, quote)
            self.assertIn(int(marker), p["footnotes"], quote)
            oewg += 1
        self.assertGreaterEqual(oewg, 15)

    def test_first_page_break(self):
        # the Iran statement runs from page 1 over footnotes 1-4 to page 2
        quote = ("These [unilateral] digital sanctions have affected investment in ICT "
                 "infrastructures as well as access to digital technologies, digital "
                 "resources such as IPs and DNS system and networks which not only "
                 "constitute barriers for achieving national ICT-related development goals "
                 "but also violate human rights.")
        p = self.assert_verified(quote, "page break")[0]
        self.assertEqual((p["page"], p["footnotes"]), (1, [5]))
        self.assertTrue(p["id"].endswith("#p6"))
        self.assertTrue(p["locator"].startswith(p["id"] + "@"))

    def test_tolerated_alone(self):
        fin = "We also wish to lend our strong support to the proposal made by the Netherlands"
        self.assert_verified(fin)
        self.assert_verified(fin.replace(" ", "\n  "))  # white space, line breaks
        self.assert_verified(fin.upper(), "case")
        self.assert_verified(fin.replace("proposal", "propo-\nsal"), "hyphenation")
        self.assert_verified(fin.replace("lend our", "lend [our]"), "insertion")
        self.assert_verified(fin.replace("strong", "[very] strong"), "insertion")
        for e in ("…", "...", "[...]", "[…]"):
            p = self.assert_verified(fin.replace("lend our strong support", e),
                                     "ellipsis")[0]
            self.assertEqual(p["omitted"], ["lend our strong support"])
        self.assert_verified("the Internet ecosystem and ICANN's mission", "quote style")
        self.assert_verified("ICANN’s mission.2 Monitoring such activities", "footnote marker")
        self.assert_verified("the ﬁrst Open–ended Working Group", "ligature", "quote style")

    def test_tolerated_combined(self):
        quote = ("WE ALSO wish to lend … support to the propo-\nsal made by the "
                 "Netherlands on the [very] protection of integrity")
        self.assert_verified(quote, "case", "ellipsis", "hyphenation", "insertion")

    def test_one_word_differs(self):
        base = "We also wish to lend our strong support to the proposal"
        for quote, diff in (
                (base.replace("strong", "weak"), {"source": "strong", "quote": "weak"}),
                (base.replace("our", "our very"), {"source": None, "quote": "very"}),
                (base.replace("our ", ""), {"source": "our", "quote": None})):
            rc, places, err = self.verify(quote)
            self.assertEqual(rc, 1, quote)
            self.assertEqual(places[0]["verdict"], "different")
            self.assertEqual(places[0]["differences"], [diff])
            self.assertTrue(places[0]["id"].endswith("#p5"))
        rc, out, err = self.search("--verify", base.replace("strong", "weak"))
        self.assertIn('source has "strong", quote has "weak"', out)
        rc, out, err = self.search("-f", "tsv", "--verify", base.replace("our ", ""))
        cols = out.rstrip("\n").split("\t")
        self.assertEqual((cols[0], len(cols), cols[-1]), ("different", 13, 'quote omits "our"'))

    def test_not_found_and_refused(self):
        rc, places, err = self.verify("zzqq xxyy wwvv uutt")
        self.assertEqual((rc, places), (1, [{"query": None, "verdict": "not_found"}]))
        rc, out, err = self.search("--verify", "public core")
        self.assertEqual(rc, 2)
        self.assertIn("fewer than 3 words", err)

    def test_batch(self):
        lines = ("ok\tWe also wish to lend our strong support\n"
                 "bad\tWe also wish to lend our weak support\n")
        rc, places, err = self.verify("-", stdin=lines.encode())
        self.assertEqual(rc, 0)
        self.assertEqual([p["query"] for p in places], ["ok", "bad"])
        rc, out, err = self.search("--batch", "--verify", stdin=lines.encode())
        self.assertEqual([line[:5] for line in out.splitlines()],
                         ["[ok] ", "[ok] ", "[bad]", "[bad]", "[bad]"])
        rc, out, err = self.search("--batch", "--verify", stdin=lines.splitlines()[1].encode())
        self.assertEqual(rc, 1)
        rc, out, err = self.search("-f", "tsv", "--batch", "--verify",
                                   stdin=(lines + "x\ttwo words\n").encode())
        self.assertEqual(rc, 2)
        self.assertIn("x\t#error\t", out)


class RepeatedFormula(CliTest):
    FORMULA = "the general availability or integrity of the public core of the Internet"

    def test_earliest_first(self):
        self.write("manifest.tsv", "path\tdate\tactor\n"
                   "late.txt\t2021-03-01\tB\nfirst.txt\t2015-07-22\tA\n"
                   "undated.txt\t\tD\nmid.txt\t2019-11-05\tC\nother.txt\t2016-01-01\tE\n")
        self.write("late.txt", f"Later it said: {self.FORMULA}.\n")
        self.write("first.txt", f"We call for {self.FORMULA.upper()} to be protected.\n")
        self.write("undated.txt", f"Undated: {self.FORMULA}, again.\n")
        broken = self.FORMULA.replace("integrity", "integ-\nrity")  # a line-end hyphen
        self.write("mid.txt", f"Recalling {broken}.\n")
        self.write("other.txt", "Nothing about it here, only the public core.\n")
        self.index_corpus()
        rc, out, err = self.search("-f", "json", "--verify", self.FORMULA, check=0)
        places = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([p["id"] for p in places],
                         ["first.txt", "mid.txt", "late.txt", "undated.txt"])
        self.assertEqual([p["verdict"] for p in places],
                         ["equivalent", "equivalent", "exact", "exact"])
        self.assertIn("hyphenation", places[1]["normalized"])
        rc, out, err = self.search("--verify", self.FORMULA, check=0)
        self.assertTrue(out.startswith("equivalent first.txt@"), out)


class ManyPlaces(CliTest):
    """Places are looked for where the quote's runs of words stand together (a phrase
    query wide enough for compounds, possessives and markers), in every document, not
    only the 20 that best match its words."""
    QUOTE = "the State's cyber-related obligations under inter-national law"

    def test_every_place_of_compounds_and_possessives(self):
        n = 25
        for i in range(n):
            self.write(f"d{i:02}.txt", f"In {2000 + i} delegation {i} recalled that "
                       f"{self.QUOTE.replace('the State', 'the STATE')} were clear.\n")
        self.write("near.txt", "the State's obligations under law, cyber-related or "
                   "inter-national, were another matter.\n")
        self.index_corpus()
        rc, out, err = self.search("-f", "json", "--verify", self.QUOTE, check=0)
        places = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(sorted(p["id"] for p in places), [f"d{i:02}.txt" for i in range(n)])
        self.assertEqual({p["verdict"] for p in places}, {"equivalent"})  # STATE: case


if __name__ == "__main__":
    unittest.main()
