/* test-visibility.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-visibility.h"

#define DAY SL_SECONDS_PER_DAY

/* Agency ids of the hand-built networks. */
enum { A = 1, B, C, D, F, G, H, X };
enum { P = 1, Q };

static void
add_edge (SlSharingNetwork *network,
          gint64            owner,
          gint64            recipient,
          gint64            from,
          gint64            to)
{
  SlSharingEdge edge = { owner, recipient, 0, SL_SHARING_KIND_READS, from, to,
                         SL_PROVENANCE_ASSUMED, NULL, NULL };

  sl_sharing_network_add_edge (network, &edge);
}

static void
add_pool_edge (SlSharingNetwork *network,
               gint64            owner,
               gint64            pool,
               gint64            from,
               gint64            to)
{
  SlSharingEdge edge = { owner, 0, pool, SL_SHARING_KIND_READS, from, to,
                         SL_PROVENANCE_DOCUMENT, (char *) "report", NULL };

  sl_sharing_network_add_edge (network, &edge);
}

/* Agencies A..X named by their letter, retention 10 days unless changed. */
static SlSharingNetwork *
new_network (void)
{
  SlSharingNetwork *network = sl_sharing_network_new ();
  const char *names[] = { NULL, "A", "B", "C", "D", "F", "G", "H", "X" };

  for (gint64 id = A; id <= X; id++)
    sl_sharing_network_add_agency (network, id, names[id], 10, id == F || id == G);

  return network;
}

static guint
node_of (SlSharingNetwork *network,
         gint64            agency)
{
  guint node = G_MAXUINT;

  g_assert_true (sl_sharing_network_find_agency (network, agency, &node));
  return node;
}

/* The viewers of a read, as their names joined by commas. */
static char *
viewers (SlVisibility *vis,
         gint64        owner,
         gint64        time)
{
  SlSharingNetwork *network = sl_visibility_get_network (vis);
  SlVisRead read = { 1, time, owner };
  g_autoptr(GArray) nodes = sl_visibility_read_viewers (vis, &read);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      if (i > 0)
        g_string_append (names, ",");
      g_string_append (names, sl_sharing_network_get_node (network, g_array_index (nodes, guint, i))->name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_viewers (SlVisibility *vis,
                gint64        owner,
                gint64        time,
                const char   *expected)
{
  g_autofree char *names = viewers (vis, owner, time);

  g_assert_cmpstr (names, ==, expected);
}

static void
assert_window (SlVisibility *vis,
               gint64        owner,
               gint64        time,
               gint64        agency,
               gint64        first,
               gint64        last)
{
  SlVisRead read = { 1, time, owner };
  gint64 got_first = 0, got_last = 0;

  g_assert_true (sl_visibility_read_window (vis, &read,
                                            node_of (sl_visibility_get_network (vis), agency),
                                            &got_first, &got_last));
  g_assert_cmpint (got_first, ==, first);
  g_assert_cmpint (got_last, ==, last);
}

static void
assert_path (SlVisibility *vis,
             gint64        owner,
             guint         node,
             gint64        at,
             const char   *expected)
{
  g_autofree char *path = sl_visibility_dup_path (vis, owner, node, at);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_direct (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;

  add_edge (network, A, B, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, B, C, SL_TIME_MIN, SL_TIME_MAX);
  vis = sl_visibility_new (network);

  /* B does not re-share, so C never sees A's reads; it sees B's. */
  assert_viewers (vis, A, 1000, "A,B");
  assert_viewers (vis, B, 1000, "B,C");
  assert_viewers (vis, C, 1000, "C");
  assert_window (vis, A, 1000, B, 1000, 1000 + 10 * DAY - 1);
  assert_path (vis, A, node_of (network, B), 1000, "A → B");
  g_assert_cmpuint (sl_visibility_count_reachable (vis, A), ==, 1);
}

static void
test_retention_boundary (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;
  g_autoptr(GArray) at_last = NULL;
  g_autoptr(GArray) at_end = NULL;
  SlVisRead read = { 1, 5000, A };

  add_edge (network, A, B, SL_TIME_MIN, SL_TIME_MAX);
  vis = sl_visibility_new (network);

  /* Visible at t + retention - 1, not at t + retention. */
  at_last = sl_visibility_exposure (vis, &read, 1, 5000 + 10 * DAY - 1);
  at_end = sl_visibility_exposure (vis, &read, 1, 5000 + 10 * DAY);
  g_assert_cmpuint (at_last->len, ==, 2);
  g_assert_cmpuint (at_end->len, ==, 0);

  /* Nor before the read was taken. */
  g_clear_pointer (&at_end, g_array_unref);
  at_end = sl_visibility_exposure (vis, &read, 1, 4999);
  g_assert_cmpuint (at_end->len, ==, 0);

  /* An edge that closes exactly at t + retention changes nothing; one
   * that opens there shows nothing. */
  add_edge (network, A, C, 5000 + 10 * DAY, SL_TIME_MAX);
  add_edge (network, A, D, SL_TIME_MIN, 5000 + 10 * DAY);
  assert_viewers (vis, A, 5000, "A,B,D");
  assert_window (vis, A, 5000, D, 5000, 5000 + 10 * DAY - 1);
}

static void
test_own_reads (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;
  SlScenarioEdit zero = { SL_SCENARIO_EDIT_SET_RETENTION, A, 0, 0, 0, 0, 0, 0, NULL, 0, NULL };

  vis = sl_visibility_new (network);
  assert_viewers (vis, A, 0, "A");
  assert_window (vis, A, 0, A, 0, 10 * DAY - 1);
  assert_path (vis, A, node_of (network, A), 0, "A");

  /* An edge back to the owner adds nothing. */
  add_edge (network, A, F, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, F, A, 100, 200);
  assert_path (vis, A, node_of (network, A), 150, "A");

  /* Retention 0: kept for no time, seen by nobody, not even the owner. */
  sl_sharing_network_apply_edit (network, &zero);
  assert_viewers (vis, A, 0, "");
}

static void
test_unknown_retention (void)
{
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_new ();
  g_autoptr(SlVisibility) vis = NULL;
  g_autoptr(GArray) rows = NULL;
  SlVisRead read = { 1, 100, A };
  SlExposure *row;

  sl_sharing_network_add_agency (network, A, "A", SL_RETENTION_UNKNOWN, FALSE);
  sl_sharing_network_add_agency (network, B, "B", 30, FALSE);
  add_edge (network, A, B, SL_TIME_MIN, 1000);
  vis = sl_visibility_new (network);

  /* Unknown retention never ends; the edge's end still does. */
  assert_window (vis, A, 100, A, 100, SL_TIME_MAX);
  assert_window (vis, A, 100, B, 100, 999);

  rows = sl_visibility_exposure (vis, &read, 1, SL_TIME_MAX);
  g_assert_cmpuint (rows->len, ==, 2);
  row = &g_array_index (rows, SlExposure, 0);
  g_assert_true (row->retention_unknown);
  g_assert_cmpint (row->last, ==, SL_TIME_MAX);
}

static void
test_pools (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;
  guint unlisted;

  sl_sharing_network_add_pool (network, P, "National pool", 500, FALSE);
  sl_sharing_network_add_pool_member (network, P, B);
  sl_sharing_network_add_pool_member (network, P, C);
  sl_sharing_network_add_pool (network, Q, "Regional pool", -1, TRUE);
  sl_sharing_network_add_pool_member (network, Q, D);
  add_pool_edge (network, A, P, SL_TIME_MIN, SL_TIME_MAX);
  add_pool_edge (network, B, Q, SL_TIME_MIN, SL_TIME_MAX);
  vis = sl_visibility_new (network);

  /* Every member, and the 498 unlisted ones as one recipient; the pool is
   * a path, not a viewer. B's membership of Q passes nothing on. */
  assert_viewers (vis, A, 0, "A,B,C,498 unlisted members of National pool");
  assert_viewers (vis, B, 0, "B,D");
  g_assert_true (sl_sharing_network_find_pool (network, P, &unlisted));
  unlisted++;
  g_assert_cmpint (sl_sharing_network_get_node (network, unlisted)->members, ==, 498);
  assert_path (vis, A, node_of (network, C), 0, "A → National pool → C");
  assert_path (vis, A, unlisted, 0, "A → National pool → 498 unlisted members of National pool");

  /* By name, exactly: an agency, a pool. */
  {
    guint node = G_MAXUINT, pool;

    g_assert_true (sl_sharing_network_find_named (network, "C", &node));
    g_assert_cmpuint (node, ==, node_of (network, C));
    g_assert_true (sl_sharing_network_find_pool (network, Q, &pool));
    g_assert_true (sl_sharing_network_find_named (network, "Regional pool", &node));
    g_assert_cmpuint (node, ==, pool);
    g_assert_true (sl_sharing_network_find_named (network, "X", NULL));
    node = G_MAXUINT;
    g_assert_false (sl_sharing_network_find_named (network, "c", &node));
    g_assert_cmpuint (node, ==, G_MAXUINT);
  }
}

static void
test_resharers (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;

  /* F and G re-share; B does not. */
  add_edge (network, A, F, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, F, G, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, G, X, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, A, B, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, B, H, SL_TIME_MIN, SL_TIME_MAX);
  vis = sl_visibility_new (network);

  assert_viewers (vis, A, 0, "A,B,F,G,X");
  assert_path (vis, A, node_of (network, X), 0, "A → F → G → X");

  /* A shorter path wins. */
  add_edge (network, F, X, SL_TIME_MIN, SL_TIME_MAX);
  assert_path (vis, A, node_of (network, X), 0, "A → F → X");
}

static void
test_cycles (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;

  add_edge (network, A, F, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, F, G, 0, 100);
  add_edge (network, G, F, 50, 200);
  add_edge (network, G, X, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, G, A, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, F, B, SL_TIME_MIN, SL_TIME_MAX);
  vis = sl_visibility_new (network);

  assert_viewers (vis, A, 0, "A,B,F,G,X");
  /* G only while F→G is in force. */
  assert_window (vis, A, 10, X, 10, 99);
  g_assert_false (sl_visibility_reachable_at (vis, A, node_of (network, G), 100));

  /* From G, round the cycle. */
  assert_path (vis, G, node_of (network, B), 60, "G → F → B");
  g_assert_false (sl_visibility_reachable_at (vis, G, node_of (network, B), 200));
}

static void
test_windows (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;
  g_autoptr(GArray) reach = NULL;
  guint b;

  add_edge (network, A, F, 100, 200);
  add_edge (network, F, B, 150, 300);
  add_edge (network, A, B, 300, 400);
  vis = sl_visibility_new (network);
  b = node_of (network, B);

  /* A path is in force where all its edges are: [150, 200); over paths,
   * the union: [150, 200) ∪ [300, 400). */
  reach = sl_visibility_reach_intervals (vis, A, b);
  g_assert_cmpuint (reach->len, ==, 4);
  g_assert_cmpint (g_array_index (reach, gint64, 0), ==, 150);
  g_assert_cmpint (g_array_index (reach, gint64, 1), ==, 200);
  g_assert_cmpint (g_array_index (reach, gint64, 2), ==, 300);
  g_assert_cmpint (g_array_index (reach, gint64, 3), ==, 400);

  /* A read at 120 is seen by B from 150 (the path opens) to 399 (the last
   * edge closes), with a gap it cannot see in between. */
  assert_window (vis, A, 120, B, 150, 399);
  assert_window (vis, A, 120, F, 120, 199);
  assert_path (vis, A, b, 150, "A → F → B");
  assert_path (vis, A, b, 300, "A → B");
  assert_path (vis, A, b, 250, NULL);

  /* Read after every window closed: only the owner. */
  assert_viewers (vis, A, 400, "A");
  /* Read long before: retention ends before any window opens. */
  assert_viewers (vis, A, 100 - 10 * DAY, "A");
  assert_viewers (vis, A, 101 - 10 * DAY, "A,F");
}

static void
test_edits (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;
  SlScenarioEdit remove = { SL_SCENARIO_EDIT_REMOVE_EDGE, A, B, 0, SL_SHARING_KIND_READS,
                            0, 0, 0, NULL, 0, NULL };
  SlScenarioEdit stop = { SL_SCENARIO_EDIT_STOP_POOL_SHARING, A, 0, 0, SL_SHARING_KIND_READS,
                          1000, SL_TIME_MAX, 0, NULL, 0, NULL };
  SlScenarioEdit add = { SL_SCENARIO_EDIT_ADD_EDGE, A, X, 0, SL_SHARING_KIND_READS,
                         SL_TIME_MIN, SL_TIME_MAX, SL_PROVENANCE_ASSUMED, NULL, 0, (char *) "what if" };
  SlScenarioEdit retention = { SL_SCENARIO_EDIT_SET_RETENTION, A, 0, 0, 0, 0, 0, 0, NULL, 1, NULL };

  sl_sharing_network_add_pool (network, P, "Pool", -1, TRUE);
  sl_sharing_network_add_pool_member (network, P, C);
  add_edge (network, A, B, SL_TIME_MIN, SL_TIME_MAX);
  add_pool_edge (network, A, P, SL_TIME_MIN, SL_TIME_MAX);
  add_pool_edge (network, A, P, 2000, 3000);
  vis = sl_visibility_new (network);
  assert_viewers (vis, A, 0, "A,B,C");

  sl_sharing_network_apply_edit (network, &remove);
  assert_viewers (vis, A, 0, "A,C");

  /* The first pool edge now ends at 1000; the second starts after the
   * stop date and goes. */
  sl_sharing_network_apply_edit (network, &stop);
  g_assert_cmpuint (sl_sharing_network_get_n_edges (network), ==, 1);
  g_assert_cmpint (sl_sharing_network_get_edge (network, 0)->valid_to, ==, 1000);
  assert_window (vis, A, 0, C, 0, 999);
  assert_viewers (vis, A, 1000, "A");

  sl_sharing_network_apply_edit (network, &add);
  sl_sharing_network_apply_edit (network, &retention);
  assert_window (vis, A, 500, X, 500, 500 + DAY - 1);
  g_assert_cmpuint (sl_sharing_network_get_n_edits (network), ==, 4);
  g_assert_cmpstr (sl_sharing_network_get_edit (network, 2)->note, ==, "what if");
}

static void
test_exposure (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;
  g_autoptr(GArray) rows = NULL;
  SlVisRead reads[] = {
    { 7, 5 * DAY, B },
    { 7, 0, A },
    { 7, 2 * DAY, A },
  };
  SlExposure *row;

  add_edge (network, A, F, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, F, X, DAY, SL_TIME_MAX);
  add_edge (network, B, X, SL_TIME_MIN, SL_TIME_MAX);
  vis = sl_visibility_new (network);

  rows = sl_visibility_exposure (vis, reads, G_N_ELEMENTS (reads), SL_TIME_MAX);
  /* A, B, F, X in node order. */
  g_assert_cmpuint (rows->len, ==, 4);
  row = &g_array_index (rows, SlExposure, 3);
  g_assert_cmpuint (row->node, ==, node_of (network, X));
  g_assert_cmpuint (row->n_reads, ==, 3);
  g_assert_cmpint (row->first, ==, DAY);
  g_assert_cmpint (row->last, ==, 15 * DAY - 1);
  g_assert_cmpstr (row->path, ==, "A → F → X");
  row = &g_array_index (rows, SlExposure, 2);
  g_assert_cmpuint (row->node, ==, node_of (network, F));
  g_assert_cmpuint (row->n_reads, ==, 2);
  g_assert_cmpint (row->first, ==, 0);
  g_assert_cmpint (row->last, ==, 12 * DAY - 1);
  row = &g_array_index (rows, SlExposure, 1);
  g_assert_cmpuint (row->node, ==, node_of (network, B));
  g_assert_cmpuint (row->n_reads, ==, 1);
  g_assert_cmpstr (row->path, ==, "B");

  /* At day 11 only A's second read is still kept, and B's. */
  g_clear_pointer (&rows, g_array_unref);
  rows = sl_visibility_exposure (vis, reads, G_N_ELEMENTS (reads), 11 * DAY);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (g_array_index (rows, SlExposure, 0).n_reads, ==, 1);
  g_assert_cmpuint (g_array_index (rows, SlExposure, 3).n_reads, ==, 2);
}

static void
test_reach (void)
{
  g_autoptr(SlSharingNetwork) network = new_network ();
  g_autoptr(SlVisibility) vis = NULL;
  g_autoptr(SlReach) reach = NULL;
  g_autoptr(GArray) agencies = NULL;
  g_autoptr(GArray) owners = NULL;
  /* Plate 1: A at 0 and B at 0; plate 2: A at 20 days; plate 3: B at 0. */
  SlVisRead plate1[] = { { 1, 0, A }, { 1, 0, B } };
  SlVisRead plate2[] = { { 2, 20 * DAY, A } };
  SlVisRead plate3[] = { { 3, 0, B } };
  struct { gint64 agency; guint64 reads; guint64 plates; } expected[] = {
    { A, 2, 2 }, { B, 2, 2 }, { F, 1, 1 }, { X, 4, 3 },
  };
  SlReachOwner *owner;

  sl_sharing_network_add_pool (network, P, "Pool", 3, FALSE);
  sl_sharing_network_add_pool_member (network, P, X);
  add_edge (network, A, F, SL_TIME_MIN, 10 * DAY);
  add_pool_edge (network, A, P, SL_TIME_MIN, SL_TIME_MAX);
  add_edge (network, B, X, SL_TIME_MIN, SL_TIME_MAX);
  vis = sl_visibility_new (network);

  reach = sl_reach_new (vis);
  sl_reach_add_plate (reach, plate1, G_N_ELEMENTS (plate1));
  sl_reach_add_plate (reach, plate2, G_N_ELEMENTS (plate2));
  sl_reach_add_plate (reach, plate3, G_N_ELEMENTS (plate3));
  g_assert_cmpuint (sl_reach_get_n_reads (reach), ==, 4);
  g_assert_cmpuint (sl_reach_get_n_plates (reach), ==, 3);

  /* X sees plate 1 through A's pool and through B: two reads, one
   * plate. The unlisted members (2 of them) are one more row. */
  agencies = sl_reach_get_agencies (reach);
  g_assert_cmpuint (agencies->len, ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SlReachAgency *row = &g_array_index (agencies, SlReachAgency, i);

      g_assert_cmpuint (row->node, ==, node_of (network, expected[i].agency));
      g_assert_cmpuint (row->n_reads, ==, expected[i].reads);
      g_assert_cmpuint (row->n_plates, ==, expected[i].plates);
    }
  g_assert_cmpuint (g_array_index (agencies, SlReachAgency, 4).n_reads, ==, 2);
  g_assert_cmpuint (g_array_index (agencies, SlReachAgency, 4).n_plates, ==, 2);

  owners = sl_reach_get_owners (reach);
  g_assert_cmpuint (owners->len, ==, 2);
  owner = &g_array_index (owners, SlReachOwner, 0);
  g_assert_cmpuint (owner->node, ==, node_of (network, A));
  g_assert_cmpuint (owner->n_reads, ==, 2);
  g_assert_cmpuint (owner->n_agencies, ==, 2);
  g_assert_cmpint (owner->n_unlisted, ==, 2);
  owner = &g_array_index (owners, SlReachOwner, 1);
  g_assert_cmpuint (owner->n_agencies, ==, 1);
  g_assert_cmpint (owner->n_unlisted, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/visibility/direct", test_direct);
  g_test_add_func ("/visibility/retention-boundary", test_retention_boundary);
  g_test_add_func ("/visibility/own-reads", test_own_reads);
  g_test_add_func ("/visibility/unknown-retention", test_unknown_retention);
  g_test_add_func ("/visibility/pools", test_pools);
  g_test_add_func ("/visibility/resharers", test_resharers);
  g_test_add_func ("/visibility/cycles", test_cycles);
  g_test_add_func ("/visibility/windows", test_windows);
  g_test_add_func ("/visibility/edits", test_edits);
  g_test_add_func ("/visibility/exposure", test_exposure);
  g_test_add_func ("/visibility/reach", test_reach);

  return g_test_run ();
}
