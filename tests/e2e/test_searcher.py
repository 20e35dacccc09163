"""End-to-end tests of searcher: hits, counts, ranking, snippets, facets, formats, exit
codes, batch mode, and hostile document text."""
import json
import os
import subprocess
import unittest

from cli import CliTest, binary


class Searcher(CliTest):
    def setUp(self):
        super().setUp()
        self.write("finland.txt", "---\ntitle: Statement by Finland\ndate: 2020-07-02\n"
                   "actor: Finland\ntype: statement\n---\n"
                   "We support the proposal on the protection of the public core of the "
                   "internet and its critical infrastructure.\n")
        self.write("iran.txt", "---\ndate: 19 November 2020\nactor: Iran\ntype: statement\n---\n"
                   "Digital sanctions have affected investment in ICT infrastructures and "
                   "national ICT-related development goals.\n")
        self.write("netherlands.txt", "---\ndate: 19 - 22 February 2021\nactor: Netherlands\n"
                   "type: statement\n---\n"
                   "The public core of the Internet. The public core of the internet must be "
                   "protected; protecting the public core is our proposal. See A/RES/75/282.\n")
        self.write("report.txt", "---\ntitle: Cyber report\ndate: 2021-06\ntype: paper\n---\n"
                   "A report on cyber-security and cybersecurity norms, protections and "
                   "the core of public infrastructure.\n")
        self.index_corpus()

    def test_stemming_and_ranking(self):
        hits = self.search_json("protect")
        self.assertEqual({h["id"] for h in hits},
                         {"finland.txt", "netherlands.txt", "report.txt"})
        # the Netherlands text says protect* twice and "public core" three times
        self.assertEqual(self.search_json("public core protect")[0]["id"], "netherlands.txt")
        self.assertEqual([h["rank"] for h in hits], [1, 2, 3])

    def test_phrases_and_proximity(self):
        self.assertEqual(self.ids('"public core of the internet"'),
                         ["finland.txt", "netherlands.txt"])
        self.assertEqual(self.ids('"core of public"'), ["report.txt"])
        self.assertEqual(self.ids('"public core"'), ["finland.txt", "netherlands.txt"])
        self.assertEqual(self.ids('public NEAR/3 core'),
                         ["finland.txt", "netherlands.txt", "report.txt"])
        self.assertEqual(self.ids('"ICT related"'), ["iran.txt"])
        self.assertEqual(self.ids("cybersecurity"), ["report.txt"])
        self.assertEqual(self.ids("A/RES/75/282"), ["netherlands.txt"])

    def test_boolean_fields_dates(self):
        self.assertEqual(self.ids("infrastructure -sanctions"), ["finland.txt", "report.txt"])
        self.assertEqual(self.ids("sanctions OR cybersecurity"), ["iran.txt", "report.txt"])
        self.assertEqual(self.ids("type:statement date:2020"), ["finland.txt", "iran.txt"])
        self.assertEqual(self.ids("date:2021-02-20..2021-02-21"), ["netherlands.txt"])
        self.assertEqual(self.ids("date:..2020-12-31 infrastructure"), ["finland.txt", "iran.txt"])
        self.assertEqual(self.ids("actor:finland"), ["finland.txt"])
        self.assertEqual(self.ids("cyber*"), ["report.txt"])

    def test_count_and_exit_codes(self):
        rc, out, err = self.search("--count", "core", check=0)
        self.assertEqual(out.strip(), "3")
        rc, out, err = self.search("--count", "nothingmatches", check=1)
        self.assertEqual(out.strip(), "0")
        rc, out, err = self.search("(public core", check=2)
        self.assertIn("unbalanced '('", err)
        self.assertIn("\n  (public core\n  ^", err)
        rc, out, err = self.search("colour:red", check=2)
        self.assertIn("unknown field 'colour'", err)
        rc, out, err = self.search("date:2021-02-30", check=2)
        rc, out, err = self.search("protectoin", check=1)
        self.assertIn("did you mean 'protection'", err)
        rc, out, err = self.run_tool("searcher", "-d", os.path.join(self.tmp, "none"), "x",
                                     check=2)
        self.assertIn("no index at", err)

    def test_snippets_and_highlights(self):
        hit = self.search_json('"public core"', "--fields", "id,snippet")[0]
        snippet = hit["snippet"]
        for start, end in hit["highlights"]:
            self.assertEqual(snippet[start:end].lower(), "public core")
        rc, out, err = self.search("sanctions", check=0)
        self.assertIn("Digital sanctions have affected", out)
        self.assertNotIn("\033[", out)  # piped: no escapes

    def test_option_edge_cases(self):
        rc, out, err = self.search("--max-expansion", "1", "protect", check=0)  # words: no cap
        self.assertIn("3 documents match", out)
        self.search("--max-expansion", "1", "prot*", check=2)  # wildcards: capped
        rc, out, err = self.search("protecting xyzzyq", check=1)
        self.assertNotIn("for 'protecting'", err)  # found through its stem: no correction
        rc, out, err = self.search("--batch", "core", stdin=b"core\n", check=2)
        self.assertIn("--batch reads its queries from stdin", err)
        rc, out, err = self.search("--count", "--facet", "type", "core", check=2)
        rc, out, err = self.search("-f", "json", "--facet", "type", "--facet", "type", "core",
                                   check=0)
        facets = [json.loads(l) for l in out.splitlines() if '"facet"' in l]
        self.assertEqual(len(facets), len({f["value"] for f in facets}))

    def test_formats_and_facets(self):
        rc, out, err = self.search("--format", "tsv", "--header", "--fields",
                                   "rank,id,date,actor", "statement OR core", check=0)
        lines = out.splitlines()
        self.assertEqual(lines[0], "rank\tid\tdate\tactor")
        rows = [l.split("\t") for l in lines[1:]]
        self.assertTrue(all(len(r) == 4 for r in rows))
        rc, out, err = self.search("--format", "json", "--facet", "type", "--facet", "actor",
                                   "core", check=0)
        objs = [json.loads(l) for l in out.splitlines()]
        facets = {(o["facet"], o["value"]): o["count"] for o in objs if "facet" in o}
        self.assertEqual(facets[("type", "statement")], 2)
        self.assertEqual(facets[("type", "paper")], 1)
        self.assertEqual(facets[("actor", "Finland")], 1)
        hits = [o for o in objs if "id" in o]
        for key in ("id", "rank", "score", "type", "date", "date_end", "actor", "title", "url",
                    "page", "snippet"):
            self.assertIn(key, hits[0])
        rc, out, err = self.search("--format-version", check=0)
        self.assertEqual(out.strip(), "2")
        self.search("--format-version=3", "x", check=2)

    def test_sort_limit_offset(self):
        ids = [h["id"] for h in self.search_json("--sort", "date", "core OR sanctions")]
        self.assertEqual(ids, ["finland.txt", "iran.txt", "netherlands.txt", "report.txt"])
        ids = [h["id"] for h in self.search_json("--sort", "-date", "core OR sanctions")]
        self.assertEqual(ids, ["report.txt", "netherlands.txt", "iran.txt", "finland.txt"])
        page = self.search_json("--sort", "date", "--offset", "1", "--limit", "2",
                                "core OR sanctions")
        self.assertEqual([h["id"] for h in page][:2], ["iran.txt", "netherlands.txt"])

    def test_batch_with_a_bad_line(self):
        queries = "q1\tpublic core\nbad (query\n\nq3\tnothingmatches\nsanctions\n"
        rc, out, err = self.search("--batch", "--format", "json", stdin=queries.encode())
        self.assertEqual(rc, 2)
        objs = [json.loads(l) for l in out.splitlines()]
        self.assertEqual({o["query"] for o in objs}, {"q1", "2", "q3", "5"})
        self.assertIn({"query": "q3", "hits": 0, "suggestions": {}, "hints": [
            "no document has the word 'nothingmatches'"]}, objs)
        self.assertEqual([o for o in objs if "error" in o][0]["column"], 5)
        self.assertIn("[2] searcher: query error", err)
        rc, out, err = self.search("--batch", "--count", stdin=b"a\tcore\nb\tnothing\n")
        self.assertEqual(rc, 0)
        self.assertEqual(out.splitlines(), ["a\t3", "b\t0"])
        rc, out, err = self.search("--batch", stdin=b"x\tnothingmatches\n")
        self.assertEqual(rc, 1)

    def test_every_field_the_help_names_works(self):
        rc, out, err = self.search("--fields", "nosuchfield", "core", check=2)
        names = err.split("(fields: ")[1].split(";")[0].split(", ")
        self.assertIn("cited_by", names)  # the message used to name half of them
        hits = self.search_json("--fields", ",".join(n for n in names if n != "query"), "core")
        self.assertEqual(len(hits), 3)
        with open(os.path.join(os.environ.get("DS_SOURCE_DIR", "../.."), "README.md")) as f:
            readme = " ".join(f.read().split())
        rc, out, err = self.search("--format", "tsv", "--header", "core", check=0)
        self.assertIn("(default `" + out.splitlines()[0].replace("\t", ",") + "`;", readme)

    def test_output_that_cannot_be_written_is_an_error(self):
        # like grep: answers lost on a full disk are not a success
        for args in (["core"], ["--kwic", "core"], ["--batch"]):
            with open("/dev/full", "wb") as full:
                p = subprocess.run([binary("searcher"), "-d", self.index, *args], input=b"core\n",
                                   stdout=full, stderr=subprocess.PIPE, timeout=60)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(b"No space left", p.stderr)

    def test_batch_text_lines_all_carry_a_safe_id(self):
        # ids come from stdin: in text mode they reach the terminal, so they go through
        # out_text like document text; facet lines carry the id too
        queries = (b"q\x1b[2J1\tcore\nb\xff\xe2\x80\xae\t(bad\nc\x07\tprotektion\n"
                   b"k\x1b]0;x\x07\tcore\n")
        for mode in ([], ["--facet", "actor"], ["--kwic"], ["--kwic", "-c"],
                     ["--collocates", "--min-freq", "1"], ["--timeline"]):
            rc, out, err = self.search("--batch", *mode, stdin=queries)
            self.assertEqual(rc, 2, mode)
            for text in (out, err):
                self.assertNotIn("\x1b", text, mode)
                self.assertNotIn("\x07", text, mode)
                self.assertNotIn("\u202e", text, mode)
            self.assertTrue(all(l.startswith("[") or l.startswith("  ")
                                for l in out.splitlines()), (mode, out))
        rc, out, err = self.search("--batch", "--facet", "actor", stdin=b"f\tcore\n")
        facets = [l for l in out.splitlines() if " actor " in l]
        self.assertEqual(len(facets), 2, out)
        self.assertTrue(all(l.startswith("[f]   actor ") for l in facets), out)


class Possessives(CliTest):
    """A quoted phrase matches exactly the words written: "it's not" is not "it not";
    the possessive still lets ICANN find ICANN’s."""

    def test_possessives_and_contractions(self):
        self.write("a.txt", "ICANN\u2019s mission: it\u2019s not over. It's not.\n")
        self.write("b.txt", "ICANN mission, it not over.\n")
        self.index_corpus()
        self.assertEqual(self.ids('"it\'s not"'), ["a.txt"])
        self.assertEqual(self.ids('"it\u2019s not"'), ["a.txt"])
        self.assertEqual(self.ids("ICANN"), ["a.txt", "b.txt"])
        self.assertEqual(self.ids("ICANN's"), ["a.txt", "b.txt"])
        self.assertEqual(self.ids('"ICANN\u2019s mission"'), ["a.txt"])
        self.assertEqual(self.ids("ICANN's NEAR/1 mission"), ["a.txt"])
        # concordance: the occurrences are the phrase's, their bytes the text's
        rc, out, err = self.search("--kwic", "--count", '"it\'s not"', check=0)
        self.assertEqual(out.strip(), "2 occurrences in 1 document")
        rc, out, err = self.search("--kwic", "--format", "json", '"it\'s not"', check=0)
        self.assertEqual([json.loads(l)["match"] for l in out.splitlines()],
                         ["it\u2019s not", "It's not"])
        hit = self.search_json('"ICANN\'s mission"', "--fields", "id,snippet")[0]
        start, end = hit["highlights"][0]
        self.assertEqual(hit["snippet"][start:end], "ICANN\u2019s mission")


class HostileText(CliTest):
    def test_control_characters_and_invalid_utf8(self):
        self.write("evil.txt", b"hostile \x1b[2J\x1b]0;pwned\x07 text \xff\xfe with \xe2\x80\xae"
                               b"bidi and\r\nnul-free controls \x01\x02 end\n")
        self.index_corpus()
        for fmt in ("text", "tsv"):
            rc, out, err = self.search("--format", fmt, "hostile", check=0)
            self.assertNotIn("\x1b", out)
            self.assertNotIn("\x07", out)
            self.assertNotIn("\u202e", out)
            self.assertFalse(any(ord(c) < 32 and c not in "\t\n" for c in out))
        rc, out, err = self.search("--format", "json", "hostile", check=0)
        obj = json.loads(out.splitlines()[0])
        self.assertIn("\ufffd", obj["snippet"])
        self.assertNotIn("\x1b", out)  # escaped as \u001b inside JSON strings


if __name__ == "__main__":
    unittest.main()
