/* stress-kill-import.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-test-utils.h"

/* Crash safety: an importing process is killed with SIGKILL at a random
 * moment, over and over (--iterations=N; a few in the test suite, 60 in
 * the benchmark). After each kill the project must open in Sightline,
 * pass PRAGMA integrity_check, hold exactly the data of the imports that
 * had committed, and hold the earlier data unchanged. */

#define ROWS_PER_FILE 20000

static guint n_iterations = 5;

/* Reads of plates no other file has, so nothing is a duplicate. */
static char *
write_reads (guint file_index)
{
  g_autofree char *name = g_strdup_printf ("reads-%u.csv", file_index);
  char *path = sl_test_temp_path (name);
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs ("plate,read_at,latitude,longitude,camera,agency\n", file);
  for (guint i = 0; i < ROWS_PER_FILE; i++)
    fprintf (file, "F%uP%u,2019-03-%02u %02u:%02u:%02u,41.%04u,-73.%04u,CAM-%u,%s\n",
             file_index, i % 3000, 1 + i % 28, i % 24, i % 60, (i * 7) % 60,
             i % 10000, (i * 13) % 10000, i % 40,
             i % 3 == 0 ? "Westport PD" : i % 3 == 1 ? "Norwalk PD" : "CT State Police");
  g_assert_cmpint (fclose (file), ==, 0);

  return path;
}

static SlProject *
open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  SlProject *project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return project;
}

static char *
query_text (SlProject  *project,
            const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Everything the datasets up to @last_dataset hold, in a few numbers:
 * what a later import, killed or not, must leave exactly as it was. */
static char *
digest_up_to (SlProject *project,
              gint64     last_dataset)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT (SELECT count(*) FROM datasets WHERE id <= %1$" G_GINT64_FORMAT "),"
    " count(*), sum(r.time), total(r.latitude), total(r.longitude),"
    " sum(length(p.plate)), sum(r.agency_id), sum(r.camera_id)"
    " FROM reads AS r JOIN plates AS p ON p.id = r.plate_id"
    " WHERE r.dataset_id <= %1$" G_GINT64_FORMAT, last_dataset);

  return query_text (project, sql);
}

static gint64
query_int (SlProject  *project,
           const char *sql)
{
  g_autofree char *text = query_text (project, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Forks a child that imports @csv into @project_path and exits 0. After
 * @kill_after_us (negative: never) the parent kills it. Returns whether
 * the kill came before the child was done. */
static gboolean
import_in_child (const char *project_path,
                 const char *csv,
                 gint64      kill_after_us)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(SlProject) project = sl_project_open (project_path, SL_PROJECT_OPEN_FLAGS_NONE, NULL);
      g_autoptr(SlReadImporter) importer = sl_read_importer_new (csv);

      if (project == NULL)
        _exit (2);
      if (!sl_read_importer_run (importer, project, NULL, NULL))
        _exit (3);
      g_clear_object (&project);
      _exit (0);
    }

  if (kill_after_us >= 0)
    {
      g_usleep (kill_after_us);
      kill (pid, SIGKILL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

  if (WIFSIGNALED (status))
    {
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      return TRUE;
    }

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return FALSE;
}

static void
test_kill_import (void)
{
  g_autofree char *project_path = sl_test_temp_path ("stress.sightline");
  g_autofree char *first = write_reads (0);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  gint64 datasets, reads, start, duration;
  guint n_before_commit = 0, n_after_commit = 0, n_finished = 0;

  /* Create the project, then time one whole import in a child: kills are
   * spread over that time and a bit beyond, so some land before the
   * import starts writing, most while it writes, some after it is done. */
  g_clear_object (&project);
  project = open_project (project_path);
  g_clear_object (&project);
  start = g_get_monotonic_time ();
  g_assert_false (import_in_child (project_path, first, -1));
  duration = g_get_monotonic_time () - start;
  g_test_message ("one import of %d rows in a child: %.3f s", ROWS_PER_FILE, duration / 1e6);

  project = open_project (project_path);
  datasets = query_int (project, "SELECT count(*) FROM datasets");
  reads = query_int (project, "SELECT count(*) FROM reads");
  g_assert_cmpint (datasets, ==, 1);
  g_assert_cmpint (reads, ==, ROWS_PER_FILE);
  g_clear_object (&project);

  for (guint i = 1; i <= n_iterations; i++)
    {
      g_autofree char *csv = write_reads (i);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *integrity = NULL;
      g_autoptr(GError) error = NULL;
      gint64 last_dataset, delay;
      gboolean killed;

      project = open_project (project_path);
      last_dataset = query_int (project, "SELECT coalesce(max(id), 0) FROM datasets");
      before = digest_up_to (project, last_dataset);
      g_clear_object (&project);

      delay = g_rand_int_range (rand, 0, (gint32) MIN (duration * 5 / 4, G_MAXINT32));
      killed = import_in_child (project_path, csv, delay);

      /* Sightline opens it (recovering from the journal or log). */
      project = sl_project_open (project_path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
      g_assert_no_error (error);
      integrity = query_text (project, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok\n");

      /* The earlier data, exactly. */
      after = digest_up_to (project, last_dataset);
      g_assert_cmpstr (before, ==, after);

      /* All of the new file or none of it. */
      if (query_int (project, "SELECT count(*) FROM datasets") == datasets)
        {
          g_assert_true (killed);
          g_assert_cmpint (query_int (project, "SELECT count(*) FROM reads"), ==, reads);
          n_before_commit++;
        }
      else
        {
          datasets++;
          reads += ROWS_PER_FILE;
          g_assert_cmpint (query_int (project, "SELECT count(*) FROM datasets"), ==, datasets);
          g_assert_cmpint (query_int (project, "SELECT count(*) FROM reads"), ==, reads);
          if (killed)
            n_after_commit++;
          else
            n_finished++;
        }
      g_clear_object (&project);
      g_assert_cmpint (g_unlink (csv), ==, 0);
    }

  g_test_message ("%u kills: %u before the commit (project as before), %u after it, "
                  "%u imports finished first; %" G_GINT64_FORMAT " reads in %" G_GINT64_FORMAT
                  " datasets",
                  n_iterations, n_before_commit, n_after_commit, n_finished, reads, datasets);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--iterations="))
      n_iterations = atoi (argv[i] + strlen ("--iterations="));
  g_assert_cmpuint (n_iterations, >, 0);

  g_test_add_func ("/stress/kill-import", test_kill_import);

  return g_test_run ();
}
