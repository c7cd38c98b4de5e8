/* test-vehicle-ranking.c: every vehicle ranked by its reads, filtered by
 * the start of its plate.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-test-utils.h"
#include "sl-vehicle-ranking.h"

/* Plate, reads: AB1 and CD4 tie (ranked by plate id, the import order). */
static const struct
{
  const char *plate;
  guint       n_reads;
} vehicles[] = {
  { "AB1", 3 }, { "AB22", 5 }, { "XAB3", 1 }, { "CD4", 3 }, { "AC5", 2 },
};

static SlProject *
import_project (const char *name,
                gboolean    pseudonymize)
{
  g_autoptr(GString) text = g_string_new ("plate,read_at,latitude,longitude,camera\n");
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *project_name = g_strconcat (name, ".sightline", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(SlReadImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  SlProject *project;

  /* One read of each plate in turn, so plate ids follow the table. */
  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (vehicles); i++)
      if (round < vehicles[i].n_reads)
        g_string_append_printf (text, "%s,2019-03-0%u 08:%02u:00,41.1,-73.3,CAM-%u\n",
                                vehicles[i].plate, round + 1, i, i);
  csv = sl_test_write_temp_file (csv_name, text->str);
  project = sl_test_open_temp_project (project_name);
  importer = sl_read_importer_new (csv);
  sl_read_importer_set_owner_agency (importer, "Westport PD");
  sl_read_importer_set_pseudonymize (importer, pseudonymize);
  g_assert_true (sl_read_importer_run (importer, project, NULL, &error));
  g_assert_no_error (error);
  return project;
}

static char *
plate_of (SlProject *project,
          gint64     plate_id)
{
  SlRankedVehicle vehicle = { plate_id, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) plates = sl_vehicle_ranking_load_plates (project, &vehicle, 1, &error);

  g_assert_no_error (error);
  return g_strdup (plates[0]);
}

/* The plates of @ranked, in order, joined by spaces. */
static char *
plates_of (SlProject             *project,
           const SlRankedVehicle *ranked,
           guint                  n)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) plates = sl_vehicle_ranking_load_plates (project, ranked, n, &error);

  g_assert_no_error (error);
  return g_strjoinv (" ", plates);
}

static char *
filter (SlVehicleRanking *ranking,
        SlProject        *project,
        const char       *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = sl_vehicle_ranking_filter (ranking, project, prefix, NULL, &error);

  g_assert_no_error (error);
  return plates_of (project, (SlRankedVehicle *) found->data, found->len);
}

static void
test_rank_and_filter (void)
{
  g_autoptr(SlProject) project = import_project ("plain", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlVehicleRanking) ranking = sl_vehicle_ranking_load (project, NULL, &error);
  const SlRankedVehicle *ranked;
  g_autofree char *order = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sl_vehicle_ranking_get_n_vehicles (ranking), ==, G_N_ELEMENTS (vehicles));
  ranked = sl_vehicle_ranking_get_vehicles (ranking);
  order = plates_of (project, ranked, G_N_ELEMENTS (vehicles));
  g_assert_cmpstr (order, ==, "AB22 AB1 CD4 AC5 XAB3");
  for (guint i = 0; i < G_N_ELEMENTS (vehicles); i++)
    {
      g_autofree char *plate = plate_of (project, ranked[i].plate_id);
      gint64 n = 0;

      g_assert_cmpuint (ranked[i].rank, ==, i + 1);
      for (guint v = 0; v < G_N_ELEMENTS (vehicles); v++)
        if (g_str_equal (vehicles[v].plate, plate))
          n = vehicles[v].n_reads;
      g_assert_cmpuint (ranked[i].n_reads, ==, n);
    }

  /* Prefixes as the plate search normalises them; ranks stay global. */
  {
    g_autofree char *ab = filter (ranking, project, "AB");
    g_autofree char *ab_typed = filter (ranking, project, " a-b ");
    g_autofree char *a = filter (ranking, project, "a");
    g_autofree char *all = filter (ranking, project, "");
    g_autofree char *none = filter (ranking, project, "ZZ");
    g_autoptr(GArray) found = sl_vehicle_ranking_filter (ranking, project, "AC", NULL, &error);

    g_assert_cmpstr (ab, ==, "AB22 AB1");
    g_assert_cmpstr (ab_typed, ==, "AB22 AB1");
    g_assert_cmpstr (a, ==, "AB22 AB1 AC5");
    g_assert_cmpstr (all, ==, order);
    g_assert_cmpstr (none, ==, "");
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpuint (g_array_index (found, SlRankedVehicle, 0).rank, ==, 4);
    g_assert_cmpuint (g_array_index (found, SlRankedVehicle, 0).n_reads, ==, 2);
  }

  /* A vehicle that is not there. */
  {
    SlRankedVehicle missing = { 999, 0, 0 };
    g_auto(GStrv) plates = sl_vehicle_ranking_load_plates (project, &missing, 1, &error);

    g_assert_null (plates);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==, "Plate 999 is missing from the plates table");
  }
}

/* Pseudonyms are stored in lower-case hex: a prefix matches as typed. */
static void
test_pseudonyms (void)
{
  g_autoptr(SlProject) project = import_project ("pseudonyms", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlVehicleRanking) ranking = sl_vehicle_ranking_load (project, NULL, &error);
  const SlRankedVehicle *ranked;
  g_autofree char *top = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GArray) found = NULL;
  gint64 expected;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  ranked = sl_vehicle_ranking_get_vehicles (ranking);
  g_assert_cmpuint (ranked[0].n_reads, ==, 5);
  top = plate_of (project, ranked[0].plate_id);
  g_assert_cmpuint (strlen (top), ==, 64);
  g_assert_cmpuint (strspn (top, "0123456789abcdef"), ==, 64);

  prefix = g_strndup (top, 2);
  found = sl_vehicle_ranking_filter (ranking, project, prefix, NULL, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM plates WHERE substr (plate, 1, 2) = '%s'", prefix);
  expected = sl_test_query_int (project, sql);
  g_assert_cmpuint (found->len, ==, expected);
  g_assert_cmpint (g_array_index (found, SlRankedVehicle, 0).plate_id, ==, ranked[0].plate_id);
  /* A plate's own letters do not find its pseudonym. */
  {
    g_autofree char *plates = filter (ranking, project, "AB2");

    g_assert_cmpstr (plates, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/vehicle-ranking/rank-and-filter", test_rank_and_filter);
  g_test_add_func ("/vehicle-ranking/pseudonyms", test_pseudonyms);

  return g_test_run ();
}
