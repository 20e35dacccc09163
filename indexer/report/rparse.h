/*
 * rparse.h - the report parser: PDF-extracted report text -> pages, footnotes, footnote
 * markers, sections, passages and one cleaned body text.
 *
 * Contents
 *   1. The input format this parser understands
 *   2. The rules: pages, footnote blocks, symbol footnotes, footnotes, citation dates,
 *      markers, headings, passages, dates, actors, offsets; layout input (what
 *      rp_parse_layout reads off the geometry instead)
 *   3. Types: rp_report_t and what it holds
 *   4. Functions
 *
 * 1. Input
 * --------
 * UTF-8 text as pdftotext (or a similar extractor) writes it: one text line per line,
 * no blank lines between paragraphs, each page's footnotes written as a block after the
 * page's body text -- a footnote's number on a line of its own ("12" then the text), or
 * sharing the line with the text ("12 Statement by ...", as pdftotext -layout and the
 * earlier reports of a series write it), or both forms mixed -- footnote markers written
 * as plain digits glued to the text ("mission.2", "rights.”5", "(AHC1)") or as
 * superscript digits ("mission²"); some footnotes are marked with symbols instead
 * ("Madsen∗" and "∗ Thanks to ...": Symbol footnotes). White space around a line is
 * ignored (-layout
 * indents). Invalid UTF-8 is repaired first (U+FFFD, see utf8_repair), so every string
 * of the result is valid UTF-8; a NUL byte is read as a space. Line numbers are 1-based
 * and count '\n' only (a "\r\n" ending is one line end), as an editor does.
 *
 * 2. Rules
 * --------
 * Pages. Pages are physical pages. If the text holds a form feed ('\f'), every form feed
 * ends a page, a blank one too (pdftotext ends each page with one, so two in a row are
 * a blank page), and text after the last form feed makes one more page; pages_guessed
 * is 0. Otherwise a line that starts with exactly one space followed by text (" barriers
 * for achieving ...") starts a new page (the extractor of the corpus marks page starts
 * that way), a page counts once it has a non-blank line, and pages_guessed is 1.
 *
 * Page furniture is dropped from the flow as footnote blocks are, at the first and last
 * three text lines of each page:
 *   - page-number lines: "12", "- 12 -", "–2" (any dash), "Page 12", "Page 12 of 30",
 *     "12 / 30", a lower-case roman numeral ("xii"). A bare number line (1-4 digits) is
 *     one when it is a page's first line, or one of its last two lines and not a
 *     footnote's misplaced number (below);
 *   - running headers and footers: a line that repeats at the same edge (top or bottom)
 *     of at least 3 pages and of at least a third of the pages from its first to its
 *     last occurrence (a chapter's header repeats within its chapter; odd and even pages
 *     alternate two forms, "50    Chapter 5. Managing Packages" and "5.2. Using dpkg
 *     51", each on every other page). Lines repeat when equal but for the width of white
 *     space and for digit runs that either keep their value or change as the page number
 *     does (so "3 Ibid." ending two pages is no footer); in -layout text the first or
 *     the last part of a line, set apart by a gap of 3 or more spaces and holding 3
 *     letters, may repeat alone ("CHAPTER 2. PREREQUISITES      2.5. DEBIAN
 *     DOCUMENTATION");
 *   - a section's running footer that shows too rarely to repeat (a section of a page
 *     or two: Sphinx's "8.2. Shared library support files" then "69", or "8.2. Shared
 *     library support files      69" in -layout text): one of the last three text lines
 *     that opens with a section number (digits joined by dots), that the page's number
 *     follows (the next text line is a bare number or page-number line, or the line's
 *     last part after a gap of 3 spaces is one), and that repeats a body line of the
 *     same page or of the 3 before -- the section's heading -- equal but for a dot after
 *     the number, case and the width of white space ("8.2 Shared library support
 *     files"). A heading the page's number follows repeats no earlier line, a TOC line
 *     has dot leaders, so both stay body.
 *   - stamps: a line without a letter and with two or more digit runs (not a bare
 *     number, not "N text") that is a page's outermost remaining line on an edge, a
 *     running header or footer just inside it, is part of that furniture when lines
 *     of the same shape (equal but for the values of equally long digit runs and the
 *     width of white space) stand so on that edge of at least 3 pages and of a third of
 *     the pages from the first to the last: the changing date of a margin note ("New",
 *     "description", "1998/06/01") that pdftotext writes after the page's footer. Its
 *     page number, above it, is then among the page's last lines again;
 *   - running page numbers at the top: a bare number among a page's first three text
 *     lines left (the furniture above dropped) whose value less the physical page is
 *     the same for such numbers on at least 3 pages ("15", "GNU FREE DOCUMENTATION
 *     LICENSE", "59" on page 59: the chapter number "15" does not run). At the foot,
 *     a bare number is left to the rules above and below (it may be a footnote's
 *     misplaced number).
 * A page's label (page_labels) is the number its page-number line shows, else the
 * number (digits or roman) at the end or else the start of its running header or
 * footer, else "".
 *
 * Footnote blocks. A footnote's number has one of two forms: bare (a line holding only
 * the number, followed on the same page by a non-number text line) or inline (a line
 * "N text": 1-4 digits, a space or tab, then the footnote's first text). With F the
 * last footnote number of the current numbering run, a page's block starts at the first
 * line (not the page's first) that holds a number in either form whose evidence scores
 * 3 or more, as a reader weighs it:
 *   - sequence: N = F+1 gives 2, F+2..F+3 gives 1, and N = 1 after F > 0 (numbering
 *     that restarts in a chapter) gives 1 (2 with `footnotes: per-chapter`); a number
 *     below F that the run skipped (no footnote of the run has it: Sphinx numbers a
 *     chapter's footnotes in source order, "1", "4", then "2" and "3" on later pages)
 *     gives 1, but only with a marker on the page (a candidate or a spaced one, below)
 *     and the rest of the page reading as footnotes, else 0; any other number is no
 *     start;
 *   - a marker: the page's body above the line holds N as a marker candidate (Markers,
 *     below: "text.N", "”N", "AHCN", "” N" at a line end, superscripts). For N = F+1 in
 *     sequence this decides: 4 when the rest of the page reads as footnotes (below) and
 *     the first text does not read as a heading, else 2 (weak; but see the column's
 *     foot below); for a jump or a restart it adds 2. Weaker marker
 *     evidence adds 1: a superscript the extractor set apart ("the dh command 2 , the",
 *     "as simple as 3 :", "the repository 1 of", "amicable to Debian. 3",
 *     "hypertex/1 . It", "at tug 19991 and" -- a digit glued to a year; "/etc/ld.so.conf5
 *     must", "package-name3" -- 1-3 digits glued to a word of 2 letters or more after
 *     '/', '-', '_', '.' or '@', which the marker rule reads as a name), a superscript
 *     the extractor took out of the line (a bare number N on a body line of its own,
 *     not the page's first; or N ending, after a letter and a space, a line that holds
 *     two words before it and is shorter than 3/4 of the body's width -- below --,
 *     "Escaping the Dependency Hell 6", on a page above the block with at most 2 lines
 *     ending so: more are a table's or a TOC's column, and a full line "... grown
 *     hugely. Debian 9" wraps a sentence), or -- but for a restart -- a candidate for N
 *     on the previous page, or a body above that holds nothing to check (only blank
 *     lines, bare numbers, page furniture and lines that look like footnote lines,
 *     below) with N = F+1;
 *   - layout: in -layout text, a line indented deeper than the page's body above it
 *     (at least 3 lines) adds 1;
 *   - position: the rest of the page reading as footnotes (below) adds 1;
 *   - what it says: a first text (after an inline number, or the line after a bare one)
 *     that reads as a heading or TOC entry -- at most 60 characters, a capital first, no
 *     final . , ; : ! ? or closing quote or bracket, no URL, no '/', no run of 3
 *     digits, a word of 3 letters, Title-Case (75% of the words that are no small words
 *     capitalized) or at most 5 such words, a final 1-3 digit number (a page) looked
 *     through -- or one set apart from its number by a gap of 2 or more spaces that
 *     reads as no citation or sentence (-layout headings and listings: "4       LaTeX
 *     2.09 documents", " 1          #include <stdlib.h>"; a word processor's footnote
 *     number set apart by a tab comes before text longer than 60 characters, a URL, a
 *     document symbol first or a final '.': "1    A/76/150."), takes 3; a first text in
 *     lower case (not a URL, nor an abbreviation, a first word ending in '.': "cf.",
 *     "e.g.", "ibid."; "7 delegations took the floor") takes 2, and makes a cited N = F+1 weak evidence
 *     (2) and any other N no start ("... allows Memcheck to show the" / "3 stacktraces
 *     of a dangling reference").
 * Without marker evidence, or both the layout and the position, the score stays below 3.
 * No line starts a block above the third line of dot leaders of its page (". . ." or
 * "....": a table of contents; a report's first page may hold the contents and, below
 * them, body text and footnotes), on a line with dot leaders, when its first text holds
 * no two letters in a row ("= X 2" of a formula) and does not start with a document
 * symbol or a URL (a footnote may be "A/76/150." alone), when it opens with a list bullet
 * (• ◦ ▪ ‣ ⁃), reads as a table's row (4 words or more, half of them numbers: "1
 * concord.c:create 149,518 0 0") or stands among a table's cells (3 of the next 8 text
 * lines, the page's last aside, hold digits and no letter and are no bare number:
 * "2,649,248"), or when one of the 3 body lines above starts with N-3..N-1 (after an
 * optional '[' or '(') or is N alone (a numbered list goes on: "[7 ReadOnly]" above "8
 * Locked"; a column of numbers) -- but a line that opens with the number alone in brackets ("[1] Frank Mittelbach ...", "(1) ...": a
 * reference list's label, whose list goes on as "[2]") is looked past. A line that scores
 * exactly 2 is weak evidence: it stays in the body with a warning ("file:line: warning:
 * possible footnote N (no marker for it) left in the body: ..."): a missed footnote
 * costs a stray sentence, a false one a section. With `footnotes: none` no line starts
 * a block and no misplaced number makes a footnote.
 *
 * The block runs to the end of the page; but a block whose first number is N = F+1,
 * cited as a marker above, whose first text reads neither as a heading nor in lower
 * case, and whose footnotes end at a blank line before a new paragraph rather than at
 * the page's end, ends there (pdftotext writes a column's footnotes at the column's
 * foot, and the next column goes on after them): what follows stays body. So does a
 * block whose first number is bare and that scores 3 or more (notes under a table:
 * "1", "“Slicing” implements ...", "2", "...", blank, "Table 2: ..." -- the body goes
 * on after them).
 *
 * A block set in the left column of a two-column -layout page (pdftotext -layout writes
 * a page line by line, the right column's lines beside and between the footnote's)
 * keeps only its column. The page's other column is the display column (right of
 * column 20) at which most of the page's body lines above the block start text -- at
 * their indent or after a gap of 2 or more spaces -- at least 5 lines and a third of
 * them; the block's first line must start 20 columns or more left of it and hold no
 * text there. Then a footnote text line of the block that starts in the other column
 * (one column left of it or further right) is body, and one that holds text after a
 * gap at that column (up to 4 columns right of it: a paragraph's first-line indent)
 * gives that part to the body and keeps the part before the gap as its footnote's
 * text. So "\RemoveFromHook removes only code labels that already" (the right column,
 * beside the last line of footnote 1) + (page 3) + "exist in a hook" reads on. Lines
 * that start a footnote are left whole.
 *
 * Inside a block, the next footnote starts at a bare number that continues the block's
 * sequence (previous + 1..3), at an inline start after the previous number P, or at a
 * restart; other numbers are footnote text. A restart is a bare "1" (or an inline "1
 * text" that passes the date and duplicate rules below) after P, with `footnotes:
 * per-chapter` only, when the body's markers restart too: in the body lines from the
 * line after the previous footnote's page (or from the block's previous restart) to the
 * block, a marker candidate 1 follows the first candidate P (chapter I cites its notes
 * 1-3, chapter II its 1-2, and the block reads "1", "2", "3", "1", "2"). Without the
 * metadata, or when the body's markers do not restart, the "1" is text (a table's row
 * in a footnote). A line "N text" is an inline start after P when
 *   - N is P+1, or P+2..P+3 and cited in the body above the block;
 *   - the line does not start with a date ("4 May 2021, https://..." goes on with a
 *     footnote's text);
 *   - no later line of the page, before one that starts N+1..N+3 in either form,
 *     starts N again (the earlier line is then text that begins with a number: "3
 *     delegations asked for more time" above the real "3 Statement by ..."); this rule
 *     holds for a block's first line too.
 * The rest of the page reads as footnotes when, from the block's start on, no footnote
 * runs over 8 lines (16 when one of its lines is set in small type: wider than 9/8 of
 * the body's width, the width three quarters of the body's lines above the block of 20
 * code points or more do not pass, at least 5 such lines; in extracted text a
 * footnote's lines hold more characters than the body's, and a long footnote with code
 * in it runs on) -- unless the next footnote's start closes it: P+1 cited in the body
 * above the block, or a restart (above), with no line between that starts P again in
 * either form (body text after a false start runs on to the real footnote P) --, no
 * line starts a statement or a point (below), and a text line after a blank line
 * starts a footnote, continues a URL broken before the blank, starts in lower case
 * (-layout spaces a footnote's lines), follows a bare number (its text), or starts left
 * of the line before the blank when that line is open (the last footnote's "open" rule
 * below: -layout sets a footnote's first line apart and indented, "9 A shlibs file ...
 * the actual", blank, "SONAME. If ..."); bare numbers (page numbers) and lines of one
 * or two characters that are no number (a glyph set apart: the lowered "E" of a LaTeX
 * logo, "3 The L", "AT X format ...", "E") pass, and so does
 * the page's own footer below the footnotes (its last text line, after a blank line, at
 * most 40 bytes, indented at least 20 columns deeper than the block's first line: a
 * first page's job number "21-10417 (E)" in -layout text), which is left out of the
 * flow like a page number. An inline block must read so (or end its column, above). So
 * body lines that start with a number stay body: "2021 was a year"
 * (out of sequence), "1. ..." and "Point 1:" (no inline form), "32 States voted in
 * favour" (uncited, or its number starts the real footnote further down, or body text
 * follows it), "1 Introduction" (a heading). A number the extractor moved after its
 * block (below) is only looked for when the block's first number is bare.
 *
 * A column of numbers. pdftotext reads a word processor's footnote numbers, set apart
 * from their texts by a tab, as a block of their own: two or more bare numbers N,
 * N+1, ... on lines of their own (blank lines between), then the texts. They start the
 * page's block when N goes on the sequence (F+1, or 1 restarting with `footnotes:
 * per-chapter`), N is cited by a marker candidate above, and the text lines from there
 * to the page's end split into exactly as many footnotes: a footnote ends at a closed
 * line (the "open" rule below) before a line that does not start in lower case. One
 * piece more is allowed when it is the page's last line and reads as its own footer
 * (at most 40 bytes, a digit, no final . , ; :: "21-10417 (E)"), left out of the flow
 * like a page number. Texts that split into any other count stay body, with a warning
 * ("3 footnote numbers from 1 in a column, but their texts do not split into as many:
 * left in the body"): which text is whose is not known.
 *
 * Numbering runs. A block that starts with a restart (N = 1 after F > 0) opens a new
 * numbering run: its footnotes' number runs on from the highest so far (so numbers stay
 * unique through the report: ids, rp_footnote_get), printed keeps the number as
 * printed, and markers from the line after the previous footnote's page on are read in
 * the new run (printed 1 is number highest + 1). A restart inside a block opens a run
 * the same way, its markers read in it from the line of the body's candidate 1 that
 * showed the restart (the chapter's first marker) on.
 *
 * Text the extractor wrote between the body and the block's first number ("pre-text")
 * is found by walking up from that number over lines that look like footnote lines (a
 * URL, or ending with ',' or ';', and not a statement or point start), stopping at a
 * blank line or anything else. Then:
 *   - if the block's first number is bare and one of the block's last two lines is a
 *     bare number N with F < N < that first number (pdftotext moved the first number of
 *     the block after it: the seed's "5" and "11"; a page number may follow it), the
 *     pre-text is footnote N -- at least the one line above the block, even if it does
 *     not look like a footnote line, and up to two more while the top line starts in
 *     lower case, and any more while the line above is open and set in small type (it
 *     holds more than 11/10 of the width three quarters of the page's body lines of 20
 *     code points or more do not pass, at least 5 such lines: a word processor's 10 pt
 *     notes under 12 pt text);
 *   - if the page's last lines (before its own footer, foot_like, and its page number)
 *     are two to four bare numbers F+1, F+2, ... below the block's first number (or on
 *     a page without a block), pdftotext wrote the numbers of the page's first
 *     footnotes after all their texts ("A/76/150.", "A/RES/75/240, ...", "security”,
 *     ...", "3", ..., "1", "2", "21-10417 (E)"): the texts above the block are split,
 *     walking up, at closed lines (the "open" rule below) -- a line continues the text
 *     below it when that one starts in lower case or the line is open and in small type
 *     -- into exactly that many, the first cited by a marker above, and each becomes
 *     its footnote; any other count leaves them to the rules here;
 *   - a bare first number with a blank line after it that stands under an open line in
 *     small type (-layout writes a raised number under the long line it is raised
 *     above: " Letter dated ... addressed to the", "14", blank, "Chair of ...") takes
 *     that line as its footnote's first;
 *   - otherwise, if the last footnote so far is open (its last line ends with a letter,
 *     ',' or '-', not with a URL or path), the pre-text continues it (a footnote that
 *     runs on to the next page);
 *   - otherwise the pre-text stays in the body.
 * A bare number N among the page's last two lines after a block that holds N-1 and N+1
 * but not N, N cited in the body above (pdftotext moved it from the middle of the
 * block: "1", note 1, note 2, "3", note 3, "2"), is footnote N: the text of N-1 from
 * its first line that follows a closed line (a sentence or URL ended: the last
 * footnote's "open" rule above false) and starts a block, up to N+1. So is one after a
 * block that holds N-1 followed by a restart, and no N before it (N was its chapter's
 * last: "3", note 3, note 4, "1", ..., "4"): footnote N runs up to the restart, and the
 * runs after it number on from N (their footnotes move up by one).
 * A page without a block start that ends with a bare number F+1 (then maybe a page
 * number) whose body cites F+1 (as above) holds that one footnote, its number misplaced
 * after its text (found as pre-text above the number), when that text ends closed (the
 * "open" rule) and not with ':' ("a message like this along the way:" then "2" is a
 * figure's, not a footnote). Otherwise, on a page without a
 * block, last lines that look like footnote lines, one of them with a URL, continue an
 * open last footnote the same way. Footnote lines never enter the body, so a sentence
 * interrupted by a block reads on: "which not only constitute" + " barriers for
 * achieving" gives "which not only constitute barriers for achieving", and "the public"
 * + (inline block, form feed) + "core of the internet" gives "the public core of the
 * internet".
 *
 * Symbol footnotes. Some footnotes are marked with a symbol instead of a number: LaTeX's
 * \thanks on a title page ("Lars Madsen∗", "∗ Thanks to ..."), groff's ("clita.*",
 * "*Clita ipsum ..."), a UN document's "*" note ("agenda*", "* A/76/50."). A mark is a
 * run of one to three of the same symbol: ∗ * † ‡ § ¶ ‖ ("∗∗" and "**" are marks of their
 * own). They are found before the page's numbered block, by the same two kinds of
 * evidence, both needed:
 *   - a line (not the page's first) opening with a mark, then (after optional white
 *     space) text that starts with a letter, digit, opening quote or bracket -- not a
 *     lower-case letter glued to the mark: "*unused is set to", a C pointer; "∗ deceased"
 *     is a note -- and holds a letter; no other line of the page opens with the same
 *     mark (a list: "* Make all ...", "* Make both ...");
 *   - the same mark glued in the body of the page above: not at a line's start, right
 *     after a letter, digit, closing quote or bracket, punctuation or another symbol
 *     ("Madsen∗", "A/76/135*", "Team.∗", "Madsen∗†"), and followed by the line's end,
 *     white space, punctuation or another symbol (not by a letter or digit: "lib*"
 *     glued to a word is one, but "foo*bar" is not).
 * The first such line starts the page's symbol region, which runs to the page's end, or
 * to a line that starts with a number (a numbered block that follows, a page number):
 * every other text line in it opens another symbol footnote (a different mark, found as
 * the first) or continues the last one. It must read as footnotes: no footnote over 8
 * lines after its first, and after a blank line only a new symbol footnote or a line
 * starting in lower case; else the region is refused and the next candidate line
 * tried. So a '*' or '•' list with no mark above stays body, as does a '*' line in the
 * middle of a page. The region's lines are footnote lines (the numbered rules never
 * read them: a numbered block below it is found as on any page). With `footnotes:
 * none` no symbol footnote is found.
 *   On a page of two -layout columns (the other column found from the body above the
 * region as for a footnote block in one column, Footnote blocks) the region is first
 * read by column: a line is cut at a gap before the other column (or lies wholly in
 * one), and each part opens a symbol footnote (a mark found as above; a right part that
 * opens with a mark counts among the lines that do) or continues the last footnote of
 * its column, with the same limits (8 lines, after a blank line only a new footnote or
 * lower case; no continuation in a column that has no footnote yet). It is taken when
 * it so reads, some line holds both columns and both columns hold footnotes: groff's
 * "†Sadipscing ...      ‡Takimata ..." are two footnotes, each with its column's next
 * line. Otherwise the region is read as above.
 *
 * Each footnote has a mark (rp_footnote_t.mark): the printed number in decimal ("12";
 * "1" again after a restart) or the symbol as printed ("∗", "**"); a symbol footnote's
 * printed is 0. Its number follows the highest number of the numbered footnotes of the
 * report, in order of appearance (a report with numbered footnotes 1-3 and "∗", "†" on
 * its title page numbers them 4 and 5), so numbers and ids ("#fnN") stay unique, and a
 * numbered footnote's number is the same whether or not symbols are found. In the body,
 * a mark glued as above whose footnote is on the same page is removed from the text
 * (Markers) and linked to it; it does not move the numbered markers' sequence.
 *
 * Footnotes. A footnote's lines are joined with one space, except that a URL broken at
 * a line end is re-joined without one (blank lines between are skipped): the line must
 * end inside a URL, the next line start with a URL-like token (URL characters only, no
 * leading quote or bracket, not a bare number), and either the URL ends with one of
 * "-/_.=?&#%~+" (a '.' only before a lower-case letter or digit) or the token holds
 * '/', '?', '=', '%', '&' or '#' or ends in a document extension (.pdf, .html, ...).
 * Text the extractor already joined ("engagementpublications") is left as it is. A word
 * hyphenated at a line end keeps its hyphen ("cyber-" + "operations" gives
 * "cyber-operations"). Per footnote:
 *   - urls: every URL (analyzer.h, an_url_at with AN_RULE_REPORT): "http://",
 *     "https://", "ftp://" or "www." in lower case at the start of a token or after a
 *     character other than a letter or digit, up to the next space, with trailing
 *     punctuation (. , ; : ” ’ " ' and an unbalanced ')' or ']') removed; in order,
 *     duplicates kept once;
 *   - symbols: UN document symbols outside URLs (analyzer.h, an_symbol_at): 1-6 capital
 *     letters then at least two '/' segments of letters, digits and dots, one holding a
 *     digit ("A/RES/75/282", "A/AC.290/2021/CRP.2", "A/69/723"); trailing '.' and '*'
 *     removed; once each;
 *   - date: the cited document's date, see "Citation dates" below;
 *   - title: the first quoted text “...” (nested “ ” pairs counted, straight "..." too),
 *     else the text up to the first ',' or URL; trailing , ; : space and dashes trimmed;
 *   - page and line: where the footnote begins (its number line, or its first text line
 *     when the number came after the text).
 * An inline number line gives the footnote its first text (the line after the number
 * and its white space); the rest is joined to it as above.
 *
 * Citation dates. A footnote's dates are the date expressions (date_find, default year
 * = the report's year) in its text before its first URL (the whole text if it has
 * none): what follows the URL -- "This and all other URLs ... were retrieved on 3 June
 * 2021." -- is commentary, not the document. Each such date is one of:
 *   - an access date, dropped: the word before it (looking through ':', "on", "at") is
 *     retrieved, accessed, access, consulted, viewed, downloaded or "last visited" (any
 *     case): "(accessed 1 September 2021)", "retrieved on 3 June 2021";
 *   - a meeting date: inside ( ) or [ ] and either a multi-day span or next to a
 *     meeting word (in the brackets or in the clause before them), or outside brackets,
 *     a multi-day span next to a meeting word -- in its clause (the text back to the
 *     previous , ; ( ) [ ] and on to the next one), or in the clause before it when its
 *     own clause has at most two words before the date ("Third substantive session,
 *     8–12 March 2021", "session ... was held in New York, on 10-12 May 2021"). The
 *     meeting words are session, meeting, conference (not "conference room"),
 *     consultation, with any ending ("sessions", "consultations"), any case. A
 *     multi-day span is one whose start and end differ and that is not one whole
 *     month or year ("8-12 March 2021", "19 June and 2 July 2020"; not "February
 *     2021");
 *   - a document date: any other, the bracketed ones (a single day with no meeting
 *     word: "Report (14 July 2021)") only when there is no unbracketed one.
 * The document's date is the LAST document date (the one closest to the URL or the
 * symbol tail: "Resolution adopted ... on 26 May 2021, ..., Distr.: 1 June 2021,
 * A/RES/75/282" is 1 June 2021), the meeting's the last meeting date. Then:
 *   - a document date: date = it, date_rule RP_CITE_DATE_DOCUMENT;
 *   - else a meeting date: date = it, date_rule RP_CITE_DATE_MEETING ("Statement by
 *     ..., (18,19, 22 February 2021), https://...");
 *   - else date 0, date_rule RP_CITE_DATE_NONE ("Ibid.", "See para. 12 above.").
 * meeting_start/meeting_end hold the meeting date whatever the rule (0 if none): "...,
 * Informal virtual meeting (18, 19 and 22 February 2021) Slovenia, Statement, 19
 * February 2021, https://..." is dated 20210219 (document) with the meeting
 * 20210218..20210222.
 *
 * Markers. Body lines are scanned in order for numbers glued to a word (two or more
 * letters: "AHC1"), to a closing quote or bracket ("rights.”5", "13(g).”6",
 * "purposes.''30"), or to sentence punctuation ("mission.2"; after ',' ';' ':' only if
 * no digit precedes them, so "1,000" is no marker, and after '.' not when a number of
 * 1-3 digits (or such numbers joined by dots) standing alone does: "2.3 Scope",
 * "4.9.1", "1.5", but "May 2021.26"), followed by
 * the end of the line, white space or punctuation (not a letter, digit, '/', '-', nor
 * ".5"-like decimals; and not after a dot leader: "Introduction.....2"); a closing
 * quote, one space and a number at the line end (".” 11") also counts, and so does a
 * number after a sentence's end and one space, before the line end or a space and a
 * capital ("over 2019. 6 The": pdftotext sets a word processor's superscripts apart;
 * not after a number of 1-3 digits); so does a year (1900-2099) with 1-2 digits glued
 * after it, standing alone ("28 May 20215 and": the marker 5, rp_year_marker); so do
 * superscript digits (the characters of this rule are analyzer.h's,
 * AN_RULE_REPORT: an_marker_glue, an_marker_end, an_marker_digit). URL tokens are
 * skipped. A candidate's number is read in its numbering run (Numbering runs, above:
 * after a restart, printed 1 is the run's first number); it is a marker when that is
 * the next expected one (the last marker + 1) and at most the highest footnote number;
 * for a word-glued, spaced or year-glued candidate the footnote must also begin on the
 * marker's
 * page. To recover from a lost marker, a punctuation- or quote-glued candidate up to 3
 * numbers ahead whose footnote begins on the same page is also taken. Anything else
 * ("COVID-,19" when 21 is expected, "para 50", "2015") stays text; numbered candidates
 * never mark a symbol footnote (Symbol footnotes). Markers are removed from the text
 * (with the space of the spaced form) and recorded.
 *
 * Headings. A heading is a short body line (at most 70% of the typical line width -- the
 * 90th percentile of the widths of body lines of 20+ characters, 80 if there are fewer
 * than 5 -- and at least 3 characters) that is not a
 * sentence: it does not end with . , ; : ! ? (closing quotes and brackets looked
 * through), nor with a small word (of, the, and ...), holds no URL and no sentence
 * break (". " + capital after a word that is not an abbreviation), does not start with
 * a quote or a lower-case letter, is not a statement or point start, and is Title-Case:
 * at least 75% of its words other than small words start with a capital -- or it is a
 * known heading ("Introduction", "Conclusion(s)", "Appendix", "Annex", "Summary",
 * "Background", "Overview", "References", "Recommendations", ... optionally numbered).
 * It must stand alone: after the start of the text, a blank line, or a line ending a
 * sentence (. ! ? : ; or a closing quote/bracket); and before a line that starts with
 * a capital, digit, quote or bracket. Up to three heading lines in a row are one
 * heading ("The Open-Ended Ad Hoc Committee of Experts" + "(AHC) Update"). Each heading
 * opens a section; its key is the first parenthesized acronym, lower-cased ("oewg"),
 * else the first word that is not a small word, folded ("introduction"); a repeated key
 * gets "-2", "-3".... Text before the first heading is a section with title "" and key
 * "front".
 *
 * Passages. Each section's body is cut into passages of three kinds:
 *   - statement: starts at a line "On <date>[,] <actor>..." (the date found by
 *     date_find right after "On ") when an actor is found (below);
 *   - point: starts at a line "Point <N>:";
 *   - paragraph: anything else; a line "On <date>, ..." without an actor is a
 *     paragraph with its own date, and a paragraph that opens with an office phrase
 *     and a reporting verb (Actors, below) has an actor but stays a paragraph.
 * A passage ends before a heading, a statement or point start, a blank line (one
 * between two body lines of the same page with nothing else between: blank lines
 * before a footnote block or a page break, or after the running header a page starts
 * with, are layout, so a sentence reads on over a page break), or a paragraph break: a
 * line ending with . ! ? : or a closing quote (markers and closing brackets looked
 * through) that is shorter than 80% of the typical width, or a line ending with a URL,
 * each followed by a line starting with a capital, digit, quote or bracket. A statement
 * or point goes on over a paragraph break when the next line opens a quotation (“ or
 * "): the speaker's next quoted paragraph. Lines are joined as in footnotes (one space;
 * URL and hyphen rules).
 *
 * Dates. A passage with an "On <date>" lead has that date (RP_DATE_OWN; a day without
 * year takes the report's year). Others take the span of the nearest earlier passage
 * of their section that has its own date (RP_DATE_SECTION), else the report's day
 * passed by the caller (RP_DATE_REPORT), else 0 (RP_DATE_NONE).
 *
 * Actors. After the lead date and an optional ',', a leading clause that starts with a
 * preposition ("at its 71st plenary meeting,") is skipped; the actor is then the run of
 * words up to ':', ',', ';', a quote, a sentence end, or a lower-case verb (a word in
 * -ed, or said, says, also, was, is, has, will, ...), at most 14 words. It is accepted
 * when it is a name (first word after the/a/an capitalized) or ended at ':' or a
 * reporting verb ("a coalition of nine civil society organizations recommended").
 * actor_full is it as written ("the Kingdom of the Netherlands"); actor is the short
 * form: articles, "delegation of", "Government of", "Permanent Mission of",
 * "[Permanent] Representative of" removed; a trailing "(ACRONYM)" gives the acronym
 * ("GCSC"); a state form "[Adjectives] Republic|Kingdom|Federation|State|Commonwealth|
 * Principality|Duchy|Sultanate|Emirate|Confederation of [the] Name" gives Name
 * ("Netherlands", "Iran", "China"); names such as "Russian Federation", "United
 * Kingdom", "United States of America", "Republic of Korea", "Democratic Republic of
 * the Congo" stay as they are.
 *
 * Office phrases. A paragraph (no "On <date>" lead, not a point) whose text starts
 * "The <office> of [the] <Name>" -- office: delegation, Government, Permanent Mission,
 * representative, Permanent Representative (first letter in either case) -- has an
 * actor when a reporting verb follows the name. The name is a run of capitalized words
 * ("Côte d’Ivoire" too) joined by of, and, the, & before another capitalized word, at
 * most 10 words, with an optional trailing "(ACRONYM)"; then, in order and each
 * optional: up to two qualifiers "to|in|at [the] <Name>" ("to the United Nations in
 * Geneva"); up to two comma clauses ", in its comments on the OEWG consensus report,"
 * (each closed by ',' within 160 bytes, holding no ';', ':', opening quote or sentence
 * end); up to three adverbs (also, further, again, then, once, jointly, has, have,
 * had, subsequently, later, or a lower-case word in -ly). The next word must be a
 * reporting verb: one of the statement verbs (said, made, wrote, notes, states, ...), felt,
 * thought, sought, drew, wished, or a lower-case word of 4+ letters in -ed other than
 * those that say what an office is or does (consisted, comprised, included, composed,
 * attended, headed, elected, established, hosted, joined, signed, voted, ...). So
 * "The delegation of the Netherlands, in its comments on ..., noted" gives actor_full
 * "The delegation of the Netherlands" (office and name as written; qualifiers and
 * clauses left out) and actor "Netherlands" (the short form above); "The delegation of
 * authority to ..." (no name), "The delegation of X was led by ..." (an auxiliary, not
 * an adverb, before the verb) and "The delegation of X consisted of ..." give none.
 * Such a passage keeps kind paragraph: kind says how the text is laid out (a statement
 * is an "On <date>" lead, and has that date), the actor says who speaks; its date is
 * its section's or the report's (Dates).
 *
 * Offsets. Every passage's text is one string; its loci table maps byte offsets of that
 * text back to original lines and pages: entry k covers text[loci[k].offset ..
 * loci[k+1].offset). The report's body is every section heading and passage, in order,
 * separated by "\n\n"; a passage's text appears in it verbatim at body_offset, and the
 * report has a loci table for the body too. Markers are recorded with their offset in
 * the body (where the number was, after removal).
 *
 * Layout input (rp_parse_layout). A report read with its layout (the PDF reader's lines,
 * each with its box and type size) is cut by the geometry instead of the Pages and
 * Footnote blocks rules above; the later rules (Footnotes, Citation dates, Markers and
 * on) are the same. Where the geometry leaves doubt, text stays in the body and a
 * warning says so.
 *   - Pages are the pages given, blank ones counted; a page's label is the reader's
 *     (the PDF's page label), else the number of its page-number line (below), else "".
 *   - The body type size is the size most characters of the document are set in
 *     (weighted by characters, sizes rounded to 0.1 pt); a page with under a quarter of
 *     its characters in it (a part set in another size) has its own most common size
 *     as its body size. Small type is at most 0.92 of the page's body size (10 pt notes
 *     under 11 pt text, as word processors set them, are small). Body-size lines are never
 *     footnotes: "1 Introduction" and TOC lines such as
 *     "1 Introduction 1" stay body whatever their numbers.
 *   - Page furniture. A page's top (bottom) edge is the lines level with its topmost
 *     (bottommost) line, when that line lies in the top (bottom) 15% of the page
 *     height. An edge line that is only a page number ("12", "- 12 -", "–2", "Page 12",
 *     "12 of 40", roman "xiv") is dropped as a page number -- unless it is a bare number
 *     in small type with the next line level with it just right of it (within three
 *     ems): a footnote's number set apart from its text; an edge line that the same
 *     edge of at least 3 pages (2 in a document of at most 4 pages) repeats at the same
 *     place (top within 2 pt), digit runs, case and spacing aside ("50 Chapter 5.
 *     Managing Packages" = "52 Chapter 5. Managing Packages"; odd and even pages each
 *     repeat their own), is a running header (footer) and dropped; so is an edge line
 *     whose first or last word is a number that runs with the pages on the same edge of
 *     at least 3 pages (page q's number is q - p more than page p's: "50 Chapter 5.
 *     Managing Packages", "Overview 51"; the number is the page's label). Then an edge
 *     line set where such furniture stands on at least 3 other pages (top and left
 *     within 2 pt, the same size: a running header whose text changes, "PREFACE",
 *     "CHAPTER 1. OVERVIEW") is dropped, and so are the lines level with furniture on
 *     its edge (a header in two parts), but for small lines that start with a number
 *     (a footnote). A line no other page repeats stays body.
 *   - Footnote blocks. A run is a stretch of small-type lines in reading order (blank
 *     lines inside it included); a two-column page given column by column has a run
 *     under each column. A footnote's mark is a number -- superscript digits, or 1-4
 *     digits followed by white space, ". " or ") ", or alone on the line (its text on
 *     the next) -- or one to three symbols (* ∗ † ‡ § ¶ ‖: "†", "**") followed by
 *     text. A run's footnotes start at its first line that (a) begins with a mark;
 *     (b) lies, with the rest of the run, below every body-size line of the page that
 *     shares its columns (x ranges overlap): the foot of the page, under the body; and
 *     (c) whose mark the body cites. For a number: it continues the sequence (F+1..F+3,
 *     F the last footnote number so far) or restarts it (1), and a body line of the
 *     page or of the page before holds it as a marker candidate (Markers) or as a line
 *     of its own in small type (a raised marker the reader set apart) -- for a jump
 *     (F+2, F+3) or a restart, a superscript one ("version 1.2" does not make "2 CARD16
 *     ..." footnote 2 of a document that has no footnote 1), unless the run itself
 *     numbers two footnotes or more in superscripts in sequence from it; a number out
 *     of sequence counts only when it is raised both in the run and in the body. For
 *     symbols: a body line of the page holds them glued to the word before
 *     ("Documentation∗"). A run that meets (a) and (b) but not (c) stays body, with a
 *     warning ("small type at the foot of page 3 starts like footnote 4 but the body
 *     cites no such number"); so does small type with body below it (a caption, a
 *     table, small print). From that line on, the run is the block: a line starts the
 *     next footnote when it begins with the number after the current one (two or three
 *     after when cited), with 1 cited by a superscript marker (a restart: with
 *     footnotes: per-chapter, any marker), or with cited symbols; its mark must stand
 *     at most three ems right of the left edge of the block's lines above it in its
 *     column (a hanging or indented first line), or open a new column of the block
 *     (right of the line before and higher up: notes set in two columns). Any other
 *     line continues the footnote above. A symbol footnote keeps its symbol as its
 *     mark and is numbered after the highest numbered one, in order; the body's glued
 *     symbols cite it by mark and page, as on the text path (Markers), and no numeric
 *     marker does.
 *   - Margin notes. On a page of at least 5 body-size lines, a small-type line wholly
 *     beside the text (left of every body-size line or right of every one: "New
 *     description 1998/06/01") is left out of the flow like furniture, so that the
 *     paragraph it stands beside reads on; one warning per document says how many
 *     ("3 line(s) of margin notes left out of the text (first on page 17)").
 *   - Run-on. Lines of the page's first run at the foot, above its first footnote
 *     start (or the whole run if it has none), continue the footnote that ended the
 *     previous page (its lines were the last of that page's flow), when they lie below
 *     the body and either a footnote starts after them in the run or that footnote's
 *     last line does not end a sentence; otherwise they stay body with a warning
 *     ("small type at the foot of page 5 may continue the footnote that ends page 4").
 *   - Lines, line numbers and footnote roles then read as on the text path: a
 *     footnote's first line holds its number (the text after it is the footnote's first
 *     text), markers are read in body lines by the Markers rule (the reader writes raised
 *     digits as superscripts), and footnote lines and furniture never enter the body, so
 *     a sentence interrupted by a page break, a footer, a header and a footnote block
 *     reads on.
 *   - With footnotes: none (rp_options_t) no line is a footnote; furniture is still
 *     dropped.
 *
 * The report's own date is the caller's (metadata): the parser never guesses it.
 *
 * Warnings (through ds_diag_t, "file:line: warning: ..."): a footnote without a marker
 * ("footnote 14: no marker found in the body"), a marker without its footnote, a gap or
 * a repeated number in the footnote numbering, a possible footnote left in the body
 * (Footnote blocks).
 */
#ifndef IX_RPARSE_H
#define IX_RPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "locator.h"
#include "status.h"

/* "No index": a marker in a heading has no passage. */
#define RP_NONE ((size_t)-1)

/* Input larger than this is refused with DS_ERR_RANGE (a report is not 256 MB). */
#define RP_MAX_INPUT ((size_t)256 << 20)

typedef enum rp_passage_kind {
    RP_PARAGRAPH = 0, /* ordinary paragraph */
    RP_STATEMENT,     /* "On <date>, <actor>: ..." */
    RP_POINT,         /* "Point <N>: ..." */
    RP_PASSAGE_KIND_LAST
} rp_passage_kind_t;

typedef enum rp_date_rule {
    RP_DATE_NONE = 0, /* no date: no own or earlier date and the report's day is 0 */
    RP_DATE_OWN,      /* the passage's own "On <date>" lead */
    RP_DATE_SECTION,  /* the nearest earlier own date in the same section */
    RP_DATE_REPORT,   /* the report's day given by the caller */
    RP_DATE_RULE_LAST
} rp_date_rule_t;

/* One row of an offset map: text from offset (to the next row's) came from line/page
 * (offset in the cleaned text: passage text or report body; line and page of the
 * original, 1-based). The record's line map is made of these rows as they are, so the
 * type is locator.h's, and so is the lookup (ds_locus_find): there is one of each. */
typedef ds_locus_t rp_locus_t;

typedef struct rp_marker {
    unsigned number;    /* footnote number */
    size_t body_offset; /* where it was in r->body (the marker itself is removed) */
    size_t line, page;  /* where it was in the original */
    size_t passage;     /* passage index, or RP_NONE (in a heading) */
    int linked;         /* 1 if a footnote with this number exists */
} rp_marker_t;

/* How a footnote's date (date_start, date_end) was chosen: section 2, Citation dates. */
typedef enum rp_cite_date_rule {
    RP_CITE_DATE_NONE = 0, /* no document or meeting date: date_start = date_end = 0 */
    RP_CITE_DATE_DOCUMENT, /* the cited document's own date */
    RP_CITE_DATE_MEETING,  /* no document date: the date of the meeting it comes from */
    RP_CITE_DATE_RULE_LAST
} rp_cite_date_rule_t;

typedef struct rp_footnote {
    unsigned number;  /* runs through the report, also where the numbering restarts */
    unsigned printed; /* as printed: number, or its number in its chapter (Footnote blocks);
                         0 for a symbol footnote */
    char *mark;       /* the mark as printed: printed in decimal ("12"), or the symbol
                         ("∗", "†", "**": Symbol footnotes); never NULL */
    char *text; /* joined text, URLs re-joined */
    size_t len;
    char *title; /* never NULL (may be "") */
    char **urls; /* nurls strings */
    size_t nurls;
    char **symbols; /* nsymbols UN document symbols */
    size_t nsymbols;
    int32_t date_start, date_end; /* the citation's date (see date_rule); 0 if none */
    rp_cite_date_rule_t date_rule;
    int32_t meeting_start, meeting_end; /* the meeting's span, YYYYMMDD; 0 if none */
    size_t page, line;            /* where the footnote begins */
    size_t *cited_by;             /* indexes of passages citing it, ascending, once each */
    size_t ncited_by;
    size_t nmarkers; /* markers in the body that refer to it (headings included) */
} rp_footnote_t;

typedef struct rp_section {
    char *title;          /* heading text ("" for text before the first heading) */
    char *key;            /* short unique key: "oewg", "introduction", "front" */
    size_t page, line;    /* where the heading (or the section) starts */
    size_t first_passage; /* its passages are first_passage .. + npassages - 1 */
    size_t npassages;
    size_t body_offset; /* where its heading (or first passage) starts in r->body */
} rp_section_t;

typedef struct rp_passage {
    rp_passage_kind_t kind;
    size_t section; /* index into r->sections */
    char *text;     /* cleaned text: lines joined, markers removed */
    size_t len;
    int32_t date_start, date_end; /* YYYYMMDD span, see date_rule; 0 when RP_DATE_NONE */
    rp_date_rule_t date_rule;
    char *actor;      /* short form ("Netherlands"); NULL unless a statement (always set) or
                         a paragraph opening with an office phrase (Actors) */
    char *actor_full; /* as written ("the Kingdom of the Netherlands"); NULL likewise */
    unsigned *cites;  /* footnote numbers of its markers, in text order */
    size_t ncites;
    size_t page, line;  /* where it starts in the original */
    size_t last_line;   /* the original line it ends on */
    size_t body_offset; /* r->body + body_offset holds text (len bytes) */
    rp_locus_t *loci;   /* offset map of text, nloci >= 1, loci[0].offset == 0 */
    size_t nloci;
} rp_passage_t;

typedef struct rp_report {
    size_t npages;       /* physical pages, blank ones counted (section 2, Pages) */
    char **page_labels;  /* npages printed page numbers ("xii", "36"); "" where the page
                            shows none; never NULL (one entry even when npages is 0) */
    int pages_guessed;   /* 1 when the text had no form feed: npages is a guess */
    size_t nlines; /* lines of the original text */
    rp_section_t *sections;
    size_t nsections;
    rp_passage_t *passages;
    size_t npassages;
    rp_footnote_t *footnotes; /* sorted by number */
    size_t nfootnotes;
    rp_marker_t *markers; /* in body order */
    size_t nmarkers;
    size_t markers_linked, markers_unlinked; /* markers with / without a footnote */
    size_t footnotes_unmarked;               /* footnotes no marker refers to */
    char *body; /* the report-level document: headings and passages, "\n\n" between */
    size_t body_len;
    rp_locus_t *loci; /* offset map of body */
    size_t nloci;
    int32_t report_day; /* as passed to rp_parse */
    void *priv;         /* private: the memory everything above lives in */
} rp_report_t;

/* ---- input: options, and pages read with their layout ----------------------------- */

/* What the report's metadata says of its footnotes ("footnotes:" in front matter or
 * manifest). */
typedef enum rp_footnote_mode {
    RP_FOOTNOTES_AUTO = 0,    /* find them (section 2); numbering runs through the report */
    RP_FOOTNOTES_NONE,        /* the report has none: no line is taken for a footnote */
    RP_FOOTNOTES_PER_CHAPTER, /* numbering restarts in each chapter */
    RP_FOOTNOTE_MODE_LAST
} rp_footnote_mode_t;

/* How to parse. Zeroed (RP_OPTIONS_INIT) is: no file name, first line 1, no report day,
 * footnotes found automatically. */
typedef struct rp_options {
    const char *file;        /* names the text in warnings (may be NULL) */
    size_t first_line;       /* line of the file the text starts on (0 is read as 1) */
    int32_t report_day;      /* YYYYMMDD, or 0 if unknown (see rp_parse) */
    rp_footnote_mode_t footnotes;
} rp_options_t;

#define RP_OPTIONS_INIT {NULL, 0, 0, RP_FOOTNOTES_AUTO}

/*
 * One line of a page as a layout-aware reader (the PDF reader) placed it. Superscript
 * digits (raised and smaller than the line's type: footnote markers) are written as the
 * Unicode superscript digits (U+00B9, U+00B2, U+00B3, U+2070, U+2074..U+2079), so the
 * marker rule reads them whatever path the text came by.
 */
typedef struct rp_layout_line {
    const char *text;      /* UTF-8, need not be NUL-terminated, no '\n' or '\f' */
    size_t len;
    double x0, y0, x1, y1; /* bounding box in points; y grows downwards from the top */
    double size;           /* font size of most of its characters, in points */
} rp_layout_line_t;

typedef struct rp_layout_page {
    double width, height;          /* the page's size in points */
    const char *label;             /* printed page label ("iv", "12"), or NULL */
    const rp_layout_line_t *lines; /* in reading order (a two-column page column by
                                      column); none on a blank page */
    size_t nlines;
} rp_layout_page_t;

/*
 * Parse report text[0..len) as rp_parse does, with the options opt (NULL: all zero).
 * Statuses as rp_parse's; also DS_ERR_INVALID when opt->footnotes is out of range.
 */
ds_status_t rp_parse_text(const char *text, size_t len, const rp_options_t *opt,
                          ds_diag_t *diag, rp_report_t **out);

/*
 * Parse a report read with its layout: pages[0..npages), each a physical page (blank
 * ones too), by the rules of section 2, "Layout input". Line numbers count as if the
 * pages were written out one text line per line, a form feed between pages (the text
 * the PDF reader stores; a '\n' or '\f' inside a line's text is read as a space): line
 * 1 is the first page's first line, and a page's lines follow the previous page's,
 * blank lines and blank pages included. Statuses as
 * rp_parse_text's; DS_ERR_INVALID also when pages is NULL with npages > 0 or a line's
 * text is NULL with len > 0; DS_ERR_RANGE when the text is over RP_MAX_INPUT.
 */
ds_status_t rp_parse_layout(const rp_layout_page_t *pages, size_t npages,
                            const rp_options_t *opt, ds_diag_t *diag, rp_report_t **out);

/*
 * Parse report text[0..len) (need not be NUL-terminated; no byte at or after text + len
 * is read). file names the text in warnings (may be NULL: "program: warning: ...");
 * report_day (YYYYMMDD, or 0 if unknown) is the report's own date, used for passages
 * without a date of their own and as the default year of day-month dates. diag (may be
 * NULL: no warnings) receives the warnings listed in section 2; they never make the
 * parse fail.
 *
 * On success *out is a new report, owned by the caller, freed with rp_report_free(), and
 * DS_OK is returned. Every string in it is NUL-terminated valid UTF-8 and lives as long
 * as the report. On failure *out is NULL (when out is not NULL) and the status is:
 *   DS_ERR_INVALID  out is NULL, or text is NULL with len > 0, or report_day is neither
 *                   0 nor a valid day;
 *   DS_ERR_RANGE    len > RP_MAX_INPUT;
 *   DS_ERR_NOMEM    an allocation failed (nothing is leaked).
 * Any other text, even garbage, parses (into a body of paragraphs at worst). A text
 * that starts on line first_line of its file (after a front-matter block, say) is
 * parsed with rp_parse_text and opt.first_line: every line number -- of passages,
 * footnotes, markers, offset maps and warnings -- then counts in the file.
 */
ds_status_t rp_parse(const char *text, size_t len, const char *file, int32_t report_day,
                     ds_diag_t *diag, rp_report_t **out);

/* Free r and everything in it. Accepts NULL. */
void rp_report_free(rp_report_t *r);

/* The row of a passage's loci that covers an offset of its text (or of the report's
 * loci, a body offset): ds_locus_find (locator.h). */

/* The footnote numbered number, or NULL. */
const rp_footnote_t *rp_footnote_get(const rp_report_t *r, unsigned number);

/* "paragraph", "statement", "point"; "?" for other values. Never NULL. */
const char *rp_passage_kind_str(rp_passage_kind_t kind);

/* "none", "own", "section", "report"; "?" for other values. Never NULL. */
const char *rp_date_rule_str(rp_date_rule_t rule);

/* "none", "document", "meeting"; "?" for other values. Never NULL. */
const char *rp_cite_date_rule_str(rp_cite_date_rule_t rule);

#endif
