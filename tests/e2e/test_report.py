"""End-to-end tests of reports: the seed report and a synthetic one, indexed as reports
(passages, citations) and searched."""
import json
import os
import shutil
import unittest

from cli import CliTest, SeedTest, SEED, SRC


# The 15 dated statements of the OEWG section: date, date_end, actor.
OEWG_STATEMENTS = [
    ("2020-07-02", "2020-07-02", "Finland"),
    ("2020-11-19", "2020-11-19", "Iran"),
    ("2021-01-19", "2021-01-19", "Netherlands"),
    ("2021-02-19", "2021-02-19", "Slovenia"),
    ("2021-02-19", "2021-02-19", "Germany"),
    ("2021-02-19", "2021-02-22", "Netherlands"),
    ("2021-02-23", "2021-02-23", "United Kingdom"),
    ("2021-02-25", "2021-02-25", "Netherlands"),
    ("2021-03-03", "2021-03-03", "Global Commission on the Stability of Cyberspace"),
    ("2021-03-08", "2021-03-08", "Iran"),
    ("2021-03-08", "2021-03-08", "Cybersecurity Tech Accord"),
    ("2021-03-09", "2021-03-09", "Germany"),
    ("2021-03-09", "2021-03-09", "coalition of nine civil society organizations"),
    ("2021-03-10", "2021-03-10", "China"),
    ("2021-03-12", "2021-03-12", "Global Commission on the Stability of Cyberspace"),
]


class SeedReport(SeedTest):

    def test_verbose_run_reports_what_it_found(self):
        self.assertIn(f"report {SEED}: 8 pages", self.err)
        self.assertIn("32 footnotes, 32 markers linked, 0 not linked", self.err)

    def test_dated_oewg_statements(self):
        hits = self.search_json("--sort", "date", "type:passage kind:statement section:oewg")
        self.assertEqual([(h["date"], h["date_end"], h["actor"]) for h in hits], OEWG_STATEMENTS)
        full = {h["actor_full"] for h in self.search_json(
            "--fields", "actor_full", "type:passage actor:netherlands")}
        # the statements, and the paragraph "The delegation of the Netherlands, ..., noted"
        self.assertEqual(full, {"the Kingdom of the Netherlands",
                                "The delegation of the Netherlands"})

    def test_phrase_across_the_first_page_break(self):
        hits = self.search_json('"not only constitute barriers for achieving"')
        self.assertEqual([(h["type"], h["actor"]) for h in hits if h["type"] == "passage"],
                         [("passage", "Iran")])
        self.assertIn("report", [h["type"] for h in hits])  # the whole cleaned report too

    def test_marker_glued_word_is_found(self):
        hits = self.search_json("--fields", "id,section,snippet", "mission type:passage")
        intro = [h for h in hits if h["section"] == "Introduction"]
        self.assertTrue(intro)
        # "mission.2" lost its marker: the sentence ends "mission." and reads on
        self.assertTrue(any("ICANN’s mission. Monitoring" in h["snippet"] for h in intro))

    def test_no_footnote_text_in_passages(self):
        passages = self.search_json("--snippet-width", "10000", "--fields", "id,snippet",
                                    "type:passage")
        self.assertGreater(len(passages), 40)
        texts = [p["snippet"] for p in passages]
        self.assertFalse(any(t.endswith("…") for t in texts), "a passage was cut")
        citations = self.search_json("--snippet-width", "10000", "--fields", "id,snippet",
                                     "type:citation")
        self.assertEqual(len(citations), 32)
        for c in citations:
            note = c["snippet"]
            middle = note[len(note) // 4: 3 * len(note) // 4]  # no passage quotes this much
            self.assertGreater(len(middle), 15)
            self.assertFalse(any(middle in t for t in texts), middle)

    def test_citations(self):
        fns = {h["footnote"]: h for h in self.search_json(
            "--fields", "id,footnote,url,date,date_end,title", "type:citation")}
        self.assertEqual(sorted(fns), list(range(1, 33)))
        self.assertEqual(fns[2]["url"], "https://www.icann.org/resources/pages/"
                                        "government-engagementpublications-2020-03-02-en")
        self.assertEqual((fns[4]["date"], fns[4]["date_end"]), ("2020-06-19", "2020-07-02"))
        # re-joined across the line break (the extractor itself dropped "oewg-"'s hyphen)
        self.assertEqual(fns[4]["url"], "https://front.un-arm.org/wp-content/uploads/2020/09/"
                         "oewginformal-virtual-meetings-statement-by-finland-19-june-and-2-"
                         "july-2020.pdf")
        self.assertEqual(fns[30]["url"], "https://undocs.org/a/res/75/282")

    def test_cites_links_passages_to_footnotes(self):
        hits = self.search_json("cites:12")
        self.assertEqual([(h["type"], h["actor"], h["date"]) for h in hits],
                         [("passage", "Global Commission on the Stability of Cyberspace", "2021-03-03")])
        cite = hits[0]["cites"][0]
        self.assertEqual(cite["footnote"], 12)
        self.assertTrue(cite["url"].startswith("https://front.un-arm.org/"))
        self.assertEqual(cite["date"], "2021-03-03")
        # which statements cite undocs.org, what did the report cite from March 2021
        self.assertTrue(self.search_json("type:passage site:undocs.org"))
        march = self.search_json("type:citation date:2021-03")
        self.assertTrue(march)
        self.assertTrue(all(h["date"] <= "2021-03-31" and h["date_end"] >= "2021-03-01"
                            for h in march))
        body = {h["type"] for h in self.search_json("symbol:A/RES/75/282")}
        self.assertEqual(body, {"citation", "passage"})
        self.assertTrue(self.search_json("symbol:A/AC.290/*"))

    def test_rerun_is_unchanged_and_deletion_takes_derived_documents(self):
        rc, out, err = self.run_tool("indexer", "-d", self.index, self.corpus, check=0)
        self.assertIn("1 unchanged", out)


class DeleteReport(CliTest):
    def test_deleting_a_report_removes_its_passages_and_citations(self):
        shutil.copy(os.path.join(SRC, "corpus", SEED), self.corpus)
        shutil.copy(os.path.join(SRC, "corpus", "manifest.tsv"), self.corpus)
        self.index_corpus()
        self.assertGreater(int(self.stats()["documents"]), 80)
        os.remove(os.path.join(self.corpus, SEED))
        rc, out, err = self.index_corpus()
        self.assertIn("1 deleted", out)
        self.assertEqual(self.stats()["documents"], "0")


class SyntheticReport(CliTest):
    def test_synthetic_report(self):
        with open(os.path.join(SRC, "tests", "fixtures", "report_synthetic.txt"), "rb") as f:
            text = f.read()
        self.write("synthetic.txt", b"---\ntype: report\ntitle: Synthetic\ndate: 2021-06\n---\n"
                   + text)
        rc, out, err = self.index_corpus("-v")
        self.assertIn("report synthetic.txt:", err)
        hits = self.search_json("--fields", "id,actor,date,date_end,cites",
                                "type:passage kind:statement")
        got = {(h["actor"], h["date"], h["date_end"]) for h in hits}
        self.assertIn(("Testland", "2021-03-03", "2021-03-05"), got)
        # lines count in the file, front matter (5 lines) included
        with open(os.path.join(self.corpus, "synthetic.txt"), encoding="utf-8") as f:
            want = 1 + [i for i, l in enumerate(f) if l.startswith("On 3 - 5 March")][0]
        lines = [h["line"] for h in self.search_json("--fields", "actor,line",
                                                     "type:passage actor:testland")]
        self.assertEqual(lines, [want])
        phrase = self.search_json('"public core of the internet" type:passage')
        self.assertEqual([h["actor"] for h in phrase], ["Testland"])
        urls = [h["url"] for h in self.search_json("--fields", "url", "type:citation")]
        self.assertIn("https://example.org/docs/2020/outcome-of-the-talks-final.pdf", urls)

    def test_cited_document_is_linked_to_its_footnote(self):
        with open(os.path.join(SRC, "tests", "fixtures", "report_synthetic.txt"), "rb") as f:
            text = f.read()
        self.write("synthetic.txt", b"---\ntype: report\ntitle: Synthetic\ndate: 2021-06\n---\n"
                   + text)
        self.write("cited/outcome.txt", "---\ntype: cited\ntitle: Outcome of the Talks\n"
                   "url: https://example.org/docs/2020/outcome-of-the-talks-final.pdf\n---\n"
                   "The full outcome document of the talks, with its annexes.\n")
        self.write("cited/unrelated.txt", "---\ntype: cited\nurl: https://example.org/x\n---\n"
                   "Nothing cites this annexes text.\n")
        self.index_corpus()
        cited = self.search_json("--fields", "id,links", "type:cited annexes")
        links = {h["id"]: h["links"] for h in cited}
        self.assertEqual(links["cited/unrelated.txt"], [])
        (fn,) = links["cited/outcome.txt"]
        self.assertRegex(fn, r"^synthetic\.txt#fn\d+$")
        back = self.search_json("--fields", "id,links", f"id:{fn}")
        self.assertEqual(back[0]["links"], ["cited/outcome.txt"])
        # the shared URL term finds both sides
        both = {h["type"] for h in self.search_json(
            "url:https://example.org/docs/2020/outcome-of-the-talks-final.pdf")}
        self.assertEqual(both, {"citation", "cited", "passage"})


# A title page with \thanks-style symbol footnotes, a numbered one on the next page.
THANKED = ("A manual for hyperref\n"
           "Sebastian Rahtz\u2217 and Heiko Oberdiek\u2020\n"
           "This manual describes the package and its options for authors.\n"
           "\u2217 deceased\n"
           "\u2020 inactive\n"
           "\f"
           "The package is described online as well.1 It has many options.\n"
           "1 See https://example.org/hyperref/manual.pdf\n"
           "\f")


class SymbolFootnotes(CliTest):
    def test_mark_is_output_with_the_citation(self):
        self.write("manual.txt", "---\ntype: report\n---\n" + THANKED)
        self.index_corpus()
        hits = self.search_json("--fields", "id,footnote,mark,page,snippet", "type:citation")
        got = sorted((h["footnote"], h["mark"], h["page"]) for h in hits)
        # numbered footnotes keep their numbers; symbols are numbered after them
        self.assertEqual(got, [(1, "1", 2), (2, "\u2217", 1), (3, "\u2020", 1)])
        self.assertEqual({h["id"] for h in hits},
                         {"manual.txt#fn1", "manual.txt#fn2", "manual.txt#fn3"})
        # the marks left the body: the names read whole, and cite their footnotes
        cited = self.search_json("--fields", "id,cites", '"Rahtz and Heiko Oberdiek"')
        passage = [h for h in cited if h["id"].startswith("manual.txt#p")]
        self.assertEqual([c["footnote"] for c in passage[0]["cites"]], [2, 3])
        rc, out, err = self.search("--format", "tsv", "--fields", "footnote,mark",
                                   "type:citation", "deceased")
        self.assertEqual(out.splitlines(), ["2\t\u2217"])


# A short report whose one footnote is cited ("talks.1") and written at the page's end.
NOTED = ("The Group met in Geneva to discuss the security of the talks.1 It agreed on a\n"
         "programme of work for the next session and closed its meeting.\n"
         "1 Programme of work, https://example.org/programme.pdf\n")


class FootnoteMetadata(CliTest):
    """`footnotes:` in a manifest: an instruction to the parser, not a free field."""

    def index_with(self, value):
        self.write("report.txt", NOTED)
        self.write("manifest.tsv", f"path\ttype\tfootnotes\nreport.txt\treport\t{value}\n")
        return self.index_corpus("-v")

    def test_footnotes_none_in_a_manifest(self):
        rc, out, err = self.index_with("none")
        self.assertIn("0 footnotes", err)
        self.assertEqual(self.search_json("type:citation"), [])
        # the would-be footnote stays text of a passage; nothing is lost
        hits = self.search_json("--fields", "id", '"programme of work" type:passage')
        self.assertEqual(len(hits), 2)  # the sentence, and the line left in the body
        report = self.search_json("--fields", "id,footnotes", "type:report")
        self.assertEqual(report[0]["footnotes"], 0)  # the count, not the instruction
        self.assertEqual(self.search_json("footnotes:none"), [])

    def test_auto_finds_the_footnote(self):
        rc, out, err = self.index_with("auto")
        self.assertIn("1 footnotes", err)
        self.assertEqual(len(self.search_json("type:citation")), 1)

    def test_unknown_value_is_a_warning(self):
        rc, out, err = self.index_with("sometimes")
        self.assertIn("warning: footnotes: unknown value 'sometimes'", err)
        self.assertIn("manifest.tsv", err)
        self.assertEqual(len(self.search_json("type:citation")), 1)  # read as auto


# Three pages, each opening with the same running header; a sentence runs over the
# first page break ("the public" / header / blank line / "core of the internet").
HEADED = ("Report of the Working Group\n\n"
          "The delegations agreed that the work of the Group must protect the public\n"
          "\fReport of the Working Group\n\n"
          "core of the internet, and asked the Chair for a draft by the next session.\n"
          "\fReport of the Working Group\n\n"
          "The Chair circulated the draft to all delegations before the session opened.\n"
          "\fReport of the Working Group\n\n"
          "The session closed on time.\n")


class PageBreakPhrase(CliTest):
    def test_phrase_over_a_page_break_is_in_one_passage(self):
        self.write("headed.txt", "---\ntype: report\n---\n" + HEADED)
        rc, out, err = self.index_corpus("-v")
        self.assertIn("report headed.txt: 4 pages,", err)  # form feeds: counted, not guessed
        hits = self.search_json("--fields", "id,page", '"public core of the internet" type:passage')
        self.assertEqual([h["page"] for h in hits], [1])
        rc, out, err = self.search("--kwic", "--format", "json",
                                   '"public core of the internet" type:passage', check=0)
        lines = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(len(lines), 1)
        self.assertNotIn("Working Group", lines[0]["match"])  # the header is dropped
        # the header is furniture: no passage holds it
        self.assertEqual(self.search_json('"report of the working group" type:passage'), [])


# Front matter numbered in roman, then the body from 1: each page ends with its printed
# number, which is the page's label beside its physical number.
LABELLED = ("Preface of the Working Group\n\nThe preface explains the mandate that the General Assembly gave to the\nGroup.\n"
            "\nii\n"
            "\fReport of the Working Group\n\nThe delegations discussed the draft report of the Group at length and in\ndetail.\n"
            "\n1\n"
            "\fReport of the Working Group\n\nThe delegations adopted the final report of the Group without a vote at\nnoon.\n"
            "\n2\n"
            "\fReport of the Working Group\n\nThe session closed with thanks to the Chair and to the secretariat for its\nwork.\n"
            "\n3\n")


class PageLabels(CliTest):
    def test_printed_page_numbers_are_labels_beside_physical_pages(self):
        self.write("labelled.txt", "---\ntype: report\n---\n" + LABELLED)
        self.index_corpus()
        hits = self.search_json("--fields", "page,page_label", "adopted type:passage")
        self.assertEqual(hits, [{"page": 3, "page_label": "2"}])
        rc, out, err = self.search("mandate type:passage")
        self.assertIn("(p. 1, printed ii)", out)
        rc, out, err = self.search("adopted type:passage")
        self.assertIn("(p. 3, printed 2)", out)


if __name__ == "__main__":
    unittest.main()
