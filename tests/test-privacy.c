/* test-privacy.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem() */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-read-store.h"
#include "sl-test-utils.h"

/* A pseudonymised project is meant to be shared: no raw plate may be
 * anywhere in its bytes (tables, indexes, free pages, the write-ahead
 * log), and once the key is removed, no trace of the key either. */

static const char * const plates[] = {
  /* as in the file        normalised */
  "abc-1234",              "ABC1234",
  "7 XKL 229",             "7XKL229",
  "CT-889-QRZ",            "CT889QRZ",
  "wy 4410",               "WY4410",
};

/* Every file of the project: the database and any journal or log. */
static GBytes *
project_bytes (const char *path)
{
  const char * const suffixes[] = { "", "-wal", "-journal", "-shm" };
  GByteArray *all = g_byte_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (name, &contents, &length, NULL))
        g_byte_array_append (all, (const guint8 *) contents, length);
    }

  return g_byte_array_free_to_bytes (all);
}

static gboolean
bytes_contain (GBytes     *haystack,
               const char *needle)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (haystack, &size);

  return memmem (data, size, needle, strlen (needle)) != NULL;
}

static void
assert_no_plates (const char *path,
                  gboolean    project_open)
{
  g_autoptr(GBytes) bytes = project_bytes (path);

  for (guint i = 0; i < G_N_ELEMENTS (plates); i++)
    if (bytes_contain (bytes, plates[i]))
      g_error ("“%s” is in the bytes of %s (project %s)", plates[i], path,
               project_open ? "open" : "closed");
}

static void
test_pseudonymized_project_has_no_plates (void)
{
  g_autofree char *csv = sl_test_temp_path ("reads.csv");
  g_autofree char *path = sl_test_temp_path ("shared.sightline");
  g_autoptr(GString) text = g_string_new ("plate,read_at,latitude,longitude,camera\n");
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlReadImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const SlImportSummary *summary;

  /* Each plate read a few times, and once in a row that is skipped (bad
   * time, bad latitude): skipped rows are recorded with their raw value,
   * which must not be the plate. */
  for (guint i = 0; i < G_N_ELEMENTS (plates); i += 2)
    {
      for (guint j = 0; j < 3; j++)
        g_string_append_printf (text, "%s,2019-03-0%u 07:4%u:10,41.%u,-73.%u,CAM-%u\n",
                                plates[i], j + 1, i, i + j, j, i);
      g_string_append_printf (text, "%s,yesterday,41.1,-73.1,CAM-1\n", plates[i]);
      g_string_append_printf (text, "%s,2019-03-01 07:00,141.1,-73.1,CAM-1\n", plates[i]);
    }
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  importer = sl_read_importer_new (csv);
  sl_read_importer_set_owner_agency (importer, "Westport PD");
  sl_read_importer_set_pseudonymize (importer, TRUE);
  g_assert_true (sl_read_importer_run (importer, project, NULL, &error));
  g_assert_no_error (error);
  summary = sl_read_importer_get_summary (importer);
  g_assert_cmpuint (summary->rows_imported, ==, 12);
  g_assert_cmpuint (summary->rows_skipped, ==, 8);

  /* The plates went in: the file's rows are all accounted for, as
   * pseudonyms. */
  assert_no_plates (path, TRUE);

  /* The key is in the project until removed, and then nowhere. */
  key = sl_project_dup_meta (project, "pseudonym-key");
  g_assert_nonnull (key);
  g_assert_cmpuint (strlen (key), >=, 32);
  g_assert_true (sl_read_store_remove_pseudonym_key (project, &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  assert_no_plates (path, FALSE);
  {
    g_autoptr(GBytes) bytes = project_bytes (path);

    g_assert_false (bytes_contain (bytes, key));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/privacy/pseudonymized-project-has-no-plates",
                   test_pseudonymized_project_has_no_plates);

  return g_test_run ();
}
