/* test-hostile-project.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "sl-project-private.h"
#include "sl-test-utils.h"

/* Project files that were damaged, or made by someone else to attack the
 * person who opens them: Sightline refuses them or opens them with clear
 * errors, never crashes, never changes a file it refuses, and never runs
 * SQL that came with the file. */

/* Runs @sql on a plain connection, as an attacker with the sqlite3 shell
 * would: triggers and views enabled. */
static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

/* Like g_file_set_contents() without the fsync(): these files are thrown
 * away, and hundreds of syncs make the test slow on a busy disk. */
static gboolean
write_file (const char  *path,
            const char  *contents,
            gssize       length,
            GError     **error)
{
  return g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, error);
}

/* A project with enough metadata rows to span many pages. */
static char *
make_project (const char *name,
              guint       n_rows)
{
  char *path = sl_test_temp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);

  g_assert_no_error (error);
  /* One transaction: a commit per row is slow under sanitizers. */
  g_assert_true (sl_project_begin (project, &error));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *key = g_strdup_printf ("key-%05u", i);
      g_autofree char *value = g_strdup_printf ("value %u of a project that will be damaged", i);

      g_assert_true (sl_project_set_meta (project, key, value, &error));
    }
  g_assert_true (sl_project_commit (project, &error));

  return path;
}

/* Opening @path must fail with @code and a message starting with @prefix,
 * and leave the file byte for byte as it was. */
static void
assert_refused (const char *path,
                int         code,
                const char *message)
{
  g_autofree char *before = sl_test_checksum_file (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_error (error, SL_PROJECT_ERROR, code);
  g_assert_null (project);
  g_assert_cmpstr (error->message, ==, message);

  after = sl_test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
}

/* What a damaged file gives: refused with @code, or opened (code -1) and
 * then reading and writing either work or fail as corrupt. Never a crash,
 * and a refused file is not changed. */
static int
try_damaged (const char *path)
{
  g_autofree char *before = sl_test_checksum_file (path);
  g_autofree char *after = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  if (project == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SL_PROJECT_ERROR);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      after = sl_test_checksum_file (path);
      g_assert_cmpstr (before, ==, after);
      g_test_message ("%s: refused: %s", path, error->message);
      return error->code;
    }

  value = sl_project_dup_meta (project, "key-00000");
  if (!sl_project_set_meta (project, "after-damage", "x", &error))
    {
      g_assert_true (error->domain == SL_PROJECT_ERROR);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_test_message ("%s: opened; write failed: %s", path, error->message);
    }
  else
    g_test_message ("%s: opened; write worked", path);

  return -1;
}

static void
test_truncated (void)
{
  g_autofree char *original = make_project ("original.sightline", 2000);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (original, &contents, &length, NULL));
  g_assert_cmpuint (length % 4096, ==, 0);
  g_assert_cmpuint (length, >, 16 * 4096);

  /* Cut at every kind of place: inside SQLite's 100-byte header, at a page
   * boundary, inside a page, one byte short. */
  const gsize sizes[] = { 0, 50, 100, 4096, length / 2 + 1000, length - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gsize size = sizes[i];
      g_autofree char *name = g_strdup_printf ("cut-%" G_GSIZE_FORMAT ".sightline", size);
      g_autofree char *path = sl_test_temp_path (name);
      g_autofree char *expected = NULL;
      int code;

      g_assert_true (write_file (path, contents, size, NULL));
      if (size == 0)
        {
          code = SL_PROJECT_ERROR_NOT_A_PROJECT;
          expected = g_strdup_printf ("“%s” is an empty database, not a Sightline project", path);
        }
      else if (size < 100)
        {
          code = SL_PROJECT_ERROR_CORRUPT;
          expected = g_strdup_printf ("“%s” is damaged or is not a Sightline project (database "
                                      "disk image is malformed); it was not opened and was not "
                                      "changed", path);
        }
      else
        {
          code = SL_PROJECT_ERROR_CORRUPT;
          expected = g_strdup_printf ("“%s” is truncated: it is %" G_GSIZE_FORMAT " bytes long "
                                      "but should be %" G_GSIZE_FORMAT "; it was not opened and "
                                      "was not changed", path, size, length);
        }
      assert_refused (path, code, expected);
    }
}

static void
test_corrupted_bytes (void)
{
  g_autofree char *original = make_project ("original.sightline", 2000);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20190301);
  guint n_refused = 0;

  g_assert_true (g_file_get_contents (original, &contents, &length, NULL));

  /* 40 damaged copies: 16 random bytes written at a random place, in the
   * first page (SQLite's header and the schema's root) for the first 10,
   * anywhere after it for the rest. Refused or opened, never a crash. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *damaged = g_memdup2 (contents, length);
      g_autofree char *name = g_strdup_printf ("corrupted-%03u.sightline", i);
      g_autofree char *path = sl_test_temp_path (name);
      gsize offset = i < 10 ? g_rand_int_range (rand, 0, 4096 - 16)
                            : g_rand_int_range (rand, 4096, length - 16);

      for (guint j = 0; j < 16; j++)
        damaged[offset + j] = g_rand_int_range (rand, 0, 256);
      g_assert_true (write_file (path, damaged, length, NULL));
      if (try_damaged (path) >= 0)
        n_refused++;
    }

  /* SQLite has no page checksums: damage inside stored values goes
   * unnoticed, damage to the structure is found when it is read. */
  g_test_message ("%u of 40 damaged copies refused", n_refused);

  /* A damaged header (an impossible page size) is refused outright. */
  {
    g_autofree char *damaged = g_memdup2 (contents, length);
    g_autofree char *path = sl_test_temp_path ("bad-page-size.sightline");
    g_autofree char *expected = NULL;

    damaged[16] = 0x00;
    damaged[17] = 0x03;
    g_assert_true (write_file (path, damaged, length, NULL));
    expected = g_strdup_printf ("“%s” is damaged or is not a Sightline project (file is not a "
                                "database); it was not opened and was not changed", path);
    assert_refused (path, SL_PROJECT_ERROR_NOT_A_PROJECT, expected);
  }
}

static void
test_not_sqlite (void)
{
  g_autofree char *csv = sl_test_temp_path ("reads.sightline");
  g_autofree char *noise = sl_test_temp_path ("noise.sightline");
  g_autofree char *fake = sl_test_temp_path ("fake-header.sightline");
  g_autofree char *expected = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);
  guint8 bytes[8192];

  g_assert_true (write_file (csv, "plate,read_at,lat,lon\nABC123,2019-03-01,41.1,-73.4\n"
                                      "and more text so the file is longer than a header\n", -1, NULL));
  expected = g_strdup_printf ("“%s” is damaged or is not a Sightline project (file is not a "
                              "database); it was not opened and was not changed", csv);
  assert_refused (csv, SL_PROJECT_ERROR_NOT_A_PROJECT, expected);

  /* Random bytes, then random bytes behind SQLite's magic string: refused
   * either way, whatever SQLite makes of them. */
  for (guint i = 0; i < 8; i++)
    {
      int code;

      for (guint j = 0; j < sizeof bytes; j++)
        bytes[j] = g_rand_int_range (rand, 0, 256);
      g_assert_true (write_file (noise, (const char *) bytes, sizeof bytes, NULL));
      code = try_damaged (noise);
      g_assert_true (code == SL_PROJECT_ERROR_NOT_A_PROJECT || code == SL_PROJECT_ERROR_CORRUPT);

      memcpy (bytes, "SQLite format 3", 16);
      g_assert_true (write_file (fake, (const char *) bytes, sizeof bytes, NULL));
      code = try_damaged (fake);
      g_assert_true (code == SL_PROJECT_ERROR_NOT_A_PROJECT || code == SL_PROJECT_ERROR_CORRUPT);
    }
}

static char *
unexpected_schema_message (const char *path,
                           const char *objects)
{
  return g_strdup_printf ("“%s” contains database objects that Sightline did not create (%s). "
                          "They could run commands when the project is changed, so it was not "
                          "opened; the file was not changed. If you added them yourself, remove "
                          "them with the sqlite3 shell.", path, objects);
}

static void
test_trigger_never_runs (void)
{
  g_autofree char *path = make_project ("trigger.sightline", 1);
  g_autofree char *expected = unexpected_schema_message (path, "trigger “steal”");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;

  /* A trigger that copies every metadata value somewhere else. */
  run_sql (path,
           "CREATE TABLE loot (value TEXT);"
           "CREATE TRIGGER steal AFTER INSERT ON project_meta "
           "BEGIN INSERT INTO loot VALUES (new.value); END;");

  /* It is real: a plain connection runs it. */
  run_sql (path, "INSERT INTO project_meta VALUES ('probe', 'x')");
  g_assert_cmpint (count_rows (path, "loot"), ==, 1);

  assert_refused (path, SL_PROJECT_ERROR_UNEXPECTED_SCHEMA, expected);

  project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_UNEXPECTED_SCHEMA);
  g_assert_null (project);

  /* Sightline did not run it: still the one row of the probe. */
  g_assert_cmpint (count_rows (path, "loot"), ==, 1);
}

static void
test_view_shadows_table (void)
{
  g_autofree char *path = make_project ("view.sightline", 1);
  g_autofree char *expected = unexpected_schema_message (path, "changed view “project_meta”");

  /* Sightline would read a forged project name from the view. */
  run_sql (path,
           "DROP TABLE project_meta;"
           "CREATE VIEW project_meta AS SELECT 'name' AS key, 'Forged' AS value;");
  assert_refused (path, SL_PROJECT_ERROR_UNEXPECTED_SCHEMA, expected);
}

static void
test_changed_definitions (void)
{
  g_autofree char *path = make_project ("changed.sightline", 1);
  g_autofree char *expected = NULL;

  /* A redefined table whose DEFAULT would run on Sightline's inserts, an
   * index whose expression would, and a virtual table (module code). */
  run_sql (path,
           "DROP TABLE project_meta;"
           "CREATE TABLE project_meta (key TEXT PRIMARY KEY NOT NULL,"
           "  value TEXT DEFAULT (hex (randomblob (16)))) STRICT;"
           "CREATE INDEX agencies_by_length ON agencies (length (name));"
           "CREATE VIRTUAL TABLE hidden USING rtree (id, x0, x1);");
  expected = unexpected_schema_message (path, "changed table “project_meta”, "
                                              "index “agencies_by_length”, table “hidden”");
  assert_refused (path, SL_PROJECT_ERROR_UNEXPECTED_SCHEMA, expected);
}

static void
test_newer_version_with_trigger (void)
{
  g_autofree char *path = make_project ("newer.sightline", 1);
  g_autofree char *expected = NULL;

  run_sql (path,
           "CREATE TABLE loot (value TEXT);"
           "CREATE TRIGGER steal AFTER INSERT ON project_meta "
           "BEGIN INSERT INTO loot VALUES (new.value); END;"
           "PRAGMA user_version = 999;");
  expected = g_strdup_printf ("“%s” was saved by a newer version of Sightline (project format "
                              "999; this version reads up to %u). Update Sightline to open it; "
                              "the file was not changed.",
                              path, sl_project_get_latest_schema_version ());
  assert_refused (path, SL_PROJECT_ERROR_TOO_NEW, expected);
  g_assert_cmpint (count_rows (path, "loot"), ==, 0);
}

/* Tables (and their indexes) a user adds with the sqlite3 shell for their
 * own analysis, and ANALYZE's statistics, are data, not commands. */
static void
test_user_additions_allowed (void)
{
  g_autofree char *path = make_project ("annotated.sightline", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autofree char *value = NULL;

  run_sql (path,
           "CREATE TABLE my_notes (plate TEXT, note TEXT);"
           "CREATE INDEX my_notes_by_plate ON my_notes (plate);"
           "INSERT INTO my_notes VALUES ('ABC123', 'seen twice'), ('XYZ9', NULL);"
           "ANALYZE;");

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_project_set_meta (project, "name", "Annotated", &error));
  g_assert_no_error (error);
  value = sl_project_dup_meta (project, "key-00000");
  g_assert_cmpstr (value, ==, "value 0 of a project that will be damaged");
  g_clear_object (&project);

  g_assert_cmpint (count_rows (path, "my_notes"), ==, 2);
}

/* Damage inside a page that opening never reads: the project opens, and
 * sl_project_quick_check() (run by the window on opening) finds it, with
 * a message that names the file. */
static void
test_quick_check_finds_damage (void)
{
  g_autofree char *path = make_project ("damaged-page.sightline", 3000);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  guint page;

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_project_wants_quick_check (project));
  g_assert_true (sl_project_quick_check (project, &error));
  g_assert_no_error (error);
  g_assert_true (sl_project_exec (project, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_clear_object (&project);

  page = sl_test_damage_page (path, "project_meta");
  g_test_message ("damaged page %u", page);
  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (sl_project_quick_check (project, &error));
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  expected = g_strdup_printf ("“%s” is damaged: SQLite’s check found Page %u: btreeInitPage() returns "
                              "error code 11. What still opens may be incomplete; work from a backup copy "
                              "if you have one", path, page);
  g_assert_cmpstr (error->message, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hostile-project/truncated", test_truncated);
  g_test_add_func ("/hostile-project/corrupted-bytes", test_corrupted_bytes);
  g_test_add_func ("/hostile-project/not-sqlite", test_not_sqlite);
  g_test_add_func ("/hostile-project/trigger-never-runs", test_trigger_never_runs);
  g_test_add_func ("/hostile-project/view-shadows-table", test_view_shadows_table);
  g_test_add_func ("/hostile-project/changed-definitions", test_changed_definitions);
  g_test_add_func ("/hostile-project/newer-version-with-trigger", test_newer_version_with_trigger);
  g_test_add_func ("/hostile-project/user-additions-allowed", test_user_additions_allowed);
  g_test_add_func ("/hostile-project/quick-check-finds-damage", test_quick_check_finds_damage);

  return g_test_run ();
}
