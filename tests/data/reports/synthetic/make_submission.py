#!/usr/bin/env python3
"""make_submission.py - a synthetic national submission, as a word processor makes it.

Writes submission.fodt (LibreOffice's flat OpenDocument text) and, when LibreOffice is
installed, converts it to submission.pdf with `soffice --headless --convert-to pdf`:
the Word/LibreOffice family of producers, which the real PDFs beside it (LaTeX, Sphinx,
groff, Texinfo) do not cover. LibreOffice is not a dependency of the test suite: the
PDF is committed, and submission.expected.json holds the values read from it.

What it has, as UN member-state submissions do: a first page without header, a running
header (document symbol and short title) and footer (page number) on the others, a
table of contents with dot leaders, roman-numbered chapters, numbered paragraphs
("12. The Government ..."), lettered sub-paragraphs, footnotes numbered through the
document (superscript anchors after words, punctuation and closing quotes; the notes'
numbers set in small type at the foot), one footnote of two paragraphs, one that
runs over to the next page, footnotes holding URLs and UN document symbols, and dated
statements. Every name and figure in it is invented; symbols and URLs have the shape of
real ones.

Run:  python3 make_submission.py [OUTDIR]     (OUTDIR defaults to this file's folder)
"""
import os
import shutil
import subprocess
import sys
from xml.sax.saxutils import escape

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"')

STYLES = """
 <office:font-face-decls>
  <style:font-face style:name="Nimbus Roman" svg:font-family="'Nimbus Roman'"
    style:font-family-generic="roman"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.2cm"/>
   <style:text-properties style:font-name="Nimbus Roman" fo:font-size="12pt"
     fo:language="en" fo:country="GB" fo:hyphenate="false"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:margin-bottom="0.3cm"/>
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Chapter" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:margin-top="0.5cm"
     fo:margin-bottom="0.3cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Para" style:family="paragraph">
   <style:paragraph-properties fo:margin-left="1cm" fo:text-indent="-1cm">
    <style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops>
   </style:paragraph-properties>
  </style:style>
  <style:style style:name="Sub" style:family="paragraph">
   <style:paragraph-properties fo:margin-left="2cm" fo:text-indent="-1cm">
    <style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops>
   </style:paragraph-properties>
  </style:style>
  <style:style style:name="Toc" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:margin-bottom="0.1cm">
    <style:tab-stops>
     <style:tab-stop style:position="1.2cm"/>
     <style:tab-stop style:position="16cm" style:type="right" style:leader-style="dotted"
       style:leader-text="."/>
    </style:tab-stops>
   </style:paragraph-properties>
  </style:style>
  <style:style style:name="Footnote" style:family="paragraph">
   <style:paragraph-properties fo:margin-left="0.5cm" fo:text-indent="-0.5cm"
     fo:margin-bottom="0.05cm" fo:text-align="start"/>
   <style:text-properties fo:font-size="9pt"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start">
    <style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops>
   </style:paragraph-properties>
   <style:text-properties fo:font-size="9pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="9pt"/>
  </style:style>
  <style:style style:name="First" style:family="paragraph" style:master-page-name="First_20_Page">
   <style:paragraph-properties fo:text-align="start"/>
   <style:text-properties fo:font-size="11pt"/>
  </style:style>
  <style:style style:name="Front" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start"/>
   <style:text-properties fo:font-size="11pt"/>
  </style:style>
  <style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor"
    style:family="text">
   <style:text-properties style:text-position="super 58%"/>
  </style:style>
  <style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol"
    style:family="text"/>
  <text:notes-configuration text:note-class="footnote"
    text:citation-style-name="Footnote_20_Symbol"
    text:citation-body-style-name="Footnote_20_anchor" style:num-format="1"
    text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
     fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm"
     fo:margin-right="2.5cm">
    <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm"
      style:distance-after-sep="0.1cm" style:rel-width="25%" style:color="#000000"/>
   </style:page-layout-properties>
   <style:header-style><style:header-footer-properties fo:min-height="0.6cm"
     fo:margin-bottom="0.5cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.6cm"
     fo:margin-top="0.5cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Header">A/76/136/Add.1<text:tab/>Responsible State behaviour in cyberspace</text:p></style:header>
   <style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">2</text:page-number></text:p></style:footer>
  </style:master-page>
  <style:master-page style:name="First_20_Page" style:display-name="First Page"
    style:page-layout-name="pm1" style:next-style-name="Standard">
   <style:footer><text:p text:style-name="Footer">21-10417 (E)</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
"""

# The document: (style, text) pairs. In text, [[...]] is a footnote (its paragraphs
# split by "||"); everything else is escaped as it is.
FRONT = [
    ("First", "United Nations\tA/76/136/Add.1"),
    ("Front", "General Assembly\tDistr.: General 2 August 2021"),
    ("Front", "Original: English"),
    ("Front", "Seventy-sixth session"),
    ("Front", "Item 96 of the provisional agenda[[A/76/150.]]"),
    ("Title", "Developments in the field of information and telecommunications in the "
              "context of international security"),
    ("Title", "Views of Member States: submission by the Republic of Estrava"),
    ("Standard", "The present document contains the views of the Government of the "
                 "Republic of Estrava, submitted pursuant to General Assembly resolution "
                 "75/240 of 31 December 2020.[[A/RES/75/240, “Developments in the field of "
                 "information and telecommunications in the context of international "
                 "security”, 31 December 2020.]] It is reproduced as received."),
    ("Chapter", "Contents"),
    ("Toc", "I.\tIntroduction\t2"),
    ("Toc", "II.\tThe threat landscape\t2"),
    ("Toc", "III.\tInternational law and norms\t3"),
    ("Toc", "IV.\tConfidence-building and capacity-building\t4"),
    ("Toc", "V.\tInstitutional dialogue\t5"),
    ("Toc", "Annex\tList of references\t6"),
]

# Filler sentences, each one different, so that a phrase over a page break occurs once.
SUBJECTS = ["The ministry of foreign affairs", "The national regulator", "The computer "
            "emergency response team", "The ministry of defence", "The data protection "
            "authority", "The national police", "The ministry of justice", "The office of "
            "the prime minister"]
VERBS = ["has published guidance on", "reports each year to parliament on", "consults "
         "industry and civil society on", "has trained its staff in", "cooperates with "
         "its regional partners on", "has set up a working group on", "keeps a public "
         "register of", "has asked for outside advice on"]
OBJECTS = ["the protection of critical infrastructure", "the reporting of "
           "vulnerabilities", "the security of the supply chain", "the response to "
           "incidents", "the application of international law", "the protection of "
           "personal data", "the attribution of malicious activity", "the training of "
           "diplomats"]
_filler = [0]


def filler(n):
    """n sentences, none said before in the document."""
    out = []
    for _ in range(n):
        i = _filler[0]
        _filler[0] += 1
        out.append(f"{SUBJECTS[i % 8]} {VERBS[(i // 8) % 8]} {OBJECTS[(i + i // 8) % 8]}"
                   f" since {2014 + i % 7}.")
    return " ".join(out) + " "


BODY = [
    ("Chapter", "I.\tIntroduction"),
    ("Para", "1.\tThe Republic of Estrava welcomes the adoption by consensus of the final "
             "report of the open-ended working group on developments in the field of "
             "information and telecommunications in the context of international "
             "security.[[A/75/816, “Final Substantive Report”, adopted on 12 March 2021. "
             "Available at https://undocs.org/A/75/816.]] " + filler(4)),
    ("Para", "2.\tOn 12 March 2021, the delegation of Estrava stated that the report was "
             "“a first step, not a last one”.[[Statement of the delegation of Estrava at "
             "the third substantive session, 12 March 2021.]] The Government holds to "
             "that view and sets out below how it intends to act upon it. " + filler(4)),
    ("Para", "3.\tThis submission also responds to the invitation of the Secretary-General "
             "to Member States to inform him of their views on the report of the Group of "
             "Governmental Experts adopted on 28 May 2021[[A/76/135, “Report of the Group "
             "of Governmental Experts on Advancing Responsible State Behaviour in "
             "Cyberspace in the Context of International Security”, 14 July 2021.]] and "
             "on the way forward. " + filler(4)),
    ("Chapter", "II.\tThe threat landscape"),
    ("Para", "4.\tIn 2020, the national computer emergency response team handled 1,482 "
             "incidents affecting 19 operators of essential services, an increase of 37 "
             "per cent over 2019.[[National Cyber Security Centre of Estrava, Annual "
             "Report 2020 (Estrava City, 2021), p. 14. The figures for 2021 will be "
             "published in the first quarter of 2022.]] " + filler(4)),
    ("Para", "5.\tThe Government is particularly concerned by:"),
    ("Sub", "(a)\tRansomware attacks against hospitals and health-care facilities during "
            "the pandemic;[[See the joint statement on ransomware of 14 May 2021, "
            "https://www.mfa.gov.es.example/statements/2021/ransomware.]]"),
    ("Sub", "(b)\tOperations against the supply chains of software used by public "
            "administrations;"),
    ("Sub", "(c)\tThe use of information and communications technologies to interfere in "
            "electoral processes."),
    ("Para", "6.\t" + filler(4) + filler(4)),
    ("Chapter", "III.\tInternational law and norms"),
    ("Para", "7.\tThe Government reaffirms that international law, and in particular the "
             "Charter of the United Nations in its entirety, applies to the conduct of "
             "States in their use of information and communications technologies.[[See "
             "A/70/174, para. 24, and A/68/98, para. 19.||The Government's national "
             "position on the application of international law in cyberspace, published "
             "on 3 February 2021, is annexed to the present submission.]] " + filler(4)),
    ("Para", "8.\tOn 9 March 2021, the delegation of Estrava stated that the eleven norms "
             "of responsible State behaviour were “voluntary but not optional”. " + filler(4)),
    ("Para", "9.\tThe Government supports the further development of the additional layer "
             "of understanding of the norms contained in the report of the Group of "
             "Governmental Experts, notably on the protection of critical infrastructure "
             "and on the integrity of the supply chain.[[A/76/135, paras. 42–47 and "
             "56–60.]] " + filler(4)),
    ("Para", "10.\t" + filler(4) + filler(4) + filler(4)),
    ("Chapter", "IV.\tConfidence-building and capacity-building"),
    ("Para", "11.\tThe Government has designated a diplomatic and a technical point of "
             "contact, as recommended by the Organization for Security and Co-operation "
             "in Europe.[[Permanent Council decision No. 1202, “OSCE confidence-building "
             "measures to reduce the risks of conflict stemming from the use of "
             "information and communication technologies”, 10 March 2016, PC.DEC/1202. "
             "The decision sets out sixteen measures, of which the Government has "
             "implemented fourteen; the remaining two, on the exchange of national "
             "terminology and on public-private partnerships, are expected to be "
             "implemented before the end of 2022, once the national cybersecurity "
             "strategy has been revised and the corresponding legislation has been "
             "adopted by the National Assembly, which is due to consider it at its "
             "autumn session.]] " + filler(4)),
    ("Para", "12.\tEstrava contributed 2.4 million euros to capacity-building programmes "
             "in 2020 and 2021, including the Global Forum on Cyber Expertise.[[Global "
             "Forum on Cyber Expertise, “Members and partners”, "
             "https://thegfce.org/members-partners/ (accessed 20 July 2021).]] " + filler(4)),
    ("Para", "13.\tCapacity-building should be demand-driven, gender-sensitive and "
             "sustainable, as the final report of the open-ended working group recalls."
             "[[A/75/816, annex I, paras. 56–57.]] " + filler(4) + filler(4)),
    ("Chapter", "V.\tInstitutional dialogue"),
    ("Para", "14.\tThe Government supports the proposal for a programme of action for "
             "advancing responsible State behaviour in the use of information and "
             "communications technologies in the context of international "
             "security.[[Joint contribution of 53 States, A/C.1/75/L.8/Rev.1, 2 "
             "November 2020.]] " + filler(4)),
    ("Para", "15.\tOn 1 June 2021, the delegation of Estrava said that the open-ended "
             "working group established by resolution 75/240 and a future programme of "
             "action should “complement, not duplicate” each other. " + filler(4)),
    ("Para", "16.\tThe Government stands ready to host an intersessional meeting in 2022."
             "[[Letter dated 15 July 2021 from the Permanent Representative of Estrava to "
             "the United Nations addressed to the Chair of the open-ended working group.]]"
             " " + filler(4)),
    ("Chapter", "Annex"),
    ("Chapter", "List of references"),
    ("Para", "1.\tA/RES/75/240, resolution of 31 December 2020."),
    ("Para", "2.\tA/75/816, final substantive report of the open-ended working group."),
    ("Para", "3.\tA/76/135, report of the Group of Governmental Experts."),
    ("Para", "4.\tPC.DEC/1202, OSCE Permanent Council decision of 10 March 2016."),
]


def para_xml(style, text):
    out, i = [], 0
    while True:
        j = text.find("[[", i)
        if j < 0:
            out.append(inline(text[i:]))
            break
        k = text.index("]]", j)
        out.append(inline(text[i:j]))
        out.append(note_xml(text[j + 2:k]))
        i = k + 2
    return f'<text:p text:style-name="{style}">{"".join(out)}</text:p>\n'


def inline(s):
    return escape(s).replace("\t", "<text:tab/>")


NOTE_ID = [0]


def note_xml(body):
    NOTE_ID[0] += 1
    paras = "".join(f'<text:p text:style-name="Footnote">{inline(p)}</text:p>'
                    for p in body.split("||"))
    return (f'<text:note text:id="ftn{NOTE_ID[0]}" text:note-class="footnote">'
            f'<text:note-citation>{NOTE_ID[0]}</text:note-citation>'
            f'<text:note-body>{paras}</text:note-body></text:note>')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else here
    fodt = os.path.join(outdir, "submission.fodt")
    body = "".join(para_xml(s, t) for s, t in FRONT + BODY)
    with open(fodt, "w", encoding="utf-8") as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS}>\n'
                f'<office:meta><meta:title xmlns:meta="urn:oasis:names:tc:opendocument:'
                f'xmlns:meta:1.0">Views of Member States: submission by the Republic of '
                f'Estrava</meta:title></office:meta>\n{STYLES}\n'
                f'<office:body><office:text>\n{body}</office:text></office:body>\n'
                f'</office:document>\n')
    soffice = shutil.which("soffice")
    if not soffice:
        print(f"wrote {fodt}; soffice not found: no PDF (apt-get install "
              f"libreoffice-writer-nogui)", file=sys.stderr)
        return 0
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", outdir, fodt],
                   check=True, capture_output=True)
    print(f"wrote {fodt} and submission.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
