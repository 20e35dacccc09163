"""Helpers for the end-to-end tests: run the built binaries on corpora made in temp dirs.

The binaries come from the build directory given in the DS_BIN environment variable
(ctest sets it); every test builds its own corpus and index under a fresh temp dir.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("DS_BIN", os.path.join(os.path.dirname(__file__), "../../build/bin"))
SRC = os.environ.get("DS_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "../.."))


def binary(name):
    return os.path.join(BIN, name)


class CliTest(unittest.TestCase):
    """A temp dir with corpus/ and index/ below it, removed after each test."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dossier-e2e-")
        self.corpus = os.path.join(self.tmp, "corpus")
        self.index = os.path.join(self.tmp, "index")
        os.makedirs(self.corpus)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, rel, data, mode="w"):
        path = os.path.join(self.corpus, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        return path

    def run_tool(self, name, *args, stdin=None, env=None, check=None):
        e = dict(os.environ)
        e.pop("DOSSIER_INDEX", None)
        e["NO_COLOR"] = "1"
        if env:
            e.update(env)
        p = subprocess.run([binary(name), *args], input=stdin, capture_output=True,
                           env=e, timeout=120)
        out = p.stdout.decode("utf-8")  # must always be valid UTF-8
        err = p.stderr.decode("utf-8", "replace")
        if check is not None:
            self.assertEqual(p.returncode, check, f"{name} {args}: {out}\n{err}")
        return p.returncode, out, err

    def index_corpus(self, *args, check=0, paths=None):
        return self.run_tool("indexer", "-d", self.index, *args,
                             *(paths if paths is not None else [self.corpus]), check=check)

    def search(self, *args, check=None, stdin=None):
        return self.run_tool("searcher", "-d", self.index, *args, check=check, stdin=stdin)

    def search_json(self, *args, check=None):
        rc, out, err = self.search("--format", "json", "--limit", "1000", *args, check=check)
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def ids(self, *query):
        return sorted(h["id"] for h in self.search_json(*query) if "id" in h)

    def stats(self):
        rc, out, err = self.run_tool("indexer", "-d", self.index, "--stats", check=0)
        return dict(line.split("\t", 1) for line in out.splitlines())


SEED = "icann-un-cyber-talks-update-2021-06.txt"


class SeedTest(CliTest):
    """The seed report and the corpus manifest, indexed once for the whole class (as
    `indexer -v`): tests share the index and must not change it. cls.out / cls.err hold
    the indexer's output, cls.seed_text the report as read."""

    @classmethod
    def setUpClass(cls):
        cls.shared = CliTest()
        cls.shared.setUp()
        for name in (SEED, "manifest.tsv"):
            shutil.copy(os.path.join(SRC, "corpus", name), cls.shared.corpus)
        rc, cls.out, cls.err = cls.shared.run_tool("indexer", "-v", "-d", cls.shared.index,
                                                   cls.shared.corpus, check=0)
        with open(os.path.join(SRC, "corpus", SEED), encoding="utf-8") as f:
            cls.seed_text = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.shared.tearDown()

    def setUp(self):
        self.tmp, self.corpus, self.index = self.shared.tmp, self.shared.corpus, self.shared.index

    def tearDown(self):
        pass
