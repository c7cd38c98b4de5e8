/* bench-what-if.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A what-if edit and the recomputed exposure of one vehicle (target:
 * < 100 ms), against its peer: loading the edited scenario from the project
 * and computing the exposure from scratch, as the CLI does.
 *
 *   meson test -C _build --benchmark --verbose what-if
 *   bench-what-if PROJECT [PLATE]
 */

#include "config.h"

#include <stdio.h>

#include "sl-sharing-reads.h"
#include "sl-what-if.h"

#define ROUNDS 50

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        double     *ms)
{
  qsort (ms, ROUNDS, sizeof *ms, compare_double);
  printf ("%-44s median %8.3f ms  max %8.3f ms\n", what, ms[ROUNDS / 2], ms[ROUNDS - 1]);
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
  return 0;
}
