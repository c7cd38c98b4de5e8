/* test-hostile-input.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "sl-csv-reader.h"
#include "sl-number.h"
#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-test-utils.h"

/* Inputs built to hurt: a 10 MB field, a million columns, NUL bytes,
 * coordinates no map has. Each is refused with the file, line and field,
 * nothing is half-imported, and memory stays bounded however much input
 * follows. */

/* Writes @head, @n_repeats copies of @repeat, then @tail, streaming, so
 * the test never holds the whole hostile file in memory. */
static char *
write_file (const char *name,
            const char *head,
            const char *repeat,
            gsize       n_repeats,
            const char *tail)
{
  char *path = sl_test_temp_path (name);
  FILE *file = fopen (path, "wb");

  g_assert_nonnull (file);
  fputs (head, file);
  for (gsize i = 0; i < n_repeats; i++)
    fputs (repeat, file);
  fputs (tail, file);
  g_assert_cmpint (fclose (file), ==, 0);

  return path;
}

/* Reading @path fails with @code and exactly "@path: @message". */
static void
assert_reader_fails (const char *path,
                     int         code,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCsvReader) reader = sl_csv_reader_new_for_path (path, &error);
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, message);

  g_assert_no_error (error);
  while (sl_csv_reader_next (reader, NULL, &error))
    ;
  g_assert_error (error, SL_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Importing @path into a project that already holds one dataset fails
 * with exactly "@path: @message", and the project keeps just that one. */
static void
assert_import_fails (const char *path,
                     const char *message)
{
  g_autofree char *project_path = sl_test_temp_path ("hostile.sightline");
  g_autofree char *good_path = write_file ("good.csv", "plate,read_at,latitude,longitude\n",
                                           "ABC123,2019-03-01 07:42:10,41.1,-73.4\n", 1, "");
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, message);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlReadImporter) good = sl_read_importer_new (good_path);
  g_autoptr(SlReadImporter) importer = sl_read_importer_new (path);

  project = sl_project_open (project_path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  sl_read_importer_set_owner_agency (good, "Westport PD");
  g_assert_true (sl_read_importer_run (good, project, NULL, &error));
  g_assert_no_error (error);

  sl_read_importer_set_owner_agency (importer, "Westport PD");
  g_assert_false (sl_read_importer_run (importer, project, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, expected);

  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM datasets"), ==, 1);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, 1);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM import_problems"), ==, 0);

  g_clear_object (&project);
  g_assert_cmpint (g_unlink (project_path), ==, 0);
}

static void
test_ten_megabyte_field (void)
{
  g_autofree char *unquoted = NULL;
  g_autofree char *quoted = NULL;
  const char *head = "plate,read_at,latitude,longitude,note\n"
                     "A1,2019-03-01 07:00,41.1,-73.4,fine\n"
                     "A2,2019-03-01 07:00,41.1,-73.4,";

  /* 10 MiB of text in one field, then a normal row. */
  unquoted = write_file ("unquoted.csv", head, "0123456789abcdef", 10 * 1024 * 1024 / 16,
                         "\nA3,2019-03-01 07:00,41.1,-73.4,fine\n");
  assert_reader_fails (unquoted, SL_CSV_ERROR_FIELD_TOO_LONG,
                       "line 3, field 5 (“note”): field longer than 65536 bytes; "
                       "is the delimiter or the quoting wrong?");
  assert_import_fails (unquoted,
                       "line 3, field 5 (“note”): field longer than 65536 bytes; "
                       "is the delimiter or the quoting wrong?");

  /* The same inside quotes, across 640 000 lines. */
  quoted = write_file ("quoted.csv", "plate,read_at,latitude,longitude,note\n"
                       "A2,2019-03-01 07:00,41.1,-73.4,\"", "0123456789abcde\n",
                       10 * 1024 * 1024 / 16, "\"\n");
  assert_reader_fails (quoted, SL_CSV_ERROR_FIELD_TOO_LONG,
                       "line 2, field 5 (“note”): field longer than 65536 bytes; "
                       "is the delimiter or the quoting wrong?");
}

static void
test_million_columns (void)
{
  g_autofree char *header = write_file ("wide-header.csv", "c", ",c", 999999, "\n1,2\n");
  g_autofree char *row = write_file ("wide-row.csv", "plate,read_at,latitude,longitude\n"
                                     "ABC123,2019-03-01 07:42:10,41.1,-73.4\n",
                                     "1,", 1000000, "1\n");

  assert_reader_fails (header, SL_CSV_ERROR_TOO_MANY_COLUMNS,
                       "line 1: more than 1024 fields in one record");
  assert_import_fails (header, "line 1: more than 1024 fields in one record");
  assert_reader_fails (row, SL_CSV_ERROR_TOO_MANY_COLUMNS,
                       "line 3: more than 1024 fields in one record");
  assert_import_fails (row, "line 3: more than 1024 fields in one record");
}

static void
test_nul_bytes (void)
{
  const char *row = "ABC123,2019-03-01 07:42:10,41.1,-73.4\n";
  g_autofree char *early = NULL;
  g_autofree char *late = NULL;
  g_autofree char *late_line = NULL;
  g_autofree char *quoted = NULL;
  gsize n_rows = 2000;  /* 2000 × 38 bytes: past the 64 KiB sample */

  g_assert_cmpuint (strlen (row) * n_rows, >, 64 * 1024);

  early = sl_test_temp_path ("early.csv");
  g_assert_true (g_file_set_contents (early, "plate,read_at\nAB\0C,2019\n", 24, NULL));
  assert_reader_fails (early, SL_CSV_ERROR_NOT_TEXT,
                       "the file is not delimited text (it contains NUL bytes); "
                       "spreadsheets must be saved as CSV first");

  /* Past the sniffer's sample, the NUL is found where it is. */
  late = write_file ("late.csv", "plate,read_at,latitude,longitude\n", row, n_rows, "");
  {
    FILE *file = fopen (late, "ab");

    fwrite ("XYZ789,2019-03-01\0 07:42:10,41.1,-73.4\n", 1, 39, file);
    fclose (file);
  }
  late_line = g_strdup_printf ("line %" G_GSIZE_FORMAT ", field 2 (“read_at”): NUL byte in the "
                               "text; the file is damaged or not delimited text", n_rows + 2);
  assert_reader_fails (late, SL_CSV_ERROR_NOT_TEXT, late_line);
  assert_import_fails (late, late_line);

  /* Inside a quoted field, on its second line. */
  quoted = write_file ("quoted-nul.csv", "plate,read_at,latitude,longitude,note\n",
                       "ABC123,2019-03-01 07:42:10,41.1,-73.4,ok\n", n_rows, "");
  {
    FILE *file = fopen (quoted, "ab");

    fwrite ("XYZ789,2019-03-01 07:42:10,41.1,-73.4,\"two\nli\0nes\"\n", 1, 51, file);
    fclose (file);
  }
  g_clear_pointer (&late_line, g_free);
  late_line = g_strdup_printf ("line %" G_GSIZE_FORMAT ", field 5 (“note”): NUL byte in the text; "
                               "the file is damaged or not delimited text", n_rows + 3);
  assert_reader_fails (quoted, SL_CSV_ERROR_NOT_TEXT, late_line);
}

/* Coordinates that parse as numbers but are no place: skipped with their
 * line, field and reason; the good rows of the file are kept. */
static void
test_huge_coordinates (void)
{
  g_autofree char *path = write_file ("coordinates.csv",
                                      "plate,read_at,latitude,longitude\n"
                                      "A1,2019-03-01 07:00,41.1,-73.4\n"
                                      "A2,2019-03-01 07:00,1e308,-73.4\n"
                                      "A3,2019-03-01 07:00,nan,-73.4\n"
                                      "A4,2019-03-01 07:00,41.1,inf\n"
                                      "A5,2019-03-01 07:00,91,-73.4\n"
                                      "A6,2019-03-01 07:00,41.1,-180.0000001\n"
                                      "A7,2019-03-01 07:00,1e-320,-0\n"
                                      "A8,2019-03-01 07:00,-1e999,1e999\n",
                                      "", 0, "");
  g_autofree char *project_path = sl_test_temp_path ("coordinates.sightline");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlReadImporter) importer = sl_read_importer_new (path);
  g_autoptr(GString) problems = g_string_new (NULL);
  const SlImportSummary *summary;
  sqlite3_stmt *stmt = NULL;

  project = sl_project_open (project_path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  sl_read_importer_set_owner_agency (importer, "Westport PD");
  g_assert_true (sl_read_importer_run (importer, project, NULL, &error));
  g_assert_no_error (error);

  summary = sl_read_importer_get_summary (importer);
  g_assert_cmpuint (summary->rows_read, ==, 8);
  g_assert_cmpuint (summary->rows_imported, ==, 2);
  g_assert_cmpuint (summary->rows_skipped, ==, 6);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads WHERE latitude BETWEEN -90 AND 90 "
                                       "AND longitude BETWEEN -180 AND 180"), ==, 2);

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project),
                                       "SELECT line, field, reason FROM import_problems ORDER BY line",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (problems, "%d %s %s\n", sqlite3_column_int (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (problems->str, ==,
                   "3 latitude latitude-out-of-range\n"
                   "4 latitude invalid-latitude\n"
                   "5 longitude invalid-longitude\n"
                   "6 latitude latitude-out-of-range\n"
                   "7 longitude longitude-out-of-range\n"
                   "9 latitude invalid-latitude\n");
}

/* Numerals strtod() reads but no person writes for a coordinate:
 * hexadecimal floats, infinities, NaN, numbers beyond a double. */
static void
test_odd_numerals (void)
{
  static const struct { const char *text; gboolean ok; double value; } numerals[] = {
    { "41.5", TRUE, 41.5 }, { " -73.25\t", TRUE, -73.25 }, { "+4.15e1", TRUE, 41.5 },
    { ".5", TRUE, 0.5 }, { "5.", TRUE, 5.0 }, { "1e-320", TRUE, 1e-320 },
    { "0x1p3", FALSE, 0 }, { "0X10", FALSE, 0 }, { "-0x1.8p1", FALSE, 0 }, { "inf", FALSE, 0 },
    { "-Infinity", FALSE, 0 }, { "nan", FALSE, 0 }, { "NAN(123)", FALSE, 0 }, { "1e999", FALSE, 0 },
    { "-1e999", FALSE, 0 }, { "1.5.2", FALSE, 0 }, { "1e", FALSE, 0 }, { ".", FALSE, 0 },
    { "", FALSE, 0 }, { "4 1", FALSE, 0 }, { "0x", FALSE, 0 },
  };
  static const struct { const char *json; guint line; const char *member; const char *token; } json[] = {
    { "{\"a\": 1, \"b\": [1.5, -2e3, 0]}", 0, NULL, NULL },
    { "{\"s\": \"0x1p3 \\\" 1e999\"}", 0, NULL, NULL },
    { "{\"a\": 1,\n \"lat\": 0x10}", 2, "lat", "0x10" },
    { "{\"c\": [[1, 2],\n\n [3, 1e999]]}", 3, "c", "1e999" },
    { "{\"o\": {\"x\": 1}, \"p\": [{\"q\": 01}]}", 1, "q", "01" },
    { "[.5]", 1, NULL, ".5" },
    { "{\"n\": - 1}", 1, "n", "-" },
    { "{\"n\": 1.}", 1, "n", "1." },
  };
  g_autofree char *path = write_file ("numerals.csv",
                                      "plate,read_at,latitude,longitude\n"
                                      "A1,2019-03-01 07:00,41.1,-73.4\n"
                                      "A2,2019-03-01 07:00,0x1.48p5,-73.4\n"
                                      "A3,2019-03-01 07:00,41.1,-0X49P0\n"
                                      "A4,2019-03-01 07:00,Infinity,-73.4\n"
                                      "A5,2019-03-01 07:00,41.1,-73.4e0\n"
                                      "A6,2019-03-01 07:00,41.100000000000001,-73.4\n"
                                      "A7,2019-03-01 07:00,4.1.1,-73.4\n",
                                      "", 0, "");
  g_autoptr(SlProject) project = sl_test_open_temp_project ("numerals.sightline");
  g_autoptr(SlReadImporter) importer = sl_read_importer_new (path);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (numerals); i++)
    {
      double value = -1;

      g_test_message ("“%s”", numerals[i].text);
      g_assert_cmpint (sl_number_parse (numerals[i].text, &value), ==, numerals[i].ok);
      if (numerals[i].ok)
        g_assert_cmpfloat (value, ==, numerals[i].value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (json); i++)
    {
      SlJsonNumberProblem problem;

      g_test_message ("%s", json[i].json);
      g_assert_cmpint (sl_number_check_json (json[i].json, strlen (json[i].json), &problem), ==,
                       json[i].token == NULL);
      g_assert_cmpuint (problem.line, ==, json[i].line);
      g_assert_cmpstr (problem.member, ==, json[i].member);
      g_assert_cmpstr (problem.token, ==, json[i].token);
      sl_json_number_problem_clear (&problem);
    }

  sl_read_importer_set_owner_agency (importer, "Westport PD");
  g_assert_true (sl_read_importer_run (importer, project, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sl_read_importer_get_summary (importer)->rows_imported, ==, 3);
  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project),
                                       "SELECT line, field, reason, message FROM import_problems ORDER BY line",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (problems, "%d %s %s: %s\n", sqlite3_column_int (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (problems->str, ==,
                   "3 latitude invalid-latitude: “0x1.48p5” is not a latitude\n"
                   "4 longitude invalid-longitude: “-0X49P0” is not a longitude\n"
                   "5 latitude invalid-latitude: “Infinity” is not a latitude\n"
                   "8 latitude invalid-latitude: “4.1.1” is not a latitude\n");
}

/* An input stream of @size bytes: @head, then @pattern over and over,
 * made up as it is read, so a gigabyte costs nothing to the test. */
#define TYPE_ENDLESS_STREAM (endless_stream_get_type ())
G_DECLARE_FINAL_TYPE (EndlessStream, endless_stream, ENDLESS, STREAM, GInputStream)

struct _EndlessStream
{
  GInputStream  parent_instance;
  const char   *head;
  const char   *pattern;
  guint64       size;
  guint64       position;
};

G_DEFINE_FINAL_TYPE (EndlessStream, endless_stream, G_TYPE_INPUT_STREAM)

static gssize
endless_stream_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  EndlessStream *self = ENDLESS_STREAM (stream);
  gsize head_len = strlen (self->head);
  gsize pattern_len = strlen (self->pattern);
  guint8 *out = buffer;
  gsize n = 0;

  while (n < count && self->position < self->size)
    {
      if (self->position < head_len)
        out[n] = self->head[self->position];
      else
        out[n] = self->pattern[(self->position - head_len) % pattern_len];
      n++;
      self->position++;
    }

  return n;
}

static void
endless_stream_class_init (EndlessStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = endless_stream_read;
}

static void
endless_stream_init (EndlessStream *self)
{
}

static guint64
peak_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* 1 GiB of input in each of the ways a parser can be made to buffer
 * without end: the reader stops within a few megabytes, and the peak
 * memory of the process grows by far less than the input. The bound is
 * generous (sanitizer builds keep freed memory in quarantine); what it
 * rules out is memory that grows with the input. */
static void
test_memory_bounded (void)
{
  const struct {
    const char *head;
    const char *pattern;
    int         code;
  } cases[] = {
    { "plate,note\nA1,\"", "never closed, ", SL_CSV_ERROR_FIELD_TOO_LONG },
    { "plate,note\nA1,", "no delimiter and no newline ", SL_CSV_ERROR_FIELD_TOO_LONG },
    { "plate,note\nA1", ",", SL_CSV_ERROR_TOO_MANY_COLUMNS },
    { "plate,note\nA1,\"", "\"\"", SL_CSV_ERROR_FIELD_TOO_LONG },
  };
  guint64 before = peak_rss_kib ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EndlessStream) stream = g_object_new (TYPE_ENDLESS_STREAM, NULL);
      g_autoptr(SlCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;

      stream->head = cases[i].head;
      stream->pattern = cases[i].pattern;
      stream->size = G_GUINT64_CONSTANT (1) << 30;
      reader = sl_csv_reader_new (G_INPUT_STREAM (stream), "endless.csv");

      while (sl_csv_reader_next (reader, NULL, &error))
        ;
      g_assert_error (error, SL_CSV_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "endless.csv: line 2"));
      g_assert_cmpuint (sl_csv_reader_get_bytes_read (reader), <, 8 * 1024 * 1024);
      g_test_message ("case %u: stopped after %" G_GUINT64_FORMAT " bytes", i,
                      sl_csv_reader_get_bytes_read (reader));
    }

  g_test_message ("peak RSS grew by %" G_GUINT64_FORMAT " KiB", peak_rss_kib () - before);
  g_assert_cmpuint (peak_rss_kib () - before, <, 64 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* First: its peak-memory measurement starts from the process's start. */
  g_test_add_func ("/hostile-input/memory-bounded", test_memory_bounded);
  g_test_add_func ("/hostile-input/ten-megabyte-field", test_ten_megabyte_field);
  g_test_add_func ("/hostile-input/million-columns", test_million_columns);
  g_test_add_func ("/hostile-input/nul-bytes", test_nul_bytes);
  g_test_add_func ("/hostile-input/huge-coordinates", test_huge_coordinates);
  g_test_add_func ("/hostile-input/odd-numerals", test_odd_numerals);

  return g_test_run ();
}
