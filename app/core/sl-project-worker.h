/* sl-project-worker.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-project.h"

G_BEGIN_DECLS

/* Runs on the worker thread with the project; completes @task (any
 * g_task_return_*()), whose callback then runs in the context the task was
 * created in. */
typedef void (*SlProjectWorkerFunc) (GTask        *task,
                                     SlProject    *project,
                                     gpointer      task_data,
                                     GCancellable *cancellable);

#define SL_TYPE_PROJECT_WORKER (sl_project_worker_get_type ())

G_DECLARE_FINAL_TYPE (SlProjectWorker, sl_project_worker, SL, PROJECT_WORKER, GObject)

SlProjectWorker *sl_project_worker_new         (SlProject           *project);
void             sl_project_worker_open_async  (const char          *path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
SlProjectWorker *sl_project_worker_open_finish (GAsyncResult        *result,
                                                GError             **error);
const char      *sl_project_worker_get_path    (SlProjectWorker     *self);
void             sl_project_worker_queue       (SlProjectWorker     *self,
                                                GTask               *task,
                                                SlProjectWorkerFunc  func);

G_END_DECLS
