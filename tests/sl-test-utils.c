/* sl-test-utils.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/wait.h>

#include "sl-demo-generator.h"
#include "sl-project-private.h"
#include "sl-test-utils.h"

/* The directory is created on first use: G_TEST_OPTION_ISOLATE_DIRS only
 * names it. */
char *
sl_test_temp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* Writes @contents to a temporary file called @name; returns its path. */
char *
sl_test_write_temp_file (const char *name,
                         const char *contents)
{
  char *path = sl_test_temp_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Opens, creating it if needed, the project @name in the data directory. */
SlProject *
sl_test_open_temp_project (const char *name)
{
  g_autofree char *path = sl_test_temp_path (name);
  g_autoptr(GError) error = NULL;
  SlProject *project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return project;
}

/* Writes a demo project of @n_vehicles over @n_days (the default seed) to
 * @path; the CSV files the generator writes beside it are removed again. */
void
sl_test_write_demo_project (const char *path,
                            guint       n_vehicles,
                            guint       n_days)
{
  sl_test_write_demo_project_with_agencies (path, n_vehicles, n_days, sl_demo_get_n_own_agencies ());
}

/* The same with synthetic agencies across the US up to @n_agencies
 * (generate-demo --agencies). */
void
sl_test_write_demo_project_with_agencies (const char *path,
                                          guint       n_vehicles,
                                          guint       n_days,
                                          guint       n_agencies)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(SlDemoGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;

  generator = sl_demo_generator_new (n_vehicles, n_days, SL_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_set_n_agencies (generator, n_agencies, &error));
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_write_project (generator, path, folder, NULL, NULL, &error));
  g_assert_no_error (error);
  sl_demo_remove_csv (folder);
}

/* SHA-256 of the file's bytes, to show a file was left unchanged. */
char *
sl_test_checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The first column of the single row @sql returns. */
gint64
sl_test_query_int (SlProject  *project,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Runs @cli_path with the arguments from @first (NULL-terminated) and
 * returns its exit status, or -1 when it did not exit. stdout and stderr
 * are pipes, so no terminal progress line; a NULL @out_stdout sends stdout
 * to /dev/null rather than into the TAP stream. */
int
sl_test_run_cli (const char  *cli_path,
                 char       **out_stdout,
                 char       **out_stderr,
                 const char  *first,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSpawnFlags flags = out_stdout == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : G_SPAWN_DEFAULT;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli_path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, flags, NULL, NULL,
                               out_stdout, out_stderr, &status, &error));
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Removes @path and everything under it (a test's own temporary tree). */
void
sl_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        sl_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Overwrites the header of a leaf page of @btree (a table or index name)
 * in the middle of its pages, found with SQLite's dbstat table, as a disk
 * or a copy gone wrong would. Returns the page number. */
guint
sl_test_damage_page (const char *path,
                     const char *btree)
{
  static const guint8 garbage[8] = { 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint page, page_size;
  FILE *file;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno, pgsize FROM dbstat WHERE name = ?1 AND pagetype = 'leaf' "
                                           "ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat "
                                           "WHERE name = ?1 AND pagetype = 'leaf')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, btree, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  page_size = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (page, >, 1);

  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) (page - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, file), ==, sizeof garbage);
  fclose (file);
  return page;
}

struct _SlTestGate
{
  GMutex   lock;
  GCond    cond;
  gboolean entered;
  gboolean open;
};

static void
sl_test_gate_free (SlTestGate *gate)
{
  g_mutex_clear (&gate->lock);
  g_cond_clear (&gate->cond);
  g_free (gate);
}

static void
wait_at_gate (GTask        *task,
              SlProject    *project,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SlTestGate *gate = task_data;

  g_mutex_lock (&gate->lock);
  gate->entered = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  g_task_return_boolean (task, TRUE);
}

SlTestGate *
sl_test_gate_hold (SlProjectWorker *worker)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  SlTestGate *gate = g_new0 (SlTestGate, 1);

  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
  g_task_set_task_data (task, gate, (GDestroyNotify) sl_test_gate_free);
  sl_project_worker_queue (worker, task, wait_at_gate);
  g_mutex_lock (&gate->lock);
  while (!gate->entered)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  return gate;
}

void
sl_test_gate_release (SlTestGate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

int
sl_test_compare_double (const void *a,
                        const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
sl_test_report_ms (const char *what,
                   const char *items,
                   GArray     *ms)
{
  double sum = 0;

  g_array_sort (ms, sl_test_compare_double);
  for (guint i = 0; i < ms->len; i++)
    sum += g_array_index (ms, double, i);
  printf ("%s (%u %s): mean %.1f ms, median %.1f ms, p95 %.1f ms, max %.1f ms\n", what, ms->len, items,
          sum / ms->len, g_array_index (ms, double, ms->len / 2),
          g_array_index (ms, double, MIN (ms->len - 1, ms->len * 95 / 100)),
          g_array_index (ms, double, ms->len - 1));
  return g_array_index (ms, double, ms->len / 2);
}

guint
sl_test_node_named (SlSharingNetwork *network,
                    const char       *name)
{
  guint node;

  if (!sl_sharing_network_find_named (network, name, &node))
    g_error ("No agency or pool named “%s”", name);
  return node;
}

SlWhatIf *
sl_test_lesson_what_if (SlProject           *project,
                        const SlLessonState *state,
                        const char          *scenario)
{
  g_autoptr(GError) error = NULL;
  SlWhatIf *what_if = sl_what_if_new_for_project (project, scenario, state->plate, &error);
  SlSharingNetwork *network;

  g_assert_no_error (error);
  network = sl_what_if_get_network (what_if);
  for (guint i = 0; i < state->n_unticks; i++)
    g_assert_true (sl_what_if_untick (what_if,
                                      sl_sharing_network_get_node (network,
                                                                   sl_test_node_named (network, state->unticks[i].owner))->id,
                                      sl_sharing_network_get_node (network,
                                                                   sl_test_node_named (network, state->unticks[i].recipient))->id));
  sl_what_if_set_as_of (what_if, state->as_of);
  return what_if;
}
