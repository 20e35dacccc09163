/*
 * xap.h - the project's C interface to Xapian (the only C++ is xap.cc behind it).
 *
 * A thin "C++ hiding wrapper" in the manner of notmuch and Cyrus' xapian_wrap: it maps
 * Xapian's objects onto opaque C handles and its exceptions onto ds_status_t. It knows
 * nothing of our index schema (term prefixes, value slots, metadata keys): that lives in
 * one schema header above this layer. Add domain logic there, never here -- C tests can
 * reach every line of this wrapper only while it stays thin.
 *
 * Contents
 *   0. Conventions: statuses, messages, ownership, lifetimes, threads, byte strings
 *   1. Databases: open (read, write, shards), reopen, close, statistics, metadata
 *   2. Writing: add, replace/delete by unique-id term, transactions, commit
 *   3. Compaction
 *   4. Documents: terms, postings, values, data
 *   5. Queries: immutable trees of terms, operators, ranges and wildcards (expanded
 *      over a database: xap_db_wildcard)
 *   6. Enquire: running a query; sort order and weighting; match spies (facets)
 *   7. Match sets: results, counts, and when the counts are exact
 *   8. Iterators: terms, postings (with their wdf and positions), values
 *
 * The wrapper holds what the project calls, plus what its conventions ask of every
 * handle (an _error and a _free): a function that only tests would call is left out --
 * it is a few lines of Xapian away when a caller needs it. Two wait for theirs:
 * xap_db_add_doc, which the test fixtures build indexes with (the indexer replaces by
 * unique id), and xap_enquire_matching_terms, the one reader of xap_query_term's pos,
 * which the query compiler (searcher/query) sets.
 *
 * 0. Conventions
 * --------------
 * Handles. Every handle type is opaque and ends in _t:
 *     xap_db_t        a database, read-only (one or several shards) or writable
 *     xap_doc_t       a document: new (to be added) or read from a database
 *     xap_query_t     an immutable query
 *     xap_enquire_t   a query session over one database
 *     xap_mset_t      one page of results ("match set") of an enquire
 *     xap_spy_t       a value-count match spy (facet counts), owned by its enquire
 *     xap_termiter_t  iterator over terms (of a db, a match, a spy)
 *     xap_postiter_t  iterator over the documents that contain a term
 *     xap_valueiter_t iterator over the values of one slot in a database
 *     xap_positer_t   iterator over the positions of a term in one document
 *
 * Statuses. A function that can fail returns ds_status_t (0 = DS_OK; see status.h). On
 * failure its out-parameters are set to NULL/0 -- always, so a caller may free them
 * unconditionally -- and a human-readable message is left on the handle the call was
 * made on (xap_db_error(), xap_doc_error(), xap_enquire_error(), xap_mset_error(),
 * xap_spy_error(), xap_*iter_error()). A call that creates a handle from another handle
 * (xap_enquire_new(db), xap_db_get_doc(db), xap_db_allterms(db), ...) leaves its message
 * on the parent handle. The message describes the most recent failure on that handle;
 * it is valid until the next call on the handle and is never NULL. Opening a database and
 * compaction have no handle yet: they report into the caller's error object, a
 * ds_error_t *e (status.h), cleared on entry and filled on failure with the status and a
 * message that names the path ("cannot open database 'PATH': ..."); e may be NULL when
 * only the status is wanted. A NULL where a handle or out-parameter is required gives
 * DS_ERR_INVALID (with no message when the handle itself is NULL).
 *
 * How Xapian's exceptions map (no C++ exception ever leaves this API):
 *     DatabaseLockError      DS_ERR_LOCKED     message contains "locked"
 *     DatabaseCorruptError   DS_ERR_CORRUPT
 *     DatabaseVersionError   DS_ERR_VERSION    index format too old/new: rebuild
 *     DatabaseNotFoundError  DS_ERR_NOT_FOUND  (opening) message names the path
 *     DatabaseOpeningError   DS_ERR_IO
 *     DatabaseModifiedError  DS_ERR_MODIFIED   a reader fell too far behind the writer:
 *                                              xap_db_reopen() and retry the operation
 *     DatabaseClosedError    DS_ERR_INVALID    a derived handle used after xap_db_close
 *     DocNotFoundError       DS_ERR_NOT_FOUND
 *     WildcardError          DS_ERR_QUERY      a wildcard exceeded its expansion limit
 *     InvalidArgumentError,
 *     InvalidOperationError  DS_ERR_INVALID
 *     UnimplementedError     DS_ERR_UNSUPPORTED
 *     other DatabaseError    DS_ERR_IO         (includes DatabaseCreateError)
 *     other Xapian::Error    DS_ERR_INTERNAL
 *     std::bad_alloc         DS_ERR_NOMEM
 *     anything else          DS_ERR_INTERNAL
 *
 * Ownership. A function that returns a new handle through an out-parameter gives it to
 * the caller, who releases it with the matching xap_*_free() (xap_db_close() for a
 * database). Every free/close function returns void and accepts NULL. The exception is
 * xap_spy_t, which belongs to its enquire. Strings returned as `char **` are malloc'd and
 * freed by the caller with free(). Strings returned as `const char *` are borrowed; each
 * function says how long they stay valid.
 *
 * Lifetimes. Handles derived from a database (documents read from it, enquires, match
 * sets, iterators) may be freed before or after it, in any order, but must not be USED
 * after xap_db_close(): they then fail with DS_ERR_INVALID, or may still answer from
 * data Xapian had cached -- rely on neither. A match set does not depend on the enquire
 * that made it. An iterator must not be used after the handle it iterates (spy,
 * enquire) is freed or changed.
 *
 * Threads. A handle is used by one thread at a time, and so is every handle derived from
 * it (they share Xapian state, reference-counted without atomics). Handles from separate
 * opens may be used concurrently, so give each thread its own xap_db_t. For the same
 * reason a query and the queries combined from it belong to one thread at a time.
 *
 * Byte strings. Terms, values, metadata values and document data are byte strings passed
 * as (pointer, length): they may contain NUL bytes. Paths and metadata keys are C strings.
 * Returned byte strings are always followed by a NUL byte, so text may be used directly
 * as a C string (but trust the length). Xapian limits a term to about 245 bytes.
 *
 * Iterators. Every sequence (terms, postings, positions, values, spy values) is read
 * with an xap_*_next() that returns 1 with an item, 0 at the end, or the negated
 * ds_status_t of a failure, after which the iterator stays failed and its message is
 * read with xap_*iter_error(): the project-wide convention of status.h, which this
 * wrapper set. A loop must turn a negative answer into its status (section 8); reading
 * anything but 1 as the end hides the failure.
 *
 * Numbers. Document ids are xap_docid_t; 0 is never a valid document id. Counts and
 * frequencies are returned as uint64_t; positions and wdf as uint32_t; value slots are
 * unsigned.
 */
#ifndef DS_XAP_H
#define DS_XAP_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t xap_docid_t;

typedef struct xap_db xap_db_t;
typedef struct xap_doc xap_doc_t;
typedef struct xap_query xap_query_t;
typedef struct xap_enquire xap_enquire_t;
typedef struct xap_mset xap_mset_t;
typedef struct xap_spy xap_spy_t;
typedef struct xap_termiter xap_termiter_t;
typedef struct xap_postiter xap_postiter_t;
typedef struct xap_valueiter xap_valueiter_t;
typedef struct xap_positer xap_positer_t;

/* ==== 1. Databases ================================================================== */

/* How xap_db_open_write() treats the path. */
typedef enum xap_db_mode {
    XAP_DB_CREATE_OR_OPEN = 0,  /* open; create an empty database if there is none */
    XAP_DB_CREATE,              /* create; fail (DS_ERR_IO) if a database exists */
    XAP_DB_CREATE_OR_OVERWRITE, /* create, replacing any existing database */
    XAP_DB_OPEN,                /* open; fail (DS_ERR_NOT_FOUND) if there is none */
} xap_db_mode_t;

/*
 * Open the database at path for reading. The handle sees the revision committed when it
 * was opened until xap_db_reopen().
 *
 * On success *db is a new handle (free with xap_db_close()). Returns:
 *   DS_ERR_NOT_FOUND  no database at path (the message names the path)
 *   DS_ERR_VERSION    the on-disk format is not supported: rebuild the index
 *   DS_ERR_CORRUPT, DS_ERR_IO, DS_ERR_NOMEM, DS_ERR_INVALID (NULL path or db)
 * On failure *db is NULL and e (if not NULL) holds the status and the message:
 * "cannot open database 'PATH': " and what Xapian says (section 0's mapping), or "no
 * database path given" (DS_ERR_INVALID). On success e is cleared.
 */
ds_status_t xap_db_open_read(const char *path, xap_db_t **db, ds_error_t *e);

/*
 * Open n databases ("shards") as one read-only database. Document ids of the union
 * interleave the shards' ids (docid d of shard k, 0-based, is (d - 1) * n + k + 1);
 * counts and statistics are sums over the shards. Errors as xap_db_open_read(), with the
 * message naming the shard that failed ("cannot open database 'SHARD': ..."); n == 0
 * gives DS_ERR_INVALID ("no database path given"), a NULL among the paths DS_ERR_INVALID
 * ("NULL database path").
 */
ds_status_t xap_db_open_shards(const char *const *paths, size_t n, xap_db_t **db, ds_error_t *e);

/*
 * Open or create the database at path for writing, according to mode. Only one writer
 * may hold a path at a time (readers are unaffected). Changes become visible to readers
 * at xap_db_commit() (or xap_db_commit_transaction()). Read functions on a writable
 * handle see its uncommitted changes too.
 *
 * On success *db is a new handle (free with xap_db_close()). Returns:
 *   DS_ERR_LOCKED     another writer has the database open (message contains "locked")
 *   DS_ERR_NOT_FOUND  XAP_DB_OPEN and no database at path
 *   DS_ERR_IO         XAP_DB_CREATE and a database exists, or the directory cannot be
 *                     created or written
 *   DS_ERR_VERSION, DS_ERR_CORRUPT, DS_ERR_NOMEM, DS_ERR_INVALID (bad mode, NULL path)
 * On failure *db is NULL and e (if not NULL) holds the status and the message: "cannot
 * open database for writing 'PATH': " and what Xapian says, or "no database path
 * given" / "unknown database open mode" (DS_ERR_INVALID). On success e is cleared.
 */
ds_status_t xap_db_open_write(const char *path, xap_db_mode_t mode, xap_db_t **db, ds_error_t *e);

/*
 * Close db and free the handle; NULL is accepted. For a writable database:
 *   - outside a transaction, pending changes are COMMITTED (Xapian's close() does so);
 *   - inside a transaction, the transaction is CANCELLED and its changes are lost
 *     (changes committed before xap_db_begin_transaction() stay);
 *   - the write lock is released.
 * Errors during that implicit commit cannot be reported (this returns void), so a caller
 * that needs to know its changes were saved calls xap_db_commit() first and checks the
 * status; close then has nothing left to write. Handles derived from db stay allocated
 * (free them as usual) but can no longer read from it.
 */
void xap_db_close(xap_db_t *db);

/* The message of the most recent failure on db; "" if none; "" for NULL. Valid until
 * the next call on db. Never NULL. */
const char *xap_db_error(const xap_db_t *db);

/*
 * Move a read-only db to the latest committed revision (of every shard), so it sees
 * changes committed by writers since it was opened or last reopened. This is also the
 * cure for DS_ERR_MODIFIED. *changed (if not NULL) is set to 1 if the database might
 * have changed, 0 if it certainly did not. On a writable db this does nothing (a writer
 * always sees its own latest state). Returns DS_OK, DS_ERR_IO, DS_ERR_CORRUPT,
 * DS_ERR_INVALID (NULL db).
 */
ds_status_t xap_db_reopen(xap_db_t *db, int *changed);

/*
 * Statistics. Each sets its out-parameter and returns DS_OK, or sets it to 0 and returns
 * DS_ERR_MODIFIED (reopen and retry), DS_ERR_IO, DS_ERR_CORRUPT, DS_ERR_INVALID (NULL
 * argument, or db used after close), with the message on db.
 *   xap_db_doc_count       number of documents
 *   xap_db_collection_freq sum of the term's wdf over all documents (0 if none)
 *   xap_db_term_exists     *exists = 1 if some document contains term, else 0
 * (A term's document frequency comes with the terms of xap_db_allterms().)
 */
ds_status_t xap_db_doc_count(xap_db_t *db, uint64_t *count);
ds_status_t xap_db_collection_freq(xap_db_t *db, const char *term, size_t len, uint64_t *freq);
ds_status_t xap_db_term_exists(xap_db_t *db, const char *term, size_t len, int *exists);

/*
 * Read the metadata value stored under key (a non-empty C string). On DS_OK *value is a
 * malloc'd copy (NUL-terminated; the caller frees it) and *len its length -- or *value
 * is NULL and *len 0 if the key is not set (Xapian does not distinguish a key set to ""
 * from an unset one). Of a union of shards, the first shard's metadata is read. Returns
 * DS_OK, DS_ERR_NOMEM, DS_ERR_IO, DS_ERR_MODIFIED, DS_ERR_INVALID (NULL or empty key).
 */
ds_status_t xap_db_get_metadata(xap_db_t *db, const char *key, char **value, size_t *len);

/*
 * Store value (len bytes) under key on a writable db; len 0 deletes the key. Visible to
 * readers after commit, like documents. Returns DS_OK, DS_ERR_INVALID (read-only db,
 * NULL or empty key), DS_ERR_IO, DS_ERR_NOMEM.
 */
ds_status_t xap_db_set_metadata(xap_db_t *db, const char *key, const char *value, size_t len);

/*
 * Read document docid. On DS_OK *doc is a new handle (free with xap_doc_free()); its
 * data and values are read lazily, so later xap_doc_get_* calls may themselves fail with
 * DS_ERR_MODIFIED. Returns DS_ERR_NOT_FOUND if there is no such document, also
 * DS_ERR_MODIFIED, DS_ERR_IO, DS_ERR_NOMEM, DS_ERR_INVALID (docid 0, NULL); *doc NULL on
 * failure.
 */
ds_status_t xap_db_get_doc(xap_db_t *db, xap_docid_t docid, xap_doc_t **doc);

/* ==== 2. Writing ====================================================================
 * All of these need a writable db and return DS_ERR_INVALID ("read-only") otherwise.
 * Changes are pending until xap_db_commit() (Xapian may also flush by itself after
 * XAPIAN_FLUSH_THRESHOLD documents, outside a transaction).
 */

/*
 * Add a copy of doc as a new document; *docid (may be NULL) gets its id. doc is not
 * changed and still belongs to the caller. Returns DS_OK, DS_ERR_IO, DS_ERR_NOMEM,
 * DS_ERR_INVALID (read-only db, NULL doc).
 */
ds_status_t xap_db_add_doc(xap_db_t *db, const xap_doc_t *doc, xap_docid_t *docid);

/*
 * Idempotent (re)indexing by unique-id term: replace the document indexed by uid (a term
 * naming one document) with a copy of doc, or add doc if no document has uid. If several
 * documents have uid, the first is replaced and the others deleted. doc should itself
 * contain uid, or later replaces will not find it. *docid (may be NULL) gets the id used.
 * Returns DS_OK, DS_ERR_IO, DS_ERR_NOMEM, DS_ERR_INVALID (read-only, NULL, empty uid).
 */
ds_status_t xap_db_replace_by_term(xap_db_t *db, const char *uid, size_t len, const xap_doc_t *doc,
                                   xap_docid_t *docid);

/*
 * Delete every document indexed by term uid. Not an error if there is none.
 * *ndeleted (may be NULL) gets the number of documents deleted. Returns DS_OK,
 * DS_ERR_IO, DS_ERR_NOMEM, DS_ERR_INVALID (read-only, empty uid).
 */
ds_status_t xap_db_delete_by_term(xap_db_t *db, const char *uid, size_t len, uint64_t *ndeleted);

/*
 * Make all pending changes durable and visible to readers that (re)open. Inside a
 * transaction this is DS_ERR_INVALID (use xap_db_commit_transaction()). Returns DS_OK,
 * DS_ERR_IO, DS_ERR_NOMEM, DS_ERR_INVALID.
 */
ds_status_t xap_db_commit(xap_db_t *db);

/*
 * Transactions group changes that must land together. begin: starts one (nesting is not
 * allowed: DS_ERR_INVALID). If flushed is non-zero, pending changes are committed first
 * and the transaction commits as a unit of its own; if 0, the transaction's changes
 * merely join the pending changes (atomic with respect to cancel, committed with the
 * next xap_db_commit()). commit_transaction ends it keeping its changes (committing them
 * if it was flushed); cancel_transaction ends it discarding every change made since
 * begin. commit/cancel without a transaction: DS_ERR_INVALID. xap_db_close() inside a
 * transaction cancels it. All return DS_OK, DS_ERR_INVALID, DS_ERR_IO, DS_ERR_NOMEM.
 */
ds_status_t xap_db_begin_transaction(xap_db_t *db, int flushed);
ds_status_t xap_db_commit_transaction(xap_db_t *db);
ds_status_t xap_db_cancel_transaction(xap_db_t *db);

/* ==== 3. Compaction ================================================================= */

enum {
    XAP_COMPACT_MULTIPASS = 1u << 0, /* merging > 3 shards: merge postings in several
                                        passes (faster, needs more temporary disk) */
};

/*
 * Write a compacted copy of the database at src_paths[0] -- or, with n > 1, of the n
 * shards merged into one database -- into the directory dest. Document ids are
 * renumbered by shifting each source's ids by one offset so the sources follow one
 * another in src_paths order (gaps left by deletions within a source stay). dest is
 * created if missing; it should be a new (or empty) directory, so that the indexer can
 * compact into a temporary directory and rename() it over the live one atomically. The
 * sources may be in use by readers and a writer meanwhile; their last committed
 * revision is copied. flags is 0 or XAP_COMPACT_MULTIPASS.
 *
 * Returns DS_OK, DS_ERR_NOT_FOUND (a source is missing), DS_ERR_IO (cannot write dest),
 * DS_ERR_VERSION, DS_ERR_CORRUPT, DS_ERR_NOMEM, DS_ERR_INVALID (n == 0, NULL path,
 * unknown flag). On failure e (if not NULL) holds the status and the message: "cannot
 * open database 'SOURCE': ..." or "cannot compact into 'DEST': ..." and what Xapian
 * says, or for DS_ERR_INVALID "compaction needs source and destination paths" /
 * "unknown compaction flag" / "NULL database path"; dest may hold a partial result to
 * remove. On success e is cleared.
 */
ds_status_t xap_db_compact(const char *const *src_paths, size_t n, const char *dest, unsigned flags,
                           ds_error_t *e);

/* ==== 4. Documents ==================================================================
 * A document is a bag of terms (each with a wdf, "within-document frequency", and
 * optional positions), numbered value slots (short byte strings for sorting, ranges and
 * facets) and one opaque data blob (what we show for a hit). A new document is built
 * here and then copied into a database by xap_db_add_doc()/xap_db_replace_by_term().
 * Changing a document read from a database does not change the database until it is
 * written back.
 */

/* Create an empty document. On DS_OK *doc is a new handle (free with xap_doc_free()).
 * Returns DS_OK or DS_ERR_NOMEM (*doc NULL), DS_ERR_INVALID (NULL doc). */
ds_status_t xap_doc_new(xap_doc_t **doc);

/* Free doc; NULL is accepted. Pointers returned by xap_doc_get_* become invalid. */
void xap_doc_free(xap_doc_t *doc);

/* The message of the most recent failure on doc ("" if none); never NULL; valid until
 * the next call on doc. */
const char *xap_doc_error(const xap_doc_t *doc);

/*
 * Terms. All take a term of len bytes (1..about 245) and return DS_OK, DS_ERR_NOMEM or
 * DS_ERR_INVALID (NULL/empty term). They invalidate pointers from xap_doc_get_*.
 *   xap_doc_add_term          add term without a position, wdf += wdf_inc
 *   xap_doc_add_posting       add term at position pos (any number, 0 included; a phrase
 *                             matches consecutive positions), wdf += wdf_inc (usually 1)
 *   xap_doc_add_boolean_term  add term with wdf 0: for filtering (unique ids, facets),
 *                             it does not add to the document length or the weight
 */
ds_status_t xap_doc_add_term(xap_doc_t *doc, const char *term, size_t len, uint32_t wdf_inc);
ds_status_t xap_doc_add_posting(xap_doc_t *doc, const char *term, size_t len, uint32_t pos,
                                uint32_t wdf_inc);
ds_status_t xap_doc_add_boolean_term(xap_doc_t *doc, const char *term, size_t len);

/*
 * Values. set_value stores value (len bytes, binary-safe) in slot; len 0 removes the
 * value (Xapian does not distinguish an empty value from none). get_value sets *value to
 * the slot's bytes (NUL-terminated; "" with *len 0 if the slot is empty) and *len (may
 * be NULL) to their length. The pointer belongs to doc and stays valid until doc is
 * changed or freed (several slots may be read at once). Both return DS_OK,
 * DS_ERR_NOMEM, DS_ERR_INVALID; get_value also DS_ERR_MODIFIED/DS_ERR_IO for a document
 * read from a database. On failure *value is NULL and *len 0.
 */
ds_status_t xap_doc_set_value(xap_doc_t *doc, unsigned slot, const char *value, size_t len);
ds_status_t xap_doc_get_value(xap_doc_t *doc, unsigned slot, const char **value, size_t *len);

/*
 * Data. set_data replaces the document's data with len bytes (binary-safe). get_data
 * sets *data to it (NUL-terminated; "" with *len 0 if none; len may be NULL), a pointer
 * that belongs to doc and stays valid until doc is changed or freed. Statuses as for
 * values.
 */
ds_status_t xap_doc_set_data(xap_doc_t *doc, const char *data, size_t len);
ds_status_t xap_doc_get_data(xap_doc_t *doc, const char **data, size_t *len);

/* ==== 5. Queries ====================================================================
 * A query is an immutable value: combining queries copies the subqueries (cheaply; the
 * tree is shared and reference-counted), so the caller still owns, and frees, every
 * query it passed in, and may free them right away.
 *
 * Failure convention: query constructors return a status and the query through an
 * out-parameter (*q, NULL on failure), like everything else here. They build no I/O and
 * fail only with DS_ERR_NOMEM or DS_ERR_INVALID for the argument errors each lists; as
 * there is no handle to carry a message, those statuses are the whole report. Errors of
 * the query against the index (a wildcard that expands too widely, a phrase over a
 * database without positions) surface when it runs, from xap_enquire_mset().
 */

/* Operators for xap_query_combine(). */
typedef enum xap_op {
    XAP_OP_AND = 0,   /* all subqueries match; weights add */
    XAP_OP_OR,        /* any subquery matches; weights add */
    XAP_OP_AND_NOT,   /* first matches and none of the others do */
    XAP_OP_XOR,       /* an odd number of subqueries match */
    XAP_OP_AND_MAYBE, /* first matches; the others only add weight */
    XAP_OP_FILTER,    /* first matches and so do the others, which add no weight */
    XAP_OP_NEAR,      /* all terms within a window of `parameter` positions, any order */
    XAP_OP_PHRASE,    /* terms in order within a window of `parameter` positions */
    XAP_OP_ELITE_SET, /* OR of the `parameter` subqueries with the highest weights */
    XAP_OP_SYNONYM,   /* OR, weighted as if all subqueries were one term */
    /* No OP_MAX: over several databases it crashes Xapian 1.4.22 (see xap_db_wildcard). */
    XAP_OP_LAST_ /* sentinel, not an operator */
} xap_op_t;

/*
 * A query for term (len bytes, non-empty; use xap_query_match_all() for "everything").
 * wqf is the within-query frequency (1 normally; it multiplies the term's weight), pos
 * the term's position in the query text (0 if none): it orders
 * xap_enquire_matching_terms() and nothing else -- phrases take their word order from
 * xap_query_combine(). Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (NULL/empty term,
 * NULL q).
 */
ds_status_t xap_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos,
                           xap_query_t **q);

/*
 * Combine the n queries subs[0..n-1] with op. parameter is the window size for
 * XAP_OP_NEAR and XAP_OP_PHRASE (0 means the number of subqueries: adjacent words), the
 * set size for XAP_OP_ELITE_SET (0 means 10), and ignored by other operators. NEAR and
 * PHRASE take term subqueries (a PHRASE of words is PHRASE over term queries with
 * parameter 0; a phrase needs positions, see xap_doc_add_posting()). n == 0 gives a
 * query that matches nothing; with n == 1 most operators give that subquery. The
 * subqueries are copied (see above). Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID
 * (unknown op, subs NULL with n > 0, a NULL subquery, NULL q).
 */
ds_status_t xap_query_combine(xap_op_t op, const xap_query_t *const *subs, size_t n,
                              unsigned parameter, xap_query_t **q);

/* sub with its weight multiplied by factor (>= 0; 0 turns it into a pure filter).
 * Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (negative or NaN factor, NULL). */
ds_status_t xap_query_scale(const xap_query_t *sub, double factor, xap_query_t **q);

/*
 * Documents whose value in slot lies in [lo, hi] (inclusive), comparing bytes (so store
 * dates as fixed-width strings such as "20210219"). lo == NULL (or lo_len 0) means no
 * lower bound, hi == NULL no upper bound; both NULL matches every document that has a
 * value in slot. A document without a value in slot never matches. lo > hi matches
 * nothing. Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (NULL q, NULL with a non-zero
 * length).
 */
ds_status_t xap_query_value_range(unsigned slot, const char *lo, size_t lo_len, const char *hi,
                                  size_t hi_len, xap_query_t **q);

/*
 * All terms that start with prefix (len bytes, non-empty), combined with OP_OR: a
 * document weighs the sum of its matching expansions (OP_SYNONYM, Xapian's default, has
 * statistics estimated shard by shard, so sharding would change the ranking; OP_MAX
 * crashes on sharded databases, see xap_db_wildcard). If more than
 * max_expansion terms match (0 = no limit), running the query fails with DS_ERR_QUERY
 * and a message naming the pattern ("Wildcard tax* expands to more than 2 terms"): the
 * caller should ask the user for a longer prefix rather than silently drop terms.
 * Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (NULL/empty prefix, NULL q).
 */
ds_status_t xap_query_wildcard(const char *prefix, size_t len, uint32_t max_expansion,
                               xap_query_t **q);

/*
 * The same wildcard expanded now, over db (all its shards): the OP_OR of every term of
 * db starting with prefix, each weighted with its statistics over the whole database,
 * so the ranking is the same whatever the number of shards.
 * Use this one on sharded databases: Xapian 1.4 expands xap_query_wildcard() shard by
 * shard after gathering statistics, which misweights the expansions. No term: a query
 * that matches nothing. More than max_expansion terms (0 = no limit): DS_ERR_QUERY with
 * the message ("Wildcard tax* expands to more than 2 terms") on db. Also DS_ERR_NOMEM,
 * DS_ERR_IO, DS_ERR_MODIFIED, DS_ERR_INVALID (NULL or empty prefix).
 */
ds_status_t xap_db_wildcard(xap_db_t *db, const char *prefix, size_t len, uint32_t max_expansion,
                            xap_query_t **q);

/* Every document / no document. Return DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (NULL q). */
ds_status_t xap_query_match_all(xap_query_t **q);
ds_status_t xap_query_match_nothing(xap_query_t **q);

/* A readable description of q, for logs and tests, e.g. "Query((a PHRASE 2 b))". On
 * DS_OK *desc is malloc'd (the caller frees it). Returns DS_OK, DS_ERR_NOMEM,
 * DS_ERR_INVALID. */
ds_status_t xap_query_describe(const xap_query_t *q, char **desc);

/* Free q; NULL is accepted. Queries built from q are not affected. */
void xap_query_free(xap_query_t *q);

/* ==== 6. Enquire ====================================================================
 * An enquire runs queries against one database: set a query and options, then ask for
 * pages of results (xap_enquire_mset()). Defaults: empty query (matches nothing), BM25
 * weighting with k1 = 1, b = 0.5, sort by relevance, ties in ascending docid order.
 */

/*
 * Create an enquire over db. On DS_OK *enq is a new handle (free with
 * xap_enquire_free()); it must not be used after db is closed. Returns DS_OK,
 * DS_ERR_NOMEM, DS_ERR_INVALID, with the message on db.
 */
ds_status_t xap_enquire_new(xap_db_t *db, xap_enquire_t **enq);

/* Free enq and its spies; NULL is accepted. Match sets it made stay valid. */
void xap_enquire_free(xap_enquire_t *enq);

/* The message of the most recent failure on enq ("" if none); never NULL; valid until
 * the next call on enq. */
const char *xap_enquire_error(const xap_enquire_t *enq);

/* Use a copy of q for the following runs (the caller keeps q). Returns DS_OK,
 * DS_ERR_NOMEM, DS_ERR_INVALID (NULL). */
ds_status_t xap_enquire_set_query(xap_enquire_t *enq, const xap_query_t *q);

/*
 * Weight with BM25 using k1 (>= 0: how fast extra occurrences of a term stop adding
 * weight; 0 = presence only) and b (0..1: how much document length normalises wdf).
 * Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (k1 < 0, b outside [0, 1], NaN).
 */
ds_status_t xap_enquire_set_bm25(xap_enquire_t *enq, double k1, double b);

/*
 * Weight nothing: every match weighs 0 (Xapian's BoolWeight), so the matcher computes
 * no statistics nor scores -- for runs that only count (limit 0, check_at_least the
 * document count: the counts are the same exact ones as under BM25). Returns DS_OK,
 * DS_ERR_NOMEM, DS_ERR_INVALID (NULL).
 */
ds_status_t xap_enquire_set_boolean(xap_enquire_t *enq);

/*
 * Result order. sort_by_relevance: by weight (the default). sort_by_value: by the bytes
 * of value slot `slot`, ascending or (descending != 0) descending, ties by weight.
 * Documents without a value sort as "". Each returns DS_OK or DS_ERR_INVALID (NULL).
 */
ds_status_t xap_enquire_sort_by_relevance(xap_enquire_t *enq);
ds_status_t xap_enquire_sort_by_value(xap_enquire_t *enq, unsigned slot, int descending);

/*
 * Sort by a key made of the values of slots[0..n), each ascending or (descending[i] !=
 * 0; descending may be NULL for all ascending) descending, compared in that order.
 * relevance_first != 0: by weight first and the key breaks ties (a deterministic order
 * for equal weights, whatever the document ids); 0: by the key first, then by weight.
 * Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (NULL, n == 0).
 */
ds_status_t xap_enquire_sort_by_keys(xap_enquire_t *enq, const unsigned *slots,
                                     const int *descending, size_t n, int relevance_first);

/*
 * Add a match spy that counts, for every matching document the matcher examines, the
 * value in slot (facet counts: how many hits per year, per document type, ...). Read it
 * with xap_spy_*() after xap_enquire_mset(). Each xap_enquire_mset() call restarts its
 * counts, so they always describe the latest run.
 *
 * The spy sees only the documents the matcher examines: at least offset + limit and
 * check_at_least of them, but not necessarily all matches. For counts over ALL matches,
 * pass check_at_least >= the database's document count (xap_db_doc_count()).
 *
 * On DS_OK *spy is a handle owned by enq: do not free it; it lives until
 * xap_enquire_free(). Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID.
 */
ds_status_t xap_enquire_add_spy(xap_enquire_t *enq, unsigned slot, xap_spy_t **spy);

/*
 * Run the query and return results offset .. offset + limit - 1 (0-based ranks).
 * check_at_least asks the matcher to examine at least that many matches even beyond the
 * page, which makes the counts (xap_mset_count()) exact when it is at least the number
 * of matches -- pass the document count for exact counts and complete spies. Values above
 * 2^32 - 1 are taken as 2^32 - 1.
 *
 * On DS_OK *mset is a new match set (free with xap_mset_free()). Returns:
 *   DS_ERR_QUERY       a wildcard exceeded its limit (message names it)
 *   DS_ERR_UNSUPPORTED the query uses an operator combination Xapian cannot run
 *   DS_ERR_MODIFIED    the reader fell behind: xap_db_reopen() and run again
 *   DS_ERR_IO, DS_ERR_CORRUPT, DS_ERR_NOMEM, DS_ERR_INVALID (NULL, closed database)
 * with the message on enq.
 */
ds_status_t xap_enquire_mset(xap_enquire_t *enq, uint64_t offset, uint64_t limit,
                             uint64_t check_at_least, xap_mset_t **mset);

/*
 * Iterate the terms of the current query that document docid contains, each once,
 * ordered by query position (the pos given to xap_query_term(); terms without one come
 * first, in byte order) -- for highlighting and "why did this match". *it is a new
 * iterator (free with xap_termiter_free()) giving terms only. Returns DS_OK,
 * DS_ERR_NOT_FOUND (no such document), DS_ERR_MODIFIED, DS_ERR_IO, DS_ERR_NOMEM,
 * DS_ERR_INVALID, with the message on enq.
 */
ds_status_t xap_enquire_matching_terms(xap_enquire_t *enq, xap_docid_t docid, xap_termiter_t **it);

/*
 * Spies. xap_spy_values: the (value, frequency) pairs the spy saw in the latest run, in
 * byte order of value. Each pair is one item of the iterator: xap_termiter_term() is the
 * value, xap_termiter_termfreq() its frequency. The iterator (free with
 * xap_termiter_free()) must not be used after the next xap_enquire_mset() or
 * xap_enquire_free(). Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID with the message on
 * spy.
 */
ds_status_t xap_spy_values(xap_spy_t *spy, xap_termiter_t **it);
const char *xap_spy_error(const xap_spy_t *spy);

/* ==== 7. Match sets =================================================================
 * A match set is one page of results: items 0 .. xap_mset_size() - 1, best first, plus
 * estimates of the total number of matches.
 */

/* Free mset; NULL is accepted. */
void xap_mset_free(xap_mset_t *mset);

/* The message of the most recent failure on mset ("" if none); never NULL. */
const char *xap_mset_error(const xap_mset_t *mset);

/* Number of items in this page (0 for NULL). */
size_t xap_mset_size(const xap_mset_t *mset);

/* The greatest weight any match of the query could have (0 when the query only
 * filters, so every match weighs 0); 0 for NULL. */
double xap_mset_max_possible(const xap_mset_t *mset);

/*
 * Item i (0-based within the page): document id, weight, rank (0-based over all
 * results: offset + i) and percentage score (1..100; 0 if not weighted). Any out-pointer
 * may be NULL. Returns DS_OK, or DS_ERR_INVALID if i >= size (all outs set to 0).
 */
ds_status_t xap_mset_item(xap_mset_t *mset, size_t i, xap_docid_t *docid, double *weight,
                          uint64_t *rank, int *percent);

/* Read the document of item i. On DS_OK *doc is a new handle (free with
 * xap_doc_free()). Returns DS_ERR_INVALID (i out of range), DS_ERR_MODIFIED, DS_ERR_IO,
 * DS_ERR_NOMEM, with the message on mset. */
ds_status_t xap_mset_get_doc(xap_mset_t *mset, size_t i, xap_doc_t **doc);

/*
 * Total matches of the run: lower <= estimate <= upper. The counts are exact (*exact =
 * 1, lower == estimate == upper) whenever the matcher examined every match, which
 * check_at_least >= number of matches guarantees. Otherwise they may still be exact
 * (Xapian can sometimes deduce the total), or *exact is 0 and the caller should show
 * "about <estimate>". Any out-pointer may be NULL; NULL mset gives zeros.
 */
void xap_mset_count(const xap_mset_t *mset, uint64_t *lower, uint64_t *estimate, uint64_t *upper,
                    int *exact);

/* ==== 8. Iterators ==================================================================
 * All the iterator types work alike:
 *
 *     xap_termiter_t *it = NULL;
 *     ds_status_t rc = xap_db_allterms(db, "K", 1, &it);   (message: xap_db_error(db))
 *     int r = 0;
 *     while (rc == DS_OK && (r = xap_termiter_next(it)) == 1) {
 *         size_t len;
 *         const char *term = xap_termiter_term(it, &len);
 *         rc = use(term, len);
 *     }
 *     if (rc == DS_OK && r < 0)
 *         rc = (ds_status_t)-r;                           (message: xap_termiter_error(it))
 *     xap_termiter_free(it);
 *
 * A new iterator is positioned BEFORE its first item. next() moves to the next item and
 * returns 1, or returns 0 at the end (and keeps returning 0), or returns the negated
 * ds_status_t of a failure (e.g. -DS_ERR_MODIFIED), after which the iterator is dead:
 * every later next() returns the same negative number. The accessors read the current
 * item; before the first next(), after the end or after a failure they return 0 / ""
 * (with *len 0). A returned term/value pointer belongs to the iterator and stays valid
 * until the next call of next() or free on it. free accepts NULL.
 */

/*
 * Iterate all terms of db that start with prefix (len bytes; len 0 = every term), in
 * byte order, with termfreq available. On DS_OK *it is a new iterator. Returns DS_OK,
 * DS_ERR_NOMEM, DS_ERR_IO, DS_ERR_MODIFIED, DS_ERR_INVALID, with the message on db.
 */
ds_status_t xap_db_allterms(xap_db_t *db, const char *prefix, size_t len, xap_termiter_t **it);

/*
 * Iterate the terms of document docid (its termlist), in byte order, with their wdf
 * (xap_termiter_wdf) and their database-wide termfreq. Reads no positions and no
 * document data. On DS_OK *it is a new iterator (the caller frees it). DS_ERR_NOTFOUND
 * (or the next() failure) for a docid not in db; other statuses as xap_db_allterms().
 */
ds_status_t xap_db_termlist(xap_db_t *db, xap_docid_t docid, xap_termiter_t **it);

/*
 * Iterate the documents that contain term (len bytes; len 0 = every document), in
 * ascending docid order. Empty if no document has it. Statuses as xap_db_allterms().
 */
ds_status_t xap_db_postings(xap_db_t *db, const char *term, size_t len, xap_postiter_t **it);

/* Iterate the non-empty values in slot, in ascending docid order. Statuses as
 * xap_db_allterms(). */
ds_status_t xap_db_values(xap_db_t *db, unsigned slot, xap_valueiter_t **it);

/* Term iterators (from xap_db_allterms, xap_db_termlist, xap_enquire_matching_terms,
 * xap_spy_values). */
int xap_termiter_next(xap_termiter_t *it);
/* The current term (or spy value): *len (may be NULL) gets its length. */
const char *xap_termiter_term(const xap_termiter_t *it, size_t *len);
/*
 * Number of documents in the database containing the current term (all-terms) or the
 * value's frequency (spy values). Returns DS_OK; DS_ERR_INVALID for matching terms or
 * with no current item; DS_ERR_MODIFIED, DS_ERR_IO. *freq 0 on failure.
 */
ds_status_t xap_termiter_termfreq(xap_termiter_t *it, uint64_t *freq);
/* The current term's wdf in its document (occurrences: for an exact body term, its
 * positions). Only for xap_db_termlist iterators: DS_ERR_INVALID otherwise or with no
 * current item; DS_ERR_MODIFIED, DS_ERR_IO. *wdf 0 on failure. */
ds_status_t xap_termiter_wdf(xap_termiter_t *it, uint32_t *wdf);
const char *xap_termiter_error(const xap_termiter_t *it);
void xap_termiter_free(xap_termiter_t *it);

/* Posting iterators (from xap_db_postings). */
int xap_postiter_next(xap_postiter_t *it);
/*
 * Move to the first document >= docid (from before the first item too): returns 1 (it
 * holds that document), 0 (no such document: the end, for good) or the negated status
 * of a failure, as xap_postiter_next(). A docid at or before the current one does not
 * move the iterator (1 again). next() then goes on from where skip_to stopped. This is
 * how one walks a posting list alongside a sorted list of documents without reading
 * every posting.
 */
int xap_postiter_skip_to(xap_postiter_t *it, xap_docid_t docid);
xap_docid_t xap_postiter_docid(const xap_postiter_t *it);
/*
 * The term's wdf in the current document (the number of xap_doc_add_posting() and
 * xap_doc_add_term() increments it got: a term added twice at one position has wdf 2
 * and one position). Returns DS_OK; DS_ERR_INVALID with no current document (*wdf 0);
 * DS_ERR_MODIFIED, DS_ERR_IO, DS_ERR_CORRUPT, with the message on it.
 */
ds_status_t xap_postiter_wdf(xap_postiter_t *it, uint32_t *wdf);
/*
 * Iterate the positions of the term in the current document, ascending, each once
 * (Xapian keeps a set: two postings at one position are one). A term indexed without
 * positions gives an empty iterator. On DS_OK *pos is a new iterator (free with
 * xap_positer_free()); it is read from the database as it goes, so it must not be used
 * after it moves (next, skip_to) or is freed -- read the positions first. Returns
 * DS_ERR_INVALID with no current document, DS_ERR_MODIFIED, DS_ERR_IO, DS_ERR_CORRUPT,
 * DS_ERR_NOMEM, with the message on it; *pos NULL on failure.
 */
ds_status_t xap_postiter_positions(xap_postiter_t *it, xap_positer_t **pos);
/*
 * The positions of the term in the current document, ascending, each once, copied into
 * buf[0 .. cap) in one call: *n gets how many the document has, which may exceed cap
 * (only the first cap are written then: grow buf and ask again; the wdf, which is never
 * smaller, is a size that always fits). For a reader of many documents' positions, it
 * saves an iterator and a guarded call per position (xap_postiter_positions). Returns
 * DS_OK; DS_ERR_INVALID with no current document (*n 0) or NULL arguments (buf may be
 * NULL when cap is 0); DS_ERR_MODIFIED, DS_ERR_IO, DS_ERR_CORRUPT, DS_ERR_NOMEM with the
 * message on it (buf's contents unspecified, *n 0).
 */
ds_status_t xap_postiter_read_positions(xap_postiter_t *it, uint32_t *buf, size_t cap, size_t *n);
const char *xap_postiter_error(const xap_postiter_t *it);
void xap_postiter_free(xap_postiter_t *it);

/* Position iterators (from xap_postiter_positions): next() as every iterator (1, 0, a
 * negated status); xap_positer_pos() the current position (0 when there is none: before
 * the first next(), at the end, after a failure -- 0 is also a valid position, so trust
 * next()). */
int xap_positer_next(xap_positer_t *it);
uint32_t xap_positer_pos(const xap_positer_t *it);
const char *xap_positer_error(const xap_positer_t *it);
void xap_positer_free(xap_positer_t *it);

/* Value iterators (from xap_db_values). */
int xap_valueiter_next(xap_valueiter_t *it);
xap_docid_t xap_valueiter_docid(const xap_valueiter_t *it);
/* The current value (NUL-terminated); *len (may be NULL) gets its length. */
const char *xap_valueiter_value(const xap_valueiter_t *it, size_t *len);
const char *xap_valueiter_error(const xap_valueiter_t *it);
void xap_valueiter_free(xap_valueiter_t *it);

#ifdef __cplusplus
}
#endif

#endif
