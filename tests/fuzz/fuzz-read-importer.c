/* fuzz-read-importer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sl-project-private.h"
#include "sl-read-importer.h"

/* Input: one option byte, then the file to import into an empty project.
 *
 * byte 0, bit 0: day-first dates; bit 1: an owner agency for the whole
 *         file; bit 2: pseudonymise plates; bits 3–5: delimiter (0 and 5–7
 *         detect it; 1–4 , tab ; |); bits 6–7: time zone of naive times. */

static const char delimiters[] = { 0, ',', '\t', ';', '|', 0, 0, 0 };
static const char * const zone_names[] = {
  "UTC", "America/New_York", "Pacific/Chatham", "Australia/Lord_Howe",
};

static gint64
count (SlProject  *project,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) == SQLITE_OK);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlReadImporter) importer = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *path;
  guint8 options;

  if (size < 1)
    return 0;
  options = data[0];
  path = sl_fuzz_write_input (data + 1, size - 1, "reads.csv");

  importer = sl_read_importer_new (path);
  sl_read_importer_set_day_first (importer, options & 0x1);
  if (options & 0x2)
    sl_read_importer_set_owner_agency (importer, "Fuzz County Sheriff");
  sl_read_importer_set_pseudonymize (importer, options & 0x4);
  if (delimiters[(options >> 3) & 0x7] != 0)
    sl_read_importer_set_delimiter (importer, delimiters[(options >> 3) & 0x7]);
  zone = g_time_zone_new_identifier (zone_names[options >> 6]);
  g_assert (zone != NULL);
  sl_read_importer_set_time_zone (importer, zone);

  /* The assistant's preview: every row parsed as the import would. */
  if (sl_read_importer_prepare (importer, NULL, &error))
    {
      for (guint i = 0; i < sl_read_importer_get_n_preview_rows (importer); i++)
        {
          SlParsedRead read = { 0, };
          g_autoptr(GError) row_error = NULL;

          g_assert (sl_read_importer_get_preview_row (importer, i) != NULL);
          if (sl_read_importer_parse_preview_row (importer, i, &read, &row_error))
            g_assert (read.plate != NULL);
          else
            g_assert (row_error != NULL);
          sl_parsed_read_clear (&read);
        }
    }
  g_clear_error (&error);

  project = sl_fuzz_fresh_project ();
  before = sl_fuzz_project_fingerprint (project);

  if (sl_read_importer_run (importer, project, NULL, &error))
    {
      const SlImportSummary *summary = sl_read_importer_get_summary (importer);

      g_assert (summary->rows_imported + summary->rows_skipped + summary->rows_duplicate ==
                summary->rows_read);
      g_assert (count (project, "SELECT count(*) FROM reads") == (gint64) summary->rows_imported);
      g_assert (count (project, "SELECT count(*) FROM datasets") == 1);
      /* Stored coordinates are coordinates. */
      g_assert (count (project, "SELECT count(*) FROM reads WHERE NOT (latitude BETWEEN -90 AND 90 "
                                "AND longitude BETWEEN -180 AND 180)") == 0);
    }
  else
    {
      /* One transaction: a failed import leaves nothing behind. */
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      after = sl_fuzz_project_fingerprint (project);
      g_assert_cmpstr (before, ==, after);
    }

  return 0;
}
