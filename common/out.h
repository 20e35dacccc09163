/*
 * out.h - writing untrusted document text safely in each output format.
 *
 * Text from documents is untrusted: it may hold control characters, terminal escape
 * sequences, bidirectional overrides or invalid UTF-8. Every byte the tools print
 * from a document goes through one of these functions, which always produce valid
 * UTF-8 (invalid sequences become U+FFFD) and:
 *   out_json_str   a complete JSON string literal ("..."): quotes, backslashes and all
 *                  control characters escaped (\n, \t, \u001b ...), U+2028/U+2029 too;
 *   out_tsv_field  a TSV field: backslash, tab, newline and carriage return as \\ \t \n
 *                  \r; other control characters (C0, DEL, C1) as a space;
 *   out_text       text for a terminal or a pipe: every C0/C1 control character and DEL
 *                  (ESC included, so no escape sequence survives) and the bidi
 *                  override/isolate controls (U+202A-U+202E, U+2066-U+2069) become a
 *                  space; with collapse, runs of white space become one space.
 * All append to out; allocation failure is sticky in out (ds_buf_ok).
 */
#ifndef DS_OUT_H
#define DS_OUT_H

#include <stddef.h>

#include "buf.h"

void out_json_str(ds_buf_t *out, const char *s, size_t len);
void out_tsv_field(ds_buf_t *out, const char *s, size_t len);
void out_text(ds_buf_t *out, const char *s, size_t len, int collapse);

/* Number of terminal columns s[0..len) takes once written by out_text (one per code
 * point, two for East Asian wide characters, none for combining marks). */
size_t out_text_width(const char *s, size_t len);

#endif
