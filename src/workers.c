/* SPDX-License-Identifier: MIT */
/*
 * workers: a small pool of POSIX threads (see workers.h).  Jobs wait in
 * two lists under one mutex: all of them in the order given (for handing
 * back), and those not started yet (for the threads).  It does not bound
 * the number of jobs: the caller does.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "interrupt.h"
#include "workers.h"
#include "xalloc.h"

struct workers {
    const struct rules *rules;
    pthread_t *threads;
    unsigned nthreads;
    pthread_mutex_t mu;
    pthread_cond_t work;             /* a job to start, or quitting */
    pthread_cond_t done;             /* a job finished */
    struct workers_job *head, *tail; /* every job, in the order given */
    struct workers_job *todo, *todo_tail;
    size_t pending;
    bool quit;
};

/* Takes the next job to start, waiting; NULL when quitting. */
static struct workers_job *
take(struct workers *w)
{
    struct workers_job *job;

    pthread_mutex_lock(&w->mu);
    while (w->todo == NULL && !w->quit)
        pthread_cond_wait(&w->work, &w->mu);
    job = w->todo;
    if (job != NULL) {
        w->todo = job->next_todo;
        if (w->todo == NULL)
            w->todo_tail = NULL;
    }
    pthread_mutex_unlock(&w->mu);
    return job;
}

static void *
run(void *arg)
{
    struct workers *w = arg;
    struct workers_job *job;

    interrupt_block_thread();
    while ((job = take(w)) != NULL) {
        check_document(w->rules, &job->doc, job->keep, job->r);
        document_free(&job->doc);
        pthread_mutex_lock(&w->mu);
        job->done = true;
        pthread_cond_broadcast(&w->done);
        pthread_mutex_unlock(&w->mu);
    }
    return NULL;
}

struct workers *
workers_new(const struct rules *rules, unsigned n)
{
    struct workers *w = xcalloc(1, sizeof *w);

    w->rules = rules;
    w->threads = xcalloc(n ? n : 1, sizeof *w->threads);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->work, NULL);
    pthread_cond_init(&w->done, NULL);
    for (; w->nthreads < n; w->nthreads++)
        if (pthread_create(&w->threads[w->nthreads], NULL, run, w) != 0)
            break;
    if (w->nthreads == 0) {
        workers_free(w);
        return NULL;
    }
    return w;
}

void
workers_submit(struct workers *w, struct workers_job *job)
{
    job->done = false;
    job->next = job->next_todo = NULL;
    pthread_mutex_lock(&w->mu);
    if (w->tail != NULL)
        w->tail->next = job;
    else
        w->head = job;
    w->tail = job;
    if (w->todo_tail != NULL)
        w->todo_tail->next_todo = job;
    else
        w->todo = job;
    w->todo_tail = job;
    w->pending++;
    pthread_cond_signal(&w->work);
    pthread_mutex_unlock(&w->mu);
}

struct workers_job *
workers_next(struct workers *w, bool wait)
{
    struct workers_job *job = NULL;

    pthread_mutex_lock(&w->mu);
    while (w->head != NULL && !w->head->done && wait)
        pthread_cond_wait(&w->done, &w->mu);
    if (w->head != NULL && w->head->done) {
        job = w->head;
        w->head = job->next;
        if (w->head == NULL)
            w->tail = NULL;
        w->pending--;
    }
    pthread_mutex_unlock(&w->mu);
    return job;
}

size_t
workers_pending(const struct workers *w)
{
    return w->pending; /* only the submitting thread changes it upward */
}

void
workers_free(struct workers *w)
{
    unsigned i;

    if (w == NULL)
        return;
    pthread_mutex_lock(&w->mu);
    w->quit = true;
    pthread_cond_broadcast(&w->work);
    pthread_mutex_unlock(&w->mu);
    for (i = 0; i < w->nthreads; i++)
        pthread_join(w->threads[i], NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->work);
    pthread_cond_destroy(&w->done);
    free(w->threads);
    free(w);
}

unsigned
workers_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n >= 1 && n <= 256 ? (unsigned)n : 1;
}
