/*
 * lang_table.h - private to lang.c (and its test): the layout of the ISO 639 tables
 * that scripts/gen_lang_table.py generates into lang_table.c.
 *
 * Invariants (checked by the generator and tests/unit/test_lang.c): codes are 2 or 3
 * lower-case ASCII letters, each names one row; lang_codes and lang_names are sorted
 * by strcmp of code / key and hold no duplicates; every row has a name; a key is what
 * lang.c's name_key() makes of one of the row's English names, ASCII, shorter than
 * LANG_KEY_CAP bytes, and never equal to a code.
 */
#ifndef DS_LANG_TABLE_H
#define DS_LANG_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* Name keys are shorter than this many bytes (the longest in iso-codes 4.15 has 58). */
#define LANG_KEY_CAP 128

/* One language. A code that does not exist is "". */
typedef struct lang_row {
    char code1[3];    /* ISO 639-1 */
    char code2t[4];   /* ISO 639-2/T ("" for a 639-3 language outside 639-2: hbs) */
    char code2b[4];   /* ISO 639-2/B, only where it differs from T */
    char code3[4];    /* ISO 639-3 ("" for 639-2 collective codes: afa, bnt, ...) */
    const char *name; /* first English name as iso-codes writes it, UTF-8 */
} lang_row_t;

typedef struct lang_code {
    char code[4];
    uint16_t row; /* index into lang_rows */
} lang_code_t;

typedef struct lang_name {
    const char *key; /* match key of one English name */
    uint16_t row;
} lang_name_t;

extern const lang_row_t lang_rows[];
extern const size_t lang_nrows;
extern const lang_code_t lang_codes[];
extern const size_t lang_ncodes;
extern const lang_name_t lang_names[];
extern const size_t lang_nnames;

#endif
