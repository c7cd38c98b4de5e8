/* test-read-importer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-csv-reader.h"
#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-read-store.h"
#include "sl-test-utils.h"

/* The rows of a query as "a|b|c\n" lines. */
static char *
query_rows (SlProject  *project,
            const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  const char  *agency;
  const char  *zone;
  const char **maps;
  gboolean     pseudonymize;
  gboolean     allow_reimport;
} Options;

static gboolean
import_file (SlProject        *project,
             const char       *path,
             const Options    *options,
             SlImportSummary  *out_summary,
             GError          **error)
{
  g_autoptr(SlReadImporter) importer = sl_read_importer_new (path);
  const char *zone_id = (options != NULL && options->zone != NULL) ? options->zone : "UTC";
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  const SlImportSummary *summary;

  sl_read_importer_set_time_zone (importer, zone);
  if (options != NULL)
    {
      sl_read_importer_set_owner_agency (importer, options->agency);
      sl_read_importer_set_pseudonymize (importer, options->pseudonymize);
      sl_read_importer_set_allow_reimport (importer, options->allow_reimport);
    }

  if (!sl_read_importer_prepare (importer, NULL, error))
    return FALSE;

  for (guint i = 0; options != NULL && options->maps != NULL && options->maps[i] != NULL; i++)
    g_assert_true (sl_column_mapping_apply_override (sl_read_importer_get_mapping (importer),
                                                     options->maps[i], NULL));

  if (!sl_read_importer_run (importer, project, NULL, error))
    return FALSE;

  summary = sl_read_importer_get_summary (importer);
  if (out_summary != NULL)
    {
      *out_summary = *summary;
      out_summary->skipped_by_reason = NULL;
    }

  return TRUE;
}

static char *
describe_reasons (SlReadImporter *importer)
{
  const SlImportSummary *summary = sl_read_importer_get_summary (importer);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < summary->skipped_by_reason->len; i++)
    {
      SlImportReasonCount *count = &g_array_index (summary->skipped_by_reason, SlImportReasonCount, i);

      g_string_append_printf (out, "%s%s=%" G_GUINT64_FORMAT, i > 0 ? "," : "", count->reason, count->count);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_import_generator_format (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("gen.sightline");
  g_autofree char *csv = sl_test_write_temp_file ("reads.csv",
    "plate,read_at,latitude,longitude,camera,agency\n"
    "abc-123,2019-03-01T07:42:10Z,41.1177,-73.4082,CAM-1,Norwalk PD\n"
    "ABC 123,2019-03-01T08:00:00Z,41.1415,-73.3579,CAM-7,Westport Police Department\n"
    "XYZ9,2019-03-02T09:15:00Z,41.1177,-73.4082,CAM-1,NORWALK POLICE DEPT.\n"
    "abc123,2019-02-28T23:59:59Z,41.1177,-73.4082,CAM-2,Norwalk PD\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reads = NULL;
  g_autofree char *datasets = NULL;
  SlImportSummary summary;
  SlReadStoreSummary store;
  gint64 plate;

  g_assert_true (import_file (project, csv, NULL, &summary, &error));
  g_assert_no_error (error);
  /* Every statement of the import was finalized, and settings restored. */
  g_assert_null (sqlite3_next_stmt (sl_project_get_db (project), NULL));
  g_assert_cmpint (sl_test_query_int (project, "PRAGMA foreign_keys"), ==, 1);
  {
    g_autofree char *mode = query_rows (project, "PRAGMA journal_mode");

    g_assert_cmpstr (mode, ==, "wal\n");
  }
  g_assert_cmpuint (summary.rows_read, ==, 4);
  g_assert_cmpuint (summary.rows_imported, ==, 4);
  g_assert_cmpuint (summary.rows_skipped, ==, 0);
  g_assert_cmpuint (summary.rows_duplicate, ==, 0);

  g_assert_true (sl_read_store_get_summary (project, &store, &error));
  g_assert_cmpint (store.reads, ==, 4);
  g_assert_cmpint (store.plates, ==, 2);
  g_assert_cmpint (store.agencies, ==, 2);
  g_assert_cmpint (store.cameras, ==, 3);
  g_assert_cmpint (store.datasets, ==, 1);
  g_assert_true (store.has_reads);
  g_assert_cmpint (store.first_read, ==, 1551398399);
  g_assert_cmpint (store.last_read, ==, 1551518100);

  datasets = query_rows (project,
                         "SELECT file_name, size_bytes, delimiter, time_zone, owner_agency_id, pseudonymized, "
                         "rows_read, rows_imported, rows_skipped, rows_duplicate, column_mapping, "
                         "sha256 = '0000000000000000000000000000000000000000000000000000000000000000' "
                         "FROM datasets");
  g_assert_cmpstr (datasets, ==,
                   "reads.csv|321|,|UTC|NULL|0|4|4|0|0|{\"roles\":{\"plate\":\"plate\",\"timestamp\":\"read_at\","
                   "\"latitude\":\"latitude\",\"longitude\":\"longitude\",\"camera\":\"camera\",\"agency\":\"agency\"},"
                   "\"plate_is_hash\":false,\"time_format\":\"ymd\"}|0\n");

  /* "abc-123", "ABC 123" and "abc123" are one plate; its reads in time order. */
  plate = sl_read_store_lookup_plate (project, "Abc 123", &error);
  g_assert_no_error (error);
  g_assert_cmpint (plate, >, 0);
  reads = sl_read_store_load_plate_reads (project, plate, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reads->len, ==, 3);
  g_assert_cmpint (g_array_index (reads, SlRead, 0).time, ==, 1551398399);
  g_assert_cmpint (g_array_index (reads, SlRead, 1).time, ==, 1551426130);
  g_assert_cmpint (g_array_index (reads, SlRead, 2).time, ==, 1551427200);
  g_assert_cmpfloat (g_array_index (reads, SlRead, 2).latitude, ==, 41.1415);
  g_assert_cmpfloat (g_array_index (reads, SlRead, 2).longitude, ==, -73.3579);
  g_assert_cmpint (g_array_index (reads, SlRead, 1).agency_id, ==, g_array_index (reads, SlRead, 0).agency_id);
  g_assert_cmpint (g_array_index (reads, SlRead, 2).agency_id, !=, g_array_index (reads, SlRead, 0).agency_id);
  g_assert_cmpint (sl_read_store_lookup_plate (project, "NOPE", &error), ==, 0);

  /* The grid cell is what docs/project-format.md says. */
  g_assert_cmpint (sl_test_query_int (project,
                                      "SELECT count(*) FROM reads WHERE cell = "
                                      "CAST((latitude + 90) * 100 AS INTEGER) * 36000 + "
                                      "CAST((longitude + 180) * 100 AS INTEGER)"), ==, 4);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                       "AND name IN ('reads_by_plate_time', 'reads_by_agency_time', "
                                       "'reads_by_cell_time', 'plates_by_plate')"), ==, 4);
}

/* Each delimiter with a different timestamp form and time zone. */
static void
test_import_delimiters_and_times (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("forms.sightline");
  g_autofree char *semicolon = sl_test_write_temp_file ("semicolon.csv",
    "Plate Number;Date Time;Lat;Lng;Device\n"
    "A1;03/10/2019 - 1:59:59 AM;41,5;-73,1;D1\n");
  g_autofree char *tab = sl_test_write_temp_file ("tab.tsv",
    "tag\ttimestamp\ty\tx\n"
    "A2\t1552201200000\t41.5\t-73.1\n");
  g_autofree char *pipe = sl_test_write_temp_file ("pipe.txt",
    "LPN|Date|Time|GPS Lat|GPS Lon\n"
    "A3|2019-03-10|2:30 AM|41.5|-73.1\n");
  g_autofree char *comma = sl_test_write_temp_file ("comma.csv",
    "license_plate,captured_at,latitude,longitude\n"
    "A4,\"11/03/2019 01:30:00\",41.5,-73.1\n");
  Options options = { .agency = "Norwalk PD", .zone = "America/New_York" };
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  /* A decimal comma is not a number here: the semicolon file's row is
   * skipped for its latitude, which proves the file was split on ';'. */
  g_assert_false (import_file (project, semicolon, &options, NULL, &error));
  g_assert_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_NOTHING_IMPORTED);
  g_assert_cmpstr (strstr (error->message, "none of"), ==,
                   "none of the 1 rows could be imported; the first problem is at line 2, "
                   "field “Lat”: “41,5” is not a latitude");
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (semicolon,
                                      "Plate Number;Date Time;Lat;Lng;Device\n"
                                      "A1;03/10/2019 - 1:59:59 AM;41.5;-73.1;D1\n", -1, NULL));

  g_assert_true (import_file (project, semicolon, &options, NULL, &error));
  g_assert_true (import_file (project, tab, &options, NULL, &error));
  g_assert_true (import_file (project, pipe, &options, NULL, &error));
  g_assert_true (import_file (project, comma, &options, NULL, &error));
  g_assert_no_error (error);

  rows = query_rows (project,
                     "SELECT p.plate, r.time, d.delimiter = char(9), d.delimiter, "
                     "json_extract (d.column_mapping, '$.time_format') "
                     "FROM reads r JOIN plates p ON p.id = r.plate_id "
                     "JOIN datasets d ON d.id = r.dataset_id ORDER BY p.plate");
  /* 01:59:59 EST; 03:00 EDT from epoch ms; 02:30 in the spring gap reads
   * as 02:30 EST; 01:30 in the fall overlap is the earlier, EDT. */
  g_assert_cmpstr (rows, ==,
                   "A1|1552201199|0|;|mdy\n"
                   "A2|1552201200|1|\t|epoch-milliseconds\n"
                   "A3|1552203000|0|||ymd\n"
                   "A4|1572759000|0|,|mdy\n");
}

static void
test_import_skipped_rows (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("skips.sightline");
  g_autofree char *csv = sl_test_write_temp_file ("skips.csv",
    "plate,read_at,lat,lon,agency,note\n"                         /* 1 */
    "GOOD1,2019-03-01 10:00:00,41.1,-73.1,Norwalk PD,\"two\n"     /* 2 */
    "lines\"\n"                                                   /* 3 */
    " - ,2019-03-01 10:00:00,41.1,-73.1,Norwalk PD,x\n"           /* 4 */
    "BAD2,yesterday,41.1,-73.1,Norwalk PD,x\n"                    /* 5 */
    "BAD3,2019-02-30 10:00:00,41.1,-73.1,Norwalk PD,x\n"          /* 6 */
    "BAD4,2019-03-01 10:00:00,north,-73.1,Norwalk PD,x\n"         /* 7 */
    "BAD5,2019-03-01 10:00:00,91,-73.1,Norwalk PD,x\n"            /* 8 */
    "BAD6,2019-03-01 10:00:00,41.1,,Norwalk PD,x\n"               /* 9 */
    "BAD7,2019-03-01 10:00:00,41.1,-181,Norwalk PD,x\n"           /* 10 */
    "BAD8,2019-03-01 10:00:00,0,0,Norwalk PD,x\n"                 /* 11 */
    "BAD9,2019-03-01 10:00:00,41.1,-73.1,,x\n"                    /* 12 */
    "BAD10,2019-03-01 10:00:00,41.1,-73.1,###,x\n"                /* 13 */
    "BAD11,2019-03-01 10:00:00\n"                                 /* 14 */
    "BAD\xff" "12,2019-03-01 10:00:00,41.1,-73.1,Norwalk PD,x\n"  /* 15 */
    "\n"                                                          /* 16 */
    "GOOD2,2019-03-01 11:00:00,41.1,-73.1,Norwalk PD,\xff\n");    /* 17 */
  g_autoptr(SlReadImporter) importer = sl_read_importer_new (csv);
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *report_path = sl_test_temp_path ("problems.csv");
  g_autofree char *report = NULL;
  const SlImportSummary *summary;

  sl_read_importer_set_time_zone (importer, zone);
  g_assert_true (sl_read_importer_run (importer, project, NULL, &error));
  g_assert_no_error (error);

  summary = sl_read_importer_get_summary (importer);
  g_assert_cmpuint (summary->rows_read, ==, 14);
  g_assert_cmpuint (summary->rows_imported, ==, 2);
  g_assert_cmpuint (summary->rows_skipped, ==, 12);
  reasons = describe_reasons (importer);
  g_assert_cmpstr (reasons, ==,
                   "empty-agency=1,empty-plate=1,invalid-agency=1,invalid-latitude=1,invalid-longitude=1,"
                   "invalid-time=1,invalid-utf8=1,latitude-out-of-range=1,longitude-out-of-range=1,"
                   "missing-field=1,no-location=1,time-out-of-range=1");

  problems = query_rows (project, "SELECT line, field, reason, raw_value FROM import_problems ORDER BY line");
  g_assert_cmpstr (problems, ==,
                   "4|plate|empty-plate| - \n"
                   "5|read_at|invalid-time|yesterday\n"
                   "6|read_at|time-out-of-range|2019-02-30 10:00:00\n"
                   "7|lat|invalid-latitude|north\n"
                   "8|lat|latitude-out-of-range|91\n"
                   "9|lon|invalid-longitude|\n"
                   "10|lon|longitude-out-of-range|-181\n"
                   "11|lat|no-location|0\n"
                   "12|agency|empty-agency|\n"
                   "13|agency|invalid-agency|###\n"
                   "14|lat|missing-field|NULL\n"
                   "15|plate|invalid-utf8|BAD\xef\xbf\xbd" "12\n");

  g_assert_cmpint (sl_test_query_int (project, "SELECT rows_skipped FROM datasets"), ==, 12);

  g_assert_true (sl_import_problems_export_csv (project, summary->dataset_id, report_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (report_path, &report, NULL, NULL));
  g_assert_true (g_str_has_prefix (report,
                                   "line,field,reason,message,value\r\n"
                                   "4,plate,empty-plate,the plate is empty, - \r\n"
                                   "5,read_at,invalid-time,“yesterday” is not a date and time in the column’s format,yesterday\r\n"));
  g_assert_true (strstr (report, "\r\n14,lat,missing-field,the record has 2 fields; this one would be field 3,\r\n") != NULL);
}

static void
test_import_duplicates (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("dups.sightline");
  g_autofree char *first = sl_test_write_temp_file ("first.csv",
    "plate,read_at,lat,lon\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1\n"     /* same read twice in one file */
    "a-1,2019-03-01 10:00:00,41.1,-73.1\n"    /* same plate, normalised */
    "A1,2019-03-01 10:00:00,41.2,-73.1\n"     /* another place: kept */
    "A1,2019-03-01 10:00:01,41.1,-73.1\n");   /* another time: kept */
  g_autofree char *second = sl_test_write_temp_file ("second.csv",
    "plate,read_at,lat,lon\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1\n"     /* already stored */
    "B2,2019-03-01 10:00:00,41.1,-73.1\n");
  Options norwalk = { .agency = "Norwalk PD" };
  Options westport = { .agency = "Westport PD" };
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  SlImportSummary summary;

  g_assert_true (import_file (project, first, &norwalk, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.rows_read, ==, 5);
  g_assert_cmpuint (summary.rows_imported, ==, 3);
  g_assert_cmpuint (summary.rows_duplicate, ==, 2);

  g_assert_true (import_file (project, second, &norwalk, &summary, &error));
  g_assert_cmpuint (summary.rows_imported, ==, 1);
  g_assert_cmpuint (summary.rows_duplicate, ==, 1);

  /* The same read owned by another agency is another read. */
  g_assert_true (g_file_set_contents (second, "plate,read_at,lat,lon\nA1,2019-03-01 10:00:00,41.1,-73.1\n", -1, NULL));
  g_assert_true (import_file (project, second, &westport, &summary, &error));
  g_assert_cmpuint (summary.rows_imported, ==, 1);
  g_assert_cmpuint (summary.rows_duplicate, ==, 0);

  rows = query_rows (project, "SELECT dataset_id, rows_read, rows_imported, rows_duplicate FROM datasets "
                              "JOIN (SELECT dataset_id, count(*) n FROM reads GROUP BY dataset_id) c "
                              "ON c.dataset_id = datasets.id WHERE n = rows_imported ORDER BY dataset_id");
  g_assert_cmpstr (rows, ==, "1|5|3|2\n2|2|1|1\n3|1|1|0\n");
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, 5);

  /* A file of one read repeated, with two places alternating: the scan
   * stays linear and keeps one of each. */
  {
    g_autoptr(GString) same = g_string_new ("plate,read_at,lat,lon\n");
    g_autofree char *same_path = sl_test_temp_path ("same.csv");

    for (guint i = 0; i < 5000; i++)
      g_string_append_printf (same, "C3,2019-03-01 10:00:00,41.%u,-73.1\n", 1 + i % 2);
    g_assert_true (g_file_set_contents (same_path, same->str, same->len, NULL));
    g_assert_true (import_file (project, same_path, &norwalk, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.rows_imported, ==, 2);
    g_assert_cmpuint (summary.rows_duplicate, ==, 4998);
    g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, 7);
  }
}

static void
test_import_owner_agency (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("owner.sightline");
  g_autofree char *csv = sl_test_write_temp_file ("noagency.csv",
    "plate,read_at,lat,lon,camera\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1,North\n"
    "A2,2019-03-01 10:05:00,41.2,-73.2,North\n");
  Options options = { .agency = "Wethersfield Police Department" };
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  g_assert_false (import_file (project, csv, NULL, NULL, &error));
  g_assert_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_MISSING_ROLE);
  g_assert_true (g_str_has_suffix (error->message,
                                   "noagency.csv: The file has no agency column; name the agency that "
                                   "owns these reads (--agency NAME)"));
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM datasets"), ==, 0);

  g_assert_true (import_file (project, csv, &options, NULL, &error));
  g_assert_no_error (error);
  rows = query_rows (project,
                     "SELECT a.name, c.name, c.latitude, c.longitude, d.owner_agency_id = a.id, count(*) "
                     "FROM reads r JOIN agencies a ON a.id = r.agency_id JOIN cameras c ON c.id = r.camera_id "
                     "JOIN datasets d ON d.id = r.dataset_id GROUP BY 1, 2");
  g_assert_cmpstr (rows, ==, "Wethersfield Police Department|North|41.1|-73.1|1|2\n");
}

static void
test_import_hashed_plates (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("hashed.sightline");
  g_autofree char *named = sl_test_write_temp_file ("named.csv",
    "plate_hash,read_at,lat,lon\n"
    "Ab-12,2019-03-01 10:00:00,41.1,-73.1\n");
  g_autofree char *detected = sl_test_write_temp_file ("detected.csv",
    "plate,read_at,lat,lon\n"
    "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8,2019-03-01 10:00:00,41.1,-73.1\n");
  Options options = { .agency = "Norwalk PD", .pseudonymize = TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  g_assert_true (import_file (project, named, &options, NULL, &error));
  g_assert_true (import_file (project, detected, &options, NULL, &error));
  g_assert_no_error (error);

  /* Hashes are opaque: neither normalised nor pseudonymised again. */
  rows = query_rows (project, "SELECT plate, is_hash FROM plates ORDER BY id");
  g_assert_cmpstr (rows, ==,
                   "Ab-12|1\n"
                   "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8|1\n");
  g_assert_cmpint (sl_read_store_lookup_plate (project, " Ab-12 ", &error), ==, 1);
}

static char *
expected_pseudonym (SlProject  *project,
                    const char *plate)
{
  g_autofree char *hex = sl_project_dup_meta (project, "pseudonym-key");
  guint8 key[32];
  g_autoptr(GHmac) hmac = NULL;

  g_assert_cmpuint (strlen (hex), ==, 64);
  for (guint i = 0; i < 32; i++)
    key[i] = g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, sizeof key);
  g_hmac_update (hmac, (const guchar *) plate, -1);
  return g_strdup (g_hmac_get_string (hmac));
}

static void
test_import_pseudonymize (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("pseudo.sightline");
  g_autofree char *first = sl_test_write_temp_file ("p1.csv",
    "plate,read_at,lat,lon\n"
    "abc 123,2019-03-01 10:00:00,41.1,-73.1\n"
    "XYZ9,2019-03-01 10:00:00,41.1,-73.1\n");
  g_autofree char *second = sl_test_write_temp_file ("p2.csv",
    "plate,read_at,lat,lon\n"
    "ABC-123,2019-03-02 10:00:00,41.1,-73.1\n");
  Options options = { .agency = "Norwalk PD", .pseudonymize = TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *pseudonym = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *project_path = g_strdup (sl_project_get_path (project));
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 plate;

  g_assert_true (import_file (project, first, &options, NULL, &error));
  g_assert_true (import_file (project, second, &options, NULL, &error));
  g_assert_no_error (error);

  /* One pseudonym per plate across imports: HMAC-SHA256 of the normalised
   * plate under the project's key. */
  pseudonym = expected_pseudonym (project, "ABC123");
  rows = query_rows (project, "SELECT p.plate, p.is_hash, count(*) FROM reads r "
                              "JOIN plates p ON p.id = r.plate_id GROUP BY p.id ORDER BY count(*) DESC");
  g_free (expected);
  expected = expected_pseudonym (project, "XYZ9");
  {
    g_autofree char *want = g_strdup_printf ("%s|1|2\n%s|1|1\n", pseudonym, expected);

    g_assert_cmpstr (rows, ==, want);
  }
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM datasets WHERE pseudonymized = 1"), ==, 2);

  plate = sl_read_store_lookup_plate (project, "abc-123", &error);
  g_assert_cmpint (plate, ==, sl_test_query_int (project, "SELECT plate_id FROM reads WHERE time = 1551520800"));

  /* Removing the key for publication: lookups by plate stop working, the
   * key is gone from the file, and no import can make new pseudonyms. */
  g_assert_true (sl_read_store_has_pseudonym_key (project));
  g_assert_true (sl_read_store_remove_pseudonym_key (project, &error));
  g_assert_no_error (error);
  g_assert_false (sl_read_store_has_pseudonym_key (project));
  g_assert_cmpint (sl_read_store_lookup_plate (project, "abc-123", &error), ==, 0);
  g_assert_true (g_file_get_contents (project_path, &contents, &length, NULL));
  g_assert_null (memmem (contents, length, "ABC123", 6));

  g_assert_false (import_file (project, second, &(Options) { .agency = "Norwalk PD", .pseudonymize = TRUE,
                                                             .allow_reimport = TRUE }, NULL, &error));
  g_assert_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_NO_PSEUDONYM_KEY);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM datasets"), ==, 2);
}

static void
test_import_reimport (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("again.sightline");
  g_autofree char *csv = sl_test_write_temp_file ("again.csv",
    "plate,read_at,lat,lon\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1\n");
  g_autofree char *copy = sl_test_write_temp_file ("copy-of-again.csv",
    "plate,read_at,lat,lon\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1\n");
  Options options = { .agency = "Norwalk PD" };
  Options again = { .agency = "Norwalk PD", .allow_reimport = TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  SlImportSummary summary;

  g_assert_true (import_file (project, csv, &options, NULL, &error));
  g_assert_no_error (error);
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                       "plate,read_at,lat,lon\nA1,2019-03-01 10:00:00,41.1,-73.1\n", -1);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM datasets WHERE sha256 = '' || "
                                       "(SELECT sha256 FROM datasets WHERE id = 1)"), ==, 1);
  {
    g_autofree char *stored = query_rows (project, "SELECT sha256 FROM datasets");
    g_autofree char *want = g_strconcat (sha, "\n", NULL);

    g_assert_cmpstr (stored, ==, want);
  }

  /* Same bytes under another name: still the same file. */
  g_assert_false (import_file (project, copy, &options, NULL, &error));
  g_assert_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_ALREADY_IMPORTED);
  g_assert_true (strstr (error->message, "was already imported on ") != NULL);
  g_assert_true (g_str_has_suffix (error->message,
                                   "as dataset 1 (“again.csv”); import it again only if you mean to (--yes)"));
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM datasets"), ==, 1);

  g_assert_true (import_file (project, copy, &again, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.rows_imported, ==, 0);
  g_assert_cmpuint (summary.rows_duplicate, ==, 1);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM datasets"), ==, 2);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, 1);
}

/* A file large enough that the importer reports progress (every 8,192
 * rows) several times, with distinct reads. */
static char *
write_large_file (const char *name,
                  guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("plate,read_at,latitude,longitude,camera,agency\n");
  char *path;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "P%05u,2019-03-%02uT%02u:%02u:%02uZ,41.%04u,-73.%04u,CAM-%u,Agency %u\n",
                            i % 5000, 1 + i % 28, i % 24, i % 60, (i / 60) % 60,
                            i % 9973, i % 7919, i % 40, i % 7);

  path = sl_test_temp_path (name);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  return path;
}

/* Everything a user could see in the project, as one digest. */
static char *
project_digest (SlProject *project)
{
  static const char * const queries[] = {
    "SELECT * FROM reads ORDER BY id",
    "SELECT * FROM plates ORDER BY id",
    "SELECT * FROM agencies ORDER BY id",
    "SELECT * FROM cameras ORDER BY id",
    "SELECT id, file_name, sha256, rows_read, rows_imported FROM datasets ORDER BY id",
    "SELECT * FROM import_problems ORDER BY id",
    "SELECT type, name, sql FROM sqlite_schema ORDER BY name",
    "SELECT * FROM project_meta ORDER BY key",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = query_rows (project, queries[i]);

      g_checksum_update (checksum, (const guchar *) rows, -1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static void
cancel_on_progress (const SlImportProgress *progress,
                    gpointer                user_data)
{
  GCancellable *cancellable = user_data;

  g_assert_cmpuint (progress->bytes_total, >, 0);
  if (progress->rows_read >= 8192)
    g_cancellable_cancel (cancellable);
}

static void
cancel_when_indexing (const SlImportProgress *progress,
                      gpointer                user_data)
{
  if (progress->phase == SL_IMPORT_PHASE_INDEXING)
    g_cancellable_cancel (user_data);
}

static void
test_import_cancel (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("cancel.sightline");
  g_autofree char *small = sl_test_write_temp_file ("small.csv",
    "plate,read_at,lat,lon,agency\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1,Norwalk PD\n"
    "\"\",2019-03-01 10:00:00,41.1,-73.1,Norwalk PD\n");
  g_autofree char *large = write_large_file ("large.csv", 10000);
  g_autoptr(SlReadImporter) importer = sl_read_importer_new (large);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (import_file (project, small, NULL, NULL, &error));
  g_assert_no_error (error);
  before = project_digest (project);

  sl_read_importer_set_progress_func (importer, cancel_on_progress, cancellable, NULL);
  g_assert_false (sl_read_importer_run (importer, project, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = project_digest (project);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, 1);
  g_assert_cmpint (sl_test_query_int (project, "PRAGMA foreign_keys"), ==, 1);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);

  /* Cancelled while SQLite builds the indexes: interrupted, same result. */
  {
    g_autoptr(SlReadImporter) second = sl_read_importer_new (large);
    g_autoptr(GCancellable) later = g_cancellable_new ();

    sl_read_importer_set_progress_func (second, cancel_when_indexing, later, NULL);
    g_assert_false (sl_read_importer_run (second, project, later, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    after = project_digest (project);
    g_assert_cmpstr (before, ==, after);
    g_assert_null (sqlite3_next_stmt (sl_project_get_db (project), NULL));
  }
}

static void
test_import_fatal_errors (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("fatal.sightline");
  g_autofree char *good = sl_test_write_temp_file ("good.csv",
    "plate,read_at,lat,lon,agency\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1,Norwalk PD\n");
  g_autoptr(GString) bad = g_string_new ("plate,read_at,lat,lon,agency\n");
  g_autofree char *bad_path = sl_test_temp_path ("bad.csv");
  g_autofree char *missing = sl_test_temp_path ("missing.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (import_file (project, good, NULL, NULL, &error));
  before = project_digest (project);

  /* Thousands of good rows, then a quote that never closes: the error
   * names file, line and field, and none of the good rows are kept. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (bad, "B%u,2019-03-01 10:00:00,41.1,-73.1,Norwalk PD\n", i);
  g_string_append (bad, "C1,2019-03-01 10:00:00,41.1,-73.1,\"Norwalk PD\n");
  g_assert_true (g_file_set_contents (bad_path, bad->str, bad->len, NULL));

  g_assert_false (import_file (project, bad_path, NULL, NULL, &error));
  g_assert_error (error, SL_CSV_ERROR, SL_CSV_ERROR_UNTERMINATED_QUOTE);
  expected = g_strdup_printf ("%s: line 10002, field 5 (“agency”): quoted field is never closed", bad_path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  after = project_digest (project);
  g_assert_cmpstr (before, ==, after);

  g_assert_false (import_file (project, missing, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A header and nothing else. */
  g_assert_true (g_file_set_contents (missing, "plate,read_at,lat,lon,agency\r\n", -1, NULL));
  g_assert_false (import_file (project, missing, NULL, NULL, &error));
  g_assert_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_NOTHING_IMPORTED);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s: the file has no data rows", missing);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
kill_on_progress (const SlImportProgress *progress,
                  gpointer                user_data)
{
  int *pipe_fds = user_data;

  /* Tell the parent where we are, then die as a crash or kill -9 would. */
  if (write (pipe_fds[1], "k", 1) != 1)
    _exit (3);
  raise (SIGKILL);
}

static void
test_import_killed (void)
{
  g_autofree char *project_path = sl_test_temp_path ("killed.sightline");
  g_autofree char *small = sl_test_write_temp_file ("before.csv",
    "plate,read_at,lat,lon,agency\n"
    "A1,2019-03-01 10:00:00,41.1,-73.1,Norwalk PD\n"
    "A2,2019-03-01 11:00:00,41.2,-73.2,Westport PD\n");
  g_autofree char *large = write_large_file ("large.csv", 10000);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *integrity = NULL;
  int pipe_fds[2];
  char signal_byte = 0;
  int status = 0;
  pid_t pid;

  project = sl_project_open (project_path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_true (import_file (project, small, NULL, NULL, &error));
  g_assert_no_error (error);
  before = project_digest (project);
  g_clear_object (&project);

  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(SlProject) child_project = sl_project_open (project_path, SL_PROJECT_OPEN_FLAGS_NONE, NULL);
      g_autoptr(SlReadImporter) importer = sl_read_importer_new (large);

      if (child_project == NULL)
        _exit (2);
      sl_read_importer_set_progress_func (importer, kill_on_progress, pipe_fds, NULL);
      sl_read_importer_run (importer, child_project, NULL, NULL);
      /* Reaching this point means the kill did not happen. */
      _exit (1);
    }

  close (pipe_fds[1]);
  g_assert_cmpint (read (pipe_fds[0], &signal_byte, 1), ==, 1);
  g_assert_cmpint (signal_byte, ==, 'k');
  close (pipe_fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* The killed import left a write-ahead log; opening recovers from it. */
  project = sl_project_open (project_path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  integrity = query_rows (project, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok\n");
  after = project_digest (project);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, 2);

  /* And the project takes the import once it is run to the end. */
  g_assert_true (import_file (project, large, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, 10002);
}

/* Optional columns are stored as given (trimmed), blank or unusable
 * values as unknown, in file order, across full batches of rows and the
 * last partial one. */
static void
test_import_optional_columns (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("optional.sightline");
  g_autoptr(GString) text = g_string_new ("plate,read_at,latitude,longitude,agency,state,make,color,confidence\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *csv = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 70; i++)
    {
      g_string_append_printf (text, "P%02u,2019-03-01T%02u:%02u:00Z,41.1,-73.1,Agency,%s,%s,%s,%s\n",
                              i, i / 60, i % 60, i % 3 == 0 ? "" : "CT", i % 2 ? " Ford" : "Toyota",
                              i % 5 == 0 ? "\xff" : "red", i % 7 == 0 ? "bad" : (i % 10 == 0 ? "1" : "0.5"));
      g_string_append_printf (expected, "P%02u|%s|%s|%s|%s\n",
                              i, i % 3 == 0 ? "NULL" : "CT", i % 2 ? "Ford" : "Toyota",
                              i % 5 == 0 ? "NULL" : "red", i % 7 == 0 ? "NULL" : (i % 10 == 0 ? "1.0" : "0.5"));
    }
  csv = sl_test_write_temp_file ("optional.csv", text->str);

  g_assert_true (import_file (project, csv, NULL, NULL, &error));
  g_assert_no_error (error);
  stored = query_rows (project,
                       "SELECT p.plate, r.plate_state, r.make, r.colour, r.confidence "
                       "FROM reads r JOIN plates p ON p.id = r.plate_id ORDER BY r.id");
  g_assert_cmpstr (stored, ==, expected->str);
}

/* Coordinates are read exactly as g_ascii_strtod() reads them, in the
 * plain decimal form the importer reads itself and in the others. */
static void
test_import_coordinates (void)
{
  static const char *values[][2] = {
    { "41.123456", "-73.654321" },
    { " 41.1 ", "-73.100000000000" },
    { "+41", "-73." },
    { "0.1", "-.5" },
    { "41.12345678901234", "-73.1234567890123456789" },
    { "4.1e1", "-7.3E1" },
    { "0000000000000041.5", "-73.000000000000000000000001" },
    { "-0.0", "179.999999999999" },
  };
  g_autoptr(GString) text = g_string_new ("plate,read_at,latitude,longitude,agency\n");
  g_autofree char *csv = NULL;
  g_autoptr(SlReadImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_string_append_printf (text, "P%u,2019-03-01T00:00:00Z,%s,%s,Agency\n", i, values[i][0], values[i][1]);
  csv = sl_test_write_temp_file ("coordinates.csv", text->str);
  importer = sl_read_importer_new (csv);
  g_assert_true (sl_read_importer_prepare (importer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sl_read_importer_get_n_preview_rows (importer), ==, G_N_ELEMENTS (values));

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      SlParsedRead read;

      g_assert_true (sl_read_importer_parse_preview_row (importer, i, &read, &error));
      g_assert_no_error (error);
      g_assert_true (read.latitude == g_ascii_strtod (values[i][0], NULL));
      g_assert_true (read.longitude == g_ascii_strtod (values[i][1], NULL));
      g_assert_true (signbit (read.latitude) == signbit (g_ascii_strtod (values[i][0], NULL)));
      sl_parsed_read_clear (&read);
    }
}

static void
test_import_preview (void)
{
  g_autofree char *csv = sl_test_write_temp_file ("preview.csv",
    "Plate;Read Date;Read Time;Lat;Long;Unit;Zip\n"
    "ab-12;03/04/2019;7:42 PM;41.1;-73.1;Unit 4;06850\n"
    "cd 34;03/05/2019;bad;41.2;-73.2;Unit 5;06851\n");
  g_autoptr(SlReadImporter) importer = sl_read_importer_new (csv);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GError) error = NULL;
  SlColumnMapping *mapping;
  SlParsedRead read;
  g_autofree char *expected = NULL;

  sl_read_importer_set_time_zone (importer, zone);
  sl_read_importer_set_owner_agency (importer, "Norwalk PD");
  g_assert_true (sl_read_importer_prepare (importer, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sl_read_importer_get_detected_delimiter (importer), ==, ';');
  g_assert_cmpuint (sl_read_importer_get_n_preview_rows (importer), ==, 2);
  g_assert_cmpstr (sl_read_importer_get_preview_row (importer, 1)[0], ==, "cd 34");
  mapping = sl_read_importer_get_mapping (importer);
  g_assert_cmpint (sl_column_mapping_get_role (mapping, 1), ==, SL_COLUMN_ROLE_DATE);
  g_assert_cmpint (sl_column_mapping_get_role (mapping, 2), ==, SL_COLUMN_ROLE_TIME);
  g_assert_cmpint (sl_column_mapping_get_role (mapping, 5), ==, SL_COLUMN_ROLE_CAMERA);
  g_assert_cmpint (sl_column_mapping_get_role (mapping, 6), ==, SL_COLUMN_ROLE_IGNORE);
  g_assert_cmpint (sl_column_mapping_get_time_format (mapping), ==, SL_TIME_FORMAT_MDY);

  g_assert_true (sl_read_importer_parse_preview_row (importer, 0, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (read.plate, ==, "AB12");
  g_assert_false (read.plate_is_hash);
  /* 2019-03-04 19:42 EST */
  g_assert_cmpint (read.time, ==, 1551746520);
  g_assert_cmpfloat (read.latitude, ==, 41.1);
  g_assert_cmpfloat (read.longitude, ==, -73.1);
  g_assert_cmpstr (read.camera, ==, "Unit 4");
  g_assert_cmpstr (read.agency, ==, "Norwalk PD");
  sl_parsed_read_clear (&read);

  g_assert_false (sl_read_importer_parse_preview_row (importer, 1, &read, &error));
  expected = g_strdup_printf ("%s: line 3, field “Read Date”: “bad” is not a date and time in the column’s format", csv);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* Changing a role changes the parse: day first now. */
  sl_column_mapping_set_time_format (mapping, SL_TIME_FORMAT_DMY);
  g_assert_true (sl_read_importer_parse_preview_row (importer, 0, &read, &error));
  /* 2019-04-03 19:42 EDT */
  g_assert_cmpint (read.time, ==, 1554334920);
  sl_parsed_read_clear (&read);
}

/* Agencies and cameras are numbered by the parsing thread, which starts
 * the numbering again after 65,536 names: reads keep their own camera
 * and agency across the restart, and a camera seen before it is found
 * again rather than stored twice. */
static void
test_import_many_names (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("names.sightline");
  g_autoptr(GString) text = g_string_new ("plate,read_at,latitude,longitude,camera,agency,make\n");
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  const guint n_cameras = 70000;

  for (guint i = 0; i < 2 * n_cameras; i++)
    {
      guint camera = i % n_cameras;

      g_string_append_printf (text, "P%u,2019-03-01T00:00:00Z,41.1,-73.1,C%u,Agency %u,C%u/Agency %u\n",
                              i, camera, camera % 3, camera, camera % 3);
    }
  csv = sl_test_write_temp_file ("names.csv", text->str);

  g_assert_true (import_file (project, csv, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count (*) FROM reads"), ==, 2 * n_cameras);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count (*) FROM cameras"), ==, n_cameras);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count (*) FROM agencies"), ==, 3);
  g_assert_cmpint (sl_test_query_int (project,
                                      "SELECT count (*) FROM reads r "
                                      "JOIN cameras c ON c.id = r.camera_id "
                                      "JOIN agencies a ON a.id = r.agency_id "
                                      "WHERE c.agency_id = r.agency_id AND r.make = c.name || '/' || a.name"),
                   ==, 2 * n_cameras);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/read-importer/generator-format", test_import_generator_format);
  g_test_add_func ("/read-importer/delimiters-and-times", test_import_delimiters_and_times);
  g_test_add_func ("/read-importer/skipped-rows", test_import_skipped_rows);
  g_test_add_func ("/read-importer/duplicates", test_import_duplicates);
  g_test_add_func ("/read-importer/owner-agency", test_import_owner_agency);
  g_test_add_func ("/read-importer/hashed-plates", test_import_hashed_plates);
  g_test_add_func ("/read-importer/pseudonymize", test_import_pseudonymize);
  g_test_add_func ("/read-importer/reimport", test_import_reimport);
  g_test_add_func ("/read-importer/cancel", test_import_cancel);
  g_test_add_func ("/read-importer/fatal-errors", test_import_fatal_errors);
  g_test_add_func ("/read-importer/killed", test_import_killed);
  g_test_add_func ("/read-importer/preview", test_import_preview);
  g_test_add_func ("/read-importer/coordinates", test_import_coordinates);
  g_test_add_func ("/read-importer/optional-columns", test_import_optional_columns);
  g_test_add_func ("/read-importer/many-names", test_import_many_names);

  return g_test_run ();
}
