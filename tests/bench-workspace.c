/* bench-workspace.c: opening a project of ten million reads (issue 6: the
 * map shows in under a second, RSS stays under 300 MB).
 *
 * The project is $SL_BENCH_PROJECT, or one generated into a temporary
 * directory (`sightline-cli generate-demo --vehicles 84000 --days 60`: about
 * 8.3 million reads; generating takes minutes, so keep one and pass it).
 * Each measurement runs in a fresh process so RSS is its own, with its own
 * XDG_CACHE_HOME, one of three kinds:
 *
 *   first   empty (no read cache: the reads table is scanned, the reads
 *           sorted straight into a new cache file, which is then mapped);
 *   memory  not writable (a plain file where its sightline directory
 *           would be): the reads are scanned and sealed in memory, the
 *           way every first open went before the cache builder, the peer
 *           of the first open;
 *   cached  the one a first open filled (the read cache is mapped).
 *
 *   core   sl_project_contents_load() each way (in memory: then the cache
 *          is written as the window then did, the directory made writable
 *          for it), against the peer: the same SELECT stepped with the
 *          sqlite3 API and every column read, nothing kept (the floor for
 *          any loader that goes through SQLite);
 *   window an SlWindow opening the file each way, with GL and then cairo:
 *          time to the first frame of the map, to the reads on the map, to
 *          the reads drawn, RSS and peak RSS (VmRSS, VmHWM).
 *
 * Run: SL_BENCH_PROJECT=… xvfb-run -a meson test -C _build --benchmark --verbose workspace
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>

#include "sl-application.h"
#include "sl-demo-generator.h"
#include "sl-project-contents.h"
#include "sl-project-private.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-window-private.h"
#include "sl-workspace-private.h"

/* VmHWM or VmRSS from /proc/self/status, in MiB. */
static double
status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (field) + 1, NULL) / 1024.0;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
bench_peer (const char *path)
{
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, NULL);
  sqlite3_stmt *stmt = NULL;
  double sum = 0;
  guint64 n = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (project);
  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project),
                                       "SELECT id, latitude, longitude, time, agency_id FROM reads ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sum += sqlite3_column_int64 (stmt, 0) + sqlite3_column_double (stmt, 1) + sqlite3_column_double (stmt, 2) +
             sqlite3_column_int64 (stmt, 3) + sqlite3_column_int64 (stmt, 4);
      n++;
    }
  sqlite3_finalize (stmt);
  printf ("peer (plain SELECT, nothing kept): %" G_GUINT64_FORMAT " rows in %.0f ms; peak RSS %.0f MiB "
          "(checksum %.0f)\n", n, ms_since (start), status_mib ("VmHWM:"), sum);
  return 0;
}

static const char *
how_loaded (SlProjectContents *contents)
{
  if (contents->reads_from_cache)
    return "read cache";
  return contents->reads_kept ? "first open, into the cache file" : "first open, in memory";
}

static int
bench_core (const char *path)
{
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, NULL);
  g_autoptr(SlProjectContents) contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (project);
  contents = sl_project_contents_load (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  printf ("sl_project_contents_load (%s): %u reads, %u agencies with reads, in %.0f ms; "
          "RSS %.0f MiB, peak %.0f MiB\n", how_loaded (contents),
          sl_read_set_get_n_reads (contents->reads), contents->agency_ids->len, ms_since (start),
          status_mib ("VmRSS:"), status_mib ("VmHWM:"));
  {
    g_autoptr(GArray) sites = NULL;

    start = g_get_monotonic_time ();
    sites = sl_read_set_collect_sites (contents->reads, SL_READ_SET_MIN_SITE_READS);
    printf ("# camera sites (%s): %u in %.1f ms\n", contents->reads_kept ? "kept in the cache" : "every read visited",
            sites->len, ms_since (start));
  }
  if (!contents->reads_kept)
    {
      g_autofree char *blocker = g_build_filename (g_get_user_cache_dir (), "sightline", NULL);

      g_assert_cmpint (g_remove (blocker), ==, 0);
      start = g_get_monotonic_time ();
      g_assert_true (sl_project_contents_save_cache (contents, &error));
      g_assert_no_error (error);
      printf ("# then writing the read cache: %.0f ms; peak %.0f MiB\n", ms_since (start), status_mib ("VmHWM:"));
    }
  return 0;
}

static int
bench_window (const char *path)
{
  g_autoptr(SlApplication) app = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SlWindow *window;
  guint frames = 0;
  gint64 start;
  double shown_ms, reads_ms, loaded_ms, drawn_ms;

  g_setenv ("GTK_A11Y", "none", TRUE);
  app = sl_application_new ("io.github.sightline.Sightline.Bench",
                            G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = sl_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  printf ("# empty window: RSS %.0f MiB (anonymous %.0f, file %.0f, shared %.0f)\n", status_mib ("VmRSS:"),
          status_mib ("RssAnon:"), status_mib ("RssFile:"), status_mib ("RssShmem:"));

  start = g_get_monotonic_time ();
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  gtk_widget_add_tick_callback (GTK_WIDGET (window->workspace->map_view), sl_test_count_frame, &frames, NULL);
  /* The map (basemap, timeline, sidebar) on screen: its first frame. */
  while (frames == 0)
    g_main_context_iteration (NULL, TRUE);
  shown_ms = ms_since (start);
  while (sl_map_view_get_reads (window->workspace->map_view) == NULL)
    g_main_context_iteration (NULL, TRUE);
  reads_ms = ms_since (start);
  while (sl_workspace_is_loading (window->workspace))
    g_main_context_iteration (NULL, TRUE);
  loaded_ms = ms_since (start);
  frames = 0;
  while (frames < 2 || !sl_map_view_is_ready (window->workspace->map_view))
    g_main_context_iteration (NULL, TRUE);
  drawn_ms = ms_since (start);

  printf ("window (%s): map shown after %.0f ms; %u reads on the map after %.0f ms; summary after %.0f ms; "
          "reads drawn after %.0f ms; RSS %.0f MiB (anonymous %.0f, file %.0f, shared %.0f), peak %.0f MiB\n",
          how_loaded (window->workspace->contents), shown_ms, sl_read_set_get_n_reads (sl_map_view_get_reads (window->workspace->map_view)),
          reads_ms, loaded_ms, drawn_ms, status_mib ("VmRSS:"), status_mib ("RssAnon:"), status_mib ("RssFile:"),
          status_mib ("RssShmem:"), status_mib ("VmHWM:"));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Runs this program again with @mode and @cache_home as XDG_CACHE_HOME,
 * so each figure has its own RSS; returns what it printed. */
static char *
run_child (const char *self,
           const char *mode,
           const char *path,
           const char *cache_home,
           const char *renderer)
{
  const char *argv[] = { self, mode, path, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CACHE_HOME", cache_home, TRUE);

  /* Mesa keeps compiled shaders in XDG_CACHE_HOME: a cached open would
   * reuse those of the first and start 40 MiB lighter. Every window
   * compiles its own instead. */
  if (renderer != NULL)
    envp = g_environ_setenv (g_environ_setenv (envp, "GSK_RENDERER", renderer, TRUE),
                             "MESA_SHADER_CACHE_DISABLE", "true", TRUE);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  fputs (out, stdout);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static double
parse_ms (const char *output,
          const char *after)
{
  const char *at = strstr (output, after);

  return at != NULL ? g_ascii_strtod (at + strlen (after), NULL) : -1;
}

/* A cache directory Sightline cannot write its read cache into: a plain
 * file where its directory would be. */
static char *
make_unwritable_cache (void)
{
  char *dir = g_dir_make_tmp ("sl-bench-cache-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "sightline", NULL);

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  return dir;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const renderers[] = { "gl", "cairo" };
  g_autofree char *generated_dir = NULL;
  g_autofree char *path = NULL;

  if (argc == 3 && g_str_equal (argv[1], "peer"))
    return bench_peer (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "core"))
    return bench_core (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "window"))
    {
      gtk_init ();
      return bench_window (argv[2]);
    }

  path = g_strdup (g_getenv ("SL_BENCH_PROJECT"));
  if (path == NULL)
    {
      g_autoptr(SlDemoGenerator) generator = sl_demo_generator_new (84000, 60, SL_DEMO_DEFAULT_SEED, NULL);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      generated_dir = g_dir_make_tmp ("sl-bench-workspace-XXXXXX", NULL);
      path = g_build_filename (generated_dir, "10m.sightline", NULL);
      g_assert_true (sl_demo_generator_write_project (generator, path, generated_dir, NULL, NULL, &error));
      g_assert_no_error (error);
      sl_demo_remove_csv (generated_dir);
      printf ("# generated %s in %.0f s\n", path, ms_since (start) / 1000);
    }

  {
    g_autofree char *core_cache = g_dir_make_tmp ("sl-bench-cache-XXXXXX", NULL);
    g_autofree char *memory_cache = make_unwritable_cache ();
    g_autofree char *peer = run_child (argv[0], "peer", path, memory_cache, NULL);
    g_autofree char *memory = run_child (argv[0], "core", path, memory_cache, NULL);
    g_autofree char *first = run_child (argv[0], "core", path, core_cache, NULL);
    g_autofree char *cached = run_child (argv[0], "core", path, core_cache, NULL);
    const char *load = "agencies with reads, in ";

    printf ("ratio core first open (into the file) / peer: %.2f; / in memory: time %.2f, peak RSS %.2f\n",
            parse_ms (first, load) / parse_ms (peer, " rows in "), parse_ms (first, load) / parse_ms (memory, load),
            parse_ms (first, "peak ") / parse_ms (memory, "peak "));
    printf ("ratio core read cache / first open: %.3f (%.0f× faster), peak RSS %.2f\n",
            parse_ms (cached, load) / parse_ms (first, load), parse_ms (first, load) / parse_ms (cached, load),
            parse_ms (cached, "peak ") / parse_ms (first, "peak "));
    sl_test_remove_tree (core_cache);
    sl_test_remove_tree (memory_cache);
  }
  for (guint r = 0; r < G_N_ELEMENTS (renderers); r++)
    {
      g_autofree char *window_cache = g_dir_make_tmp ("sl-bench-cache-XXXXXX", NULL);
      g_autofree char *memory_cache = make_unwritable_cache ();
      g_autofree char *first = NULL, *memory = NULL, *cached = NULL;

      printf ("# renderer %s\n", renderers[r]);
      first = run_child (argv[0], "window", path, window_cache, renderers[r]);
      memory = run_child (argv[0], "window", path, memory_cache, renderers[r]);
      cached = run_child (argv[0], "window", path, window_cache, renderers[r]);
      printf ("ratio window (%s) first open into the file / in memory: reads on the map %.2f, reads drawn %.2f, "
              "RSS %.2f, peak RSS %.2f\n", renderers[r],
              parse_ms (first, "reads on the map after ") / parse_ms (memory, "reads on the map after "),
              parse_ms (first, "reads drawn after ") / parse_ms (memory, "reads drawn after "),
              parse_ms (first, "; RSS ") / parse_ms (memory, "; RSS "),
              parse_ms (first, "peak ") / parse_ms (memory, "peak "));
      printf ("ratio window (%s) read cache / first open: reads on the map %.3f, peak RSS %.2f\n", renderers[r],
              parse_ms (cached, "reads on the map after ") / parse_ms (first, "reads on the map after "),
              parse_ms (cached, "peak ") / parse_ms (first, "peak "));
      sl_test_remove_tree (window_cache);
      sl_test_remove_tree (memory_cache);
    }
  if (generated_dir != NULL)
    {
      g_remove (path);
      g_rmdir (generated_dir);
    }
  return 0;
}
