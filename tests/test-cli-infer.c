/* test-cli-infer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `sightline-cli infer` on the bundled demo, run as a user would, checked
 * against the inference API and the store. Arguments: demo.sightline, then
 * sightline-cli. */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sl-inference.h"
#include "sl-project-private.h"
#include "sl-read-store.h"
#include "sl-test-utils.h"

#define ICE "ICE Enforcement and Removal Operations"

static const char *demo_path;
static const char *cli_path;

static JsonObject *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The JSON holds what the API computes for the same view. */
static void
check_against_api (JsonObject       *root,
                   SlProject        *project,
                   const char       *plate,
                   SlSharingNetwork *network,
                   const char       *agency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlVisibility) visibility = NULL;
  g_autoptr(SlInference) inference = NULL;
  SlInferenceView view = { NULL, 0, SL_TIME_MAX };
  JsonArray *companions = json_object_get_array_member (root, "companions");
  JsonArray *heatmap = json_object_get_array_member (root, "heatmap");
  gint64 plate_id = sl_read_store_lookup_plate (project, plate, &error);
  gint64 sum = 0;

  g_assert_no_error (error);
  if (network != NULL)
    {
      for (guint i = 0; i < sl_sharing_network_get_n_nodes (network); i++)
        if (g_str_equal (sl_sharing_network_get_node (network, i)->name, agency))
          view.node = i;
      visibility = sl_visibility_new (network);
      view.visibility = visibility;
    }
  inference = sl_inference_run (project, plate_id, &view, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (json_object_get_int_member (root, "reads"), ==, inference->n_reads);
  g_assert_cmpint (json_object_get_int_member (root, "days"), ==, inference->n_days);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "places")), ==, inference->places->len);
  g_assert_cmpuint (json_array_get_length (companions), ==, inference->companions->len);
  for (guint c = 0; c < inference->companions->len; c++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (companions, c), "plate"), ==,
                     g_array_index (inference->companions, SlInferenceCompanion, c).plate);
  g_assert_cmpuint (json_array_get_length (heatmap), ==, 7);
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        gint64 count = json_array_get_int_element (json_array_get_array_element (heatmap, d), h);

        g_assert_cmpint (count, ==, inference->heatmap[d][h]);
        sum += count;
      }
  g_assert_cmpint (sum, ==, inference->n_reads);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "uniqueness"),
                                               "vehicles_sharing_top_places"), ==, inference->n_sharing_top_places);
  if (inference->home.found)
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "home"), "place"), ==,
                     inference->home.place + 1);
  else
    g_assert_true (json_object_get_null_member (root, "home"));
}

/* Everything: the convoy neighbours find each other; every read counted. */
static void
test_cli_infer_all (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (demo_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *table = NULL;
  JsonObject *root;
  JsonArray *companions;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err,
                                    "infer", demo_path, "--plate", "zt-18842", "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = parse (parser, out);
  g_assert_true (json_object_get_null_member (root, "agency"));
  g_assert_cmpstr (json_object_get_string_member (root, "time_zone"), ==, "America/New_York");

  sqlite3_prepare_v2 (sl_project_get_db (project),
                      "SELECT count(*) FROM reads JOIN plates ON plates.id = reads.plate_id WHERE plate = 'ZT18842'",
                      -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (json_object_get_int_member (root, "reads"), ==, sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);

  companions = json_object_get_array_member (root, "companions");
  g_assert_cmpuint (json_array_get_length (companions), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (companions, 0), "plate"), ==,
                   "ZR90516");
  check_against_api (root, project, "ZT18842", NULL, NULL);

  /* The table says the same in words. */
  g_assert_cmpint (sl_test_run_cli (cli_path, &table, NULL, "infer", demo_path, "--plate", "ZT18842", NULL), ==, 0);
  g_assert_nonnull (strstr (table, "as seen by every read of the project (local time: America/New_York)"));
  g_assert_nonnull (strstr (table, "  ZR90516: "));
}

/* What ICE ERO sees as reported, and nothing once no one shares with it. */
static void
test_cli_infer_agency (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (demo_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) none_parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *none = NULL;
  g_autofree char *alias = NULL;
  JsonObject *root;

  g_assert_no_error (error);
  network = sl_sharing_network_load (project, "As reported, March 2019", &error);
  g_assert_no_error (error);

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, NULL, "infer", demo_path, "--plate", "ZN47301", "--agency", ICE,
                            "--scenario", "As reported, March 2019", "--format", "json", NULL), ==, 0);
  root = parse (parser, out);
  g_assert_cmpstr (json_object_get_string_member (root, "agency"), ==, ICE);
  g_assert_cmpstr (json_object_get_string_member (root, "scenario"), ==, "As reported, March 2019");
  g_assert_cmpint (json_object_get_int_member (root, "reads"), >, 0);
  check_against_api (root, project, "ZN47301", network, ICE);

  /* Any spelling or alias the project knows names the same agency. */
  g_assert_cmpint (sl_test_run_cli (cli_path, &alias, NULL,
                                    "infer", demo_path, "--plate", "ZN47301", "--agency", "ice ero",
                                    "--scenario", "As reported, March 2019", "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (alias, ==, out);

  g_assert_cmpint (sl_test_run_cli (cli_path, &none, NULL, "infer", demo_path, "--plate", "ZN47301", "--agency", ICE,
                            "--scenario", "No sharing with federal immigration recipients", "--format", "json", NULL), ==, 0);
  root = parse (none_parser, none);
  g_assert_cmpint (json_object_get_int_member (root, "reads"), ==, 0);
  g_assert_true (json_object_get_null_member (root, "home"));
  g_assert_true (json_object_get_null_member (root, "work"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "companions")), ==, 0);
}

static void
test_cli_infer_errors (void)
{
  g_autofree char *agency = NULL, *plate = NULL, *missing = NULL, *format = NULL;
  g_autofree char *expected_agency = g_strdup_printf ("sightline-cli: %s: no agency named “Nope”\n", demo_path);
  g_autofree char *expected_plate = g_strdup_printf ("sightline-cli: %s: no reads of plate “AAA0000”\n", demo_path);

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &agency,
                                    "infer", demo_path, "--plate", "ZN47301", "--agency", "Nope", NULL), ==, 1);
  g_assert_cmpstr (agency, ==, expected_agency);
  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &plate, "infer", demo_path, "--plate", "AAA0000", NULL), ==, 1);
  g_assert_cmpstr (plate, ==, expected_plate);
  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &missing, "infer", demo_path, NULL), ==, 2);
  g_assert_cmpstr (missing, ==, "sightline-cli: infer needs --plate PLATE\n");
  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &format,
                                    "infer", demo_path, "--plate", "ZN47301", "--format", "csv", NULL), ==, 2);
  g_assert_cmpstr (format, ==, "sightline-cli: unknown format “csv” (expected table or json)\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_cmpint (argc, ==, 3);
  demo_path = argv[1];
  cli_path = argv[2];

  g_test_add_func ("/cli-infer/all", test_cli_infer_all);
  g_test_add_func ("/cli-infer/agency", test_cli_infer_agency);
  g_test_add_func ("/cli-infer/errors", test_cli_infer_errors);

  return g_test_run ();
}
