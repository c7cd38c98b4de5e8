/* test-vehicles-ui.c: choosing a vehicle (ranked list, history), the
 * as-of time and the comparison of two agencies in the workspace, and the
 * issue's end to end test, under Xvfb.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sl-application.h"
#include "sl-exposure-pane-private.h"
#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-read-store.h"
#include "sl-sharing-reads.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-vehicle-list-private.h"
#include "sl-window-private.h"
#include "sl-workspace-private.h"

#define SCENARIO "As reported, March 2019"
#define ICE "ICE Enforcement and Removal Operations"
#define WESTPORT "Westport Police Department"

static SlApplication *app;
static char *project_path;

/* A workspace in a window of its own, its project loaded and its vehicles
 * ranked. */
static SlWorkspace *
open_workspace (const char *path,
                GtkWidget **window_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  GtkWidget *window = gtk_window_new ();
  SlWorkspace *workspace = g_object_new (SL_TYPE_WORKSPACE, NULL);

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (workspace));
  gtk_window_present (GTK_WINDOW (window));
  sl_workspace_set_project (workspace, project);
  while (sl_workspace_is_loading (workspace) || sl_vehicle_list_is_loading (workspace->vehicle_list))
    g_main_context_iteration (NULL, TRUE);
  *window_out = window;
  return workspace;
}

/* Until every row of the list has its plate. */
static void
wait_for_plates (SlVehicleList *list)
{
  GListModel *model = sl_vehicle_list_get_model (list);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_object_unref (g_list_model_get_item (model, i));
  while (sl_vehicle_list_is_loading (list) || sl_vehicle_list_count_pending_pages (list) > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_track (SlWorkspace *workspace,
                const char  *plate)
{
  while (g_strcmp0 (workspace->track_plate, plate) != 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Until the details pane shows the session of @plate. */
static SlWhatIf *
wait_for_session (SlWorkspace *workspace,
                  const char  *plate)
{
  SlWhatIf *shown;

  wait_for_track (workspace, plate);
  while ((shown = sl_exposure_pane_get_what_if (workspace->exposure_pane)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return shown;
}

/* Sets the plate search's text as typing does, and waits for the list. */
static void
type_prefix (SlWorkspace *workspace,
             const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (workspace->plate_entry), text);
  /* search-changed comes after the entry's short delay. */
  while (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (workspace->plate_entry)), text) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (workspace->plate_entry, "search-changed");
  wait_for_plates (workspace->vehicle_list);
}

/* The plates of the project ranked by an independent count: plate id,
 * reads and stored plate per row, in rank order (most reads first, ties
 * by plate id). */
static GArray *
sql_ranking (const char *path,
             const char *like)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT p.id, count(*) AS n, p.plate FROM reads r JOIN plates p "
                                          "ON p.id = r.plate_id %s GROUP BY p.id ORDER BY n DESC, p.id",
                                          like != NULL ? "WHERE p.plate LIKE ?1" : "");
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (check), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (like != NULL)
    sqlite3_bind_text (stmt, 1, like, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 row[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  return rows;
}

/* The list shows exactly @expected: plate ids and read counts in order,
 * ranks over the whole project. */
static void
assert_list_is (SlVehicleList *list,
                GArray        *expected,
                GArray        *all)
{
  GListModel *model = sl_vehicle_list_get_model (list);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(SlVehicleItem) item = g_list_model_get_item (model, i);
      const gint64 *row = &g_array_index (expected, gint64, 2 * i);
      guint rank = 0;

      g_assert_cmpint (sl_vehicle_item_get_plate_id (item), ==, row[0]);
      g_assert_cmpint (sl_vehicle_item_get_n_reads (item), ==, row[1]);
      for (guint r = 0; r < all->len && rank == 0; r++)
        if (g_array_index (all, gint64, 2 * r) == row[0])
          rank = r + 1;
      g_assert_cmpuint (sl_vehicle_item_get_rank (item), ==, rank);
    }
}

static char *
stored_plate (const char *path,
              gint64      plate_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  sqlite3_stmt *stmt = NULL;
  char *plate;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (check), "SELECT plate FROM plates WHERE id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, plate_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  plate = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return plate;
}

/* The list ranks every vehicle as SQL counts them, filters by the plate
 * search's prefix (normalised as the search is), and a click shows the
 * vehicle as the search does. */
static void
test_vehicle_list (void)
{
  GtkWidget *window;
  SlWorkspace *workspace = open_workspace (project_path, &window);
  SlVehicleList *list = workspace->vehicle_list;
  GListModel *model = sl_vehicle_list_get_model (list);
  g_autoptr(GArray) all = sql_ranking (project_path, NULL);
  g_autoptr(GArray) filtered = sql_ranking (project_path, "ZN4%");
  g_autoptr(SlVehicleItem) first = NULL;
  g_autofree char *first_plate = NULL;

  g_assert_cmpuint (all->len, >, 50);
  wait_for_plates (list);
  assert_list_is (list, all, all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SlVehicleItem) item = g_list_model_get_item (model, i);
      g_autofree char *plate = stored_plate (project_path, sl_vehicle_item_get_plate_id (item));

      g_assert_cmpstr (sl_vehicle_item_get_plate (item), ==, plate);
    }
  /* Counts differ: the order is the counts', not the ids'. */
  g_assert_cmpint (g_array_index (all, gint64, 1), >, g_array_index (all, gint64, 2 * (all->len - 1) + 1));

  /* "zn-4" is how a user might type ZN4…: the search's normalisation. */
  g_assert_cmpuint (filtered->len, >, 0);
  g_assert_cmpuint (filtered->len, <, all->len);
  type_prefix (workspace, "zn-4");
  assert_list_is (list, filtered, all);

  type_prefix (workspace, "ZZZZZZ");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (
                     gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (list)))))), ==,
                   "No plate starts with “ZZZZZZ”");

  /* A click on the first row: its track and exposure, as a search. */
  type_prefix (workspace, "");
  assert_list_is (list, all, all);
  first = g_list_model_get_item (model, 0);
  first_plate = g_strdup (sl_vehicle_item_get_plate (first));
  sl_vehicle_list_activate (list, 0);
  wait_for_session (workspace, first_plate);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (workspace->track_row)), ==, first_plate);
  g_assert_cmpuint (sl_what_if_get_n_reads (sl_exposure_pane_get_what_if (workspace->exposure_pane)), ==,
                    g_array_index (all, gint64, 1));
  sl_test_render_to_png (window, "vehicles-vehicle-list.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A pseudonymised project lists pseudonyms, never plates, and a click
 * shows the vehicle by its pseudonym. */
static void
test_vehicle_list_pseudonyms (void)
{
  static const char *const plates[] = { "AB12345", "CD23456", "EF34567", "GH45678" };
  g_autofree char *csv = sl_test_temp_path ("reads.csv");
  g_autofree char *path = sl_test_temp_path ("pseudonyms.sightline");
  g_autoptr(GString) text = g_string_new ("plate,read_at,latitude,longitude,camera\n");
  g_autoptr(GArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlVehicleItem) top = NULL;
  GtkWidget *window;
  SlWorkspace *workspace;
  GListModel *model;

  /* Plate i is read 2i + 1 times: the ranking is the reverse order. */
  for (guint i = 0; i < G_N_ELEMENTS (plates); i++)
    for (guint j = 0; j < 2 * i + 1; j++)
      g_string_append_printf (text, "%s,2019-03-%02u 07:%02u:10,41.1%u,-73.3%u,CAM-%u\n",
                              plates[i], j + 1, i, i, j, i);
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  {
    g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
    g_autoptr(SlReadImporter) importer = sl_read_importer_new (csv);

    g_assert_no_error (error);
    sl_read_importer_set_owner_agency (importer, "Westport PD");
    sl_read_importer_set_pseudonymize (importer, TRUE);
    g_assert_true (sl_read_importer_run (importer, project, NULL, &error));
    g_assert_no_error (error);
  }

  workspace = open_workspace (path, &window);
  model = sl_vehicle_list_get_model (workspace->vehicle_list);
  wait_for_plates (workspace->vehicle_list);
  all = sql_ranking (path, NULL);
  assert_list_is (workspace->vehicle_list, all, all);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (plates));
  for (guint i = 0; i < G_N_ELEMENTS (plates); i++)
    {
      g_autoptr(SlVehicleItem) item = g_list_model_get_item (model, i);
      const char *shown = sl_vehicle_item_get_plate (item);
      g_autofree char *stored = stored_plate (path, sl_vehicle_item_get_plate_id (item));

      g_assert_cmpuint (sl_vehicle_item_get_n_reads (item), ==, 2 * (G_N_ELEMENTS (plates) - 1 - i) + 1);
      /* HMAC-SHA256 in hex, as stored, and no plate anywhere. */
      g_assert_cmpstr (shown, ==, stored);
      g_assert_cmpuint (strlen (shown), ==, 64);
      g_assert_cmpuint (strspn (shown, "0123456789abcdef"), ==, 64);
      for (guint p = 0; p < G_N_ELEMENTS (plates); p++)
        g_assert_null (strstr (shown, plates[p]));
    }

  /* The prefix filter finds a pseudonym by its first digits. */
  top = g_list_model_get_item (model, 0);
  {
    g_autofree char *prefix = g_strndup (sl_vehicle_item_get_plate (top), 6);

    type_prefix (workspace, prefix);
    g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
    g_object_unref (g_list_model_get_item (model, 0));
    wait_for_plates (workspace->vehicle_list);
    {
      g_autoptr(SlVehicleItem) found = g_list_model_get_item (model, 0);

      g_assert_cmpstr (sl_vehicle_item_get_plate (found), ==, sl_vehicle_item_get_plate (top));
    }
  }

  sl_vehicle_list_activate (workspace->vehicle_list, 0);
  wait_for_track (workspace, sl_vehicle_item_get_plate (top));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (workspace->track_row)), ==,
                   sl_vehicle_item_get_plate (top));
  sl_test_render_to_png (window, "vehicles-pseudonyms.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_remove (csv);
}

/* Whether the sidebar's button for @name (back or forward, beside the
 * plate search) can be clicked: the action's enabled state. */
static gboolean
action_enabled (SlWorkspace *workspace,
                const char  *name)
{
  GtkWidget *buttons = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (workspace->plate_entry)));

  sl_test_wait_for_idle ();
  for (GtkWidget *button = gtk_widget_get_first_child (buttons); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), name) == 0)
      return gtk_widget_is_sensitive (button);
  g_assert_not_reached ();
}

/* Back and forward over the vehicles shown, as a browser's. */
static void
test_history (void)
{
  static const char *const plates[] = { "ZN47301", "ZC30955", "ZL61207", "ZS52118" };
  GtkWidget *window;
  SlWorkspace *workspace = open_workspace (project_path, &window);

  g_assert_false (action_enabled (workspace, "workspace.go-back"));
  g_assert_false (action_enabled (workspace, "workspace.go-forward"));
  for (guint i = 0; i < 3; i++)
    {
      sl_workspace_show_plate (workspace, plates[i]);
      wait_for_track (workspace, plates[i]);
    }
  g_assert_true (action_enabled (workspace, "workspace.go-back"));
  g_assert_false (action_enabled (workspace, "workspace.go-forward"));

  gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.go-back", NULL);
  wait_for_track (workspace, plates[1]);
  gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.go-back", NULL);
  wait_for_track (workspace, plates[0]);
  /* The exposure pane follows the vehicle. */
  wait_for_session (workspace, plates[0]);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (workspace->track_row)), ==, plates[0]);
  g_assert_false (action_enabled (workspace, "workspace.go-back"));
  g_assert_true (action_enabled (workspace, "workspace.go-forward"));

  gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.go-forward", NULL);
  wait_for_track (workspace, plates[1]);
  g_assert_true (action_enabled (workspace, "workspace.go-back"));
  g_assert_true (action_enabled (workspace, "workspace.go-forward"));

  /* A new vehicle after going back drops what was ahead. */
  sl_workspace_show_plate (workspace, plates[3]);
  wait_for_track (workspace, plates[3]);
  g_assert_false (action_enabled (workspace, "workspace.go-forward"));
  gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.go-back", NULL);
  wait_for_track (workspace, plates[1]);
  gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.go-back", NULL);
  wait_for_track (workspace, plates[0]);
  g_assert_false (action_enabled (workspace, "workspace.go-back"));

  /* Alt+Left and Alt+Right are the workspace's shortcuts. */
  {
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (workspace));
    guint found = 0;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
            g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

            if ((g_str_equal (trigger, "<Alt>Left") && g_str_equal (action, "action(workspace.go-back)")) ||
                (g_str_equal (trigger, "<Alt>Right") && g_str_equal (action, "action(workspace.go-forward)")))
              found++;
          }
      }
    g_object_unref (controllers);
    g_assert_cmpuint (found, ==, 2);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the core computes for @node of @plate at @as_of, on its own
 * connection and session: the exposure row's count, 0 when it has none. */
static guint
core_count (const char *plate,
            const char *agency,
            gint64      as_of,
            guint      *total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlWhatIf) what_if = NULL;
  g_autoptr(GArray) reads = NULL;
  g_autoptr(GArray) rows = NULL;
  SlSharingNetwork *network;
  guint node;

  g_assert_no_error (error);
  what_if = sl_what_if_new_for_project (check, SCENARIO, plate, &error);
  g_assert_no_error (error);
  reads = sl_sharing_load_plate_reads (check, plate, &error);
  g_assert_no_error (error);
  network = sl_what_if_get_network (what_if);
  node = sl_test_node_named (network, agency);
  *total = reads->len;
  rows = sl_visibility_exposure (sl_what_if_get_visibility (what_if), (SlVisRead *) reads->data, reads->len, as_of);
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, SlExposure, i).node == node)
      return g_array_index (rows, SlExposure, i).n_reads;
  return 0;
}

static guint
node_named (SlWhatIf   *what_if,
            const char *name)
{
  return sl_test_node_named (sl_what_if_get_network (what_if), name);
}

static char *
reads_text (guint n,
            guint total)
{
  return g_strdup_printf ("%u of %u reads (%u%%)", n, total, (n * 100 + total / 2) / total);
}

/* The pane's ICE ERO row shows exactly the core's count at the session's
 * as-of time (no row when it sees nothing). */
static void
assert_pane_shows (SlWorkspace *workspace,
                   const char  *plate,
                   const char  *agency,
                   gint64       as_of)
{
  SlWhatIf *shown = sl_exposure_pane_get_what_if (workspace->exposure_pane);
  GtkListBoxRow *row = sl_exposure_pane_find_row (workspace->exposure_pane, node_named (shown, agency));
  guint total;
  guint expected = core_count (plate, agency, as_of, &total);

  g_assert_cmpint (sl_what_if_get_as_of (shown), ==, as_of);
  if (expected == 0)
    g_assert_null (row);
  else
    {
      g_autofree char *text = reads_text (expected, total);

      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, text);
    }
}

/* The as-of time moves the exposure as the core computes it, for the
 * workspace's API, the slider's playback and All Time. */
static void
test_as_of (void)
{
  GtkWidget *window;
  SlWorkspace *workspace = open_workspace (project_path, &window);
  SlWhatIf *shown;
  gint64 start, end, chosen = SL_TIME_MAX;
  guint total, all_time;

  sl_workspace_show_plate (workspace, "ZN47301");
  shown = wait_for_session (workspace, "ZN47301");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (workspace->as_of_bar)));
  g_assert_true (sl_as_of_bar_get_range (workspace->as_of_bar, &start, &end));
  g_assert_cmpint (end - start, >=, 7 * SL_SECONDS_PER_DAY);
  g_assert_cmpstr (gtk_label_get_text (sl_as_of_bar_get_label (workspace->as_of_bar)), ==,
                   "All time: every read ever visible");
  all_time = core_count ("ZN47301", ICE, SL_TIME_MAX, &total);
  g_assert_cmpuint (all_time, >, 0);

  /* A day on which ICE ERO sees some reads, but not all yet. */
  for (gint64 day = start; day < end && chosen == SL_TIME_MAX; day += SL_SECONDS_PER_DAY)
    {
      guint n = core_count ("ZN47301", ICE, day + SL_SECONDS_PER_DAY - 1, &total);

      if (n > 0 && n < all_time)
        chosen = day + SL_SECONDS_PER_DAY - 1;
    }
  g_assert_cmpint (chosen, !=, SL_TIME_MAX);
  {
    g_autoptr(GDateTime) as_of = g_date_time_new_from_unix_utc (chosen);

    sl_workspace_set_as_of (workspace, as_of);
  }
  assert_pane_shows (workspace, "ZN47301", ICE, chosen);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (sl_as_of_bar_get_label (workspace->as_of_bar)),
                                   "As of the end of "));
  g_assert_cmpint (sl_what_if_get_as_of (sl_flow_diagram_get_what_if (workspace->flow_diagram)), ==, chosen);
  sl_test_render_to_png (window, "vehicles-as-of.png");

  /* Kept for the next vehicle. */
  sl_workspace_show_plate (workspace, "ZC30955");
  wait_for_session (workspace, "ZC30955");
  assert_pane_shows (workspace, "ZC30955", ICE, chosen);
  sl_workspace_show_plate (workspace, "ZN47301");
  shown = wait_for_session (workspace, "ZN47301");

  /* Playback starts on the first day and moves a day per step. */
  sl_as_of_bar_set_playing (workspace->as_of_bar, TRUE);
  g_assert_true (sl_as_of_bar_get_playing (workspace->as_of_bar));
  assert_pane_shows (workspace, "ZN47301", ICE, start + SL_SECONDS_PER_DAY - 1);
  sl_as_of_bar_step (workspace->as_of_bar);
  assert_pane_shows (workspace, "ZN47301", ICE, start + 2 * SL_SECONDS_PER_DAY - 1);
  while (sl_as_of_bar_get_playing (workspace->as_of_bar))
    sl_as_of_bar_step (workspace->as_of_bar);
  assert_pane_shows (workspace, "ZN47301", ICE, end - 1);

  /* NULL: every read ever visible again. */
  sl_workspace_set_as_of (workspace, NULL);
  assert_pane_shows (workspace, "ZN47301", ICE, SL_TIME_MAX);
  g_assert_cmpint (sl_what_if_get_as_of (shown), ==, SL_TIME_MAX);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Westport PD and ICE ERO side by side: each column the core's count. */
static void
test_compare (void)
{
  GtkWidget *window;
  SlWorkspace *workspace = open_workspace (project_path, &window);
  SlWhatIf *shown;
  SlAgencyCompare *compare;
  const char *const agencies[] = { WESTPORT, ICE };
  guint total;

  /* Asked for before the session is there: opens once it is. */
  sl_workspace_show_plate (workspace, "ZC30955");
  sl_workspace_compare_agencies (workspace, WESTPORT, ICE);
  shown = wait_for_session (workspace, "ZC30955");
  compare = workspace->compare_window;
  g_assert_nonnull (compare);
  sl_test_wait_for_mapped (GTK_WIDGET (compare));
  for (guint c = 0; c < 2; c++)
    {
      guint n = core_count ("ZC30955", agencies[c], SL_TIME_MAX, &total);
      g_autofree char *text = reads_text (n, total);

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (sl_agency_compare_get_agency (compare, c), ==, node_named (shown, agencies[c]));
      g_assert_cmpstr (sl_agency_compare_get_text (compare, c, SL_COMPARE_FIELD_READS), ==, text);
      g_assert_true (g_str_has_prefix (sl_agency_compare_get_text (compare, c, SL_COMPARE_FIELD_INFERENCES),
                                       "Likely home: "));
    }
  g_assert_cmpstr (sl_agency_compare_get_text (compare, 1, SL_COMPARE_FIELD_GROUP), ==,
                   sl_viewer_group_to_title (SL_VIEWER_GROUP_IMMIGRATION));
  g_assert_true (g_str_has_prefix (sl_agency_compare_get_text (compare, 0, SL_COMPARE_FIELD_PATHS), "Its own: "));
  sl_test_render_to_png (GTK_WIDGET (compare), "vehicles-compare.png");

  /* An as-of time shows in both columns. */
  {
    gint64 start, end;
    g_autoptr(GDateTime) as_of = NULL;

    g_assert_true (sl_as_of_bar_get_range (workspace->as_of_bar, &start, &end));
    as_of = g_date_time_new_from_unix_utc (start + 3 * SL_SECONDS_PER_DAY - 1);
    sl_workspace_set_as_of (workspace, as_of);
    for (guint c = 0; c < 2; c++)
      {
        guint n = core_count ("ZC30955", agencies[c], start + 3 * SL_SECONDS_PER_DAY - 1, &total);
        g_autofree char *text = reads_text (n, total);

        g_assert_cmpstr (sl_agency_compare_get_text (compare, c, SL_COMPARE_FIELD_READS), ==, text);
      }
    sl_workspace_set_as_of (workspace, NULL);
  }
  gtk_window_destroy (GTK_WINDOW (compare));
  while (workspace->compare_window != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* From the pane: select Westport's row, Compare…; the second column is
   * the immigration viewer that sees most, and can be changed. */
  {
    GtkListBoxRow *row = sl_exposure_pane_find_row (workspace->exposure_pane, node_named (shown, WESTPORT));
    GtkButton *button = sl_exposure_pane_get_compare_button (workspace->exposure_pane);

    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));
    gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
    g_signal_emit_by_name (button, "clicked");
    compare = workspace->compare_window;
    g_assert_nonnull (compare);
    g_assert_cmpuint (sl_agency_compare_get_agency (compare, 0), ==, node_named (shown, WESTPORT));
    g_assert_cmpuint (sl_agency_compare_get_agency (compare, 1), ==, node_named (shown, ICE));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The comparison's "What it can infer" for @agency, from the core's
 * inference with @thresholds on a connection and session of its own. */
static char *
core_inferences (const char                  *plate,
                 const char                  *agency,
                 const SlInferenceThresholds *thresholds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlWhatIf) what_if = NULL;
  g_autoptr(GArray) reads = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(SlInference) inference = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const SlInferenceAnchor *anchors[2];
  const char *titles[2] = { "Likely home", "Likely work" };
  SlInferenceView view;
  gint64 plate_id;

  g_assert_no_error (error);
  what_if = sl_what_if_new_for_project (check, SCENARIO, plate, &error);
  g_assert_no_error (error);
  plate_id = sl_read_store_lookup_plate (check, plate, &error);
  g_assert_no_error (error);
  view = (SlInferenceView) { sl_what_if_get_visibility (what_if), node_named (what_if, agency), SL_TIME_MAX };
  reads = sl_inference_load_reads (check, plate_id, &view, &error);
  g_assert_no_error (error);
  zone = sl_inference_get_time_zone (check);
  inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, thresholds);
  anchors[0] = &inference->home;
  anchors[1] = &inference->work;
  for (guint i = 0; i < 2; i++)
    {
      const SlInferencePlace *place;

      if (!anchors[i]->found)
        {
          g_string_append_printf (text, "%s: not found\n", titles[i]);
          continue;
        }
      place = &g_array_index (inference->places, SlInferencePlace, anchors[i]->place);
      g_string_append_printf (text, "%s: %.4f, %.4f (%u%% confidence, %u day%s)\n", titles[i],
                              place->latitude, place->longitude, (guint) (anchors[i]->confidence * 100 + 0.5),
                              anchors[i]->n_days, anchors[i]->n_days == 1 ? "" : "s");
    }
  g_string_append_printf (text, "%u place%s, from %u reads on %u days", inference->places->len,
                          inference->places->len == 1 ? "" : "s", inference->n_reads, inference->n_days);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The comparison's inferences use the thresholds in Preferences, as the
 * inference pane does, and follow a change of them. */
static void
test_compare_thresholds (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  const char *const agencies[] = { WESTPORT, ICE };
  g_autofree char *before_ice = NULL;
  SlInferenceThresholds thresholds;
  SlAgencyCompare *compare;
  GtkWidget *window;
  SlWorkspace *workspace = open_workspace (project_path, &window);

  /* Not the defaults: from 17:00 to 09:00 the commute's ends count as
   * nights, and ICE ERO has a likely home. */
  g_settings_set_int (settings, "inference-night-start-hour", 17);
  g_settings_set_int (settings, "inference-night-end-hour", 9);
  sl_workspace_show_plate (workspace, "ZN47301");
  sl_workspace_compare_agencies (workspace, WESTPORT, ICE);
  wait_for_session (workspace, "ZN47301");
  compare = workspace->compare_window;
  g_assert_nonnull (compare);
  sl_inference_thresholds_load (&thresholds, settings);
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *expected = core_inferences ("ZN47301", agencies[c], &thresholds);

      g_assert_cmpstr (sl_agency_compare_get_text (compare, c, SL_COMPARE_FIELD_INFERENCES), ==, expected);
    }
  before_ice = g_strdup (sl_agency_compare_get_text (compare, 1, SL_COMPARE_FIELD_INFERENCES));
  g_assert_true (g_str_has_prefix (before_ice, "Likely home: 4"));
  sl_test_wait_for_frame (GTK_WIDGET (compare));
  sl_test_render_to_png (GTK_WIDGET (compare), "vehicles-compare-thresholds.png");

  /* Back to the default nights, 20:00 to 06:00: ICE ERO's column changes
   * at once, to exactly what the core infers with them. */
  g_settings_reset (settings, "inference-night-start-hour");
  g_settings_reset (settings, "inference-night-end-hour");
  sl_inference_thresholds_init (&thresholds);
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *expected = core_inferences ("ZN47301", agencies[c], &thresholds);

      g_assert_cmpstr (sl_agency_compare_get_text (compare, c, SL_COMPARE_FIELD_INFERENCES), ==, expected);
    }
  g_assert_cmpstr (sl_agency_compare_get_text (compare, 1, SL_COMPARE_FIELD_INFERENCES), !=, before_ice);
  g_assert_true (g_str_has_prefix (sl_agency_compare_get_text (compare, 1, SL_COMPARE_FIELD_INFERENCES),
                                   "Likely home: not found\n"));


  gtk_window_destroy (GTK_WINDOW (window));
}

/* The test: open the demo project, choose a story vehicle, choose
 * ICE ERO, untick the edge it sees the vehicle through, and check the
 * numbers shown against the core's. */
static void
test_end_to_end (void)
{
  SlWindow *window = sl_window_new (app);
  SlWorkspace *workspace = window->workspace;
  GListModel *model = sl_vehicle_list_get_model (workspace->vehicle_list);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = NULL;
  g_autoptr(SlWhatIf) expected = NULL;
  SlWhatIf *shown;
  GtkListBoxRow *row;
  GtkButton *untick;
  guint position = G_MAXUINT;
  guint ice, before, after, total;
  gint64 owner_id, ice_id;
  g_autofree char *text = NULL;
  g_autofree char *banner = NULL;

  g_setenv ("SIGHTLINE_DEMO_PROJECT", project_path, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-demo", NULL);
  while (sl_window_get_project (window) == NULL || sl_workspace_is_loading (workspace) ||
         sl_vehicle_list_is_loading (workspace->vehicle_list))
    g_main_context_iteration (NULL, TRUE);

  /* The story vehicle, found by typing the start of its plate. */
  type_prefix (workspace, "ZN473");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SlVehicleItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (sl_vehicle_item_get_plate (item), "ZN47301") == 0)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  sl_vehicle_list_activate (workspace->vehicle_list, position);
  shown = wait_for_session (workspace, "ZN47301");

  /* ICE ERO: the map shows only what it sees, the pane selects its row. */
  ice = node_named (shown, ICE);
  sl_workspace_select_agency (workspace, ICE);
  while (sl_workspace_is_inferring (workspace))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (sl_exposure_pane_get_selected_node (workspace->exposure_pane), ==, ice);
  row = sl_exposure_pane_find_row (workspace->exposure_pane, ice);
  g_assert_nonnull (row);

  /* The core's numbers, before and after the same untick, on a session
   * of its own. */
  check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  expected = sl_what_if_new_for_project (check, SCENARIO, "ZN47301", &error);
  g_assert_no_error (error);
  total = sl_what_if_get_n_reads (expected);
  before = sl_what_if_find_exposure (expected, ice)->n_reads;
  text = reads_text (before, total);
  g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, text);
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, before);
  {
    g_autoptr(GArray) owners = sl_what_if_dup_direct_owners (shown, ice);

    g_assert_cmpuint (owners->len, >, 0);
    owner_id = g_array_index (owners, gint64, 0);
  }
  ice_id = sl_sharing_network_get_node (sl_what_if_get_network (expected), ice)->id;
  g_assert_true (sl_what_if_untick (expected, owner_id, ice_id));
  after = sl_what_if_find_exposure (expected, ice) != NULL ? sl_what_if_find_exposure (expected, ice)->n_reads : 0;
  g_assert_cmpuint (after, <, before);

  untick = sl_exposure_row_get_untick_button (row);
  g_assert_nonnull (untick);
  g_signal_emit_by_name (untick, "clicked");
  sl_test_wait_for_idle ();
  while (sl_workspace_is_inferring (workspace))
    g_main_context_iteration (NULL, TRUE);
  row = sl_exposure_pane_find_row (workspace->exposure_pane, ice);
  g_clear_pointer (&text, g_free);
  text = reads_text (after, total);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, text);
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, after);
  /* What follows ";" or "." is about the likely home. */
  banner = g_strdup_printf ("%s sees %u of %u reads (%u%%) instead of %u (%u%%)", ICE,
                            after, total, (after * 100 + total / 2) / total, before, (before * 100 + total / 2) / total);
  g_assert_true (gtk_revealer_get_reveal_child (workspace->what_if_banner));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (workspace->what_if_label), banner));
  sl_test_render_to_png (GTK_WIDGET (window), "vehicles-end-to-end.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A project whose national pool lists thousands of agencies
 * (generate-demo --agencies 5000): every pane of a selection stays a few
 * dozen widgets, and the sidebar lists the owners of reads and one row for
 * the rest. */
static void
test_5000_agencies (void)
{
  g_autofree char *dir = g_path_get_dirname (project_path);
  g_autofree char *path = g_build_filename (dir, "agencies.sightline", NULL);
  g_autofree char *other_title = NULL;
  GtkWidget *window;
  SlWorkspace *workspace;
  SlWhatIf *shown;
  SlAgencyCompare *compare;
  GArray *exposure;
  guint group_sizes[SL_N_VIEWER_GROUPS] = { 0 };
  guint n_rows = 0, n_owners, expected_rows = 0;
  gint64 start;

  sl_test_write_demo_project_with_agencies (path, 100, 7, 5000);
  start = g_get_monotonic_time ();
  workspace = open_workspace (path, &window);
  g_test_message ("5,000 agencies: project shown after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* The sidebar: each owner of reads, then "4,9xx other agencies". */
  {
    g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, NULL);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT count(DISTINCT agency_id) FROM reads",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    n_owners = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
  }
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (workspace->agencies_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, n_owners + 1);
  other_title = g_strdup_printf ("%u other agencies", 5000 - n_owners);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_last_child (
                     GTK_WIDGET (workspace->agencies_list)))), ==, other_title);

  /* A story vehicle whose owners share with the pool: thousands see it,
   * the pane and the diagram show three per kind and a fold. */
  start = g_get_monotonic_time ();
  sl_workspace_show_plate (workspace, "ZC30955");
  shown = wait_for_session (workspace, "ZC30955");
  g_test_message ("5,000 agencies: vehicle's session shown after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  exposure = sl_what_if_get_exposure (shown);
  g_assert_cmpuint (exposure->len, >, 4500);
  for (guint i = 0; i < exposure->len; i++)
    group_sizes[sl_what_if_get_group (shown, g_array_index (exposure, SlExposure, i).node)]++;
  for (guint g = 0; g < SL_N_VIEWER_GROUPS; g++)
    expected_rows += MIN (group_sizes[g], 3);
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (workspace->exposure_pane), ==, expected_rows);
  g_assert_cmpuint (expected_rows, <=, 3 * SL_N_VIEWER_GROUPS);
  g_assert_nonnull (sl_exposure_pane_find_more_button (workspace->exposure_pane, SL_VIEWER_GROUP_MUNICIPAL));
  sl_test_render_to_png (window, "vehicles-5000-agencies.png");

  /* Compare: the choosers hold every viewer and search by name. */
  sl_workspace_compare_agencies (workspace, WESTPORT, ICE);
  while ((compare = workspace->compare_window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  sl_test_wait_for_mapped (GTK_WIDGET (compare));
  for (guint c = 0; c < 2; c++)
    {
      GtkDropDown *chooser = sl_agency_compare_get_chooser (compare, c);

      g_assert_true (gtk_drop_down_get_enable_search (chooser));
      g_assert_nonnull (gtk_drop_down_get_expression (chooser));
      g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (chooser)), ==, exposure->len);
    }
  g_assert_cmpuint (sl_agency_compare_get_agency (compare, 1), ==, node_named (shown, ICE));
  gtk_window_destroy (GTK_WINDOW (compare));
  while (workspace->compare_window != NULL)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  sl_test_ui_init (&argc, &argv);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  app = sl_test_ui_new_application ("io.github.sightline.Sightline.VehiclesTest", G_APPLICATION_NON_UNIQUE);

  /* A small demo project made by the core generator. */
  dir = g_dir_make_tmp ("vehicles-ui-XXXXXX", NULL);
  project_path = g_build_filename (dir, "demo.sightline", NULL);
  sl_test_write_demo_project (project_path, 100, 7);

  g_test_add_func ("/explorer/vehicle-list", test_vehicle_list);
  g_test_add_func ("/explorer/vehicle-list-pseudonyms", test_vehicle_list_pseudonyms);
  g_test_add_func ("/explorer/history", test_history);
  g_test_add_func ("/explorer/as-of", test_as_of);
  g_test_add_func ("/explorer/compare", test_compare);
  g_test_add_func ("/explorer/compare-thresholds", test_compare_thresholds);
  g_test_add_func ("/explorer/end-to-end", test_end_to_end);
  g_test_add_func ("/explorer/5000-agencies", test_5000_agencies);

  status = g_test_run ();

  sl_test_remove_tree (dir);
  g_free (project_path);
  g_object_unref (app);
  return status;
}
