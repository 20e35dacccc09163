/*
 * replay_main.c - a stand-in for libFuzzer's main() when clang/libFuzzer is not used
 * (FUZZ=OFF): feeds every file of the given directories and paths to
 * LLVMFuzzerTestOneInput(), then a fixed number of deterministic mutations of them
 * (seeded xorshift, so a failure reproduces exactly). Exit status 0 = all passed; a
 * broken invariant aborts inside the harness.
 *
 *   fuzz_analyzer [-n MUTATIONS] DIR_OR_FILE...   (fuzz_locator the same)
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT (64 * 1024) /* inputs are truncated to this */
#define MAX_SEEDS 256

typedef struct seed {
    uint8_t *data;
    size_t len;
} seed_t;

static seed_t seeds[MAX_SEEDS];
static size_t nseeds;

/* Read path (at most MAX_INPUT bytes), run it, and keep it for mutation. */
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    uint8_t *buf = malloc(MAX_INPUT);
    size_t n = buf ? fread(buf, 1, MAX_INPUT, f) : 0;
    fclose(f);
    if (!buf)
        return -1;
    LLVMFuzzerTestOneInput(buf, n);
    if (nseeds < MAX_SEEDS)
        seeds[nseeds++] = (seed_t){buf, n};
    else
        free(buf);
    return 0;
}

/* Run path: a regular file, or every regular file directly inside a directory. */
static int run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    char full[4096];
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(full, sizeof full, "%s/%s", path, e->d_name);
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && run_file(full) != 0)
            rc = -1;
    }
    closedir(d);
    return rc;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull; /* fixed seed: runs are reproducible */

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Byte strings the analyzer treats specially, spliced in by the mutator. */
static const char *const tokens[] = {
    ".",
    ",",
    "-",
    "'",
    "/",
    ":",
    "\xE2\x80\x99",
    "\xE2\x80\x9D",
    "\xE2\x80\x9C",
    "\xE2\x80\x93",
    "\xE2\x80\x94",
    ")",
    "\"",
    "s ",
    "\xC2\xB2",
    "\xCC\x81",
    "\xC3\x9F",
    "\xEF\xAC\x81",
    "\x80",
    "\xC0\xAF",
    "\xED\xA0\x80",
    "\xE2\x82",
    "\xEF\xBF\xBD",
    "\x01",
    "https://",
    "www.",
    "U.N.",
    "1,000",
    "12",
    "\xD0\x99",
    "\xCE\xA3",
    "\xC2\xAD",
    "\f",
};

/* Apply one random edit to buf (len bytes, room for MAX_INPUT); returns the new len. */
static size_t mutate(uint8_t *buf, size_t len)
{
    size_t at = len ? next_rand() % (len + 1) : 0;
    switch (next_rand() % 4) {
    case 0: /* overwrite a byte */
        if (len)
            buf[at % len] = (uint8_t)next_rand();
        return len;
    case 1: { /* delete a range */
        size_t n = (len > at) ? next_rand() % (len - at) % 16 : 0;
        memmove(buf + at, buf + at + n, len - at - n);
        return len - n;
    }
    case 2: { /* insert a special string */
        const char *tok = tokens[next_rand() % (sizeof tokens / sizeof tokens[0])];
        size_t n = strlen(tok);
        if (len + n > MAX_INPUT)
            return len;
        memmove(buf + at + n, buf + at, len - at);
        memcpy(buf + at, tok, n);
        return len + n;
    }
    default: { /* splice in a chunk of another seed */
        const seed_t *s = &seeds[next_rand() % nseeds];
        size_t from = s->len ? next_rand() % s->len : 0;
        size_t n = s->len - from < 64 ? s->len - from : 64;
        if (len + n > MAX_INPUT)
            return len;
        memmove(buf + at + n, buf + at, len - at);
        memcpy(buf + at, s->data + from, n);
        return len + n;
    }
    }
}

int main(int argc, char **argv)
{
    long mutations = 4000;
    int first = 1, rc = 0;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        mutations = strtol(argv[2], NULL, 10);
        first = 3;
    }
    for (int i = first; i < argc; i++)
        if (run_path(argv[i]) != 0)
            rc = 1;
    uint8_t *buf = malloc(MAX_INPUT);
    for (long i = 0; buf && nseeds && i < mutations; i++) {
        const seed_t *s = &seeds[next_rand() % nseeds];
        size_t len = s->len;
        memcpy(buf, s->data, len);
        for (uint64_t k = 1 + next_rand() % 8; k > 0; k--)
            len = mutate(buf, len);
        LLVMFuzzerTestOneInput(buf, len);
    }
    const char *name = strrchr(argv[0], '/');
    printf("%s: %zu inputs replayed, %ld mutations run\n", name ? name + 1 : argv[0], nseeds,
           nseeds ? mutations : 0L);
    free(buf);
    for (size_t i = 0; i < nseeds; i++)
        free(seeds[i].data);
    return rc || !nseeds;
}
