/* test-share-copy.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem() */
#define _GNU_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-share-copy.h"
#include "sl-test-utils.h"

/* A copy for sharing (docs/privacy.md) holds none of: the folder the reads
 * came from, the pseudonym key, data deleted from the project. Checked on
 * the bytes of the file, with the original as the control that the scan
 * finds them when they are there. */

/* The sightline-cli under test: the first argument after the options. */
static const char *cli_path;

#define DELETED_SECRET "deleted note: source is R. Alvarez, 203-555-0147"

static gboolean
file_contains (const char   *path,
               const void   *needle,
               gsize         length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  return memmem (contents, size, needle, length) != NULL;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A project with one pseudonymised dataset imported from a telling
 * folder, and a deleted table of the user's in its free pages. Returns
 * the project's path; @folder and @key get what must not leak. */
static char *
make_project (char **folder,
              char **key)
{
  g_autofree char *csv = NULL;
  char *path = sl_test_temp_path ("story.sightline");
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlReadImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  *folder = sl_test_temp_path ("Sources — Alvarez leak");
  g_assert_cmpint (g_mkdir_with_parents (*folder, 0700), ==, 0);
  csv = g_build_filename (*folder, "reads.csv", NULL);
  g_assert_true (g_file_set_contents (csv,
                                      "plate,read_at,latitude,longitude,camera\n"
                                      "ABC1234,2019-03-01 07:42:10,41.30,-72.92,CAM-1\n"
                                      "ABC1234,2019-03-02 07:40:00,41.31,-72.93,CAM-2\n"
                                      "XYZ9876,2019-03-02 08:00:00,41.32,-72.94,CAM-1\n",
                                      -1, NULL));

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  importer = sl_read_importer_new (csv);
  sl_read_importer_set_owner_agency (importer, "New Haven PD");
  sl_read_importer_set_pseudonymize (importer, TRUE);
  g_assert_true (sl_read_importer_run (importer, project, NULL, &error));
  g_assert_no_error (error);
  *key = sl_project_dup_meta (project, "pseudonym-key");
  g_assert_nonnull (*key);
  g_clear_object (&project);

  /* The user's own notes table, dropped: its pages are free, not erased
   * (Debian builds SQLite with secure_delete on; SQLite's default, and
   * other tools', is off). */
  exec_sql (path, "PRAGMA journal_mode = DELETE; PRAGMA secure_delete = OFF;"
                  "CREATE TABLE notes (text TEXT);"
                  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
                  "INSERT INTO notes SELECT '" DELETED_SECRET "' FROM n;"
                  "DROP TABLE notes;");
  return path;
}

/* The key as the HMAC uses it: 32 bytes from its hex. */
static void
key_bytes (const char *hex,
           guint8      out[32])
{
  g_assert_cmpuint (strlen (hex), ==, 64);
  for (guint i = 0; i < 32; i++)
    out[i] = g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]);
}

static void
assert_scrubbed (const char *original,
                 const char *copy,
                 const char *folder,
                 const char *key)
{
  g_autofree char *folder_name = g_path_get_basename (folder);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  guint8 raw_key[32];
  const char *needles[] = { folder, folder_name, key, DELETED_SECRET };

  key_bytes (key, raw_key);
  /* The control: the scan finds each in the original. */
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_test_message ("looking for “%s”", needles[i]);
      g_assert_true (file_contains (original, needles[i], strlen (needles[i])));
      g_assert_false (file_contains (copy, needles[i], strlen (needles[i])));
    }
  g_assert_false (file_contains (copy, raw_key, sizeof raw_key));
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* And it is a whole project: the reads, the file name, no key. */
  project = sl_project_open (copy, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, 3);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM datasets WHERE file_path = 'reads.csv' "
                                               "AND file_name = 'reads.csv'"), ==, 1);
  g_assert_cmpint (sl_test_query_int (project, "PRAGMA freelist_count"), ==, 0);
  g_assert_null (sl_project_dup_meta (project, "pseudonym-key"));
  {
    g_autofree char *removed = sl_project_dup_meta (project, "pseudonym-key-removed");

    g_assert_cmpstr (removed, ==, "1");
  }
}

static void
test_share_copy_api (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *key = NULL;
  g_autofree char *original = make_project (&folder, &key);
  g_autofree char *copy = sl_test_temp_path ("story (shared).sightline");
  g_autofree char *checksum = sl_test_checksum_file (original);
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  SlShareCopyReport report;
  gint64 free_pages;

  {
    g_autoptr(SlProject) project = sl_project_open (original, SL_PROJECT_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    free_pages = sl_test_query_int (project, "PRAGMA freelist_count");
    g_assert_cmpint (free_pages, >, 0);
  }
  g_free (checksum);
  checksum = sl_test_checksum_file (original);

  g_assert_true (sl_share_copy_write (original, copy, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_paths_removed, ==, 1);
  g_assert_true (report.key_removed);
  g_assert_cmpuint (report.n_raw_plate_datasets, ==, 0);
  g_assert_cmpint (report.n_free_pages, ==, free_pages);
  assert_scrubbed (original, copy, folder, key);
  /* The project itself is only read. */
  {
    g_autofree char *after = sl_test_checksum_file (original);

    g_assert_cmpstr (after, ==, checksum);
  }
  text = sl_share_copy_report_to_text (&report);
  message = g_strdup_printf ("Removed the folder of 1 imported file (its name is kept).\n"
                             "Removed the pseudonym key: the pseudonymised plates can no longer be tested.\n"
                             "Left out %lld free pages (deleted data SQLite keeps).\n"
                             "Still in the copy: every read’s time and place, under pseudonyms.\n",
                             (long long) free_pages);
  g_assert_cmpstr (text, ==, message);

  /* No temporary file is left beside it. */
  {
    g_autofree char *copy_dir = g_path_get_dirname (copy);

    dir = g_dir_open (copy_dir, 0, NULL);
  }
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    g_assert_false (g_str_has_prefix (name, ".sightline-copy-"));

  /* An existing file is refused unless the caller asked (a file chooser
   * confirmed); the project itself always. */
  g_assert_false (sl_share_copy_write (original, copy, FALSE, &report, &error));
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("“%s” already exists", copy);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_assert_false (sl_share_copy_write (original, original, TRUE, &report, &error));
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("“%s” is the project itself; choose another file for the copy", original);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_assert_true (sl_share_copy_write (original, copy, TRUE, &report, &error));
  g_assert_no_error (error);
  assert_scrubbed (original, copy, folder, key);

  /* A copy of a copy has nothing more to remove. */
  {
    g_autofree char *again = sl_test_temp_path ("again.sightline");

    g_assert_true (sl_share_copy_write (copy, again, FALSE, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report.n_paths_removed, ==, 0);
    g_assert_false (report.key_removed);
    g_assert_cmpint (report.n_free_pages, ==, 0);
  }
}

static void
test_share_copy_cli (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *key = NULL;
  g_autofree char *original = make_project (&folder, &key);
  g_autofree char *copy = sl_test_temp_path ("cli copy.sightline");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "prepare-for-sharing", original, NULL), ==, 2);
  g_assert_cmpstr (err, ==, "sightline-cli: prepare-for-sharing needs --output FILE\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "prepare-for-sharing", original,
                                    "--output", copy, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Wrote "));
  g_assert_nonnull (strstr (out, "\nRemoved the folder of 1 imported file (its name is kept).\n"
                                 "Removed the pseudonym key: the pseudonymised plates can no longer be tested.\n"));
  assert_scrubbed (original, copy, folder, key);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Never over an existing file. */
  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "prepare-for-sharing", original,
                                    "--output", copy, NULL), ==, 1);
  expected = g_strdup_printf ("sightline-cli: “%s” already exists\n", copy);
  g_assert_cmpstr (err, ==, expected);
}

/* sightline-cli check: the same quick check the window runs on opening,
 * on request. */
static void
test_cli_check (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = make_project (&folder, &key);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  guint page;

  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "check", path, NULL), ==, 0);
  expected = g_strdup_printf ("%s: no damage found\n", path);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  page = sl_test_damage_page (path, "reads");
  g_assert_cmpint (sl_test_run_cli (cli_path, &out, &err, "check", path, NULL), ==, 1);
  expected = g_strdup_printf ("sightline-cli: “%s” is damaged: SQLite’s check found Page %u: btreeInitPage() "
                              "returns error code 11. What still opens may be incomplete; work from a backup "
                              "copy if you have one\n", path, page);
  g_assert_cmpstr (err, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];

  g_test_add_func ("/share-copy/api", test_share_copy_api);
  g_test_add_func ("/share-copy/cli", test_share_copy_cli);
  g_test_add_func ("/cli/check", test_cli_check);

  return g_test_run ();
}
