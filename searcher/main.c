/*
 * searcher - ranked search, counts, facets and batch queries over a dossier index.
 *
 *   options ............ usage, help_query, parse_options
 *   concordances ....... conc_option (--kwic, --collocates, --timeline, --words,
 *                        --keywords and theirs),
 *                        setup_mode (checks the options fit the mode, resolves --sort)
 *   modes .............. single (the query from the arguments), batch (stdin)
 *   citing ............. citing_options, --fingerprint, --show (show.h), and the
 *                        fingerprint --with-fingerprint gives every answer
 *   main ............... exit status like grep: 0 hits, 1 none, 2 error
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "answer.h"
#include "docstore.h"
#include "fingerprint.h"
#include "verify.h"
#include "query.h"
#include "schema.h"
#include "show.h"

typedef struct options {
    const char *index;
    sq_answer_opts_t a;
    int batch, header;
    int verify;         /* --verify: the words (or stdin) are quotes to check */
    char *fields;
    const char *sort;   /* --sort, resolved by setup_mode for the mode */
    int limit_set;      /* --limit given (concordances show everything by default) */
    unsigned given;     /* mode-specific options seen (GIVEN_*) */
    const char *const *words;
    size_t nwords;
    const char *show, *quote; /* --show LOCATOR, --quote WORDS */
    int fingerprint, with_fp; /* --fingerprint, --with-fingerprint */
    char fp[SQ_FP_SIZE];      /* the fingerprint --with-fingerprint writes */
} options_t;

static void usage(FILE *out)
{
    fprintf(out,
"usage: searcher [-d DIR] [options] QUERY...\n"
"       searcher [-d DIR] [options] --batch < queries\n"
"       searcher [-d DIR] --words [options] [QUERY...]\n"
"       searcher [-d DIR] --keywords [--reference QUERY] [options] QUERY...\n"
"\n"
"Search the index DIR (default: $" DS_ENV_INDEX ", else ./" DS_DEFAULT_INDEX "). The words of\n"
"QUERY are joined by spaces into one query; `searcher --help-query` explains the\n"
"query language.\n"
"\n"
"  -d, --index DIR        index directory\n"
"  -n, --limit N          hits to show (default 10)\n"
"      --offset N         skip the first N hits\n"
"      --sort ORDER       relevance (default), date (oldest first) or -date\n"
"  -f, --format FMT       text (default), tsv or json (JSON Lines)\n"
"      --fields LIST      TSV/JSON fields, comma-separated (default\n"
"                         " FMT_DEFAULT_FIELDS ")\n"
"      --header           TSV: print a header line\n"
"  -c, --count            print only the number of matching documents (exact)\n"
"      --facet NAME       counts by actor, year, type or section next to the hits\n"
"                         (repeatable)\n"
"      --explain          print the parsed query on stderr\n"
"      --batch            read one query per line from stdin (optionally ID<TAB>QUERY)\n"
"                         and answer each; every output line carries the query id\n"
"      --verify           the words (or with - or --batch, each line of stdin) are a\n"
"                         quote: where does it occur, exactly or equivalently (README)\n"
"      --snippet-width N  characters of text in a snippet (default 160)\n"
"      --max-expansion N  terms a wildcard may expand to (default 1024)\n"
"      --format-version[=N]  print the output format version (2), or write version N\n"
"                         (1: as before locators; 2)\n"
"      --help-query       the query language;  -h, --help  this help\n"
"  -V, --version          the version\n"
"\n"
"Concordances (the keywords are the query's positive words, phrases, wildcards and\n"
"NEAR groups; fields and filters only choose the documents):\n"
"      --kwic             one line per occurrence: left context, match, right context,\n"
"                         date, actor, id:offset (TSV/JSON: id date actor title offset\n"
"                         left match right page line locator); -n/--offset count lines\n"
"                         (default: all);\n"
"                         --count prints occurrences and documents\n"
"      --context N        characters of context each side (default 40)\n"
"      --context-words N  N words of context each side instead\n"
"      --sort ORDER       (--kwic) doc (default), date, -date, L1..L9 or R1..R9 (the\n"
"                         k-th word left or right of the match)\n"
"      --sample N         (--kwic) a random sample of N lines, in their order;\n"
"      --seed S           the same S (default 1) and index give the same lines\n"
"      --collocates       words within a window of the occurrences, ranked\n"
"      --window N         words each side (default 5)\n"
"      --measure M        ll (log-likelihood, default), mi or t\n"
"      --min-freq N       least observed count shown (default 3; --words: 1)\n"
"      --no-stopwords     leave stop words out (--collocates, --words, --keywords)\n"
"      --words            (query optional) the word list of the documents: rank, word,\n"
"                         frequency, documents, per million words\n"
"      --keywords         the words of the documents that stand out against a\n"
"                         reference: G2 and log ratio\n"
"      --reference QUERY  (--keywords) the reference (default: the rest of the index)\n"
"      --rank-by M        (--keywords) ll (log-likelihood, default) or ratio\n"
"      --negative         (--keywords) the unusually rare words instead\n"
"      --min-ref-freq N   (--keywords) least reference frequency (default 0; 3 with\n"
"                         --negative, whose --min-freq default is 0)\n"
"      --timeline         occurrences and documents per period\n"
"      --by UNIT          year (default) or month\n"
"      --svg FILE         also write the timeline as an SVG chart\n"
"      --breakdown        every form each word, stem, wildcard, phrase and NEAR group\n"
"                         matched, with its occurrences (KWIC lines) and documents\n"
"\n"
"Citing (searcher --show LOCATOR, searcher --fingerprint):\n"
"      --show LOCATOR     the span a locator names, with --context-words N words\n"
"                         each side (default 12), and its citation; exit 1 if the\n"
"                         document changed since the locator was made\n"
"      --quote WORDS      (--show) the words the locator was made for: found again\n"
"                         in a changed document\n"
"      --fingerprint      the index fingerprint: schema and a hash of every\n"
"                         document's id and text hash\n"
"      --with-fingerprint (--format json) a first line with the fingerprint and the\n"
"                         parsed query (batch: one per query)\n"
"\n"
"Exit status: 0 if something matched, 1 if nothing did, 2 on an error (in batch\n"
"mode: 2 if any query failed, else 0 if any matched, else 1). Colours: bold\n"
"highlights on a terminal unless NO_COLOR is set.\n");
}

/* The query language reference: the same text as query.h section 1 and the README. */
static void help_query(void)
{
    fputs(
"QUERY LANGUAGE\n"
"  protect infrastructure   all words must match (stemmed: protect also finds\n"
"                           protecting, protection); ranked by BM25\n"
"  \"public core\"            exact phrase, in order, case and accents ignored, stop\n"
"                           words kept; \"public core\"~5: in order within 5 extra words\n"
"  public NEAR/3 core       both words, either order, at most 3 words apart (NEAR: 10)\n"
"  a OR b   a AND b   a NOT b   -word   +word   ( ... )\n"
"                           precedence: NEAR, then NOT/-/+, then AND, then OR;\n"
"                           operators are upper case (a or b searches three words)\n"
"  cyber*                   words starting with cyber (at least 2 characters)\n"
"  ICT-related A/RES/75/282 compounds, UN symbols and URLs match whole or by parts\n"
"  \"it's not\"               possessives and contractions ('s) are exact in phrases\n"
"                           and NEAR (never \"it not\"); the word ICANN's finds ICANN too\n"
"  Netherlands: Over the    a word with ':' and then a space is a word: pasted text\n"
"                           is a query\n"
"FIELDS\n"
"  title:  actor:  section:  text fields, stemmed, ranked like words\n"
"  type:report  lang:en  id:ID  url:URL  site:un.org  symbol:A/RES/75/282\n"
"  symbol:A/AC.290/* (every document of that body)  cites:12 (cites footnote 12)\n"
"  committee:oewg (a free manifest field: its words, as a filter)\n"
"  lang: takes ISO 639-1 or -3 codes or English names (fr = fra = french).\n"
"  url: matches whatever the scheme (http, https) and a trailing '/'.\n"
"  site: matches a host and its subdomains (site:un.org finds docs.un.org). A host\n"
"  the PDF extraction broke (front.unarm.org for front.un-arm.org) is indexed as\n"
"  written: find it with a url: wildcard on the part before the break,\n"
"  url:front.un*, and list the URLs with --fields url.\n"
"DATES (a document matches when its date span overlaps the range)\n"
"  date:2021  date:2021-03  date:2021-02-19..2021-03-12  date:..2020-12-31\n"
"  date:2021-03..\n"
"FILTERS (type, date, lang, id, url, site, symbol, cites and free fields)\n"
"  A filter filters the whole query, or the whole ( ... ) group it stands in:\n"
"    date:2021-03 Netherlands OR Germany    both, in March 2021\n"
"    (Netherlands date:2021-03) OR Germany  the date limits Netherlands only\n"
"  A branch of OR made only of filters is an alternative: type:report OR type:memo.\n"
"  Values of one single-valued field (type, lang, id, date) are alternatives:\n"
"  type:report type:passage is either; values of other fields must all match.\n"
"  Filters choose documents and add no weight.\n"
"NOTHING FOUND\n"
"  searcher says why on stderr: a word no document has (did you mean ...?), a filter\n"
"  value no document has (with the values that exist, when few), a lower-case\n"
"  operator, a field name followed by a space.\n"
"ERRORS\n"
"  A malformed query is reported with the column of the problem and exit status 2.\n",
        stdout);
}

/* parse_count's largest value */
#define COUNT_MAX 1000000000ULL

static int parse_count(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || *s == '-' || v > COUNT_MAX)
        return -1;
    *out = v;
    return 0;
}

/* A bad option value; `valid` says what the option takes ("text, tsv or json"). */
static int bad(const char *opt, const char *val, const char *valid)
{
    fprintf(stderr, "searcher: invalid value for %s: '%s' (%s)\n", opt, val, valid);
    return 2;
}

/* A number option outside lo..hi (or not a number). */
static int bad_range(const char *opt, const char *val, uint64_t lo, uint64_t hi)
{
    fprintf(stderr, "searcher: invalid value for %s: '%s' (a whole number from %llu to %llu)\n",
            opt, val, (unsigned long long)lo, (unsigned long long)hi);
    return 2;
}


static int set_format(options_t *o, const char *v)
{
    if (strcmp(v, "text") == 0)
        o->a.fmt.kind = FMT_TEXT;
    else if (strcmp(v, "tsv") == 0)
        o->a.fmt.kind = FMT_TSV;
    else if (strcmp(v, "json") == 0)
        o->a.fmt.kind = FMT_JSON;
    else
        return bad("--format", v, "text, tsv or json");
    return 0;
}

static int set_sort(options_t *o, const char *v)
{
    if (strcmp(v, "relevance") == 0)
        o->a.search.sort = SQ_SORT_RELEVANCE;
    else if (strcmp(v, "date") == 0)
        o->a.search.sort = SQ_SORT_DATE;
    else if (strcmp(v, "-date") == 0)
        o->a.search.sort = SQ_SORT_DATE_DESC;
    else
        return bad("--sort", v, "relevance, date or -date");
    return 0;
}

static int add_facet(options_t *o, const char *v)
{
    if (sq_facet_slot(v) < 0) {
        fprintf(stderr, "searcher: unknown facet '%s' (facets: actor, year, type, section, lang)\n", v);
        return 2;
    }
    for (size_t i = 0; i < o->a.search.nfacets; i++)
        if (strcmp(o->a.search.facets[i], v) == 0)
            return 0; /* asked twice: counted once */
    if (o->a.search.nfacets == SQ_MAX_FACETS) {
        fprintf(stderr, "searcher: at most %d --facet options\n", SQ_MAX_FACETS);
        return 2;
    }
    o->a.search.facets[o->a.search.nfacets++] = v;
    return 0;
}

/* --format-version: print the version, or write version 1 (without locators) or 2. */
static int format_version(options_t *o, const char *v)
{
    if (!v) {
        printf("%d\n", FMT_VERSION);
        return -1;
    }
    if (strcmp(v, "1") != 0 && strcmp(v, "2") != 0) {
        fprintf(stderr, "searcher: output format version %s is not supported (this searcher "
                        "writes versions 1 and %d)\n", v, FMT_VERSION);
        return 2;
    }
    o->a.fmt.version = v[0] - '0';
    return 0;
}

enum { O_OFFSET = 256, O_SORT, O_FIELDS, O_HEADER, O_FACET, O_EXPLAIN, O_BATCH, O_VERIFY, O_WIDTH,
       O_EXPANSION, O_FMTVER, O_HELPQ, O_KWIC, O_COLLOCATES, O_TIMELINE, O_CONTEXT,
       O_CONTEXT_WORDS, O_WINDOW, O_MEASURE, O_MIN_FREQ, O_NO_STOP, O_BY, O_SVG, O_SHOW,
       O_QUOTE, O_FINGERPRINT, O_WITH_FP, O_BREAKDOWN, O_SAMPLE, O_SEED, O_WORDS, O_KEYWORDS,
       O_REFERENCE, O_RANK_BY, O_NEGATIVE, O_MIN_REF };

/* ---- concordances --------------------------------------------------------------- */

/* Options that belong to one mode: setup_mode refuses them in another. */
enum { GIVEN_KWIC = 1, GIVEN_COLL = 2, GIVEN_TIMELINE = 4, GIVEN_MODE = 8, GIVEN_FILTER = 16,
       GIVEN_MIN_FREQ = 32, GIVEN_KEYWORDS = 64, GIVEN_MIN_REF = 128, GIVEN_SAMPLE = 256,
       GIVEN_SEED = 512 };

static int set_mode(options_t *o, sq_mode_t mode)
{
    if ((o->given & GIVEN_MODE) && o->a.mode != mode) {
        fprintf(stderr, "searcher: --kwic, --collocates, --timeline, --breakdown, --words and "
                        "--keywords exclude each other\n");
        return 2;
    }
    o->given |= GIVEN_MODE;
    o->a.mode = mode;
    return 0;
}

static int context_option(options_t *o, const char *arg, int words)
{
    uint64_t n;
    uint64_t max = words ? 1000 : 100000;
    if (parse_count(arg, &n) || n > max)
        return bad_range(words ? "--context-words" : "--context", arg, 0, max);
    o->a.kwic.context = (size_t)n;
    o->a.kwic.context_words = words;
    o->given |= GIVEN_KWIC;
    return 0;
}

static int coll_option(options_t *o, int c, const char *arg)
{
    uint64_t n;
    /* the filters of the word table apply to --words too */
    o->given |= c == O_MIN_FREQ || c == O_NO_STOP ? GIVEN_FILTER : GIVEN_COLL;
    if (c == O_MIN_FREQ)
        o->given |= GIVEN_MIN_FREQ;
    if (c == O_WINDOW && (parse_count(arg, &n) || n < 1 || n > CO_WINDOW_MAX))
        return bad_range("--window", arg, 1, CO_WINDOW_MAX);
    if (c == O_WINDOW)
        o->a.coll.window = (unsigned)n;
    if (c == O_MEASURE && co_parse_measure(&o->a.coll.measure, arg) != 0)
        return bad("--measure", arg, "ll, mi or t");
    if (c == O_MIN_FREQ && parse_count(arg, &o->a.coll.min_freq))
        return bad_range("--min-freq", arg, 0, COUNT_MAX);
    if (c == O_NO_STOP)
        o->a.coll.no_stopwords = 1;
    return 0;
}

/* --sample N (at least 1) and --seed S of --kwic. */
static int sample_option(options_t *o, int c, const char *arg)
{
    uint64_t n;
    if (c == O_SEED) {
        if (parse_count(arg, &o->a.kwic.seed))
            return bad_range("--seed", arg, 0, COUNT_MAX);
        o->given |= GIVEN_SEED;
        return 0;
    }
    if (parse_count(arg, &n) || n < 1)
        return bad_range("--sample", arg, 1, COUNT_MAX);
    o->a.kwic.sample = n;
    o->given |= GIVEN_SAMPLE;
    return 0;
}

static int keywords_option(options_t *o, int c, const char *arg)
{
    kk_opts_t *k = &o->a.keywords;
    o->given |= GIVEN_KEYWORDS;
    if (c == O_REFERENCE)
        o->a.reference = arg;
    if (c == O_RANK_BY && strcmp(arg, "ll") != 0 && strcmp(arg, "ratio") != 0)
        return bad("--rank-by", arg, "ll or ratio");
    if (c == O_RANK_BY)
        k->by_ratio = arg[0] == 'r';
    if (c == O_NEGATIVE)
        k->negative = 1;
    if (c == O_MIN_REF && parse_count(arg, &k->min_ref_freq))
        return bad_range("--min-ref-freq", arg, 0, COUNT_MAX);
    if (c == O_MIN_REF)
        o->given |= GIVEN_MIN_REF;
    return 0;
}

/* The options of the concordance modes; 2 (after a message) for an unknown one. */
static int conc_option(options_t *o, int c, const char *arg)
{
    switch (c) {
    case O_KWIC: return set_mode(o, SQ_MODE_KWIC);
    case O_COLLOCATES: return set_mode(o, SQ_MODE_COLLOCATES);
    case O_TIMELINE: return set_mode(o, SQ_MODE_TIMELINE);
    case O_BREAKDOWN: return set_mode(o, SQ_MODE_BREAKDOWN);
    case O_WORDS: return set_mode(o, SQ_MODE_WORDS);
    case O_KEYWORDS: return set_mode(o, SQ_MODE_KEYWORDS);
    case O_REFERENCE: case O_RANK_BY: case O_NEGATIVE: case O_MIN_REF:
        return keywords_option(o, c, arg);
    case O_CONTEXT: return context_option(o, arg, 0);
    case O_CONTEXT_WORDS: return context_option(o, arg, 1);
    case O_WINDOW: case O_MEASURE: case O_MIN_FREQ: case O_NO_STOP:
        return coll_option(o, c, arg);
    case O_BY:
        o->given |= GIVEN_TIMELINE;
        if (strcmp(arg, "year") != 0 && strcmp(arg, "month") != 0)
            return bad("--by", arg, "year or month");
        o->a.timeline.by = arg[0] == 'm' ? TL_BY_MONTH : TL_BY_YEAR;
        return 0;
    case O_SVG: o->given |= GIVEN_TIMELINE; o->a.timeline.svg = arg; return 0;
    case O_SAMPLE: case O_SEED: return sample_option(o, c, arg);
    default: fprintf(stderr, "Try 'searcher --help'.\n"); return 2;
    }
}

static int refuse(const char *what, const char *mode)
{
    fprintf(stderr, "searcher: %s %s (see searcher --help)\n", what, mode);
    return 2;
}

/* --sort for the mode: search orders, KWIC orders, or none. */
static int resolve_sort(options_t *o)
{
    if (!o->sort)
        return 0;
    if (o->a.mode == SQ_MODE_SEARCH)
        return set_sort(o, o->sort);
    if (o->a.mode != SQ_MODE_KWIC)
        return refuse("--sort", "applies to search results and --kwic only");
    if (kw_parse_sort(&o->a.kwic, o->sort) != 0) {
        fprintf(stderr, "searcher: --sort %s does not apply to --kwic (orders: doc, date, "
                        "-date, L1..L9, R1..R9)\n", o->sort);
        return 2;
    }
    return 0;
}

/* --keywords' filters: --min-freq 3 and --min-ref-freq 0 by default, the other way
 * round for negative keywords (a word the subcorpus lacks is the rarest of all). */
static void setup_keywords(options_t *o, uint64_t limit)
{
    kk_opts_t *k = &o->a.keywords;
    k->no_stopwords = o->a.coll.no_stopwords;
    k->min_freq = (o->given & GIVEN_MIN_FREQ) ? o->a.coll.min_freq : k->negative ? 0 : 3;
    if (!(o->given & GIVEN_MIN_REF))
        k->min_ref_freq = k->negative ? 3 : 0;
    k->offset = o->a.search.offset;
    k->limit = limit;
}

/* Check that the options fit the mode and fill in the mode's defaults. */
static int setup_mode(options_t *o)
{
    sq_mode_t m = o->a.mode;
    if ((o->given & GIVEN_KWIC) && m != SQ_MODE_KWIC)
        return refuse("--context and --context-words", "apply to --kwic only");
    if ((o->given & GIVEN_COLL) && m != SQ_MODE_COLLOCATES)
        return refuse("--window and --measure", "apply to --collocates only");
    if ((o->given & GIVEN_FILTER) && m != SQ_MODE_COLLOCATES && m != SQ_MODE_WORDS &&
        m != SQ_MODE_KEYWORDS)
        return refuse("--min-freq and --no-stopwords",
                      "apply to --collocates, --words and --keywords only");
    if ((o->given & GIVEN_KEYWORDS) && m != SQ_MODE_KEYWORDS)
        return refuse("--reference, --rank-by, --negative and --min-ref-freq",
                      "apply to --keywords only");
    if ((o->given & (GIVEN_SAMPLE | GIVEN_SEED)) && m != SQ_MODE_KWIC)
        return refuse("--sample and --seed", "apply to --kwic only");
    if ((o->given & GIVEN_SEED) && !(o->given & GIVEN_SAMPLE))
        return refuse("--seed", "applies to --sample only");
    if ((o->given & GIVEN_SAMPLE) && (o->a.count_only || o->limit_set || o->a.search.offset))
        return refuse("--sample", "does not go with --count, -n/--limit or --offset");
    if ((o->given & GIVEN_TIMELINE) && m != SQ_MODE_TIMELINE)
        return refuse("--by and --svg", "apply to --timeline only");
    if (m == SQ_MODE_TIMELINE && o->a.timeline.svg && o->batch)
        return refuse("--svg", "takes one query, not --batch");
    if (m != SQ_MODE_SEARCH && (o->fields || o->a.search.nfacets))
        return refuse("--fields and --facet", "apply to search results only");
    if (o->a.count_only && m != SQ_MODE_SEARCH && m != SQ_MODE_KWIC)
        return refuse("--count", "applies to search results and --kwic only");
    if (m == SQ_MODE_BREAKDOWN && (o->limit_set || o->a.search.offset))
        return refuse("--limit and --offset", "do not apply to --breakdown (it lists every form)");
    uint64_t limit = o->limit_set ? o->a.search.limit : KW_ALL;
    o->a.kwic.offset = o->a.coll.offset = o->a.search.offset;
    o->a.kwic.limit = o->a.coll.limit = limit;
    o->a.words = o->a.coll; /* the same filters and cut; every word by default */
    if (!(o->given & GIVEN_MIN_FREQ))
        o->a.words.min_freq = 1;
    setup_keywords(o, limit);
    o->a.kwic.count_only = o->a.count_only;
    return resolve_sort(o);
}

/* One option; returns 0 to go on, -1 to exit 0 (help/version), 2 on a usage error. */
static int option(options_t *o, int c, const char *arg)
{
    uint64_t n;
    switch (c) {
    case 'd': o->index = arg; return 0;
    case 'n':
        o->limit_set = 1;
        return parse_count(arg, &o->a.search.limit) ? bad_range("--limit", arg, 0, COUNT_MAX) : 0;
    case O_OFFSET:
        return parse_count(arg, &o->a.search.offset) ? bad_range("--offset", arg, 0, COUNT_MAX)
                                                     : 0;
    case O_SORT: o->sort = arg; return 0;
    case 'f': return set_format(o, arg);
    case O_FIELDS: o->fields = (char *)arg; return 0;
    case O_HEADER: o->header = 1; return 0;
    case 'c': o->a.count_only = 1; return 0;
    case O_FACET: return add_facet(o, arg);
    case O_EXPLAIN: o->a.explain = 1; return 0;
    case O_BATCH: o->batch = 1; return 0;
    case O_VERIFY: o->verify = 1; return 0;
    case O_WIDTH:
        if (parse_count(arg, &n) || n < 20 || n > 10000)
            return bad_range("--snippet-width", arg, 20, 10000);
        o->a.snippet_width = (size_t)n;
        return 0;
    case O_EXPANSION:
        if (parse_count(arg, &n) || n < 1 || n > 1000000)
            return bad_range("--max-expansion", arg, 1, 1000000);
        o->a.max_expansion = (uint32_t)n;
        return 0;
    case O_FMTVER: return format_version(o, arg);
    case O_HELPQ: help_query(); return -1;
    case 'h': usage(stdout); return -1;
    case 'V': printf("searcher (dossier) %s\n", DS_VERSION); return -1;
    case O_SHOW: o->show = arg; return 0;
    case O_QUOTE: o->quote = arg; return 0;
    case O_FINGERPRINT: o->fingerprint = 1; return 0;
    case O_WITH_FP: o->with_fp = 1; return 0;
    default: return conc_option(o, c, arg);
    }
}

static int parse_options(int argc, char **argv, options_t *o)
{
    static const struct option longs[] = {
        {"index", required_argument, 0, 'd'}, {"limit", required_argument, 0, 'n'},
        {"offset", required_argument, 0, O_OFFSET}, {"sort", required_argument, 0, O_SORT},
        {"format", required_argument, 0, 'f'}, {"fields", required_argument, 0, O_FIELDS},
        {"header", no_argument, 0, O_HEADER}, {"count", no_argument, 0, 'c'},
        {"facet", required_argument, 0, O_FACET}, {"explain", no_argument, 0, O_EXPLAIN},
        {"batch", no_argument, 0, O_BATCH}, {"verify", no_argument, 0, O_VERIFY},
        {"snippet-width", required_argument, 0, O_WIDTH},
        {"max-expansion", required_argument, 0, O_EXPANSION},
        {"format-version", optional_argument, 0, O_FMTVER},
        {"help-query", no_argument, 0, O_HELPQ}, {"help", no_argument, 0, 'h'},
        {"version", no_argument, 0, 'V'}, {"kwic", no_argument, 0, O_KWIC},
        {"collocates", no_argument, 0, O_COLLOCATES}, {"timeline", no_argument, 0, O_TIMELINE},
        {"words", no_argument, 0, O_WORDS}, {"keywords", no_argument, 0, O_KEYWORDS},
        {"reference", required_argument, 0, O_REFERENCE},
        {"rank-by", required_argument, 0, O_RANK_BY},
        {"negative", no_argument, 0, O_NEGATIVE},
        {"min-ref-freq", required_argument, 0, O_MIN_REF},
        {"context", required_argument, 0, O_CONTEXT},
        {"context-words", required_argument, 0, O_CONTEXT_WORDS},
        {"window", required_argument, 0, O_WINDOW}, {"measure", required_argument, 0, O_MEASURE},
        {"min-freq", required_argument, 0, O_MIN_FREQ},
        {"no-stopwords", no_argument, 0, O_NO_STOP}, {"by", required_argument, 0, O_BY},
        {"svg", required_argument, 0, O_SVG}, {"show", required_argument, 0, O_SHOW},
        {"quote", required_argument, 0, O_QUOTE},
        {"fingerprint", no_argument, 0, O_FINGERPRINT},
        {"with-fingerprint", no_argument, 0, O_WITH_FP},
        {"breakdown", no_argument, 0, O_BREAKDOWN}, {"sample", required_argument, 0, O_SAMPLE},
        {"seed", required_argument, 0, O_SEED}, {0, 0, 0, 0}};
    int c, st;
    while ((c = getopt_long(argc, argv, "d:n:f:chV", longs, NULL)) != -1)
        if ((st = option(o, c, optarg)) != 0)
            return st;
    o->words = (const char *const *)argv + optind;
    o->nwords = (size_t)(argc - optind);
    return 0;
}

/* ---- modes ---------------------------------------------------------------------- */

/* One query, or with --verify one quote. */
static int answer_one(sq_index_t *ix, const options_t *o, const char *text, ds_buf_t *out)
{
    if (o->verify)
        return vf_verify(ix, text, strlen(text), &o->a.fmt, out, stderr);
    return sq_answer(ix, text, strlen(text), &o->a, out, stderr);
}

static int single(sq_index_t *ix, options_t *o)
{
    ds_buf_t q = DS_BUF_INIT, out = DS_BUF_INIT;
    for (size_t i = 0; i < o->nwords; i++) {
        if (i)
            ds_buf_putc(&q, ' ');
        ds_buf_puts(&q, o->words[i]);
    }
    if (!o->verify)
        sq_answer_header(&out, &o->a, 0);
    int st = answer_one(ix, o, ds_buf_cstr(&q), &out);
    fwrite(ds_buf_cstr(&out), 1, out.len, stdout);
    ds_buf_release(&q);
    ds_buf_release(&out);
    return st;
}

/* Split "ID<TAB>QUERY"; without a tab the id is the line number. */
static const char *line_id(char *line, char **query, unsigned long lineno, char *num, size_t sz)
{
    char *tab = strchr(line, '\t');
    if (tab) {
        *tab = '\0';
        *query = tab + 1;
        return line;
    }
    *query = line;
    snprintf(num, sz, "%lu", lineno);
    return num;
}

static int batch(sq_index_t *ix, options_t *o)
{
    char *line = NULL, num[32];
    size_t cap = 0;
    ssize_t len;
    unsigned long lineno = 0;
    int any_hit = 0, any_error = 0;
    ds_buf_t out = DS_BUF_INIT;
    if (!o->verify)
        sq_answer_header(&out, &o->a, 1);
    fwrite(ds_buf_cstr(&out), 1, out.len, stdout);
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
            continue; /* comments and blank lines ask nothing (the line count goes on) */
        char *query;
        o->a.fmt.query_id = line_id(line, &query, lineno, num, sizeof num);
        ds_buf_reset(&out);
        int st = answer_one(ix, o, query, &out);
        any_hit |= st == SQ_HITS;
        any_error |= st == SQ_ERROR;
        fwrite(ds_buf_cstr(&out), 1, out.len, stdout);
        /* stream: a pipeline sees each answer as soon as it is ready; and once nobody
         * can read the answers (a closed pipe, a full disk) there is no point going on */
        if (fflush(stdout) != 0 || ferror(stdout))
            break;
    }
    free(line);
    ds_buf_release(&out);
    return any_error ? SQ_ERROR : any_hit ? SQ_HITS : SQ_NO_HITS;
}

/* ---- citing: --show, --fingerprint, --with-fingerprint ---------------------------- */

/* The options --show and --fingerprint take: the index, the format, --header, and for
 * --show --quote and --context-words. 2 (after a message) for any other. */
static int citing_options(const options_t *o)
{
    const char *what = o->show ? "--show" : "--fingerprint";
    if (o->show && o->fingerprint)
        return refuse("--show and --fingerprint", "exclude each other");
    if (o->nwords || o->batch)
        return refuse(what, "takes no query (nor --batch)");
    if ((o->given & ~GIVEN_KWIC) || o->with_fp || o->fields || o->a.search.nfacets ||
        o->a.count_only || o->sort || o->limit_set)
        return refuse(what, "takes no search or concordance options");
    if ((o->given & GIVEN_KWIC) && (!o->show || !o->a.kwic.context_words))
        return refuse("--context", "does not apply here (--show counts words: --context-words)");
    return 0;
}

static int print_fingerprint(sq_index_t *ix, const options_t *o)
{
    char fp[SQ_FP_SIZE];
    uint64_t n = 0;
    ds_error_t e;
    if (sq_fingerprint(ix, fp, &n, &e) != DS_OK) {
        fprintf(stderr, "searcher: error: %s\n", e.message);
        return 2;
    }
    if (o->a.fmt.kind == FMT_JSON)
        printf("{\"fingerprint\":\"%s\",\"schema\":\"%s\",\"documents\":%llu}\n", fp,
               DS_SCHEMA_VERSION, (unsigned long long)n);
    else if (o->a.fmt.kind == FMT_TSV)
        printf("%s%s\t%s\t%llu\n", o->header ? "fingerprint\tschema\tdocuments\n" : "", fp,
               DS_SCHEMA_VERSION, (unsigned long long)n);
    else
        printf("%s\n", fp);
    return 0;
}

static int citing(sq_index_t *ix, const options_t *o)
{
    if (o->fingerprint)
        return print_fingerprint(ix, o);
    sq_show_opts_t so = {o->show, o->quote, SQ_SHOW_CONTEXT_DEFAULT, o->a.fmt.kind, o->header,
                         o->a.fmt.color};
    if (o->given & GIVEN_KWIC)
        so.context = o->a.kwic.context;
    ds_buf_t out = DS_BUF_INIT;
    int st = sq_show(ix, &so, &out, stderr);
    fwrite(ds_buf_cstr(&out), 1, out.len, stdout);
    ds_buf_release(&out);
    return st;
}

/* --with-fingerprint: the fingerprint every answer's first line carries (answer.h). */
static int setup_fingerprint(sq_index_t *ix, options_t *o)
{
    if (!o->with_fp)
        return 0;
    ds_error_t e;
    if (sq_fingerprint(ix, o->fp, NULL, &e) != DS_OK) {
        fprintf(stderr, "searcher: error: %s\n", e.message);
        return 2;
    }
    o->a.fingerprint = o->fp;
    return 0;
}

/* ---- main ----------------------------------------------------------------------- */

/* Width of the terminal on stdout for timeline bars: the tty's, else $COLUMNS, else 80. */
static unsigned terminal_columns(void)
{
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    long n = c ? strtol(c, NULL, 10) : 0;
    return n >= 40 && n <= 1000 ? (unsigned)n : 80;
}

static int setup_fields(options_t *o)
{
    static char defaults[] = FMT_DEFAULT_FIELDS, defaults_v1[] = FMT_DEFAULT_FIELDS_V1;
    static char with_query[] = "query," FMT_DEFAULT_FIELDS;
    static char with_query_v1[] = "query," FMT_DEFAULT_FIELDS_V1;
    int v1 = o->a.fmt.version < 2;
    char *list = o->fields  ? o->fields
                 : o->batch ? (v1 ? with_query_v1 : with_query)
                            : (v1 ? defaults_v1 : defaults);
    char badname[64];
    if (fmt_parse_fields(&o->a.fmt, list, badname, sizeof badname) != 0) {
        ds_buf_t names = DS_BUF_INIT;
        fmt_field_names(&names, o->a.fmt.version);
        fprintf(stderr, "searcher: unknown field '%s' in --fields (fields: %s; at most %d)\n",
                badname, ds_buf_cstr(&names), FMT_MAX_FIELDS);
        ds_buf_release(&names);
        return 2;
    }
    return 0;
}

/* DS_TEXT_STATS (set, not empty) is a test hook: how much stored text the run read,
 * so tests can tell that a path reads none (tests/e2e/test_text_reads.py). */
static void text_stats(void)
{
    const char *v = getenv("DS_TEXT_STATS");
    dstore_stats_t s;
    dstore_stats_get(&s);
    if (v && v[0])
        fprintf(stderr, "text: %llu chunks, %llu bytes\n", s.chunks, s.bytes);
}

int main(int argc, char **argv)
{
    options_t o = {0};
    o.a.search.limit = 10;
    o.a.snippet_width = 160;
    o.a.max_expansion = SQ_MAX_EXPANSION_DEFAULT;
    o.a.suggest = 1;
    o.a.kwic.context = KW_CONTEXT_DEFAULT;
    o.a.kwic.seed = KW_SEED_DEFAULT;
    o.a.coll = (co_opts_t){CO_LL, CO_WINDOW_DEFAULT, CO_MIN_FREQ_DEFAULT, 0, 0, KW_ALL};
    o.a.stream = stdout;
    o.a.fmt.version = FMT_VERSION;
    int st = parse_options(argc, argv, &o);
    if (st)
        return st < 0 ? 0 : st;
    if (o.verify && o.nwords == 1 && strcmp(o.words[0], "-") == 0)
        o.batch = 1, o.nwords = 0; /* --verify -: one quote per line on stdin */
    int cite = o.show || o.fingerprint;
    if (o.verify && cite)
        return refuse("--verify", "does not go with --show or --fingerprint");
    if (o.quote && !o.show)
        return refuse("--quote", "applies to --show only");
    if (cite && citing_options(&o) != 0)
        return 2;
    if (o.with_fp && o.a.fmt.kind != FMT_JSON) {
        fprintf(stderr, "searcher: --with-fingerprint needs --format json\n");
        return 2;
    }
    if (!cite && !o.batch && o.nwords == 0 && o.a.mode != SQ_MODE_WORDS) {
        fprintf(stderr, "searcher: no query given (see searcher --help)\n");
        return 2;
    }
    if (o.batch && o.nwords) {
        fprintf(stderr, "searcher: --batch reads its queries from stdin; '%s' would be "
                        "ignored\n", o.words[0]);
        return 2;
    }
    if (o.a.count_only && o.a.search.nfacets) {
        fprintf(stderr, "searcher: --count prints only the count; --facet needs the hits\n");
        return 2;
    }
    if (!cite && (setup_fields(&o) != 0 || setup_mode(&o) != 0))
        return 2;
    for (size_t i = 0; o.a.fmt.kind != FMT_TEXT && i < o.a.fmt.nfields; i++)
        o.a.search.links |= strcmp(o.a.fmt.fields[i], "links") == 0; /* only then look up */
    o.a.fmt.header = o.header;
    o.a.timeline.columns = isatty(1) ? terminal_columns() : 80;
    o.a.fmt.color = o.a.fmt.kind == FMT_TEXT && isatty(1) && !getenv("NO_COLOR");
    if (!o.index)
        o.index = getenv(DS_ENV_INDEX) && getenv(DS_ENV_INDEX)[0] ? getenv(DS_ENV_INDEX)
                                                                 : DS_DEFAULT_INDEX;
    sq_index_t *ix = NULL;
    ds_error_t err;
    if (sq_index_open(o.index, &ix, &err) != DS_OK) {
        fprintf(stderr, "searcher: %s\n", err.message);
        return 2;
    }
    st = cite ? citing(ix, &o) : setup_fingerprint(ix, &o);
    if (!cite && st == 0)
        st = o.batch ? batch(ix, &o) : single(ix, &o);
    sq_index_close(ix);
    text_stats();
    if (fflush(stdout) != 0 || ferror(stdout)) { /* as grep: a lost answer is an error */
        fprintf(stderr, "searcher: cannot write the output: %s\n", strerror(errno));
        st = SQ_ERROR;
    }
    return st;
}
