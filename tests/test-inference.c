/* test-inference.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Inference on synthetic tracks whose truth the test builds, and on a small
 * generated demo against its ground truth. */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-demo-generator.h"
#include "sl-inference.h"
#include "sl-project-private.h"
#include "sl-read-store.h"
#include "sl-test-utils.h"

/* Monday 14 January 2019, 00:00 UTC. */
#define MONDAY 1547424000
#define HOUR 3600
#define DAY 86400

#define HOME_LAT 41.30
#define HOME_LON -72.90
#define WORK_LAT 41.35
#define WORK_LON -72.95
#define SHOP_LAT 41.40
#define SHOP_LON -72.80

static void
add_read (GArray *reads,
          gint64  id,
          gint64  time,
          double  latitude,
          double  longitude)
{
  SlInferenceRead read = { id, time, latitude, longitude, 0 };

  g_array_append_val (reads, read);
}

static int
compare_time (gconstpointer a,
              gconstpointer b)
{
  const SlInferenceRead *x = a, *y = b;

  return (x->time > y->time) - (x->time < y->time);
}

/* Ten nights at home at 22:00, eight weekdays at work at 12:00, one
 * Saturday errand: home, work and places exactly; heatmap cell by cell. */
static GArray *
commuter_track (void)
{
  GArray *reads = g_array_new (FALSE, FALSE, sizeof (SlInferenceRead));

  for (int d = 0; d < 10; d++)
    {
      add_read (reads, 100 + d, MONDAY + d * DAY + 22 * HOUR, HOME_LAT, HOME_LON);
      if (d % 7 < 5)
        add_read (reads, 200 + d, MONDAY + d * DAY + 12 * HOUR, WORK_LAT, WORK_LON);
    }
  add_read (reads, 300, MONDAY + 5 * DAY + 14 * HOUR, SHOP_LAT, SHOP_LON);
  g_array_sort (reads, compare_time);
  return reads;
}

static void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n)
{
  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

static void
test_inference_home_work (void)
{
  g_autoptr(GArray) reads = commuter_track ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(SlInference) inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, utc, NULL);
  const SlInferencePlace *home, *work, *shop;
  const gint64 home_ids[] = { 100, 101, 102, 103, 104, 105, 106, 107, 108, 109 };
  const gint64 work_ids[] = { 200, 201, 202, 203, 204, 207, 208, 209 };

  g_assert_cmpuint (inference->n_reads, ==, 19);
  g_assert_cmpuint (inference->n_days, ==, 10);
  g_assert_cmpuint (inference->places->len, ==, 3);

  home = &g_array_index (inference->places, SlInferencePlace, 0);
  work = &g_array_index (inference->places, SlInferencePlace, 1);
  shop = &g_array_index (inference->places, SlInferencePlace, 2);
  g_assert_cmpfloat_with_epsilon (home->latitude, HOME_LAT, 1e-9);
  g_assert_cmpfloat_with_epsilon (home->longitude, HOME_LON, 1e-9);
  g_assert_cmpuint (home->n_reads, ==, 10);
  g_assert_cmpuint (home->n_days, ==, 10);
  g_assert_cmpuint (home->hours[22], ==, 10);
  g_assert_cmpuint (home->weekdays[0], ==, 2);
  g_assert_cmpuint (home->weekdays[6], ==, 1);
  g_assert_cmpfloat_with_epsilon (work->latitude, WORK_LAT, 1e-9);
  g_assert_cmpuint (work->n_days, ==, 8);
  g_assert_cmpfloat_with_epsilon (shop->latitude, SHOP_LAT, 1e-9);
  g_assert_cmpuint (shop->n_reads, ==, 1);

  g_assert_true (inference->home.found);
  g_assert_cmpuint (inference->home.place, ==, 0);
  g_assert_cmpuint (inference->home.n_window_reads, ==, 10);
  g_assert_cmpuint (inference->home.n_place_reads, ==, 10);
  g_assert_cmpuint (inference->home.n_days, ==, 10);
  g_assert_cmpfloat_with_epsilon (inference->home.confidence, 1.0, 1e-12);
  assert_ids (inference->home.read_ids, home_ids, G_N_ELEMENTS (home_ids));

  g_assert_true (inference->work.found);
  g_assert_cmpuint (inference->work.place, ==, 1);
  g_assert_cmpuint (inference->work.n_window_reads, ==, 8);
  g_assert_cmpuint (inference->work.n_days, ==, 8);
  g_assert_cmpfloat_with_epsilon (inference->work.confidence, 1.0, 1e-12);
  assert_ids (inference->work.read_ids, work_ids, G_N_ELEMENTS (work_ids));

  /* Heatmap: every read in its (weekday, hour), nothing else. */
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        guint expected = 0;

        if (h == 22)
          expected = d < 3 ? 2 : 1;
        else if (h == 12 && d < 5)
          expected = d < 3 ? 2 : 1;
        else if (h == 14 && d == 5)
          expected = 1;
        g_assert_cmpuint (inference->heatmap[d][h], ==, expected);
      }
}

/* Confidence falls with the share of night reads elsewhere and with few
 * nights; min_days gates the result. */
static void
test_inference_thresholds (void)
{
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (SlInferenceRead));
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(SlInference) strict = NULL;
  g_autoptr(SlInference) loose = NULL;
  SlInferenceThresholds thresholds;

  /* Night 0: home twice; night 1: home; night 2: elsewhere at 23:00. */
  add_read (reads, 1, MONDAY + 21 * HOUR, HOME_LAT, HOME_LON);
  add_read (reads, 2, MONDAY + 27 * HOUR, HOME_LAT, HOME_LON);
  add_read (reads, 3, MONDAY + DAY + 22 * HOUR, HOME_LAT, HOME_LON);
  add_read (reads, 4, MONDAY + 2 * DAY + 23 * HOUR, SHOP_LAT, SHOP_LON);

  sl_inference_thresholds_init (&thresholds);
  thresholds.min_days = 3;
  strict = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, utc, &thresholds);
  g_assert_false (strict->home.found);
  g_assert_cmpuint (strict->home.n_window_reads, ==, 4);

  thresholds.min_days = 2;
  loose = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, utc, &thresholds);
  g_assert_true (loose->home.found);
  /* 03:00 on Tuesday belongs to Monday's night: two nights, not three. */
  g_assert_cmpuint (loose->home.n_days, ==, 2);
  g_assert_cmpuint (loose->home.n_place_reads, ==, 3);
  g_assert_cmpfloat_with_epsilon (loose->home.confidence, 3.0 / 4.0 * 2.0 / 7.0, 1e-12);
  g_assert_false (loose->work.found);
}

/* No reads: nothing found, nothing crashes. */
static void
test_inference_empty (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(SlInference) inference = sl_inference_new (NULL, 0, utc, NULL);

  g_assert_cmpuint (inference->n_reads, ==, 0);
  g_assert_cmpuint (inference->n_days, ==, 0);
  g_assert_cmpuint (inference->places->len, ==, 0);
  g_assert_false (inference->home.found);
  g_assert_false (inference->work.found);
  g_assert_cmpuint (inference->home.n_window_reads, ==, 0);
}

/* Local hours follow the zone, daylight saving time included. */
static void
test_inference_time_zone (void)
{
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (SlInferenceRead));
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(SlInference) inference = NULL;
  guint total = 0;

  g_assert_nonnull (zone);
  /* 03:00 UTC Monday = 22:00 EST Sunday; 10 March 2019 22:00 EDT Sunday
   * = 02:00 UTC Monday 11 March. */
  add_read (reads, 1, MONDAY + 3 * HOUR, HOME_LAT, HOME_LON);
  add_read (reads, 2, 1552269600, HOME_LAT, HOME_LON);
  inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, NULL);

  g_assert_cmpuint (inference->heatmap[6][22], ==, 2);
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      total += inference->heatmap[d][h];
  g_assert_cmpuint (total, ==, 2);
  g_assert_true (inference->home.found);
  g_assert_cmpstr (inference->time_zone, ==, "America/New_York");
}

/* Reads 150 m apart are one place, 2 km apart two. */
static void
test_inference_clustering (void)
{
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (SlInferenceRead));
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(SlInference) inference = NULL;
  const SlInferencePlace *place;

  add_read (reads, 1, MONDAY, HOME_LAT, HOME_LON);
  add_read (reads, 2, MONDAY + 1, HOME_LAT, HOME_LON);
  add_read (reads, 3, MONDAY + 2, HOME_LAT + 150 / 111320.0, HOME_LON);
  add_read (reads, 4, MONDAY + 3, HOME_LAT + 2000 / 111320.0, HOME_LON);
  inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, utc, NULL);

  g_assert_cmpuint (inference->places->len, ==, 2);
  place = &g_array_index (inference->places, SlInferencePlace, 0);
  g_assert_cmpuint (place->n_reads, ==, 3);
  g_assert_cmpfloat_with_epsilon (place->latitude, HOME_LAT + 50 / 111320.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sl_inference_distance_m (HOME_LAT, HOME_LON, HOME_LAT + 2000 / 111320.0, HOME_LON),
                                  2000 * 6371008.8 * G_PI / 180.0 / 111320.0, 1e-6);
}

/* A project made by hand: agencies 1 (shares with 3), 2 (shares with no
 * one), 3; cameras 1–3 of agency 1, 4 of agency 2. */

static SlProject *
new_project (char **path)
{
  g_autoptr(GError) error = NULL;
  SlProject *project;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  *path = g_build_filename (g_get_user_data_dir (), "inference.sightline", NULL);
  project = sl_project_open (*path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_project_exec (project,
                                  "INSERT INTO agencies (id, name, normalized_name) VALUES "
                                  "(1, 'Westport', 'westport'), (2, 'Norwalk', 'norwalk'), (3, 'ICE', 'ice');"
                                  "INSERT INTO datasets (id, file_name, file_path, sha256, size_bytes, imported_at, "
                                  "column_mapping, delimiter, time_zone) VALUES (1, 'r.csv', '/r.csv', "
                                  "'0000000000000000000000000000000000000000000000000000000000000000', 0, 0, '{}', ',', 'Etc/UTC');"
                                  "INSERT INTO cameras (id, agency_id, name, latitude, longitude) VALUES "
                                  "(1, 1, 'c1', 41.10, -73.30), (2, 1, 'c2', 41.20, -73.30), "
                                  "(3, 1, 'c3', 41.30, -73.30), (4, 2, 'c4', 41.40, -73.30);",
                                  &error));
  g_assert_no_error (error);
  return project;
}

static void
insert_read (SlProject  *project,
             gint64      id,
             const char *plate,
             gint64      time,
             gint64      camera,
             double      latitude,
             double      longitude)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (lat, sizeof lat, latitude);
  g_ascii_dtostr (lon, sizeof lon, longitude);
  sql = g_strdup_printf ("INSERT OR IGNORE INTO plates (plate) VALUES ('%s');"
                         "INSERT INTO reads (id, plate_id, time, latitude, longitude, cell, agency_id, camera_id, dataset_id) "
                         "SELECT %lld, id, %lld, %s, %s, "
                         "CAST((%s + 90) * 100 AS INTEGER) * 36000 + CAST((%s + 180) * 100 AS INTEGER), "
                         "%lld, %lld, 1 FROM plates WHERE plate = '%s';",
                         plate, (long long) id, (long long) time, lat, lon, lat, lon,
                         (long long) (camera == 4 ? 2 : 1), (long long) camera, plate);
  g_assert_true (sl_project_exec (project, sql, &error));
  g_assert_no_error (error);
}

static void
insert_camera_read (SlProject  *project,
                    gint64      id,
                    const char *plate,
                    gint64      time,
                    gint64      camera)
{
  insert_read (project, id, plate, time, camera, 41.0 + camera / 10.0, -73.30);
}

static gint64
plate_id (SlProject  *project,
          const char *plate)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sl_read_store_lookup_plate (project, plate, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* TARGET passes cameras 1–3 on days 0–2 (and camera 3 on day 1); FRIEND is
 * within a minute each time (3 places, 3 days); LATE is 5 minutes behind;
 * PARTIAL matches at 3 places on only 2 days. */
static void
test_inference_companions (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SlProject) project = new_project (&path);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GArray) reads = NULL;
  g_autoptr(SlInference) strict = NULL;
  g_autoptr(SlInference) loose = NULL;
  g_autoptr(GError) error = NULL;
  SlInferenceThresholds thresholds;
  const SlInferenceCompanion *friend;
  const gint64 friend_ids[] = { 1, 2, 3 };
  gint64 target;

  for (int d = 0; d < 3; d++)
    {
      gint64 t = MONDAY + d * DAY + 8 * HOUR;

      insert_camera_read (project, 1 + d, "TARGET", t, 1 + d);
      insert_camera_read (project, 10 + d, "FRIEND", t + (d == 1 ? -60 : 60), 1 + d);
      insert_camera_read (project, 20 + d, "LATE", t + 300, 1 + d);
    }
  insert_camera_read (project, 4, "TARGET", MONDAY + DAY + 9 * HOUR, 3);
  insert_camera_read (project, 30, "PARTIAL", MONDAY + 8 * HOUR + 30, 1);
  insert_camera_read (project, 31, "PARTIAL", MONDAY + DAY + 8 * HOUR + 30, 2);
  insert_camera_read (project, 32, "PARTIAL", MONDAY + DAY + 9 * HOUR + 30, 3);

  target = plate_id (project, "TARGET");
  reads = sl_inference_load_reads (project, target, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reads->len, ==, 4);

  sl_inference_thresholds_init (&thresholds);
  g_assert_cmpuint (thresholds.companion_window_s, ==, 120);
  g_assert_cmpuint (thresholds.companion_min_places, ==, 3);
  thresholds.companion_min_days = 3;
  strict = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, utc, &thresholds);
  g_assert_true (sl_inference_find_companions (strict, project, target, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (strict->has_companions);
  g_assert_cmpuint (strict->companions->len, ==, 1);
  friend = &g_array_index (strict->companions, SlInferenceCompanion, 0);
  g_assert_cmpstr (friend->plate, ==, "FRIEND");
  g_assert_cmpuint (friend->n_sightings, ==, 3);
  g_assert_cmpuint (friend->n_places, ==, 3);
  g_assert_cmpuint (friend->n_days, ==, 3);
  g_assert_cmpfloat_with_epsilon (friend->confidence, 1.0, 1e-12);
  assert_ids (friend->read_ids, friend_ids, G_N_ELEMENTS (friend_ids));

  thresholds.companion_min_days = 2;
  loose = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, utc, &thresholds);
  g_assert_true (sl_inference_find_companions (loose, project, target, NULL, &error));
  g_assert_cmpuint (loose->companions->len, ==, 2);
  g_assert_cmpstr (g_array_index (loose->companions, SlInferenceCompanion, 0).plate, ==, "FRIEND");
  g_assert_cmpstr (g_array_index (loose->companions, SlInferenceCompanion, 1).plate, ==, "PARTIAL");
  g_assert_cmpuint (g_array_index (loose->companions, SlInferenceCompanion, 1).n_days, ==, 2);

  /* With a window of 400 s LATE joins. */
  thresholds.companion_window_s = 400;
  g_clear_pointer (&loose, sl_inference_free);
  loose = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, utc, &thresholds);
  g_assert_true (sl_inference_find_companions (loose, project, target, NULL, &error));
  g_assert_cmpuint (loose->companions->len, ==, 3);
  g_assert_cmpstr (g_array_index (loose->companions, SlInferenceCompanion, 1).plate, ==, "LATE");
  g_assert_cmpstr (g_array_index (loose->companions, SlInferenceCompanion, 2).plate, ==, "PARTIAL");

  g_remove (path);
}

/* Only what the agency can see: Westport's reads reach ICE, Norwalk's
 * do not. */
static void
test_inference_view (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SlProject) project = new_project (&path);
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_new ();
  g_autoptr(SlVisibility) visibility = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) seen = NULL;
  g_autoptr(GArray) norwalk_sees = NULL;
  g_autoptr(GError) error = NULL;
  SlSharingEdge edge = { 1, 3, 0, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                         SL_PROVENANCE_DOCUMENT, NULL, NULL };
  SlInferenceView view = { NULL, 0, SL_TIME_MAX };
  gint64 target;
  guint norwalk;

  insert_camera_read (project, 1, "TARGET", MONDAY, 1);
  insert_camera_read (project, 2, "TARGET", MONDAY + HOUR, 4);
  insert_camera_read (project, 3, "TARGET", MONDAY + 2 * HOUR, 2);
  target = plate_id (project, "TARGET");

  sl_sharing_network_add_agency (network, 1, "Westport", SL_RETENTION_UNKNOWN, FALSE);
  sl_sharing_network_add_agency (network, 2, "Norwalk", SL_RETENTION_UNKNOWN, FALSE);
  sl_sharing_network_add_agency (network, 3, "ICE", SL_RETENTION_UNKNOWN, FALSE);
  sl_sharing_network_add_edge (network, &edge);
  visibility = sl_visibility_new (network);
  view.visibility = visibility;
  g_assert_true (sl_sharing_network_find_agency (network, 3, &view.node));

  all = sl_inference_load_reads (project, target, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  seen = sl_inference_load_reads (project, target, &view, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpint (g_array_index (seen, SlInferenceRead, 0).id, ==, 1);
  g_assert_cmpint (g_array_index (seen, SlInferenceRead, 1).id, ==, 3);
  g_assert_cmpint (g_array_index (seen, SlInferenceRead, 1).camera_id, ==, 2);

  /* Norwalk sees its own read only. */
  g_assert_true (sl_sharing_network_find_agency (network, 2, &norwalk));
  view.node = norwalk;
  norwalk_sees = sl_inference_load_reads (project, target, &view, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (norwalk_sees->len, ==, 1);
  g_assert_cmpint (g_array_index (norwalk_sees, SlInferenceRead, 0).id, ==, 2);

  g_remove (path);
}

/* What exists as of an instant: a read from its time until its owner's
 * retention ends (Westport keeps 30 days), for ever with an unknown
 * retention (Norwalk), and from its time on for an owner the network does
 * not list; the same as the engine's view of the owner's own node. */
static void
test_inference_owner_holds (void)
{
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_new ();
  g_autoptr(SlVisibility) visibility = NULL;
  SlSharingEdge edge = { 1, 2, 0, SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX,
                         SL_PROVENANCE_DOCUMENT, NULL, NULL };
  const gint64 t = MONDAY;
  const gint64 end = t + 30 * DAY;
  guint westport;

  sl_sharing_network_add_agency (network, 1, "Westport", 30, FALSE);
  sl_sharing_network_add_agency (network, 2, "Norwalk", SL_RETENTION_UNKNOWN, FALSE);
  sl_sharing_network_add_edge (network, &edge);
  visibility = sl_visibility_new (network);
  g_assert_true (sl_sharing_network_find_agency (network, 1, &westport));

  /* Westport: [t, t + 30 days). */
  g_assert_false (sl_inference_owner_holds (visibility, 7, t, 1, t - 1));
  g_assert_true (sl_inference_owner_holds (visibility, 7, t, 1, t));
  g_assert_true (sl_inference_owner_holds (visibility, 7, t, 1, end - 1));
  g_assert_false (sl_inference_owner_holds (visibility, 7, t, 1, end));
  g_assert_true (sl_inference_owner_holds (visibility, 7, t, 1, SL_TIME_MAX));
  for (gint64 as_of = t - DAY; as_of <= end + DAY; as_of += 6 * HOUR)
    {
      SlInferenceView view = { visibility, westport, as_of };

      g_assert_true (sl_inference_owner_holds (visibility, 7, t, 1, as_of) ==
                     sl_inference_view_sees (&view, 7, t, 1));
    }
  /* Norwalk keeps its reads; so does an owner not in the network, and
   * without an engine. */
  g_assert_false (sl_inference_owner_holds (visibility, 7, t, 2, t - 1));
  g_assert_true (sl_inference_owner_holds (visibility, 7, t, 2, t + 3650 * DAY));
  g_assert_false (sl_inference_owner_holds (visibility, 7, t, 99, t - 1));
  g_assert_true (sl_inference_owner_holds (visibility, 7, t, 99, t + 3650 * DAY));
  g_assert_false (sl_inference_owner_holds (NULL, 7, t, 1, t - 1));
  g_assert_true (sl_inference_owner_holds (NULL, 7, t, 1, end));
}

/* Population: A and B share home (camera 1's spot) and work (camera 3's);
 * C shares the home only; D passes both but spends its days elsewhere. */
static void
test_inference_uniqueness (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SlProject) project = new_project (&path);
  g_autoptr(SlInference) inference = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 1;

  for (int d = 0; d < 5; d++)
    {
      gint64 night = MONDAY + d * DAY + 22 * HOUR, noon = MONDAY + d * DAY + 12 * HOUR;

      insert_read (project, id++, "A", noon, 3, 41.30, -73.30);
      insert_read (project, id++, "A", night, 1, 41.10, -73.30);
      insert_read (project, id++, "B", noon + 600, 3, 41.301, -73.301);
      insert_read (project, id++, "B", night + 600, 1, 41.101, -73.301);
      insert_read (project, id++, "C", noon + 900, 2, 41.20, -73.30);
      insert_read (project, id++, "C", night + 900, 1, 41.10, -73.30);
      insert_read (project, id++, "D", noon + 1200, 4, 41.40, -73.30);
      insert_read (project, id++, "D", night + 1200, 4, 41.40, -73.30);
      insert_read (project, id++, "D", noon + 1500, 2, 41.20, -73.30);
      insert_read (project, id++, "D", night + 1500, 2, 41.20, -73.30);
    }
  insert_read (project, id++, "D", MONDAY + 12 * HOUR + 2400, 1, 41.10, -73.30);
  insert_read (project, id++, "D", MONDAY + 12 * HOUR + 2700, 3, 41.30, -73.30);

  inference = sl_inference_run (project, plate_id (project, "A"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (inference->has_uniqueness);
  g_assert_cmpuint (inference->n_uniqueness_candidates, ==, 2);
  g_assert_cmpuint (inference->n_sharing_top_places, ==, 2);
  g_clear_pointer (&inference, sl_inference_free);

  inference = sl_inference_run (project, plate_id (project, "C"), NULL, NULL, &error);
  g_assert_no_error (error);
  /* Only D passes both of C's places, and they are not its top two. */
  g_assert_cmpuint (inference->n_uniqueness_candidates, ==, 1);
  g_assert_cmpuint (inference->n_sharing_top_places, ==, 1);

  g_remove (path);
}

/* A small generated demo: the two Stratford neighbours find each other as
 * companions, and no other pair is reported. */
static void
test_inference_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDemoGenerator) generator = sl_demo_generator_new (200, 14, SL_DEMO_DEFAULT_SEED, &error);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "demo-200.sightline", NULL);
  g_autofree char *csv = g_build_filename (g_get_user_data_dir (), "demo-200-csv", NULL);
  g_autoptr(SlProject) project = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_pairs = 0;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (csv, 0700), ==, 0);
  g_assert_true (sl_demo_generator_write_project (generator, path, csv, NULL, NULL, &error));
  g_assert_no_error (error);
  project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project),
                                       "SELECT id, plate FROM plates ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *plate = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(SlInference) inference = sl_inference_run (project, sqlite3_column_int64 (stmt, 0), NULL, NULL, &error);

      g_assert_no_error (error);
      for (guint c = 0; c < inference->companions->len; c++)
        {
          const char *other = g_array_index (inference->companions, SlInferenceCompanion, c).plate;

          g_assert_true ((g_str_equal (plate, "ZT18842") && g_str_equal (other, "ZR90516")) ||
                         (g_str_equal (plate, "ZR90516") && g_str_equal (other, "ZT18842")));
          n_pairs++;
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_pairs, ==, 2);

  g_clear_object (&project);
  g_remove (path);
  sl_demo_remove_csv (csv);
}

/* The project's memo of top places gives every vehicle the uniqueness
 * figures computed without it, whether filled on the way or warmed ahead
 * in steps (which say how far they are, and when the memo is ready), or
 * counted on a partial copy of the inference; another cell size empties
 * it. */
static void
test_inference_uniqueness_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDemoGenerator) generator = sl_demo_generator_new (400, 14, SL_DEMO_DEFAULT_SEED, &error);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "demo-400.sightline", NULL);
  g_autofree char *csv = g_build_filename (g_get_user_data_dir (), "demo-400-csv", NULL);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlInferenceCache) on_the_way = sl_inference_cache_new ();
  g_autoptr(SlInferenceCache) warmed = sl_inference_cache_new ();
  g_autoptr(GTimeZone) zone = NULL;
  SlInferenceThresholds thresholds;
  sqlite3_stmt *stmt = NULL;
  gboolean done = FALSE;
  guint n_steps = 0, n_compared = 0, n_with_reads;
  gint64 max_plate;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (csv, 0700), ==, 0);
  g_assert_true (sl_demo_generator_write_project (generator, path, csv, NULL, NULL, &error));
  g_assert_no_error (error);
  project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  zone = sl_inference_get_time_zone (project);
  sl_inference_thresholds_init (&thresholds);
  n_with_reads = (guint) sl_test_query_int (project, "SELECT count (DISTINCT plate_id) FROM reads");
  max_plate = sl_test_query_int (project, "SELECT max (id) FROM plates");
  g_assert_cmpfloat (sl_inference_cache_get_progress (warmed), ==, 0.0);

  /* Warmed one run of plates at a time (a zero budget): 16 plate ids. */
  while (!done)
    {
      g_autoptr(SlInference) any = sl_inference_new (NULL, 0, zone, &thresholds);

      g_assert_true (sl_inference_cache_warm (warmed, project, zone, &thresholds, 0, &done, &error));
      g_assert_no_error (error);
      n_steps++;
      g_assert_true (done == (16 * n_steps >= max_plate));
      g_assert_true (sl_inference_cache_is_ready (warmed, any) == done);
      if (!done)
        g_assert_cmpfloat_with_epsilon (sl_inference_cache_get_progress (warmed), 16.0 * n_steps / max_plate, 1e-12);
      if (n_steps == 1)
        {
          g_assert_false (done);
          g_assert_cmpuint (sl_inference_cache_get_size (warmed), >, 0);
          g_assert_cmpuint (sl_inference_cache_get_size (warmed), <, n_with_reads);
        }
    }
  g_assert_cmpuint (sl_inference_cache_get_size (warmed), ==, n_with_reads);
  g_assert_cmpfloat (sl_inference_cache_get_progress (warmed), ==, 1.0);

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT id FROM plates ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 plate = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GArray) reads = sl_inference_load_reads (project, plate, NULL, &error);
      g_autoptr(SlInference) plain = NULL;
      g_autoptr(SlInference) memo = NULL;
      g_autoptr(SlInference) warm = NULL;
      g_autoptr(SlInference) copy = NULL;

      g_assert_no_error (error);
      plain = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, &thresholds);
      memo = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, &thresholds);
      warm = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, &thresholds);
      if (plain->places->len < 2 || plate % 5 != 0)
        continue;
      g_assert_true (sl_inference_compute_uniqueness (plain, project, plate, &error));
      g_assert_true (sl_inference_compute_uniqueness_cached (memo, project, plate, on_the_way, &error));
      g_assert_true (sl_inference_compute_uniqueness_cached (warm, project, plate, warmed, &error));
      g_assert_no_error (error);
      /* What the workspace counts on its worker while the full one shows. */
      copy = sl_inference_dup_top_places (plain);
      g_assert_cmpuint (copy->places->len, ==, 2);
      g_assert_true (sl_inference_cache_is_ready (warmed, copy));
      g_assert_true (sl_inference_compute_uniqueness_cached (copy, project, plate, warmed, &error));
      g_assert_no_error (error);
      g_assert_true (copy->has_uniqueness);
      g_assert_cmpuint (copy->n_sharing_top_places, ==, warm->n_sharing_top_places);
      g_assert_cmpuint (copy->n_uniqueness_candidates, ==, warm->n_uniqueness_candidates);
      g_assert_cmpuint (memo->n_sharing_top_places, ==, plain->n_sharing_top_places);
      g_assert_cmpuint (warm->n_sharing_top_places, ==, plain->n_sharing_top_places);
      g_assert_cmpuint (memo->n_uniqueness_candidates, ==, plain->n_uniqueness_candidates);
      /* Candidates of the complete memo: vehicles with top places near
       * both, a subset of those read near both. */
      g_assert_cmpuint (warm->n_uniqueness_candidates, <=, plain->n_uniqueness_candidates);
      g_assert_cmpuint (warm->n_uniqueness_candidates + 1, >=, warm->n_sharing_top_places);
      n_compared++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_compared, >, 10);
  /* Looking figures up added nothing to the warmed memo. */
  g_assert_cmpuint (sl_inference_cache_get_size (warmed), ==, n_with_reads);
  g_assert_cmpuint (sl_inference_cache_get_size (on_the_way), >, 0);
  g_assert_cmpuint (sl_inference_cache_get_size (on_the_way), <=, n_with_reads);

  /* Places from other cells: the memo is not ready for them, and starts
   * again. */
  thresholds.cell_size_m = 500;
  {
    g_autoptr(SlInference) other = sl_inference_new (NULL, 0, zone, &thresholds);

    g_assert_false (sl_inference_cache_is_ready (warmed, other));
  }
  g_assert_true (sl_inference_cache_warm (warmed, project, zone, &thresholds, 0, &done, &error));
  g_assert_no_error (error);
  g_assert_false (done);
  g_assert_cmpfloat_with_epsilon (sl_inference_cache_get_progress (warmed), 16.0 / max_plate, 1e-12);
  g_assert_cmpuint (sl_inference_cache_get_size (warmed), >, 0);
  g_assert_cmpuint (sl_inference_cache_get_size (warmed), <, n_with_reads);

  g_clear_object (&project);
  g_remove (path);
  sl_demo_remove_csv (csv);
}

/* The GSettings defaults are the code's defaults; a changed key is read. */
static void
test_inference_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.sightline.Sightline");
  SlInferenceThresholds defaults, loaded;

  sl_inference_thresholds_init (&defaults);
  sl_inference_thresholds_load (&loaded, settings);
  g_assert_cmpuint (loaded.night_start_hour, ==, defaults.night_start_hour);
  g_assert_cmpuint (loaded.night_end_hour, ==, defaults.night_end_hour);
  g_assert_cmpuint (loaded.work_start_hour, ==, defaults.work_start_hour);
  g_assert_cmpuint (loaded.work_end_hour, ==, defaults.work_end_hour);
  g_assert_cmpfloat (loaded.cell_size_m, ==, defaults.cell_size_m);
  g_assert_cmpuint (loaded.min_days, ==, defaults.min_days);
  g_assert_cmpuint (loaded.full_confidence_days, ==, defaults.full_confidence_days);
  g_assert_cmpuint (loaded.companion_window_s, ==, defaults.companion_window_s);
  g_assert_cmpuint (loaded.companion_min_places, ==, defaults.companion_min_places);
  g_assert_cmpuint (loaded.companion_min_days, ==, defaults.companion_min_days);
  g_assert_cmpfloat (loaded.uniqueness_radius_m, ==, defaults.uniqueness_radius_m);

  g_assert_true (g_settings_set_int (settings, "inference-companion-window", 45));
  sl_inference_thresholds_load (&loaded, settings);
  g_assert_cmpuint (loaded.companion_window_s, ==, 45);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/inference/home-work", test_inference_home_work);
  g_test_add_func ("/inference/thresholds", test_inference_thresholds);
  g_test_add_func ("/inference/empty", test_inference_empty);
  g_test_add_func ("/inference/time-zone", test_inference_time_zone);
  g_test_add_func ("/inference/clustering", test_inference_clustering);
  g_test_add_func ("/inference/companions", test_inference_companions);
  g_test_add_func ("/inference/view", test_inference_view);
  g_test_add_func ("/inference/owner-holds", test_inference_owner_holds);
  g_test_add_func ("/inference/uniqueness", test_inference_uniqueness);
  g_test_add_func ("/inference/uniqueness-cache", test_inference_uniqueness_cache);
  g_test_add_func ("/inference/settings", test_inference_settings);
  g_test_add_func ("/inference/demo", test_inference_demo);

  return g_test_run ();
}
