/*
 * Unit tests for common/natsort.c: hand-picked orders (pages, footnotes, UN symbols,
 * leading zeros, digit runs at the edges and past 255 digits, non-ASCII, NUL bytes),
 * the pinned key format, appending and allocation failure, and a randomized property
 * test that ds_natcmp is a total order and that memcmp order of ds_natkey agrees with
 * it on every pair.
 *
 * Every string handed to the module is an exact-size malloc copy (NULL when empty), so
 * under AddressSanitizer a read past len is caught: nothing relies on a NUL terminator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "natsort.h"

/* --- realloc that fails on demand (linked with -Wl,--wrap=realloc) ---------------- */

void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);
static int fail_next_realloc;

void *__wrap_realloc(void *p, size_t n)
{
    if (fail_next_realloc) {
        fail_next_realloc = 0;
        return NULL;
    }
    return __real_realloc(p, n);
}

/* --- helpers ------------------------------------------------------------------------ */

/* A byte string; the S() literal keeps embedded NUL bytes ("a\0b" is 3 bytes). */
typedef struct {
    const char *s;
    size_t len;
} lit_t;
#define S(x)                                                                                       \
    {                                                                                              \
        x, sizeof(x) - 1                                                                           \
    }

/* An exact-size heap copy: NULL for the empty string, else malloc(len), no NUL. */
static char *exact(const void *s, size_t len)
{
    if (len == 0)
        return NULL;
    char *p = malloc(len);
    assert_non_null(p);
    memcpy(p, s, len);
    return p;
}

static int sign(int c)
{
    return (c > 0) - (c < 0);
}

/* The order Xapian sorts value slots in: memcmp, a prefix first. */
static int keycmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int c = n ? memcmp(a, b, n) : 0;
    return c ? c : (alen > blen) - (alen < blen);
}

static void print_hex(const char *tag, const char *s, size_t len)
{
    print_message("%s (%zu bytes): ", tag, len);
    for (size_t i = 0; i < len && i < 80; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x21 && c < 0x7F)
            print_message("%c", c);
        else
            print_message("\\x%02x", c);
    }
    print_message("%s\n", len > 80 ? "..." : "");
}

/* A string and its key, both exact-size heap copies. */
typedef struct {
    char *s;
    size_t len;
    char *key;
    size_t klen;
} item_t;

static void item_init(item_t *it, const char *s, size_t len)
{
    it->s = exact(s, len);
    it->len = len;
    ds_buf_t k = DS_BUF_INIT;
    ds_natkey(it->s, len, &k);
    assert_true(ds_buf_ok(&k));
    it->key = exact(k.data, k.len);
    it->klen = k.len;
    ds_buf_release(&k);
}

static void item_release(item_t *it)
{
    free(it->s);
    free(it->key);
}

/* Check x < y both ways, with ds_natcmp and with key order. */
static void check_less(const item_t *x, const item_t *y)
{
    int c = ds_natcmp(x->s, x->len, y->s, y->len);
    int r = ds_natcmp(y->s, y->len, x->s, x->len);
    int k = keycmp(x->key, x->klen, y->key, y->klen);
    if (c < 0 && r > 0 && k < 0)
        return;
    print_hex("x", x->s, x->len);
    print_hex("y", y->s, y->len);
    print_hex("key(x)", x->key, x->klen);
    print_hex("key(y)", y->key, y->klen);
    print_message("natcmp(x,y)=%d natcmp(y,x)=%d keycmp=%d; expected x < y\n", c, r, k);
    fail();
}

/* Check that v[0..n) is strictly ascending: every pair, both ways, and each string
 * equal to a separate copy of itself. */
static void check_ascending(const lit_t *v, size_t n)
{
    item_t *it = calloc(n, sizeof *it);
    assert_non_null(it);
    for (size_t i = 0; i < n; i++)
        item_init(&it[i], v[i].s, v[i].len);
    for (size_t i = 0; i < n; i++) {
        item_t again;
        item_init(&again, v[i].s, v[i].len);
        assert_int_equal(ds_natcmp(it[i].s, it[i].len, again.s, again.len), 0);
        assert_int_equal(keycmp(it[i].key, it[i].klen, again.key, again.klen), 0);
        item_release(&again);
        for (size_t j = i + 1; j < n; j++)
            check_less(&it[i], &it[j]);
    }
    for (size_t i = 0; i < n; i++)
        item_release(&it[i]);
    free(it);
}

#define CHECK_ASCENDING(...)                                                                       \
    do {                                                                                           \
        const lit_t v_[] = {__VA_ARGS__};                                                          \
        check_ascending(v_, sizeof v_ / sizeof v_[0]);                                             \
    } while (0)

/* A heap string: prefix, then n copies of c, then suffix (for long digit runs). */
static char *rep(const char *prefix, char c, size_t n, const char *suffix, size_t *len)
{
    size_t pl = strlen(prefix), sl = strlen(suffix);
    *len = pl + n + sl;
    char *p = malloc(*len + 1);
    assert_non_null(p);
    memcpy(p, prefix, pl);
    memset(p + pl, c, n);
    memcpy(p + pl + n, suffix, sl + 1);
    return p;
}

/* --- hand-picked orders ------------------------------------------------------------- */

static void pages_and_footnotes(void **state)
{
    (void)state;
    CHECK_ASCENDING(S("p5"), S("p10"));
    CHECK_ASCENDING(S("report#p5"), S("report#p10"), S("report#p100"));
    CHECK_ASCENDING(S("fn2"), S("fn10"), S("fn32"));
    CHECK_ASCENDING(S("corpus/report.txt#p9"), S("corpus/report.txt#p12"),
                    S("corpus/report.txt#p12#fn3"), S("corpus/report.txt#p12#fn20"),
                    S("corpus/report2.txt#p1"), S("corpus/report10.txt#p1"));
}

static void prefixes_and_separators(void **state)
{
    (void)state;
    CHECK_ASCENDING(S(""), S("a"), S("a1"), S("a2"), S("a10"), S("b"));
    /* '#' (0x23) < '-' (0x2D): decided at the second byte, before any number. */
    CHECK_ASCENDING(S("x#p9"), S("x#p10"), S("x-2#p1"));
    CHECK_ASCENDING(S("A/RES/75/9"), S("A/RES/75/282"), S("A/RES/75/282/Add.1"),
                    S("A/RES/75/282/Add.2"), S("A/RES/75/282/Add.10"), S("A/RES/76/1"),
                    S("A/RES/100/1"));
    /* A longer number is larger even where bytewise order says otherwise. */
    CHECK_ASCENDING(S("a1b"), S("a12"));
    CHECK_ASCENDING(S("v1.9"), S("v1.10"), S("v2.0"));
}

static void leading_zeros(void **state)
{
    (void)state;
    /* Equal values: fewer zeros first, decided at that run whatever follows. */
    CHECK_ASCENDING(S("p5"), S("p5a"), S("p05"), S("p05a"), S("p005"), S("p6"));
    CHECK_ASCENDING(S("p5z"), S("p05a"));
    CHECK_ASCENDING(S(""), S("0"), S("00"), S("000"), S("1"), S("01"), S("9"), S("10"), S("010"));
    CHECK_ASCENDING(S("p0"), S("p00"), S("p1"));
    /* Total order: "p05" and "p5" are not equal. */
    assert_true(ds_natcmp("p05", 3, "p5", 2) > 0);
    assert_true(ds_natcmp("p5", 2, "p05", 3) < 0);
}

static void digits_at_the_edges(void **state)
{
    (void)state;
    CHECK_ASCENDING(S("1abc"), S("2abc"), S("10abc"), S("abc"));
    CHECK_ASCENDING(S("abc"), S("abc1"), S("abc2"), S("abc10"), S("abcd"));
    CHECK_ASCENDING(S("7"), S("7x"), S("8"));
    /* A number sorts where a digit byte would: after 0x00..'/', before ':'..0xFF. */
    CHECK_ASCENDING(S(""), S("\0"), S("!"), S("/"), S("0"), S("9"), S("10"), S("99999999999"),
                    S(":"), S("A"), S("a"), S("\x7f"), S("\x80"), S("\xff"));
    CHECK_ASCENDING(S("a-"), S("a1"), S("a:"), S("aB"));
}

static void long_digit_runs(void **state)
{
    (void)state;
    /* Significant-digit counts around every LEN boundary: 8|9, 200|201 (UINT(L - 9)
     * becomes two bytes at L = 201), 255|256|257, 300, and 70001 (3-byte UINT). */
    static const size_t lens[] = {1, 8, 9, 10, 200, 201, 202, 255, 256, 257, 300, 70001};
    enum { NL = sizeof lens / sizeof lens[0] };
    lit_t v[3 * NL + 1];
    char *mem[3 * NL + 1];
    size_t n = 0;
    for (size_t i = 0; i < NL; i++) {
        size_t len;
        /* 10..0, 10..01, 99..9: the smallest, next and largest of that many digits */
        mem[n] = rep("x1", '0', lens[i] - 1, "", &len);
        v[n].s = mem[n], v[n].len = len, n++;
        if (lens[i] > 1) {
            mem[n] = rep("x1", '0', lens[i] - 2, "1", &len);
            v[n].s = mem[n], v[n].len = len, n++;
        }
        mem[n] = rep("x", '9', lens[i], "", &len);
        v[n].s = mem[n], v[n].len = len, n++;
    }
    mem[n] = rep("x", ':', 1, "", &v[n].len); /* after every number */
    v[n].s = mem[n], n++;
    check_ascending(v, n);
    for (size_t i = 0; i < n; i++)
        free(mem[i]);

    /* Leading-zero counts around UINT's boundaries: 191|192 (two bytes), 447|448
     * (three bytes), 70000; and zeros-only runs of 300 and 301. */
    static const size_t zs[] = {0, 1, 191, 192, 193, 447, 448, 70000};
    enum { NZ = sizeof zs / sizeof zs[0] };
    lit_t w[NZ + 4];
    char *wm[NZ + 4];
    size_t m = 0;
    wm[m] = rep("y", '0', 300, "", &w[m].len), w[m].s = wm[m], m++;
    wm[m] = rep("y", '0', 301, "", &w[m].len), w[m].s = wm[m], m++;
    for (size_t i = 0; i < NZ; i++)
        wm[m] = rep("y", '0', zs[i], "7", &w[m].len), w[m].s = wm[m], m++;
    wm[m] = rep("y", '0', 0, "8", &w[m].len), w[m].s = wm[m], m++;
    wm[m] = rep("y", '0', 1000, "8", &w[m].len), w[m].s = wm[m], m++;
    check_ascending(w, m);
    for (size_t i = 0; i < m; i++)
        free(wm[i]);

    /* Two 300-digit runs that differ only in the last digit, with text after them. */
    size_t la, lb;
    char *a = rep("n", '4', 300, "2z", &la), *b = rep("n", '4', 300, "3a", &lb);
    lit_t ab[] = {{a, la}, {b, lb}};
    check_ascending(ab, 2);
    free(a);
    free(b);
}

static void non_ascii_is_bytewise(void **state)
{
    (void)state;
    /* UTF-8 "é" is C3 A9: after every ASCII letter. */
    CHECK_ASCENDING(S("z"), S("\xc3\xa9"),
                    S("\xc3\xa9"
                      "2"),
                    S("\xc3\xa9"
                      "10"),
                    S("\xff"));
    /* Arabic-Indic three (D9 A3) and fullwidth one (EF BC 91) are plain bytes. */
    CHECK_ASCENDING(S("x10"), S("x\xd9\xa3"), S("x\xef\xbc\x91"));
    CHECK_ASCENDING(S("a1"), S("a\x80"), S("a\xc3\xa9"), S("a\xff"),
                    S("a\xff"
                      "1"),
                    S("a\xff"
                      "2"),
                    S("a\xff"
                      "10"),
                    S("a\xff\xff"));
}

static void embedded_nul(void **state)
{
    (void)state;
    CHECK_ASCENDING(S("a"), S("a\0"), S("a\0\0"),
                    S("a\0"
                      "1"),
                    S("a\0"
                      "2"),
                    S("a\0"
                      "10"),
                    S("a\x01"), S("a0"), S("a1"));
    CHECK_ASCENDING(S("\0"
                      "5"),
                    S("\0"
                      "05"),
                    S("\0"
                      "10"),
                    S("\x01"));
    /* The NUL is compared, not taken for the end of the string. */
    assert_true(ds_natcmp("a\0b", 3, "a\0c", 3) < 0);
    assert_true(ds_natcmp("a\0b", 3, "a", 1) > 0);
}

static void empty_and_null(void **state)
{
    (void)state;
    assert_int_equal(ds_natcmp(NULL, 0, NULL, 0), 0);
    assert_true(ds_natcmp(NULL, 0, "\0", 1) < 0);
    assert_true(ds_natcmp("0", 1, NULL, 0) > 0);
    ds_buf_t k = DS_BUF_INIT;
    ds_natkey(NULL, 0, &k);
    assert_true(ds_buf_ok(&k));
    assert_int_equal(k.len, 0);
    ds_buf_release(&k);
}

/* --- the key format ------------------------------------------------------------------ */

/* The encoding is stored in the index: these bytes may only change with the schema. */
static void key_format_is_pinned(void **state)
{
    (void)state;
    static const struct {
        lit_t in, key;
    } cases[] = {
        {S(""), S("")},
        {S("abc"), S("abc")},
        {S("p12"), S("p2120")},
        {S("p012"), S("p2121")},
        {S("p5"), S("p150")},
        {S("0"), S("01")},
        {S("000"), S("03")},
        {S("corpus/report.txt#p12"), S("corpus/report.txt#p2120")},
        {S("A/RES/75/282"), S("A/RES/2750/32820")},
        {S("12345678"), S("8123456780")},
        {S("123456789"), S("901234567890")},
        {S("a\0b9"), S("a\0b190")},
        {S("\xff"
           "7\xff"),
         S("\xff"
           "170\xff")},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ds_buf_t k = DS_BUF_INIT;
        char *in = exact(cases[i].in.s, cases[i].in.len);
        ds_natkey(in, cases[i].in.len, &k);
        assert_true(ds_buf_ok(&k));
        if (keycmp(ds_buf_cstr(&k), k.len, cases[i].key.s, cases[i].key.len) != 0) {
            print_hex("input", cases[i].in.s, cases[i].in.len);
            print_hex("key", ds_buf_cstr(&k), k.len);
            print_hex("expected", cases[i].key.s, cases[i].key.len);
            fail();
        }
        free(in);
        ds_buf_release(&k);
    }
    /* The typical id grows by two bytes. */
    assert_int_equal(strlen("corpus/report.txt#p12") + 2, strlen("corpus/report.txt#p2120"));
}

/* UINT and LEN past their one-byte ranges, on long runs built at run time. */
static void key_format_long_runs(void **state)
{
    (void)state;
    static const struct {
        size_t zeros;
        const char *tail;
        size_t tlen;
    } zc[] = {
        {191,
         "1"
         "1"
         "\xef",
         3}, /* UINT(191): one byte */
        {192,
         "1"
         "1"
         "\xf0\x00",
         4}, /* UINT(192): 0xF0, w = 0 */
        {447,
         "1"
         "1"
         "\xf0\xff",
         4}, /* w = 255 */
        {448,
         "1"
         "1"
         "\xf1\x01\x00",
         5}, /* w = 256: two bytes */
    };
    for (size_t i = 0; i < sizeof zc / sizeof zc[0]; i++) {
        size_t len;
        char *s = rep("", '0', zc[i].zeros, "1", &len);
        ds_buf_t k = DS_BUF_INIT;
        ds_natkey(s, len, &k);
        assert_int_equal(k.len, zc[i].tlen);
        assert_memory_equal(k.data, zc[i].tail, zc[i].tlen);
        ds_buf_release(&k);
        free(s);
    }
    /* L = 200: '9' UINT(191); L = 201: '9' UINT(192); then the digits and UINT(0). */
    static const struct {
        size_t nsig;
        const char *head;
        size_t hlen;
    } lc[] = {
        {200, "9\xef", 2}, {201, "9\xf0\x00", 3}, {456, "9\xf0\xff", 3}, {457, "9\xf1\x01\x00", 4}};
    for (size_t i = 0; i < sizeof lc / sizeof lc[0]; i++) {
        size_t len;
        char *s = rep("7", '0', lc[i].nsig - 1, "", &len);
        ds_buf_t k = DS_BUF_INIT;
        ds_natkey(s, len, &k);
        assert_int_equal(k.len, lc[i].hlen + lc[i].nsig + 1);
        assert_memory_equal(k.data, lc[i].head, lc[i].hlen);
        assert_memory_equal(k.data + lc[i].hlen, s, lc[i].nsig);
        assert_int_equal(k.data[k.len - 1], '0');
        ds_buf_release(&k);
        free(s);
    }
}

static void key_appends(void **state)
{
    (void)state;
    ds_buf_t k = DS_BUF_INIT;
    ds_buf_puts(&k, "pre:");
    ds_natkey("p12", 3, &k);
    ds_natkey("x", 1, &k);
    assert_int_equal(k.len, 10);
    assert_memory_equal(k.data, "pre:p2120x", 10);
    ds_buf_release(&k);
}

static void key_on_failed_buffer_does_nothing(void **state)
{
    (void)state;
    ds_buf_t k = DS_BUF_INIT;
    ds_buf_puts(&k, "keep");
    assert_int_equal(ds_buf_grow(&k, (size_t)-1), -1); /* impossible size: failed */
    ds_natkey("p12", 3, &k);
    assert_false(ds_buf_ok(&k));
    assert_string_equal(ds_buf_cstr(&k), "keep");
    ds_buf_release(&k);
}

/* realloc fails after the key's first bytes went in: out is left as it was. */
static void key_allocation_failure_leaves_buffer(void **state)
{
    (void)state;
    ds_buf_t k = DS_BUF_INIT;
    ds_buf_putc(&k, '<');
    while (k.len + 2 < k.cap) /* room for exactly one more byte */
        ds_buf_putc(&k, '.');
    size_t before = k.len;
    char *in = exact("a1234", 5);
    fail_next_realloc = 1;
    ds_natkey(in, 5, &k); /* 'a' fits; the number's code needs the realloc */
    assert_int_equal(fail_next_realloc, 0);
    assert_false(ds_buf_ok(&k));
    assert_int_equal(k.len, before);
    assert_int_equal(k.data[before], '\0');
    ds_buf_reset(&k);
    ds_natkey(in, 5, &k); /* usable again after reset */
    assert_true(ds_buf_ok(&k));
    assert_memory_equal(k.data, "a412340", 7);
    free(in);
    ds_buf_release(&k);
}

/* --- randomized property test --------------------------------------------------------- */

enum { NRAND = 2000, NALL_TRIPLES = 100, NRAND_TRIPLES = 200000 };

static uint64_t rng_state;

static uint64_t rng(void) /* splitmix64: fixed seed, same strings on every platform */
{
    uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static size_t rng_below(size_t n)
{
    return (size_t)(rng() % n);
}

/* Short strings over a small alphabet (so there are duplicates and near-misses), now
 * and then with a long digit run or a long run of zeros crossing UINT's 192. */
static void random_string(ds_buf_t *b)
{
    static const char alpha[] = {'0', '0', '0', '1', '2', '5', '9', '0',  '1',    '9',
                                 'a', 'b', 'Z', '#', '/', '.', ':', '\0', '\xff', '\x80'};
    ds_buf_reset(b);
    size_t n = rng_below(11);
    for (size_t i = 0; i < n; i++) {
        if (rng_below(60) == 0) {
            size_t run = 185 + rng_below(80);
            int zeros = (int)rng_below(2);
            for (size_t r = 0; r < run; r++)
                ds_buf_putc(b, zeros ? '0' : (char)('0' + rng_below(10)));
        } else {
            ds_buf_putc(b, alpha[rng_below(sizeof alpha)]);
        }
    }
    assert_true(ds_buf_ok(b));
}

static item_t *rand_items;

static int cmp_by_natcmp(const void *x, const void *y)
{
    const item_t *a = x, *b = y;
    return ds_natcmp(a->s, a->len, b->s, b->len);
}

static int cmp_by_key(const void *x, const void *y)
{
    const item_t *a = x, *b = y;
    return keycmp(a->key, a->klen, b->key, b->klen);
}

static int setup_random(void **state)
{
    (void)state;
    rng_state = UINT64_C(0x6e617473); /* "nats" */
    rand_items = calloc(NRAND, sizeof *rand_items);
    if (!rand_items)
        return -1;
    ds_buf_t b = DS_BUF_INIT;
    for (size_t i = 0; i < NRAND; i++) {
        random_string(&b);
        item_init(&rand_items[i], b.data, b.len);
    }
    ds_buf_release(&b);
    return 0;
}

static int teardown_random(void **state)
{
    (void)state;
    for (size_t i = 0; i < NRAND; i++)
        item_release(&rand_items[i]);
    free(rand_items);
    rand_items = NULL;
    return 0;
}

static void report_pair(const item_t *x, const item_t *y, const char *what)
{
    print_hex("x", x->s, x->len);
    print_hex("y", y->s, y->len);
    print_hex("key(x)", x->key, x->klen);
    print_hex("key(y)", y->key, y->klen);
    print_message("%s\n", what);
    fail();
}

/* Every pair: antisymmetry, 0 exactly for byte-equal strings, key order == natcmp. */
static void random_pairs(void **state)
{
    (void)state;
    size_t equal = 0, unlike_memcmp = 0;
    for (size_t i = 0; i < NRAND; i++) {
        const item_t *x = &rand_items[i];
        for (size_t j = 0; j < NRAND; j++) {
            const item_t *y = &rand_items[j];
            int c = sign(ds_natcmp(x->s, x->len, y->s, y->len));
            if (c != -sign(ds_natcmp(y->s, y->len, x->s, x->len)))
                report_pair(x, y, "not antisymmetric");
            int same = x->len == y->len && (x->len == 0 || memcmp(x->s, y->s, x->len) == 0);
            if ((c == 0) != same)
                report_pair(x, y, "0 but not byte-equal, or byte-equal but not 0");
            if (sign(keycmp(x->key, x->klen, y->key, y->klen)) != c)
                report_pair(x, y, "key order differs from ds_natcmp");
            equal += i != j && same;
            unlike_memcmp += c != sign(keycmp(x->s, x->len, y->s, y->len));
        }
    }
    /* The sample is good for something: duplicates, and pairs natural order reverses. */
    assert_true(equal > 0);
    assert_true(unlike_memcmp > 0);
}

static int le(const item_t *x, const item_t *y) /* x <= y */
{
    return ds_natcmp(x->s, x->len, y->s, y->len) <= 0;
}

static void check_triple(const item_t *a, const item_t *b, const item_t *c)
{
    if (le(a, b) && le(b, c) && !le(a, c)) {
        print_hex("a", a->s, a->len);
        print_hex("b", b->s, b->len);
        print_hex("c", c->s, c->len);
        print_message("a <= b and b <= c but not a <= c\n");
        fail();
    }
}

/* Transitivity: all triples of the first strings, then random triples of all. */
static void random_triples(void **state)
{
    (void)state;
    for (size_t i = 0; i < NALL_TRIPLES; i++)
        for (size_t j = 0; j < NALL_TRIPLES; j++)
            for (size_t k = 0; k < NALL_TRIPLES; k++)
                check_triple(&rand_items[i], &rand_items[j], &rand_items[k]);
    for (size_t t = 0; t < NRAND_TRIPLES; t++)
        check_triple(&rand_items[rng_below(NRAND)], &rand_items[rng_below(NRAND)],
                     &rand_items[rng_below(NRAND)]);
}

/* qsort by ds_natcmp and qsort by key give the same sequence of strings. */
static void random_sort_agrees(void **state)
{
    (void)state;
    item_t *by_cmp = malloc(NRAND * sizeof *by_cmp);
    item_t *by_key = malloc(NRAND * sizeof *by_key);
    assert_non_null(by_cmp);
    assert_non_null(by_key);
    memcpy(by_cmp, rand_items, NRAND * sizeof *by_cmp);
    memcpy(by_key, rand_items, NRAND * sizeof *by_key);
    qsort(by_cmp, NRAND, sizeof *by_cmp, cmp_by_natcmp);
    qsort(by_key, NRAND, sizeof *by_key, cmp_by_key);
    for (size_t i = 0; i < NRAND; i++) {
        /* Equal elements may land in either order, but they are byte-equal. */
        if (by_cmp[i].len != by_key[i].len ||
            (by_cmp[i].len && memcmp(by_cmp[i].s, by_key[i].s, by_cmp[i].len) != 0))
            report_pair(&by_cmp[i], &by_key[i], "sorted sequences differ");
        if (i > 0 && !le(&by_cmp[i - 1], &by_cmp[i]))
            report_pair(&by_cmp[i - 1], &by_cmp[i], "qsort output not ascending");
    }
    free(by_cmp);
    free(by_key);
}

int main(void)
{
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(pages_and_footnotes),
        cmocka_unit_test(prefixes_and_separators),
        cmocka_unit_test(leading_zeros),
        cmocka_unit_test(digits_at_the_edges),
        cmocka_unit_test(long_digit_runs),
        cmocka_unit_test(non_ascii_is_bytewise),
        cmocka_unit_test(embedded_nul),
        cmocka_unit_test(empty_and_null),
        cmocka_unit_test(key_format_is_pinned),
        cmocka_unit_test(key_format_long_runs),
        cmocka_unit_test(key_appends),
        cmocka_unit_test(key_on_failed_buffer_does_nothing),
        cmocka_unit_test(key_allocation_failure_leaves_buffer),
    };
    const struct CMUnitTest randomized[] = {
        cmocka_unit_test(random_pairs),
        cmocka_unit_test(random_triples),
        cmocka_unit_test(random_sort_agrees),
    };
    int failed = cmocka_run_group_tests_name("natsort", fixed, NULL, NULL);
    failed +=
        cmocka_run_group_tests_name("natsort_random", randomized, setup_random, teardown_random);
    return failed;
}
