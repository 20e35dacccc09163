"""End-to-end tests of citable results (README, Citing): searcher --show LOCATOR, the
index fingerprint and --with-fingerprint headers.

A locator comes from the searcher's own KWIC lines; what --show gives back is checked
against what the test knows without it: the KWIC line's match and page and line, the
passage's `cites` field, the text the test wrote, and a fingerprint worked out here from
the grammar in fingerprint.h (FNV-1a 64 over the sorted ids and text hashes)."""
import json
import os
import re

from cli import CliTest, SeedTest

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "..", "common", "schema.h"), encoding="utf-8") as f:
    SCHEMA = re.search(r'#define DS_SCHEMA_VERSION "(\d+)"', f.read()).group(1)
FP = re.compile(SCHEMA + r":[0-9a-f]{16}")


class SeedShow(SeedTest):

    def kwic(self, *args):
        rc, out, err = self.search("--kwic", "--format", "json", *args, check=0)
        return [json.loads(line) for line in out.splitlines()]

    def show(self, *args, check=None):
        return self.search("--show", *args, check=check)

    def show_json(self, *args, check=0):
        rc, out, err = self.show(*args, "--format", "json", check=check)
        lines = out.splitlines()
        self.assertEqual(len(lines), 1, out)
        return json.loads(lines[0]), err

    def test_kwic_locator_shows_its_match_and_footnotes(self):
        cites = {h["id"]: h["cites"] for h in self.search_json("--fields", "id,cites",
                                                                 "type:passage")}
        # a citation has no line map: its page and line are where its footnote starts
        notes = {h["id"]: (h["page"], h["line"])
                 for h in self.search_json("--fields", "id,page,line", "type:citation")}
        lines = self.kwic("ICANN") + self.kwic('"public core"')
        with_notes = [l for l in lines if cites.get(l["id"])]
        self.assertGreater(len(with_notes), 3)
        for l in lines[:8] + with_notes[:8]:
            s, err = self.show_json(l["locator"])
            self.assertEqual(s["status"], "ok", s)
            self.assertEqual(s["match"], l["match"])
            place = notes[l["id"]] if l["id"] in notes else (l["page"], l["line"])
            self.assertEqual((s["id"], s["page"], s["line"]), (l["id"], *place))
            self.assertEqual(s["locator"], l["locator"])
            self.assertIsNone(s["now"])
            self.assertEqual(s["title"], l["title"])
            self.assertEqual(s["date"], l["date"])
            want = [{"number": c["footnote"], "title": c["title"], "url": c["url"]}
                    for c in cites.get(l["id"], [])]
            self.assertEqual(s["footnotes"], want, l["id"])
            self.assertEqual(err, "")
            # the contexts are the text around the match (KWIC's, cut in other units)
            kw = folded(l["left"] + l["match"] + l["right"])
            self.assertIn(folded(l["match"]), folded(s["left"] + s["match"] + s["right"]))
            self.assertTrue(folded(s["left"]).endswith(folded(l["left"])[-10:]) or
                            len(folded(s["left"])) < 10, (s, kw))

    def test_context_words_are_analyzer_words(self):
        l = [l for l in self.kwic('"public core"') if "#p" in l["id"]][0]
        for n in (0, 1, 3, 12):
            s, _ = self.show_json(l["locator"], "--context-words", str(n))
            words = lambda t: re.findall(r"\w+(?:[-'’]\w+)*", t)
            self.assertEqual(len(words(s["left"])), n, s)
            self.assertEqual(len(words(s["right"])), n, s)
            self.assertEqual(s["match"], "public core")

    def test_text_and_tsv(self):
        l = [l for l in self.kwic("ICANN") if "#p2@" in l["locator"]][0]
        rc, out, err = self.show(l["locator"], check=0)
        self.assertTrue(out.startswith(l["locator"] + "\n"), out)
        self.assertIn("[[" + l["match"] + "]]", out)
        self.assertIn("  footnote  3  ICANN Operating and Financial Plans <https://", out)
        self.assertIn(f"  page      {l['page']}, line {l['line']}\n", out)
        self.assertNotIn("\033", out)
        rc, out, err = self.show(l["locator"], "--format", "tsv", "--header", check=0)
        rows = [r.split("\t") for r in out.splitlines()]
        self.assertEqual(rows[0][:3], ["locator", "id", "title"])
        self.assertEqual(len(rows[0]), 15)
        row = dict(zip(rows[0], rows[1]))
        self.assertEqual((row["match"], row["status"], row["page"], row["line"]),
                         (l["match"], "ok", str(l["page"]), str(l["line"])))
        self.assertEqual([r[:2] for r in rows[2:]], [["#footnote", "2"], ["#footnote", "3"]])

    def test_malformed_and_unknown_exit_2(self):
        loc = self.kwic("ICANN")[0]["locator"]
        doc, span = loc.rsplit("@", 1)
        for bad, column in ((loc[:-1], len(loc) - 11), (doc + "@9-x" + span[span.index("~"):],
                                                       len(doc) + 4), ("no-span~0123456789ab", 1)):
            rc, out, err = self.show(bad, check=2)
            self.assertEqual(out, "")
            self.assertIn(f"searcher: malformed locator: ", err)
            self.assertIn(f"(column {column})", err, bad)
        rc, out, err = self.show("nosuch.txt@0-3~0123456789ab", check=2)
        self.assertEqual(out, "")
        self.assertIn("no document in the index has the locator's id: nosuch.txt", err)
        # options that do not fit
        self.show(loc, "--kwic", check=2)
        self.show(loc, "--context", "3", check=2)
        self.show(loc, "ICANN", check=2)
        self.search("--quote", "x", "ICANN", check=2)

    def test_span_past_the_end_is_changed(self):
        l = self.kwic("ICANN")[0]
        head, hash_ = l["locator"].rsplit("~", 1)
        doc = head.rsplit("@", 1)[0]
        s, err = self.show_json(f"{doc}@0-999999~{hash_}", check=1)
        self.assertEqual(s["status"], "changed")
        self.assertIsNone(s["match"])
        self.assertIn("changed since this locator was made", err)

    def test_fingerprint(self):
        rc, out, err = self.search("--fingerprint", check=0)
        fp = out.strip()
        self.assertRegex(fp, FP)
        rc, out, err = self.search("--fingerprint", "--format", "json", check=0)
        j = json.loads(out)
        self.assertEqual(j["fingerprint"], fp)
        self.assertEqual(j["documents"], len(self.search_json("--fields", "id", "type:report")) +
                         len(self.search_json("--fields", "id", "type:passage")) +
                         len(self.search_json("--fields", "id", "type:citation")))
        self.search("--fingerprint", "ICANN", check=2)

    def test_with_fingerprint_headers(self):
        fp = self.search("--fingerprint", check=0)[1].strip()
        for mode in ([], ["--kwic"], ["--collocates", "--min-freq", "1"], ["--timeline"],
                     ["--kwic", "--count"]):
            rc, out, err = self.search("--format", "json", "--with-fingerprint", *mode,
                                       "--explain", '"public core"', check=0)
            lines = [json.loads(x) for x in out.splitlines()]
            self.assertGreater(len(lines), 1, mode)
            head = lines[0]
            self.assertEqual(head["fingerprint"], fp)
            self.assertEqual(head["text"], '"public core"')
            self.assertIn(f"parsed: {head['parsed']}\n", err)
            self.assertNotIn("fingerprint", "".join(json.dumps(x) for x in lines[1:]))
        rc, out, err = self.search("--format", "json", "--with-fingerprint", "--batch",
                                   stdin=b"a\tICANN\nb\t(bad\n", check=2)
        lines = [json.loads(x) for x in out.splitlines()]
        heads = [x for x in lines if "fingerprint" in x]
        self.assertEqual([(h["query"], h["fingerprint"], h["text"]) for h in heads],
                         [("a", fp, "ICANN"), ("b", fp, "(bad")])
        self.assertEqual(heads[0]["parsed"], "word:icann")
        self.assertIsNone(heads[1]["parsed"])
        self.assertEqual(lines[0], heads[0])  # each answer starts with its header
        self.search("--with-fingerprint", "ICANN", check=2)  # JSON only


def folded(s):
    return " ".join(s.lower().split())


class Reindexed(CliTest):
    """Locators and fingerprints across edits and reindexing of small corpora."""

    TEXTS = {"a.txt": "Alpha notes on the public core of the internet, kept as is.\n",
             "b.txt": "Beta says the public core matters. Later words follow here.\n",
             "c.txt": "Gamma has nothing of it.\n"}

    def setUp(self):
        super().setUp()
        for name, text in self.TEXTS.items():
            self.write(name, text)

    def locators(self):
        rc, out, err = self.search("--kwic", "--format", "json", '"public core"', check=0)
        return {json.loads(l)["id"]: json.loads(l)["locator"] for l in out.splitlines()}

    def fingerprint(self, index=None):
        rc, out, err = self.run_tool("searcher", "-d", index or self.index, "--fingerprint",
                                     check=0)
        return out.strip()

    def test_edit_changes_only_that_document(self):
        self.index_corpus("-q")
        locs = self.locators()
        self.assertEqual(sorted(locs), ["a.txt", "b.txt"])
        before = self.fingerprint()
        self.write("b.txt", "Beta now says, first of all, that the PUBLIC core matters.\n")
        self.write("c.txt", "Gamma has nothing of it, still.\n")  # unrelated, reindexed
        rc, out, err = self.index_corpus("-q")
        self.assertIn("2 updated", out + err)
        self.assertNotEqual(self.fingerprint(), before)
        rc, out, err = self.search("--show", locs["a.txt"], "--format", "json", check=0)
        self.assertEqual(json.loads(out)["match"], "public core")
        rc, out, err = self.search("--show", locs["b.txt"], check=1)
        self.assertIn("CHANGED", out)
        self.assertNotIn("[[", out)  # no text is shown as the locator's
        self.assertIn("b.txt changed since this locator was made", err)
        rc, out, err = self.search("--show", locs["b.txt"], "--format", "json",
                                   "--quote", "public core", check=1)
        s = json.loads(out)
        self.assertEqual((s["status"], s["occurrences"], s["match"]),
                         ("changed", 1, "PUBLIC core"))
        self.assertNotEqual(s["current_hash"], locs["b.txt"][-12:])
        rc, out, err = self.search("--show", s["now"], "--format", "json", check=0)
        self.assertEqual(json.loads(out)["match"], "PUBLIC core")
        rc, out, err = self.search("--show", locs["b.txt"], "--quote", "private core", "-f",
                                   "tsv", check=1)
        row = out.splitlines()[0].split("\t")
        self.assertEqual(row[11:], ["changed", s["current_hash"], "", "0"])
        self.search("--show", locs["b.txt"], "--quote", "..", check=2)

    def test_fingerprint_is_the_documents_not_the_sharding(self):
        texts = dict(self.TEXTS)
        for k in (9, 10, 100, 11):  # natural (walk) order is not byte order
            texts[f"n{k}.txt"] = f"Note {k}.\n"
            self.write(f"n{k}.txt", texts[f"n{k}.txt"])
        self.index_corpus("-q", "--jobs", "1")
        two = os.path.join(self.tmp, "index2")
        self.run_tool("indexer", "-q", "-d", two, "--jobs", "2", self.corpus, check=0)
        with open(os.path.join(two, "XAPIANDB")) as f:
            self.assertEqual(f.read().count("glass "), 2)  # two shards
        fp = self.fingerprint()
        self.assertEqual(fp, self.fingerprint(two))
        # worked out here: FNV-1a 64 over "id\0hash\n" by id
        want = 0xcbf29ce484222325
        for name in sorted(texts):
            for b in name.encode() + b"\0" + fnv_hex(texts[name].encode()) + b"\n":
                want = ((want ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
        self.assertEqual(fp, f"{SCHEMA}:{want:016x}")
        self.write("a.txt", "Alpha, edited.\n")
        self.index_corpus("-q")
        self.assertNotEqual(self.fingerprint(), fp)

    def test_control_characters_never_reach_the_terminal(self):
        self.write("d.txt", "Delta \x1b[31mred\x1b[0m public core \u202eevil\u202c end\n")
        self.index_corpus("-q")
        loc = self.locators()["d.txt"]
        rc, out, err = self.search("--show", loc, check=0)
        self.assertNotIn("\x1b", out)
        self.assertNotIn("\u202e", out)
        self.assertIn("[[public core]]", out)


def fnv_hex(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}".encode()
