/*
 * kwpipe.c - the concordance walk's second thread (see kwpipe.h): a bounded queue of
 * documents, one mutex and two condition variables. The pipe's thread is usually the
 * faster and waits on an empty queue; waking it costs a system call, so it is woken
 * when half the queue is full (or at the end), not at every document.
 */
#include "kwpipe.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct slot {
    kw_doc_t d;
    size_t item;
} slot_t;

struct kw_pipe {
    kw_pipe_fn fn;
    void *ctx;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t room, ready; /* a slot freed / a document put or the end */
    slot_t v[KW_PIPE_DEPTH];
    size_t head, n;
    int done;    /* nothing more will be put */
    int quit;    /* fn stopped the walk or failed: the rest is only released */
    int stopped; /* fn set *stop */
    ds_status_t rc;
    size_t fail_item;
};

/* The next document into *s; 0 once the queue is empty and done. */
static int take(kw_pipe_t *p, slot_t *s, int *run)
{
    pthread_mutex_lock(&p->mu);
    while (p->n == 0 && !p->done)
        pthread_cond_wait(&p->ready, &p->mu);
    int got = p->n > 0;
    if (got) {
        *s = p->v[p->head];
        p->head = (p->head + 1) % KW_PIPE_DEPTH;
        p->n--;
        pthread_cond_signal(&p->room);
    }
    *run = !p->quit;
    pthread_mutex_unlock(&p->mu);
    return got;
}

static void *pipe_main(void *arg)
{
    kw_pipe_t *p = arg;
    slot_t s;
    int run;
    while (take(p, &s, &run)) {
        int stop = 0;
        ds_status_t rc = p->fn(p->ctx, &s.d, s.item, run, &stop);
        if (!run || (rc == DS_OK && !stop))
            continue;
        pthread_mutex_lock(&p->mu);
        p->quit = 1;
        p->stopped = rc == DS_OK;
        p->rc = rc;
        p->fail_item = s.item;
        pthread_cond_signal(&p->room); /* a waiting put learns it */
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

ds_status_t kw_pipe_start(kw_pipe_fn fn, void *ctx, kw_pipe_t **out)
{
    kw_pipe_t *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p)
        return DS_ERR_NOMEM;
    p->fn = fn;
    p->ctx = ctx;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->room, NULL);
    pthread_cond_init(&p->ready, NULL);
    if (pthread_create(&p->thread, NULL, pipe_main, p) != 0) {
        pthread_cond_destroy(&p->ready);
        pthread_cond_destroy(&p->room);
        pthread_mutex_destroy(&p->mu);
        free(p);
        return DS_ERR_NOMEM;
    }
    *out = p;
    return DS_OK;
}

int kw_pipe_put(kw_pipe_t *p, const kw_doc_t *d, size_t item)
{
    pthread_mutex_lock(&p->mu);
    while (p->n == KW_PIPE_DEPTH && !p->quit)
        pthread_cond_wait(&p->room, &p->mu);
    int ok = !p->quit;
    if (ok) {
        p->v[(p->head + p->n) % KW_PIPE_DEPTH] = (slot_t){*d, item};
        p->n++;
        if (p->n == KW_PIPE_DEPTH / 2) /* wake an idle pipe for a few, not for each one */
            pthread_cond_signal(&p->ready);
    }
    pthread_mutex_unlock(&p->mu);
    return ok;
}

ds_status_t kw_pipe_finish(kw_pipe_t *p, size_t *item, int *stopped)
{
    pthread_mutex_lock(&p->mu);
    p->done = 1;
    pthread_cond_signal(&p->ready);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    ds_status_t rc = p->rc;
    *item = p->fail_item;
    *stopped = p->stopped;
    pthread_cond_destroy(&p->ready);
    pthread_cond_destroy(&p->room);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return rc;
}
