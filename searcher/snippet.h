/*
 * snippet.h - choose and render the passage of a hit that shows why it matched.
 *
 * The window (about `width` characters) is the one that covers the most distinct query
 * units, earliest first; it starts and ends at word boundaries, never inside a UTF-8
 * sequence. Rendering goes through out.h, so document text is always made safe: runs of
 * white space (line breaks included) become one space, control characters never pass.
 */
#ifndef SQ_SNIPPET_H
#define SQ_SNIPPET_H

#include <stddef.h>

#include "buf.h"
#include "docstore.h"
#include "match.h"
#include "status.h"

typedef struct sn_span {
    size_t start, end;
} sn_span_t;

typedef struct sn_snippet {
    size_t start, end;       /* byte range of the text shown */
    int cut_left, cut_right; /* text continues before / after (rendered as "…") */
    sn_span_t *hl;           /* highlighted byte ranges inside [start, end), merged, sorted */
    size_t nhl;
} sn_snippet_t;

/* Choose the snippet of text[0..len) for occurrences occ[0..nocc) (as from mt_find).
 * Returns DS_OK or DS_ERR_NOMEM; release with sn_release. */
ds_status_t sn_make(const char *text, size_t len, const mt_occ_t *occ, size_t nocc, size_t width,
                    sn_snippet_t *out);

/*
 * Find the query's matches (through m) and choose the snippet in one go, reading no
 * more of a long text than needed: prefixes of 16 KB, 64 KB, 256 KB ... are searched
 * until one holds a match of every unit (a match straddling a prefix's end is found in
 * the next one), so a snippet costs in proportion to where the matches are, not to the
 * document's length. m may be NULL (no highlights: the text's start). DS_OK or
 * DS_ERR_NOMEM; release with sn_release.
 */
ds_status_t sn_find(mt_matcher_t *m, const char *text, size_t len, size_t width, sn_snippet_t *out);

/* Where a document's query terms stand: their positions in the index (mt_termpos_t,
 * as mt_find_positions takes them) and the position map of its stored text; rec, when
 * not NULL, the record whose text buffer (dstore_text_view) the text is: it then holds
 * only the ranges read, and sn_find_mapped reads (dstore_text_range) every range it
 * looks at, the chunks around the matches, not the whole text. */
typedef struct sn_positions {
    const mt_termpos_t *tp;
    const ds_posmap_t *map;
    dstore_record_t *rec;
} sn_positions_t;

/*
 * sn_find, byte for byte, with the occurrences of each prefix taken from ps (NULL: from
 * the text, as sn_find) where they can be (mt_find_mapped): then only the tokens at the
 * query terms' positions are read, not the whole prefix. The window is then chosen as
 * sn_make chooses it (its rule counts characters of the text around each occurrence,
 * which positions alone cannot tell). A prefix the positions cannot serve (the
 * document's positions are doubtful: a footnote marker among the hits; a prefix cut
 * inside a token) is matched from the text. DS_OK or DS_ERR_NOMEM, or (ps->rec) the
 * status of a range that cannot be read (DS_ERR_CORRUPT).
 */
ds_status_t sn_find_mapped(mt_matcher_t *m, const sn_positions_t *ps, const char *text, size_t len,
                           size_t width, sn_snippet_t *out);

/*
 * Render sn as one line of plain text into out, with on/off inserted around highlights
 * (e.g. bold escapes on a terminal; "" to show nothing). If hl_chars is not NULL it
 * receives the highlights as [start, end) code point offsets in the rendered text (2
 * per highlight, malloc'd, caller frees; count in *nhl_chars) for JSON output; they are
 * meaningful when on and off are "" (otherwise they count the markers too).
 */
void sn_render(ds_buf_t *out, const char *text, const sn_snippet_t *sn, const char *on,
               const char *off, size_t **hl_chars, size_t *nhl_chars);

void sn_release(sn_snippet_t *sn);

#endif
