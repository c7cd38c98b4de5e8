/* sl-project-worker.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-project-worker"

#include "config.h"

#include "sl-project-worker.h"

/**
 * SlProjectWorker:
 *
 * One thread that owns a project's database connection and runs queued
 * tasks on it in order, so the UI never waits for SQLite. A connection is
 * used by one thread at a time; here it is always the same one. Once the
 * worker has the project, nothing else may use it until the worker is
 * finalized, which waits for the queued tasks to finish.
 */

struct _SlProjectWorker
{
  GObject      parent_instance;

  SlProject   *project;
  char        *path;
  GThread     *thread;
  GAsyncQueue *queue;
};

typedef struct
{
  GTask               *task;
  SlProjectWorkerFunc  func;
} WorkItem;

G_DEFINE_FINAL_TYPE (SlProjectWorker, sl_project_worker, G_TYPE_OBJECT)

static gpointer
worker_thread (gpointer data)
{
  SlProjectWorker *self = data;

  for (;;)
    {
      WorkItem *item = g_async_queue_pop (self->queue);
      g_autoptr(GTask) task = item->task;
      SlProjectWorkerFunc func = item->func;

      g_free (item);

      /* The stop marker: sent by finalize after every real task. */
      if (task == NULL)
        break;

      if (!g_task_return_error_if_cancelled (task))
        func (task, self->project, g_task_get_task_data (task), g_task_get_cancellable (task));
    }

  return NULL;
}

static void
sl_project_worker_finalize (GObject *object)
{
  SlProjectWorker *self = (SlProjectWorker *)object;

  g_async_queue_push (self->queue, g_new0 (WorkItem, 1));
  g_thread_join (self->thread);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_object (&self->project);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sl_project_worker_parent_class)->finalize (object);
}

static void
sl_project_worker_class_init (SlProjectWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_project_worker_finalize;
}

static void
sl_project_worker_init (SlProjectWorker *self)
{
  self->queue = g_async_queue_new ();
}

/**
 * sl_project_worker_new:
 * @project: (transfer full): an open project, no longer used by the caller
 *
 * Starts the worker thread.
 *
 * Returns: (transfer full): a new worker
 */
SlProjectWorker *
sl_project_worker_new (SlProject *project)
{
  SlProjectWorker *self;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  self = g_object_new (SL_TYPE_PROJECT_WORKER, NULL);
  self->project = project;
  self->path = g_strdup (sl_project_get_path (project));
  self->thread = g_thread_new ("sl-project-worker", worker_thread, self);

  return self;
}

/**
 * sl_project_worker_get_path:
 * @self: a #SlProjectWorker
 *
 * Returns: the project's file name (safe from any thread)
 */
const char *
sl_project_worker_get_path (SlProjectWorker *self)
{
  g_return_val_if_fail (SL_IS_PROJECT_WORKER (self), NULL);

  return self->path;
}

/**
 * sl_project_worker_queue:
 * @self: a #SlProjectWorker
 * @task: a task; its task data and cancellable are passed to @func
 * @func: what to do with the project
 *
 * Queues @func to run on the worker thread after the tasks queued before.
 * A task cancelled before its turn completes with %G_IO_ERROR_CANCELLED
 * without running.
 */
void
sl_project_worker_queue (SlProjectWorker     *self,
                         GTask               *task,
                         SlProjectWorkerFunc  func)
{
  WorkItem *item;

  g_return_if_fail (SL_IS_PROJECT_WORKER (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  item = g_new0 (WorkItem, 1);
  item->task = g_object_ref (task);
  item->func = func;
  g_async_queue_push (self->queue, item);
}
