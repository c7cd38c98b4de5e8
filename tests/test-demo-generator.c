/* test-demo-generator.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "sl-demo-generator.h"
#include "sl-project-private.h"
#include "sl-sharing-reads.h"
#include "sl-what-if.h"

/* Small enough to run in a second, large enough for the stories to play out
 * over many weeks. */
#define TEST_VEHICLES 300
#define TEST_DAYS     60

static char *
make_temp_dir (const char *name)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static char *
checksum_file (const char *directory,
               const char *name)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static SlDemoGenerator *
new_generator (guint   n_vehicles,
               guint   n_days,
               guint64 seed)
{
  g_autoptr(GError) error = NULL;
  SlDemoGenerator *generator = sl_demo_generator_new (n_vehicles, n_days, seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (generator);
  return generator;
}

static void
write_csv (guint64      seed,
           const char  *directory,
           guint64     *n_reads)
{
  g_autoptr(SlDemoGenerator) generator = new_generator (TEST_VEHICLES, 14, seed);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_demo_generator_write_csv (generator, directory, n_reads, &error));
  g_assert_no_error (error);
}

static const char * const all_files[] = {
  "reads.csv", "agencies.csv", "sharing.csv",
  "scenario-1-as-reported-march-2019.json", "scenario-2-wethersfield-unticks-ice.json",
  "scenario-3-all-eight-untick-ice.json", "scenario-4-no-federal-immigration-sharing.json",
  NULL
};

static void
test_demo_determinism (void)
{
  g_autofree char *first = make_temp_dir ("first");
  g_autofree char *second = make_temp_dir ("second");
  g_autofree char *other = make_temp_dir ("other");
  guint64 n_first = 0, n_second = 0, n_other = 0;

  write_csv (7, first, &n_first);
  write_csv (7, second, &n_second);
  write_csv (8, other, &n_other);

  g_assert_cmpuint (n_first, >, 0);
  g_assert_cmpuint (n_first, ==, n_second);

  for (guint i = 0; all_files[i] != NULL; i++)
    {
      g_autofree char *a = checksum_file (first, all_files[i]);
      g_autofree char *b = checksum_file (second, all_files[i]);
      g_autofree char *c = checksum_file (other, all_files[i]);

      g_assert_cmpstr (a, ==, b);
      /* Only the vehicles depend on the seed; sharing and agencies do not. */
      if (i == 0)
        g_assert_cmpstr (a, !=, c);
      else
        g_assert_cmpstr (a, ==, c);
    }
}

typedef struct
{
  GPtrArray *lines;
  gint64     last_time;
  guint64    n_reads;
} Collected;

static gboolean
collect_line (const SlDemoRead  *read,
              gpointer           user_data,
              GError           **error)
{
  Collected *collected = user_data;
  g_autofree char *time = sl_demo_format_time (read->time);
  g_autofree char *latitude = sl_demo_format_degrees (read->latitude_e6);
  g_autofree char *longitude = sl_demo_format_degrees (read->longitude_e6);

  g_assert_cmpint (read->time, >=, collected->last_time);
  collected->last_time = read->time;
  collected->n_reads++;
  g_ptr_array_add (collected->lines, g_strdup_printf ("%s,%s,%s,%s,%s,%s", read->plate, time, latitude,
                                                      longitude, read->camera, read->agency));

  return TRUE;
}

/* The CSV holds exactly the reads the generator hands out, in time order,
 * inside the simulated period, with synthetic-looking plates. */
static void
test_demo_reads_csv (void)
{
  /* Every line is checked one by one: a smaller run keeps this quick under
   * the sanitizers. */
  g_autoptr(SlDemoGenerator) generator = new_generator (100, 7, 7);
  g_autofree char *directory = make_temp_dir ("reads");
  g_autofree char *path = g_build_filename (directory, "reads.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) plate = g_regex_new ("^Z[A-Z][0-9]{5}$|^Z[A-Z]{2}[0-9]{4}$", 0, 0, NULL);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  Collected collected = { g_ptr_array_new_with_free_func (g_free), G_MININT64, 0 };
  guint64 n_reads = 0;

  g_assert_true (sl_demo_generator_write_reads_csv (generator, path, &n_reads, &error));
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_foreach_read (generator, collect_line, &collected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collected.n_reads, ==, n_reads);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "plate,read_at,latitude,longitude,camera,agency");
  g_assert_cmpuint (g_strv_length (lines), ==, n_reads + 2);
  g_assert_cmpstr (lines[n_reads + 1], ==, "");

  start = sl_demo_format_time (sl_demo_generator_get_start_time (generator));
  end = sl_demo_format_time (sl_demo_generator_get_end_time (generator));
  /* Local midnights: EST (UTC−5) on both dates. */
  g_assert_cmpstr (start, ==, "2019-01-14T05:00:00Z");
  g_assert_cmpstr (end, ==, "2019-01-21T05:00:00Z");

  for (guint i = 0; i < n_reads; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpstr (lines[i + 1], ==, g_ptr_array_index (collected.lines, i));
      g_assert_cmpuint (g_strv_length (fields), ==, 6);
      g_assert_true (g_regex_match (plate, fields[0], 0, NULL));
      g_assert_cmpstr (fields[1], >=, start);
      g_assert_cmpstr (fields[1], <, end);
    }

  g_ptr_array_unref (collected.lines);
}

static void
test_demo_formats (void)
{
  g_autoptr(SlDemoGenerator) generator = new_generator (TEST_VEHICLES, 60, 1);
  struct {
    gint32      value;
    const char *text;
  } degrees[] = {
    { 0, "0.000000" }, { -5, "-0.000005" }, { 41142840, "41.142840" }, { -73347470, "-73.347470" },
    { 180000000, "180.000000" }, { -1, "-0.000001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (degrees); i++)
    {
      g_autofree char *text = sl_demo_format_degrees (degrees[i].value);

      g_assert_cmpstr (text, ==, degrees[i].text);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = sl_demo_format_time (i == 0 ? 0 : 1551426130);

      g_assert_cmpstr (text, ==, i == 0 ? "1970-01-01T00:00:00Z" : "2019-03-01T07:42:10Z");
    }

  /* 60 days end on 15 March, after the switch to daylight time (UTC−4). */
  {
    g_autofree char *end = sl_demo_format_time (sl_demo_generator_get_end_time (generator));

    g_assert_cmpstr (end, ==, "2019-03-15T04:00:00Z");
  }
}

static void
test_demo_invalid_arguments (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (sl_demo_generator_new (5, 10, 1, &error));
  g_assert_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "The number of vehicles must be between 6 and 10000000");
  g_clear_error (&error);

  g_assert_null (sl_demo_generator_new (10, 0, 1, &error));
  g_assert_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "The number of days must be between 1 and 3660");
  g_clear_error (&error);

  {
    g_autoptr(SlDemoGenerator) generator = new_generator (10, 1, 1);

    /* 32 agencies of its own; 49 fusion centres and 49 × 600 places. */
    g_assert_false (sl_demo_generator_set_n_agencies (generator, 31, &error));
    g_assert_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr (error->message, ==, "The number of agencies must be between 32 and 29481");
    g_clear_error (&error);
    g_assert_false (sl_demo_generator_set_n_agencies (generator, 29482, &error));
    g_assert_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_INVALID_ARGUMENT);
    g_assert_cmpuint (sl_demo_generator_get_n_agencies (generator), ==, 32);
  }
}

/* km between two points given in micro-degrees (equirectangular: exact to
 * well under 1% at these distances). */
static double
km_between (gint32 lat1,
            gint32 lon1,
            gint32 lat2,
            gint32 lon2)
{
  double mean = (lat1 + lat2) / 2e6 * G_PI / 180;
  double dy = (lat2 - lat1) / 1e6 * 111.05;
  double dx = (lon2 - lon1) / 1e6 * 111.32 * cos (mean);

  return sqrt (dx * dx + dy * dy);
}

typedef struct
{
  GTimeZone *zone;
  GArray    *reads;        /* SlDemoRead, strings interned */
} StoryReads;

static gboolean
collect_story_read (const SlDemoRead  *read,
                    gpointer           user_data,
                    GError           **error)
{
  StoryReads *story = user_data;
  SlDemoRead copy = *read;

  if (read->plate[1] != 'N' && read->plate[1] != 'C' && read->plate[1] != 'L' &&
      read->plate[1] != 'T' && read->plate[1] != 'R')
    return TRUE;

  copy.plate = g_intern_string (read->plate);
  copy.camera = g_intern_string (read->camera);
  copy.agency = g_intern_string (read->agency);
  g_array_append_val (story->reads, copy);

  return TRUE;
}

static GDateTime *
local_time (StoryReads       *story,
            const SlDemoRead *read)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (read->time);

  return g_date_time_to_timezone (utc, story->zone);
}

static void
collect_story_reads (SlDemoGenerator *generator,
                     StoryReads      *story)
{
  g_autoptr(GError) error = NULL;

  /* The test's own clock: tzdata, independent of the generator's rules. */
  story->zone = g_time_zone_new_identifier ("America/New_York");
  g_assert_nonnull (story->zone);
  story->reads = g_array_new (FALSE, FALSE, sizeof (SlDemoRead));
  g_assert_true (sl_demo_generator_foreach_read (generator, collect_story_read, story, &error));
  g_assert_no_error (error);
}

static void
clear_story_reads (StoryReads *story)
{
  g_time_zone_unref (story->zone);
  g_array_unref (story->reads);
}

/* Where the story vehicles sleep shows in their reads: every read while they
 * are at home (night for the commuter, day after a night shift for the
 * nurse) lies within 2 km of the recorded home. */
static void
test_demo_ground_truth_homes (void)
{
  g_autoptr(SlDemoGenerator) generator = new_generator (TEST_VEHICLES, TEST_DAYS, SL_DEMO_DEFAULT_SEED);
  StoryReads story = { 0 };
  SlDemoVehicle commuter, nurse;
  guint n_commuter = 0, n_nurse = 0;

  g_assert_true (sl_demo_generator_find_vehicle (generator, "ZC30955", &commuter));
  g_assert_cmpstr (commuter.story, ==, "norwalk-westport-commuter");
  g_assert_cmpstr (commuter.home_town, ==, "Norwalk");
  g_assert_cmpstr (commuter.work_town, ==, "Westport");
  g_assert_true (sl_demo_generator_find_vehicle (generator, "ZN47301", &nurse));
  g_assert_cmpstr (nurse.story, ==, "night-shift-nurse");
  g_assert_cmpstr (nurse.home_town, ==, "Wethersfield");
  g_assert_cmpstr (nurse.work_town, ==, "Hartford");
  g_assert_cmpint (nurse.shift, ==, SL_DEMO_SHIFT_NIGHT);

  collect_story_reads (generator, &story);

  for (guint i = 0; i < story.reads->len; i++)
    {
      const SlDemoRead *read = &g_array_index (story.reads, SlDemoRead, i);
      g_autoptr(GDateTime) local = local_time (&story, read);
      int hour = g_date_time_get_hour (local);
      int weekday = g_date_time_get_day_of_week (local); /* 1 = Monday */

      if (g_str_equal (read->plate, commuter.plate) && hour < 5)
        {
          g_assert_cmpfloat (km_between (read->latitude_e6, read->longitude_e6,
                                         commuter.home_latitude_e6, commuter.home_longitude_e6), <, 2.0);
          n_commuter++;
        }
      /* Tuesday to Thursday, after the Monday to Wednesday nights. */
      if (g_str_equal (read->plate, nurse.plate) && weekday >= 2 && weekday <= 4 && hour >= 9 && hour < 16)
        {
          g_assert_cmpfloat (km_between (read->latitude_e6, read->longitude_e6,
                                         nurse.home_latitude_e6, nurse.home_longitude_e6), <, 2.0);
          n_nurse++;
        }
    }

  g_test_message ("commuter: %u night reads; nurse: %u day-after-shift reads", n_commuter, n_nurse);
  g_assert_cmpuint (n_commuter, >=, 2);
  g_assert_cmpuint (n_nurse, >=, 2);

  clear_story_reads (&story);
}

/* The weekly visit: the lawyer-visits vehicle is read by Hartford's readers
 * downtown, near the office, and only on Wednesdays. The companions are read at the same camera within minutes
 * of each other again and again. */
static void
test_demo_ground_truth_routines (void)
{
  g_autoptr(SlDemoGenerator) generator = new_generator (TEST_VEHICLES, TEST_DAYS, SL_DEMO_DEFAULT_SEED);
  StoryReads story = { 0 };
  SlDemoVehicle visitor, a, b;
  SlDemoPlace office = { 0 };
  guint n_hartford = 0, n_together = 0, n_a = 0;

  g_assert_true (sl_demo_generator_find_vehicle (generator, "ZL61207", &visitor));
  g_assert_true (sl_demo_generator_find_vehicle (generator, "ZT18842", &a));
  g_assert_true (sl_demo_generator_find_vehicle (generator, "ZR90516", &b));
  g_assert_cmpstr (a.companion, ==, "ZR90516");
  g_assert_cmpstr (b.companion, ==, "ZT18842");
  g_assert_null (visitor.companion);

  for (guint i = 0; i < sl_demo_generator_get_n_places (generator); i++)
    {
      sl_demo_generator_get_place (generator, i, &office);
      if (g_str_equal (office.plate, visitor.plate))
        break;
    }
  g_assert_cmpstr (office.label, ==, "Immigration lawyer's office (fictional), downtown Hartford");

  collect_story_reads (generator, &story);

  for (guint i = 0; i < story.reads->len; i++)
    {
      const SlDemoRead *read = &g_array_index (story.reads, SlDemoRead, i);

      if (read->plate == g_intern_string (visitor.plate) &&
          g_str_equal (read->agency, "Hartford Police Department"))
        {
          g_autoptr(GDateTime) local = local_time (&story, read);

          g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 3);
          g_assert_cmpfloat (km_between (read->latitude_e6, read->longitude_e6,
                                         office.latitude_e6, office.longitude_e6), <, 2.0);
          n_hartford++;
        }

      if (read->plate == g_intern_string (a.plate))
        {
          n_a++;
          for (guint j = i + 1; j < story.reads->len; j++)
            {
              const SlDemoRead *other = &g_array_index (story.reads, SlDemoRead, j);

              if (other->time > read->time + 180)
                break;
              if (other->plate == g_intern_string (b.plate) && other->camera == read->camera)
                {
                  n_together++;
                  break;
                }
            }
        }
    }

  g_test_message ("lawyer visits: %u Hartford reads; companions: %u of %u together",
                  n_hartford, n_together, n_a);
  g_assert_cmpuint (n_hartford, >=, 4);
  /* Most of A's weekday and Saturday reads have B right behind. */
  g_assert_cmpuint (n_together * 2, >, n_a);

  clear_story_reads (&story);
}

static JsonObject *
load_scenario (JsonParser *parser,
               const char *directory,
               guint       index)
{
  g_autofree char *path = g_build_filename (directory, sl_demo_get_scenario_file (index), NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The scenario files say what their names say. */
static void
test_demo_scenario_files (void)
{
  g_autofree char *directory = make_temp_dir ("scenarios");
  g_autoptr(SlDemoGenerator) generator = new_generator (TEST_VEHICLES, 1, 1);
  g_autoptr(GError) error = NULL;
  const guint expected_edits[] = { 0, 1, 8, 10 };

  g_assert_cmpuint (sl_demo_get_n_scenarios (), ==, 4);
  for (guint i = 0; i < sl_demo_get_n_scenarios (); i++)
    {
      g_autofree char *path = g_build_filename (directory, sl_demo_get_scenario_file (i), NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root, *scenario;
      JsonArray *edits, *pools;

      g_assert_true (sl_demo_generator_write_scenario_json (generator, i, path, &error));
      g_assert_no_error (error);

      root = load_scenario (parser, directory, i);
      g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "sightline-sharing");
      g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
      scenario = json_object_get_object_member (root, "scenario");
      g_assert_cmpstr (json_object_get_string_member (scenario, "name"), ==, sl_demo_get_scenario_name (i));
      if (i == 0)
        g_assert_true (json_object_get_null_member (scenario, "parent"));
      else
        g_assert_cmpstr (json_object_get_string_member (scenario, "parent"), ==, "As reported, March 2019");

      pools = json_object_get_array_member (root, "pools");
      g_assert_cmpuint (json_array_get_length (pools), ==, i == 0 ? 1 : 0);
      if (i == 0)
        {
          JsonObject *pool = json_array_get_object_element (pools, 0);

          g_assert_cmpint (json_object_get_int_member (pool, "declared_size"), ==, 500);
          g_assert_false (json_object_get_boolean_member (pool, "members_listed"));
        }

      edits = json_object_get_array_member (root, "edits");
      g_assert_cmpuint (json_array_get_length (edits), ==, expected_edits[i]);
      for (guint j = 0; j < json_array_get_length (edits); j++)
        {
          JsonObject *edit = json_array_get_object_element (edits, j);
          const char *recipient = json_object_get_string_member (edit, "recipient");

          g_assert_cmpstr (json_object_get_string_member (edit, "op"), ==, "remove-edge");
          if (i == 1)
            g_assert_cmpstr (json_object_get_string_member (edit, "owner"), ==, "Wethersfield Police Department");
          if (i < 3)
            g_assert_cmpstr (recipient, ==, "ICE Enforcement and Removal Operations");
          else
            g_assert_true (g_str_has_prefix (recipient, "ICE "));
        }
    }
}

static char *
query_text (SlProject  *project,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append (out, i > 0 ? "|" : "");
          g_string_append (out, text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

/* The ground truth goes into the project whole, with the generator's own
 * numbers, and storing it again replaces it. */
static void
test_demo_store_ground_truth (void)
{
  g_autoptr(SlDemoGenerator) generator = new_generator (TEST_VEHICLES, 3, 42);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = make_temp_dir ("project");
  g_autofree char *path = g_build_filename (directory, "demo.sightline", NULL);
  g_autofree char *synthetic = NULL;
  g_autofree char *seed = NULL;
  SlDemoVehicle nurse;

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *counts = NULL;
      g_autofree char *companions = NULL;
      g_autofree char *nurse_row = NULL;
      g_autofree char *expected_nurse = NULL;
      g_autofree char *home_latitude = NULL;
      g_autofree char *home_longitude = NULL;
      g_autofree char *work_latitude = NULL;
      g_autofree char *work_longitude = NULL;

      g_assert_true (sl_demo_generator_store_ground_truth (generator, project, &error));
      g_assert_no_error (error);

      counts = query_text (project,
                           "SELECT (SELECT count(*) FROM demo_vehicles), "
                           "(SELECT count(*) FROM demo_vehicles WHERE story IS NOT NULL), "
                           "(SELECT count(*) FROM demo_places)");
      g_assert_cmpstr (counts, ==, "300|6|4\n");
      companions = query_text (project, "SELECT plate, companion_plate FROM demo_companions");
      g_assert_cmpstr (companions, ==, "ZR90516|ZT18842\n");

      g_assert_true (sl_demo_generator_find_vehicle (generator, "ZN47301", &nurse));
      home_latitude = sl_demo_format_degrees (nurse.home_latitude_e6);
      home_longitude = sl_demo_format_degrees (nurse.home_longitude_e6);
      work_latitude = sl_demo_format_degrees (nurse.work_latitude_e6);
      work_longitude = sl_demo_format_degrees (nurse.work_longitude_e6);
      expected_nurse = g_strdup_printf ("night-shift-nurse|night|Wethersfield|%s|%s|Hartford|%s|%s\n",
                                        home_latitude, home_longitude, work_latitude, work_longitude);
      nurse_row = query_text (project,
                              "SELECT story, shift, home_town, printf ('%.6f', home_latitude), "
                              "printf ('%.6f', home_longitude), work_town, printf ('%.6f', work_latitude), "
                              "printf ('%.6f', work_longitude) FROM demo_vehicles WHERE plate = 'ZN47301'");
      g_assert_cmpstr (nurse_row, ==, expected_nurse);
    }

  synthetic = sl_project_dup_meta (project, "synthetic");
  seed = sl_project_dup_meta (project, "demo.seed");
  g_assert_cmpstr (synthetic, ==, "true");
  g_assert_cmpstr (seed, ==, "42");
}

static gint64
query_int (SlProject  *project,
           const char *sql)
{
  g_autofree char *text = query_text (project, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Generates a small demo and imports it through the real importers. */
static SlProject *
import_demo (const char *name,
             guint64    *n_reads)
{
  g_autoptr(SlDemoGenerator) generator = new_generator (150, 14, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = make_temp_dir (name);
  g_autofree char *path = g_build_filename (directory, "demo.sightline", NULL);
  SlProject *project;

  g_assert_true (sl_demo_generator_write_csv (generator, directory, n_reads, &error));
  g_assert_no_error (error);
  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_import (generator, project, directory, NULL, &error));
  g_assert_no_error (error);

  return project;
}

/* Every generated read, agency and scenario arrives through the importers
 * users' files go through. */
static void
test_demo_import (void)
{
  guint64 n_reads = 0;
  g_autoptr(SlProject) project = import_demo ("import", &n_reads);
  g_autofree char *scenarios = NULL;
  g_autofree char *pool = NULL;
  g_autofree char *named_to_ice = NULL;
  g_autofree char *types = NULL;

  g_assert_cmpuint (n_reads, >, 0);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM reads"), ==, (gint64) n_reads);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM import_problems"), ==, 0);
  /* 32 agencies: the pool is not one. */
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM agencies"), ==, 32);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM demo_vehicles"), ==, 150);

  scenarios = query_text (project, "SELECT name, (SELECT count(*) FROM sharing_edges WHERE scenario_id = s.id), "
                                   "(SELECT count(*) FROM scenario_edits WHERE scenario_id = s.id) "
                                   "FROM scenarios AS s ORDER BY id");
  g_assert_cmpstr (scenarios, ==,
                   "As reported, March 2019|116|0\n"
                   "Wethersfield unticks ICE|0|1\n"
                   "All eight untick ICE (national pool kept)|0|8\n"
                   "No sharing with federal immigration recipients|0|10\n");
  /* One agency each, with the types of agencies.csv: the state police are
   * not resolved into SCSU's police, whose name holds all their words. */
  types = query_text (project,
                      "SELECT name, type, retention_days, reshares FROM agencies WHERE name LIKE '%Connecticut%' "
                      "OR type IN ('federal', 'fusion-center') ORDER BY id");
  g_assert_cmpstr (types, ==,
                   "Connecticut State Police|state-police|365|0\n"
                   "State Fusion Center (illustrative)|fusion-center|730|1\n"
                   "ICE Enforcement and Removal Operations|federal|NULL|0\n"
                   "ICE Homeland Security Investigations|federal|NULL|0\n"
                   "Southern Connecticut State University Police Department|university-police|30|0\n");
  pool = query_text (project, "SELECT name, declared_size, members_listed FROM pools");
  g_assert_cmpstr (pool, ==, "Vendor national pool|500|0\n");
  named_to_ice = query_text (project,
                             "SELECT group_concat (o.name, ';') FROM sharing_edges AS e "
                             "JOIN agencies AS o ON o.id = e.owner_id "
                             "JOIN agencies AS r ON r.id = e.recipient_agency_id "
                             "WHERE r.name = 'ICE Enforcement and Removal Operations' "
                             "AND e.provenance = 'document' ORDER BY o.id");
  g_assert_cmpstr (named_to_ice, ==,
                   "Fairfield Police Department;Westport Police Department;Stratford Police Department;"
                   "Trumbull Police Department;Norwalk Police Department;Enfield Police Department;"
                   "Wethersfield Police Department;Southern Connecticut State University Police Department\n");
}

/* How many reads @viewer can ever see in @scenario, by the visibility
 * engine. */
static guint64
reach_of (SlProject  *project,
          const char *scenario,
          const char *viewer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_load (project, scenario, &error);
  g_autoptr(SlVisibility) visibility = NULL;
  g_autoptr(SlReach) reach = NULL;
  GArray *agencies;

  g_assert_no_error (error);
  visibility = sl_visibility_new (network);
  reach = sl_reach_new (visibility);
  g_assert_true (sl_sharing_reach_all (project, reach, &error));
  g_assert_no_error (error);

  agencies = sl_reach_get_agencies (reach);
  for (guint i = 0; i < agencies->len; i++)
    {
      const SlReachAgency *agency = &g_array_index (agencies, SlReachAgency, i);

      if (g_str_equal (sl_sharing_network_get_node (network, agency->node)->name, viewer))
        return agency->n_reads;
    }

  return 0;
}

/* The scenarios change what ICE ERO sees exactly as their names say. With
 * 14 days every retention outlasts the period, so counts are whole owners'
 * reads. */
static void
test_demo_scenarios_reach (void)
{
  guint64 n_reads = 0;
  g_autoptr(SlProject) project = import_demo ("reach", &n_reads);
  const char *ice = "ICE Enforcement and Removal Operations";
  gint64 wethersfield = query_int (project,
                                   "SELECT count(*) FROM reads JOIN agencies ON agencies.id = reads.agency_id "
                                   "WHERE agencies.name = 'Wethersfield Police Department'");
  gint64 fusion_senders = query_int (project,
                                     "SELECT count(*) FROM reads JOIN agencies ON agencies.id = reads.agency_id "
                                     "WHERE agencies.name IN ('Connecticut State Police', "
                                     "'Hartford Police Department', 'New Haven Police Department', "
                                     "'Bridgeport Police Department')");
  gint64 named = query_int (project,
                            "SELECT count(*) FROM reads JOIN agencies ON agencies.id = reads.agency_id "
                            "WHERE agencies.name IN ('Fairfield Police Department', 'Westport Police Department', "
                            "'Stratford Police Department', 'Trumbull Police Department', "
                            "'Norwalk Police Department', 'Enfield Police Department', "
                            "'Wethersfield Police Department', "
                            "'Southern Connecticut State University Police Department')");
  guint64 reported = reach_of (project, "As reported, March 2019", ice);
  guint64 wethersfield_unticks = reach_of (project, "Wethersfield unticks ICE", ice);
  guint64 all_eight = reach_of (project, "All eight untick ICE (national pool kept)", ice);
  guint64 none = reach_of (project, "No sharing with federal immigration recipients", ice);

  g_assert_cmpint (wethersfield, >, 0);
  /* As reported: the eight directly, the state police and three cities
   * through the fusion centre. */
  g_assert_cmpuint (reported, ==, (guint64) (named + fusion_senders));
  /* Unticking drops exactly Wethersfield's reads; ICE still sees plenty. */
  g_assert_cmpuint (wethersfield_unticks, ==, reported - (guint64) wethersfield);
  g_assert_cmpuint (wethersfield_unticks, >, 0);
  /* All eight untick: only what the fusion centre passes on is left. */
  g_assert_cmpuint (all_eight, ==, (guint64) fusion_senders);
  g_assert_cmpuint (none, ==, 0);
  /* The national pool is kept in every scenario: its unlisted members
   * still see the eight's reads. */
  g_assert_cmpuint (reach_of (project, "All eight untick ICE (national pool kept)",
                              "500 unlisted members of Vendor national pool"), >=, (guint64) named);
}

/* --agencies 600: 568 synthetic agencies (49 state fusion centres, then
 * 519 place agencies of which every tenth, 51, is a prosecutor outside the
 * pool) see what the national pool passes on: a story vehicle with reads
 * of a pool member is seen by every one of them, by the 517 pool members
 * through the pool and by the 51 prosecutors through the pool and their
 * state's fusion centre. */
static void
test_demo_many_agencies (void)
{
  g_autoptr(SlDemoGenerator) generator = new_generator (150, 14, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = make_temp_dir ("agencies");
  g_autofree char *path = g_build_filename (directory, "demo.sightline", NULL);
  g_autofree char *pool = NULL;
  g_autofree char *synthetic_edges = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlWhatIf) what_if = NULL;
  guint64 n_reads = 0;
  guint n_pool = 0, n_resharer = 0, unlisted_reads = 0, n_other = 0;
  gint64 first_synthetic;
  GArray *exposure;

  g_assert_true (sl_demo_generator_set_n_agencies (generator, 600, &error));
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_write_csv (generator, directory, &n_reads, &error));
  g_assert_no_error (error);
  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_import (generator, project, directory, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (project, "SELECT count(*) FROM agencies"), ==, 600);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM agencies WHERE type = 'fusion-center' "
                                       "AND reshares = 1"), ==, 1 + 49);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM agencies WHERE type = 'prosecutor'"), ==, 51);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM reads"), ==, (gint64) n_reads);
  g_assert_cmpint (query_int (project, "SELECT count(*) FROM import_problems"), ==, 0);
  pool = query_text (project, "SELECT name, declared_size, members_listed, "
                              "(SELECT count(*) FROM pool_members WHERE pool_id = pools.id) FROM pools");
  g_assert_cmpstr (pool, ==, "Vendor national pool|1017|0|517\n");
  /* The demo's 116 edges, then one per prosecutor from its fusion centre. */
  synthetic_edges = query_text (project, "SELECT count(*), sum(o.type = 'fusion-center' AND r.type = 'prosecutor' "
                                         "AND o.state = r.state) FROM sharing_edges AS e "
                                         "JOIN agencies AS o ON o.id = e.owner_id "
                                         "LEFT JOIN agencies AS r ON r.id = e.recipient_agency_id");
  g_assert_cmpstr (synthetic_edges, ==, "167|51\n");

  first_synthetic = query_int (project, "SELECT min(id) FROM agencies WHERE name = 'Alabama Fusion Center (illustrative)'");
  what_if = sl_what_if_new_for_project (project, "As reported, March 2019", "ZN47301", &error);
  g_assert_no_error (error);
  exposure = sl_what_if_get_exposure (what_if);
  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row = &g_array_index (exposure, SlExposure, i);
      const SlSharingNode *node = sl_sharing_network_get_node (sl_what_if_get_network (what_if), row->node);

      if (node->kind == SL_SHARING_NODE_UNLISTED)
        unlisted_reads = row->n_reads;
    }
  /* The vehicle's reads reach the pool. */
  g_assert_cmpuint (unlisted_reads, >, 0);
  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row = &g_array_index (exposure, SlExposure, i);
      const SlSharingNode *node = sl_sharing_network_get_node (sl_what_if_get_network (what_if), row->node);
      g_auto(GStrv) names = NULL;

      if (node->kind != SL_SHARING_NODE_AGENCY || node->id < first_synthetic)
        {
          n_other++;
          continue;
        }
      names = g_strsplit (row->path, " → ", -1);
      g_assert_cmpuint (row->n_reads, ==, unlisted_reads);
      g_assert_cmpint (sl_what_if_get_how (what_if, row), ==, SL_EXPOSURE_POOL);
      g_assert_cmpstr (names[1], ==, "Vendor national pool");
      /* Owner → pool → member, or owner → pool → fusion centre → prosecutor. */
      if (g_strv_length (names) == 3)
        n_pool++;
      else if (g_strv_length (names) == 4 && g_str_has_suffix (names[2], " Fusion Center (illustrative)"))
        n_resharer++;
    }
  g_assert_cmpuint (n_pool, ==, 517);
  g_assert_cmpuint (n_resharer, ==, 51);
  g_assert_cmpuint (exposure->len, ==, n_other + 568);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/determinism", test_demo_determinism);
  g_test_add_func ("/demo/reads-csv", test_demo_reads_csv);
  g_test_add_func ("/demo/formats", test_demo_formats);
  g_test_add_func ("/demo/invalid-arguments", test_demo_invalid_arguments);
  g_test_add_func ("/demo/ground-truth/homes", test_demo_ground_truth_homes);
  g_test_add_func ("/demo/ground-truth/routines", test_demo_ground_truth_routines);
  g_test_add_func ("/demo/scenario-files", test_demo_scenario_files);
  g_test_add_func ("/demo/store-ground-truth", test_demo_store_ground_truth);
  g_test_add_func ("/demo/import", test_demo_import);
  g_test_add_func ("/demo/scenarios-reach", test_demo_scenarios_reach);
  g_test_add_func ("/demo/many-agencies", test_demo_many_agencies);

  return g_test_run ();
}
