/* bench-what-if.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A what-if edit and the recomputed exposure of one vehicle (target:
 * < 100 ms), against its peer: loading the edited scenario from the project
 * and computing the exposure from scratch, as the CLI does. Then the same
 * on a synthetic network of 5,000 agencies (the scale), where the
 * peer is a fresh visibility over the edited network, and the flows the
 * diagram draws.
 *
 *   meson test -C _build --benchmark --verbose what-if
 *   bench-what-if PROJECT [PLATE]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sl-sharing-reads.h"
#include "sl-test-utils.h"
#include "sl-what-if.h"

#define ROUNDS 50

static void
report (const char *what,
        double     *ms)
{
  qsort (ms, ROUNDS, sizeof *ms, sl_test_compare_double);
  printf ("%-44s median %8.3f ms  max %8.3f ms\n", what, ms[ROUNDS / 2], ms[ROUNDS - 1]);
}

/* 5,000 agencies: 20 owners share with 300 agencies each and with a pool
 * of 4,000 listed members; 50 re-sharers pass on to 40 agencies each. The
 * vehicle has 2,000 reads over 60 days from the 20 owners. */
#define N_AGENCIES 5000
#define N_OWNERS   20

static void
bench_large (void)
{
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_new ();
  g_autoptr(SlWhatIf) what_if = NULL;
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (SlVisRead));
  GRand *rand = g_rand_new_with_seed (2019);
  double apply_ms[ROUNDS], undo_ms[ROUNDS], peer_ms[ROUNDS], flows_ms[ROUNDS];
  guint n_edges = 0;

  for (gint64 id = 1; id <= N_AGENCIES; id++)
    {
      g_autofree char *name = g_strdup_printf ("Agency %04d", (int) id);

      sl_sharing_network_add_agency (network, id, name, 30 + id % 300, id > N_OWNERS && id <= N_OWNERS + 50);
    }
  sl_sharing_network_add_pool (network, 1, "National pool", 4000, TRUE);
  for (gint64 id = 1000; id < 5000; id++)
    sl_sharing_network_add_pool_member (network, 1, id);

  for (gint64 owner = 1; owner <= N_OWNERS; owner++)
    {
      SlSharingEdge pool = { owner, 0, 1, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                             SL_PROVENANCE_ASSUMED, NULL, NULL };

      sl_sharing_network_add_edge (network, &pool);
      n_edges++;
      for (guint k = 0; k < 300; k++)
        {
          SlSharingEdge edge = { owner, g_rand_int_range (rand, N_OWNERS + 1, N_AGENCIES + 1), 0,
                                 SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX, SL_PROVENANCE_ASSUMED,
                                 NULL, NULL };

          sl_sharing_network_add_edge (network, &edge);
          n_edges++;
        }
    }
  for (gint64 resharer = N_OWNERS + 1; resharer <= N_OWNERS + 50; resharer++)
    for (guint k = 0; k < 40; k++)
      {
        SlSharingEdge edge = { resharer, g_rand_int_range (rand, 1, N_AGENCIES + 1), 0,
                               SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX, SL_PROVENANCE_ASSUMED,
                               NULL, NULL };

        if (edge.recipient_agency_id != resharer)
          {
            sl_sharing_network_add_edge (network, &edge);
            n_edges++;
          }
      }

  for (guint i = 0; i < 2000; i++)
    {
      SlVisRead read = { 1, 1546300800 + (gint64) i * 60 * SL_SECONDS_PER_DAY / 2000,
                         g_rand_int_range (rand, 1, N_OWNERS + 1) };

      g_array_append_val (reads, read);
    }
  g_rand_free (rand);

  what_if = sl_what_if_new (network);
  sl_what_if_set_reads (what_if, (SlVisRead *) reads->data, reads->len);
  printf ("\nsynthetic: %d agencies, %u edges, %u reads of one vehicle, %u viewers\n",
          N_AGENCIES, n_edges, reads->len, sl_what_if_get_exposure (what_if)->len);

  for (guint i = 0; i < ROUNDS; i++)
    {
      const SlSharingEdge *edge = sl_sharing_network_get_edge (network, 1 + i);
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(SlSharingNetwork) edited = NULL;
      g_autoptr(SlVisibility) vis = NULL;
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GArray) flows = NULL;

      if (!sl_what_if_untick (what_if, edge->owner_id, edge->recipient_agency_id))
        {
          fprintf (stderr, "untick failed\n");
          exit (1);
        }
      apply_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      flows = sl_what_if_dup_flows (what_if);
      flows_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      edited = sl_sharing_network_copy (sl_what_if_get_network (what_if));
      vis = sl_visibility_new (edited);
      rows = sl_visibility_exposure (vis, (SlVisRead *) reads->data, reads->len, SL_TIME_MAX);
      peer_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      sl_what_if_undo (what_if);
      undo_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  report ("what-if untick + recompute + summary", apply_ms);
  report ("what-if undo (rebuild + recompute)", undo_ms);
  report ("flows for the diagram", flows_ms);
  report ("peer: copy + fresh visibility + exposure", peer_ms);
  printf ("ratio untick / peer (medians): %.2f\n", apply_ms[ROUNDS / 2] / peer_ms[ROUNDS / 2]);
}

int
main (int   argc,
      char *argv[])
{
  const char *plate = argc > 2 ? argv[2] : "ZN47301";
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlWhatIf) what_if = NULL;
  g_autoptr(GArray) reads = NULL;
  double apply_ms[ROUNDS], undo_ms[ROUNDS], peer_ms[ROUNDS];
  gint64 wethersfield, ice;

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s PROJECT [PLATE]\n", argv[0]);
      return 2;
    }

  if ((project = sl_project_open (argv[1], SL_PROJECT_OPEN_FLAGS_NONE, &error)) == NULL ||
      (what_if = sl_what_if_new_for_project (project, "As reported, March 2019", plate, &error)) == NULL ||
      (reads = sl_sharing_load_plate_reads (project, plate, &error)) == NULL ||
      (wethersfield = sl_agency_lookup (project, "Wethersfield Police Department", &error)) <= 0 ||
      (ice = sl_agency_lookup (project, "ICE Enforcement and Removal Operations", &error)) <= 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "agency missing");
      return 1;
    }

  printf ("%s: %u reads of %s, %u nodes\n", argv[1], reads->len, plate,
          sl_sharing_network_get_n_nodes (sl_what_if_get_network (what_if)));

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(SlSharingNetwork) network = NULL;
      g_autoptr(SlVisibility) vis = NULL;
      g_autoptr(GArray) rows = NULL;

      if (!sl_what_if_untick (what_if, wethersfield, ice))
        return 1;
      apply_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      sl_what_if_undo (what_if);
      undo_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      network = sl_sharing_network_load (project, "Wethersfield unticks ICE", &error);
      if (network == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      vis = sl_visibility_new (network);
      rows = sl_visibility_exposure (vis, (SlVisRead *) reads->data, reads->len, SL_TIME_MAX);
      peer_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  report ("what-if untick + recompute + summary", apply_ms);
  report ("what-if undo (rebuild + recompute)", undo_ms);
  report ("peer: load scenario + exposure", peer_ms);
  printf ("ratio untick / peer (medians): %.2f\n", apply_ms[ROUNDS / 2] / peer_ms[ROUNDS / 2]);

  bench_large ();
  return 0;
}
