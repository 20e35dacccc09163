/*
 * fuzz_analyzer.c - libFuzzer harness for the analyzer (common/analyzer.c, fold.c,
 * utf8.c). It tokenizes arbitrary bytes and aborts as soon as a token breaks one of
 * the invariants of analyzer_check.h. Two more checks:
 *
 *   - repair agreement: the text repaired by utf8_repair() gives the same terms,
 *     kinds, flags and positions (invalid bytes and U+FFFD both just separate words),
 *     and at most as many replacements as the tokenizer counted invalid bytes;
 *   - stemming and stop words accept every WORD term (English stemmer);
 *   - the position map (posmap.h) gives every position the span of its first token,
 *     restarting the tokenizer from its checkpoints, at K = 1, 3 and 32.
 *
 * Built as a libFuzzer binary with -DFUZZ=ON (clang), else linked with replay_main.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "analyzer_check.h"
#include "posmap.h"
#include "utf8.h"

/* Report a broken invariant and abort (so libFuzzer saves the input). */
static void fail(const char *what, const an_token_t *t)
{
    if (t)
        fprintf(stderr, "fuzz_analyzer: %s: token '%s' [%zu,%zu) pos %u kind %d flags %u\n", what,
                t->term ? t->term : "(null)", t->start, t->end, t->pos, (int)t->kind, t->flags);
    else
        fprintf(stderr, "fuzz_analyzer: %s\n", what);
    abort();
}

/* Tokenize text, checking every token; collects "term\tpos\tkind\tflags\n" in sig. */
static size_t tokenize(const char *text, size_t len, ds_buf_t *sig, an_analyzer_t *an)
{
    an_tokenizer_t tk;
    an_check_t chk = {0};
    an_token_t t;
    size_t ntok = 0;
    int r;
    an_tokenizer_init(&tk, text, len);
    while ((r = an_tokenizer_next(&tk, &t)) == 1) {
        const char *err = an_check_token(&chk, text, len, &t);
        if (err)
            fail(err, &t);
        if (++ntok > 2 * len + 1)
            fail("more tokens than the text can hold", &t);
        ds_buf_printf(sig, "%s\t%u\t%d\t%u\n", t.term, t.pos, (int)t.kind, t.flags);
        const char *stem;
        size_t stem_len;
        if (an && t.kind == AN_KIND_WORD &&
            an_stem(an, t.term, t.term_len, &stem, &stem_len) != DS_OK)
            fail("an_stem failed", &t);
        (void)an_is_stopword(t.term, t.term_len);
    }
    if (r != 0)
        fail("an_tokenizer_next returned -1 (out of memory?)", NULL);
    size_t invalid = tk.invalid_bytes;
    if (invalid > len)
        fail("invalid_bytes exceeds the text length", NULL);
    an_tokenizer_release(&tk);
    an_check_release(&chk);
    return invalid;
}

/* The span of the first token at each position, spans[2p], spans[2p + 1]. */
static size_t first_spans(const char *text, size_t len, size_t **spans)
{
    an_tokenizer_t tk;
    an_token_t t;
    size_t n = 0;
    *spans = malloc((2 * len + 2) * 2 * sizeof **spans); /* positions < 2 * len + 1 */
    if (!*spans)
        fail("out of memory", NULL);
    an_tokenizer_init(&tk, text, len);
    while (an_tokenizer_next(&tk, &t) == 1) {
        if (t.pos < n)
            continue;
        (*spans)[2 * n] = t.start;
        (*spans)[2 * n + 1] = t.end;
        n = t.pos + 1;
    }
    an_tokenizer_release(&tk);
    return n;
}

static void check_posmap(const char *text, size_t len)
{
    static const uint32_t ks[] = {1, 3, 32};
    size_t *spans;
    size_t n = first_spans(text, len, &spans);
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        ds_buf_t b = DS_BUF_INIT;
        ds_posmap_t *m = NULL;
        if (ds_posmap_encode_text(text, len, ks[i], 1, &b) != DS_OK ||
            ds_posmap_parse(b.data, b.len, &m) != DS_OK || ds_posmap_ntok(m) != n)
            fail("the position map does not encode, parse or count the text", NULL);
        for (size_t p = 0; p < n; p++) {
            size_t s, e;
            if (ds_posmap_span(m, text, len, (uint32_t)p, &s, &e) != DS_OK || s != spans[2 * p] ||
                e != spans[2 * p + 1])
                fail("the position map's span is not the analyzer's", NULL);
        }
        ds_posmap_free(m);
        ds_buf_release(&b);
    }
    free(spans);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static an_analyzer_t *an;
    if (!an && an_analyzer_new("en", &an, NULL) != DS_OK)
        fail("cannot create the English analyzer", NULL);
    const char *text = (const char *)data;
    ds_buf_t sig1 = DS_BUF_INIT, sig2 = DS_BUF_INIT, fixed = DS_BUF_INIT;
    size_t invalid = tokenize(text, size, &sig1, an);
    size_t nrepl;
    if (utf8_repair(&fixed, text, size, &nrepl) != DS_OK)
        fail("utf8_repair failed", NULL);
    if (!utf8_is_valid(fixed.data, fixed.len) || nrepl > invalid)
        fail("utf8_repair result invalid or replacement count too high", NULL);
    if (nrepl == 0 && (fixed.len != size || (size && memcmp(fixed.data, text, size))))
        fail("utf8_repair changed valid text", NULL);
    tokenize(fixed.data ? fixed.data : "", fixed.len, &sig2, NULL);
    check_posmap(text, size);
    if (sig1.len != sig2.len || (sig1.len && memcmp(sig1.data, sig2.data, sig1.len)))
        fail("repaired text tokenizes differently", NULL);
    ds_buf_release(&sig1);
    ds_buf_release(&sig2);
    ds_buf_release(&fixed);
    return 0;
}
