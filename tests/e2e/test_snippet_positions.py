"""End-to-end: a hit's snippet from the index's position lists (the default: only the
tokens at the query terms' positions are read, from the record's position map) must be
byte for byte the snippet of the text path, which tokenizes the stored text itself --
the snippet's text and its highlights, in JSON. DS_SNIPPET_TEXT=1 (a test hook, see
searcher/answer.c) forces the text path. Checked for every class of query (word, stem,
wildcard, exact phrase, overlapping phrase matches, "..."~N, NEAR/N, possessives,
compounds, identifiers, footnote markers, a phrase over page breaks, words also in the
title) on the seed report and on a generated corpus whose long documents hold some
words only late (so the snippet's growing prefixes, 16 KB then 64 KB ..., are used),
at several snippet widths, one batch per width and path."""
import json
import random
import unittest

from cli import CliTest, SeedTest
from test_kwic_positions import GENERATED_QUERIES, QUERIES

SCOPES = ("", " type:report", " type:passage", " type:citation")
WIDTHS = ("160", "40", "600")


class Compare:
    """Both paths over one batch of queries; the JSON lines must be equal bytes."""

    def answers(self, queries, width, text_path):
        batch = "".join(f"q{i}\t{q}\n" for i, q in enumerate(queries))
        env = {"DS_SNIPPET_TEXT": "1"} if text_path else {"DS_SNIPPET_TEXT": ""}
        rc, out, err = self.run_tool("searcher", "-d", self.index, "--batch", "--format",
                                     "json", "--limit", "1000", "--snippet-width", width,
                                     stdin=batch.encode("utf-8"), env=env)
        self.assertIn(rc, (0, 1, 2), err)  # 2: a query of the batch is an error, in-band
        return out

    def assert_same(self, queries):
        """Equal output at every width; returns the hits (of the default width) that
        have highlights, so a test can insist the comparison was not vacuous."""
        for width in WIDTHS:
            mapped = self.answers(queries, width, False)
            text = self.answers(queries, width, True)
            if mapped != text:
                for a, b in zip(mapped.splitlines(), text.splitlines()):
                    self.assertEqual(a, b, f"width {width}")
                self.assertEqual(mapped, text, f"width {width}")
            if width == WIDTHS[0]:
                hits = [json.loads(line) for line in mapped.splitlines()]
        return [h for h in hits if h.get("highlights")]


class SeedSnippets(Compare, SeedTest):
    def test_every_query_class(self):
        queries = [q + s for q in QUERIES for s in SCOPES]
        queries += ['"the public core of the internet" type:report', "mission 2",
                    '"mission 2"', "2", "title:update internet", '"ICT related"~2',
                    "cyber NEAR/5 norms", "ICANN's NEAR/3 mission", '"it\'s not"']
        hits = self.assert_same(queries)
        self.assertGreater(len(hits), 100)
        self.assertGreater(len({h["query"] for h in hits}), 40)


class GeneratedSnippets(Compare, CliTest):
    """Short plain texts (markers stay tokens there: those documents keep the text
    path), and long ones whose rare words come only past 16 KB or 64 KB."""

    WORDS = ["public", "core", "internet", "a", "a", "a", "protect", "protecting",
             "protection", "ICANN\u2019s", "ICANN's", "ICANN", "ICT-related", "ict",
             "related", "cyber-security", "cybersecurity", "cyber", "mission.2",
             "mission", "rights.\u201d5", "mission\u00b2", "A/RES/75/282", "2", "75",
             "https://www.icann.org/en/public", "update", "it's", "not", "U.N.", "norms",
             "caf\u00e9", "na\u00efve\u2014r\u00e9sum\u00e9"]
    FILLER = ["the", "of", "and", "work", "members", "states", "report", "open", "ended"]
    LATE = ["zephyr", "quasar", "zephyr quasar", "nebula", "public core"]
    SEPS = [" ", " ", " ", "\n", ", ", ". ", "\f", " (", ") "]

    def text(self, rnd, words, n):
        return "".join(rnd.choice(words) + rnd.choice(self.SEPS) for _ in range(n))

    def setUp(self):
        super().setUp()
        rnd = random.Random(7)
        for i in range(40):
            title = " ".join(rnd.choice(self.WORDS[:8] + ["update"]) for _ in range(4))
            body = self.text(rnd, self.WORDS, rnd.randint(0, 200))
            self.write(f"g{i:02d}.txt", f"---\ntitle: {title}\nactor: Public Core\n---\n{body}")
        for i in range(12):
            # late words after about 750, 3750 and 13750 filler words (some 5, 25 and 90
            # KB): "zephyr quasar" in long00 is first met apart in the 64 KB prefix, and
            # only past it side by side, where the text's window would go without the
            # prefixes
            parts = []
            for k, n in enumerate((750, 3000, 10000)):
                parts.append(self.text(rnd, self.FILLER + self.WORDS[:3], n))
                parts.append(self.LATE[(i + k) % len(self.LATE)] + " ")
            self.write(f"long{i:02d}.txt", f"---\ntitle: zephyr report {i}\n---\n" + "".join(parts))
        self.index_corpus("-q", "-j", "2")

    def test_every_query_class(self):
        queries = QUERIES + GENERATED_QUERIES + ["cafe", "resume", "naive",
                             "zephyr", "quasar", "zephyr quasar", '"zephyr quasar"',
                             "zephyr NEAR/3 quasar", "nebula public", "neb*", "zeph* core",
                             '"public core" nebula', "title:zephyr members",
                             "zephyr OR nebula", "states -nebula", "members"]
        hits = self.assert_same(queries)
        self.assertGreater(len({h["query"] for h in hits}), 40)
        late = [h for h in hits if h["id"].startswith("long") and h["query"] in
                {f"q{i}" for i, q in enumerate(queries) if q in ("zephyr", "nebula public")}]
        self.assertTrue(late)


if __name__ == "__main__":
    unittest.main()
