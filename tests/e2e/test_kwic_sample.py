"""End-to-end tests of searcher --kwic --sample N --seed S: a reproducible random sample
of the concordance lines.

The sample is checked against the full --kwic output (its lines, in their order) and
against an independent implementation of the documented choice (README: splitmix64 and
Floyd's algorithm over the line numbers), for the whole index and for a subcorpus, in
text, TSV and JSON."""
import json
import random
import unittest

from cli import CliTest

M = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & M

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)

    def below(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            x = self.next()
            if x >= threshold:
                return x % bound


def floyd(total, n, seed):
    """The line numbers README says --sample N --seed S prints, ascending."""
    n = min(n, total)
    rng, chosen = SplitMix64(seed), set()
    for j in range(total - n, total):
        t = rng.below(j + 1)
        chosen.add(j if t in chosen else t)
    return sorted(chosen)


class KwicSample(CliTest):
    def setUp(self):
        super().setUp()
        rnd = random.Random(41)
        words = ["norm", "norms", "alpha", "beta", "public", "core", "gamma"]
        for i in range(20):
            ws = [rnd.choice(words) for _ in range(rnd.randint(0, 150))]
            text = "".join(w + rnd.choice([" ", "\n", ", "]) for w in ws)
            kind = "memo" if i % 2 else "note"
            self.write(f"d{i:02d}.txt", f"---\ntype: {kind}\n---\n{text}")
        self.index_corpus("-q")

    def lines(self, fmt, *args, check=0, env=None):
        rc, out, err = self.run_tool("searcher", "-d", self.index, "--kwic", "-f", fmt, *args,
                                     check=check, env=env)
        return out.splitlines()

    def test_sample_is_the_documented_choice(self):
        for query in (["norm*"], ["type:memo", "norm*"], ['"public core"']):
            for fmt in ("text", "tsv", "json"):
                full = self.lines(fmt, *query)
                self.assertGreater(len(full), 12, query)
                for n, seed in ((1, 1), (5, 1), (5, 2), (12, 99), (len(full) - 1, 7)):
                    got = self.lines(fmt, "--sample", str(n), "--seed", str(seed), *query)
                    want = [full[i] for i in floyd(len(full), n, seed)]
                    self.assertEqual(got, want, (query, fmt, n, seed))

    def test_reproducible_and_seeded(self):
        a = self.lines("json", "--sample", "6", "--seed", "5", "norm*")
        self.assertEqual(a, self.lines("json", "--sample", "6", "--seed", "5", "norm*"))
        self.assertNotEqual(a, self.lines("json", "--sample", "6", "--seed", "6", "norm*"))
        # the default seed is 1
        self.assertEqual(self.lines("tsv", "--sample", "6", "norm*"),
                         self.lines("tsv", "--sample", "6", "--seed", "1", "norm*"))
        self.assertEqual(len(set(a)), 6)

    def test_other_orders_and_the_text_path(self):
        for order in ("L1", "-date", "R2"):
            full = self.lines("tsv", "--sort", order, "norm*")
            got = self.lines("tsv", "--sort", order, "--sample", "4", "--seed", "3", "norm*")
            self.assertEqual(got, [full[i] for i in floyd(len(full), 4, 3)], order)
        pos = self.lines("json", "--sample", "7", "--seed", "11", "norm*")
        text = self.lines("json", "--sample", "7", "--seed", "11", "norm*",
                          env={"DS_KWIC_TEXT": "1"})
        self.assertEqual(pos, text)

    def test_more_than_there_are_and_exit_statuses(self):
        full = self.lines("json", "norm*")
        self.assertEqual(self.lines("json", "--sample", str(len(full) + 5), "norm*"), full)
        self.lines("json", "--sample", "3", "zzzz", check=1)
        for bad in (["--sample", "0"], ["--sample", "x"], ["--seed", "2"],
                    ["--sample", "2", "--count"], ["--sample", "2", "-n", "1"],
                    ["--sample", "2", "--offset", "1"], ["--sample", "2", "--seed", "-1"]):
            rc, out, err = self.search("--kwic", *bad, "norm*")
            self.assertEqual(rc, 2, bad)
            self.assertIn("searcher:", err)
        for mode in ("--collocates", "--timeline", "--breakdown"):
            rc, out, err = self.search(mode, "--sample", "2", "norm*")
            self.assertEqual(rc, 2, mode)
        rc, out, err = self.search("--sample", "2", "norm*")
        self.assertEqual(rc, 2)


if __name__ == "__main__":
    unittest.main()
