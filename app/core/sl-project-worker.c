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

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  SlProject *project;
  GError *error = NULL;

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sl_project_worker_new (project), g_object_unref);
}

/**
 * sl_project_worker_open_async:
 * @path: an existing project
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the project is open
 * @user_data: data for @callback
 *
 * Opens a connection of its own to the project at @path on a thread and
 * gives it to a new worker: the UI keeps its own connection for reading
 * (the project is in WAL mode, so reading goes on while the worker writes)
 * and never waits for SQLite.
 */
void
sl_project_worker_open_async (const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_project_worker_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

/**
 * sl_project_worker_open_finish:
 * @result: the result given to the callback
 * @error: location for a #GError
 *
 * Returns: (transfer full): a worker that owns the new connection, or
 *   %NULL with @error set
 */
SlProjectWorker *
sl_project_worker_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
