/* test-what-if.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-demo-generator.h"
#include "sl-sharing-reads.h"
#include "sl-what-if.h"

#define DAY SL_SECONDS_PER_DAY

/* A and B own the vehicle's reads; F re-shares; P is a pool whose one
 * listed member is C. */
enum { A = 1, B, C, F, X };
enum { P = 1 };

static void
add_edge (SlSharingNetwork *network,
          gint64            owner,
          gint64            agency,
          gint64            pool)
{
  SlSharingEdge edge = { owner, agency, pool, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                         SL_PROVENANCE_ASSUMED, NULL, NULL };

  sl_sharing_network_add_edge (network, &edge);
}

static SlSharingNetwork *
new_network (void)
{
  SlSharingNetwork *network = sl_sharing_network_new ();
  const char *names[] = { NULL, "A", "B", "C", "F", "X" };

  for (gint64 id = A; id <= X; id++)
    sl_sharing_network_add_agency (network, id, names[id], 10, id == F);
  sl_sharing_network_add_pool (network, P, "P", 1, TRUE);
  sl_sharing_network_add_pool_member (network, P, C);

  add_edge (network, A, X, 0);
  add_edge (network, A, C, 0);
  add_edge (network, A, 0, P);
  add_edge (network, B, F, 0);
  add_edge (network, F, X, 0);
  return network;
}

/* A's reads on days 1, 2, 3; B's on days 1 and 2. */
static const SlVisRead hand_reads[] = {
  { 1, 1 * DAY, A }, { 1, 1 * DAY + 60, B }, { 1, 2 * DAY, A }, { 1, 2 * DAY + 60, B }, { 1, 3 * DAY, A },
};

static SlWhatIf *
new_session (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  SlWhatIf *what_if = sl_what_if_new (network);

  sl_what_if_set_reads (what_if, hand_reads, G_N_ELEMENTS (hand_reads));
  return what_if;
}

static guint
seen_by (SlWhatIf *what_if,
         gint64    agency)
{
  const SlExposure *row;
  guint node;

  g_assert_true (sl_sharing_network_find_agency (sl_what_if_get_network (what_if), agency, &node));
  row = sl_what_if_find_exposure (what_if, node);
  return row != NULL ? row->n_reads : 0;
}

static void
on_changed (SlWhatIf *what_if,
            guint    *count)
{
  (*count)++;
}

static void
test_untick_undo_redo (void)
{
  g_autoptr(SlWhatIf) what_if = new_session ();
  guint changes = 0, edits = 0;

  g_signal_connect (what_if, "changed", G_CALLBACK (on_changed), &changes);
  g_signal_connect (what_if, "edited", G_CALLBACK (on_changed), &edits);

  g_assert_cmpuint (sl_what_if_get_n_reads (what_if), ==, 5);
  g_assert_cmpuint (seen_by (what_if, X), ==, 5);
  g_assert_cmpuint (seen_by (what_if, C), ==, 3);
  g_assert_cmpuint (seen_by (what_if, F), ==, 2);
  g_assert_null (sl_what_if_get_summary (what_if));
  g_assert_false (sl_what_if_can_undo (what_if));

  /* X keeps B's reads through the re-sharer F. */
  g_assert_true (sl_what_if_untick (what_if, A, X));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (seen_by (what_if, X), ==, 2);
  g_assert_cmpstr (sl_what_if_get_summary (what_if), ==, "X sees 2 of 5 reads (40%) instead of 5 (100%).");
  g_assert_cmpuint (sl_what_if_get_n_edits (what_if), ==, 1);

  /* C keeps A's reads through the pool. */
  g_assert_true (sl_what_if_untick (what_if, A, C));
  g_assert_cmpuint (seen_by (what_if, C), ==, 3);
  g_assert_cmpstr (sl_what_if_get_summary (what_if), ==, "C still sees 3 of 5 reads (60%).");

  /* An edge that is not there changes nothing. */
  g_assert_false (sl_what_if_untick (what_if, A, X));
  g_assert_false (sl_what_if_untick (what_if, 99, X));
  g_assert_cmpuint (sl_what_if_get_n_edits (what_if), ==, 2);
  g_assert_cmpuint (changes, ==, 2);

  g_assert_true (sl_what_if_undo (what_if));
  g_assert_true (sl_what_if_undo (what_if));
  g_assert_false (sl_what_if_undo (what_if));
  g_assert_cmpuint (seen_by (what_if, X), ==, 5);
  g_assert_cmpstr (sl_what_if_get_summary (what_if), ==, "X sees 5 of 5 reads (100%) instead of 2 (40%).");
  g_assert_cmpuint (sl_what_if_get_n_edits (what_if), ==, 0);
  g_assert_true (sl_what_if_can_redo (what_if));

  g_assert_true (sl_what_if_redo (what_if));
  g_assert_cmpuint (seen_by (what_if, X), ==, 2);
  g_assert_cmpuint (sl_what_if_get_n_edits (what_if), ==, 1);

  /* A new edit forgets the undone one. */
  g_assert_true (sl_what_if_stop_pool_sharing (what_if, A, 0, SL_TIME_MIN));
  g_assert_false (sl_what_if_can_redo (what_if));
  g_assert_false (sl_what_if_redo (what_if));
  g_assert_cmpuint (seen_by (what_if, C), ==, 3);
  g_assert_cmpstr (sl_what_if_get_summary (what_if), ==, "No agency sees more or less of this vehicle.");
  g_assert_true (sl_what_if_untick (what_if, A, C));
  g_assert_cmpuint (seen_by (what_if, C), ==, 0);
  g_assert_cmpstr (sl_what_if_get_summary (what_if), ==,
                   "C no longer sees any of the 5 reads (it saw 3, 60%).");
  g_assert_cmpuint (changes, ==, 7);
  g_assert_cmpuint (edits, ==, 7);
}

static void
test_side_effects_and_flows (void)
{
  g_autoptr(SlWhatIf) what_if = new_session ();
  g_autoptr(GArray) flows = NULL;
  g_autoptr(GArray) owners = NULL;
  SlSharingNetwork *network = sl_what_if_get_network (what_if);
  guint node_a, node_b, node_c, node_f, node_x, node_p;

  g_assert_true (sl_sharing_network_find_agency (network, A, &node_a));
  g_assert_true (sl_sharing_network_find_agency (network, B, &node_b));
  g_assert_true (sl_sharing_network_find_agency (network, C, &node_c));
  g_assert_true (sl_sharing_network_find_agency (network, F, &node_f));
  g_assert_true (sl_sharing_network_find_agency (network, X, &node_x));
  g_assert_true (sl_sharing_network_find_pool (network, P, &node_p));

  g_assert_cmpint (sl_what_if_get_how (what_if, sl_what_if_find_exposure (what_if, node_a)), ==, SL_EXPOSURE_OWN);
  g_assert_cmpint (sl_what_if_get_how (what_if, sl_what_if_find_exposure (what_if, node_x)), ==, SL_EXPOSURE_DIRECT);
  g_assert_cmpint (sl_what_if_get_how (what_if, sl_what_if_find_exposure (what_if, node_f)), ==, SL_EXPOSURE_DIRECT);

  g_assert_cmpuint (sl_what_if_count_owned (what_if, node_a), ==, 3);
  g_assert_cmpuint (sl_what_if_count_owned (what_if, node_b), ==, 2);
  g_assert_cmpuint (sl_what_if_count_owned (what_if, node_x), ==, 0);
  g_assert_cmpuint (sl_what_if_count_owned (what_if, node_p), ==, 0);

  owners = sl_what_if_dup_direct_owners (what_if, node_x);
  g_assert_cmpuint (owners->len, ==, 1);
  g_assert_cmpint (g_array_index (owners, gint64, 0), ==, A);

  /* Every read reaches X once; A's reach C directly (the shortest path,
   * not the pool) and B's reach X through F. Direct flows sort last. */
  flows = sl_what_if_dup_flows (what_if);
  {
    const SlFlow expected[] = {
      { node_a, G_MAXUINT, node_c, 3 }, { node_a, G_MAXUINT, node_x, 3 },
      { node_b, node_f, node_x, 2 }, { node_b, G_MAXUINT, node_f, 2 },
    };

    g_assert_cmpuint (flows->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < flows->len; i++)
      {
        SlFlow *flow = &g_array_index (flows, SlFlow, i);

        g_assert_cmpuint (flow->owner, ==, expected[i].owner);
        g_assert_cmpuint (flow->via, ==, expected[i].via);
        g_assert_cmpuint (flow->recipient, ==, expected[i].recipient);
        g_assert_cmpuint (flow->n_reads, ==, expected[i].n_reads);
      }
  }

  /* Without the direct edge, C sees A's reads through the pool. */
  g_assert_true (sl_what_if_untick (what_if, A, C));
  g_assert_cmpint (sl_what_if_get_how (what_if, sl_what_if_find_exposure (what_if, node_c)), ==, SL_EXPOSURE_POOL);
  g_clear_pointer (&flows, g_array_unref);
  flows = sl_what_if_dup_flows (what_if);
  g_assert_cmpuint (g_array_index (flows, SlFlow, 0).via, ==, node_p);
  g_assert_cmpuint (g_array_index (flows, SlFlow, 0).recipient, ==, node_c);
  g_assert_cmpint (sl_what_if_get_how (what_if, sl_what_if_find_exposure (what_if, node_x)), ==,
                   SL_EXPOSURE_DIRECT);
}

static void
test_retention_as_of (void)
{
  g_autoptr(SlWhatIf) what_if = new_session ();

  /* Day 12 with 10 days of retention: A's day-1 and day-2 reads are gone
   * (the day-2 read expires at the first second of day 12); B's day-2 read,
   * a minute later, is still there. */
  sl_what_if_set_as_of (what_if, 12 * DAY);
  g_assert_cmpuint (seen_by (what_if, X), ==, 2);
  g_assert_cmpuint (seen_by (what_if, F), ==, 1);

  g_assert_true (sl_what_if_set_retention (what_if, A, 30));
  g_assert_cmpuint (seen_by (what_if, X), ==, 4);
  g_assert_cmpstr (sl_what_if_get_summary (what_if), ==,
                   "A sees 3 of 5 reads (60%) instead of 1 (20%); 2 other agencies see more reads.");

  g_assert_true (sl_what_if_undo (what_if));
  g_assert_cmpuint (seen_by (what_if, X), ==, 2);
  sl_what_if_set_as_of (what_if, SL_TIME_MAX);
  g_assert_cmpuint (seen_by (what_if, X), ==, 5);
}

/* The demo: Wethersfield unticks ICE ERO for the nurse's car. */
static void
test_demo_wethersfield (void)
{
  g_autofree char *dir = g_dir_make_tmp ("what-if-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sightline", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDemoGenerator) generator = sl_demo_generator_new (100, 7, SL_DEMO_DEFAULT_SEED, &error);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlWhatIf) what_if = NULL;
  g_autoptr(SlVisibility) base = NULL;
  g_autoptr(SlSharingNetwork) saved = NULL;
  g_autoptr(SlSharingNetwork) shipped = NULL;
  g_autoptr(SlVisibility) saved_vis = NULL;
  g_autoptr(SlVisibility) shipped_vis = NULL;
  g_autoptr(GArray) reads = NULL;
  g_autoptr(GArray) saved_rows = NULL;
  g_autoptr(GArray) shipped_rows = NULL;
  g_autofree char *expected = NULL;
  gint64 wethersfield, ice;
  guint ice_node, before, after, lost = 0, n;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (csv, 0700), ==, 0);
  g_assert_true (sl_demo_generator_write_project (generator, path, csv, NULL, NULL, &error));
  g_assert_no_error (error);
  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  what_if = sl_what_if_new_for_project (project, "As reported, March 2019", "ZN47301", &error);
  g_assert_no_error (error);
  reads = sl_sharing_load_plate_reads (project, "ZN47301", &error);
  g_assert_no_error (error);
  n = reads->len;
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (sl_what_if_get_n_reads (what_if), ==, n);

  wethersfield = sl_agency_lookup (project, "Wethersfield Police Department", &error);
  ice = sl_agency_lookup (project, "ICE Enforcement and Removal Operations", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wethersfield, >, 0);
  g_assert_cmpint (ice, >, 0);
  g_assert_true (sl_sharing_network_find_agency (sl_what_if_get_network (what_if), ice, &ice_node));
  g_assert_cmpint (sl_what_if_get_agency_type (what_if, ice_node), ==, SL_AGENCY_TYPE_FEDERAL);
  g_assert_true (sl_what_if_is_immigration (what_if, ice_node));
  {
    guint node;

    g_assert_true (sl_sharing_network_find_agency (sl_what_if_get_network (what_if), wethersfield, &node));
    g_assert_false (sl_what_if_is_immigration (what_if, node));
  }

  /* Wethersfield's reads ICE sees, counted read by read on the scenario. */
  base = sl_visibility_new (sl_what_if_get_network (what_if));
  for (guint i = 0; i < n; i++)
    {
      const SlVisRead *read = &g_array_index (reads, SlVisRead, i);
      gint64 first, last;

      if (read->owner_id == wethersfield &&
          sl_visibility_read_window (base, read, ice_node, &first, &last))
        lost++;
    }
  g_clear_object (&base);
  g_assert_cmpuint (lost, >, 0);

  before = sl_what_if_find_exposure (what_if, ice_node)->n_reads;
  g_assert_true (sl_what_if_untick (what_if, wethersfield, ice));
  after = sl_what_if_find_exposure (what_if, ice_node)->n_reads;
  g_assert_cmpuint (after, ==, before - lost);
  /* Still non-zero: Hartford's reads reach ICE through the fusion centre. */
  g_assert_cmpuint (after, >, 0);
  g_assert_cmpint (sl_what_if_get_how (what_if, sl_what_if_find_exposure (what_if, ice_node)), ==,
                   SL_EXPOSURE_RESHARER);

  expected = g_strdup_printf ("ICE Enforcement and Removal Operations sees %u of %u reads (%u%%) instead of %u (%u%%).",
                              after, n, (after * 100 + n / 2) / n, before, (before * 100 + n / 2) / n);
  g_assert_cmpstr (sl_what_if_get_summary (what_if), ==, expected);

  /* Saved, the edits make the same network as the shipped scenario. */
  g_assert_true (sl_what_if_save (what_if, project, "My untick", "test", &error));
  g_assert_no_error (error);
  g_assert_false (sl_what_if_save (what_if, project, "My untick", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (g_str_has_suffix (error->message, ": a scenario named “My untick” already exists"));

  saved = sl_sharing_network_load (project, "My untick", NULL);
  shipped = sl_sharing_network_load (project, "Wethersfield unticks ICE", NULL);
  g_assert_nonnull (saved);
  g_assert_nonnull (shipped);
  g_assert_cmpuint (sl_sharing_network_get_n_edges (saved), ==, sl_sharing_network_get_n_edges (shipped));
  saved_vis = sl_visibility_new (saved);
  shipped_vis = sl_visibility_new (shipped);
  saved_rows = sl_visibility_exposure (saved_vis, (SlVisRead *) reads->data, n, SL_TIME_MAX);
  shipped_rows = sl_visibility_exposure (shipped_vis, (SlVisRead *) reads->data, n, SL_TIME_MAX);
  g_assert_cmpuint (saved_rows->len, ==, shipped_rows->len);
  g_assert_cmpuint (saved_rows->len, ==, sl_what_if_get_exposure (what_if)->len);
  for (guint i = 0; i < saved_rows->len; i++)
    {
      SlExposure *x = &g_array_index (saved_rows, SlExposure, i);
      SlExposure *y = &g_array_index (shipped_rows, SlExposure, i);
      SlExposure *z = &g_array_index (sl_what_if_get_exposure (what_if), SlExposure, i);

      g_assert_cmpuint (x->node, ==, y->node);
      g_assert_cmpuint (x->n_reads, ==, y->n_reads);
      g_assert_cmpuint (x->node, ==, z->node);
      g_assert_cmpuint (x->n_reads, ==, z->n_reads);
    }

  g_assert_true (sl_what_if_undo (what_if));
  g_assert_cmpuint (sl_what_if_find_exposure (what_if, ice_node)->n_reads, ==, before);

  g_clear_object (&project);
  g_clear_object (&what_if);
  g_remove (path);
  sl_demo_remove_csv (csv);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/what-if/untick-undo-redo", test_untick_undo_redo);
  g_test_add_func ("/what-if/how-and-flows", test_side_effects_and_flows);
  g_test_add_func ("/what-if/retention-as-of", test_retention_as_of);
  g_test_add_func ("/what-if/demo-wethersfield", test_demo_wethersfield);

  return g_test_run ();
}
