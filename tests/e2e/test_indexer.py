"""End-to-end tests of indexer: sources, metadata, incremental runs, jobs, locking, kill -9."""
import fcntl
import gzip
import os
import signal
import subprocess
import time
import unittest

from cli import CliTest, binary


class Sources(CliTest):
    def test_manifest_and_front_matter(self):
        self.write("a.txt", "The public core of the internet.\n")
        self.write("b.txt", "---\ntitle: Statement by Finland\ndate: 19 June and 2 July 2020\n"
                            "actor: Finland\ntype: statement\ncommittee: OEWG\n---\n"
                            "We support the proposal made by the Netherlands.\n")
        self.write("manifest.tsv", "path\ttitle\tdate\tactor\ttype\turl\n"
                   "a.txt\tCore paper\t2021-03\tKingdom of the Netherlands\tpaper\t"
                   "https://docs.un.org/A/RES/75/282\n")
        self.index_corpus()
        a = self.search_json("id:a.txt")[0]
        self.assertEqual(a["title"], "Core paper")
        self.assertEqual((a["date"], a["date_end"]), ("2021-03", "2021-03"))  # as written
        self.assertEqual(a["actor"], "Netherlands")  # the canonical name (actors.h)
        self.assertEqual(a["type"], "paper")
        b = self.search_json("id:b.txt")[0]
        self.assertEqual((b["date"], b["date_end"]), ("2020-06-19", "2020-07-02"))
        self.assertEqual(b["title"], "Statement by Finland")
        # front matter is metadata, not text
        self.assertEqual(self.ids("statement"), [])
        self.assertEqual(self.ids("type:statement"), ["b.txt"])
        self.assertEqual(self.ids("committee:oewg"), ["b.txt"])
        self.assertEqual(self.ids("actor:netherlands"), ["a.txt"])
        self.assertEqual(self.ids("title:finland"), ["b.txt"])
        self.assertEqual(self.ids("site:un.org"), ["a.txt"])
        self.assertEqual(self.ids("date:2020"), ["b.txt"])
        self.assertEqual(self.ids("date:2021-03-15..2021-04-01"), ["a.txt"])

    def test_front_matter_id_is_not_silently_dropped(self):
        # ids come from the manifest or the path: a front-matter id is a warning
        self.write("a.txt", "---\nid: custom\ntitle: A\n---\nalpha\n")
        self.write("b.txt", "---\nid: b.txt\n---\nbravo\n")  # the same as its path: fine
        rc, out, err = self.index_corpus()
        self.assertIn(os.path.join(self.corpus, "a.txt") +
                      ":2: warning: front-matter id 'custom' ignored", err)
        self.assertIn("1 warning", out)
        self.assertEqual(self.ids("alpha"), ["a.txt"])

    def test_gzip_binary_and_invalid_utf8(self):
        self.write("z.txt.gz", gzip.compress("compressed words about sanctions\n".encode()))
        self.write("bin.txt", b"\x7fELF\x00\x01\x02binary")
        self.write("bad.txt", b"caf\xe9 latin-1 text and valid words\n")
        self.write("notes.md", "not a source format\n")
        rc, out, err = self.index_corpus(check=1)
        self.assertIn("bin.txt", err)
        self.assertIn("NUL byte", err)
        self.assertIn("1 invalid UTF-8 sequences repaired", out)
        self.assertIn("2 skipped (1 not text, 1 unsupported format)", out)
        self.assertIn("1 file skipped because of errors", err)
        self.assertEqual(self.ids("sanctions"), ["z.txt.gz"])
        self.assertEqual(self.ids("latin"), ["bad.txt"])
        hit = self.search_json("latin")[0]
        self.assertIn("\ufffd", hit["snippet"])

    def test_symlinked_directories_are_not_followed(self):
        # two links to "." made the walk recurse 2^40 ways until ELOOP
        self.write("a.txt", "alpha\n")
        self.write("sub/b.txt", "bravo\n")
        os.symlink(".", os.path.join(self.corpus, "loop"))
        os.symlink("..", os.path.join(self.corpus, "sub", "up"))
        os.symlink("a.txt", os.path.join(self.corpus, "link.txt"))  # a file link is a file
        start = time.time()
        rc, out, err = self.index_corpus("--dry-run", check=0)
        self.assertLess(time.time() - start, 10)
        lines = out.splitlines()[:-1]
        self.assertEqual(sorted(l for l in lines if not l.startswith("skip")),
                         ["add\ta.txt", "add\tlink.txt", "add\tsub/b.txt"])
        # not followed, but never silently: listed as skipped, not errors
        skips = sorted(l.split("\t")[1][len(self.corpus) + 1:] for l in lines
                       if l.startswith("skip"))
        self.assertEqual(skips, ["loop", "sub/up"])
        self.assertTrue(out.endswith("0 unchanged, 2 skipped\n"), out)

    def test_ids_from_manifests_are_printed_safely(self):
        # a manifest's id is untrusted text (ids with control characters are refused,
        # see PartialWalks): --dry-run, --verbose and --stats quote it safely
        self.write("r.txt", "Introduction\n\nSome text of a report.\n")
        self.write("manifest.tsv", "path\tid\ttype\nr.txt\tev\u202eil\u0085x\treport\n")
        rc, out, err = self.index_corpus("--dry-run")
        self.assertEqual(out.splitlines()[0], "add\tev il x")
        rc, out, err = self.index_corpus("--verbose")
        rc, stats, _ = self.run_tool("indexer", "-d", self.index, "--stats", check=0)
        for text in (out, err, stats):
            self.assertNotIn("\u202e", text)
            self.assertNotIn("\u0085", text)
        self.assertIn("add ev il x\n", err)
        self.assertIn("report\tev il x\tpages=", stats)

    def test_warnings_name_file_and_line(self):
        self.write("a.txt", "alpha\n")
        self.write("c.txt", "---\ndate: 31 April 2021\n---\ngamma\n")
        self.write("manifest.tsv", "path\tdate\n# comment\na.txt\t2021-02-30\nmissing.txt\t2021\n")
        rc, out, err = self.index_corpus(check=0)
        m = os.path.join(self.corpus, "manifest.tsv")
        self.assertIn(f"{m}:3: warning: date '2021-02-30' of a.txt does not parse", err)
        self.assertIn(f"{m}:4: warning: file 'missing.txt' not found", err)
        self.assertIn(os.path.join(self.corpus, "c.txt") + ":2: warning: date '31 April 2021'",
                      err)
        self.assertIn("3 warnings", out)
        self.assertEqual(self.ids("alpha"), ["a.txt"])  # indexed, without a date
        self.assertIsNone(self.search_json("alpha")[0]["date"])


class Incremental(CliTest):
    def summary(self, out):
        return out.strip().splitlines()[-1]

    def test_the_summary_counts_what_the_plan_announced(self):
        """Every category of the --dry-run plan line, in the summary of the run."""
        import re
        for name in "abcdef":
            self.write(f"{name}.txt", f"text {name}\n")
        self.index_corpus()
        time.sleep(0.01)
        self.write("a.txt", "changed text\n")                       # update
        os.utime(os.path.join(self.corpus, "b.txt"), (1, 1))        # touch: mtime only
        os.remove(os.path.join(self.corpus, "c.txt"))               # delete
        os.rename(os.path.join(self.corpus, "d.txt"), os.path.join(self.corpus, "g.txt"))
        self.write("h.txt", "new text\n")                           # add
        self.write("notes.md", "not text\n")                        # skipped
        rc, plan, err = self.index_corpus("--dry-run")
        rc, run, err = self.index_corpus()
        planned = dict((k, int(n)) for n, k in re.findall(
            r"(\d+) (?:to )?(add|update|touch|rename|delete|unchanged|skipped)",
            plan.splitlines()[-1]))
        done = dict((k, int(n)) for n, k in re.findall(
            r"(\d+) (added|updated|touched|renamed|deleted|unchanged|skipped)", run))
        names = {"add": "added", "update": "updated", "touch": "touched", "rename": "renamed",
                 "delete": "deleted", "unchanged": "unchanged", "skipped": "skipped"}
        self.assertEqual(planned, {"add": 1, "update": 1, "touch": 1, "rename": 1,
                                   "delete": 1, "unchanged": 2, "skipped": 1})
        self.assertEqual({names[k]: v for k, v in planned.items()}, done)

    def test_add_change_delete_rename(self):
        self.write("a.txt", "first version of alpha\n")
        self.write("b.txt", "bravo text\n")
        self.write("c.txt", "charlie text that will move\n")
        rc, out, err = self.index_corpus()
        self.assertIn("3 added", out)
        rc, out, err = self.index_corpus()
        self.assertIn("0 added, 0 updated, 0 touched, 0 renamed, 0 deleted, 3 unchanged", out)
        time.sleep(0.01)
        self.write("a.txt", "second version of alpha\n")
        os.remove(os.path.join(self.corpus, "b.txt"))
        os.rename(os.path.join(self.corpus, "c.txt"), os.path.join(self.corpus, "d.txt"))
        rc, out, err = self.index_corpus("--dry-run")
        self.assertEqual(sorted(out.splitlines()[:-1]),
                         ["delete\tb.txt", "rename\tc.txt\td.txt", "update\ta.txt"])
        self.assertEqual(self.ids("second"), [])  # dry run changed nothing
        rc, out, err = self.index_corpus()
        self.assertIn("0 added, 1 updated, 0 touched, 1 renamed, 1 deleted, 0 unchanged", out)
        self.assertEqual(self.ids("second"), ["a.txt"])
        self.assertEqual(self.ids("first"), [])
        self.assertEqual(self.ids("bravo"), [])
        self.assertEqual(self.ids("charlie"), ["d.txt"])
        self.assertEqual(self.stats()["documents"], "2")

    def test_touch_without_change_is_not_reanalyzed(self):
        self.write("a.txt", "stable text\n")
        self.index_corpus()
        os.utime(os.path.join(self.corpus, "a.txt"), (1, 1))
        rc, out, err = self.index_corpus("--dry-run")
        self.assertEqual(out.splitlines()[0], "touch\ta.txt")
        self.index_corpus()
        rc, out, err = self.index_corpus()
        self.assertIn("1 unchanged", out)

    def test_other_roots_are_left_alone(self):
        other = os.path.join(self.tmp, "other")
        os.makedirs(other)
        with open(os.path.join(other, "o.txt"), "w") as f:
            f.write("other root\n")
        self.write("a.txt", "main root\n")
        self.index_corpus()
        self.index_corpus(paths=[other])
        self.assertEqual(self.ids("root"), ["a.txt", "o.txt"])

    def test_output_that_cannot_be_written_is_an_error(self):
        self.write("a.txt", "alpha\n")
        for args in (["--dry-run", self.corpus], [self.corpus], ["--stats"]):
            with open("/dev/full", "wb") as full:
                p = subprocess.run([binary("indexer"), "-d", self.index, *args], stdout=full,
                                   stderr=subprocess.PIPE, timeout=60)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(b"cannot write the output", p.stderr)

    def test_rebuild_and_compact_keep_results(self):
        for i in range(20):
            self.write(f"d{i:02}.txt", f"document {i} about cyber norms number{i}\n")
        self.index_corpus()
        before = self.search_json("cyber norms")
        self.index_corpus("--rebuild", "--compact")
        self.assertEqual(self.search_json("cyber norms"), before)
        self.assertEqual(sorted(os.listdir(self.index)),
                         ["XAPIANDB", "dossier.lock"] + sorted(
                             d for d in os.listdir(self.index) if d.startswith("s")))
        rc, out, err = self.run_tool("indexer", "-d", self.index, "--compact", check=0)
        self.assertEqual(self.search_json("cyber norms"), before)


class PartialWalks(CliTest):
    def test_unreadable_entries_do_not_delete_documents(self):
        self.write("a.txt", "alpha text\n")
        self.write("b.txt", "bravo text\n")
        self.index_corpus()
        os.remove(os.path.join(self.corpus, "b.txt"))
        os.symlink("/nonexistent/target", os.path.join(self.corpus, "broken.txt"))
        rc, out, err = self.index_corpus(check=1)
        self.assertIn("broken symbolic link", err)
        self.assertIn("1 document kept although their files were not found", err)
        self.assertEqual(self.ids("bravo"), ["b.txt"])  # not lost to a partial walk
        os.remove(os.path.join(self.corpus, "broken.txt"))
        rc, out, err = self.index_corpus(check=0)
        self.assertIn("1 deleted", out)
        self.assertEqual(self.ids("bravo"), [])

    def test_moved_root_rewrites_fingerprints(self):
        self.write("a.txt", "alpha text\n")
        self.index_corpus()
        moved = os.path.join(self.tmp, "moved")
        os.rename(self.corpus, moved)
        rc, out, err = self.index_corpus(paths=[moved])
        self.assertIn("0 updated, 1 touched", out)  # only the fingerprint (new root)
        os.makedirs(self.corpus)
        rc, out, err = self.index_corpus(paths=[self.corpus])
        self.assertIn("0 deleted", out)  # the document belongs to the moved root now
        self.assertEqual(self.ids("alpha"), ["a.txt"])

    def test_ids_that_would_break_output_or_collide_are_refused(self):
        self.write("a.txt", "alpha text\n")
        self.write("b.txt", "bravo text\n")
        self.write("manifest.tsv", "path\tid\na.txt\treport.txt#p1\nb.txt\tb\\nc\n")
        rc, out, err = self.index_corpus(check=1)
        self.assertIn("ends like a passage or citation id", err)
        self.assertIn("holds control characters", err)
        self.assertEqual(self.ids("alpha OR bravo"), [])

    def test_skips_are_counted_by_their_real_reason(self):
        self.write("a.txt", "alpha\n")
        self.write("b.txt", "bravo\n")
        self.write("manifest.tsv", "path\tid\nb.txt\ta.txt\n")  # b takes a's id
        os.mkfifo(os.path.join(self.corpus, "pipe.txt"))
        rc, out, err = self.index_corpus(check=0)
        self.assertIn("2 skipped (1 duplicate id, 1 not a regular file)", out)

    def test_a_broken_manifest_is_not_a_skipped_file(self):
        self.write("a.txt", "alpha\n")
        self.write("manifest.tsv", "file\ttitle\na.txt\tA\n")  # no path column
        rc, out, err = self.index_corpus(check=1)
        self.assertIn("1 added", out)
        self.assertIn("1 manifest not read", err)
        self.assertNotIn("skipped because of errors", err)

    def test_compact_without_an_index_creates_nothing(self):
        rc, out, err = self.run_tool("indexer", "-d", self.index, "--compact", check=2)
        self.assertIn("no index at", err)
        self.assertFalse(os.path.exists(self.index))


class Jobs(CliTest):
    def make_corpus(self, n=60):
        words = ["cyber", "norms", "public", "core", "internet", "state", "actors",
                 "infrastructure", "protection", "sovereignty", "capacity", "building"]
        for i in range(n):
            text = " ".join(words[(i * 7 + k * 3) % len(words)] for k in range(200 + i))
            self.write(f"sub{i % 3}/doc{i:03}.txt", f"Doc {i}. {text}\n")

    def test_jobs_1_and_4_give_the_same_index_and_results(self):
        self.make_corpus()
        self.index_corpus("--jobs", "1")
        s1 = self.stats()
        r1 = [self.search_json(q) for q in ("cyber", '"public core"', "state NEAR/2 actors",
                                            "capacity -building", "prot*")]
        os.rename(self.index, self.index + "1")
        self.index_corpus("--jobs", "4")
        s4 = self.stats()
        self.assertEqual(s4["shards"], "4")
        for key in ("documents", "terms", "positions", "text_bytes"):
            self.assertEqual(s1[key], s4[key], key)
        r4 = [self.search_json(q) for q in ("cyber", '"public core"', "state NEAR/2 actors",
                                            "capacity -building", "prot*")]
        for a, b in zip(r1, r4):
            self.assertEqual([(h["id"], round(h["score"], 6)) for h in a],
                             [(h["id"], round(h["score"], 6)) for h in b])


class Safety(CliTest):
    def test_second_indexer_fails_at_once(self):
        self.write("a.txt", "alpha\n")
        self.index_corpus()
        with open(os.path.join(self.index, "dossier.lock"), "r+") as f:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            start = time.time()
            rc, out, err = self.index_corpus(check=2)
            self.assertLess(time.time() - start, 5)
            self.assertIn("is locked by another indexer", err)
        self.index_corpus(check=0)

    def test_readers_keep_working_while_the_indexer_writes(self):
        for i in range(300):
            self.write(f"d{i:03}.txt", ("policy text %d " % i) * 1500)
        self.index_corpus()
        for i in range(300, 400):
            self.write(f"d{i:03}.txt", ("policy text %d " % i) * 1500)
        p = subprocess.Popen([binary("indexer"), "-d", self.index, "--rebuild", "--compact",
                              self.corpus], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        counts = set()
        while p.poll() is None:
            rc, out, err = self.search("--count", "policy")
            self.assertEqual(rc, 0, err)  # never an error, never an empty index
            counts.add(int(out))
        self.assertEqual(p.returncode, 0)
        self.assertTrue(counts, "no search ran while the indexer worked")
        self.assertTrue(counts <= {300, 400}, counts)  # the old index or the new, no mix
        rc, out, err = self.search("--count", "policy", check=0)
        self.assertEqual(out.strip(), "400")

    def test_kill_9_then_rerun(self):
        for i in range(400):
            self.write(f"d{i:03}.txt", ("policy text %d " % i) * 2000)
        p = subprocess.Popen([binary("indexer"), "-d", self.index, "--jobs", "2", self.corpus],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.4)
        p.send_signal(signal.SIGKILL)
        p.wait()
        # the index opens and answers with whatever was committed
        rc, out, err = self.search("--count", "policy")
        self.assertIn(rc, (0, 1), err)
        rc, out, err = self.index_corpus(check=0)
        rc, out, err = self.search("--count", "policy", check=0)
        self.assertEqual(out.strip(), "400")
        rc, out, err = self.index_corpus(check=0)
        self.assertIn("400 unchanged", out)


if __name__ == "__main__":
    unittest.main()
