/* test-project-worker.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-project-private.h"
#include "sl-project-worker.h"
#include "sl-read-importer.h"
#include "sl-test-utils.h"

typedef struct
{
  GMainLoop *loop;
  GString   *log;
  GThread   *main_thread;
  guint      pending;
  guint      idles_while_busy;
  gboolean   busy;
  guint      progress_calls;
  gboolean   progress_on_main;
} Fixture;

/* Counts agencies on the worker thread, after a pause long enough for the
 * main loop to show it is not blocked. */
static void
count_agencies (GTask        *task,
                SlProject    *project,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Fixture *fixture = task_data;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_true (g_thread_self () != fixture->main_thread);
  g_usleep (G_USEC_PER_SEC / 5);

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT count(*) FROM agencies",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  g_task_return_int (task, count);
}

static void
add_agency (GTask        *task,
            SlProject    *project,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (sl_project_exec (project, "INSERT INTO agencies (name, normalized_name) VALUES ('Norwalk PD', 'norwalk police')", &error))
    g_task_return_int (task, 1);
  else
    g_task_return_error (task, error);
}

static void
never_runs (GTask        *task,
            SlProject    *project,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_assert_not_reached ();
}

static void
task_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;
  gssize value = g_task_propagate_int (G_TASK (result), &error);

  g_assert_true (g_thread_self () == fixture->main_thread);
  if (error != NULL)
    g_string_append_printf (fixture->log, "[%s]", error->message);
  else
    g_string_append_printf (fixture->log, "[%" G_GSSIZE_FORMAT "]", value);

  if (--fixture->pending == 0)
    {
      fixture->busy = FALSE;
      g_main_loop_quit (fixture->loop);
    }
}

static gboolean
count_idle (gpointer user_data)
{
  Fixture *fixture = user_data;

  if (fixture->busy)
    fixture->idles_while_busy++;

  return fixture->busy ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
queue (SlProjectWorker     *worker,
       Fixture             *fixture,
       GCancellable        *cancellable,
       SlProjectWorkerFunc  func)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, task_done, fixture);

  g_task_set_task_data (task, fixture, NULL);
  sl_project_worker_queue (worker, task, func);
  fixture->pending++;
}

static void
test_worker_order_and_threads (void)
{
  g_autoptr(SlProjectWorker) worker = sl_project_worker_new (sl_test_open_temp_project ("worker.sightline"));
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  Fixture fixture = { 0, };

  fixture.loop = g_main_loop_new (NULL, FALSE);
  fixture.log = g_string_new (NULL);
  fixture.main_thread = g_thread_self ();
  fixture.busy = TRUE;

  g_assert_true (g_str_has_suffix (sl_project_worker_get_path (worker), "worker.sightline"));

  /* In queue order; the cancelled one completes without running. */
  queue (worker, &fixture, NULL, count_agencies);
  queue (worker, &fixture, NULL, add_agency);
  g_cancellable_cancel (cancelled);
  queue (worker, &fixture, cancelled, never_runs);
  queue (worker, &fixture, NULL, count_agencies);
  g_timeout_add (10, count_idle, &fixture);

  g_main_loop_run (fixture.loop);

  g_assert_cmpstr (fixture.log->str, ==, "[0][1][Operation was cancelled][1]");
  /* The main loop kept running while the worker slept in its tasks. */
  g_assert_cmpuint (fixture.idles_while_busy, >, 0);

  g_main_loop_unref (fixture.loop);
  g_string_free (fixture.log, TRUE);
}

static void
import_progress (const SlImportProgress *progress,
                 gpointer                user_data)
{
  Fixture *fixture = user_data;

  fixture->progress_calls++;
  if (g_thread_self () != fixture->main_thread)
    fixture->progress_on_main = FALSE;
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_read_importer_run_finish (SL_READ_IMPORTER (source), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (fixture->loop);
}

static void
test_worker_import (void)
{
  g_autoptr(SlProjectWorker) worker = sl_project_worker_new (sl_test_open_temp_project ("worker.sightline"));
  g_autoptr(GString) csv = g_string_new ("plate,read_at,latitude,longitude,camera,agency\n");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "reads.csv", NULL);
  g_autoptr(SlReadImporter) importer = NULL;
  Fixture fixture = { 0, };
  const SlImportSummary *summary;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "P%u,2019-03-01T%02u:%02u:%02uZ,41.%04u,-73.%04u,CAM-%u,Norwalk PD\n",
                            i % 997, i % 24, i % 60, (i / 60) % 60, i % 9973, i % 7919, i % 9);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  fixture.loop = g_main_loop_new (NULL, FALSE);
  fixture.main_thread = g_thread_self ();
  fixture.progress_on_main = TRUE;

  importer = sl_read_importer_new (path);
  sl_read_importer_set_progress_func (importer, import_progress, &fixture, NULL);
  sl_read_importer_run_async (importer, worker, NULL, import_done, &fixture);
  g_main_loop_run (fixture.loop);

  summary = sl_read_importer_get_summary (importer);
  g_assert_cmpuint (summary->rows_read, ==, 10000);
  g_assert_cmpuint (summary->rows_imported, ==, 10000);
  g_assert_cmpuint (summary->rows_duplicate, ==, 0);
  g_assert_cmpuint (fixture.progress_calls, >, 0);
  g_assert_true (fixture.progress_on_main);

  g_main_loop_unref (fixture.loop);
}

static void
worker_opened (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static SlProjectWorker *
open_worker (const char  *path,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sl_project_worker_open_async (path, NULL, worker_opened, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return sl_project_worker_open_finish (result, error);
}

/* A second connection of its own, opened off the main thread: what the
 * caller's connection wrote is seen by the worker's, and the other way. */
static void
test_worker_open_async (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("worker.sightline");
  g_autoptr(SlProjectWorker) worker = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "missing.sightline", NULL);
  Fixture fixture = { .loop = loop, .log = g_string_new (NULL), .main_thread = g_thread_self () };

  g_assert_true (sl_project_exec (project, "INSERT INTO agencies (name, normalized_name) "
                                           "VALUES ('Westport PD', 'westport police')", &error));
  g_assert_no_error (error);

  worker = open_worker (sl_project_get_path (project), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_project_worker_get_path (worker), ==, sl_project_get_path (project));

  fixture.busy = TRUE;
  queue (worker, &fixture, NULL, count_agencies);
  queue (worker, &fixture, NULL, add_agency);
  g_main_loop_run (loop);
  g_assert_cmpstr (fixture.log->str, ==, "[1][1]");
  g_assert_cmpint (sl_project_exec (project, "SELECT 1", NULL), ==, TRUE);

  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT count(*) FROM agencies",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 2);
    sqlite3_finalize (stmt);
  }

  /* Not created: a missing project is an error, as with sl_project_open(). */
  g_assert_null (open_worker (missing, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_string_free (fixture.log, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/project-worker/order-and-threads", test_worker_order_and_threads);
  g_test_add_func ("/project-worker/import", test_worker_import);
  g_test_add_func ("/project-worker/open-async", test_worker_open_async);

  return g_test_run ();
}
