/* test-map-core.c: the map's GTK-free parts: projection, the read index,
 * hit-testing, time filters and geography.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-geography.h"
#include "sl-mercator.h"
#include "sl-read-selection.h"
#include "sl-read-set-private.h"

static void
test_mercator_known_points (void)
{
  double x, y, lat, lon;

  sl_mercator_from_lat_lon (0.0, 0.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);

  sl_mercator_from_lat_lon (SL_MERCATOR_MAX_LATITUDE, -180.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-9);

  /* Beyond the Mercator limit latitudes clamp to the square's edge. */
  sl_mercator_from_lat_lon (-89.9, 180.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 1.0, 1e-9);

  /* Hartford, 41.7637 N, 72.6851 W, lies in slippy-map tile 1221/1524 at
   * zoom 12 (the OSM wiki's formula, n = 2^12:
   * x = n·(lon + 180)/360 = 1221.005, y = n·(1 − asinh(tan lat)/π)/2 = 1524.1). */
  sl_mercator_from_lat_lon (41.7637, -72.6851, &x, &y);
  g_assert_cmpint ((int) floor (x * 4096), ==, 1221);
  g_assert_cmpint ((int) floor (y * 4096), ==, 1524);

  sl_mercator_to_lat_lon (x, y, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 41.7637, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -72.6851, 1e-9);
}

static void
test_mercator_fixed_round_trip (void)
{
  double x, y;

  sl_mercator_from_lat_lon (41.3, -72.9, &x, &y);
  /* 2^-32 of the world is about 1 cm. */
  g_assert_cmpfloat_with_epsilon (sl_mercator_from_fixed (sl_mercator_to_fixed (x)), x, 1.0 / 4294967296.0);
  g_assert_cmpuint (sl_mercator_to_fixed (0.0), ==, 0);
  g_assert_cmpuint (sl_mercator_to_fixed (1.0), ==, G_MAXUINT32);
  g_assert_cmpuint (sl_mercator_to_fixed (-0.5), ==, 0);
}

/* A deterministic cloud of reads over Connecticut, one agency per 1000 ids,
 * one read a minute. */
static SlReadSet *
make_cloud (guint n)
{
  SlReadSet *set = sl_read_set_new (16);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n; i++)
    sl_read_set_append (set, i,
                        g_rand_double_range (rand, 41.0, 42.0),
                        g_rand_double_range (rand, -73.7, -71.8),
                        1551398400 + 60 * (gint64) i,
                        (guint8) (i / 1000));
  g_rand_free (rand);
  sl_read_set_seal (set);
  return set;
}

typedef struct
{
  SlReadSet      *set;
  SlMercatorRect  rect;
  guint           visited;
  guint           inside;
} RangeCount;

static void
count_inside (guint    start,
              guint    end,
              gpointer user_data)
{
  RangeCount *count = user_data;
  const guint32 *x = sl_read_set_get_x (count->set);
  const guint32 *y = sl_read_set_get_y (count->set);

  count->visited += end - start;
  for (guint i = start; i < end; i++)
    {
      double px = sl_mercator_from_fixed (x[i]);
      double py = sl_mercator_from_fixed (y[i]);

      if (px >= count->rect.x0 && px <= count->rect.x1 && py >= count->rect.y0 && py <= count->rect.y1)
        count->inside++;
    }
}

static void
test_read_set_index (void)
{
  g_autoptr(SlReadSet) set = make_cloud (20000);
  const guint32 *ids = sl_read_set_get_ids (set);
  const guint32 *x = sl_read_set_get_x (set);
  const guint32 *y = sl_read_set_get_y (set);
  g_autofree gboolean *seen = g_new0 (gboolean, 20000);
  RangeCount count = { set };
  double ox, oy, cell;
  guint size, brute = 0, total = 0;
  SlMercatorRect bounds;
  const guint32 *top;

  g_assert_cmpuint (sl_read_set_get_n_reads (set), ==, 20000);
  g_assert_cmpuint (sl_read_set_get_n_agencies (set), ==, 20);

  /* Sorting permutes: every id appears exactly once. */
  for (guint i = 0; i < 20000; i++)
    {
      g_assert_false (seen[ids[i]]);
      seen[ids[i]] = TRUE;
    }

  /* A range query visits every read inside the rectangle, and only the
   * cells the rectangle touches. */
  sl_mercator_from_lat_lon (41.6, -72.9, &count.rect.x0, &count.rect.y0);
  sl_mercator_from_lat_lon (41.3, -72.5, &count.rect.x1, &count.rect.y1);
  for (guint i = 0; i < 20000; i++)
    {
      double px = sl_mercator_from_fixed (x[i]);
      double py = sl_mercator_from_fixed (y[i]);

      if (px >= count.rect.x0 && px <= count.rect.x1 && py >= count.rect.y0 && py <= count.rect.y1)
        brute++;
    }
  sl_read_set_foreach_range (set, &count.rect, count_inside, &count);
  g_assert_cmpuint (brute, >, 0);
  g_assert_cmpuint (count.inside, ==, brute);
  g_assert_cmpuint (count.visited, <, 20000 / 2);
  g_assert_cmpuint (sl_read_set_count_in_rect (set, &count.rect), ==, count.visited);

  /* The pyramid's top cell counts everything; every level sums to n. */
  sl_read_set_get_grid (set, &ox, &oy, &cell, &size);
  g_assert_cmpuint (size, ==, 64);
  top = sl_read_set_get_level_counts (set, sl_read_set_get_n_levels (set) - 1);
  g_assert_cmpuint (top[0], ==, 20000);
  for (guint c = 0; c < size * size; c++)
    total += sl_read_set_get_level_counts (set, 0)[c];
  g_assert_cmpuint (total, ==, 20000);

  g_assert_true (sl_read_set_get_bounds (set, &bounds));
  g_assert_cmpfloat (bounds.x0, >=, ox);
  g_assert_cmpfloat (bounds.x1, <=, ox + cell * size);
  g_assert_cmpfloat (bounds.y1, <=, oy + cell * size);
}

static void
test_read_set_hit_test (void)
{
  g_autoptr(SlReadSet) set = sl_read_set_new (4);
  const guint32 *ids;
  double hx, hy, nx, ny;
  double world = 256.0 * (1 << 14);
  guint index;

  sl_read_set_append (set, 10, 41.7637, -72.6851, 0, 0);    /* Hartford */
  sl_read_set_append (set, 20, 41.3083, -72.9279, 0, 1);    /* New Haven */
  sl_read_set_append (set, 12, 41.7637, -72.6851, 0, 2);    /* Hartford again */
  sl_read_set_append (set, 13, 41.7640, -72.6851, 0, 3);    /* 33 m north */
  sl_read_set_seal (set);
  ids = sl_read_set_get_ids (set);

  sl_mercator_from_lat_lon (41.7637, -72.6851, &hx, &hy);
  sl_mercator_from_lat_lon (41.3083, -72.9279, &nx, &ny);

  /* Of two reads at one spot, the first inserted wins. */
  g_assert_true (sl_read_set_hit_test (set, hx, hy, 6 / world, &index));
  g_assert_cmpuint (ids[index], ==, 10);

  /* 2 px east of New Haven at zoom 14 is within a 6 px radius... */
  g_assert_true (sl_read_set_hit_test (set, nx + 2 / world, ny, 6 / world, &index));
  g_assert_cmpuint (ids[index], ==, 20);
  /* ...7 px is not. */
  g_assert_false (sl_read_set_hit_test (set, nx + 7 / world, ny, 6 / world, &index));

  /* The read 33 m north is the nearer one when clicking just north of it;
   * 33 m is 7.3 px at zoom 14, so at radius 3 px only it is hit. */
  sl_mercator_from_lat_lon (41.7641, -72.6851, &hx, &hy);
  g_assert_true (sl_read_set_hit_test (set, hx, hy, 3 / world, &index));
  g_assert_cmpuint (ids[index], ==, 13);

  /* Far outside the grid. */
  g_assert_false (sl_read_set_hit_test (set, 0.1, 0.1, 6 / world, &index));
}

/* Ids that are not consecutive are stored; consecutive ones are implied.
 * Either way each sorted read keeps its own id. */
static void
check_ids (guint32 (*id_of) (guint))
{
  g_autoptr(SlReadSet) set = sl_read_set_new (16);
  const guint32 *ids, *xs, *ys, *times;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < 20000; i++)
    sl_read_set_append (set, id_of (i), 41.0 + (i % 100) / 100.0, -73.0 + (i / 100) / 200.0, i, i % 7);
  sl_read_set_seal (set);
  ids = sl_read_set_get_ids (set);
  xs = sl_read_set_get_x (set);
  ys = sl_read_set_get_y (set);
  times = sl_read_set_get_times (set);

  for (guint k = 0; k < 20000; k++)
    {
      guint i = times[k];
      double x, y;

      g_assert_cmpuint (ids[k], ==, id_of (i));
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (ids[k])));
      g_hash_table_add (seen, GUINT_TO_POINTER (ids[k]));
      sl_mercator_from_lat_lon (41.0 + (i % 100) / 100.0, -73.0 + (i / 100) / 200.0, &x, &y);
      g_assert_cmpuint (xs[k], ==, sl_mercator_to_fixed (x));
      g_assert_cmpuint (ys[k], ==, sl_mercator_to_fixed (y));
      g_assert_cmpuint (sl_read_set_get_agencies (set)[k], ==, i % 7);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 20000);
}

static guint32
consecutive_id (guint i)
{
  return 1000 + i;
}

static guint32
scattered_id (guint i)
{
  /* Consecutive for the first 500, then not. */
  return i < 500 ? 1000 + i : 100000 + 7 * (20000 - i);
}

static void
test_read_set_ids (void)
{
  check_ids (consecutive_id);
  check_ids (scattered_id);
}

static void
test_read_set_sites (void)
{
  g_autoptr(SlReadSet) set = sl_read_set_new (4);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) busy = NULL;
  const SlReadSite *site;
  double hx, hy;

  sl_read_set_append (set, 1, 41.7637, -72.6851, 2000, 4);   /* Hartford */
  sl_read_set_append (set, 2, 41.3083, -72.9279, 1500, 1);   /* New Haven */
  sl_read_set_append (set, 3, 41.7637, -72.6851, 1000, 2);   /* Hartford again */
  sl_read_set_append (set, 4, 41.7640, -72.6851, 3000, 3);   /* 33 m north */
  sl_read_set_append (set, 5, 41.7637, -72.6851, 5000, 4);   /* Hartford again */
  sl_read_set_seal (set);
  sl_mercator_from_lat_lon (41.7637, -72.6851, &hx, &hy);

  all = sl_read_set_collect_sites (set, 1);
  g_assert_cmpuint (all->len, ==, 3);
  busy = sl_read_set_collect_sites (set, 2);
  g_assert_cmpuint (busy->len, ==, 1);
  site = &g_array_index (busy, SlReadSite, 0);
  g_assert_cmpuint (site->n_reads, ==, 3);
  g_assert_cmpint (site->first_time, ==, 1000);
  g_assert_cmpint (site->last_time, ==, 5000);
  /* The agency of the first read inserted at the site. */
  g_assert_cmpuint (site->agency, ==, 4);
  g_assert_cmpfloat_with_epsilon (site->x, hx, 1.0 / 4294967296.0);
  g_assert_cmpfloat_with_epsilon (site->y, hy, 1.0 / 4294967296.0);
}

/* Sites known beforehand (the read cache keeps them) answer a query for
 * as many reads or more, filtered; fewer needs every read again. */
static void
test_read_set_known_sites (void)
{
  g_autoptr(SlReadSet) set = sl_read_set_new (4);
  GArray *known = g_array_new (FALSE, TRUE, sizeof (SlReadSite));
  g_autoptr(GArray) busy = NULL;
  g_autoptr(GArray) all = NULL;
  SlReadSite a = { 0.25, 0.5, 3, 0, 100, 200 }, b = { 0.5, 0.25, 7, 0, 100, 200 };

  sl_read_set_append (set, 1, 41.7637, -72.6851, 2000, 0);
  sl_read_set_append (set, 2, 41.3083, -72.9279, 1500, 0);
  sl_read_set_seal (set);
  g_array_append_val (known, a);
  g_array_append_val (known, b);
  sl_read_set_set_sites (set, known, 3);

  busy = sl_read_set_collect_sites (set, 5);
  g_assert_cmpuint (busy->len, ==, 1);
  g_assert_cmpfloat (g_array_index (busy, SlReadSite, 0).x, ==, 0.5);
  g_assert_cmpuint (g_array_index (busy, SlReadSite, 0).n_reads, ==, 7);
  g_clear_pointer (&busy, g_array_unref);
  busy = sl_read_set_collect_sites (set, 3);
  g_assert_cmpuint (busy->len, ==, 2);
  all = sl_read_set_collect_sites (set, 1);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (g_array_index (all, SlReadSite, 0).n_reads, ==, 1);
  g_assert_cmpuint (g_array_index (all, SlReadSite, 1).n_reads, ==, 1);
}

static void
test_read_filter (void)
{
  /* New York is UTC−5 in winter, UTC−4 in summer. */
  SlReadFilter night = { 0, G_MAXINT64, 22 * 3600, 6 * 3600 };
  SlReadFilter day = { 0, G_MAXINT64, 9 * 3600, 17 * 3600 };
  SlReadFilter range = { 1000, 2000, 0, 0 };

  g_assert_true (sl_read_filter_matches (&night, 1551409200, -5 * 3600));   /* 2019-03-01 03:00 UTC = 22:00 */
  g_assert_false (sl_read_filter_matches (&night, 1551405600, -5 * 3600));  /* 21:00 */
  g_assert_true (sl_read_filter_matches (&night, 1551423599, -5 * 3600));   /* 01:59:59 */
  g_assert_true (sl_read_filter_matches (&night, 1551437999, -5 * 3600));   /* 05:59:59 */
  g_assert_false (sl_read_filter_matches (&night, 1551438000, -5 * 3600));  /* 06:00 */
  g_assert_true (sl_read_filter_matches (&day, 1551449000, -5 * 3600));     /* 09:03 */
  g_assert_false (sl_read_filter_matches (&day, 1551409200, -5 * 3600));
  g_assert_true (sl_read_filter_matches (&range, 1000, 0));
  g_assert_true (sl_read_filter_matches (&range, 1999, 0));
  g_assert_false (sl_read_filter_matches (&range, 2000, 0));
  g_assert_false (sl_read_filter_matches (&range, 999, 0));
}

static void
test_read_selection (void)
{
  g_autoptr(SlReadSet) set = make_cloud (20000);
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  /* The cloud starts 2019-03-01 00:00 UTC, one read a minute: the first 1000
   * minutes, then 22:00–06:00 local of those. */
  SlReadFilter first = { 1551398400, 1551398400 + 60000, 0, 0 };
  SlReadFilter night = { 1551398400, 1551398400 + 60000, 22 * 3600, 6 * 3600 };
  g_autoptr(SlReadSelection) a = NULL;
  g_autoptr(SlReadSelection) b = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const guint32 *ids = sl_read_set_get_ids (set);
  const guint32 *times = sl_read_set_get_times (set);
  guint set_bits = 0, expected_night = 0;

  g_assert_nonnull (new_york);
  a = sl_read_selection_new (set, &first, new_york, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_read_selection_get_n_selected (a), ==, 1000);
  for (guint i = 0; i < 20000; i++)
    {
      gboolean bit = sl_read_selection_bits_test (sl_read_selection_get_bits (a), i);

      g_assert_cmpint (bit, ==, ids[i] < 1000);
      set_bits += bit;
    }
  g_assert_cmpuint (set_bits, ==, 1000);
  g_assert_cmpuint (sl_read_selection_get_level_counts (a, sl_read_set_get_n_levels (set) - 1)[0], ==, 1000);

  /* 2019-03-01 00:00 UTC is 19:00 EST; the first 1000 minutes run to 16:40
   * UTC = 11:40 EST. 22:00–06:00 EST is 03:00–11:00 UTC: minutes 180–659. */
  b = sl_read_selection_new (set, &night, new_york, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20000; i++)
    if (ids[i] >= 180 && ids[i] < 660)
      {
        g_assert_true (sl_read_selection_bits_test (sl_read_selection_get_bits (b), i));
        g_assert_cmpuint (times[i], >=, 1551409200);
        expected_night++;
      }
  g_assert_cmpuint (sl_read_selection_get_n_selected (b), ==, expected_night);
  g_assert_cmpuint (expected_night, ==, 480);

  /* A filter replaced by a newer one stops with an error. */
  g_cancellable_cancel (cancellable);
  g_assert_null (sl_read_selection_new (set, &night, new_york, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_read_set_hourly (void)
{
  g_autoptr(SlReadSet) set = make_cloud (20000);
  const guint32 *hourly;
  gint64 first_hour, first, last;
  guint n_hours;

  hourly = sl_read_set_get_hourly_counts (set, &first_hour, &n_hours);
  g_assert_cmpint (first_hour, ==, 1551398400 / 3600);
  /* 20000 minutes = 333 h 20 min: 334 hours touched. */
  g_assert_cmpuint (n_hours, ==, 334);
  g_assert_cmpuint (hourly[0], ==, 60);
  g_assert_cmpuint (hourly[333], ==, 20);
  g_assert_true (sl_read_set_get_time_span (set, &first, &last));
  g_assert_cmpint (first, ==, 1551398400);
  g_assert_cmpint (last, ==, 1551398400 + 60 * 19999);
}

static void
test_geography_connecticut (void)
{
  g_autoptr(SlGeography) geography = sl_geography_dup_connecticut ();
  guint counties = 0, regions = 0, states = 0, neighbours = 0;
  const SlGeoLabel *largest;
  double hx, hy;

  for (guint i = 0; i < sl_geography_get_n_features (geography); i++)
    {
      const SlGeoFeature *f = sl_geography_get_feature (geography, i);

      g_assert_cmpint (f->shape, ==, SL_GEO_SHAPE_POLYGON);
      counties += g_strcmp0 (f->kind, "county") == 0;
      regions += g_strcmp0 (f->kind, "region") == 0;
      neighbours += g_strcmp0 (f->kind, "neighbour") == 0;
      if (g_strcmp0 (f->kind, "state") == 0)
        {
          states++;
          g_assert_cmpstr (f->name, ==, "Connecticut");
          sl_mercator_from_lat_lon (41.7637, -72.6851, &hx, &hy);
          g_assert_cmpfloat (f->bounds.x0, <, hx);
          g_assert_cmpfloat (f->bounds.x1, >, hx);
          g_assert_cmpfloat (f->bounds.y0, <, hy);
          g_assert_cmpfloat (f->bounds.y1, >, hy);
        }
    }
  g_assert_cmpuint (states, ==, 1);
  g_assert_cmpuint (counties, ==, 8);
  g_assert_cmpuint (regions, ==, 9);
  g_assert_cmpuint (neighbours, ==, 8);

  g_assert_cmpuint (sl_geography_get_n_labels (geography), ==, 169);
  largest = sl_geography_get_label (geography, 0);
  /* New Milford is Connecticut's largest town by land area. */
  g_assert_cmpstr (largest->name, ==, "New Milford");
  g_assert_nonnull (strstr (sl_geography_get_attribution (geography), "US Census Bureau"));
}

static void
test_geography_geojson (void)
{
  const char *text =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Clinic\"},"
    " \"geometry\":{\"type\":\"Point\",\"coordinates\":[-72.68,41.76]}},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Route\"},"
    " \"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[[[-72,41],[-72.1,41.1]],[[-72,41],[-72,42],[-73,42]]]}},"
    "{\"type\":\"Feature\",\"properties\":null,"
    " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-72,41],[-72,42],[-73,42],[-72,41]]]}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlGeography) geography = sl_geography_new_from_geojson (bytes, "places.geojson", &error);
  const SlGeoFeature *f;

  g_assert_no_error (error);
  g_assert_cmpuint (sl_geography_get_n_features (geography), ==, 3);
  f = sl_geography_get_feature (geography, 0);
  g_assert_cmpint (f->shape, ==, SL_GEO_SHAPE_POINT);
  g_assert_cmpstr (f->name, ==, "Clinic");
  g_assert_cmpuint (f->n_parts, ==, 1);
  f = sl_geography_get_feature (geography, 1);
  g_assert_cmpint (f->shape, ==, SL_GEO_SHAPE_LINE);
  g_assert_cmpuint (f->n_parts, ==, 2);
  g_assert_cmpuint (f->part_start[1], ==, 2);
  g_assert_cmpuint (f->part_start[2], ==, 5);
  f = sl_geography_get_feature (geography, 2);
  g_assert_cmpint (f->shape, ==, SL_GEO_SHAPE_POLYGON);
  g_assert_null (f->name);
  g_assert_cmpuint (f->part_start[1], ==, 4);
}

static void
assert_geojson_error (const char *text,
                      const char *message)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlGeography) geography = sl_geography_new_from_geojson (bytes, "bad.geojson", &error);

  g_assert_null (geography);
  g_assert_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_geography_bad_geojson (void)
{
  assert_geojson_error ("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\": }]}",
                        "bad.geojson:2:10: Parse error: unexpected character `}', expected character `}' (not valid JSON)");
  assert_geojson_error ("{\"type\":\"Topology\"}",
                        "bad.geojson: expected a GeoJSON object with \"type\": \"FeatureCollection\" or \"Feature\"");
  assert_geojson_error ("{\"type\":\"FeatureCollection\"}",
                        "bad.geojson: the FeatureCollection has no “features” array");
  assert_geojson_error ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                        "{\"type\":\"Point\",\"coordinates\":[-72,41]}},{\"type\":\"Feature\",\"geometry\":"
                        "{\"type\":\"LineString\",\"coordinates\":[[-72,41],[-72.5]]}}]}",
                        "bad.geojson: feature 2: geometry.coordinates[1] is not a [longitude, latitude] position");
  assert_geojson_error ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-72,41],[-72,42],[-72,41]]]}}",
                        "bad.geojson: feature 1: geometry.coordinates[0] has 3 positions, at least 4 are needed");
  assert_geojson_error ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[41.7,-272.6]}}",
                        "bad.geojson: feature 1: geometry.coordinates: latitude -272.6 is outside −90…90");
  assert_geojson_error ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":[]}}",
                        "bad.geojson: feature 1: geometry.type “GeometryCollection” is not one of Point, "
                        "MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon");
  assert_geojson_error ("{\"type\":\"Feature\",\"properties\":{}}",
                        "bad.geojson: feature 1: geometry is missing or not an object");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mercator/known-points", test_mercator_known_points);
  g_test_add_func ("/mercator/fixed-round-trip", test_mercator_fixed_round_trip);
  g_test_add_func ("/read-set/index", test_read_set_index);
  g_test_add_func ("/read-set/hit-test", test_read_set_hit_test);
  g_test_add_func ("/read-set/hourly", test_read_set_hourly);
  g_test_add_func ("/read-set/sites", test_read_set_sites);
  g_test_add_func ("/read-set/known-sites", test_read_set_known_sites);
  g_test_add_func ("/read-set/ids", test_read_set_ids);
  g_test_add_func ("/read-filter/time-of-day", test_read_filter);
  g_test_add_func ("/read-selection/filter", test_read_selection);
  g_test_add_func ("/geography/connecticut", test_geography_connecticut);
  g_test_add_func ("/geography/geojson", test_geography_geojson);
  g_test_add_func ("/geography/bad-geojson", test_geography_bad_geojson);

  return g_test_run ();
}
