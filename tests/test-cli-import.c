/* test-cli-import.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-test-utils.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

/* The sightline-cli under test: the first argument after the options. */
static const char *cli_path;

static void
test_cli_import_and_info (void)
{
  g_autofree char *project = sl_test_temp_path ("cli.sightline");
  g_autofree char *csv = sl_test_temp_path ("reads.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *info;

  g_assert_true (g_file_set_contents (csv,
    "plate,read_at,latitude,longitude,camera,agency\n"
    "ABC123,2019-03-01T07:42:10Z,41.1177,-73.4082,CAM-1,Norwalk PD\n"
    "ABC123,2019-03-01T07:42:10Z,41.1177,-73.4082,CAM-1,Norwalk PD\n"
    "XYZ9,2019-03-02T09:15:00Z,41.1415,-73.3579,CAM-7,Westport PD\n"
    "Q1,not a time,41.1,-73.1,CAM-7,Westport PD\n", -1, NULL));

  /* The project does not exist yet: import-reads creates it. */
  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "import-reads", project, csv, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  expected = g_strdup_printf ("Imported %s into %s (dataset 1)\n"
                              "  rows read:          4\n"
                              "  imported:           2\n"
                              "  skipped:            1\n"
                              "    invalid-time           1\n"
                              "  duplicates dropped: 1\n"
                              "  time:               ", csv, project);
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_null (strchr (out, '\r'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "info", project, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  info = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (info, "reads"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (info, "plates"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (info, "agencies"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (info, "cameras"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (info, "datasets"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (info, "first_read"), ==, "2019-03-01T07:42:10Z");
  g_assert_cmpstr (json_object_get_string_member (info, "last_read"), ==, "2019-03-02T09:15:00Z");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same file again: refused with its own status, unless --yes. */
  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "import-reads", project, csv, NULL), ==, 3);
  g_assert_true (g_str_has_prefix (err, "sightline-cli: "));
  g_assert_nonnull (strstr (err, "was already imported on "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "import-reads", project, csv, "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  duplicates dropped: 3\n"));
}

static void
test_cli_options (void)
{
  g_autofree char *project = sl_test_temp_path ("options.sightline");
  g_autofree char *csv = sl_test_temp_path ("export.txt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (csv,
    "Tag|Seen|A|B\n"
    "AB-1|03/10/2019 02:30|41.5|-73.1\n", -1, NULL));

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "import-reads", project, csv, "--map", "timestamp=Seen",
                            "--map", "latitude=A", "--map", "longitude=4", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "The file has no agency column"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "import-reads", project, csv, "--map", "timestamp=Seen",
                            "--map", "latitude=A", "--map", "longitude=4", "--delimiter", "|",
                            "--timezone", "America/New_York", "--agency", "Norwalk PD", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  imported:           1\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err,
                                    "import-reads", project, csv, "--timezone", "Mars/Olympus", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "sightline-cli: Unknown time zone “Mars/Olympus” (use an IANA name such as America/New_York)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err,
                                    "import-reads", project, csv, "--delimiter", "x", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "sightline-cli: --delimiter must be one of , ; | tab (got “x”)\n");
}

static void
test_cli_fatal_errors (void)
{
  g_autofree char *project = sl_test_temp_path ("fatal.sightline");
  g_autofree char *csv = sl_test_temp_path ("broken.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (csv,
    "plate,read_at,lat,lon\n"
    "A1,2019-03-01 10:00,41.1,-73.1\n"
    "A2,2019-03-01 10:00,41.1,\"-73.1\n", -1, NULL));

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err,
                                    "import-reads", project, csv, "--agency", "Norwalk PD", NULL), ==, 1);
  expected = g_strdup_printf ("sightline-cli: %s: line 3, field 4 (“lon”): quoted field is never closed\n", csv);
  g_assert_cmpstr (err, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Good rows, but no agency column and no --agency. */
  g_assert_true (g_file_set_contents (csv, "plate,read_at,lat,lon\nA1,2019-03-01 10:00,41.1,-73.1\n", -1, NULL));
  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "import-reads", project, csv, NULL), ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("sightline-cli: %s: The file has no agency column; name the agency "
                              "that owns these reads (--agency NAME)\n", csv);
  g_assert_cmpstr (err, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A project from a newer Sightline is refused and left as it is. */
  g_assert_cmpint (sqlite3_open (project, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (project, &before, NULL, NULL));
  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "info", project, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "was saved by a newer version of Sightline (project format 999"));
  g_assert_true (g_file_get_contents (project, &after, NULL, NULL));
  g_assert_true (g_strcmp0 (before, after) == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];

  g_test_add_func ("/cli/import-and-info", test_cli_import_and_info);
  g_test_add_func ("/cli/options", test_cli_options);
  g_test_add_func ("/cli/fatal-errors", test_cli_fatal_errors);

  return g_test_run ();
}
