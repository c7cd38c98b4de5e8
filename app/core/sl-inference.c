/* sl-inference.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-inference"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-inference.h"
#include "sl-project-private.h"

/* Rules are deliberately simple so that each result can be explained in one
 * sentence next to the reads it rests on (docs/inference.md):
 *
 * - places: reads are put in grid cells of cell_size_m; the densest cell not
 *   yet taken becomes a place together with its free neighbours (3 × 3
 *   cells), until every read has a place;
 * - home: the place with most distinct nights among night-time reads;
 * - work: the place, other than home, with most distinct weekdays among
 *   weekday daytime reads;
 * - companions: other plates read by the same camera within ±window at
 *   several places on several days (one query over the reads' cell index);
 * - uniqueness: vehicles whose two top places are this vehicle's two, after
 *   Golle & Partridge (2009). */

#define METRES_PER_DEGREE 111320.0
#define SECONDS_PER_HOUR 3600

void
sl_inference_thresholds_init (SlInferenceThresholds *thresholds)
{
  thresholds->night_start_hour = 20;
  thresholds->night_end_hour = 6;
  thresholds->work_start_hour = 10;
  thresholds->work_end_hour = 16;
  thresholds->cell_size_m = 300.0;
  thresholds->min_days = 2;
  thresholds->full_confidence_days = 7;
  thresholds->companion_window_s = 120;
  thresholds->companion_min_places = 3;
  thresholds->companion_min_days = 5;
  thresholds->uniqueness_radius_m = 500.0;
}

/**
 * sl_inference_thresholds_load:
 * @settings: a GSettings of the application's schema
 *
 * The thresholds the user set in Preferences (the inference-* keys).
 */
void
sl_inference_thresholds_load (SlInferenceThresholds *thresholds,
                              GSettings             *settings)
{
  thresholds->night_start_hour = g_settings_get_int (settings, "inference-night-start-hour");
  thresholds->night_end_hour = g_settings_get_int (settings, "inference-night-end-hour");
  thresholds->work_start_hour = g_settings_get_int (settings, "inference-work-start-hour");
  thresholds->work_end_hour = g_settings_get_int (settings, "inference-work-end-hour");
  thresholds->cell_size_m = g_settings_get_int (settings, "inference-cell-size");
  thresholds->min_days = g_settings_get_int (settings, "inference-min-days");
  thresholds->full_confidence_days = g_settings_get_int (settings, "inference-full-confidence-days");
  thresholds->companion_window_s = g_settings_get_int (settings, "inference-companion-window");
  thresholds->companion_min_places = g_settings_get_int (settings, "inference-companion-min-places");
  thresholds->companion_min_days = g_settings_get_int (settings, "inference-companion-min-days");
  thresholds->uniqueness_radius_m = g_settings_get_int (settings, "inference-uniqueness-radius");
}

double
sl_inference_distance_m (double lat1,
                         double lon1,
                         double lat2,
                         double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * 6371008.8 * asin (MIN (1.0, sqrt (a)));
}

/**
 * sl_inference_get_time_zone:
 *
 * The zone local hours are counted in: the project's "time-zone" setting;
 * for a generated demo, Connecticut's (its CSV times are UTC); otherwise the
 * zone most of its datasets were read in, when that is not UTC; otherwise
 * the user's.
 *
 * Returns: (transfer full): the zone
 */
GTimeZone *
sl_inference_get_time_zone (SlProject *project)
{
  g_autofree char *meta = sl_project_dup_meta (project, "time-zone");
  g_autofree char *demo = sl_project_dup_meta (project, "demo.generator");
  g_autofree char *dataset_zone = NULL;
  sqlite3_stmt *stmt = NULL;

  if (meta != NULL && *meta != '\0')
    return g_time_zone_new_identifier (meta) ?: g_time_zone_new_local ();
  if (demo != NULL)
    return g_time_zone_new_identifier ("America/New_York") ?: g_time_zone_new_local ();

  if (sqlite3_prepare_v2 (sl_project_get_db (project),
                          "SELECT time_zone FROM datasets GROUP BY time_zone "
                          "ORDER BY count(*) DESC, time_zone LIMIT 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    dataset_zone = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (dataset_zone != NULL && !g_str_equal (dataset_zone, "UTC") && !g_str_equal (dataset_zone, "Etc/UTC"))
    return g_time_zone_new_identifier (dataset_zone) ?: g_time_zone_new_local ();
  return g_time_zone_new_local ();
}

/**
 * sl_inference_view_sees:
 * @view: (nullable): what may be used; NULL for every read
 * @owner_id: the agency that took the read
 *
 * Visibility is the engine's: a read counts when the node can see it at
 * as_of (through a path in force then) or, for SL_TIME_MAX, ever. The map
 * filters a vehicle's reads to an agency's with the same test.
 *
 * Returns: whether @view may use the read
 */
gboolean
sl_inference_view_sees (const SlInferenceView *view,
                        gint64                 plate_id,
                        gint64                 time,
                        gint64                 owner_id)
{
  SlVisRead read = { plate_id, time, owner_id };
  gint64 first, last;

  if (view == NULL || view->visibility == NULL)
    return TRUE;
  if (!sl_visibility_read_window (view->visibility, &read, view->node, &first, &last))
    return FALSE;
  if (view->as_of == SL_TIME_MAX)
    return TRUE;
  return first <= view->as_of && view->as_of <= last &&
         sl_visibility_reachable_at (view->visibility, owner_id, view->node, view->as_of);
}

/**
 * sl_inference_owner_holds:
 * @visibility: (nullable): the session's engine, or %NULL
 * @owner_id: the agency that took the read
 * @as_of: an instant, or SL_TIME_MAX for ever
 *
 * Whether the read exists as of @as_of: taken by then and not yet past its
 * owner's retention (deleting it removes it for every agency that queries
 * the owner). The owner's own view in the engine, as
 * sl_inference_view_sees() for the owner's node; an owner the network
 * does not list (or no @visibility) keeps its reads.
 *
 * Returns: whether the read is there at @as_of
 */
gboolean
sl_inference_owner_holds (SlVisibility *visibility,
                          gint64        plate_id,
                          gint64        time,
                          gint64        owner_id,
                          gint64        as_of)
{
  SlInferenceView view = { visibility, 0, as_of };

  if (as_of == SL_TIME_MAX)
    return TRUE;
  if (time > as_of)
    return FALSE;
  if (visibility == NULL ||
      !sl_sharing_network_find_agency (sl_visibility_get_network (visibility), owner_id, &view.node))
    return TRUE;
  return sl_inference_view_sees (&view, plate_id, time, owner_id);
}

/**
 * sl_inference_load_reads:
 * @view: (nullable): what may be used; NULL for every read
 *
 * Returns: (transfer full) (element-type SlInferenceRead): the plate's reads
 *   @view sees, in time order, or %NULL with @error set
 */
GArray *
sl_inference_load_reads (SlProject              *project,
                         gint64                  plate_id,
                         const SlInferenceView  *view,
                         GError                **error)
{
  const char *sql = "SELECT id, time, latitude, longitude, ifnull (camera_id, 0), agency_id "
                    "FROM reads WHERE plate_id = ?1 ORDER BY time, id";
  GArray *reads = g_array_new (FALSE, FALSE, sizeof (SlInferenceRead));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      g_array_unref (reads);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, plate_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlInferenceRead read = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_double (stmt, 2), sqlite3_column_double (stmt, 3),
        sqlite3_column_int64 (stmt, 4),
      };

      if (sl_inference_view_sees (view, plate_id, read.time, sqlite3_column_int64 (stmt, 5)))
        g_array_append_val (reads, read);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      g_array_unref (reads);
      return NULL;
    }
  return reads;
}

/* Grid cells: rows of cell_size_m of latitude; within a row, columns of
 * cell_size_m of longitude at the row's centre, so the grid is the same for
 * every vehicle. */

typedef struct
{
  gint64 row;
  gint64 col;
} Cell;

static double
row_step (double cell_size_m)
{
  return cell_size_m / METRES_PER_DEGREE;
}

static gint64
cell_row (double latitude,
          double cell_size_m)
{
  return (gint64) floor ((latitude + 90.0) / row_step (cell_size_m));
}

static gint64
cell_col (gint64 row,
          double longitude,
          double cell_size_m)
{
  double centre = (row + 0.5) * row_step (cell_size_m) - 90.0;
  double step = row_step (cell_size_m) / MAX (cos (centre * G_PI / 180.0), 0.01);

  return (gint64) floor ((longitude + 180.0) / step);
}

static gint64
cell_key (gint64 row,
          gint64 col)
{
  return row * 1000000 + col;
}

/* Local time of one read. */
typedef struct
{
  guint  hour;
  guint  weekday;
  gint64 day;
  /* The day a night belongs to: the evening's. */
  gint64 night;
} Local;

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static Local
local_time (GTimeZone *zone,
            gint64     time,
            guint      night_end_hour)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, time);
  gint64 local = time + g_time_zone_get_offset (zone, MAX (interval, 0));
  Local out;

  out.day = floor_div (local, SL_SECONDS_PER_DAY);
  out.hour = (guint) ((local - out.day * SL_SECONDS_PER_DAY) / SECONDS_PER_HOUR);
  /* 1 January 1970 was a Thursday (Monday = 0 → 3). */
  out.weekday = (guint) ((out.day % 7 + 7 + 3) % 7);
  out.night = floor_div (local - (gint64) night_end_hour * SECONDS_PER_HOUR, SL_SECONDS_PER_DAY);
  return out;
}

static gboolean
in_hours (guint hour,
          guint start,
          guint end)
{
  return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
}

static void
place_clear (SlInferencePlace *place)
{
  g_clear_pointer (&place->read_ids, g_array_unref);
}

static void
companion_clear (SlInferenceCompanion *companion)
{
  g_clear_pointer (&companion->plate, g_free);
  g_clear_pointer (&companion->read_ids, g_array_unref);
}

static void
anchor_clear (SlInferenceAnchor *anchor)
{
  g_clear_pointer (&anchor->read_ids, g_array_unref);
}

void
sl_inference_free (SlInference *self)
{
  if (self == NULL)
    return;
  g_free (self->time_zone);
  g_clear_pointer (&self->places, g_array_unref);
  g_clear_pointer (&self->companions, g_array_unref);
  anchor_clear (&self->home);
  anchor_clear (&self->work);
  g_free (self);
}

typedef struct
{
  gint64 key;
  guint  n_reads;
  /* Place index, G_MAXUINT while free. */
  guint  place;
  gint64 row;
  double longitude;
} CellCount;

static int
compare_cell_counts (gconstpointer a,
                     gconstpointer b)
{
  const CellCount *x = a, *y = b;

  if (x->n_reads != y->n_reads)
    return x->n_reads > y->n_reads ? -1 : 1;
  return (x->key > y->key) - (x->key < y->key);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static guint
count_distinct (GArray *values)
{
  guint n = 0;

  g_array_sort (values, compare_gint64);
  for (guint i = 0; i < values->len; i++)
    if (i == 0 || g_array_index (values, gint64, i) != g_array_index (values, gint64, i - 1))
      n++;
  return n;
}

/* Assigns each read a place (out_place[i]); returns the places, unsorted,
 * with only their centres and read counts. */
static guint
cluster (const SlInferenceRead *reads,
         guint                  n_reads,
         double                 cell_size_m,
         guint                 *out_place,
         GArray                *centres)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (CellCount));
  g_autofree gint64 *keys = g_new (gint64, MAX (n_reads, 1));
  guint n_places = 0;

  for (guint i = 0; i < n_reads; i++)
    {
      gint64 row = cell_row (reads[i].latitude, cell_size_m);
      gpointer found;

      keys[i] = cell_key (row, cell_col (row, reads[i].longitude, cell_size_m));
      if (g_hash_table_lookup_extended (index, &keys[i], NULL, &found))
        g_array_index (cells, CellCount, GPOINTER_TO_UINT (found)).n_reads++;
      else
        {
          CellCount cell = { keys[i], 1, G_MAXUINT, row, reads[i].longitude };

          g_array_append_val (cells, cell);
          g_hash_table_insert (index, &keys[i], GUINT_TO_POINTER (cells->len - 1));
        }
    }

  /* Densest first; the index must follow the sort. */
  g_array_sort (cells, compare_cell_counts);
  for (guint c = 0; c < cells->len; c++)
    g_hash_table_insert (index, &g_array_index (cells, CellCount, c).key, GUINT_TO_POINTER (c));

  for (guint c = 0; c < cells->len; c++)
    {
      CellCount *seed = &g_array_index (cells, CellCount, c);

      if (seed->place != G_MAXUINT)
        continue;
      for (gint64 row = seed->row - 1; row <= seed->row + 1; row++)
        {
          gint64 col = cell_col (row, seed->longitude, cell_size_m);

          for (gint64 dc = -1; dc <= 1; dc++)
            {
              gint64 key = cell_key (row, col + dc);
              gpointer found;

              if (g_hash_table_lookup_extended (index, &key, NULL, &found))
                {
                  CellCount *cell = &g_array_index (cells, CellCount, GPOINTER_TO_UINT (found));

                  if (cell->place == G_MAXUINT)
                    cell->place = n_places;
                }
            }
        }
      n_places++;
    }

  g_array_set_size (centres, n_places * 3);
  if (n_places > 0)
    memset (centres->data, 0, n_places * 3 * sizeof (double));
  for (guint i = 0; i < n_reads; i++)
    {
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (index, &keys[i]));
      guint place = g_array_index (cells, CellCount, c).place;
      double *sums = &g_array_index (centres, double, place * 3);

      out_place[i] = place;
      sums[0] += reads[i].latitude;
      sums[1] += reads[i].longitude;
      sums[2] += 1;
    }
  for (guint p = 0; p < n_places; p++)
    {
      double *sums = &g_array_index (centres, double, p * 3);

      sums[0] /= sums[2];
      sums[1] /= sums[2];
    }

  return n_places;
}

static int
compare_places (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GArray *places = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const SlInferencePlace *x = &g_array_index (places, SlInferencePlace, i);
  const SlInferencePlace *y = &g_array_index (places, SlInferencePlace, j);

  if (x->n_days != y->n_days)
    return x->n_days > y->n_days ? -1 : 1;
  if (x->n_reads != y->n_reads)
    return x->n_reads > y->n_reads ? -1 : 1;
  /* Clusters are numbered densest cell first. */
  return (i > j) - (i < j);
}

/* Home or work: among the reads for which in_window[i] holds, the place
 * (other than @exclude) with most distinct days, then most reads, then the
 * lower index (better ranked in places). */
static void
find_anchor (SlInference           *self,
             const SlInferenceRead *reads,
             const guint           *place_of,
             const gboolean        *in_window,
             const gint64          *day_of,
             guint                  n_reads,
             guint                  exclude,
             SlInferenceAnchor     *anchor)
{
  guint n_places = self->places->len;
  g_autofree guint *counts = g_new0 (guint, n_places);
  g_autofree GArray **days = g_new0 (GArray *, n_places);
  guint best = G_MAXUINT, best_days = 0;

  anchor->read_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_reads; i++)
    {
      guint p = place_of[i];

      if (!in_window[i])
        continue;
      anchor->n_window_reads++;
      if (p == exclude)
        continue;
      counts[p]++;
      if (days[p] == NULL)
        days[p] = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (days[p], day_of[i]);
    }

  for (guint p = 0; p < n_places; p++)
    {
      guint n_days;

      if (days[p] == NULL)
        continue;
      n_days = count_distinct (days[p]);
      g_array_unref (days[p]);
      if (best == G_MAXUINT || n_days > best_days || (n_days == best_days && counts[p] > counts[best]))
        {
          best = p;
          best_days = n_days;
        }
    }

  if (best == G_MAXUINT || best_days < self->thresholds.min_days)
    return;

  anchor->found = TRUE;
  anchor->place = best;
  anchor->n_place_reads = counts[best];
  anchor->n_days = best_days;
  anchor->confidence = (double) counts[best] / anchor->n_window_reads *
                       MIN (1.0, (double) best_days / MAX (self->thresholds.full_confidence_days, 1));
  for (guint i = 0; i < n_reads; i++)
    if (in_window[i] && place_of[i] == best)
      g_array_append_val (anchor->read_ids, reads[i].id);
}

/**
 * sl_inference_new:
 * @reads: one vehicle's reads, in time order
 * @time_zone: the zone local hours and days are counted in
 * @thresholds: (nullable): the rules' parameters, NULL for the defaults
 *
 * Places, home, work and the weekly heatmap of @reads.
 *
 * Returns: (transfer full): the inference
 */
SlInference *
sl_inference_new (const SlInferenceRead       *reads,
                  guint                        n_reads,
                  GTimeZone                   *time_zone,
                  const SlInferenceThresholds *thresholds)
{
  SlInference *self = g_new0 (SlInference, 1);
  g_autofree guint *place_of = g_new (guint, MAX (n_reads, 1));
  g_autofree Local *local = g_new (Local, MAX (n_reads, 1));
  g_autofree gboolean *window = g_new (gboolean, MAX (n_reads, 1));
  g_autofree gint64 *day_of = g_new (gint64, MAX (n_reads, 1));
  g_autofree guint *rank_of = NULL;
  g_autoptr(GArray) centres = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_days = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) place_days = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint n_places;

  if (thresholds != NULL)
    self->thresholds = *thresholds;
  else
    sl_inference_thresholds_init (&self->thresholds);
  self->time_zone = g_strdup (g_time_zone_get_identifier (time_zone));
  self->n_reads = n_reads;
  self->places = g_array_new (FALSE, TRUE, sizeof (SlInferencePlace));
  g_array_set_clear_func (self->places, (GDestroyNotify) place_clear);
  self->companions = g_array_new (FALSE, TRUE, sizeof (SlInferenceCompanion));
  g_array_set_clear_func (self->companions, (GDestroyNotify) companion_clear);

  n_places = cluster (reads, n_reads, self->thresholds.cell_size_m, place_of, centres);
  g_array_set_size (self->places, n_places);
  for (guint p = 0; p < n_places; p++)
    {
      SlInferencePlace *place = &g_array_index (self->places, SlInferencePlace, p);

      place->latitude = g_array_index (centres, double, p * 3);
      place->longitude = g_array_index (centres, double, p * 3 + 1);
      place->read_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (place_days, g_array_new (FALSE, FALSE, sizeof (gint64)));
    }

  for (guint i = 0; i < n_reads; i++)
    {
      SlInferencePlace *place = &g_array_index (self->places, SlInferencePlace, place_of[i]);

      local[i] = local_time (time_zone, reads[i].time, self->thresholds.night_end_hour);
      self->heatmap[local[i].weekday][local[i].hour]++;
      g_array_append_val (all_days, local[i].day);
      place->n_reads++;
      place->hours[local[i].hour]++;
      place->weekdays[local[i].weekday]++;
      g_array_append_val (place->read_ids, reads[i].id);
      g_array_append_val (g_ptr_array_index (place_days, place_of[i]), local[i].day);
    }
  self->n_days = count_distinct (all_days);
  for (guint p = 0; p < n_places; p++)
    g_array_index (self->places, SlInferencePlace, p).n_days = count_distinct (g_ptr_array_index (place_days, p));

  /* Rank places, then renumber the reads' places to the ranks. */
  {
    g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_places);
    GArray *ranked = g_array_sized_new (FALSE, TRUE, sizeof (SlInferencePlace), n_places);

    for (guint p = 0; p < n_places; p++)
      g_array_append_val (order, p);
    g_array_sort_with_data (order, compare_places, self->places);
    rank_of = g_new (guint, MAX (n_places, 1));
    for (guint r = 0; r < n_places; r++)
      {
        guint p = g_array_index (order, guint, r);

        rank_of[p] = r;
        g_array_append_val (ranked, g_array_index (self->places, SlInferencePlace, p));
      }
    /* The places moved to ranked: free only the old array. */
    g_array_set_clear_func (self->places, NULL);
    g_array_unref (self->places);
    self->places = ranked;
    g_array_set_clear_func (self->places, (GDestroyNotify) place_clear);
    for (guint i = 0; i < n_reads; i++)
      place_of[i] = rank_of[place_of[i]];
  }

  /* Home: night-time reads only. Adding each day's first and last read
   * was measured worse on the demo (docs/inference.md): those are mostly
   * passes of the town-centre cameras, not the car parked at home. */
  for (guint i = 0; i < n_reads; i++)
    {
      window[i] = in_hours (local[i].hour, self->thresholds.night_start_hour, self->thresholds.night_end_hour);
      day_of[i] = local[i].night;
    }
  find_anchor (self, reads, place_of, window, day_of, n_reads, G_MAXUINT, &self->home);

  for (guint i = 0; i < n_reads; i++)
    {
      window[i] = local[i].weekday < 5 &&
                  in_hours (local[i].hour, self->thresholds.work_start_hour, self->thresholds.work_end_hour);
      day_of[i] = local[i].day;
    }
  find_anchor (self, reads, place_of, window, day_of, n_reads,
               self->home.found ? self->home.place : G_MAXUINT, &self->work);

  return self;
}

typedef struct
{
  gint64     plate_id;
  char      *plate;
  GArray    *read_ids;
  GArray    *places;
  GArray    *days;
} Sighting;

static void
sighting_free (Sighting *sighting)
{
  g_free (sighting->plate);
  g_array_unref (sighting->read_ids);
  g_array_unref (sighting->places);
  g_array_unref (sighting->days);
  g_free (sighting);
}

static int
compare_companions (gconstpointer a,
                    gconstpointer b)
{
  const SlInferenceCompanion *x = a, *y = b;

  if (x->n_days != y->n_days)
    return x->n_days > y->n_days ? -1 : 1;
  if (x->n_sightings != y->n_sightings)
    return x->n_sightings > y->n_sightings ? -1 : 1;
  return g_strcmp0 (x->plate, y->plate);
}

/**
 * sl_inference_find_companions:
 * @self: the inference of @plate_id's reads as @view sees them
 * @view: (nullable): what may be used; NULL for every read
 *
 * Other plates read by the same camera within ±companion_window_s of one of
 * the vehicle's reads (both reads visible in @view), kept when that happened
 * at >= companion_min_places of the vehicle's places on >= companion_min_days
 * distinct local days. One query: the vehicle's reads by the plate index,
 * the others by the cell index.
 */
gboolean
sl_inference_find_companions (SlInference            *self,
                              SlProject              *project,
                              gint64                  plate_id,
                              const SlInferenceView  *view,
                              GError                **error)
{
  const char *sql = "SELECT t.id, t.time, r.plate_id, r.time, r.agency_id, p.plate "
                    "FROM reads AS t "
                    "JOIN reads AS r ON r.cell = t.cell AND r.time BETWEEN t.time - ?2 AND t.time + ?2 "
                    "JOIN plates AS p ON p.id = r.plate_id "
                    "WHERE t.plate_id = ?1 AND r.plate_id != ?1 AND r.camera_id IS t.camera_id";
  g_autoptr(GHashTable) place_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) others = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) sighting_free);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (self->time_zone) ?: g_time_zone_new_utc ();
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  Sighting *sighting;
  int rc;

  for (guint p = 0; p < self->places->len; p++)
    {
      GArray *ids = g_array_index (self->places, SlInferencePlace, p).read_ids;

      for (guint i = 0; i < ids->len; i++)
        g_hash_table_insert (place_of, &g_array_index (ids, gint64, i), GUINT_TO_POINTER (p));
    }

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, plate_id);
  sqlite3_bind_int64 (stmt, 2, self->thresholds.companion_window_s);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 read_id = sqlite3_column_int64 (stmt, 0);
      gint64 other = sqlite3_column_int64 (stmt, 2);
      gpointer place;
      gint64 place_index;
      Local local;

      /* The vehicle's read must be one the view sees (it is in a place). */
      if (!g_hash_table_lookup_extended (place_of, &read_id, NULL, &place) ||
          !sl_inference_view_sees (view, other, sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4)))
        continue;

      sighting = g_hash_table_lookup (others, &other);
      if (sighting == NULL)
        {
          sighting = g_new0 (Sighting, 1);
          sighting->plate_id = other;
          sighting->plate = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
          sighting->read_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          sighting->places = g_array_new (FALSE, FALSE, sizeof (gint64));
          sighting->days = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (others, &sighting->plate_id, sighting);
        }
      local = local_time (zone, sqlite3_column_int64 (stmt, 1), self->thresholds.night_end_hour);
      place_index = GPOINTER_TO_UINT (place);
      g_array_append_val (sighting->read_ids, read_id);
      g_array_append_val (sighting->places, place_index);
      g_array_append_val (sighting->days, local.day);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      return FALSE;
    }

  g_array_set_size (self->companions, 0);
  g_hash_table_iter_init (&iter, others);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &sighting))
    {
      SlInferenceCompanion companion = { 0 };

      companion.n_places = count_distinct (sighting->places);
      companion.n_days = count_distinct (sighting->days);
      if (companion.n_places < self->thresholds.companion_min_places ||
          companion.n_days < self->thresholds.companion_min_days)
        continue;

      /* One of the vehicle's reads can match the other plate twice. */
      companion.n_sightings = count_distinct (sighting->read_ids);
      companion.read_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), companion.n_sightings);
      for (guint i = 0; i < sighting->read_ids->len; i++)
        if (i == 0 || g_array_index (sighting->read_ids, gint64, i) != g_array_index (sighting->read_ids, gint64, i - 1))
          g_array_append_val (companion.read_ids, g_array_index (sighting->read_ids, gint64, i));
      companion.plate = g_strdup (sighting->plate);
      companion.plate_id = sighting->plate_id;
      companion.confidence = self->n_days > 0 ? MIN (1.0, (double) companion.n_days / self->n_days) : 0.0;
      g_array_append_val (self->companions, companion);
    }
  g_array_sort (self->companions, compare_companions);
  self->has_companions = TRUE;
  return TRUE;
}

/* Plates with a read within radius_m of a point, by the reads' 0.01° cells
 * (docs/project-format.md). */
static gboolean
plates_near (SlProject   *project,
             double       latitude,
             double       longitude,
             double       radius_m,
             GHashTable  *plates,
             GError     **error)
{
  const char *sql = "SELECT plate_id, latitude, longitude FROM reads WHERE cell BETWEEN ?1 AND ?2";
  double dlat = radius_m / METRES_PER_DEGREE;
  double dlon = dlat / MAX (cos (latitude * G_PI / 180.0), 0.01);
  gint64 row0 = (gint64) ((latitude - dlat + 90.0) * 100), row1 = (gint64) ((latitude + dlat + 90.0) * 100);
  gint64 col0 = (gint64) ((longitude - dlon + 180.0) * 100), col1 = (gint64) ((longitude + dlon + 180.0) * 100);
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }

  for (gint64 row = row0; row <= row1 && rc == SQLITE_DONE; row++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row * 36000 + col0);
      sqlite3_bind_int64 (stmt, 2, row * 36000 + col1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 plate_id = sqlite3_column_int64 (stmt, 0);

          if (sl_inference_distance_m (latitude, longitude, sqlite3_column_double (stmt, 1),
                                       sqlite3_column_double (stmt, 2)) <= radius_m &&
              !g_hash_table_contains (plates, &plate_id))
            {
              gint64 *key = g_new (gint64, 1);

              *key = plate_id;
              g_hash_table_add (plates, key);
            }
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      return FALSE;
    }
  return TRUE;
}

/* A vehicle's two top places, all its reads counted: what uniqueness
 * compares, and all it needs to remember of each candidate. */
typedef struct
{
  guint  n_places;
  double latitude[2];
  double longitude[2];
} TopPlaces;

struct _SlInferenceCache
{
  /* Held by each public call: the window warms the memo on its reading
   * thread while selections count uniqueness on the project worker. */
  GMutex      lock;
  /* What the places were computed with; other values empty the cache. */
  double      cell_size_m;
  char       *time_zone;
  /* plate id → TopPlaces */
  GHashTable *top_places;
  /* sl_inference_cache_warm() has done the plates up to this id; when it
   * did them all, the memo alone answers uniqueness, through a grid of
   * 0.01° cells (the reads' cells) → plate ids with a top place there. */
  gint64      warmed_to;
  gboolean    complete;
  GHashTable *grid;
  /* The largest plate id when last warmed: how far warming is. */
  gint64      max_plate;
};

/* Empties @cache when its places were computed with other parameters. */
static void
cache_use (SlInferenceCache *cache,
           double            cell_size_m,
           const char       *time_zone)
{
  if (cache->cell_size_m == cell_size_m && g_strcmp0 (cache->time_zone, time_zone) == 0)
    return;
  g_hash_table_remove_all (cache->top_places);
  g_clear_pointer (&cache->grid, g_hash_table_unref);
  cache->warmed_to = 0;
  cache->max_plate = 0;
  cache->complete = FALSE;
  cache->cell_size_m = cell_size_m;
  g_free (cache->time_zone);
  cache->time_zone = g_strdup (time_zone);
}

/**
 * sl_inference_cache_new:
 *
 * A memo of every vehicle's two top places, for the uniqueness figures of
 * one project: candidates recur from one vehicle to the next, and their
 * places are most of the cost. Places depend only on the vehicle's reads,
 * the cell size and the time zone, so the memo stays right until reads
 * are imported: drop it then. Locked: each call takes the memo for its
 * duration, so one thread may warm it while another counts with it.
 *
 * Returns: (transfer full): an empty memo
 */
SlInferenceCache *
sl_inference_cache_new (void)
{
  SlInferenceCache *cache = g_new0 (SlInferenceCache, 1);

  g_mutex_init (&cache->lock);
  cache->top_places = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return cache;
}

void
sl_inference_cache_free (SlInferenceCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->top_places);
  g_clear_pointer (&cache->grid, g_hash_table_unref);
  g_free (cache->time_zone);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

/**
 * sl_inference_cache_get_size:
 *
 * Returns: how many vehicles' top places the memo holds
 */
guint
sl_inference_cache_get_size (SlInferenceCache *cache)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache->lock);

  return g_hash_table_size (cache->top_places);
}

/**
 * sl_inference_cache_get_progress:
 *
 * How far sl_inference_cache_warm() is, by plate id (ids are dense: a
 * project numbers its plates as it imports them).
 *
 * Returns: the share of the project's plates done, in [0, 1]; 1 only
 *   once every plate is
 */
double
sl_inference_cache_get_progress (SlInferenceCache *cache)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (cache != NULL, 0.0);

  locker = g_mutex_locker_new (&cache->lock);
  if (cache->complete)
    return 1.0;
  if (cache->max_plate <= 0)
    return 0.0;
  return MIN ((double) cache->warmed_to / cache->max_plate, 1.0 - 1e-9);
}

/**
 * sl_inference_cache_is_ready:
 * @inference: an inference of one of the project's vehicles
 *
 * Returns: whether the memo has every vehicle's top places, computed with
 *   @inference's cell size and zone: uniqueness then reads no reads
 *   (sl_inference_compute_uniqueness_cached()), instead of seconds of them
 */
gboolean
sl_inference_cache_is_ready (SlInferenceCache  *cache,
                             const SlInference *inference)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (inference != NULL, FALSE);

  locker = g_mutex_locker_new (&cache->lock);
  return cache->complete && cache->cell_size_m == inference->thresholds.cell_size_m &&
         g_strcmp0 (cache->time_zone, inference->time_zone) == 0;
}

static void
set_top_places (TopPlaces         *out,
                const SlInference *inference)
{
  out->n_places = MIN (inference->places->len, 2);
  for (guint i = 0; i < out->n_places; i++)
    {
      const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, i);

      out->latitude[i] = place->latitude;
      out->longitude[i] = place->longitude;
    }
}

/* Plates are read in runs of this many ids, each sorted by SQLite alone. */
#define WARM_PLATES_PER_QUERY 16

/**
 * sl_inference_cache_warm:
 * @zone: the zone local days are counted in
 * @thresholds: (nullable): the rules' parameters (only the cell size
 *   matters), NULL for the defaults
 * @budget_us: stop after about this many microseconds
 * @done: (out): set to whether every plate of the project is in the memo
 *
 * Computes the top places of the project's vehicles that the memo lacks,
 * in plate order, for about @budget_us at a time: run it in steps between
 * other work until @done (each step holds the memo). One query per run of
 * plates, by the reads' (plate, time) index.
 *
 * Returns: %FALSE with @error set when the reads could not be read
 */
gboolean
sl_inference_cache_warm (SlInferenceCache             *cache,
                         SlProject                    *project,
                         GTimeZone                    *zone,
                         const SlInferenceThresholds  *thresholds,
                         gint64                        budget_us,
                         gboolean                     *done,
                         GError                      **error)
{
  const char *sql = "SELECT plate_id, id, time, latitude, longitude, ifnull (camera_id, 0) FROM reads "
                    "WHERE plate_id > ?1 AND plate_id <= ?2 ORDER BY plate_id, time, id";
  SlInferenceThresholds defaults;
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (SlInferenceRead));
  gint64 deadline = g_get_monotonic_time () + budget_us;
  sqlite3_stmt *stmt = NULL;
  gint64 max_plate = 0;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (done != NULL, FALSE);

  locker = g_mutex_locker_new (&cache->lock);

  if (thresholds == NULL)
    {
      sl_inference_thresholds_init (&defaults);
      thresholds = &defaults;
    }
  cache_use (cache, thresholds->cell_size_m, g_time_zone_get_identifier (zone));
  *done = FALSE;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT ifnull (max (id), 0) FROM plates",
                          -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      sl_project_set_error (project, error, "plates");
      return FALSE;
    }
  max_plate = cache->max_plate = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }

  /* At least one run of plates per call, so that every call progresses. */
  for (gboolean first = TRUE; cache->warmed_to < max_plate && (first || g_get_monotonic_time () < deadline);
       first = FALSE)
    {
      gint64 last = MIN (cache->warmed_to + WARM_PLATES_PER_QUERY, max_plate);
      gint64 plate = 0;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, cache->warmed_to);
      sqlite3_bind_int64 (stmt, 2, last);
      g_array_set_size (reads, 0);
      do
        {
          rc = sqlite3_step (stmt);
          /* A plate's reads are complete at the next plate or the end. */
          if (reads->len > 0 && (rc != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) != plate))
            {
              if (!g_hash_table_contains (cache->top_places, &plate))
                {
                  g_autoptr(SlInference) inference = sl_inference_new ((SlInferenceRead *) reads->data,
                                                                       reads->len, zone, thresholds);
                  TopPlaces top;

                  set_top_places (&top, inference);
                  g_hash_table_insert (cache->top_places, g_memdup2 (&plate, sizeof plate),
                                       g_memdup2 (&top, sizeof top));
                }
              g_array_set_size (reads, 0);
            }
          if (rc == SQLITE_ROW)
            {
              SlInferenceRead read = {
                sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4),
                sqlite3_column_int64 (stmt, 5),
              };

              plate = sqlite3_column_int64 (stmt, 0);
              g_array_append_val (reads, read);
            }
        }
      while (rc == SQLITE_ROW);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          sl_project_set_error (project, error, "reads");
          return FALSE;
        }
      cache->warmed_to = last;
    }
  sqlite3_finalize (stmt);
  *done = cache->complete = cache->warmed_to >= max_plate;
  return TRUE;
}

static gint64
grid_key (gint64 row,
          gint64 col)
{
  return row * 36000 + col;
}

static void
grid_add (GHashTable *grid,
          double      latitude,
          double      longitude,
          gint64      plate_id)
{
  gint64 key = grid_key ((gint64) ((latitude + 90.0) * 100), (gint64) ((longitude + 180.0) * 100));
  GArray *plates = g_hash_table_lookup (grid, &key);

  if (plates == NULL)
    {
      plates = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), plates);
    }
  /* A vehicle whose two places share a cell is listed once. */
  if (plates->len == 0 || g_array_index (plates, gint64, plates->len - 1) != plate_id)
    g_array_append_val (plates, plate_id);
}

static GHashTable *
cache_get_grid (SlInferenceCache *cache)
{
  GHashTableIter iter;
  gint64 *plate_id;
  TopPlaces *top;

  if (cache->grid != NULL)
    return cache->grid;
  cache->grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  g_hash_table_iter_init (&iter, cache->top_places);
  while (g_hash_table_iter_next (&iter, (gpointer *) &plate_id, (gpointer *) &top))
    for (guint i = 0; i < top->n_places; i++)
      grid_add (cache->grid, top->latitude[i], top->longitude[i], *plate_id);
  return cache->grid;
}

/* Vehicles of a complete memo with a top place within @radius_m of a
 * point, by the grid. */
static void
memo_plates_near (SlInferenceCache *cache,
                  double            latitude,
                  double            longitude,
                  double            radius_m,
                  GHashTable       *plates)
{
  GHashTable *grid = cache_get_grid (cache);
  double dlat = radius_m / METRES_PER_DEGREE;
  double dlon = dlat / MAX (cos (latitude * G_PI / 180.0), 0.01);
  gint64 row0 = (gint64) ((latitude - dlat + 90.0) * 100), row1 = (gint64) ((latitude + dlat + 90.0) * 100);
  gint64 col0 = (gint64) ((longitude - dlon + 180.0) * 100), col1 = (gint64) ((longitude + dlon + 180.0) * 100);

  for (gint64 row = row0; row <= row1; row++)
    for (gint64 col = col0; col <= col1; col++)
      {
        gint64 key = grid_key (row, col);
        GArray *cell = g_hash_table_lookup (grid, &key);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            gint64 plate_id = g_array_index (cell, gint64, i);
            TopPlaces *top = g_hash_table_lookup (cache->top_places, &plate_id);

            for (guint p = 0; p < top->n_places; p++)
              if (sl_inference_distance_m (latitude, longitude, top->latitude[p], top->longitude[p]) <= radius_m)
                {
                  g_hash_table_add (plates, g_memdup2 (&plate_id, sizeof plate_id));
                  break;
                }
          }
      }
}

static gboolean
top_places_of (SlProject              *project,
               gint64                  plate_id,
               GTimeZone              *zone,
               const SlInferenceThresholds *thresholds,
               SlInferenceCache       *cache,
               TopPlaces              *out,
               GError                **error)
{
  g_autoptr(GArray) reads = NULL;
  g_autoptr(SlInference) inference = NULL;
  TopPlaces *cached = cache != NULL ? g_hash_table_lookup (cache->top_places, &plate_id) : NULL;

  if (cached != NULL)
    {
      *out = *cached;
      return TRUE;
    }

  if ((reads = sl_inference_load_reads (project, plate_id, NULL, error)) == NULL)
    return FALSE;
  inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, thresholds);
  set_top_places (out, inference);
  if (cache != NULL)
    g_hash_table_insert (cache->top_places, g_memdup2 (&plate_id, sizeof plate_id),
                         g_memdup2 (out, sizeof *out));
  return TRUE;
}

static gboolean
near (const SlInferencePlace *place,
      const TopPlaces        *top,
      guint                   i,
      double                  radius_m)
{
  return sl_inference_distance_m (place->latitude, place->longitude,
                                  top->latitude[i], top->longitude[i]) <= radius_m;
}

/**
 * sl_inference_dup_top_places:
 *
 * What sl_inference_compute_uniqueness() needs of @self and nothing else:
 * its thresholds, zone, read and day counts and two top places (without
 * their reads), so that the figure can be counted on another thread while
 * @self is shown, and copied back.
 *
 * Returns: (transfer full): a partial copy of @self
 */
SlInference *
sl_inference_dup_top_places (const SlInference *self)
{
  SlInference *copy = g_new0 (SlInference, 1);

  g_return_val_if_fail (self != NULL, NULL);

  copy->thresholds = self->thresholds;
  copy->time_zone = g_strdup (self->time_zone);
  copy->n_reads = self->n_reads;
  copy->n_days = self->n_days;
  copy->places = g_array_new (FALSE, TRUE, sizeof (SlInferencePlace));
  g_array_set_clear_func (copy->places, (GDestroyNotify) place_clear);
  for (guint i = 0; i < MIN (self->places->len, 2); i++)
    {
      SlInferencePlace place = g_array_index (self->places, SlInferencePlace, i);

      place.read_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (copy->places, place);
    }
  copy->companions = g_array_new (FALSE, TRUE, sizeof (SlInferenceCompanion));
  g_array_set_clear_func (copy->companions, (GDestroyNotify) companion_clear);
  return copy;
}

/**
 * sl_inference_compute_uniqueness:
 * @self: the inference of @plate_id's reads
 *
 * How many vehicles of the project (this one included) have as their two
 * top places this vehicle's two top places (centres within
 * uniqueness_radius_m, in either order), computed from all their reads:
 * the anonymity set of Golle & Partridge (2009). Candidates are the plates
 * read near both places.
 */
gboolean
sl_inference_compute_uniqueness (SlInference  *self,
                                 SlProject    *project,
                                 gint64        plate_id,
                                 GError      **error)
{
  return sl_inference_compute_uniqueness_cached (self, project, plate_id, NULL, error);
}

/**
 * sl_inference_compute_uniqueness_cached:
 * @cache: (nullable): the project's memo of top places, or %NULL
 *
 * sl_inference_compute_uniqueness(), taking candidates' top places from
 * @cache when it has them and keeping the ones it computes there. Once
 * sl_inference_cache_warm() has done every plate, candidates come from the
 * memo too: the vehicles with a top place near each of this one's (the
 * result is the same: a vehicle sharing the top two places has them near
 * both; n_uniqueness_candidates counts these instead of vehicles read
 * near both).
 */
gboolean
sl_inference_compute_uniqueness_cached (SlInference       *self,
                                        SlProject         *project,
                                        gint64             plate_id,
                                        SlInferenceCache  *cache,
                                        GError           **error)
{
  g_autoptr(GHashTable) near_a = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) near_b = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (self->time_zone) ?: g_time_zone_new_utc ();
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  const SlInferencePlace *a, *b;
  /* A place reaches about 1.5 cells from its centre. */
  double reach = self->thresholds.uniqueness_radius_m + 1.5 * self->thresholds.cell_size_m;
  double r = self->thresholds.uniqueness_radius_m;
  GHashTableIter iter;
  gint64 *key;
  g_autoptr(GMutexLocker) locker = cache != NULL ? g_mutex_locker_new (&cache->lock) : NULL;

  self->has_uniqueness = TRUE;
  self->n_sharing_top_places = 0;
  self->n_uniqueness_candidates = 0;
  if (self->places->len < 2)
    return TRUE;

  if (cache != NULL)
    cache_use (cache, self->thresholds.cell_size_m, self->time_zone);

  a = &g_array_index (self->places, SlInferencePlace, 0);
  b = &g_array_index (self->places, SlInferencePlace, 1);
  if (cache != NULL && cache->complete)
    {
      /* Candidates: the vehicles with top places near both, which the
       * match below needs; no read is looked at. */
      memo_plates_near (cache, a->latitude, a->longitude, reach, near_a);
      memo_plates_near (cache, b->latitude, b->longitude, reach, near_b);
    }
  else if (!plates_near (project, a->latitude, a->longitude, reach, near_a, error) ||
           !plates_near (project, b->latitude, b->longitude, reach, near_b, error))
    {
      self->has_uniqueness = FALSE;
      return FALSE;
    }

  g_hash_table_iter_init (&iter, near_a);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (*key != plate_id && g_hash_table_contains (near_b, key))
      g_array_append_val (candidates, *key);
  g_array_sort (candidates, compare_gint64);

  self->n_sharing_top_places = 1;
  self->n_uniqueness_candidates = candidates->len;
  for (guint c = 0; c < candidates->len; c++)
    {
      TopPlaces top;

      if (!top_places_of (project, g_array_index (candidates, gint64, c), zone, &self->thresholds, cache,
                          &top, error))
        {
          self->has_uniqueness = FALSE;
          return FALSE;
        }
      if (top.n_places < 2)
        continue;
      if ((near (a, &top, 0, r) && near (b, &top, 1, r)) || (near (a, &top, 1, r) && near (b, &top, 0, r)))
        self->n_sharing_top_places++;
    }
  return TRUE;
}

/**
 * sl_inference_run:
 * @view: (nullable): what may be used; NULL for every read
 * @thresholds: (nullable): NULL for the defaults
 *
 * Everything at once for one plate: places, home, work, heatmap,
 * companions and uniqueness.
 *
 * Returns: (transfer full): the inference, or %NULL with @error set
 */
SlInference *
sl_inference_run (SlProject                    *project,
                  gint64                        plate_id,
                  const SlInferenceView        *view,
                  const SlInferenceThresholds  *thresholds,
                  GError                      **error)
{
  g_autoptr(GTimeZone) zone = sl_inference_get_time_zone (project);
  g_autoptr(GArray) reads = sl_inference_load_reads (project, plate_id, view, error);
  g_autoptr(SlInference) self = NULL;

  if (reads == NULL)
    return NULL;
  self = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, thresholds);
  if (!sl_inference_find_companions (self, project, plate_id, view, error) ||
      !sl_inference_compute_uniqueness (self, project, plate_id, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * sl_inference_dup_rule:
 *
 * Returns: (transfer full): @rule with @thresholds in words, the way the
 *   CLI and reports state the evidence's rule
 */
char *
sl_inference_dup_rule (const SlInferenceThresholds *thresholds,
                       SlInferenceRule              rule)
{
  const SlInferenceThresholds *t = thresholds;

  switch (rule)
    {
    case SL_INFERENCE_RULE_HOME:
      return g_strdup_printf (_("Rule: the place with most distinct nights among reads from %02u:00 to %02u:00 local time (at least %u nights)."),
                              t->night_start_hour, t->night_end_hour, t->min_days);
    case SL_INFERENCE_RULE_WORK:
      return g_strdup_printf (_("Rule: the place other than home with most distinct days among weekday reads from %02u:00 to %02u:00 local time (at least %u days)."),
                              t->work_start_hour, t->work_end_hour, t->min_days);
    case SL_INFERENCE_RULE_COMPANION:
      return g_strdup_printf (_("Rule: another plate read by the same camera within ±%u s, at %u or more places on %u or more days."),
                              t->companion_window_s, t->companion_min_places, t->companion_min_days);
    default:
      g_return_val_if_reached (NULL);
    }
}
