/* eval-inference.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Accuracy and speed of inference on a generated demo project, scored
 * against its ground truth (docs/inference.md). Run by
 * `meson test -C _build --benchmark --verbose inference` on the bundled demo,
 * or directly: eval-inference PROJECT [MIN_READS [AGENCY [SCENARIO]]] to
 * score what one agency can infer from what it sees (default scenario: the
 * first). Prints measured figures only. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sl-inference.h"
#include "sl-project-private.h"
#include "sl-read-store.h"
#include "sl-test-utils.h"

#define WITHIN_M 500.0
#define UNIQUENESS_STRIDE 10

typedef struct
{
  guint scored;
  guint found;
  guint within;
  /* Vehicles with at least one read within WITHIN_M of the truth: the
   * most any rule could place right. */
  guint reachable;
} Score;

static void
score (Score                   *s,
       GArray                  *reads,
       const SlInference       *inference,
       const SlInferenceAnchor *anchor,
       double                   latitude,
       double                   longitude)
{
  const SlInferencePlace *place;

  s->scored++;
  for (guint i = 0; i < reads->len; i++)
    {
      const SlInferenceRead *read = &g_array_index (reads, SlInferenceRead, i);

      if (sl_inference_distance_m (read->latitude, read->longitude, latitude, longitude) <= WITHIN_M)
        {
          s->reachable++;
          break;
        }
    }
  if (!anchor->found)
    return;
  s->found++;
  place = &g_array_index (inference->places, SlInferencePlace, anchor->place);
  if (sl_inference_distance_m (place->latitude, place->longitude, latitude, longitude) <= WITHIN_M)
    s->within++;
}

static void
print_score (const char  *name,
             const Score *s)
{
  printf ("%s: %u vehicles scored, %u inferred, %u within %.0f m (%.1f%% of scored, %.1f%% of inferred); "
          "%u have a read within %.0f m of the truth\n",
          name, s->scored, s->found, s->within, WITHIN_M,
          s->scored ? 100.0 * s->within / s->scored : 0.0,
          s->found ? 100.0 * s->within / s->found : 0.0, s->reachable, WITHIN_M);
}

static int
compare_guint (const void *a,
               const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GArray) run_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unique_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unique_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_unique_scored = 0, n_unique_one = 0;
  double total_unique = 0;
  guint min_reads = argc > 2 ? (guint) atoi (argv[2]) : 20;
  Score home = { 0 }, work = { 0 };
  guint pairs = 0, pairs_found = 0, n_companions = 0, n_vehicles = 0, below = 0;
  double total_run = 0, total_load = 0;
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(SlVisibility) visibility = NULL;
  SlInferenceView view = { NULL, 0, SL_TIME_MAX };
  sqlite3_stmt *stmt = NULL;

  if (argc < 2)
    {
      fprintf (stderr, "usage: eval-inference PROJECT [MIN_READS]\n");
      return 2;
    }
  project = sl_project_open (argv[1], SL_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  zone = sl_inference_get_time_zone (project);
  if (argc > 3)
    {
      network = sl_sharing_network_load (project, argc > 4 ? argv[4] : NULL, &error);
      if (network == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      for (guint i = 0; i < sl_sharing_network_get_n_nodes (network); i++)
        if (g_str_equal (sl_sharing_network_get_node (network, i)->name, argv[3]))
          {
            view.node = i;
            visibility = sl_visibility_new (network);
            view.visibility = visibility;
          }
      if (visibility == NULL)
        {
          fprintf (stderr, "no agency named %s\n", argv[3]);
          return 1;
        }
    }

  sqlite3_prepare_v2 (sl_project_get_db (project),
                      "SELECT v.plate, p.id, v.home_latitude, v.home_longitude, v.work_latitude, v.work_longitude, "
                      "(SELECT group_concat (c.companion_plate) FROM demo_companions AS c WHERE c.plate = v.plate) "
                      "FROM demo_vehicles AS v JOIN plates AS p ON p.plate = v.plate ORDER BY v.plate",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 plate_id = sqlite3_column_int64 (stmt, 1);
      const char *companion = (const char *) sqlite3_column_text (stmt, 6);
      g_autoptr(GArray) reads = NULL;
      g_autoptr(GArray) stored = NULL;
      g_autoptr(SlInference) inference = NULL;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      stored = sl_read_store_load_plate_reads (project, plate_id, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (load_ms, ms);
      total_load += ms;

      /* Timed in two parts: everything but uniqueness for every vehicle;
       * uniqueness, much slower, for every UNIQUENESS_STRIDE-th. */
      start = g_get_monotonic_time ();
      reads = sl_inference_load_reads (project, plate_id, &view, &error);
      if (reads != NULL)
        {
          inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, NULL);
          if (!sl_inference_find_companions (inference, project, plate_id, &view, &error))
            g_clear_pointer (&inference, sl_inference_free);
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (inference == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_array_append_val (run_ms, ms);
      total_run += ms;
      if (inference->n_reads == 0)
        continue;
      n_vehicles++;
      if (n_vehicles % UNIQUENESS_STRIDE == 1)
        {
          start = g_get_monotonic_time ();
          if (!sl_inference_compute_uniqueness (inference, project, plate_id, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (unique_ms, ms);
          total_unique += ms;
          if (inference->places->len >= 2)
            {
              n_unique_scored++;
              if (inference->n_sharing_top_places == 1)
                n_unique_one++;
              g_array_append_val (unique_sizes, inference->n_sharing_top_places);
            }
        }
      n_companions += inference->companions->len;

      if (companion != NULL)
        {
          pairs++;
          for (guint c = 0; c < inference->companions->len; c++)
            if (g_str_equal (g_array_index (inference->companions, SlInferenceCompanion, c).plate, companion))
              pairs_found++;
        }

      if (inference->n_reads < min_reads)
        {
          below++;
          continue;
        }
      score (&home, reads, inference, &inference->home, sqlite3_column_double (stmt, 2), sqlite3_column_double (stmt, 3));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        score (&work, reads, inference, &inference->work, sqlite3_column_double (stmt, 4), sqlite3_column_double (stmt, 5));
    }
  sqlite3_finalize (stmt);

  g_array_sort (run_ms, sl_test_compare_double);
  g_array_sort (load_ms, sl_test_compare_double);
  printf ("project: %s, time zone %s, default thresholds\n", argv[1], g_time_zone_get_identifier (zone));
  if (network != NULL)
    printf ("view: what %s sees under scenario \"%s\" (ever)\n", argv[3], sl_sharing_network_get_scenario (network));
  else
    printf ("view: every read of the project\n");
  printf ("vehicles with reads in the view: %u; scored (>= %u reads): %u\n", n_vehicles, min_reads, n_vehicles - below);
  print_score ("home", &home);
  print_score ("work (vehicles with a workplace)", &work);
  printf ("companion pairs in ground truth: %u; found: %u; companions reported over all vehicles: %u\n",
          pairs, pairs_found, n_companions);
  if (run_ms->len > 0)
    {
      guint n = run_ms->len;

      printf ("per plate (%u), reads loaded through the view + places, home, work, heatmap + companions: "
              "mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms\n",
              n, total_run / n, g_array_index (run_ms, double, n / 2),
              g_array_index (run_ms, double, n * 95 / 100), g_array_index (run_ms, double, n - 1));
      printf ("peer, sl_read_store_load_plate_reads per plate: mean %.3f ms, median %.3f ms; ratio of means %.1f\n",
              total_load / n, g_array_index (load_ms, double, n / 2), total_run / MAX (total_load, 1e-9));
    }
  if (unique_ms->len > 0)
    {
      g_array_sort (unique_ms, sl_test_compare_double);
      printf ("uniqueness, every %uth vehicle (%u): mean %.2f ms, median %.2f ms, max %.2f ms\n",
              UNIQUENESS_STRIDE, unique_ms->len, total_unique / unique_ms->len,
              g_array_index (unique_ms, double, unique_ms->len / 2), g_array_index (unique_ms, double, unique_ms->len - 1));
      g_array_sort (unique_sizes, compare_guint);
      if (n_unique_scored > 0)
        printf ("uniqueness: of %u vehicles with two top places, %u (%.1f%%) alone in having them; median anonymity set %u\n",
                n_unique_scored, n_unique_one, 100.0 * n_unique_one / n_unique_scored,
                g_array_index (unique_sizes, guint, n_unique_scored / 2));
    }
  return 0;
}
