/*
 * xap.cc - the C wrapper over Xapian declared in xap.h: the project's only C++.
 *
 * Map of this file
 *   1. Failure handling: errslot (a handle's message), wrap_error (our own argument
 *      checks), classify() (exception -> ds_status_t), guard() / guard_open()
 *   2. Handle structs
 *   3. Databases, writing, compaction
 *   4. Documents
 *   5. Queries
 *   6. Enquire, spies, match sets
 *   7. Iterators
 *
 * Every exported function has one shape: clear its out-parameters, check for NULL
 * handles, then do its work inside guard(), which catches every exception and turns it
 * into a status plus a message on the handle. Xapian is touched only inside guard(), so
 * no exception can cross the extern "C" boundary. Keep this file free of index-schema
 * knowledge (see xap.h).
 */
#include "xap.h"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

static_assert(sizeof(Xapian::docid) == sizeof(xap_docid_t), "xap_docid_t must hold a docid");

/* ==== 1. Failure handling ============================================================ */

namespace
{

/* The message slot every handle carries. An empty msg after a failure (e.g. we ran out
 * of memory formatting it) falls back to the status' constant text. */
struct errslot {
    std::string msg;
    ds_status_t status = DS_OK;

    const char *str() const noexcept
    {
        if (!msg.empty())
            return msg.c_str();
        return status == DS_OK ? "" : ds_status_str(status);
    }
};

/* Thrown by the wrapper's own checks inside guarded bodies. */
struct wrap_error {
    ds_status_t status;
    std::string msg;
};

ds_status_t with(std::string &msg, ds_status_t st, const char *lead, const Xapian::Error &e)
{
    msg = lead;
    msg += e.get_description();
    return st;
}

/* Classify the Xapian exception being handled, most specific class first (Version and
 * NotFound derive from Opening; all Database* from DatabaseError). Other exceptions are
 * rethrown to classify(). Must be called inside a catch block. */
ds_status_t classify_xapian(std::string &msg)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return with(msg, DS_ERR_LOCKED, "database is locked by another writer: ", e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return with(msg, DS_ERR_CORRUPT, "database is corrupt: ", e);
    } catch (const Xapian::DatabaseVersionError &e) {
        return with(msg, DS_ERR_VERSION, "unsupported database format (rebuild): ", e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return with(msg, DS_ERR_NOT_FOUND, "", e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return with(msg, DS_ERR_IO, "", e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return with(msg, DS_ERR_MODIFIED, "database changed under the reader (reopen): ", e);
    } catch (const Xapian::DatabaseClosedError &e) {
        return with(msg, DS_ERR_INVALID, "database used after close: ", e);
    } catch (const Xapian::DocNotFoundError &e) {
        return with(msg, DS_ERR_NOT_FOUND, "", e);
    } catch (const Xapian::WildcardError &e) {
        return with(msg, DS_ERR_QUERY, "query cannot run: ", e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return with(msg, DS_ERR_INVALID, "", e);
    } catch (const Xapian::InvalidOperationError &e) {
        return with(msg, DS_ERR_INVALID, "", e);
    } catch (const Xapian::UnimplementedError &e) {
        return with(msg, DS_ERR_UNSUPPORTED, "", e);
    } catch (const Xapian::DatabaseError &e) {
        return with(msg, DS_ERR_IO, "", e);
    } catch (const Xapian::NetworkError &e) {
        return with(msg, DS_ERR_IO, "", e);
    } catch (const Xapian::Error &e) {
        return with(msg, DS_ERR_INTERNAL, "unexpected Xapian error: ", e);
    }
}

/* The Lippincott function: map whatever is being handled to a status and message. May
 * itself throw std::bad_alloc while formatting; fail() handles that. */
ds_status_t classify(std::string &msg)
{
    try {
        return classify_xapian(msg);
    } catch (const std::bad_alloc &) {
        msg.clear();
        return DS_ERR_NOMEM;
    } catch (wrap_error &e) {
        msg.swap(e.msg);
        return e.status;
    } catch (const std::exception &e) {
        msg = "unexpected C++ exception: ";
        msg += e.what();
        return DS_ERR_INTERNAL;
    } catch (...) {
        msg = "unexpected exception of unknown type";
        return DS_ERR_INTERNAL;
    }
}

ds_status_t fail(errslot &err) noexcept
{
    ds_status_t st;
    try {
        st = classify(err.msg);
    } catch (...) {
        err.msg.clear(); /* no memory even for the message: the status says it */
        st = DS_ERR_NOMEM;
    }
    err.status = st;
    return st;
}

/* Run body (returning ds_status_t); any exception becomes a status and err's message. */
template <typename F> ds_status_t guard(errslot &err, F &&body) noexcept
{
    try {
        return body();
    } catch (...) {
        return fail(err);
    }
}

/* Record a failure found by the wrapper itself (not an exception). */
ds_status_t set_err(errslot &err, ds_status_t st, const char *msg) noexcept
{
    try {
        err.msg = msg;
    } catch (...) {
        err.msg.clear();
    }
    err.status = st;
    return st;
}

/* guard() for calls without a handle (opening, compaction): the message, prefixed with
 * what the body was doing to which path when it failed, goes into the caller's error
 * object e (status.h; NULL: status only). The body updates what/path as it goes, hence
 * the references. */
template <typename F>
ds_status_t guard_open(ds_error_t *e, const char *const &what, const char *const &path,
                       F &&body) noexcept
{
    errslot err;
    ds_status_t st = guard(err, body);
    if (st != DS_OK && path)
        ds_error_set(e, st, 0, "%s '%s': %s", what, path, err.str());
    else if (st != DS_OK)
        ds_error_set(e, st, 0, "%s", err.str());
    return st;
}

ds_status_t reject_open(ds_error_t *e, const char *msg) noexcept
{
    ds_error_set(e, DS_ERR_INVALID, 0, "%s", msg);
    return DS_ERR_INVALID;
}

template <typename T> void clear_out(T *p) noexcept
{
    if (p)
        *p = T();
}

/* (p, len) as a string; NULL is only acceptable for an empty string. */
std::string bytes(const char *p, size_t len)
{
    if (!p && len)
        throw wrap_error{DS_ERR_INVALID, "NULL pointer with a non-zero length"};
    return p ? std::string(p, len) : std::string();
}

std::string nonempty(const char *p, size_t len, const char *what)
{
    if (!p || !len)
        throw wrap_error{DS_ERR_INVALID, std::string("empty ") + what};
    return std::string(p, len);
}

/* A malloc'd NUL-terminated copy of s, for strings the caller frees. */
char *dup_bytes(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

/* An enum argument from C may hold any int, and reading an out-of-range value as the
 * C++ enum type is undefined behaviour, so validate its bytes instead. */
template <typename E> unsigned enum_value(const E &e) noexcept
{
    static_assert(sizeof(E) == sizeof(unsigned), "C enums are int-sized");
    unsigned u;
    std::memcpy(&u, &e, sizeof u);
    return u;
}

Xapian::doccount clamp_count(uint64_t v) noexcept
{
    return v > UINT32_MAX ? UINT32_MAX : static_cast<Xapian::doccount>(v);
}

} // namespace

/* ==== 2. Handle structs =============================================================== */

struct xap_db {
    Xapian::Database rdb;         /* used when !writable (possibly several shards) */
    Xapian::WritableDatabase wdb; /* used when writable */
    bool writable = false;
    errslot err;

    Xapian::Database &get() { return writable ? static_cast<Xapian::Database &>(wdb) : rdb; }
    Xapian::WritableDatabase &writer()
    {
        if (!writable)
            throw wrap_error{DS_ERR_INVALID, "database was opened read-only"};
        return wdb;
    }
};

struct xap_doc {
    Xapian::Document doc;
    /* Copies handed out by get_value/get_data: their pointers must survive until the
     * document changes, so they are kept here rather than in temporaries. */
    std::map<unsigned, std::string> values;
    std::string data;
    bool have_data = false;
    errslot err;

    void changed() noexcept
    {
        values.clear();
        data.clear();
        have_data = false;
    }
};

struct xap_query {
    Xapian::Query q;
};

struct xap_spy {
    unsigned slot = 0;
    /* Replaced by a fresh spy at every run so counts describe the latest run only. */
    std::unique_ptr<Xapian::ValueCountMatchSpy> vc;
    errslot err;
};

struct xap_enquire {
    Xapian::Enquire enq;
    std::vector<std::unique_ptr<xap_spy>> spies;
    std::unique_ptr<Xapian::MultiValueKeyMaker> keys; /* the enquire only borrows it */
    errslot err;

    explicit xap_enquire(const Xapian::Database &db) : enq(db) {}
};

struct xap_mset {
    Xapian::MSet mset;
    errslot err;
};

namespace
{

/* State shared by the three iterators: a Xapian [cur, end) pair that next() advances
 * lazily, so a new iterator sits before its first item. */
template <typename XIt> struct iter_base {
    XIt cur, end;
    bool started = false;
    bool at_end = false;
    ds_status_t failed = DS_OK;
    errslot err;

    bool valid() const noexcept { return started && !at_end && failed == DS_OK; }
};

/* Where a term iterator's terms come from: decides which accessors mean something. */
enum class term_src { db_all, matching, spy, doc };

} // namespace

struct xap_termiter : iter_base<Xapian::TermIterator> {
    term_src src = term_src::db_all;
    std::string term;
};

struct xap_postiter : iter_base<Xapian::PostingIterator> {
    xap_docid_t docid = 0;
};

struct xap_positer : iter_base<Xapian::PositionIterator> {
    uint32_t pos = 0;
};

struct xap_valueiter : iter_base<Xapian::ValueIterator> {
    xap_docid_t docid = 0;
    std::string value;
};

namespace
{

/* Make a new iterator of type It, let init() position it, hand it to *out. Failures
 * leave their message in err (the parent handle's). */
template <typename It, typename Init>
ds_status_t new_iter(errslot &err, It **out, Init &&init) noexcept
{
    return guard(err, [&] {
        auto h = std::make_unique<It>();
        init(*h);
        *out = h.release();
        return DS_OK;
    });
}

/* The common next(): advance, then load() copies the current item's fields. */
template <typename It, typename Load> int iter_next(It *it, Load &&load) noexcept
{
    if (!it)
        return -(int)DS_ERR_INVALID;
    if (it->failed != DS_OK)
        return -(int)it->failed;
    if (it->at_end)
        return 0;
    ds_status_t st = guard(it->err, [&] {
        if (it->started)
            ++it->cur;
        it->started = true;
        if (it->cur == it->end)
            it->at_end = true;
        else
            load(*it);
        return DS_OK;
    });
    if (st != DS_OK) {
        it->failed = st;
        return -(int)st;
    }
    return it->at_end ? 0 : 1;
}

const char *handle_error(const errslot *err) noexcept
{
    return err ? err->str() : "";
}

} // namespace

/* ==== 3. Databases ==================================================================== */

ds_status_t xap_db_open_shards(const char *const *paths, size_t n, xap_db_t **db, ds_error_t *e)
{
    const char *what = "cannot open database";
    const char *path = nullptr;
    clear_out(db);
    ds_error_clear(e);
    if (!db || !paths || n == 0)
        return reject_open(e, "no database path given");
    return guard_open(e, what, path, [&] {
        auto h = std::make_unique<xap_db>();
        for (size_t i = 0; i < n; i++) {
            if (!paths[i])
                throw wrap_error{DS_ERR_INVALID, "NULL database path"};
            path = paths[i];
            h->rdb.add_database(Xapian::Database(path));
        }
        *db = h.release();
        return DS_OK;
    });
}

ds_status_t xap_db_open_read(const char *path, xap_db_t **db, ds_error_t *e)
{
    return xap_db_open_shards(&path, 1, db, e);
}

ds_status_t xap_db_open_write(const char *path, xap_db_mode_t mode, xap_db_t **db, ds_error_t *e)
{
    static const int modes[] = {Xapian::DB_CREATE_OR_OPEN, Xapian::DB_CREATE,
                                Xapian::DB_CREATE_OR_OVERWRITE, Xapian::DB_OPEN};
    const char *what = "cannot open database for writing";
    clear_out(db);
    ds_error_clear(e);
    if (!db || !path)
        return reject_open(e, "no database path given");
    unsigned m = enum_value(mode);
    if (m >= sizeof modes / sizeof modes[0])
        return reject_open(e, "unknown database open mode");
    return guard_open(e, what, path, [&] {
        auto h = std::make_unique<xap_db>();
        h->wdb = Xapian::WritableDatabase(path, modes[m]);
        h->writable = true;
        *db = h.release();
        return DS_OK;
    });
}

void xap_db_close(xap_db_t *db)
{
    if (!db)
        return;
    /* close() rather than just the destructor: it releases the write lock and file
     * handles even while enquires or iterators still share the database internals. */
    (void)guard(db->err, [&] {
        db->get().close();
        return DS_OK;
    });
    delete db;
}

const char *xap_db_error(const xap_db_t *db)
{
    return handle_error(db ? &db->err : nullptr);
}

ds_status_t xap_db_reopen(xap_db_t *db, int *changed)
{
    clear_out(changed);
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        bool moved = db->writable ? false : db->rdb.reopen();
        if (changed)
            *changed = moved ? 1 : 0;
        return DS_OK;
    });
}

namespace
{

/* Shape of the statistics calls: *out = get(database) under guard. */
template <typename T, typename F> ds_status_t db_stat(xap_db_t *db, T *out, F &&get) noexcept
{
    clear_out(out);
    if (!db || !out)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        *out = static_cast<T>(get(db->get()));
        return DS_OK;
    });
}

} // namespace

ds_status_t xap_db_doc_count(xap_db_t *db, uint64_t *count)
{
    return db_stat(db, count, [](Xapian::Database &d) { return d.get_doccount(); });
}

ds_status_t xap_db_collection_freq(xap_db_t *db, const char *term, size_t len, uint64_t *freq)
{
    return db_stat(db, freq,
                   [=](Xapian::Database &d) { return d.get_collection_freq(bytes(term, len)); });
}

ds_status_t xap_db_term_exists(xap_db_t *db, const char *term, size_t len, int *exists)
{
    return db_stat(db, exists,
                   [=](Xapian::Database &d) { return d.term_exists(bytes(term, len)) ? 1 : 0; });
}

ds_status_t xap_db_get_metadata(xap_db_t *db, const char *key, char **value, size_t *len)
{
    clear_out(value);
    clear_out(len);
    if (!db || !value || !len)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        if (!key || !*key)
            throw wrap_error{DS_ERR_INVALID, "empty metadata key"};
        std::string v = db->get().get_metadata(key);
        if (!v.empty()) {
            *value = dup_bytes(v);
            *len = v.size();
        }
        return DS_OK;
    });
}

ds_status_t xap_db_set_metadata(xap_db_t *db, const char *key, const char *value, size_t len)
{
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        if (!key || !*key)
            throw wrap_error{DS_ERR_INVALID, "empty metadata key"};
        db->writer().set_metadata(key, bytes(value, len));
        return DS_OK;
    });
}

ds_status_t xap_db_get_doc(xap_db_t *db, xap_docid_t docid, xap_doc_t **doc)
{
    clear_out(doc);
    if (!db || !doc)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        auto h = std::make_unique<xap_doc>();
        h->doc = db->get().get_document(docid);
        *doc = h.release();
        return DS_OK;
    });
}

/* ---- writing ---- */

ds_status_t xap_db_add_doc(xap_db_t *db, const xap_doc_t *doc, xap_docid_t *docid)
{
    clear_out(docid);
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        if (!doc)
            throw wrap_error{DS_ERR_INVALID, "NULL document"};
        Xapian::docid id = db->writer().add_document(doc->doc);
        if (docid)
            *docid = id;
        return DS_OK;
    });
}

ds_status_t xap_db_replace_by_term(xap_db_t *db, const char *uid, size_t len, const xap_doc_t *doc,
                                   xap_docid_t *docid)
{
    clear_out(docid);
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        std::string t = nonempty(uid, len, "unique-id term");
        if (!doc)
            throw wrap_error{DS_ERR_INVALID, "NULL document"};
        Xapian::docid id = db->writer().replace_document(t, doc->doc);
        if (docid)
            *docid = id;
        return DS_OK;
    });
}

ds_status_t xap_db_delete_by_term(xap_db_t *db, const char *uid, size_t len, uint64_t *ndeleted)
{
    clear_out(ndeleted);
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        std::string t = nonempty(uid, len, "unique-id term");
        Xapian::WritableDatabase &w = db->writer();
        /* A writer's termfreq includes its pending changes, so this is exact. */
        Xapian::doccount n = w.get_termfreq(t);
        w.delete_document(t);
        if (ndeleted)
            *ndeleted = n;
        return DS_OK;
    });
}

ds_status_t xap_db_commit(xap_db_t *db)
{
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        db->writer().commit();
        return DS_OK;
    });
}

ds_status_t xap_db_begin_transaction(xap_db_t *db, int flushed)
{
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        db->writer().begin_transaction(flushed != 0);
        return DS_OK;
    });
}

ds_status_t xap_db_commit_transaction(xap_db_t *db)
{
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        db->writer().commit_transaction();
        return DS_OK;
    });
}

ds_status_t xap_db_cancel_transaction(xap_db_t *db)
{
    if (!db)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        db->writer().cancel_transaction();
        return DS_OK;
    });
}

/* ---- compaction ---- */

ds_status_t xap_db_compact(const char *const *src_paths, size_t n, const char *dest, unsigned flags,
                           ds_error_t *e)
{
    const char *what = "cannot open database";
    const char *path = nullptr;
    ds_error_clear(e);
    if (!src_paths || n == 0 || !dest)
        return reject_open(e, "compaction needs source and destination paths");
    if (flags & ~(unsigned)XAP_COMPACT_MULTIPASS)
        return reject_open(e, "unknown compaction flag");
    return guard_open(e, what, path, [&] {
        Xapian::Database src;
        for (size_t i = 0; i < n; i++) {
            if (!src_paths[i])
                throw wrap_error{DS_ERR_INVALID, "NULL database path"};
            path = src_paths[i];
            src.add_database(Xapian::Database(path));
        }
        what = "cannot compact into";
        path = dest;
        src.compact(dest, (flags & XAP_COMPACT_MULTIPASS) ? Xapian::DBCOMPACT_MULTIPASS : 0);
        return DS_OK;
    });
}

/* ==== 4. Documents ==================================================================== */

ds_status_t xap_doc_new(xap_doc_t **doc)
{
    clear_out(doc);
    if (!doc)
        return DS_ERR_INVALID;
    xap_doc *h = new (std::nothrow) xap_doc;
    if (!h)
        return DS_ERR_NOMEM;
    *doc = h;
    return DS_OK;
}

void xap_doc_free(xap_doc_t *doc)
{
    delete doc;
}

const char *xap_doc_error(const xap_doc_t *doc)
{
    return handle_error(doc ? &doc->err : nullptr);
}

namespace
{

/* Shape of every document mutation: drop the cached copies, then change. */
template <typename F> ds_status_t doc_change(xap_doc_t *doc, F &&change) noexcept
{
    if (!doc)
        return DS_ERR_INVALID;
    return guard(doc->err, [&] {
        doc->changed();
        change(doc->doc);
        return DS_OK;
    });
}

} // namespace

ds_status_t xap_doc_add_term(xap_doc_t *doc, const char *term, size_t len, uint32_t wdf_inc)
{
    return doc_change(
        doc, [&](Xapian::Document &d) { d.add_term(nonempty(term, len, "term"), wdf_inc); });
}

ds_status_t xap_doc_add_posting(xap_doc_t *doc, const char *term, size_t len, uint32_t pos,
                                uint32_t wdf_inc)
{
    return doc_change(doc, [&](Xapian::Document &d) {
        d.add_posting(nonempty(term, len, "term"), pos, wdf_inc);
    });
}

ds_status_t xap_doc_add_boolean_term(xap_doc_t *doc, const char *term, size_t len)
{
    return doc_change(
        doc, [&](Xapian::Document &d) { d.add_boolean_term(nonempty(term, len, "term")); });
}

ds_status_t xap_doc_set_value(xap_doc_t *doc, unsigned slot, const char *value, size_t len)
{
    return doc_change(doc, [&](Xapian::Document &d) {
        if (len)
            d.add_value(slot, bytes(value, len));
        else
            d.remove_value(slot);
    });
}

ds_status_t xap_doc_get_value(xap_doc_t *doc, unsigned slot, const char **value, size_t *len)
{
    clear_out(value);
    clear_out(len);
    if (!doc || !value)
        return DS_ERR_INVALID;
    return guard(doc->err, [&] {
        auto it = doc->values.find(slot);
        if (it == doc->values.end())
            it = doc->values.emplace(slot, doc->doc.get_value(slot)).first;
        *value = it->second.c_str();
        if (len)
            *len = it->second.size();
        return DS_OK;
    });
}

ds_status_t xap_doc_set_data(xap_doc_t *doc, const char *data, size_t len)
{
    return doc_change(doc, [&](Xapian::Document &d) { d.set_data(bytes(data, len)); });
}

ds_status_t xap_doc_get_data(xap_doc_t *doc, const char **data, size_t *len)
{
    clear_out(data);
    clear_out(len);
    if (!doc || !data)
        return DS_ERR_INVALID;
    return guard(doc->err, [&] {
        if (!doc->have_data) {
            doc->data = doc->doc.get_data();
            doc->have_data = true;
        }
        *data = doc->data.c_str();
        if (len)
            *len = doc->data.size();
        return DS_OK;
    });
}

/* ==== 5. Queries ====================================================================== */

namespace
{

/* Shape of every query constructor: *q = a new handle owning make()'s query. There is no
 * handle for a message, so failures report by status alone (see xap.h). */
template <typename F> ds_status_t new_query(xap_query_t **q, F &&make) noexcept
{
    clear_out(q);
    if (!q)
        return DS_ERR_INVALID;
    errslot err;
    return guard(err, [&] {
        auto h = std::make_unique<xap_query>();
        h->q = make();
        *q = h.release();
        return DS_OK;
    });
}

const Xapian::Query::op query_ops[XAP_OP_LAST_] = {
    Xapian::Query::OP_AND,     Xapian::Query::OP_OR,        Xapian::Query::OP_AND_NOT,
    Xapian::Query::OP_XOR,     Xapian::Query::OP_AND_MAYBE, Xapian::Query::OP_FILTER,
    Xapian::Query::OP_NEAR,    Xapian::Query::OP_PHRASE,    Xapian::Query::OP_ELITE_SET,
    Xapian::Query::OP_SYNONYM,
};

} // namespace

ds_status_t xap_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos,
                           xap_query_t **q)
{
    return new_query(q, [&] { return Xapian::Query(nonempty(term, len, "term"), wqf, pos); });
}

ds_status_t xap_query_combine(xap_op_t op, const xap_query_t *const *subs, size_t n,
                              unsigned parameter, xap_query_t **q)
{
    unsigned o = enum_value(op);
    return new_query(q, [&] {
        if (o >= XAP_OP_LAST_ || (!subs && n))
            throw wrap_error{DS_ERR_INVALID, "bad operator or subqueries"};
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                throw wrap_error{DS_ERR_INVALID, "NULL subquery"};
            v.push_back(subs[i]->q);
        }
        return Xapian::Query(query_ops[o], v.begin(), v.end(), parameter);
    });
}

ds_status_t xap_query_scale(const xap_query_t *sub, double factor, xap_query_t **q)
{
    return new_query(q, [&] {
        if (!sub || !(factor >= 0.0)) /* also rejects NaN, which Xapian lets through */
            throw wrap_error{DS_ERR_INVALID, "bad scale factor"};
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, sub->q, factor);
    });
}

ds_status_t xap_query_value_range(unsigned slot, const char *lo, size_t lo_len, const char *hi,
                                  size_t hi_len, xap_query_t **q)
{
    return new_query(q, [&] {
        std::string l = bytes(lo, lo_len);
        /* Xapian turns "value >= empty" into match-all, which would let documents with
         * no value in. Every non-empty value is >= "\0", so that is the true "no lower
         * bound" and keeps the rule: no value, no match. */
        if (l.empty())
            l.assign(1, '\0');
        if (!hi)
            return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, l);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, l, bytes(hi, hi_len));
    });
}

ds_status_t xap_query_wildcard(const char *prefix, size_t len, uint32_t max_expansion,
                               xap_query_t **q)
{
    return new_query(q, [&] {
        /* OP_OR, as xap_db_wildcard (see there for why not OP_SYNONYM or OP_MAX). */
        return Xapian::Query(Xapian::Query::OP_WILDCARD, nonempty(prefix, len, "prefix"),
                             max_expansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                             Xapian::Query::OP_OR);
    });
}

/* Xapian 1.4 expands OP_WILDCARD inside each shard, after the statistics of the whole
 * database were gathered, so on a sharded database the expanded terms weigh as if no
 * document had them. Expanding here, over the union, gives every term its real stats.
 * The expansions are joined with OP_OR, the one combination that ranks the same however
 * the index is sharded: OP_SYNONYM estimates its statistics shard by shard, and OP_MAX
 * over several databases crashes Xapian 1.4.22's matcher as soon as the match set is
 * smaller than the matches (a NULL call when it prunes; `quest -o max` does the same). */
ds_status_t xap_db_wildcard(xap_db_t *db, const char *prefix, size_t len, uint32_t max_expansion,
                            xap_query_t **q)
{
    clear_out(q);
    if (!db || !q)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        std::string head = nonempty(prefix, len, "prefix");
        std::vector<Xapian::Query> terms;
        Xapian::Database &d = db->get();
        for (auto t = d.allterms_begin(head); t != d.allterms_end(head); ++t) {
            if (max_expansion && terms.size() == max_expansion)
                throw Xapian::WildcardError("Wildcard " + head + "* expands to more than " +
                                            std::to_string(max_expansion) + " terms");
            terms.emplace_back(*t);
        }
        auto h = std::make_unique<xap_query>();
        h->q = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
        *q = h.release();
        return DS_OK;
    });
}

ds_status_t xap_query_match_all(xap_query_t **q)
{
    return new_query(q, [] { return Xapian::Query::MatchAll; });
}

ds_status_t xap_query_match_nothing(xap_query_t **q)
{
    return new_query(q, [] { return Xapian::Query::MatchNothing; });
}

ds_status_t xap_query_describe(const xap_query_t *q, char **desc)
{
    clear_out(desc);
    if (!q || !desc)
        return DS_ERR_INVALID;
    errslot err;
    return guard(err, [&] {
        *desc = dup_bytes(q->q.get_description());
        return DS_OK;
    });
}

void xap_query_free(xap_query_t *q)
{
    delete q;
}

/* ==== 6. Enquire, spies, match sets =================================================== */

ds_status_t xap_enquire_new(xap_db_t *db, xap_enquire_t **enq)
{
    clear_out(enq);
    if (!db || !enq)
        return DS_ERR_INVALID;
    return guard(db->err, [&] {
        *enq = new xap_enquire(db->get());
        return DS_OK;
    });
}

void xap_enquire_free(xap_enquire_t *enq)
{
    if (!enq)
        return;
    /* Unhook the spies first: match sets may keep Xapian's enquire state alive after
     * this handle, and it must not point at freed spies. */
    (void)guard(enq->err, [&] {
        enq->enq.clear_matchspies();
        return DS_OK;
    });
    delete enq;
}

const char *xap_enquire_error(const xap_enquire_t *enq)
{
    return handle_error(enq ? &enq->err : nullptr);
}

ds_status_t xap_enquire_set_query(xap_enquire_t *enq, const xap_query_t *q)
{
    if (!enq)
        return DS_ERR_INVALID;
    return guard(enq->err, [&] {
        if (!q)
            throw wrap_error{DS_ERR_INVALID, "NULL query"};
        enq->enq.set_query(q->q);
        return DS_OK;
    });
}

ds_status_t xap_enquire_set_bm25(xap_enquire_t *enq, double k1, double b)
{
    if (!enq)
        return DS_ERR_INVALID;
    return guard(enq->err, [&] {
        /* BM25Weight silently clamps bad parameters; we would rather hear about them. */
        if (!(k1 >= 0.0) || !(b >= 0.0 && b <= 1.0))
            throw wrap_error{DS_ERR_INVALID, "BM25 needs k1 >= 0 and 0 <= b <= 1"};
        /* k2 = 0, k3 = 1, min_normlen = 0.5: Xapian's defaults. */
        enq->enq.set_weighting_scheme(Xapian::BM25Weight(k1, 0.0, 1.0, b, 0.5));
        return DS_OK;
    });
}

ds_status_t xap_enquire_set_boolean(xap_enquire_t *enq)
{
    if (!enq)
        return DS_ERR_INVALID;
    return guard(enq->err, [&] {
        enq->enq.set_weighting_scheme(Xapian::BoolWeight());
        return DS_OK;
    });
}

ds_status_t xap_enquire_sort_by_relevance(xap_enquire_t *enq)
{
    if (!enq)
        return DS_ERR_INVALID;
    return guard(enq->err, [&] {
        enq->enq.set_sort_by_relevance();
        return DS_OK;
    });
}

ds_status_t xap_enquire_sort_by_value(xap_enquire_t *enq, unsigned slot, int descending)
{
    if (!enq)
        return DS_ERR_INVALID;
    return guard(enq->err, [&] {
        enq->enq.set_sort_by_value_then_relevance(slot, descending != 0);
        return DS_OK;
    });
}

ds_status_t xap_enquire_sort_by_keys(xap_enquire_t *enq, const unsigned *slots,
                                     const int *descending, size_t n, int relevance_first)
{
    if (!enq || !slots || n == 0)
        return DS_ERR_INVALID;
    return guard(enq->err, [&] {
        auto keys = std::make_unique<Xapian::MultiValueKeyMaker>();
        for (size_t i = 0; i < n; i++)
            keys->add_value(slots[i], descending && descending[i] != 0);
        if (relevance_first)
            enq->enq.set_sort_by_relevance_then_key(keys.get(), false);
        else
            enq->enq.set_sort_by_key_then_relevance(keys.get(), false);
        enq->keys = std::move(keys); /* after the set: the old key maker is unused now */
        return DS_OK;
    });
}

ds_status_t xap_enquire_add_spy(xap_enquire_t *enq, unsigned slot, xap_spy_t **spy)
{
    clear_out(spy);
    if (!enq || !spy)
        return DS_ERR_INVALID;
    return guard(enq->err, [&] {
        auto h = std::make_unique<xap_spy>();
        h->slot = slot;
        h->vc = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        enq->spies.push_back(std::move(h));
        *spy = enq->spies.back().get();
        return DS_OK;
    });
}

namespace
{

/* Give every spy a fresh counter and register it, so a run never adds to the counts
 * of the previous one. Allocates first, then swaps, so a failure leaves old spies. */
void restart_spies(xap_enquire &e)
{
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> fresh;
    fresh.reserve(e.spies.size());
    for (auto &s : e.spies)
        fresh.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(s->slot));
    e.enq.clear_matchspies();
    for (size_t i = 0; i < e.spies.size(); i++) {
        e.spies[i]->vc.swap(fresh[i]);
        e.enq.add_matchspy(e.spies[i]->vc.get());
    }
}

} // namespace

ds_status_t xap_enquire_mset(xap_enquire_t *enq, uint64_t offset, uint64_t limit,
                             uint64_t check_at_least, xap_mset_t **mset)
{
    clear_out(mset);
    if (!enq || !mset)
        return DS_ERR_INVALID;
    return guard(enq->err, [&] {
        auto h = std::make_unique<xap_mset>();
        restart_spies(*enq);
        h->mset =
            enq->enq.get_mset(clamp_count(offset), clamp_count(limit), clamp_count(check_at_least));
        *mset = h.release();
        return DS_OK;
    });
}

ds_status_t xap_enquire_matching_terms(xap_enquire_t *enq, xap_docid_t docid, xap_termiter_t **it)
{
    clear_out(it);
    if (!enq || !it)
        return DS_ERR_INVALID;
    return new_iter(enq->err, it, [&](xap_termiter &t) {
        t.src = term_src::matching;
        t.cur = enq->enq.get_matching_terms_begin(docid);
    });
}

ds_status_t xap_spy_values(xap_spy_t *spy, xap_termiter_t **it)
{
    clear_out(it);
    if (!spy || !it)
        return DS_ERR_INVALID;
    return new_iter(spy->err, it, [&](xap_termiter &t) {
        t.src = term_src::spy;
        t.cur = spy->vc->values_begin();
    });
}

const char *xap_spy_error(const xap_spy_t *spy)
{
    return handle_error(spy ? &spy->err : nullptr);
}

void xap_mset_free(xap_mset_t *mset)
{
    delete mset;
}

const char *xap_mset_error(const xap_mset_t *mset)
{
    return handle_error(mset ? &mset->err : nullptr);
}

size_t xap_mset_size(const xap_mset_t *mset)
{
    return mset ? mset->mset.size() : 0;
}

double xap_mset_max_possible(const xap_mset_t *mset)
{
    return mset ? mset->mset.get_max_possible() : 0.0; /* no I/O: cannot throw */
}

ds_status_t xap_mset_item(xap_mset_t *mset, size_t i, xap_docid_t *docid, double *weight,
                          uint64_t *rank, int *percent)
{
    clear_out(docid);
    clear_out(weight);
    clear_out(rank);
    clear_out(percent);
    if (!mset)
        return DS_ERR_INVALID;
    if (i >= mset->mset.size())
        return set_err(mset->err, DS_ERR_INVALID, "match set index out of range");
    return guard(mset->err, [&] {
        Xapian::MSetIterator m = mset->mset[static_cast<Xapian::doccount>(i)];
        if (docid)
            *docid = *m;
        if (weight)
            *weight = m.get_weight();
        if (rank)
            *rank = m.get_rank();
        if (percent)
            *percent = m.get_percent();
        return DS_OK;
    });
}

ds_status_t xap_mset_get_doc(xap_mset_t *mset, size_t i, xap_doc_t **doc)
{
    clear_out(doc);
    if (!mset || !doc)
        return DS_ERR_INVALID;
    if (i >= mset->mset.size())
        return set_err(mset->err, DS_ERR_INVALID, "match set index out of range");
    return guard(mset->err, [&] {
        auto h = std::make_unique<xap_doc>();
        h->doc = mset->mset[static_cast<Xapian::doccount>(i)].get_document();
        *doc = h.release();
        return DS_OK;
    });
}

void xap_mset_count(const xap_mset_t *mset, uint64_t *lower, uint64_t *estimate, uint64_t *upper,
                    int *exact)
{
    uint64_t lo = 0, est = 0, up = 0;
    if (mset) {
        lo = mset->mset.get_matches_lower_bound();
        est = mset->mset.get_matches_estimated();
        up = mset->mset.get_matches_upper_bound();
    }
    if (lower)
        *lower = lo;
    if (estimate)
        *estimate = est;
    if (upper)
        *upper = up;
    if (exact)
        *exact = (lo == up) ? 1 : 0;
}

/* ==== 7. Iterators ===================================================================== */

ds_status_t xap_db_allterms(xap_db_t *db, const char *prefix, size_t len, xap_termiter_t **it)
{
    clear_out(it);
    if (!db || !it)
        return DS_ERR_INVALID;
    return new_iter(db->err, it, [&](xap_termiter &t) {
        t.src = term_src::db_all;
        t.cur = db->get().allterms_begin(bytes(prefix, len));
    });
}

ds_status_t xap_db_termlist(xap_db_t *db, xap_docid_t docid, xap_termiter_t **it)
{
    clear_out(it);
    if (!db || !it || docid == 0)
        return DS_ERR_INVALID;
    return new_iter(db->err, it, [&](xap_termiter &t) {
        t.src = term_src::doc;
        t.cur = db->get().termlist_begin(docid);
    });
}

ds_status_t xap_db_postings(xap_db_t *db, const char *term, size_t len, xap_postiter_t **it)
{
    clear_out(it);
    if (!db || !it)
        return DS_ERR_INVALID;
    return new_iter(db->err, it,
                    [&](xap_postiter &p) { p.cur = db->get().postlist_begin(bytes(term, len)); });
}

ds_status_t xap_db_values(xap_db_t *db, unsigned slot, xap_valueiter_t **it)
{
    clear_out(it);
    if (!db || !it)
        return DS_ERR_INVALID;
    return new_iter(db->err, it,
                    [&](xap_valueiter &v) { v.cur = db->get().valuestream_begin(slot); });
}

/* ---- term iterators ---- */

int xap_termiter_next(xap_termiter_t *it)
{
    return iter_next(it, [](xap_termiter &t) { t.term = *t.cur; });
}

const char *xap_termiter_term(const xap_termiter_t *it, size_t *len)
{
    bool ok = it && it->valid();
    if (len)
        *len = ok ? it->term.size() : 0;
    return ok ? it->term.c_str() : "";
}

ds_status_t xap_termiter_termfreq(xap_termiter_t *it, uint64_t *freq)
{
    clear_out(freq);
    if (!it || !freq)
        return DS_ERR_INVALID;
    if (!it->valid())
        return set_err(it->err, DS_ERR_INVALID, "term iterator has no current term");
    if (it->src == term_src::matching)
        return set_err(it->err, DS_ERR_INVALID, "no term frequency for query terms");
    return guard(it->err, [&] {
        *freq = it->cur.get_termfreq();
        return DS_OK;
    });
}

ds_status_t xap_termiter_wdf(xap_termiter_t *it, uint32_t *wdf)
{
    clear_out(wdf);
    if (!it || !wdf)
        return DS_ERR_INVALID;
    if (!it->valid())
        return set_err(it->err, DS_ERR_INVALID, "term iterator has no current term");
    if (it->src != term_src::doc)
        return set_err(it->err, DS_ERR_INVALID, "wdf only for a document's terms");
    return guard(it->err, [&] {
        *wdf = (uint32_t)it->cur.get_wdf();
        return DS_OK;
    });
}

const char *xap_termiter_error(const xap_termiter_t *it)
{
    return handle_error(it ? &it->err : nullptr);
}

void xap_termiter_free(xap_termiter_t *it)
{
    delete it;
}

/* ---- posting iterators ---- */

int xap_postiter_next(xap_postiter_t *it)
{
    return iter_next(it, [](xap_postiter &p) { p.docid = *p.cur; });
}

xap_docid_t xap_postiter_docid(const xap_postiter_t *it)
{
    return it && it->valid() ? it->docid : 0;
}

int xap_postiter_skip_to(xap_postiter_t *it, xap_docid_t docid)
{
    if (!it)
        return -(int)DS_ERR_INVALID;
    if (it->failed != DS_OK)
        return -(int)it->failed;
    if (it->at_end)
        return 0;
    ds_status_t st = guard(it->err, [&] {
        it->started = true; /* skip_to from before the first item reads it too */
        it->cur.skip_to(docid);
        if (it->cur == it->end)
            it->at_end = true;
        else
            it->docid = *it->cur;
        return DS_OK;
    });
    if (st != DS_OK) {
        it->failed = st;
        return -(int)st;
    }
    return it->at_end ? 0 : 1;
}

ds_status_t xap_postiter_wdf(xap_postiter_t *it, uint32_t *wdf)
{
    clear_out(wdf);
    if (!it || !wdf)
        return DS_ERR_INVALID;
    if (!it->valid())
        return set_err(it->err, DS_ERR_INVALID, "posting iterator has no current document");
    return guard(it->err, [&] {
        *wdf = it->cur.get_wdf();
        return DS_OK;
    });
}

ds_status_t xap_postiter_positions(xap_postiter_t *it, xap_positer_t **pos)
{
    clear_out(pos);
    if (!it || !pos)
        return DS_ERR_INVALID;
    if (!it->valid())
        return set_err(it->err, DS_ERR_INVALID, "posting iterator has no current document");
    return new_iter(it->err, pos, [&](xap_positer &p) {
        p.cur = it->cur.positionlist_begin();
        p.end = it->cur.positionlist_end();
    });
}

ds_status_t xap_postiter_read_positions(xap_postiter_t *it, uint32_t *buf, size_t cap, size_t *n)
{
    clear_out(n);
    if (!it || !n || (!buf && cap))
        return DS_ERR_INVALID;
    if (!it->valid())
        return set_err(it->err, DS_ERR_INVALID, "posting iterator has no current document");
    ds_status_t st = guard(it->err, [&] {
        size_t k = 0;
        for (auto p = it->cur.positionlist_begin(), end = it->cur.positionlist_end(); p != end;
             ++p, k++)
            if (k < cap)
                buf[k] = *p;
        *n = k;
        return DS_OK;
    });
    if (st != DS_OK)
        *n = 0;
    return st;
}

const char *xap_postiter_error(const xap_postiter_t *it)
{
    return handle_error(it ? &it->err : nullptr);
}

void xap_postiter_free(xap_postiter_t *it)
{
    delete it;
}

/* ---- position iterators ---- */

int xap_positer_next(xap_positer_t *it)
{
    return iter_next(it, [](xap_positer &p) { p.pos = *p.cur; });
}

uint32_t xap_positer_pos(const xap_positer_t *it)
{
    return it && it->valid() ? it->pos : 0;
}

const char *xap_positer_error(const xap_positer_t *it)
{
    return handle_error(it ? &it->err : nullptr);
}

void xap_positer_free(xap_positer_t *it)
{
    delete it;
}

/* ---- value iterators ---- */

int xap_valueiter_next(xap_valueiter_t *it)
{
    return iter_next(it, [](xap_valueiter &v) {
        v.docid = v.cur.get_docid();
        v.value = *v.cur;
    });
}

xap_docid_t xap_valueiter_docid(const xap_valueiter_t *it)
{
    return it && it->valid() ? it->docid : 0;
}

const char *xap_valueiter_value(const xap_valueiter_t *it, size_t *len)
{
    bool ok = it && it->valid();
    if (len)
        *len = ok ? it->value.size() : 0;
    return ok ? it->value.c_str() : "";
}

const char *xap_valueiter_error(const xap_valueiter_t *it)
{
    return handle_error(it ? &it->err : nullptr);
}

void xap_valueiter_free(xap_valueiter_t *it)
{
    delete it;
}
