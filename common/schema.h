/*
 * schema.h - the index schema, written once: the on-disk layout, every term prefix,
 * value slot, metadata key and the document data layout. indexer writes it, searcher
 * reads it; neither spells a prefix or slot number anywhere else.
 *
 * Schema history (DS_SCHEMA_VERSION, stored in metadata key DS_META_SCHEMA of every
 * shard). An index whose version differs is refused with "rebuild needed".
 *   1  first version.
 *   2  document records (docstore.h) format 2: the text stored as is, compressed by
 *      glass's own zlib pass over the docdata table; reports, passages and citations.
 *   3  possessives and contractions as whole + part: "ICANN’s" indexes "icann's" (exact,
 *      no stem) and "icann" (exact and stem) at one position, so phrases tell "it's
 *      not" from "it not" (analyzer.h, word rules).
 *   4  url terms are fold_url() keys (no scheme, no trailing '/': http and https are one
 *      page); lang values normalized (lang.h) and in DS_SLOT_LANG, inherited by passages
 *      and citations; DS_SLOT_ID_KEY; dates stored at their precision; citations'
 *      date_rule and meeting.
 *   5  citations' mark (DS_FIELD_MARK): the footnote's mark as printed ("12", "∗", "†"),
 *      a string; symbol-marked footnotes found; passages' and citations' page_label.
 *   6  every record holds its text's position map (DS_FIELD_POSMAP) and hash
 *      (DS_FIELD_TEXT_HASH); reports and passages their line map (DS_FIELD_LOCI).
 *      Below: Position map, Text hash, Line map.
 *   7  the text apart from the record: the document data holds the fields and maps
 *      (record format 3, method apart), DS_SLOT_TEXT the text as deflated chunks, so
 *      fields are read without the text and a window of the text without the rest.
 *      Below: Text chunks.
 *
 * On disk, an index is a directory:
 *   XAPIANDB        Xapian stub file listing the shards ("glass s0.1" ...): opening the
 *                   directory with Xapian opens all shards as one database.
 *   s<K>.<G>/       shard K, generation G (a glass database). Compaction writes
 *                   generation G+1 and swaps the stub atomically (rename).
 *   dossier.lock    flock()ed by the one indexer allowed at a time.
 * Documents are routed to shard ds_hash64(id) % nshards, so updates and deletions of
 * an id always reach the shard that holds it.
 *
 * Terms (Xapian omega conventions; every term passes through an_term_fit()):
 *   (none)  exact folded token, WITH positions: phrases, NEAR, concordance.
 *   Z       stemmed word, wdf only (free text), "Z" + field prefix for fields.
 *   Q       unique id (the id users see); replace/delete go through it.
 *   K       type (text, report, passage, citation, cited, or a manifest's own),
 *           folded, boolean.
 *   S       title words, with positions (ZS stemmed).
 *   A       actor words, with positions (ZA stemmed): actor:netherlands.
 *   U       the whole URL as fold_url() keys it (no scheme, no trailing '/'),
 *           boolean; H host name and each parent domain
 *           (Hdocs.un.org, Hun.org): site:un.org.
 *   L       language code as lang_normalize() gives it ("fr" for fr, fra, French),
 *           boolean; passages and citations have their report's.
 *   XF<name>:  words of a free metadata field <name>, with positions (ZXF<name>:
 *           stemmed).
 *   XS      section heading words of a report passage, with positions (ZXS stemmed).
 *   XY      a UN document symbol, whole and folded ("XYa/res/75/282"), boolean;
 *   XYP     each '/'-ended head of a symbol ("XYPa/", "XYPa/res/", "XYPa/res/75/"), so
 *           "symbol:A/AC.290/ *" (no space) finds every document of that body.
 *   XC      the number of a footnote a passage cites ("XC12"), boolean.
 *   XP      the id of the file a derived document (passage, citation) comes from:
 *           replacing or deleting the file deletes by this term first.
 *
 * Value slots:
 *   DS_SLOT_DATE_START, DS_SLOT_DATE_END  first/last day as "YYYYMMDD": a query range
 *           [a, b] matches START <= b AND END >= a (spans that overlap it).
 *   DS_SLOT_ID      the id (ties in ranking break by id: the same order whatever the
 *                   sharding).
 *   DS_SLOT_SOURCE  fingerprint of the source for incremental runs (see ix_state).
 *   DS_SLOT_TYPE, DS_SLOT_ACTOR, DS_SLOT_YEAR  display values for facet counts.
 *   DS_SLOT_SIZES   "<positions> <text bytes>" of the document (docsizes.h): indexer
 *                   --stats and the collocates' corpus size.
 *   DS_SLOT_SECTION the section key of a report passage ("oewg"), for facet counts.
 *   DS_SLOT_LANG    the language code, for facet counts.
 *   DS_SLOT_ID_KEY  the id's natural sort key (common/natsort.h: "#p5" before "#p10"),
 *                   for concordances in document order.
 *   DS_SLOT_TEXT    the stored text, in chunks of DS_TEXT_CHUNK bytes deflated one by
 *                   one (docstore.h, Text chunks): a window reads only its chunks.
 *
 * Document data: a docstore record (docstore.h) holding the DS_FIELD_* fields, every
 * free field, and the length of the text exactly as analyzed; the text itself is the
 * value DS_SLOT_TEXT (Text chunks below), token byte offsets index into it.
 * Three fields are binary or machine-made, under keys holding a '.', which no manifest
 * or front-matter key can (those are letters, digits, '_' and '-'), so no free field
 * ever takes their place:
 *
 * Position map (DS_FIELD_POSMAP, posmap.h): from a word position of the stored text to
 * its bytes. A document's positions: each text field (title, actor and its other forms,
 * free fields, a passage's section and kind, in the order docbuild.c indexes them) takes
 * positions from 1 on, each followed by DS_FIELD_GAP; the stored text comes last, its
 * word at text position p (an_token_t.pos, from 0) standing at base + p, base being the
 * position counter after the fields (1 for a document without text fields). Every
 * body posting (termgen, exact terms without prefix) lies in [base, base + ntok). The map,
 * all integers LEB128 varints:
 *     varint  DS_POSMAP_FORMAT (1)
 *     varint  K          checkpoint spacing, 1..DS_POSMAP_K_MAX (the indexer writes
 *                        DS_POSMAP_K)
 *     varint  base       the index position of text position 0
 *     varint  ntok       text positions (the highest + 1; 0: no word)
 *     then checkpoints k = 1 .. (ntok - 1) / K (none when ntok <= K), each
 *     varint  delta << 1 | b   delta: the byte offset of the restart point holding
 *                        position k*K (an_tokenizer_init_at: a word or a whole token)
 *                        minus the previous checkpoint's (0 for k = 1);
 *     varint  back       only when b is 1: the restart point stands at k*K - back
 *                        (k*K is a later part of a compound, identifier or URL); b = 0
 *                        means back = 0, and a stored back is never 0.
 *   Checkpoint 0 is offset 0, position 0. The span of position p: tokenize from
 *   checkpoint floor(p / K) to the first token at p (at most K - 1 + back positions).
 *
 * Text hash (DS_FIELD_TEXT_HASH): ds_hash64 (hash.h, FNV-1a 64) of the stored text's
 *   bytes as 16 lower-case hex digits, so a locator (locator.h: id, span, the hash's
 *   first 12 digits) can tell that a document's text is still the one it pointed into.
 *
 * Line map (DS_FIELD_LOCI, docmap.h; reports and passages only: a citation has page and
 *   line of its start, DS_FIELD_PAGE / DS_FIELD_LINE, a plain PDF its form feeds): the
 *   report parser's rp_locus_t rows of the text, text[offset..next row's offset) coming
 *   from the original's line and page:
 *     varint  nrows (>= 1; the report parser's first row is at offset 0)
 *     nrows x { varint offset delta (>= 0),
 *               varint zigzag(line delta) << 1 | c, [varint zigzag(page delta) if c] }
 *   deltas from the previous row (the first from offset 0, line 0, page 0); c = 0 means
 *   the page is the previous row's.
 */
#ifndef DS_SCHEMA_H
#define DS_SCHEMA_H

#include <stddef.h>

#define DS_SCHEMA_VERSION "7"

/* Metadata keys (set in every shard) */
#define DS_META_SCHEMA "dossier.schema" /* DS_SCHEMA_VERSION of the writer */
#define DS_META_LANG "dossier.lang"     /* analyzer language: queries must use the same */
#define DS_META_SHARDS "dossier.shards" /* number of shards, in decimal */
/* The stemming language of a new index without --lang, and of one that names none. */
#define DS_LANG_DEFAULT "english"

/* Files in the index directory */
#define DS_STUB_FILE "XAPIANDB"
#define DS_LOCK_FILE "dossier.lock"

/* Term prefixes */
#define DS_PREFIX_STEM "Z"
#define DS_PREFIX_ID "Q"
#define DS_PREFIX_TYPE "K"
#define DS_PREFIX_TITLE "S"
#define DS_PREFIX_ACTOR "A"
#define DS_PREFIX_URL "U"
#define DS_PREFIX_HOST "H"
#define DS_PREFIX_LANG "L"
#define DS_PREFIX_FIELD "XF" /* + name + ":" */
/* Longest free field name: "Z" + "XF" + name + ":" must fit termgen's prefix buffer. */
#define DS_FIELD_NAME_MAX 27
#define DS_PREFIX_SECTION "XS"
#define DS_PREFIX_SYMBOL "XY"
#define DS_PREFIX_SYMBOL_HEAD "XYP"
#define DS_PREFIX_CITES "XC"
#define DS_PREFIX_PARENT "XP"
/* A passage's kind (statement, point, paragraph) is the free field "kind". */
#define DS_PREFIX_KIND DS_PREFIX_FIELD "kind:"

/* Value slots */
enum ds_slot {
    DS_SLOT_DATE_START = 0,
    DS_SLOT_DATE_END = 1,
    DS_SLOT_ID = 2,
    DS_SLOT_SOURCE = 3,
    DS_SLOT_TYPE = 4,
    DS_SLOT_ACTOR = 5,
    DS_SLOT_YEAR = 6,
    DS_SLOT_SIZES = 7,   /* "<positions> <text bytes>" of the document (docsizes.h) */
    DS_SLOT_SECTION = 8, /* section key of a passage, for facet counts */
    DS_SLOT_LANG = 9,    /* language code (lang_normalize), for facet counts */
    DS_SLOT_ID_KEY = 10, /* ds_natkey(id): natural id order in a value sort */
    DS_SLOT_TEXT = 11,   /* the stored text as deflated chunks (docstore.h) */
};

/* Document record fields (besides free fields, stored under their own names) */
#define DS_FIELD_ID "id"
#define DS_FIELD_PATH "path"
#define DS_FIELD_TITLE "title"
/* first and last day, ISO at the span's precision (date_format_span: "2021-06") */
#define DS_FIELD_DATE "date"
#define DS_FIELD_DATE_END "date_end"
#define DS_FIELD_ACTOR "actor"
#define DS_FIELD_TYPE "type"
#define DS_FIELD_URL "url"
#define DS_FIELD_LANG "lang"
#define DS_FIELD_SYMBOL "symbol"
/* Reports (docreport.c): passages and citations point back to their report */
#define DS_FIELD_REPORT "report"   /* id of the report file */
#define DS_FIELD_SECTION "section" /* section heading */
#define DS_FIELD_SECTION_KEY "section_key"
#define DS_FIELD_PAGE "page"             /* page where the passage starts (decimal) */
#define DS_FIELD_PAGE_LABEL "page_label" /* that page's printed number ("xii"), if any */
#define DS_FIELD_LINE "line"             /* line of the original where it starts */
#define DS_FIELD_ACTOR_FULL "actor_full" /* the actor as written */
#define DS_FIELD_KIND "kind"             /* statement, point, paragraph */
#define DS_FIELD_DATE_RULE "date_rule"   /* own, section, report: where the date came from */
#define DS_FIELD_FOOTNOTE "footnote"     /* a citation's footnote number (unique in its report) */
/* A citation's mark as printed: its printed number in decimal ("1" again in a chapter
 * whose numbering restarts), or its symbol ("∗", "†", "**"; rparse.h, Symbol footnotes) */
#define DS_FIELD_MARK "mark"
#define DS_FIELD_CITED_BY "cited_by" /* a citation's passages, ids separated by ' ' */
/* A citation's meeting, as an ISO interval at its precision ("2021-02-18/2021-02-22"),
 * when the footnote names one; its date_rule says where its date came from: document,
 * meeting (no date of its own) or none. */
#define DS_FIELD_MEETING "meeting"
/* A passage's citations: one line per footnote cited, "N<TAB>url<TAB>title<TAB>date"
 * (date: the first day at its precision, or ""), tabs and newlines in values replaced
 * by spaces. */
#define DS_FIELD_CITES "cites"

/* Where things stand in the stored text (see Document data above). */
#define DS_FIELD_POSMAP "ds.posmap"       /* position map, binary */
#define DS_FIELD_TEXT_HASH "ds.text_hash" /* 16 hex digits */
#define DS_FIELD_LOCI "ds.loci"           /* line map of reports and passages, binary */
/* The checkpoint spacing K the indexer writes: a checkpoint costs about 2 bytes, a
 * lookup tokenizes K / 2 words on average. Measured on 94 MB of plain text (Vim's
 * manuals x 10; compacted index 107.1 MB without maps) and on 200 copies of the seed
 * report (41.4 MB): the map raw is 2.1% of the text at K = 16, 1.0% at 32, 0.5% at 64;
 * the compacted index grows by 1.5% / 1.0% / 0.7% (plain, map and hash), the reports'
 * by 2.4% at 32 (0.6% of it the line maps); a span costs 0.43 / 0.72 / 1.2 us (against
 * 140 us to tokenize the 25 kB seed whole). Building the map and the hash costs 1.6 ms
 * of CPU per MB of text (0.5 map, 1.1 FNV-1a), about 1% of indexing time (13.7 s of CPU
 * for the 94 MB; indexing times of the whole runs differed by less than their noise,
 * 5-10% on a shared machine). 32 keeps both well inside the budget
 * (+5% size). In a value slot instead of the record the map cost about as much (+1.06%
 * plain, against 0.99%; +2.0% reports, against 2.4%), and it is useless without the
 * text, which is in the record: one read brings both. */
#define DS_POSMAP_K 32

/* Text chunks (DS_SLOT_TEXT; docstore.h gives the layout): the chunk size the indexer
 * writes. Each chunk is deflated alone, so it compresses worse than the whole text did
 * under glass's own pass over the record; measured (2026-12-04, compacted, du -sb):
 *   x1 (10.8 MB)   schema 6: 18.45 MB; K = 2 KB 19.80 (+7.3%), 4 KB 19.43 (+5.3%),
 *                  8 KB 19.12 (+3.6%), 16 KB 18.86 (+2.2%)
 *   x30 (323 MB)   schema 6: 530.6 MB; 4 KB 559.4 (+5.4%), 8 KB 550.3 (+3.7%)
 * A window costs whole chunks: a snippet of a single word reads the chunks of its
 * prefix's ends and of its window (about 2-4), a KWIC line one or two; smaller chunks
 * read less, but cost more index. 8 KB keeps the index inside the issue's +5% and a
 * window's inflating to 8-16 KB (a whole x30 record is 46 KB on average).
 * bench/README.md (issue 12) has the timings. */
#define DS_TEXT_CHUNK 8192

/* What the report parser found in a report (report documents; decimal numbers). */
#define DS_FIELD_PAGES "pages"
#define DS_FIELD_SECTIONS "sections"
#define DS_FIELD_PASSAGES "passages"
#define DS_FIELD_FOOTNOTES "footnotes"
#define DS_FIELD_MARKERS_LINKED "markers_linked"
#define DS_FIELD_MARKERS_UNLINKED "markers_unlinked"
#define DS_REPORT_COUNTS 6
/* The metadata key (front matter or manifest) that tells the report parser of a report's
 * footnotes: "none" (it has none: no line is taken for one), "per-chapter" (numbering
 * restarts in each chapter) or "auto" (the default: found). An instruction, not a
 * field: never indexed as a free field, so it cannot clash with the count
 * DS_FIELD_FOOTNOTES, which has the same name. */
#define DS_META_FOOTNOTES "footnotes"
/* The six above, in that order (schema.c). */
extern const char *const ds_report_counts[DS_REPORT_COUNTS];

/* Document types: a plain document without metadata, the report parser's three, and a
 * cited document that citations link to through its url or symbol terms. */
#define DS_TYPE_DEFAULT "text"
#define DS_TYPE_REPORT "report"
#define DS_TYPE_PASSAGE "passage"
#define DS_TYPE_CITATION "citation"
#define DS_TYPE_CITED "cited"

/* Positions left between separately indexed texts of one document (title, actor,
 * fields, body), so a phrase never matches across two of them (termgen.h). */
#define DS_FIELD_GAP 100

/*
 * The source fingerprint in DS_SLOT_SOURCE (indexer/plan.c writes and reads it):
 *     "1 <size> <mtime_ns> <content-hash> <metadata-hash> <root>"
 * decimal size and mtime (nanoseconds), the two hashes as 16 hex digits (the metadata
 * hash covers the file's metadata and the actor aliases), and the canonical path of
 * the PATH the file was found under. DS_SOURCE_VERSION is the leading "1".
 */
#define DS_SOURCE_VERSION "1"

/* ==== Fields ===========================================================================
 * One table for what the indexer reads from manifests and front matter and what the
 * searcher's query language calls a field (schema.c). A field's name is its query name,
 * its metadata key and the record key of its value.
 */
typedef enum ds_field_kind {
    DS_FK_NONE = 0, /* metadata only, stored, not a query field (path, date_end) */
    DS_FK_TEXT,     /* words with positions under prefix, stemmed under Z + prefix; rank */
    DS_FK_BOOL,     /* one exact term per value under prefix; filters */
    DS_FK_DATE,     /* the two date slots; filters */
} ds_field_kind_t;

/* How a boolean field's value becomes its term (tg_value in termgen.h). */
typedef enum ds_value_rule {
    DS_VR_FOLD = 0, /* fold_value (type, site) */
    DS_VR_URL,      /* fold_url: scheme and trailing '/' left out (url) */
    DS_VR_LANG,     /* lang_normalize, then fold_value: fr, fra, French are "fr" (lang) */
    DS_VR_RAW,      /* as written, control characters and outer spaces dropped (id) */
    DS_VR_NUMBER,   /* a decimal number, no zeros ahead (cites) */
    DS_VR_SYMBOL,   /* fold_value; a value ending in "/" then "*" is a head term (symbol) */
} ds_value_rule_t;

enum ds_field_flags {
    DS_FF_META = 1,   /* a manifest / front-matter key the indexer interprets (the others
                         are free fields, XF<name>:) */
    DS_FF_SINGLE = 2, /* one value per document: several in a query are alternatives */
};

typedef struct ds_field {
    const char *name; /* lower case */
    ds_field_kind_t kind;
    const char *prefix;   /* term prefix; NULL for dates and metadata only */
    ds_value_rule_t rule; /* DS_FK_BOOL */
    unsigned flags;       /* enum ds_field_flags */
} ds_field_t;

/* The field named name[0..len) (lower case), or NULL: a free field, or not a field. */
const ds_field_t *ds_field_find(const char *name, size_t len);

/* Default location of the index; DOSSIER_INDEX in the environment overrides it. */
#define DS_DEFAULT_INDEX "index"
#define DS_ENV_INDEX "DOSSIER_INDEX"

#endif
