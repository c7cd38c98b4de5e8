/* test-csv-reader.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sl-csv-reader.h"

static SlCsvReader *
reader_for_data (const char *data,
                 gssize      length)
{
  g_autoptr(GInputStream) stream = NULL;

  if (length < 0)
    length = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, length), length, g_free);

  return sl_csv_reader_new (stream, "in.csv");
}

/* Every record as "LINE:field|field|…" on its own line; newlines and
 * carriage returns inside fields shown as \n and \r. */
static char *
dump_records (SlCsvReader  *reader,
              GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  while (sl_csv_reader_next (reader, NULL, error))
    {
      g_string_append_printf (out, "%" G_GUINT64_FORMAT ":", sl_csv_reader_get_line (reader));
      for (guint i = 0; i < sl_csv_reader_get_n_fields (reader); i++)
        {
          const char *field = sl_csv_reader_get_field (reader, i, NULL);

          if (i > 0)
            g_string_append_c (out, '|');
          for (const char *p = field; *p != '\0'; p++)
            {
              if (*p == '\n')
                g_string_append (out, "\\n");
              else if (*p == '\r')
                g_string_append (out, "\\r");
              else
                g_string_append_c (out, *p);
            }
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_parses (const char *input,
               char        expected_delimiter,
               gboolean    expected_header,
               const char *expected)
{
  g_autoptr(SlCsvReader) reader = reader_for_data (input, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *records = dump_records (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sl_csv_reader_get_delimiter (reader), ==, expected_delimiter);
  g_assert_cmpint (sl_csv_reader_get_has_header (reader), ==, expected_header);
  g_assert_cmpstr (records, ==, expected);
  g_assert_cmpuint (sl_csv_reader_get_bytes_read (reader), ==, strlen (input));
}

static void
test_csv_delimiters (void)
{
  const char *expected = "2:ABC123|2019-03-01 07:42:10|41.1|-73.4\n"
                         "3:XYZ 9|2019-03-02 08:00:00|41.2|-73.5\n";

  assert_parses ("plate,time,lat,lon\nABC123,2019-03-01 07:42:10,41.1,-73.4\nXYZ 9,2019-03-02 08:00:00,41.2,-73.5\n",
                 ',', TRUE, expected);
  assert_parses ("plate;time;lat;lon\nABC123;2019-03-01 07:42:10;41.1;-73.4\nXYZ 9;2019-03-02 08:00:00;41.2;-73.5\n",
                 ';', TRUE, expected);
  assert_parses ("plate\ttime\tlat\tlon\nABC123\t2019-03-01 07:42:10\t41.1\t-73.4\nXYZ 9\t2019-03-02 08:00:00\t41.2\t-73.5\n",
                 '\t', TRUE, expected);
  assert_parses ("plate|time|lat|lon\nABC123|2019-03-01 07:42:10|41.1|-73.4\nXYZ 9|2019-03-02 08:00:00|41.2|-73.5\n",
                 '|', TRUE, expected);

  /* Decimal commas inside a semicolon file: the header row settles it. */
  assert_parses ("plate;lat;lon\nABC;41,5;-73,2\nDEF;41,6;-73,3\n",
                 ';', TRUE, "2:ABC|41,5|-73,2\n3:DEF|41,6|-73,3\n");
}

static void
test_csv_explicit_delimiter (void)
{
  g_autoptr(SlCsvReader) reader = reader_for_data ("a;b,c\n1;2,3\n", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *records = NULL;

  sl_csv_reader_set_delimiter (reader, ',');
  records = dump_records (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (records, ==, "2:1;2|3\n");
  g_assert_cmpstr (sl_csv_reader_get_header (reader)[0], ==, "a;b");
}

static void
test_csv_quoting (void)
{
  /* Embedded delimiters, doubled quotes, an embedded CRLF and LF (the
   * next record's line number counts them), empty quoted fields, text
   * after a closing quote and a stray quote in an unquoted field. */
  assert_parses ("plate,note,n\r\n"
                 "\"AB,C\",\"say \"\"hi\"\"\",1\r\n"
                 "\"X\",\"two\r\nlines\nthree\",2\r\n"
                 "\"\",\"\",3\r\n"
                 "\"ab\"cd,5\"6,4\r\n"
                 "last,\"\"\"\",5",
                 ',', TRUE,
                 "2:AB,C|say \"hi\"|1\n"
                 "3:X|two\\r\\nlines\\nthree|2\n"
                 "6:||3\n"
                 "7:abcd|5\"6|4\n"
                 "8:last|\"|5\n");
}

static void
test_csv_line_endings (void)
{
  const char *expected = "2:1|2\n3:3|4\n";

  assert_parses ("a,b\n1,2\n3,4\n", ',', TRUE, expected);
  assert_parses ("a,b\r\n1,2\r\n3,4\r\n", ',', TRUE, expected);
  assert_parses ("a,b\r1,2\r3,4\r", ',', TRUE, expected);
  assert_parses ("a,b\r\n1,2\r3,4", ',', TRUE, expected);
  /* Blank lines are skipped but counted. */
  assert_parses ("a,b\n\n1,2\r\n\r\n3,4\n\n", ',', TRUE, "3:1|2\n5:3|4\n");
}

static void
test_csv_bom (void)
{
  g_autoptr(SlCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *records = NULL;

  assert_parses ("\xEF\xBB\xBFplate,lat\nA1,41.5\n", ',', TRUE, "2:A1|41.5\n");

  reader = reader_for_data ("\xEF\xBB\xBFplate,lat\nA1,41.5\n", -1);
  records = dump_records (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_csv_reader_get_header (reader)[0], ==, "plate");
}

static void
test_csv_header_detection (void)
{
  /* No header: every column has digits, or is text throughout. */
  assert_parses ("ABC123,2019-03-01 07:42:10,41.1,Norwalk PD\nXYZ9,2019-03-02 08:00:00,41.2,Norwalk PD\n",
                 ',', FALSE,
                 "1:ABC123|2019-03-01 07:42:10|41.1|Norwalk PD\n2:XYZ9|2019-03-02 08:00:00|41.2|Norwalk PD\n");
  /* A header, even with a digit in one name. */
  assert_parses ("plate,lat1\nA1,41.1\nB2,41.2\n", ',', TRUE, "2:A1|41.1\n3:B2|41.2\n");
}

static void
test_csv_header_mode (void)
{
  g_autoptr(SlCsvReader) reader = reader_for_data ("plate,lat\nA1,41.1\n", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *records = NULL;

  sl_csv_reader_set_header_mode (reader, SL_CSV_HEADER_ABSENT);
  records = dump_records (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (records, ==, "1:plate|lat\n2:A1|41.1\n");
  g_assert_null (sl_csv_reader_get_header (reader));
}

static void
test_csv_invalid_utf8 (void)
{
  g_autoptr(SlCsvReader) reader = reader_for_data ("plate,agency\nA1,Norwalk\nB\xff" "2,Caf\xc3\xa9\nC3,Bad\xc3\n", -1);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_csv_reader_next (reader, NULL, &error));
  g_assert_cmpint (sl_csv_reader_get_invalid_utf8_field (reader), ==, -1);
  g_assert_true (sl_csv_reader_next (reader, NULL, &error));
  g_assert_cmpint (sl_csv_reader_get_invalid_utf8_field (reader), ==, 0);
  g_assert_cmpuint (sl_csv_reader_get_line (reader), ==, 3);
  g_assert_true (sl_csv_reader_next (reader, NULL, &error));
  g_assert_cmpint (sl_csv_reader_get_invalid_utf8_field (reader), ==, 1);
  g_assert_false (sl_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_fails (SlCsvReader *reader,
              int          code,
              const char  *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *records = dump_records (reader, &error);

  g_assert_error (error, SL_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  /* Finished after an error. */
  g_assert_false (sl_csv_reader_next (reader, NULL, NULL));
}

static void
test_csv_limits (void)
{
  g_autoptr(SlCsvReader) reader = NULL;
  g_autoptr(GString) wide = g_string_new ("a");
  g_autoptr(GString) long_field = g_string_new ("plate,note\nA1,ok\nB2,\"");

  reader = reader_for_data ("plate,note\nA1,ok\nB2,abcdefghijk\n", -1);
  sl_csv_reader_set_max_field_size (reader, 10);
  assert_fails (reader, SL_CSV_ERROR_FIELD_TOO_LONG,
                "in.csv: line 3, field 2 (“note”): field longer than 10 bytes; "
                "is the delimiter or the quoting wrong?");
  g_clear_object (&reader);

  for (guint i = 0; i < 2000; i++)
    g_string_append (wide, ",a");
  g_string_prepend (wide, "x,y\n1,2\n");
  reader = reader_for_data (wide->str, wide->len);
  assert_fails (reader, SL_CSV_ERROR_TOO_MANY_COLUMNS,
                "in.csv: line 3: more than 1024 fields in one record");
  g_clear_object (&reader);

  /* A quote that is never closed swallows the rest of the file: the field
   * limit stops it long before memory runs out. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (long_field, "C3,text\n");
  reader = reader_for_data (long_field->str, long_field->len);
  assert_fails (reader, SL_CSV_ERROR_FIELD_TOO_LONG,
                "in.csv: line 3, field 2 (“note”): field longer than 65536 bytes; "
                "is the delimiter or the quoting wrong?");
  g_clear_object (&reader);

  reader = reader_for_data ("plate,note\nA1,\"open\nB2,x\n", -1);
  assert_fails (reader, SL_CSV_ERROR_UNTERMINATED_QUOTE,
                "in.csv: line 2, field 2 (“note”): quoted field is never closed");
}

static void
test_csv_not_text (void)
{
  g_autoptr(SlCsvReader) reader = NULL;

  reader = reader_for_data ("\xFF\xFEp\0l\0", 6);
  assert_fails (reader, SL_CSV_ERROR_NOT_TEXT,
                "in.csv: the file is UTF-16 text; save it as UTF-8 (or CSV UTF-8) and try again");
  g_clear_object (&reader);

  reader = reader_for_data ("PK\3\4\0\0binary", 12);
  assert_fails (reader, SL_CSV_ERROR_NOT_TEXT,
                "in.csv: the file is not delimited text (it contains NUL bytes); "
                "spreadsheets must be saved as CSV first");
  g_clear_object (&reader);

  reader = reader_for_data ("\n\n", -1);
  assert_fails (reader, SL_CSV_ERROR_EMPTY, "in.csv: the file has no records");
}

/* Line ends and quotes that straddle the 64 KiB read buffer. */
static void
test_csv_buffer_boundaries (void)
{
  for (guint shift = 0; shift < 4; shift++)
    {
      g_autoptr(GString) input = g_string_new ("plate,note\n");
      g_autoptr(SlCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *records = NULL;
      /* Puts the embedded CR at offsets 65536, 65535, 65534, 65533. */
      gsize pad = 65536 - strlen ("plate,note\nA1,\"") - shift;
      g_autofree char *padding = g_strnfill (pad, 'x');

      g_string_append (input, "A1,\"");
      g_string_append (input, padding);
      g_string_append (input, "\r\n\"\"end\"\r\nB2,z\r\n");
      reader = reader_for_data (input->str, input->len);
      sl_csv_reader_set_max_field_size (reader, 100000);
      records = dump_records (reader, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (records), ==, pad + strlen ("2:A1|\\r\\n\"end\n4:B2|z\n"));
      g_assert_true (g_str_has_prefix (records, "2:A1|xxx"));
      g_assert_true (g_str_has_suffix (records, "x\\r\\n\"end\n4:B2|z\n"));
      g_assert_cmpuint (sl_csv_reader_get_bytes_read (reader), ==, input->len);
    }
}

static void
test_csv_from_path (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCsvReader) reader = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "missing.csv", NULL);
  reader = sl_csv_reader_new_for_path (path, &error);
  g_assert_null (reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/csv/explicit-delimiter", test_csv_explicit_delimiter);
  g_test_add_func ("/csv/quoting", test_csv_quoting);
  g_test_add_func ("/csv/line-endings", test_csv_line_endings);
  g_test_add_func ("/csv/bom", test_csv_bom);
  g_test_add_func ("/csv/header-detection", test_csv_header_detection);
  g_test_add_func ("/csv/header-mode", test_csv_header_mode);
  g_test_add_func ("/csv/invalid-utf8", test_csv_invalid_utf8);
  g_test_add_func ("/csv/limits", test_csv_limits);
  g_test_add_func ("/csv/not-text", test_csv_not_text);
  g_test_add_func ("/csv/buffer-boundaries", test_csv_buffer_boundaries);
  g_test_add_func ("/csv/from-path", test_csv_from_path);

  return g_test_run ();
}
