/* test-agency-view.c: the vehicle exposure explorer in a window on a
 * generated demo project, under Xvfb: one agency's view on the map, its
 * inferences, thresholds from Preferences, the what-if banner, undo and
 * redo, and saving the edits as a scenario.
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
#include "sl-inference-pane-private.h"
#include "sl-preferences-window.h"
#include "sl-project-worker.h"
#include "sl-read-store.h"
#include "sl-sharing-network.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-window-private.h"
#include "sl-workspace-private.h"

#define PLATE "ZN47301"
#define SCENARIO "As reported, March 2019"
#define ICE "ICE Enforcement and Removal Operations"
#define WETHERSFIELD "Wethersfield Police Department"

static SlApplication *app;
static char *project_path;

static void
iterate_until_idle (void)
{
  sl_test_wait_for_idle ();
}

static SlWindow *
open_window (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (project_path);
  SlWindow *window = sl_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  while (sl_workspace_is_loading (window->workspace))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

static void
wait_for_session (SlWorkspace *workspace,
                  const char  *scenario)
{
  while (g_strcmp0 (workspace->track_plate, PLATE) != 0 || workspace->what_if == NULL ||
         g_strcmp0 (sl_sharing_network_get_scenario (sl_what_if_get_network (workspace->what_if)), scenario) != 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_inference (SlWorkspace *workspace)
{
  while (sl_workspace_is_inferring (workspace))
    g_main_context_iteration (NULL, TRUE);
}

static guint
node_named (SlSharingNetwork *network,
            const char       *name)
{
  return sl_test_node_named (network, name);
}

static gint64
agency_id (SlSharingNetwork *network,
           const char       *name)
{
  return sl_sharing_network_get_node (network, node_named (network, name))->id;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* What the core says @agency can use of the vehicle under @network, on a
 * connection of its own. */
static GArray *
core_visible_reads (SlSharingNetwork *network,
                    const char       *agency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlVisibility) visibility = sl_visibility_new (network);
  SlInferenceView view = { visibility, node_named (network, agency), SL_TIME_MAX };
  gint64 plate_id;
  GArray *reads;

  g_assert_no_error (error);
  plate_id = sl_read_store_lookup_plate (check, PLATE, &error);
  g_assert_no_error (error);
  reads = sl_inference_load_reads (check, plate_id, &view, &error);
  g_assert_no_error (error);
  return reads;
}

static SlInference *
core_inference (SlSharingNetwork            *network,
                const char                  *agency,
                const SlInferenceThresholds *thresholds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlVisibility) visibility = sl_visibility_new (network);
  SlInferenceView view = { visibility, node_named (network, agency), SL_TIME_MAX };
  SlInference *inference;
  gint64 plate_id;

  g_assert_no_error (error);
  plate_id = sl_read_store_lookup_plate (check, PLATE, &error);
  g_assert_no_error (error);
  inference = sl_inference_run (check, plate_id, &view, thresholds, &error);
  g_assert_no_error (error);
  return inference;
}

static char *
anchor_title (const SlInference       *inference,
              const SlInferenceAnchor *anchor)
{
  const SlInferencePlace *place;

  if (!anchor->found)
    return g_strdup ("Not enough evidence");
  place = &g_array_index (inference->places, SlInferencePlace, anchor->place);
  return sl_inference_pane_format_place (place->latitude, place->longitude);
}

static SlTrackLayer *
find_track_layer (SlWorkspace *workspace)
{
  ShumateMap *map = sl_map_view_get_map (workspace->map_view);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SL_IS_TRACK_LAYER (child))
      return SL_TRACK_LAYER (child);
  g_assert_not_reached ();
}

static void
render_page (SlWindow   *window,
             const char *page,
             const char *png)
{
  SlMapView *view = window->workspace->map_view;
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (view), sl_test_count_frame, &frames, NULL);

  sl_workspace_show_page (window->workspace, page);
  /* A few frames first: the map moves to the track, then fetches tiles. */
  while (frames < 4 || !sl_map_view_is_ready (view))
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (view), id);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->workspace->details_stack), ==, page);
  sl_test_wait_for_frame (GTK_WIDGET (window));
  sl_test_render_to_png (GTK_WIDGET (window), png);
}

/* Selecting ICE ERO: the map has exactly the reads the core says it sees,
 * the inference pane the core's home and work, and Show All Reads goes
 * back. Each page is rendered to a PNG to look at. */
static void
test_agency_view (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) shown = NULL;
  g_autoptr(SlInference) independent = NULL;
  g_autofree char *label = NULL;
  g_autofree char *home = NULL;
  g_autofree char *work = NULL;
  SlInferenceThresholds defaults;
  const SlInference *pane_inference;
  SlWindow *window = open_window ();
  SlWorkspace *workspace = window->workspace;
  SlReadSet *reads;
  guint total;

  g_assert_no_error (error);
  network = sl_sharing_network_load (check, SCENARIO, &error);
  g_assert_no_error (error);

  sl_workspace_select_scenario (workspace, SCENARIO);
  sl_workspace_show_plate (workspace, PLATE);
  /* Asked before the session is ready: applies when it is. */
  sl_workspace_select_agency (workspace, ICE);
  wait_for_session (workspace, SCENARIO);
  wait_for_inference (workspace);
  total = sl_what_if_get_n_reads (workspace->what_if);

  /* The map: the core's set, exactly. */
  expected = core_visible_reads (network, ICE);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (expected->len, <, total);
  g_assert_cmpuint (expected->len, ==,
                    sl_what_if_find_exposure (workspace->what_if, node_named (network, ICE))->n_reads);
  reads = sl_map_view_get_reads (workspace->map_view);
  g_assert_true (reads == workspace->agency_reads);
  g_assert_cmpuint (sl_read_set_get_n_reads (reads), ==, expected->len);
  shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < sl_read_set_get_n_reads (reads); i++)
    {
      gint64 id = sl_read_set_get_ids (reads)[i];

      g_array_append_val (shown, id);
    }
  g_array_sort (shown, compare_ids);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (shown, gint64, i), ==, g_array_index (expected, SlInferenceRead, i).id);
  g_assert_cmpuint (sl_track_layer_get_n_points (find_track_layer (workspace)), ==, expected->len);
  g_assert_true (gtk_widget_get_visible (workspace->agency_filter_box));
  label = g_strdup_printf ("Showing what " ICE " sees: %u of %u reads", expected->len, total);
  g_assert_cmpstr (gtk_label_get_text (workspace->agency_filter_label), ==, label);
  g_assert_cmpuint (sl_exposure_pane_get_selected_node (workspace->exposure_pane), ==, node_named (network, ICE));

  /* The inference pane: the core's results, computed independently. */
  sl_inference_thresholds_init (&defaults);
  independent = core_inference (network, ICE, &defaults);
  pane_inference = sl_inference_pane_get_inference (workspace->inference_pane);
  g_assert_nonnull (pane_inference);
  g_assert_cmpuint (pane_inference->n_reads, ==, expected->len);
  home = anchor_title (independent, &independent->home);
  work = anchor_title (independent, &independent->work);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sl_inference_pane_get_home_row (workspace->inference_pane))),
                   ==, home);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sl_inference_pane_get_work_row (workspace->inference_pane))),
                   ==, work);
  g_assert_cmpuint (pane_inference->home.n_window_reads, ==, independent->home.n_window_reads);
  g_assert_cmpuint (pane_inference->work.n_window_reads, ==, independent->work.n_window_reads);
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (sl_inference_pane_get_places_list (workspace->inference_pane), 0);
    const SlInferencePlace *top = &g_array_index (independent->places, SlInferencePlace, 0);
    g_autofree char *title = sl_inference_pane_format_place (top->latitude, top->longitude);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, title);
  }
  g_assert_cmpuint (pane_inference->places->len, ==, independent->places->len);
  g_assert_cmpuint (sl_inference_pane_get_n_place_rows (workspace->inference_pane), ==,
                    MIN (independent->places->len, 5));
  g_assert_true (pane_inference->has_uniqueness);
  g_assert_cmpuint (pane_inference->n_sharing_top_places, ==, independent->n_sharing_top_places);
  g_assert_cmpuint (pane_inference->companions->len, ==, independent->companions->len);
  g_assert_nonnull (workspace->places_layer);
  g_assert_cmpuint (sl_geography_get_n_features (sl_overlay_layer_get_geography (workspace->places_layer)), ==,
                    MIN (independent->places->len, 5));

  render_page (window, "exposure", "agency-view-exposure.png");
  render_page (window, "flow", "agency-view-flow.png");
  render_page (window, "inference", "agency-view-inference.png");

  /* The whole diagram, in a window of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.open-flow-window", NULL));
  {
    GList *toplevels = gtk_window_list_toplevels ();
    GtkWindow *flow_window = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (GTK_IS_SCROLLED_WINDOW (gtk_window_get_child (l->data)) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
        flow_window = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (flow_window);
    g_assert_cmpstr (gtk_window_get_title (flow_window), ==, "Who Sees " PLATE);
    sl_test_wait_for_frame (GTK_WIDGET (flow_window));
    sl_test_render_to_png (GTK_WIDGET (flow_window), "agency-view-flow-window.png");
    gtk_window_destroy (flow_window);
  }

  /* An agency the scenario does not have: nothing on the map, and no
   * other agency's inferences left in the pane. */
  sl_workspace_select_agency (workspace, "Nowhere Police Department");
  g_assert_cmpstr (gtk_label_get_text (workspace->agency_filter_label), ==,
                   "Nowhere Police Department is not in this scenario’s sharing network");
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, 0);
  g_assert_cmpuint (sl_track_layer_get_n_points (find_track_layer (workspace)), ==, 0);
  g_assert_null (sl_inference_pane_get_inference (workspace->inference_pane));
  g_assert_cmpstr (gtk_label_get_text (sl_inference_pane_get_status_label (workspace->inference_pane)), ==,
                   "Nowhere Police Department is not in this scenario’s sharing network");
  g_assert_false (sl_workspace_is_inferring (workspace));

  /* Back to every read. */
  g_signal_emit_by_name (workspace->all_reads_button, "clicked");
  g_assert_false (gtk_widget_get_visible (workspace->agency_filter_box));
  g_assert_true (sl_map_view_get_reads (workspace->map_view) == workspace->contents->reads);
  g_assert_cmpuint (sl_track_layer_get_n_points (find_track_layer (workspace)), ==, total);
  g_assert_null (sl_inference_pane_get_inference (workspace->inference_pane));
  g_assert_null (workspace->places_layer);
  g_assert_cmpuint (sl_exposure_pane_get_selected_node (workspace->exposure_pane), ==, G_MAXUINT);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

/* The vehicle's reads that exist at @as_of, worked out here from the
 * owners' retentions in @network: taken by then, and less than the
 * owner's retention days before (for ever when unknown or unlisted). */
static GArray *
reads_existing (GArray           *reads,
                SlSharingNetwork *network,
                gint64            as_of)
{
  GArray *held = g_array_new (FALSE, FALSE, sizeof (SlRead));

  for (guint i = 0; i < reads->len; i++)
    {
      const SlRead *read = &g_array_index (reads, SlRead, i);
      guint node;
      int days = SL_RETENTION_UNKNOWN;

      if (sl_sharing_network_find_agency (network, read->agency_id, &node))
        days = sl_sharing_network_get_node (network, node)->retention_days;
      if (read->time <= as_of && (days == SL_RETENTION_UNKNOWN || as_of < read->time + (gint64) days * SL_SECONDS_PER_DAY))
        g_array_append_val (held, *read);
    }
  return held;
}

/* The track layer has exactly @expected (SlRead), in order. */
static void
assert_track_is (SlWorkspace *workspace,
                 GArray      *expected)
{
  SlTrackLayer *layer = find_track_layer (workspace);

  g_assert_cmpuint (sl_track_layer_get_n_points (layer), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const SlRead *read = &g_array_index (expected, SlRead, i);
      SlTrackPoint point;

      sl_track_layer_get_point (layer, i, &point);
      g_assert_cmpint (point.time, ==, read->time);
      /* The layer keeps projected positions: the same to a millimetre. */
      g_assert_cmpfloat_with_epsilon (point.latitude, read->latitude, 1e-8);
      g_assert_cmpfloat_with_epsilon (point.longitude, read->longitude, 1e-8);
    }
}

static char *
format_day (gint64 time)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%-d %b %Y");
}

/* The as-of time is what exists then, with or without an agency: the
 * track, its summary and (with ICE ERO) the map's reads, at the end of 13
 * and 17 January 2019 (before the vehicle's first read; mid-week) and of
 * 30 April 2019 (local days, UTC in tests) (past Wethersfield's and Newington's 90 days, within
 * Hartford's 365), exactly as the owners' retentions give them. */
static void
test_track_as_of (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(SlVisibility) visibility = NULL;
  g_autoptr(GArray) reads = NULL;
  const int days[][3] = { { 2019, 1, 13 }, { 2019, 1, 17 }, { 2019, 4, 30 } };
  SlWindow *window = open_window ();
  SlWorkspace *workspace = window->workspace;
  gint64 plate_id;

  g_assert_no_error (error);
  network = sl_sharing_network_load (check, SCENARIO, &error);
  g_assert_no_error (error);
  visibility = sl_visibility_new (network);
  plate_id = sl_read_store_lookup_plate (check, PLATE, &error);
  g_assert_no_error (error);
  reads = sl_read_store_load_plate_reads (check, plate_id, &error);
  g_assert_no_error (error);

  sl_workspace_select_scenario (workspace, SCENARIO);
  sl_workspace_show_plate (workspace, PLATE);
  wait_for_session (workspace, SCENARIO);
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      /* The end of a local day, as the as-of slider sets. */
      g_autoptr(GDateTime) as_of = g_date_time_new_local (days[d][0], days[d][1], days[d][2], 23, 59, 59);
      gint64 t = g_date_time_to_unix (as_of);
      g_autoptr(GArray) held = reads_existing (reads, network, t);
      g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) ice_sees = NULL;
      g_autoptr(GArray) ice_track = g_array_new (FALSE, FALSE, sizeof (SlRead));
      g_autofree char *summary = NULL;
      SlInferenceView view = { visibility, node_named (network, ICE), t };
      SlReadSet *set;

      /* The core's own test agrees. */
      for (guint i = 0; i < reads->len; i++)
        {
          const SlRead *read = &g_array_index (reads, SlRead, i);
          gboolean in = FALSE;

          for (guint j = 0; j < held->len; j++)
            in |= g_array_index (held, SlRead, j).id == read->id;
          g_assert_true (in == sl_inference_owner_holds (visibility, plate_id, read->time, read->agency_id, t));
        }
      if (d == 0)
        {
          g_assert_cmpuint (held->len, ==, 0);
          summary = g_strdup_printf ("None of its %u reads at the as-of time", reads->len);
        }
      else
        {
          g_autofree char *first = format_day (g_array_index (held, SlRead, 0).time);
          g_autofree char *last = format_day (g_array_index (held, SlRead, held->len - 1).time);

          g_assert_cmpuint (held->len, >, 0);
          g_assert_cmpuint (held->len, <, reads->len);
          summary = g_strdup_printf ("%u of %u reads at the as-of time, %s – %s", held->len, reads->len, first, last);
        }
      if (d == 2)
        {
          /* Only Hartford's (365 days) are left. */
          for (guint j = 0; j < held->len; j++)
            g_assert_cmpint (g_array_index (held, SlRead, j).agency_id, ==,
                             sl_sharing_network_get_node (network, node_named (network, "Hartford Police Department"))->id);
        }

      /* No agency: the vehicle's track as it exists then. */
      sl_workspace_select_agency (workspace, NULL);
      sl_workspace_set_as_of (workspace, as_of);
      g_assert_false (gtk_widget_get_visible (workspace->agency_filter_box));
      assert_track_is (workspace, held);
      g_assert_cmpstr (adw_action_row_get_subtitle (workspace->track_row), ==, summary);
      if (d == 2)
        render_page (window, "exposure", "agency-view-track-as-of.png");

      /* ICE ERO: the map's reads are the ids the core says it sees then,
       * a subset of those that exist; the summary stays the vehicle's. */
      sl_workspace_select_agency (workspace, ICE);
      wait_for_inference (workspace);
      ice_sees = sl_inference_load_reads (check, plate_id, &view, &error);
      g_assert_no_error (error);
      set = sl_map_view_get_reads (workspace->map_view);
      g_assert_true (set == workspace->agency_reads);
      for (guint i = 0; i < sl_read_set_get_n_reads (set); i++)
        {
          gint64 id = sl_read_set_get_ids (set)[i];

          g_array_append_val (shown, id);
        }
      g_array_sort (shown, compare_ids);
      g_assert_cmpuint (shown->len, ==, ice_sees->len);
      for (guint i = 0; i < ice_sees->len; i++)
        {
          gint64 id = g_array_index (ice_sees, SlInferenceRead, i).id;
          gboolean exists = FALSE;

          g_assert_cmpint (g_array_index (shown, gint64, i), ==, id);
          for (guint j = 0; j < held->len; j++)
            if (g_array_index (held, SlRead, j).id == id)
              {
                exists = TRUE;
                g_array_append_val (ice_track, g_array_index (held, SlRead, j));
              }
          g_assert_true (exists);
        }
      assert_track_is (workspace, ice_track);
      g_assert_cmpstr (adw_action_row_get_subtitle (workspace->track_row), ==, summary);
    }

  /* All Time: every read again. */
  sl_workspace_select_agency (workspace, NULL);
  sl_workspace_set_as_of (workspace, NULL);
  assert_track_is (workspace, reads);
  {
    g_autofree char *first = format_day (g_array_index (reads, SlRead, 0).time);
    g_autofree char *last = format_day (g_array_index (reads, SlRead, reads->len - 1).time);
    g_autofree char *summary = g_strdup_printf ("%u reads, %s – %s", reads->len, first, last);

    g_assert_cmpstr (adw_action_row_get_subtitle (workspace->track_row), ==, summary);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static GtkSpinButton *
find_spin_button (GtkWidget  *widget,
                  const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found;

      if (GTK_IS_SPIN_BUTTON (child) && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return GTK_SPIN_BUTTON (child);
      if ((found = find_spin_button (child, id)) != NULL)
        return found;
    }
  return NULL;
}

/* A threshold set in Preferences recomputes the shown inference with it. */
static void
test_thresholds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(SlInference) independent = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autofree char *home = NULL;
  SlInferenceThresholds thresholds;
  SlWindow *window = open_window ();
  SlWorkspace *workspace = window->workspace;
  GtkWidget *preferences;
  GtkSpinButton *night_start;
  GtkSpinButton *night_end;
  const SlInference *shown;

  g_assert_no_error (error);
  network = sl_sharing_network_load (check, SCENARIO, &error);
  g_assert_no_error (error);
  sl_workspace_select_scenario (workspace, SCENARIO);
  sl_workspace_show_plate (workspace, PLATE);
  wait_for_session (workspace, SCENARIO);
  sl_workspace_select_agency (workspace, ICE);
  wait_for_inference (workspace);
  /* The story vehicle is read on its commute: no night-time reads. */
  shown = sl_inference_pane_get_inference (workspace->inference_pane);
  g_assert_false (shown->home.found);
  g_assert_cmpuint (shown->home.n_window_reads, ==, 0);

  /* A night from 17:00 to 09:00 takes in the commute's ends. */
  preferences = GTK_WIDGET (sl_preferences_window_new (settings));
  gtk_window_present (GTK_WINDOW (preferences));
  night_start = find_spin_button (preferences, "night_start_spin");
  night_end = find_spin_button (preferences, "night_end_spin");
  g_assert_nonnull (night_start);
  g_assert_nonnull (night_end);
  g_assert_cmpfloat (gtk_spin_button_get_value (night_start), ==, 20);
  g_assert_cmpfloat (gtk_spin_button_get_value (night_end), ==, 6);
  gtk_spin_button_set_value (night_start, 17);
  gtk_spin_button_set_value (night_end, 9);
  g_assert_cmpint (g_settings_get_int (settings, "inference-night-start-hour"), ==, 17);
  g_assert_cmpint (g_settings_get_int (settings, "inference-night-end-hour"), ==, 9);
  g_assert_true (sl_workspace_is_inferring (workspace));
  wait_for_inference (workspace);

  sl_inference_thresholds_load (&thresholds, settings);
  independent = core_inference (network, ICE, &thresholds);
  shown = sl_inference_pane_get_inference (workspace->inference_pane);
  g_assert_cmpuint (shown->thresholds.night_start_hour, ==, 17);
  g_assert_cmpuint (shown->thresholds.night_end_hour, ==, 9);
  g_assert_true (independent->home.found);
  g_assert_true (shown->home.found);
  g_assert_cmpuint (shown->home.n_days, ==, independent->home.n_days);
  home = anchor_title (independent, &independent->home);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sl_inference_pane_get_home_row (workspace->inference_pane))),
                   ==, home);
  render_page (window, "inference", "agency-view-inference-home.png");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "inference");
  sl_test_wait_for_frame (preferences);
  sl_test_render_to_png (preferences, "agency-view-preferences.png");

  /* The whole pane, routine heatmap included, in a tall window. */
  {
    GtkWidget *tall = gtk_window_new ();
    GtkWidget *pane = sl_inference_pane_new ();

    gtk_window_set_default_size (GTK_WINDOW (tall), 360, 1500);
    gtk_window_set_child (GTK_WINDOW (tall), pane);
    sl_inference_pane_set_inference (SL_INFERENCE_PANE (pane), core_inference (network, ICE, &thresholds), ICE);
    gtk_window_present (GTK_WINDOW (tall));
    sl_test_wait_for_frame (tall);
    sl_test_render_to_png (tall, "agency-view-inference-pane.png");
    gtk_window_destroy (GTK_WINDOW (tall));
  }

  g_settings_reset (settings, "inference-night-start-hour");
  g_settings_reset (settings, "inference-night-end-hour");
  wait_for_inference (workspace);
  g_assert_false (sl_inference_pane_get_inference (workspace->inference_pane)->home.found);

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

/* Renders @window with the inference pane scrolled to its end, where the
 * uniqueness row is. */
static void
render_pane_end (SlWindow   *window,
                 const char *png)
{
  GtkWidget *pane = GTK_WIDGET (window->workspace->inference_pane);
  GtkWidget *scroller = gtk_widget_get_first_child (pane);
  GtkAdjustment *adjustment;

  render_page (window, "inference", png);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  sl_test_wait_for_frame (GTK_WIDGET (window));
  sl_test_render_to_png (GTK_WIDGET (window), png);
}

/* The uniqueness row's title for @inference, in the pane's words. */
static char *
uniqueness_title (const SlInference *inference)
{
  if (inference->places->len < 2)
    return g_strdup ("Fewer than two places: no top-two pair to compare");
  if (inference->n_sharing_top_places <= 1)
    return g_strdup ("The only vehicle in the project with these two top places");
  return g_strdup_printf ("One of %u vehicles in the project with these two top places",
                          inference->n_sharing_top_places);
}

/* The pane shows @agency's inference, and its uniqueness figure as the
 * core counts it with a complete memo of top places (@memo). */
static void
assert_uniqueness_shown (SlWorkspace      *workspace,
                         SlSharingNetwork *network,
                         const char       *agency,
                         SlInferenceCache *memo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlInference) plain = NULL;
  g_autoptr(SlInference) counted = NULL;
  g_autofree char *title = NULL;
  const SlInference *shown = sl_inference_pane_get_inference (workspace->inference_pane);
  AdwActionRow *row = sl_inference_pane_get_uniqueness_row (workspace->inference_pane);
  gint64 plate_id;

  g_assert_no_error (error);
  plate_id = sl_read_store_lookup_plate (check, PLATE, &error);
  g_assert_no_error (error);
  plain = core_inference (network, agency, NULL);
  counted = sl_inference_dup_top_places (plain);
  g_assert_true (sl_inference_compute_uniqueness_cached (counted, check, plate_id, memo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->n_reads, ==, plain->n_reads);
  g_assert_true (shown->has_uniqueness);
  /* The figure is the plain count's; its candidates the memo's. */
  g_assert_cmpuint (shown->n_sharing_top_places, ==, plain->n_sharing_top_places);
  g_assert_cmpuint (shown->n_uniqueness_candidates, ==, counted->n_uniqueness_candidates);
  title = uniqueness_title (plain);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row),
                                   "Rule: vehicles whose two top places are within 500 m of these two"));
}

/* While the memo of top places is cold (held after one step of one run of
 * plates), selecting an agency shows every other inference at once and
 * "Counting vehicles… N%" in the uniqueness row, N as far as the core's
 * memo is after the same step; released, the row fills in for the agency
 * then selected; once the memo is ready, an inference comes with its
 * figure. */
static void
test_uniqueness_while_warming (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(GFile) file = g_file_new_for_path (project_path);
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(SlInferenceCache) memo = sl_inference_cache_new ();
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *counting = NULL;
  g_autofree char *counting2 = NULL;
  const char *const agencies[] = { ICE, WETHERSFIELD };
  SlWindow *window = sl_window_new (app);
  SlWorkspace *workspace = window->workspace;
  AdwActionRow *row = sl_inference_pane_get_uniqueness_row (workspace->inference_pane);
  gboolean done = FALSE;

  g_assert_no_error (error);
  network = sl_sharing_network_load (check, SCENARIO, &error);
  g_assert_no_error (error);
  /* How far the core's memo is after one run of plates. */
  zone = sl_inference_get_time_zone (check);
  g_assert_true (sl_inference_cache_warm (memo, check, zone, NULL, 0, &done, &error));
  g_assert_no_error (error);
  g_assert_false (done);
  counting = g_strdup_printf ("Counting vehicles… %u%%", (guint) (sl_inference_cache_get_progress (memo) * 100));
  g_assert_true (sl_inference_cache_warm (memo, check, zone, NULL, 0, &done, &error));
  g_assert_no_error (error);
  g_assert_false (done);
  counting2 = g_strdup_printf ("Counting vehicles… %u%%", (guint) (sl_inference_cache_get_progress (memo) * 100));
  g_assert_cmpstr (counting, !=, counting2);

  /* Held before the project opens: exactly one step, then none. */
  sl_workspace_limit_warming (workspace, 1);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  while (sl_workspace_is_loading (workspace) || workspace->warming || workspace->warm_progress == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (workspace->memo_ready);

  sl_workspace_select_scenario (workspace, SCENARIO);
  sl_workspace_show_plate (workspace, PLATE);
  wait_for_session (workspace, SCENARIO);
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    {
      g_autoptr(SlInference) plain = core_inference (network, agencies[i], NULL);
      g_autofree char *home = anchor_title (plain, &plain->home);
      g_autofree char *work = anchor_title (plain, &plain->work);
      const SlInference *shown;

      sl_workspace_select_agency (workspace, agencies[i]);
      while (workspace->inference_serial_done != workspace->inference_serial)
        g_main_context_iteration (NULL, TRUE);
      sl_test_wait_for_idle ();

      /* Everything but uniqueness, as the core infers it. */
      shown = sl_inference_pane_get_inference (workspace->inference_pane);
      g_assert_nonnull (shown);
      g_assert_cmpuint (plain->places->len, >=, 2);
      g_assert_cmpuint (shown->n_reads, ==, plain->n_reads);
      g_assert_cmpuint (shown->places->len, ==, plain->places->len);
      g_assert_cmpuint (shown->companions->len, ==, plain->companions->len);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sl_inference_pane_get_home_row (workspace->inference_pane))),
                       ==, home);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sl_inference_pane_get_work_row (workspace->inference_pane))),
                       ==, work);
      /* The uniqueness row says it is being counted, and how far. */
      g_assert_false (shown->has_uniqueness);
      g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP)));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, counting);
      g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                       "The top two places of every vehicle in the project are worked out once after it opens; "
                       "the figure follows, the other inferences do not wait for it.");
      g_assert_true (sl_workspace_is_inferring (workspace));
      g_assert_false (workspace->memo_ready);
      if (i == 0)
        render_pane_end (window, "agency-view-uniqueness-counting.png");
    }

  /* One more step: the row follows the warming. */
  sl_workspace_limit_warming (workspace, 1);
  g_assert_true (workspace->warming);
  while (workspace->warming)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (workspace->memo_ready);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, counting2);
  g_assert_false (sl_inference_pane_get_inference (workspace->inference_pane)->has_uniqueness);

  /* Released: the row fills in for the agency still selected. */
  sl_workspace_limit_warming (workspace, G_MAXUINT);
  wait_for_inference (workspace);
  g_assert_true (workspace->memo_ready);
  done = FALSE;
  while (!done)
    {
      g_assert_true (sl_inference_cache_warm (memo, check, zone, NULL, 0, &done, &error));
      g_assert_no_error (error);
    }
  assert_uniqueness_shown (workspace, network, WETHERSFIELD, memo);
  render_pane_end (window, "agency-view-uniqueness-counted.png");

  /* Ready: the next inference comes with its figure. */
  sl_workspace_select_agency (workspace, ICE);
  while (workspace->inference_serial_done != workspace->inference_serial)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sl_workspace_is_inferring (workspace));
  assert_uniqueness_shown (workspace, network, ICE, memo);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

/* A window on the project, loaded and ranked, with the memo held cold. */
static SlWindow *
open_window_cold (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (project_path);
  SlWindow *window = sl_window_new (app);
  SlWorkspace *workspace = window->workspace;

  sl_workspace_limit_warming (workspace, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  while (sl_workspace_is_loading (workspace) || sl_vehicle_list_is_loading (workspace->vehicle_list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (workspace->warming);
  return window;
}

/* Instead of hanging: a selection that waited for the gate never ends. */
static gboolean
selection_waited (gpointer user_data)
{
  g_error ("The selection waited for the long job on the reading thread");
  return G_SOURCE_REMOVE;
}

/* While the reading thread is held in a long job, with a re-ranking of the
 * vehicles and a step of the memo queued behind it, a vehicle selected with
 * an agency gets its track, its session and the agency's inference (the
 * uniqueness figure deferred); released, the ranking and the memo follow
 * and the figure fills in. */
static void
test_selection_while_reading (void)
{
  SlWindow *window = open_window_cold ();
  SlWorkspace *workspace = window->workspace;
  const SlInference *shown;
  SlTestGate *gate;
  guint guard;

  g_assert_cmpuint (g_list_model_get_n_items (sl_vehicle_list_get_model (workspace->vehicle_list)), >, 0);
  gate = sl_test_gate_hold (workspace->reader);
  sl_vehicle_list_load (workspace->vehicle_list, workspace->worker, workspace->reader, workspace->cancellable);
  sl_workspace_limit_warming (workspace, 1);
  g_assert_true (workspace->warming);
  g_assert_cmpuint (g_list_model_get_n_items (sl_vehicle_list_get_model (workspace->vehicle_list)), ==, 0);

  guard = g_timeout_add_seconds (60, selection_waited, NULL);
  sl_workspace_select_scenario (workspace, SCENARIO);
  sl_workspace_select_agency (workspace, ICE);
  sl_workspace_show_plate (workspace, PLATE);
  wait_for_session (workspace, SCENARIO);
  while (workspace->inference_serial_done != workspace->inference_serial)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);

  /* Everything shown, the long jobs still behind the gate. */
  shown = sl_inference_pane_get_inference (workspace->inference_pane);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->n_reads, >, 0);
  g_assert_false (shown->has_uniqueness);
  g_assert_true (sl_workspace_is_inferring (workspace));
  g_assert_true (workspace->warming);
  g_assert_true (sl_vehicle_list_is_loading (workspace->vehicle_list));
  g_assert_cmpuint (g_list_model_get_n_items (sl_vehicle_list_get_model (workspace->vehicle_list)), ==, 0);

  sl_test_gate_release (gate);
  while (workspace->warming || sl_vehicle_list_is_loading (workspace->vehicle_list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (sl_vehicle_list_get_model (workspace->vehicle_list)), >, 0);

  sl_workspace_limit_warming (workspace, G_MAXUINT);
  wait_for_inference (workspace);
  g_assert_true (workspace->memo_ready);
  g_assert_true (sl_inference_pane_get_inference (workspace->inference_pane)->has_uniqueness);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

/* On two cores the reader's warming would take the CPU a selection needs:
 * a step that ends while a selection's task waits on the worker (held at a
 * gate here) queues no next step until the selection is answered. */
static void
test_warming_waits_for_selection (void)
{
  SlWindow *window = open_window_cold ();
  SlWorkspace *workspace = window->workspace;
  SlTestGate *gate = sl_test_gate_hold (workspace->worker);
  double progress;

  /* The plate's task waits behind the gate; one step runs and pauses. */
  sl_workspace_show_plate (workspace, PLATE);
  g_assert_cmpuint (workspace->n_selection_tasks, ==, 1);
  sl_workspace_limit_warming (workspace, 2);
  g_assert_true (workspace->warming);
  while (workspace->warming)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (workspace->warm_paused);
  progress = workspace->warm_progress;
  g_assert_cmpfloat (progress, >, 0);
  g_assert_cmpfloat (progress, <, 1);
  iterate_until_idle ();
  g_assert_false (workspace->warming);
  g_assert_cmpfloat (workspace->warm_progress, ==, progress);

  /* Released: the selection is answered, then the second step runs. */
  sl_test_gate_release (gate);
  while (workspace->n_selection_tasks > 0 || workspace->warm_paused)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (workspace->what_if);
  g_assert_true (workspace->warming);
  while (workspace->warming)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (workspace->warm_progress, >, progress);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static guint
percent (guint part,
         guint whole)
{
  return (part * 100 + whole / 2) / whole;
}

/* Unticking Wethersfield → ICE ERO with ICE ERO selected: the banner states
 * the difference and what became of the likely home, computed here from
 * the core; Ctrl+Z and Ctrl+Shift+Z undo and redo; Save as Scenario keeps
 * the edits in the project, refusing a taken name. */
static void
test_what_if_and_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) check = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(SlSharingNetwork) edited = NULL;
  g_autoptr(GArray) before_reads = NULL;
  g_autoptr(GArray) after_reads = NULL;
  g_autoptr(SlInference) home_before = NULL;
  g_autoptr(SlInference) home_after = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  SlInferenceThresholds defaults;
  const SlInferencePlace *a, *b;
  double moved;
  SlWindow *window = open_window ();
  SlWorkspace *workspace = window->workspace;
  SlScenarioEdit edit = { SL_SCENARIO_EDIT_REMOVE_EDGE, 0, 0, 0, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                          SL_PROVENANCE_ASSUMED, NULL, SL_RETENTION_UNKNOWN, NULL };
  GtkWidget *dialog = NULL;
  guint total;

  g_assert_no_error (error);
  network = sl_sharing_network_load (check, SCENARIO, &error);
  g_assert_no_error (error);
  edit.agency_id = agency_id (network, WETHERSFIELD);
  edit.recipient_agency_id = agency_id (network, ICE);
  edited = sl_sharing_network_copy (network);
  sl_sharing_network_apply_edit (edited, &edit);
  before_reads = core_visible_reads (network, ICE);
  after_reads = core_visible_reads (edited, ICE);
  g_assert_cmpuint (after_reads->len, <, before_reads->len);
  /* Nights from 17:00 to 09:00, so that ICE ERO has a likely home. */
  g_settings_set_int (settings, "inference-night-start-hour", 17);
  g_settings_set_int (settings, "inference-night-end-hour", 9);
  sl_inference_thresholds_load (&defaults, settings);
  home_before = core_inference (network, ICE, &defaults);
  home_after = core_inference (edited, ICE, &defaults);

  sl_workspace_select_scenario (workspace, SCENARIO);
  sl_workspace_show_plate (workspace, PLATE);
  sl_workspace_select_agency (workspace, ICE);
  wait_for_session (workspace, SCENARIO);
  wait_for_inference (workspace);
  total = sl_what_if_get_n_reads (workspace->what_if);
  g_assert_false (sl_what_if_can_undo (workspace->what_if));

  sl_workspace_untick (workspace, WETHERSFIELD, ICE);
  wait_for_inference (workspace);
  g_assert_true (gtk_revealer_get_reveal_child (workspace->what_if_banner));
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, after_reads->len);

  /* What the core's two inferences say became of the home. */
  g_assert_true (home_before->home.found);
  g_assert_true (home_after->home.found);
  a = &g_array_index (home_before->places, SlInferencePlace, home_before->home.place);
  b = &g_array_index (home_after->places, SlInferencePlace, home_after->home.place);
  /* Without Wethersfield's direct reads, ICE ERO's likely home is
   * another place: the banner gives how far it moved, as the core says. */
  moved = sl_inference_distance_m (a->latitude, a->longitude, b->latitude, b->longitude);
  g_assert_cmpfloat (moved, >, defaults.cell_size_m);
  banner = g_strdup_printf (ICE " sees %u of %u reads (%u%%) instead of %u (%u%%); "
                            "its likely home moves %.1f km.",
                            after_reads->len, total, percent (after_reads->len, total),
                            before_reads->len, percent (before_reads->len, total), moved / 1000);
  g_assert_cmpstr (gtk_label_get_text (workspace->what_if_label), ==, banner);
  render_page (window, "exposure", "agency-view-what-if.png");

  /* Ctrl+Z, Ctrl+Shift+Z. */
  g_assert_true (sl_what_if_can_undo (workspace->what_if));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.undo", NULL));
  wait_for_inference (workspace);
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, before_reads->len);
  g_assert_cmpuint (sl_what_if_get_n_edits (workspace->what_if), ==, 0);
  g_assert_true (sl_what_if_can_redo (workspace->what_if));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.redo", NULL));
  wait_for_inference (workspace);
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, after_reads->len);
  g_assert_cmpstr (gtk_label_get_text (workspace->what_if_label), ==, banner);
  {
    /* The accelerators are the workspace's, wherever the focus is. */
    GtkEventController *controller = NULL;
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (workspace));
    gboolean has_undo = FALSE, has_redo = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        controller = g_list_model_get_item (controllers, i);
        if (GTK_IS_SHORTCUT_CONTROLLER (controller))
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

              has_undo |= g_str_equal (trigger, "<Control>z");
              has_redo |= g_str_equal (trigger, "<Shift><Control>z");
            }
        g_object_unref (controller);
      }
    g_object_unref (controllers);
    g_assert_true (has_undo);
    g_assert_true (has_redo);
  }

  /* Save as Scenario: the dialog refuses empty and taken names. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.save-scenario", NULL));
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "sl-entry"), SCENARIO);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_cmpstr (gtk_label_get_text (g_object_get_data (G_OBJECT (dialog), "sl-problem")), ==,
                   "A scenario named “" SCENARIO "” already exists");
  sl_test_render_to_png (dialog, "agency-view-save-dialog.png");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "sl-entry"), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  problem = sl_workspace_check_scenario_name (workspace, "  ");
  g_assert_cmpstr (problem, ==, "Enter a name for the scenario");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "sl-entry"), "Without ICE ");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  iterate_until_idle ();

  /* In the sidebar, selected, with the edit applied by the scenario. */
  {
    GtkListBoxRow *selected = gtk_list_box_get_selected_row (workspace->scenarios_list);

    g_assert_nonnull (selected);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (selected)), ==, "Without ICE");
  }
  wait_for_session (workspace, "Without ICE");
  wait_for_inference (workspace);
  g_assert_cmpuint (sl_what_if_get_n_edits (workspace->what_if), ==, 0);
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, after_reads->len);

  /* A taken name is refused with the exact message. */
  g_assert_false (sl_workspace_save_scenario (workspace, "Without ICE", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "A scenario named “Without ICE” already exists");
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();

  /* Reopened, the project still has it. */
  window = open_window ();
  workspace = window->workspace;
  {
    guint found = 0;
    g_autoptr(SlProject) reopened = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
    g_autoptr(SlSharingNetwork) saved = NULL;

    g_assert_no_error (error);
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (workspace->scenarios_list)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Without ICE") == 0)
        found++;
    g_assert_cmpuint (found, ==, 1);
    saved = sl_sharing_network_load (reopened, "Without ICE", &error);
    g_assert_no_error (error);
    g_clear_pointer (&after_reads, g_array_unref);
    after_reads = core_visible_reads (saved, ICE);
    g_assert_cmpuint (after_reads->len, <, before_reads->len);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
  g_settings_reset (settings, "inference-night-start-hour");
  g_settings_reset (settings, "inference-night-end-hour");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  sl_test_ui_init (&argc, &argv);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  app = sl_test_ui_new_application ("io.github.sightline.Sightline.AgencyViewTest",
                                    G_APPLICATION_NON_UNIQUE);

  /* A small demo project made by the core generator. */
  dir = g_dir_make_tmp ("agency-view-XXXXXX", NULL);
  project_path = g_build_filename (dir, "demo.sightline", NULL);
  sl_test_write_demo_project (project_path, 100, 7);

  g_test_add_func ("/agency-view/agency-view", test_agency_view);
  g_test_add_func ("/agency-view/track-as-of", test_track_as_of);
  g_test_add_func ("/agency-view/thresholds", test_thresholds);
  g_test_add_func ("/agency-view/uniqueness-while-warming", test_uniqueness_while_warming);
  g_test_add_func ("/agency-view/selection-while-reading", test_selection_while_reading);
  g_test_add_func ("/agency-view/warming-waits-for-selection", test_warming_waits_for_selection);
  g_test_add_func ("/agency-view/what-if-and-save", test_what_if_and_save);

  status = g_test_run ();

  sl_test_remove_tree (dir);
  g_free (project_path);
  g_object_unref (app);
  return status;
}
