/* test-exposure-ui.c: the "who can see this car" pane and the sharing flow
 * diagram on a generated demo project, under Xvfb.
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
#include "sl-flow-diagram-private.h"
#include "sl-sharing-reads.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"

static SlApplication *app;
static char *project_path;

static SlWhatIf *
open_session (SlProject **project_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (project_path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  SlWhatIf *what_if;

  g_assert_no_error (error);
  what_if = sl_what_if_new_for_project (project, "As reported, March 2019", "ZN47301", &error);
  g_assert_no_error (error);
  if (project_out != NULL)
    *project_out = g_steal_pointer (&project);
  return what_if;
}

static char *
expected_reads (guint n,
                guint total)
{
  return g_strdup_printf ("%u of %u reads (%u%%)", n, total, (n * 100 + total / 2) / total);
}

static guint
node_named (SlWhatIf   *what_if,
            const char *name)
{
  return sl_test_node_named (sl_what_if_get_network (what_if), name);
}

/* A group's fold: 30 more rows of @n_hidden, counted as the locale groups
 * digits ("2,494" in English, "2494" in the C locale of the tests). */
static void
assert_more_label (GtkButton *more,
                   guint      n_hidden)
{
  g_autofree char *expected = g_strdup_printf ("Show 30 more of %'u agencies", n_hidden);

  g_assert_nonnull (more);
  g_assert_cmpstr (gtk_button_get_label (more), ==, expected);
}

/* The diagram folds @n_hidden agencies of @group into one box. */
static void
assert_fold (SlFlowDiagram *diagram,
             SlViewerGroup  group,
             guint          n_hidden,
             const char    *kind)
{
  g_autofree char *expected = g_strdup_printf ("%'u more %s", n_hidden, kind);

  g_assert_cmpstr (sl_flow_diagram_get_fold_label (diagram, group), ==, expected);
}

static void
on_agency_selected (SlExposurePane *pane,
                    guint           node,
                    guint          *selected)
{
  *selected = node;
}

static void
test_pane (void)
{
  g_autoptr(SlWhatIf) what_if = open_session (NULL);
  GtkWidget *window = gtk_window_new ();
  SlExposurePane *pane = SL_EXPOSURE_PANE (sl_exposure_pane_new ());
  GArray *exposure = sl_what_if_get_exposure (what_if);
  guint total = sl_what_if_get_n_reads (what_if);
  guint ice = node_named (what_if, "ICE Enforcement and Removal Operations");
  guint wethersfield = node_named (what_if, "Wethersfield Police Department");
  guint selected = G_MAXUINT;
  guint before, after;
  g_autofree char *banner = NULL;
  g_autofree char *ice_text = NULL;
  GtkListBoxRow *row;
  GtkButton *untick;

  gtk_window_set_default_size (GTK_WINDOW (window), 460, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pane));
  sl_exposure_pane_set_what_if (pane, what_if, "ZN47301");
  g_signal_connect (pane, "agency-selected", G_CALLBACK (on_agency_selected), &selected);
  gtk_window_present (GTK_WINDOW (window));

  /* One row per viewer, showing exactly the core's counts. */
  g_assert_cmpuint (exposure->len, >, 3);
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, exposure->len);
  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row_exposure = &g_array_index (exposure, SlExposure, i);
      g_autofree char *text = expected_reads (row_exposure->n_reads, total);

      row = sl_exposure_pane_find_row (pane, row_exposure->node);
      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_name_label (row)), ==,
                       sl_sharing_network_get_node (sl_what_if_get_network (what_if), row_exposure->node)->name);
      g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, text);
      g_assert_cmpfloat (gtk_level_bar_get_value (sl_exposure_row_get_bar (row)), ==, row_exposure->n_reads);
    }

  /* ICE ERO: highlighted, direct from Wethersfield, which can untick it. */
  row = sl_exposure_pane_find_row (pane, ice);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "immigration"));
  g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_how_label (row)), ==,
                   "Shared directly by Wethersfield Police Department");
  g_assert_null (sl_exposure_row_get_untick_button (sl_exposure_pane_find_row (pane, wethersfield)));
  /* Tooltips on the name, the path and Untick; every one shown. */
  g_assert_cmpstr (sl_exposure_row_get_tooltip (GTK_WIDGET (sl_exposure_row_get_name_label (row))), ==,
                   "ICE Enforcement and Removal Operations");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sl_exposure_row_get_name_label (row))));
  g_assert_cmpstr (sl_exposure_row_get_tooltip (GTK_WIDGET (sl_exposure_row_get_how_label (row))), ==,
                   "Wethersfield Police Department → ICE Enforcement and Removal Operations");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sl_exposure_row_get_how_label (row))));
  g_assert_cmpstr (sl_exposure_row_get_tooltip (GTK_WIDGET (sl_exposure_row_get_untick_button (row))), ==,
                   "Remove ICE Enforcement and Removal Operations from Wethersfield Police Department’s sharing list");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sl_exposure_row_get_untick_button (row))));
  sl_test_render_to_png (window, "exposure-pane.png");

  /* Filtering by name. */
  sl_exposure_pane_set_filter_text (pane, "ENFORCEMENT");
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, 1);
  g_assert_nonnull (sl_exposure_pane_find_row (pane, ice));
  sl_exposure_pane_set_filter_text (pane, NULL);
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, exposure->len);
  /* The filter rebuilt the rows. */
  row = sl_exposure_pane_find_row (pane, ice);

  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  g_assert_cmpuint (selected, ==, ice);

  /* Untick from the row: the numbers and the banner follow. */
  before = sl_what_if_find_exposure (what_if, ice)->n_reads;
  untick = sl_exposure_row_get_untick_button (row);
  g_assert_nonnull (untick);
  /* What a click does (activate would wait for the press animation); the
   * pane acts once the click is over. */
  g_signal_emit_by_name (untick, "clicked");
  sl_test_wait_for_idle ();
  after = sl_what_if_find_exposure (what_if, ice)->n_reads;
  g_assert_cmpuint (after, <, before);
  g_assert_cmpuint (after, >, 0);
  row = sl_exposure_pane_find_row (pane, ice);
  ice_text = expected_reads (after, total);
  g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, ice_text);
  g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_how_label (row)), ==,
                   "Re-shared by State Fusion Center (illustrative)");
  banner = g_strdup_printf ("ICE Enforcement and Removal Operations sees %u of %u reads (%u%%) instead of %u (%u%%).",
                            after, total, (after * 100 + total / 2) / total, before, (before * 100 + total / 2) / total);
  g_assert_true (gtk_info_bar_get_revealed (sl_exposure_pane_get_banner (pane)));
  g_assert_cmpstr (gtk_label_get_text (sl_exposure_pane_get_banner_label (pane)), ==, banner);
  /* The selection survives the rebuild. */
  g_assert_cmpuint (sl_exposure_pane_get_selected_node (pane), ==, ice);
  g_assert_true (gtk_list_box_row_is_selected (row));
  sl_test_render_to_png (window, "exposure-pane-unticked.png");

  /* Undo from the banner restores the scenario's numbers. */
  gtk_info_bar_response (sl_exposure_pane_get_banner (pane), 1);
  g_assert_cmpuint (sl_what_if_find_exposure (what_if, ice)->n_reads, ==, before);
  row = sl_exposure_pane_find_row (pane, ice);
  g_clear_pointer (&ice_text, g_free);
  ice_text = expected_reads (before, total);
  g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, ice_text);
  g_assert_false (sl_what_if_can_undo (what_if));

  /* The pool's unlisted members: Wethersfield can leave the pool. The
   * expected count comes from the engine on the scenario with that edit. */
  {
    guint unlisted = node_named (what_if, "500 unlisted members of Vendor national pool");
    gint64 wethersfield_id = sl_sharing_network_get_node (sl_what_if_get_network (what_if), wethersfield)->id;
    gint64 pool_id = sl_sharing_network_get_node (sl_what_if_get_network (what_if),
                                                  node_named (what_if, "Vendor national pool"))->id;
    SlScenarioEdit edit = { SL_SCENARIO_EDIT_STOP_POOL_SHARING, wethersfield_id, 0, pool_id,
                            SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX, SL_PROVENANCE_ASSUMED,
                            NULL, SL_RETENTION_UNKNOWN, NULL };
    g_autoptr(SlSharingNetwork) network = sl_sharing_network_copy (sl_what_if_get_network (what_if));
    g_autoptr(SlVisibility) vis = NULL;
    g_autoptr(GArray) rows = NULL;
    g_autofree char *text = NULL;
    guint expected = 0;

    sl_sharing_network_apply_edit (network, &edit);
    vis = sl_visibility_new (network);
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlProject) project = sl_project_open (project_path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
      g_autoptr(GArray) reads = sl_sharing_load_plate_reads (project, "ZN47301", &error);

      g_assert_no_error (error);
      rows = sl_visibility_exposure (vis, (SlVisRead *) reads->data, reads->len, SL_TIME_MAX);
    }
    for (guint i = 0; i < rows->len; i++)
      if (g_array_index (rows, SlExposure, i).node == unlisted)
        expected = g_array_index (rows, SlExposure, i).n_reads;

    row = sl_exposure_pane_find_row (pane, unlisted);
    g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_how_label (row)), ==,
                     "Through the pool Vendor national pool");
    untick = sl_exposure_row_get_untick_button (row);
    g_assert_cmpstr (gtk_button_get_label (untick), ==, "_Leave pool");
    g_signal_emit_by_name (untick, "clicked");
    sl_test_wait_for_idle ();
    g_assert_cmpuint (sl_what_if_get_n_edits (what_if), ==, 1);
    row = sl_exposure_pane_find_row (pane, unlisted);
    g_assert_nonnull (row);
    text = expected_reads (expected, total);
    g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, text);
    g_test_message ("%s", gtk_label_get_text (sl_exposure_pane_get_banner_label (pane)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_node_activated (SlFlowDiagram *diagram,
                   guint          node,
                   guint         *activated)
{
  *activated = node;
}

static void
test_flow_diagram (void)
{
  g_autoptr(SlWhatIf) what_if = open_session (NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  SlFlowDiagram *diagram = SL_FLOW_DIAGRAM (sl_flow_diagram_new ());
  guint ice = node_named (what_if, "ICE Enforcement and Removal Operations");
  guint activated = G_MAXUINT;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "flow-diagram-export.png", NULL);
  g_autofree char *svg = g_test_build_filename (G_TEST_BUILT, "flow-diagram-export.svg", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
  g_autofree char *svg_text = NULL;
  double x, y;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (diagram));
  sl_flow_diagram_set_what_if (diagram, what_if);
  g_signal_connect (diagram, "node-activated", G_CALLBACK (on_node_activated), &activated);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_render_to_png (window, "flow-diagram.png");

  /* Clicking where ICE ERO is drawn activates it; so does the keyboard. */
  g_assert_true (sl_flow_diagram_get_node_position (diagram, ice, &x, &y));
  g_assert_cmpuint (sl_flow_diagram_node_at (diagram, x, y), ==, ice);
  g_assert_cmpuint (sl_flow_diagram_node_at (diagram, 1, 1), ==, G_MAXUINT);
  sl_flow_diagram_activate_at (diagram, x, y);
  g_assert_cmpuint (activated, ==, ice);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (diagram)));

  g_assert_true (sl_flow_diagram_export (diagram, png_file, SL_FLOW_DIAGRAM_FORMAT_PNG, &error));
  g_assert_no_error (error);
  g_assert_true (sl_flow_diagram_export (diagram, svg_file, SL_FLOW_DIAGRAM_FORMAT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* 412 municipal recipients: the tail folds into one box, which unfolds on
 * a click. */
static void
test_flow_diagram_long_tail (void)
{
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_new ();
  g_autoptr(SlWhatIf) what_if = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  SlFlowDiagram *diagram = SL_FLOW_DIAGRAM (sl_flow_diagram_new ());
  SlVisRead reads[10];
  guint first_town, last_town, third_town, fourth_town, town_33, town_34;
  double x, y, third_y;

  sl_sharing_network_add_agency (network, 1, "Owner Police Department", 30, FALSE);
  sl_sharing_network_add_agency (network, 2, "ICE Enforcement and Removal Operations", 30, FALSE);
  for (gint64 id = 100; id < 100 + 412; id++)
    {
      g_autofree char *name = g_strdup_printf ("Town %03d Police Department", (int) (id - 99));
      SlSharingEdge edge = { 1, id, 0, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                             SL_PROVENANCE_ASSUMED, NULL, NULL };

      sl_sharing_network_add_agency (network, id, name, 30, FALSE);
      sl_sharing_network_add_edge (network, &edge);
    }
  {
    SlSharingEdge edge = { 1, 2, 0, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                           SL_PROVENANCE_ASSUMED, NULL, NULL };

    sl_sharing_network_add_edge (network, &edge);
  }
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    reads[i] = (SlVisRead) { 1, (gint64) (i + 1) * SL_SECONDS_PER_DAY, 1 };

  what_if = sl_what_if_new (network);
  sl_what_if_set_agency_type (what_if, 2, SL_AGENCY_TYPE_FEDERAL);
  for (gint64 id = 100; id < 100 + 412; id++)
    sl_what_if_set_agency_type (what_if, id, SL_AGENCY_TYPE_MUNICIPAL_POLICE);
  sl_what_if_set_reads (what_if, reads, G_N_ELEMENTS (reads));

  g_assert_true (sl_sharing_network_find_agency (network, 100, &first_town));
  g_assert_true (sl_sharing_network_find_agency (network, 102, &third_town));
  g_assert_true (sl_sharing_network_find_agency (network, 103, &fourth_town));
  g_assert_true (sl_sharing_network_find_agency (network, 132, &town_33));
  g_assert_true (sl_sharing_network_find_agency (network, 133, &town_34));
  g_assert_true (sl_sharing_network_find_agency (network, 100 + 411, &last_town));

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 500);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (diagram));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  sl_flow_diagram_set_what_if (diagram, what_if);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_render_to_png (window, "flow-diagram-long-tail.png");

  /* Past 100 recipients, three towns by name, then the fold. */
  g_assert_true (sl_flow_diagram_get_node_position (diagram, first_town, &x, &y));
  g_assert_true (sl_flow_diagram_get_node_position (diagram, third_town, &x, &third_y));
  g_assert_false (sl_flow_diagram_get_node_position (diagram, fourth_town, &x, &y));
  g_assert_false (sl_flow_diagram_get_node_position (diagram, last_town, &x, &y));
  assert_fold (diagram, SL_VIEWER_GROUP_MUNICIPAL, 409, "municipal agencies");
  g_assert_null (sl_flow_diagram_get_fold_label (diagram, SL_VIEWER_GROUP_IMMIGRATION));

  /* The folded box is the next one down (box height 28 + gap 6); a click
   * unfolds 30 more. */
  g_assert_cmpuint (sl_flow_diagram_node_at (diagram, x, third_y + 34), ==, G_MAXUINT);
  sl_flow_diagram_activate_at (diagram, x, third_y + 34);
  g_assert_true (sl_flow_diagram_get_node_position (diagram, fourth_town, &x, &y));
  g_assert_true (sl_flow_diagram_get_node_position (diagram, town_33, &x, &y));
  g_assert_false (sl_flow_diagram_get_node_position (diagram, town_34, &x, &y));
  g_assert_false (sl_flow_diagram_get_node_position (diagram, last_town, &x, &y));
  assert_fold (diagram, SL_VIEWER_GROUP_MUNICIPAL, 379, "municipal agencies");

  /* Past 100 agencies the pane shows 3 towns and folds the rest, which
   * unfold 30 at a time; building times are reported, not asserted (a row
   * is a dozen widgets). */
  {
    SlExposurePane *pane = SL_EXPOSURE_PANE (g_object_ref_sink (sl_exposure_pane_new ()));
    gint64 start = g_get_monotonic_time ();
    GtkButton *more;

    sl_exposure_pane_set_what_if (pane, what_if, "TEST");
    g_test_message ("pane with %u rows built in %.1f ms", sl_exposure_pane_get_n_rows (pane),
                    (g_get_monotonic_time () - start) / 1000.0);
    /* ICE, the owner (type other) and 3 of the 412 towns. */
    g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, 5);
    g_assert_null (sl_exposure_pane_find_more_button (pane, SL_VIEWER_GROUP_IMMIGRATION));
    more = sl_exposure_pane_find_more_button (pane, SL_VIEWER_GROUP_MUNICIPAL);
    g_assert_nonnull (more);
    assert_more_label (more, 409);
    g_assert_null (sl_exposure_pane_find_row (pane, last_town));

    start = g_get_monotonic_time ();
    g_signal_emit_by_name (more, "clicked");
    sl_test_wait_for_idle ();
    g_test_message ("unfolded to %u rows in %.1f ms", sl_exposure_pane_get_n_rows (pane),
                    (g_get_monotonic_time () - start) / 1000.0);
    g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, 35);
    g_assert_null (sl_exposure_pane_find_row (pane, last_town));
    more = sl_exposure_pane_find_more_button (pane, SL_VIEWER_GROUP_MUNICIPAL);
    assert_more_label (more, 379);

    /* A filter reaches folded rows too. */
    sl_exposure_pane_set_what_if (pane, what_if, "TEST");
    sl_exposure_pane_set_filter_text (pane, "Town 412");
    g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, 1);
    g_assert_nonnull (sl_exposure_pane_find_row (pane, last_town));
    g_object_unref (pane);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* 5,000 agencies (the scale): an owner shares with ICE and with a
 * national pool that lists the 4,998 others, of five kinds in turn. */
#define N_LARGE 5000

static const SlAgencyType large_types[] = {
  SL_AGENCY_TYPE_MUNICIPAL_POLICE, SL_AGENCY_TYPE_MUNICIPAL_POLICE, SL_AGENCY_TYPE_MUNICIPAL_POLICE,
  SL_AGENCY_TYPE_SHERIFF, SL_AGENCY_TYPE_UNIVERSITY_POLICE, SL_AGENCY_TYPE_PROSECUTOR,
};

static SlWhatIf *
new_large_session (void)
{
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_new ();
  SlWhatIf *what_if;
  SlVisRead reads[20];
  SlSharingEdge to_pool = { 1, 0, 1, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                            SL_PROVENANCE_ASSUMED, NULL, NULL };
  SlSharingEdge to_ice = { 1, 2, 0, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                           SL_PROVENANCE_ASSUMED, NULL, NULL };

  sl_sharing_network_add_agency (network, 1, "Owner Police Department", 30, FALSE);
  sl_sharing_network_add_agency (network, 2, "ICE Enforcement and Removal Operations", 30, FALSE);
  sl_sharing_network_add_pool (network, 1, "National pool", N_LARGE - 2, TRUE);
  for (gint64 id = 3; id <= N_LARGE; id++)
    {
      g_autofree char *name = g_strdup_printf ("Agency %04d", (int) id);

      sl_sharing_network_add_agency (network, id, name, 30, FALSE);
      sl_sharing_network_add_pool_member (network, 1, id);
    }
  sl_sharing_network_add_edge (network, &to_pool);
  sl_sharing_network_add_edge (network, &to_ice);
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    reads[i] = (SlVisRead) { 1, (gint64) (i + 1) * SL_SECONDS_PER_DAY, 1 };

  what_if = sl_what_if_new (network);
  sl_what_if_set_agency_type (what_if, 2, SL_AGENCY_TYPE_FEDERAL);
  for (gint64 id = 3; id <= N_LARGE; id++)
    sl_what_if_set_agency_type (what_if, id, large_types[id % G_N_ELEMENTS (large_types)]);
  sl_what_if_set_reads (what_if, reads, G_N_ELEMENTS (reads));
  return what_if;
}

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

/* Rows the pane's list holds: agencies and the rows that unfold a group. */
static guint
count_list_rows (SlExposurePane *pane)
{
  GtkWidget *list = GTK_WIDGET (sl_exposure_pane_get_list (pane));
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

static void
test_pane_large (void)
{
  g_autoptr(SlWhatIf) what_if = new_large_session ();
  GtkWidget *window = gtk_window_new ();
  SlExposurePane *pane = SL_EXPOSURE_PANE (sl_exposure_pane_new ());
  GtkButton *more;
  gint64 start;

  /* Every agency sees the owner's 20 reads; the owner is not a viewer. */
  g_assert_cmpuint (sl_what_if_get_exposure (what_if)->len, ==, 1 + 1 + (N_LARGE - 2));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pane));
  gtk_window_present (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  sl_exposure_pane_set_what_if (pane, what_if, "TEST");
  g_test_message ("5,000 agencies: pane with %u rows, %u widgets, built in %.1f ms",
                  sl_exposure_pane_get_n_rows (pane), count_widgets (GTK_WIDGET (pane)),
                  (g_get_monotonic_time () - start) / 1000.0);
  /* ICE, the owner (type other), and 3 agencies of each of the four kinds
   * in the pool; four rows unfold the rest. */
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, 1 + 1 + 4 * 3);
  g_assert_cmpuint (count_list_rows (pane), ==, 1 + 1 + 4 * 3 + 4);
  more = sl_exposure_pane_find_more_button (pane, SL_VIEWER_GROUP_MUNICIPAL);
  assert_more_label (more, 2496);
  more = sl_exposure_pane_find_more_button (pane, SL_VIEWER_GROUP_PROSECUTOR);
  assert_more_label (more, 830);
  sl_test_render_to_png (window, "exposure-pane-5000-agencies.png");

  /* A page at a time. */
  g_signal_emit_by_name (sl_exposure_pane_find_more_button (pane, SL_VIEWER_GROUP_MUNICIPAL), "clicked");
  sl_test_wait_for_idle ();
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, 1 + 1 + 4 * 3 + 30);
  more = sl_exposure_pane_find_more_button (pane, SL_VIEWER_GROUP_MUNICIPAL);
  assert_more_label (more, 2466);

  /* An agency chosen elsewhere shows beside its group's fold. */
  {
    guint selected = G_MAXUINT, node;

    g_assert_true (sl_sharing_network_find_agency (sl_what_if_get_network (what_if), 4998, &node));
    g_assert_null (sl_exposure_pane_find_row (pane, node));
    g_signal_connect (pane, "agency-selected", G_CALLBACK (on_agency_selected), &selected);
    sl_exposure_pane_select_node (pane, node);
    g_assert_cmpuint (selected, ==, node);
    g_assert_nonnull (sl_exposure_pane_find_row (pane, node));
    g_assert_true (gtk_list_box_row_is_selected (sl_exposure_pane_find_row (pane, node)));
    g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, 1 + 1 + 4 * 3 + 30 + 1);
    assert_more_label (sl_exposure_pane_find_more_button (pane, SL_VIEWER_GROUP_MUNICIPAL), 2465);
    g_signal_handlers_disconnect_by_data (pane, &selected);
  }

  /* The filter reaches every agency. */
  sl_exposure_pane_set_filter_text (pane, "Agency 4999");
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (pane), ==, 1);
  g_assert_cmpuint (count_list_rows (pane), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_flow_diagram_large (void)
{
  g_autoptr(SlWhatIf) what_if = new_large_session ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  SlFlowDiagram *diagram = SL_FLOW_DIAGRAM (sl_flow_diagram_new ());
  gint64 start;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (diagram));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  start = g_get_monotonic_time ();
  sl_flow_diagram_set_what_if (diagram, what_if);
  /* The owner, the pool, ICE, and per kind of pool member three boxes and
   * one fold. */
  g_assert_cmpuint (sl_flow_diagram_get_n_boxes (diagram), ==, 1 + 1 + 1 + 4 * (3 + 1));
  g_test_message ("5,000 agencies: flow diagram built in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_null (sl_flow_diagram_get_fold_label (diagram, SL_VIEWER_GROUP_IMMIGRATION));
  assert_fold (diagram, SL_VIEWER_GROUP_MUNICIPAL, 2499 - 3, "municipal agencies");
  assert_fold (diagram, SL_VIEWER_GROUP_SHERIFF, 833 - 3, "sheriffs’ offices");
  assert_fold (diagram, SL_VIEWER_GROUP_UNIVERSITY, 833 - 3, "university police");
  assert_fold (diagram, SL_VIEWER_GROUP_PROSECUTOR, 833 - 3, "prosecutors’ offices");
  sl_test_render_to_png (window, "flow-diagram-5000-agencies.png");
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

  app = sl_test_ui_new_application ("io.github.sightline.Sightline.ExposureTest", G_APPLICATION_NON_UNIQUE);

  /* A small demo project made by the core generator. */
  dir = g_dir_make_tmp ("exposure-ui-XXXXXX", NULL);
  project_path = g_build_filename (dir, "demo.sightline", NULL);
  sl_test_write_demo_project (project_path, 100, 7);

  g_test_add_func ("/exposure-pane/untick-and-undo", test_pane);
  g_test_add_func ("/flow-diagram/draw-click-export", test_flow_diagram);
  g_test_add_func ("/flow-diagram/long-tail", test_flow_diagram_long_tail);
  g_test_add_func ("/exposure-pane/5000-agencies", test_pane_large);
  g_test_add_func ("/flow-diagram/5000-agencies", test_flow_diagram_large);

  status = g_test_run ();

  sl_test_remove_tree (dir);
  g_free (project_path);
  g_object_unref (app);
  return status;
}
