/*
 * docmap_check.c - check the position maps, text hashes and line maps an index holds
 * (docmap.h, schema.h: Document data), for the end-to-end tests.
 *
 *     docmap_check DIR                     check every document of the index at DIR
 *     docmap_check --stamp-schema V DIR    write schema version V into every shard (to
 *                                          make an index of another schema, for tests)
 *
 * For every document (found through its unique-id term): its record has a position map
 * of format 1 with K = DS_POSMAP_K, base >= 1 and as many positions as DS_SLOT_SIZES
 * counts; the span the map gives for every position is the analyzer's (the first token
 * at it, the whole text tokenized); the index holds the text's first term at base + its
 * position (the map's base is the index's); its text hash is ds_hash64 of its text; a report or
 * passage has a line map whose rows lie in its text, and a passage's first row is its
 * page and line fields. Prints one line per problem ("ID: ...") and a summary; exits 0
 * when all agree, 1 when some do not, 2 when the index cannot be read (an index of
 * another schema: ds_index_check's "rebuild needed" message).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbmeta.h"
#include "docmap.h"
#include "docread.h"
#include "docsizes.h"
#include "hash.h"
#include "schema.h"
#include "termgen.h"
#include "xap.h"

/* What the check counts, and what it reads with (the index, its analyzer). */
typedef struct tally {
    uint64_t docs, loci, positions, bad;
    xap_db_t *db;
    an_analyzer_t *an;
} tally_t;

static void problem(tally_t *t, const char *id, const char *what)
{
    printf("%s: %s\n", id, what);
    t->bad++;
}

/* Every position's span through the map against the whole tokenization. */
static const char *check_spans(const ds_posmap_t *m, const char *text, size_t len)
{
    an_tokenizer_t tk;
    an_token_t tok;
    const char *bad = NULL;
    uint32_t next = 0; /* the next position not yet seen */
    int r;
    an_tokenizer_init(&tk, text, len);
    while (!bad && (r = an_tokenizer_next(&tk, &tok)) == 1) {
        if (tok.pos < next)
            continue; /* not the first token at its position */
        size_t s, e;
        if (ds_posmap_span(m, text, len, tok.pos, &s, &e) != DS_OK || s != tok.start ||
            e != tok.end)
            bad = "a position's span through the map is not the analyzer's";
        next = tok.pos + 1;
    }
    if (!bad && r < 0)
        bad = "out of memory tokenizing";
    if (!bad && next != ds_posmap_ntok(m))
        bad = "the map's positions are not the text's";
    an_tokenizer_release(&tk);
    return bad;
}

/* The index holds the term of the text's first token at base + its position: the map's
 * base is where the indexer put the text (the fields' positions come before it). */
static const char *check_base(xap_db_t *db, xap_docid_t docid, an_analyzer_t *an,
                              const ds_posmap_t *m, const char *text, size_t len)
{
    an_tokenizer_t tk;
    an_token_t tok;
    ds_buf_t exact = DS_BUF_INIT, stem = DS_BUF_INIT;
    const char *bad = NULL;
    an_tokenizer_init(&tk, text, len);
    if (an_tokenizer_next(&tk, &tok) == 1 && tg_token_terms(an, &tok, "", &exact, &stem) == DS_OK) {
        xap_postiter_t *p = NULL;
        xap_positer_t *ps = NULL;
        uint32_t want = ds_posmap_base(m) + tok.pos;
        int found = 0;
        bad = "the text's first term is not at the map's base in the index";
        if (xap_db_postings(db, exact.data, exact.len, &p) == DS_OK &&
            xap_postiter_skip_to(p, docid) == 1 && xap_postiter_docid(p) == docid &&
            xap_postiter_positions(p, &ps) == DS_OK) {
            while (!found && xap_positer_next(ps) == 1)
                found = xap_positer_pos(ps) == want;
            bad = found ? NULL : bad;
        }
        xap_positer_free(ps);
        xap_postiter_free(p);
    }
    an_tokenizer_release(&tk);
    ds_buf_release(&exact);
    ds_buf_release(&stem);
    return bad;
}

/* The position map and hash of rec, whose text is text[0..len) and sizes its slot. */
static const char *check_map(dstore_record_t *rec, xap_docid_t docid, const char *text, size_t len,
                             const char *sizes, tally_t *t)
{
    ds_posmap_t *m = NULL;
    uint64_t h, npos = 0, nbytes = 0;
    if (ds_docmap_text_hash(rec, &h) != DS_OK)
        return "no text hash, or a malformed one";
    if (h != ds_hash64(text, len))
        return "the text hash is not the text's";
    if (ds_docmap_posmap(rec, &m) != DS_OK)
        return "no position map, or a malformed one";
    const char *bad = NULL;
    if (ds_posmap_k(m) != DS_POSMAP_K || ds_posmap_base(m) < 1)
        bad = "the map's K or base is not the indexer's";
    else if (!sizes || sscanf(sizes, "%" SCNu64 " %" SCNu64, &npos, &nbytes) != 2 ||
             npos != ds_posmap_ntok(m) || nbytes != len)
        bad = "the map's positions are not the document's (DS_SLOT_SIZES)";
    else
        bad = check_spans(m, text, len);
    if (!bad)
        bad = check_base(t->db, docid, t->an, m, text, len);
    t->positions += ds_posmap_ntok(m);
    ds_posmap_free(m);
    return bad;
}

/* A report's or passage's line map: rows inside the text; a passage starts at its page
 * and line. */
static const char *check_loci(const dstore_record_t *rec, size_t len, tally_t *t)
{
    const char *type = dstore_get(rec, DS_FIELD_TYPE, NULL);
    int needs = type && (!strcmp(type, DS_TYPE_REPORT) || !strcmp(type, DS_TYPE_PASSAGE));
    ds_locus_t *rows = NULL;
    size_t n = 0;
    ds_status_t rc = ds_docmap_loci(rec, &rows, &n);
    if (rc == DS_ERR_NOT_FOUND)
        return needs && len ? "no line map" : NULL;
    const char *bad = NULL;
    if (rc != DS_OK || !needs)
        bad = rc != DS_OK ? "a malformed line map" : "a line map on a document without one";
    else if (rows[n - 1].offset > len || rows[0].line < 1 || rows[0].page < 1)
        bad = "a line map outside its text";
    if (!bad && !strcmp(type, DS_TYPE_PASSAGE)) {
        const char *page = dstore_get(rec, DS_FIELD_PAGE, NULL);
        const char *line = dstore_get(rec, DS_FIELD_LINE, NULL);
        const ds_locus_t *at = ds_locus_find(rows, n, 0);
        if (!page || !line || strtoull(page, NULL, 10) != at->page ||
            strtoull(line, NULL, 10) != at->line)
            bad = "the line map's start is not the passage's page and line";
    }
    t->loci += rc == DS_OK;
    free(rows);
    return bad;
}

/* Check document docid of db. DS_OK, or the status of a document that cannot be read. */
static ds_status_t check_doc(xap_db_t *db, xap_docid_t docid, tally_t *t)
{
    xap_doc_t *doc = NULL;
    dstore_record_t *rec = NULL;
    const char *text, *value;
    char sizes[DS_SIZES_MAX] = "";
    size_t len, slen;
    ds_status_t rc = xap_db_get_doc(db, docid, &doc);
    if (rc == DS_OK && xap_doc_get_value(doc, DS_SLOT_SIZES, &value, &slen) == DS_OK)
        snprintf(sizes, sizeof sizes, "%.*s", (int)slen, value);
    xap_doc_free(doc);
    doc = NULL;
    if (rc == DS_OK)
        rc = ds_read_record(db, docid, &doc, &rec);
    if (rc == DS_OK)
        rc = dstore_text(rec, &text, &len);
    if (rc == DS_OK) {
        const char *id = dstore_get(rec, DS_FIELD_ID, NULL), *bad;
        t->docs++;
        if ((bad = check_map(rec, docid, text, len, sizes, t)) != NULL)
            problem(t, id ? id : "?", bad);
        if ((bad = check_loci(rec, len, t)) != NULL)
            problem(t, id ? id : "?", bad);
    }
    dstore_record_free(rec);
    xap_doc_free(doc);
    return rc;
}

/* Every document of db, once each, through its unique-id term. */
static ds_status_t check_all(xap_db_t *db, tally_t *t)
{
    xap_termiter_t *it = NULL;
    ds_status_t rc = xap_db_allterms(db, DS_PREFIX_ID, strlen(DS_PREFIX_ID), &it);
    int r = 0;
    while (rc == DS_OK && (r = xap_termiter_next(it)) == 1) {
        size_t len;
        const char *term = xap_termiter_term(it, &len);
        xap_postiter_t *p = NULL;
        int q = 0;
        rc = xap_db_postings(db, term, len, &p);
        while (rc == DS_OK && (q = xap_postiter_next(p)) == 1)
            rc = check_doc(db, xap_postiter_docid(p), t);
        if (rc == DS_OK && q < 0)
            rc = (ds_status_t)-q;
        xap_postiter_free(p);
    }
    if (rc == DS_OK && r < 0)
        rc = (ds_status_t)-r;
    xap_termiter_free(it);
    return rc;
}

/* Write schema version v into every shard the stub of dir names. */
static int stamp(const char *dir, const char *v)
{
    char path[4096], line[256];
    snprintf(path, sizeof path, "%s/%s", dir, DS_STUB_FILE);
    FILE *f = fopen(path, "r");
    int failed = !f;
    size_t k;
    unsigned g;
    while (f && !failed && fgets(line, sizeof line, f)) {
        xap_db_t *db = NULL;
        if (sscanf(line, "glass s%zu.%u", &k, &g) != 2)
            continue;
        snprintf(path, sizeof path, "%s/s%zu.%u", dir, k, g);
        failed = xap_db_open_write(path, XAP_DB_OPEN, &db, NULL) != DS_OK ||
                 xap_db_set_metadata(db, DS_META_SCHEMA, v, strlen(v)) != DS_OK ||
                 xap_db_commit(db) != DS_OK;
        xap_db_close(db);
    }
    if (f)
        fclose(f);
    if (failed)
        fprintf(stderr, "docmap_check: cannot stamp %s\n", dir);
    return failed ? 2 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--stamp-schema"))
        return stamp(argv[3], argv[2]);
    if (argc != 2) {
        fprintf(stderr, "usage: docmap_check [--stamp-schema V] DIR\n");
        return 2;
    }
    xap_db_t *db = NULL;
    ds_error_t e;
    char lang[64];
    tally_t t = {0};
    ds_status_t rc = xap_db_open_read(argv[1], &db, &e);
    if (rc == DS_OK)
        rc = ds_index_check(db, argv[1], lang, sizeof lang, &e);
    if (rc == DS_OK)
        rc = an_analyzer_new(lang, &t.an, &e);
    t.db = db;
    if (rc == DS_OK && (rc = check_all(db, &t)) != DS_OK)
        ds_error_set(&e, rc, 0, "%s: %s", argv[1], xap_db_error(db));
    an_analyzer_free(t.an);
    xap_db_close(db);
    if (rc != DS_OK) {
        fprintf(stderr, "docmap_check: %s\n", e.message);
        return 2;
    }
    printf("%" PRIu64 " documents, %" PRIu64 " positions, %" PRIu64 " line maps, %" PRIu64
           " problems\n",
           t.docs, t.positions, t.loci, t.bad);
    return t.bad ? 1 : 0;
}
