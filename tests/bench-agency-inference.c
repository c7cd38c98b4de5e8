/* bench-agency-inference.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the workspace's worker does when a vehicle is selected with an agency
 * chosen (target: every pane refreshed in < 100 ms at ten million reads):
 * the what-if session (sharing network and the vehicle's reads), then the
 * agency's inference — its reads through the engine, places, home, work,
 * routine, companions and uniqueness — with the project's memo of top places
 * warmed, against its peer: the same with uniqueness computed without the
 * memo (every candidate's reads loaded and clustered, as before). The memo's
 * one-off warming, done in 50 ms steps in the background after a project
 * opens, is timed too.
 *
 * Vehicles: every plate whose id is a multiple of the stride, up to
 * SAMPLES; the agency is the one other than the owners that sees most of the
 * vehicle's reads under the default scenario.
 *
 *   meson test -C _build --benchmark --verbose agency-inference
 *   bench-agency-inference PROJECT
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sl-inference.h"
#include "sl-project-private.h"
#include "sl-read-store.h"
#include "sl-test-utils.h"
#include "sl-what-if.h"

#define SAMPLES 60

static double
median (GArray *ms)
{
  return g_array_index (ms, double, ms->len / 2);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The viewer, not an owner of the vehicle's reads, that sees most. */
static guint
main_viewer (SlWhatIf *what_if)
{
  GArray *exposure = sl_what_if_get_exposure (what_if);
  guint best = G_MAXUINT, best_reads = 0;

  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row = &g_array_index (exposure, SlExposure, i);

      if (sl_what_if_get_how (what_if, row) != SL_EXPOSURE_OWN && row->n_reads > best_reads &&
          sl_sharing_network_get_node (sl_what_if_get_network (what_if), row->node)->kind == SL_SHARING_NODE_AGENCY)
        {
          best = row->node;
          best_reads = row->n_reads;
        }
    }
  return best;
}

/* The inference pane's work for @node, as the workspace's worker does it. */
static SlInference *
infer (SlProject                   *project,
       SlWhatIf                    *what_if,
       gint64                       plate_id,
       guint                        node,
       GTimeZone                   *zone,
       const SlInferenceThresholds *thresholds,
       SlInferenceCache            *cache,
       double                      *uniqueness_ms)
{
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_copy (sl_what_if_get_network (what_if));
  g_autoptr(SlVisibility) visibility = sl_visibility_new (network);
  SlInferenceView view = { visibility, node, SL_TIME_MAX };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reads = sl_inference_load_reads (project, plate_id, &view, &error);
  SlInference *inference;
  gint64 start;

  if (reads == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, thresholds);
  if (!sl_inference_find_companions (inference, project, plate_id, &view, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  start = g_get_monotonic_time ();
  if (!sl_inference_compute_uniqueness_cached (inference, project, plate_id, cache, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  *uniqueness_ms = ms_since (start);
  return inference;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlInferenceCache) cache = sl_inference_cache_new ();
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GArray) with_memo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) without_memo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unique_memo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unique_plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) session_ms = g_array_new (FALSE, FALSE, sizeof (double));
  SlInferenceThresholds thresholds;
  sqlite3_stmt *stmt = NULL;
  gint64 n_plates, stride, start;
  gboolean done = FALSE;
  guint n_steps = 0, n_viewed_reads = 0, n_samples = SAMPLES;
  double warm_ms, longest_step = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s PROJECT\n", argv[0]);
      return 1;
    }
  if ((project = sl_project_open (argv[1], SL_PROJECT_OPEN_READ_ONLY, &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  zone = sl_inference_get_time_zone (project);
  sl_inference_thresholds_init (&thresholds);

  /* The one-off warming, in the workspace's steps. */
  start = g_get_monotonic_time ();
  while (!done)
    {
      gint64 step = g_get_monotonic_time ();

      if (!sl_inference_cache_warm (cache, project, zone, &thresholds, 50000, &done, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      longest_step = MAX (longest_step, ms_since (step));
      n_steps++;
    }
  warm_ms = ms_since (start);
  printf ("%s: memo of top places warmed in %.0f ms (%u steps, longest %.0f ms), %u vehicles\n", argv[1],
          warm_ms, n_steps, longest_step, sl_inference_cache_get_size (cache));
  fflush (stdout);

  sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT max (id) FROM plates", -1, &stmt, NULL);
  sqlite3_step (stmt);
  n_plates = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  /* SL_BENCH_SAMPLES: fewer vehicles, for the peer's minutes at 10M reads. */
  if (g_getenv ("SL_BENCH_SAMPLES") != NULL)
    n_samples = MAX (1, atoi (g_getenv ("SL_BENCH_SAMPLES")));
  stride = MAX (1, n_plates / n_samples);
  sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT id, plate FROM plates WHERE id % ?1 = 0 ORDER BY id",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, stride);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 plate_id = sqlite3_column_int64 (stmt, 0);
      const char *plate = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(SlWhatIf) what_if = NULL;
      g_autoptr(SlInference) memo = NULL;
      g_autoptr(SlInference) plain = NULL;
      double session, unique_with, unique_without, total_with, total_without;
      guint node;

      start = g_get_monotonic_time ();
      what_if = sl_what_if_new_for_project (project, NULL, plate, &error);
      if (what_if == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      session = ms_since (start);
      if ((node = main_viewer (what_if)) == G_MAXUINT)
        continue;

      start = g_get_monotonic_time ();
      memo = infer (project, what_if, plate_id, node, zone, &thresholds, cache, &unique_with);
      total_with = session + ms_since (start);
      start = g_get_monotonic_time ();
      plain = infer (project, what_if, plate_id, node, zone, &thresholds, NULL, &unique_without);
      total_without = session + ms_since (start);
      if (memo->n_sharing_top_places != plain->n_sharing_top_places)
        {
          fprintf (stderr, "%s: the memo gives %u vehicles with its top places, without it %u\n", plate,
                   memo->n_sharing_top_places, plain->n_sharing_top_places);
          return 1;
        }
      n_viewed_reads += memo->n_reads;
      g_array_append_val (session_ms, session);
      g_array_append_val (with_memo, total_with);
      g_array_append_val (without_memo, total_without);
      g_array_append_val (unique_memo, unique_with);
      g_array_append_val (unique_plain, unique_without);
    }
  sqlite3_finalize (stmt);
  if (with_memo->len == 0)
    {
      fprintf (stderr, "no vehicle is seen by an agency other than its owners\n");
      return 1;
    }

  printf ("agency's reads of the vehicle: mean %.1f\n", (double) n_viewed_reads / with_memo->len);
  sl_test_report_ms ("what-if session", "vehicles", session_ms);
  sl_test_report_ms ("uniqueness with the memo", "vehicles", unique_memo);
  sl_test_report_ms ("peer, uniqueness without it", "vehicles", unique_plain);
  sl_test_report_ms ("session + inference with the memo", "vehicles", with_memo);
  sl_test_report_ms ("peer, session + inference without it", "vehicles", without_memo);
  printf ("ratio with / without the memo (medians): uniqueness %.5f (%.0f× faster), selection %.4f (%.0f× faster)\n",
          median (unique_memo) / median (unique_plain), median (unique_plain) / median (unique_memo),
          median (with_memo) / median (without_memo), median (without_memo) / median (with_memo));
  return 0;
}
