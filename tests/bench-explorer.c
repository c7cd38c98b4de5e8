/* bench-explorer.c: choosing a vehicle at scale (issue 7).
 *
 *   ranking   sl_vehicle_ranking_load() against its peer, the same
 *             GROUP BY stepped with the sqlite3 API and nothing kept; the
 *             prefix filter and a page of plates. On $SL_BENCH_PROJECT (or
 *             the demo project given as argument) and on a synthetic project
 *             of 1,000,000 plates and about 10,000,000 reads
 *             ($SL_BENCH_PLATES_PROJECT, else generated into a temporary
 *             directory, or there when it does not exist yet;
 *             $SL_BENCH_SKIP_MILLION=1 skips it).
 *   select    a workspace showing a vehicle: from sl_workspace_show_plate()
 *             to the exposure pane and flow diagram filled and drawn, over
 *             the top-ranked vehicles; against its peer, the core work of
 *             the same selection (plate lookup, its reads, a what-if
 *             session) on one connection.
 *
 * Run: SL_BENCH_PROJECT=… xvfb-run -a meson test -C _build --benchmark --verbose explorer
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "sl-application.h"
#include "sl-project-private.h"
#include "sl-read-store.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-vehicle-list-private.h"
#include "sl-vehicle-ranking.h"
#include "sl-workspace-private.h"

#define ROUNDS 5
#define SELECTIONS 20

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
median (double *ms,
        guint   n)
{
  qsort (ms, n, sizeof (double), sl_test_compare_double);
  return ms[n / 2];
}

static double
peer_group_by (SlProject *project)
{
  sqlite3_stmt *stmt = NULL;
  gint64 sum = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project),
                                       "SELECT plate_id, count(*) FROM reads GROUP BY plate_id ORDER BY plate_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    sum += sqlite3_column_int64 (stmt, 0) + sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sum, >, 0);
  return ms_since (start);
}

static void
bench_ranking (const char *path,
               const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlVehicleRanking) ranking = NULL;
  double peer[ROUNDS], load[ROUNDS], all[ROUNDS], filtered[ROUNDS], page[ROUNDS];
  guint n_filtered = 0;

  g_assert_no_error (error);
  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start;

      peer[r] = peer_group_by (project);
      start = g_get_monotonic_time ();
      g_clear_pointer (&ranking, sl_vehicle_ranking_unref);
      ranking = sl_vehicle_ranking_load (project, NULL, &error);
      g_assert_no_error (error);
      load[r] = ms_since (start);

      start = g_get_monotonic_time ();
      g_array_unref (sl_vehicle_ranking_filter (ranking, project, "", NULL, &error));
      all[r] = ms_since (start);

      start = g_get_monotonic_time ();
      {
        g_autoptr(GArray) found = sl_vehicle_ranking_filter (ranking, project, prefix, NULL, &error);

        n_filtered = found->len;
      }
      filtered[r] = ms_since (start);

      start = g_get_monotonic_time ();
      {
        guint n = sl_vehicle_ranking_get_n_vehicles (ranking);
        guint first = n / 2;
        g_auto(GStrv) plates = sl_vehicle_ranking_load_plates (project, sl_vehicle_ranking_get_vehicles (ranking) + first,
                                                               MIN (128, n - first), &error);

        g_assert_no_error (error);
      }
      page[r] = ms_since (start);
    }

  printf ("%s: %u vehicles\n", path, sl_vehicle_ranking_get_n_vehicles (ranking));
  printf ("  peer (GROUP BY, nothing kept): median %.0f ms\n", median (peer, ROUNDS));
  printf ("  ranking load: median %.0f ms (ratio to peer %.2f)\n", median (load, ROUNDS),
          median (load, ROUNDS) / median (peer, ROUNDS));
  printf ("  filter \"\": median %.1f ms; filter \"%s\" (%u vehicles): median %.1f ms; "
          "a page of 128 plates: median %.2f ms\n",
          median (all, ROUNDS), prefix, n_filtered, median (filtered, ROUNDS), median (page, ROUNDS));
}

/* 1,000,000 plates; plate p has 1 + p % 19 reads (about 10,000,000 in all),
 * written straight into the tables. Plate p starts with the letters
 * 15p mod 26 and p mod 26 after A: 1/26 of the plates start with "PB". */
static void
make_million (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (sl_project_exec (project, "PRAGMA cache_size = -1000000", &error));
  g_assert_true (sl_project_begin (project, &error));
  g_assert_true (sl_project_exec (project,
    "INSERT INTO agencies (id, name, normalized_name) VALUES (1, 'Bench PD', 'bench pd');"
    "INSERT INTO datasets (id, file_name, file_path, sha256, size_bytes, imported_at, column_mapping, "
    "  delimiter, time_zone) VALUES (1, 'bench', 'bench', printf ('%064d', 0), 0, 0, '{}', ',', 'UTC');"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
    "INSERT INTO plates (id, plate) "
    "  SELECT i, char (65 + (i * 7919) % 26) || char (65 + (i * 104729) % 26) || printf ('%07d', i) FROM n;"
    "DROP INDEX reads_by_plate_time; DROP INDEX reads_by_agency_time; DROP INDEX reads_by_cell_time;"
    "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 18999999) "
    "INSERT INTO reads (plate_id, time, latitude, longitude, cell, agency_id, dataset_id) "
    "  SELECT 1 + i % 1000000, 1547424000 + i / 4, 41.1, -73.3, "
    "         CAST ((41.1 + 90) * 100 AS INTEGER) * 36000 + CAST ((-73.3 + 180) * 100 AS INTEGER), 1, 1 "
    "  FROM n WHERE i / 1000000 < 1 + (1 + i % 1000000) % 19;"
    "CREATE INDEX reads_by_plate_time ON reads (plate_id, time);"
    "CREATE INDEX reads_by_agency_time ON reads (agency_id, time);"
    "CREATE INDEX reads_by_cell_time ON reads (cell, time);", &error));
  g_assert_no_error (error);
  g_assert_true (sl_project_commit (project, &error));
  printf ("# generated %s (%" G_GINT64_FORMAT " reads) in %.0f s\n", path,
          sl_test_query_int (project, "SELECT count(*) FROM reads"), ms_since (start) / 1000);
}

static double
peer_select (SlProject  *project,
             const char *plate)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 plate_id = sl_read_store_lookup_plate (project, plate, &error);
  g_autoptr(GArray) reads = sl_read_store_load_plate_reads (project, plate_id, &error);
  g_autoptr(SlWhatIf) what_if = sl_what_if_new_for_project (project, NULL, plate, &error);

  g_assert_no_error (error);
  g_assert_nonnull (what_if);
  return ms_since (start);
}

static void
bench_select (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlProject) check = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  GtkWidget *window = gtk_window_new ();
  SlWorkspace *workspace = g_object_new (SL_TYPE_WORKSPACE, NULL);
  GListModel *model = sl_vehicle_list_get_model (workspace->vehicle_list);
  double shown[SELECTIONS], peer[SELECTIONS], back[SELECTIONS], track[SELECTIONS], session[SELECTIONS];
  double redraw[SELECTIONS], details[SELECTIONS], map[SELECTIONS];
  g_autoptr(GPtrArray) plates = g_ptr_array_new_with_free_func (g_free);
  gint64 start;
  guint n;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (workspace));
  gtk_window_present (GTK_WINDOW (window));
  start = g_get_monotonic_time ();
  sl_workspace_set_project (workspace, project);
  while (sl_workspace_is_loading (workspace))
    g_main_context_iteration (NULL, TRUE);
  printf ("workspace: loaded after %.0f ms;", ms_since (start));
  while (sl_vehicle_list_is_loading (workspace->vehicle_list))
    g_main_context_iteration (NULL, TRUE);
  printf (" vehicle list ranked after %.0f ms\n", ms_since (start));

  n = MIN (SELECTIONS, g_list_model_get_n_items (model));
  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (model, i));
  while (sl_vehicle_list_count_pending_pages (workspace->vehicle_list) > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlVehicleItem) item = g_list_model_get_item (model, i);

      g_ptr_array_add (plates, g_strdup (sl_vehicle_item_get_plate (item)));
    }

  for (guint i = 0; i < n; i++)
    {
      const char *plate = plates->pdata[i];

      start = g_get_monotonic_time ();
      sl_workspace_show_plate (workspace, plate);
      while (g_strcmp0 (workspace->track_plate, plate) != 0)
        g_main_context_iteration (NULL, TRUE);
      track[i] = ms_since (start);
      while (sl_exposure_pane_get_what_if (workspace->exposure_pane) == NULL)
        g_main_context_iteration (NULL, TRUE);
      session[i] = ms_since (start);
      sl_test_wait_for_frame (window);
      shown[i] = ms_since (start);
      peer[i] = peer_select (check, plate);
    }
  /* Back through the history: the same path. */
  for (guint i = 0; i + 1 < n; i++)
    {
      const char *plate = plates->pdata[n - 2 - i];

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.go-back", NULL);
      while (g_strcmp0 (workspace->track_plate, plate) != 0 ||
             sl_exposure_pane_get_what_if (workspace->exposure_pane) == NULL)
        g_main_context_iteration (NULL, TRUE);
      sl_test_wait_for_frame (window);
      back[i] = ms_since (start);
    }

  /* What drawing the window costs with nothing changed. */
  for (guint i = 0; i < n; i++)
    {
      start = g_get_monotonic_time ();
      sl_test_wait_for_frame (window);
      redraw[i] = ms_since (start);
    }

  /* Which pane the frame after a selection spends on: the details
   * (exposure pane rebuilt, flow diagram laid out) or the map moved. */
  for (guint i = 0; i < n; i++)
    {
      SlWhatIf *what_if = sl_exposure_pane_get_what_if (workspace->exposure_pane);

      start = g_get_monotonic_time ();
      g_object_ref (what_if);
      sl_exposure_pane_set_what_if (workspace->exposure_pane, what_if, workspace->track_plate);
      sl_flow_diagram_set_what_if (workspace->flow_diagram, what_if);
      g_object_unref (what_if);
      sl_test_wait_for_frame (window);
      details[i] = ms_since (start);

      start = g_get_monotonic_time ();
      sl_map_view_go_to (workspace->map_view, 41.2 + (i % 2) * 0.3, -73.0 + (i % 2) * 0.4, 10 + i % 3);
      sl_test_wait_for_frame (window);
      map[i] = ms_since (start);
    }

  {
    double peer_median = median (peer, n);
    double shown_median = median (shown, n);
    double back_median = median (back, MAX (n, 2) - 1);

    printf ("select a vehicle (%u top-ranked, every pane filled and drawn): median %.0f ms, max %.0f ms\n",
            n, shown_median, shown[n - 1]);
    printf ("  of which: track on the map after median %.0f ms, exposure session after median %.0f ms\n",
            median (track, n), median (session, n));
    printf ("  a redraw of the same window with nothing changed: median %.0f ms\n", median (redraw, n));
    printf ("  the details pane rebuilt and drawn: median %.0f ms; the map moved and drawn: median %.0f ms\n",
            median (details, n), median (map, n));
    printf ("  back through the history: median %.0f ms, max %.0f ms\n", back_median, back[MAX (n, 2) - 2]);
    printf ("  peer (core work of a selection on one connection): median %.1f ms; ratio %.1f\n",
            peer_median, shown_median / peer_median);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *path = g_getenv ("SL_BENCH_PROJECT");
  g_autofree char *million = g_strdup (g_getenv ("SL_BENCH_PLATES_PROJECT"));
  g_autofree char *dir = NULL;
  g_autoptr(SlApplication) app = NULL;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* Registers the UI resources. */
  app = sl_application_new ("io.github.sightline.Sightline.ExplorerBench", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  if (path == NULL && argc > 1)
    path = argv[1];
  if (path == NULL)
    {
      fprintf (stderr, "Usage: bench-explorer PROJECT (or $SL_BENCH_PROJECT)\n");
      return 2;
    }

  bench_ranking (path, "ZN4");
  if (g_getenv ("SL_BENCH_SKIP_MILLION") == NULL)
    {
      if (million == NULL)
        {
          dir = g_dir_make_tmp ("bench-explorer-XXXXXX", NULL);
          million = g_build_filename (dir, "million.sightline", NULL);
        }
      /* Generating takes minutes: a named one is kept for the next run. */
      if (!g_file_test (million, G_FILE_TEST_EXISTS))
        make_million (million);
      bench_ranking (million, "PB");
      if (dir != NULL)
        {
          g_remove (million);
          g_rmdir (dir);
        }
    }
  bench_select (path);
  return 0;
}
