"""End-to-end tests of what real use showed wrong or unhelpful (issue 9): query semantics,
hints for silent zeros, metadata a researcher relies on, and pipelines. Each test
exercises the class of inputs, on the seed report and on small corpora made here."""
import json
import re
import unittest

from cli import CliTest, SeedTest, SEED

FN = SEED + "#fn"


class FilterScope(CliTest):
    """Filters filter the whole query, or the parenthesized group they stand in."""

    def setUp(self):
        super().setUp()
        docs = [("nl-mar.txt", "2021-03-05", "Netherlands", "cyber norms"),
                ("nl-feb.txt", "2021-02-05", "Netherlands", "cyber norms"),
                ("de-mar.txt", "2021-03-09", "Germany", "cyber norms"),
                ("de-feb.txt", "2021-02-09", "Germany", "cyber norms"),
                ("fr-mar.txt", "2021-03-01", "France", "cyber norms")]
        for name, date, actor, body in docs:
            self.write(name, f"---\ndate: {date}\ntype: statement\n---\n{actor} said {body}\n")
        self.write("memo.txt", "---\ntype: memo\ndate: 2021-03-02\n---\nNetherlands memo\n")
        self.index_corpus()

    def test_a_filter_beside_an_or_filters_both_branches(self):
        self.assertEqual(self.ids("date:2021-03 Netherlands OR Germany"),
                         ["de-mar.txt", "memo.txt", "nl-mar.txt"])
        self.assertEqual(self.ids("Netherlands OR Germany date:2021-03"),
                         ["de-mar.txt", "memo.txt", "nl-mar.txt"])
        self.assertEqual(self.ids("type:memo Netherlands OR Germany"), ["memo.txt"])
        self.assertEqual(self.ids("Netherlands OR Germany -type:statement"), ["memo.txt"])

    def test_parentheses_keep_a_filter_to_their_group(self):
        self.assertEqual(self.ids("(Netherlands date:2021-03) OR Germany"),
                         ["de-feb.txt", "de-mar.txt", "memo.txt", "nl-mar.txt"])

    def test_values_of_one_single_valued_field_are_alternatives(self):
        self.assertEqual(self.ids("type:memo type:statement Netherlands"),
                         ["memo.txt", "nl-feb.txt", "nl-mar.txt"])
        self.assertEqual(self.ids("date:2021-02 date:2021-03-01 norms"),
                         ["de-feb.txt", "fr-mar.txt", "nl-feb.txt"])

    def test_the_explanation_shows_the_scope(self):
        rc, out, err = self.search("--explain", "date:2021-03 Netherlands OR Germany")
        self.assertIn("parsed: AND(date:2021-03-01..2021-03-31, OR(word:netherlands, "
                      "word:germany))", err)


class SeedQueries(SeedTest):

    def test_type_report_filters_every_branch(self):
        hits = self.search_json("type:report cyber OR internet")
        self.assertEqual({h["type"] for h in hits}, {"report"})

    def test_pasted_text_is_a_query(self):
        rc, out, err = self.search("-f", "json", "--fields", "type,actor",
                                   "Netherlands: Over the years", check=0)
        self.assertIn({"type": "passage", "actor": "Netherlands"},
                      [json.loads(l) for l in out.splitlines()])
        self.assertEqual(self.search("Chair\u2019s Summary:", check=0)[0], 0)
        self.assertEqual(self.search("(Summary:) Chair", check=0)[0], 0)

    def test_hints_for_silent_zeros(self):
        rc, out, err = self.search("type:foo cyber", check=1)
        self.assertIn("no document has type:foo (type: citation, passage, report)", err)
        rc, out, err = self.search('"publc core"', check=1)
        self.assertIn("did you mean 'public' (for 'publc')?", err)
        rc, out, err = self.search("actor:netherlnds", check=1)
        self.assertIn("did you mean 'actor:netherlands' (for 'actor:netherlnds')?", err)
        rc, out, err = self.search("GCSC or Slovenia type:passage", check=1)
        self.assertIn("'or' was searched as a word", err)
        self.assertIn("did you mean OR?", err)
        rc, out, err = self.search("China near cyberspace type:passage", check=1)
        self.assertIn("did you mean NEAR?", err)
        rc, out, err = self.search("lang:xx", check=1)
        self.assertIn("no document has lang:xx (lang: en)", err)
        rc, out, err = self.search("type: reprt", check=1)
        self.assertIn("'type: ' with a space", err)
        self.assertIn("did you mean 'report' (for 'reprt')?", err)
        rc, out, err = self.search("cites:99 core", check=1)
        self.assertIn("no passage cites footnote 99", err)

    def test_no_hint_for_what_matched_or_is_excluded(self):
        rc, out, err = self.search("protect", check=0)
        self.assertEqual(err, "")
        rc, out, err = self.search("public -zzzqqq", check=0)
        self.assertEqual(err, "")

    def test_option_values_out_of_range_say_the_range(self):
        for args, valid in ((["--snippet-width", "20000"], "from 20 to 10000"),
                            (["--limit", "-3"], "from 0 to"),
                            (["--max-expansion", "0"], "from 1 to 1000000"),
                            (["--kwic", "--context", "100001"], "from 0 to 100000"),
                            (["--collocates", "--window", "0"], "from 1 to 50"),
                            (["--format", "xml"], "text, tsv or json"),
                            (["--sort", "size"], "relevance, date or -date")):
            rc, out, err = self.search(*args, "core", check=2)
            self.assertIn(valid, err, args)

    def test_url_matches_any_scheme_and_a_trailing_slash(self):
        want = [FN + "30"]
        for url in ("https://undocs.org/a/res/75/282", "http://undocs.org/A/RES/75/282",
                    "https://undocs.org/a/res/75/282/", "undocs.org/a/res/75/282"):
            self.assertEqual(self.ids(f"url:{url} type:citation"), want, url)
        self.assertEqual(self.ids("url:http://undocs.org/* type:citation"), want)

    def test_site_finds_subdomains_and_the_help_says_how_to_find_a_broken_host(self):
        sites = self.ids("site:un-arm.org type:citation")
        self.assertIn(FN + "10", sites)  # front.un-arm.org
        self.assertNotIn(FN + "11", sites)  # front.unarm.org: the extraction lost the '-'
        self.assertIn(FN + "11", self.ids("url:front.un* type:citation"))
        rc, out, err = self.search("--help-query", check=0)
        self.assertIn("url:front.un*", out)

    def test_citation_dates_are_the_cited_documents(self):
        cites = {h["id"]: h for h in self.search_json(
            "--fields", "id,date,date_end,date_rule,meeting", "type:citation")}
        self.assertEqual((cites[FN + "7"]["date"], cites[FN + "7"]["meeting"]),
                         ("2021-02-19", "2021-02-18/2021-02-22"))
        self.assertEqual((cites[FN + "17"]["date"], cites[FN + "17"]["meeting"]),
                         ("2021-03-10", "2021-03-08/2021-03-12"))
        self.assertEqual(cites[FN + "13"]["date"], "2021-03-08")
        self.assertEqual((cites[FN + "9"]["date"], cites[FN + "9"]["date_end"],
                          cites[FN + "9"]["date_rule"]), ("2021-02-18", "2021-02-22", "meeting"))
        self.assertEqual((cites[FN + "2"]["date"], cites[FN + "2"]["date_rule"]),
                         (None, "none"))  # retrieved on 3 June 2021: not the document's
        self.assertEqual(cites[FN + "3"]["date"], "2020-12")  # "December 2020"
        self.assertIn(FN + "7", self.ids("date:2021-02-19 type:citation Slovenia"))

    def test_lang_is_inherited_normalized_an_output_field_and_a_facet(self):
        for lang in ("en", "eng", "english", "English", "EN"):
            rc, out, err = self.search("-c", f"lang:{lang}", check=0)
            self.assertEqual(int(out), 84, lang)
        hits = self.search_json("--fields", "id,type,lang", "cyber")
        self.assertEqual({(h["type"], h["lang"]) for h in hits},
                         {("report", "en"), ("passage", "en"), ("citation", "en")})
        rc, out, err = self.search("-f", "tsv", "--facet", "lang", "-n", "0", "type:passage",
                                   check=0)
        self.assertIn("#facet\tlang\ten\t51", out)

    def test_dates_keep_their_precision(self):
        hits = self.search_json("--fields", "id,date,date_end", "type:report")
        self.assertEqual([(h["date"], h["date_end"]) for h in hits], [("2021-06", "2021-06")])
        rc, out, err = self.search("type:report", check=0)
        self.assertIn("2021-06 ", out)
        self.assertNotIn("2021-06-01", out)

    def test_ids_sort_naturally(self):
        hits = self.search_json("--fields", "id", "type:citation")
        self.assertEqual([h["id"] for h in hits], [FN + str(n) for n in range(1, 33)])
        rc, out, err = self.search("--kwic", "-f", "tsv", "OEWG type:passage", check=0)
        ids = []
        for line in out.splitlines():
            i = line.split("\t")[0]
            if not ids or ids[-1] != i:
                ids.append(i)
        nums = [int(re.search(r"#p(\d+)$", i).group(1)) for i in ids]
        self.assertEqual(nums, sorted(nums))  # document order: #p9 before #p10
        self.assertGreater(len(nums), 10)
        self.assertLess(nums[0], 10)


class Actors(CliTest):
    """One actor whatever the form: built-in aliases (ISO 3166 and organizations) and a
    user's actors.tsv beside the corpus."""

    def setUp(self):
        super().setUp()
        for i, actor in enumerate(["UK", "the United Kingdom", "United Kingdom of Great "
                                   "Britain and Northern Ireland", "the Kingdom of the "
                                   "Netherlands", "NL", "GCSC", "Contoso Foundation"]):
            self.write(f"d{i}.txt", f"---\nactor: {actor}\n---\nstatement number {i}\n")

    def facet(self):
        rc, out, err = self.search("-f", "tsv", "--facet", "actor", "-n", "0", "statement")
        return {l.split("\t")[2]: int(l.split("\t")[3]) for l in out.splitlines()}

    def test_every_form_finds_the_actor_and_facets_count_it_once(self):
        self.index_corpus()
        uk = ["d0.txt", "d1.txt", "d2.txt"]
        for q in ("actor:UK", 'actor:"United Kingdom"', "actor:GBR",
                  'actor:"United Kingdom of Great Britain and Northern Ireland"'):
            self.assertEqual(self.ids(q), uk, q)
        for q in ("actor:NL", "actor:Netherlands", 'actor:"Kingdom of the Netherlands"'):
            self.assertEqual(self.ids(q), ["d3.txt", "d4.txt"], q)
        self.assertEqual(self.ids('actor:"Global Commission on the Stability of Cyberspace"'),
                         ["d5.txt"])
        facet = self.facet()
        self.assertEqual(facet["United Kingdom"], 3)
        self.assertEqual(facet["Netherlands"], 2)
        hits = {h["id"]: h for h in self.search_json("--fields", "id,actor,actor_full",
                                                     "statement")}
        self.assertEqual((hits["d1.txt"]["actor"], hits["d1.txt"]["actor_full"]),
                         ("United Kingdom", "the United Kingdom"))

    def test_a_users_actors_file_extends_the_table_and_rebuilds_on_change(self):
        self.write("actors.tsv", "# our own\nContoso Foundation\tCF\tContoso\n")
        rc, out, err = self.index_corpus()
        self.assertIn("7 added", out)  # actors.tsv is not a document
        self.assertEqual(self.ids("actor:CF"), ["d6.txt"])
        self.write("actors.tsv", "Contoso Foundation\tCF\nNetherlands\tHolland\nbad\n")
        rc, out, err = self.index_corpus()
        self.assertIn("7 updated", out)  # the aliases decide actor terms: all rebuilt
        self.assertEqual(self.ids("actor:Holland"), ["d3.txt", "d4.txt"])
        self.assertEqual(self.ids("actor:Contoso"), ["d6.txt"])  # "Contoso" is gone


class SeedActors(SeedTest):

    def test_report_actors_resolve(self):
        self.assertEqual(len(self.ids("type:passage actor:UK")), 1)
        self.assertEqual(self.ids("type:passage actor:Russia"), [])
        hits = self.search_json("--fields", "id,actor,actor_full,kind",
                                "type:passage delegation noted consensus")
        self.assertIn({"actor": "Netherlands", "actor_full": "The delegation of the "
                       "Netherlands", "kind": "paragraph"},
                      [{k: h[k] for k in ("actor", "actor_full", "kind")} for h in hits])


class Pipelines(SeedTest):

    def batch(self, *args, queries):
        return self.search("--batch", *args, stdin=queries.encode())

    def test_every_query_gets_an_answer_line(self):
        queries = "a\tprotekt infrastructure\n# a comment\n\n   \nb\tpublic core\nzzqqxx\n"
        rc, out, err = self.batch("-f", "json", "--fields", "id", queries=queries)
        self.assertEqual(rc, 0)
        objs = [json.loads(l) for l in out.splitlines()]
        self.assertEqual(objs[0], {"query": "a", "hits": 0,
                                   "suggestions": {"protekt": "protect"},
                                   "hints": ["did you mean 'protect' (for 'protekt')?"]})
        self.assertEqual({o["query"] for o in objs}, {"a", "b", "6"})  # ids: line numbers
        self.assertIn({"query": "6", "hits": 0, "suggestions": {},
                       "hints": ["no document has the word 'zzqqxx'"]}, objs)
        rc, out, err = self.batch("-f", "tsv", "--fields", "query,id", queries=queries)
        self.assertIn("a\t#hits\t0", out.splitlines())
        self.assertIn("6\t#hits\t0", out.splitlines())
        rc, out, err = self.batch(queries=queries)
        self.assertIn("[a] 0 hits", out.splitlines())
        self.assertIn("[6] 0 hits", out.splitlines())
        self.assertIn("[a] searcher: did you mean 'protect' (for 'protekt')?", err)

    def test_concordances_answer_too(self):
        rc, out, err = self.batch("--kwic", "-f", "tsv", queries="k\tzzqqxx\nl\tcore\n")
        lines = out.splitlines()
        self.assertEqual(lines[0], "k\t#hits\t0")
        self.assertTrue(all(l.startswith("l\t") for l in lines[1:]))
        rc, out, err = self.batch("--kwic", "--count", "-f", "tsv", queries="k\tzzqqxx\n")
        self.assertEqual(out, "k\t0\t0\n")


if __name__ == "__main__":
    unittest.main()
