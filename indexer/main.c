/*
 * indexer - build and maintain a dossier index from text files and their metadata.
 *
 *   options ............ usage, parse_options
 *   the run ............ index_paths (walk, plan, run, finish), maintenance
 *   main ............... options, then the index opened and locked (ixdir_open)
 *   main ............... exit status: 0 ok, 1 some files skipped for errors, 2 failure
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "analyzer.h"
#include "diag.h"
#include "ixdir.h"
#include "plan.h"
#include "summary.h"
#include "run.h"
#include "schema.h"
#include "walk.h"

#define EXIT_SKIPPED 1
#define EXIT_FAILURE_ 2

typedef struct options {
    const char *index;
    const char *lang;
    size_t jobs;
    int rebuild, quiet, verbose, dry_run, stats, compact;
    const char *const *paths;
    size_t npaths;
} options_t;

static void usage(FILE *out)
{
    fprintf(out,
"usage: indexer [-d DIR] [options] [PATH...]\n"
"\n"
"Index the text files under each PATH (files or directories, recursed; default:\n"
"corpus/) into the index DIR, incrementally: unchanged files are not read again,\n"
"changed files are replaced, deleted files disappear, renamed files move.\n"
"\n"
"  -d, --index DIR   index directory (default: $" DS_ENV_INDEX ", else ./" DS_DEFAULT_INDEX ")\n"
"      --rebuild     build the index from empty (the old one stays live until done)\n"
"      --lang LANG   stemming language for a new index (default english; 'none'\n"
"                    disables stemming; changing it needs --rebuild)\n"
"  -j, --jobs N      writer threads (default: the number of cores); a new or rebuilt\n"
"                    index gets N shards\n"
"  -n, --dry-run     print what would change (add/update/touch/rename/delete) and\n"
"                    what is skipped, change nothing\n"
"      --stats       print index statistics (alone: only that, no indexing)\n"
"      --compact     compact the index in place, atomically (alone: only that)\n"
"  -q, --quiet       no progress and no warnings (still counted in the summary)\n"
"  -v, --verbose     one line per change, and peak memory in the summary\n"
"  -h, --help        this help;  -V, --version  the version\n"
"\n"
"Sources: .txt/.text (UTF-8 text) and .gz (gzip-compressed text). Metadata from a\n"
"manifest.tsv in a directory (columns path, id, title, date, date_end, actor, type,\n"
"url, lang, symbol and any others) or a front-matter block (--- / key: value / ---)\n"
"at the top of a file (the same keys but id). Actor aliases: an actors.tsv at the\n"
"top of a PATH directory (canonical name TAB aliases...; see README). Exit status:\n"
"0 success, 1 some files were skipped for errors, 2 failure.\n");
}

static int parse_jobs(const char *s, size_t *jobs)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 1 || v > 64)
        return -1;
    *jobs = (size_t)v;
    return 0;
}

/* Returns -1 to exit 0 (help/version), 0 to go on, 2 on a usage error. */
static int parse_options(int argc, char **argv, options_t *o)
{
    enum { OPT_REBUILD = 256, OPT_LANG, OPT_STATS, OPT_COMPACT };
    static const struct option longs[] = {
        {"index", required_argument, 0, 'd'}, {"rebuild", no_argument, 0, OPT_REBUILD},
        {"lang", required_argument, 0, OPT_LANG}, {"jobs", required_argument, 0, 'j'},
        {"dry-run", no_argument, 0, 'n'}, {"stats", no_argument, 0, OPT_STATS},
        {"compact", no_argument, 0, OPT_COMPACT}, {"quiet", no_argument, 0, 'q'},
        {"verbose", no_argument, 0, 'v'}, {"help", no_argument, 0, 'h'},
        {"version", no_argument, 0, 'V'}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "d:j:nqvhV", longs, NULL)) != -1) {
        switch (c) {
        case 'd': o->index = optarg; break;
        case OPT_REBUILD: o->rebuild = 1; break;
        case OPT_LANG: o->lang = optarg; break;
        case 'j':
            if (parse_jobs(optarg, &o->jobs) != 0) {
                fprintf(stderr, "indexer: --jobs takes a number from 1 to 64, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'n': o->dry_run = 1; break;
        case OPT_STATS: o->stats = 1; break;
        case OPT_COMPACT: o->compact = 1; break;
        case 'q': o->quiet = 1; break;
        case 'v': o->verbose = 1; break;
        case 'h': usage(stdout); return -1;
        case 'V': printf("indexer (dossier) %s\n", DS_VERSION); return -1;
        default: fprintf(stderr, "Try 'indexer --help'.\n"); return 2;
        }
    }
    o->paths = (const char *const *)argv + optind;
    o->npaths = (size_t)(argc - optind);
    return 0;
}

/* ---- the run -------------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_peak_memory(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        printf("indexer: peak memory %.1f MB\n", ru.ru_maxrss / 1024.0);
}

/* Resolve --lang to libstemmer's canonical name (the index stores that). */
static int canonical_lang(const char *lang, char *out, size_t size)
{
    an_analyzer_t *an = NULL;
    ds_error_t err;
    if (an_analyzer_new(lang, &an, &err) != DS_OK) {
        fprintf(stderr, "indexer: %s\n", err.message);
        return -1;
    }
    snprintf(out, size, "%s", an_analyzer_lang(an));
    an_analyzer_free(an);
    return 0;
}

/* Walk, plan, and (unless dry-run) carry out the plan. Returns the exit status. */
static int index_paths(const options_t *o, ixdir_t *ix, ds_diag_t *diag)
{
    static const char *const default_paths[] = {"corpus"};
    double t0 = now();
    ix_walk_t w;
    ix_plan_t plan = {0};
    ix_run_result_t res = {0};
    int status = 0;
    ds_status_t rc = ix_walk(o->npaths ? o->paths : default_paths, o->npaths ? o->npaths : 1,
                             diag, &w);
    xap_db_t *live = NULL;
    ds_error_t err = DS_ERROR_INIT; /* of opening the live index or finishing the run */
    if (rc == DS_OK && !o->rebuild && ixdir_nshards(ix) > 0)
        rc = ixdir_open_read(ix, &live, &err);
    if (rc == DS_OK)
        rc = ix_plan_make(live, &w, diag, &plan);
    xap_db_close(live);
    if (rc == DS_OK && o->dry_run) {
        ix_summary_plan(stdout, &w, &plan);
    } else if (rc == DS_OK) {
        /* 24 MB of text in flight: ~200 MB of Xapian buffers on SOTU x30, any --jobs */
        ix_run_options_t ro = {o->jobs, 2000, (size_t)24 << 20,
                               !o->quiet && isatty(2), o->verbose};
        if (plan.count[IX_ACT_UNCHANGED] == plan.n && !o->rebuild)
            res.done[IX_ACT_UNCHANGED] = plan.n; /* nothing to write: no shard opened */
        else
            rc = ix_run(ix, &w, &plan, &ro, diag, &res);
        if (rc == DS_OK)
            rc = ixdir_finish(ix, &err);
        ix_summary_line(stdout, &w, &plan, &res, diag->warnings, now() - t0);
        if (o->verbose)
            print_peak_memory();
    }
    if (rc != DS_OK) {
        if (err.status != DS_OK)
            fprintf(stderr, "indexer: %s\n", err.message);
        else if (!res.failed)
            fprintf(stderr, "indexer: %s\n", ds_status_str(rc));
        status = EXIT_FAILURE_;
    } else if (res.skipped || w.errors || w.manifest_errors) {
        unsigned long files = (unsigned long)(res.skipped + w.errors);
        if (files)
            fprintf(stderr, "indexer: %lu file%s skipped because of errors (see above)\n",
                    files, files == 1 ? "" : "s");
        if (w.manifest_errors)
            fprintf(stderr, "indexer: %zu manifest%s not read (see above)\n",
                    w.manifest_errors, w.manifest_errors == 1 ? "" : "s");
        status = EXIT_SKIPPED;
    }
    ix_plan_release(&plan);
    ix_walk_release(&w);
    return status;
}

static int maintenance(const options_t *o, ixdir_t *ix)
{
    ds_error_t err;
    ds_status_t rc = DS_OK;
    if (o->compact && !o->dry_run)
        rc = ixdir_compact(ix, &err);
    if (rc == DS_OK && o->stats)
        rc = ix_summary_stats(stdout, ix, &err);
    if (rc != DS_OK)
        fprintf(stderr, "indexer: %s\n", err.message);
    return rc == DS_OK ? 0 : EXIT_FAILURE_;
}

int main(int argc, char **argv)
{
    options_t o = {0};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o.jobs = cores > 0 ? (size_t)(cores > 64 ? 64 : cores) : 1;
    int st = parse_options(argc, argv, &o);
    if (st)
        return st < 0 ? 0 : st;
    if (!o.index)
        o.index = getenv(DS_ENV_INDEX) && getenv(DS_ENV_INDEX)[0] ? getenv(DS_ENV_INDEX)
                                                                 : DS_DEFAULT_INDEX;
    char lang[64];
    if (o.lang && canonical_lang(o.lang, lang, sizeof lang) != 0)
        return EXIT_FAILURE_;
    ds_diag_t diag;
    ds_diag_init(&diag, "indexer", stderr);
    diag.quiet = o.quiet;
    int maintenance_only = (o.stats || o.compact) && o.npaths == 0 && !o.rebuild;
    ixdir_options_t io = {o.rebuild, o.dry_run || (maintenance_only && !o.compact),
                          maintenance_only, o.jobs, o.lang ? lang : NULL};
    ixdir_t *ix = NULL;
    ds_error_t err;
    ds_status_t rc = ixdir_open(o.index, &io, &ix, &err);
    if (rc != DS_OK) {
        fprintf(stderr, "indexer: %s\n", err.message);
        ds_diag_release(&diag);
        return EXIT_FAILURE_;
    }
    int status = maintenance_only ? 0 : index_paths(&o, ix, &diag);
    if (status != EXIT_FAILURE_ && (o.stats || o.compact)) {
        int m = maintenance(&o, ix);
        status = m ? m : status;
    }
    ixdir_close(ix);
    ds_diag_release(&diag);
    if (fflush(stdout) != 0 || ferror(stdout)) { /* the plan, summary or stats were lost */
        fprintf(stderr, "indexer: cannot write the output: %s\n", strerror(errno));
        status = EXIT_FAILURE_;
    }
    return status;
}
