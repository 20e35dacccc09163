"""End-to-end tests of PDF sources: a plain PDF, a `type: report` PDF named in the
manifest, and broken ones (damaged, truncated, not a PDF, encrypted, no text layer),
which are reported with their reasons and counted. The PDFs are made at test time:
groff (tests/data/pdf/*.ms) and ghostscript, both installed by scripts/deps.sh."""
import os
import subprocess
import unittest

from cli import CliTest

SRC = os.environ.get("DS_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def groff(name):
    ms = os.path.join(SRC, "tests", "data", "pdf", name + ".ms")
    return subprocess.run(["groff", "-ms", "-Tpdf", ms], check=True,
                          capture_output=True).stdout


def no_text_pdf():
    """A well-formed one-page PDF that only paints a rectangle (a scan has no more)."""
    body = b"0 0 1 rg 72 72 300 300 re f"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d >> stream\n" % len(body) + body + b"\nendstream"]
    out, offs = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj " % i + o + b" endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    return out + b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)


class Pdf(CliTest):
    def setUp(self):
        super().setUp()
        report = groff("footnotes")
        self.write("report.pdf", report)
        self.write("columns.pdf", groff("twocol"))
        self.write("notes.pdf", report)
        self.write("manifest.tsv", "path\ttype\tactor\tdate\n"
                   "report.pdf\treport\tICANN\t2021-06-03\n")
        self.report = report

    def add_broken(self):
        self.write("cut.pdf", self.report[: len(self.report) // 3])
        flipped = bytearray(self.report)
        for at in range(9, len(flipped) // 2, 7):  # the header survives, the rest does not
            flipped[at] ^= 0x55
        self.write("flipped.pdf", bytes(flipped))
        self.write("fake.pdf", "just some text with a .pdf name\n")
        self.write("scan.pdf", no_text_pdf())
        enc = os.path.join(self.tmp, "locked.pdf")
        subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite",
                        "-sOwnerPassword=o", "-sUserPassword=u", "-o", enc,
                        os.path.join(self.corpus, "report.pdf")], check=True)
        with open(enc, "rb") as f:
            self.write("locked.pdf", f.read())

    def test_plain_and_report_pdfs_are_searchable(self):
        rc, out, err = self.index_corpus(check=0)
        self.assertIn("indexer: 3 added", out)
        self.assertIn("0 skipped", out)
        # the plain PDF: its words and phrases, over a line break too; its pages
        self.assertEqual(self.ids("s045"), ["columns.pdf"])
        self.assertEqual(self.ids('"column text goes here"'), ["columns.pdf"])
        plain = self.search_json("--fields", "id,type,pages,title", "id:columns.pdf")[0]
        self.assertEqual(plain["pages"], 1)
        # the same report PDF without `type: report` is a plain document of 3 pages
        # (its blank page counted), in its words (no footnote taken out)
        self.assertEqual(self.search_json("--fields", "id,pages", "id:notes.pdf")[0]["pages"], 3)
        # a plain PDF's hit is on the page its first match is on (blank page 2 counted)
        hits = {h["id"]: h for h in self.search_json("--fields", "id,page", "confidence")}
        self.assertEqual(hits["notes.pdf"]["page"], 3)
        self.assertEqual(self.search_json("--fields", "id,page", "id:notes.pdf delegates")[0]
                         ["page"], 1)
        rc, out, err = self.search("id:notes.pdf", "confidence", check=0)
        self.assertIn("notes.pdf (p. 3)", out)
        # (in the report, the footnote is in a passage or a citation: the parser's call)
        found = self.ids('"example.org/finland.pdf"')
        self.assertIn("notes.pdf", found)
        self.assertTrue(any(i.startswith("report.pdf#") for i in found), found)
        # the report: one report, its passages; title from the PDF's info (the
        # manifest gives none), the manifest's date and actor
        # (which passage holds a phrase is the parser's call: any one of them)
        for phrase in ('"public core of the internet"', '"confidence building measures"'):
            found = self.ids(phrase)
            self.assertEqual(found[:2], ["notes.pdf", "report.pdf"], phrase)
            self.assertEqual(len(found), 3, phrase)
            self.assertTrue(found[2].startswith("report.pdf#p"), found)
        rep = self.search_json("--fields", "id,type,title,date,pages", "id:report.pdf")[0]
        self.assertEqual(rep["type"], "report")
        self.assertEqual(rep["title"], "Cyber Norms Progress Report")
        self.assertEqual(rep["date"], "2021-06-03")  # the manifest wins over the PDF's
        self.assertEqual(self.ids("author:jane"), ["notes.pdf", "report.pdf"])
        titled = self.ids("title:progress")  # the PDF's title, passages included
        self.assertEqual(titled[:2], ["notes.pdf", "report.pdf"])
        self.assertTrue(len(titled) > 2 and all(i.startswith("report.pdf#p") for i in titled[2:]))
        # a rerun reads nothing; touching a PDF only rewrites its fingerprint
        rc, out, err = self.index_corpus(check=0)
        self.assertIn("0 added, 0 updated, 0 touched, 0 renamed, 0 deleted, 3 unchanged", out)
        os.utime(os.path.join(self.corpus, "columns.pdf"), (1, 1))
        rc, out, err = self.index_corpus(check=0)
        self.assertIn("1 touched", out)

    def test_broken_pdfs_are_reported_and_counted(self):
        self.add_broken()
        rc, out, err = self.index_corpus(check=1)  # README: 1 = files skipped for errors
        def reason(name):
            line = [l for l in err.splitlines() if l.startswith(os.path.join(self.corpus, name))]
            self.assertEqual(len(line), 1, err)
            return line[0].split(": error: skipped: ", 1)[1]
        self.assertTrue(reason("cut.pdf").startswith("damaged or not a PDF: "))
        self.assertTrue(reason("flipped.pdf").startswith("damaged or not a PDF: "), err)
        self.assertTrue(reason("fake.pdf").startswith("damaged or not a PDF: "))
        self.assertEqual(reason("locked.pdf"), "encrypted PDF: needs a password")
        self.assertEqual(reason("scan.pdf"), "no text layer: a scanned PDF needs OCR first")
        self.assertIn("indexer: 3 added", out)
        self.assertIn("5 skipped (1 not text, 3 damaged, 1 encrypted)", out)
        self.assertIn("indexer: 5 files skipped because of errors", err)
        # the good ones are there all the same
        self.assertEqual(self.ids("s045"), ["columns.pdf"])
        self.assertEqual(self.ids("id:scan.pdf OR id:locked.pdf OR id:fake.pdf"), [])


if __name__ == "__main__":
    unittest.main()
