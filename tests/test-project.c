/* test-project.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sl-project.h"
#include "sl-test-utils.h"

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_project_create_and_reopen (void)
{
  g_autofree char *path = sl_test_temp_path ("new.sightline");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autofree char *value = NULL;

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_NOT_FOUND);
  g_assert_null (project);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_project_get_schema_version (project), ==,
                    sl_project_get_latest_schema_version ());
  g_assert_cmpuint (sl_project_get_latest_schema_version (), >=, 1);
  g_assert_true (sl_project_set_meta (project, "name", "Test", &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (sl_project_is_read_only (project));
  value = sl_project_dup_meta (project, "name");
  g_assert_cmpstr (value, ==, "Test");
  g_assert_null (sl_project_dup_meta (project, "missing"));
}

static void
test_project_refuses_newer_version (void)
{
  g_autofree char *path = sl_test_temp_path ("newer.sightline");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  run_sql (path, "PRAGMA user_version = 999");
  before = sl_test_checksum_file (path);

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_TOO_NEW);
  g_assert_null (project);
  g_assert_nonnull (strstr (error->message, "newer version of Sightline"));
  g_assert_nonnull (strstr (error->message, "999"));

  after = sl_test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_project_refuses_foreign_files (void)
{
  g_autofree char *text_path = sl_test_temp_path ("notes.sightline");
  g_autofree char *sqlite_path = sl_test_temp_path ("other.db");
  g_autofree char *empty_path = sl_test_temp_path ("empty.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;

  g_assert_true (g_file_set_contents (text_path, "plate,time\nABC123,2019-03-01\n", -1, NULL));
  project = sl_project_open (text_path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_NOT_A_PROJECT);
  g_assert_null (project);
  g_clear_error (&error);

  run_sql (sqlite_path, "CREATE TABLE t (x INTEGER)");
  before = sl_test_checksum_file (sqlite_path);
  project = sl_project_open (sqlite_path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_NOT_A_PROJECT);
  g_assert_nonnull (strstr (error->message, "not a Sightline project"));
  after = sl_test_checksum_file (sqlite_path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* An existing empty file is only turned into a project when asked to. */
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  project = sl_project_open (empty_path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);
  project = sl_project_open (empty_path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
}

static void
test_project_name (void)
{
  g_autofree char *path = sl_test_temp_path ("Westport 2019.sightline");
  g_autofree char *bare_path = sl_test_temp_path ("plain");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlProject) bare = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *from_meta = NULL;
  g_autofree char *bare_name = NULL;

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  from_file = sl_project_dup_name (project);
  g_assert_cmpstr (from_file, ==, "Westport 2019");

  g_assert_true (sl_project_set_meta (project, "name", "Westport PD reads", &error));
  g_assert_no_error (error);
  from_meta = sl_project_dup_name (project);
  g_assert_cmpstr (from_meta, ==, "Westport PD reads");

  bare = sl_project_open (bare_path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  bare_name = sl_project_dup_name (bare);
  g_assert_cmpstr (bare_name, ==, "plain");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/project/create-and-reopen", test_project_create_and_reopen);
  g_test_add_func ("/project/refuses-newer-version", test_project_refuses_newer_version);
  g_test_add_func ("/project/refuses-foreign-files", test_project_refuses_foreign_files);

  g_test_add_func ("/project/name", test_project_name);

  return g_test_run ();
}
