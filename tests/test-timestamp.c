/* test-timestamp.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-timestamp.h"

/* 2019-03-01 07:42:10 UTC */
#define T0 G_GINT64_CONSTANT (1551426130)

static void
assert_parses (const char   *text,
               SlTimeFormat  format,
               const char   *zone_id,
               gint64        expected)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GError) error = NULL;
  gint64 utc = 0;

  g_assert_nonnull (zone);
  g_assert_true (sl_timestamp_parse (text, format, zone, &utc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (utc, ==, expected);
}

static void
assert_fails (const char   *text,
              SlTimeFormat  format,
              int           code,
              const char   *message)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  gint64 utc = -1;

  g_assert_false (sl_timestamp_parse (text, format, zone, &utc, &error));
  g_assert_error (error, SL_TIMESTAMP_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (utc, ==, -1);
}

static void
test_timestamp_iso8601 (void)
{
  assert_parses ("2019-03-01T07:42:10Z", SL_TIME_FORMAT_YMD, "America/New_York", T0);
  assert_parses ("2019-03-01t07:42:10z", SL_TIME_FORMAT_YMD, "America/New_York", T0);
  assert_parses ("2019-03-01T07:42:10.123Z", SL_TIME_FORMAT_YMD, "UTC", T0);
  assert_parses ("2019-03-01T07:42:10+02:00", SL_TIME_FORMAT_YMD, "UTC", T0 - 7200);
  assert_parses ("2019-03-01T07:42:10-0500", SL_TIME_FORMAT_YMD, "UTC", T0 + 5 * 3600);
  assert_parses ("2019-03-01T07:42:10+05", SL_TIME_FORMAT_YMD, "UTC", T0 - 5 * 3600);
  assert_parses ("2019-03-01 07:42:10 UTC", SL_TIME_FORMAT_YMD, "America/New_York", T0);
  assert_parses ("2019-03-01 07:42:10 GMT-05:00", SL_TIME_FORMAT_YMD, "UTC", T0 + 5 * 3600);
  /* Naive: read in the chosen zone (EST is UTC-5). */
  assert_parses ("2019-03-01T07:42:10", SL_TIME_FORMAT_YMD, "America/New_York", T0 + 5 * 3600);
}

static void
test_timestamp_ymd (void)
{
  assert_parses ("2019-03-01 07:42:10", SL_TIME_FORMAT_YMD, "UTC", T0);
  assert_parses ("2019-03-01 07:42", SL_TIME_FORMAT_YMD, "UTC", T0 - 10);
  assert_parses ("  2019/03/01  7:42:10 ", SL_TIME_FORMAT_YMD, "UTC", T0);
  assert_parses ("2019-3-1 7:42:10", SL_TIME_FORMAT_YMD, "UTC", T0);
  assert_parses ("2019-03-01", SL_TIME_FORMAT_YMD, "UTC", T0 - (7 * 3600 + 42 * 60 + 10));
  assert_parses ("2019/03/01 7:42 PM", SL_TIME_FORMAT_YMD, "America/New_York", 1551487320);
}

static void
test_timestamp_month_first (void)
{
  assert_parses ("03/01/2019 07:42:10", SL_TIME_FORMAT_MDY, "UTC", T0);
  assert_parses ("3/1/2019 7:42:10", SL_TIME_FORMAT_MDY, "UTC", T0);
  assert_parses ("03-01-2019 07:42:10", SL_TIME_FORMAT_MDY, "UTC", T0);
  assert_parses ("03/01/2019 - 07:42:10", SL_TIME_FORMAT_MDY, "UTC", T0);
  assert_parses ("3-1-2019 - 7:42:10 PM", SL_TIME_FORMAT_MDY, "America/New_York", 1551487330);
  assert_parses ("03/01/2019, 7:42:10 a.m.", SL_TIME_FORMAT_MDY, "UTC", T0);
  assert_parses ("03/01/2019 @ 07:42:10", SL_TIME_FORMAT_MDY, "UTC", T0);
  assert_parses ("03/01/19 12:05 AM", SL_TIME_FORMAT_MDY, "UTC", 1551398700);
  assert_parses ("03/01/2019 12:30 PM", SL_TIME_FORMAT_MDY, "UTC", 1551443400);
  assert_parses ("03/01/2019 7:42:10PM", SL_TIME_FORMAT_MDY, "UTC", T0 + 12 * 3600);
  assert_parses ("12/31/99 23:59:59", SL_TIME_FORMAT_MDY, "UTC", 946684799);
}

static void
test_timestamp_day_first (void)
{
  assert_parses ("01/03/2019 07:42:10", SL_TIME_FORMAT_DMY, "UTC", T0);
  assert_parses ("01.03.2019 07:42:10", SL_TIME_FORMAT_DMY, "UTC", T0);
}

static void
test_timestamp_epoch (void)
{
  assert_parses ("1551426130", SL_TIME_FORMAT_EPOCH_SECONDS, "America/New_York", T0);
  assert_parses ("1551426130.75", SL_TIME_FORMAT_EPOCH_SECONDS, "UTC", T0);
  assert_parses ("1551426130123", SL_TIME_FORMAT_EPOCH_MILLISECONDS, "America/New_York", T0);
  assert_parses ("-1000", SL_TIME_FORMAT_EPOCH_MILLISECONDS, "UTC", -1);
}

static void
test_timestamp_date_time_columns (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GError) error = NULL;
  gint64 utc = 0;

  g_assert_true (sl_timestamp_parse_date_time ("03/01/2019", "7:42:10 PM", SL_TIME_FORMAT_MDY,
                                               zone, &utc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (utc, ==, 1551487330);

  g_assert_true (sl_timestamp_parse_date_time ("2019-03-01", "07:42:10Z", SL_TIME_FORMAT_YMD,
                                               zone, &utc, &error));
  g_assert_cmpint (utc, ==, T0);

  g_assert_false (sl_timestamp_parse_date_time ("2019-03-01", "7h42", SL_TIME_FORMAT_YMD,
                                                zone, &utc, &error));
  g_assert_error (error, SL_TIMESTAMP_ERROR, SL_TIMESTAMP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“7h42” is not a date and time in the column’s format");
}

/* The documented rule: a time in the spring-forward gap moves forward by
 * the gap; a time in the fall-back overlap is the earlier instant. */
static void
test_timestamp_dst (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");

  /* 2019-03-10 02:30 does not exist in New York: 02:30 EST = 07:30 UTC. */
  assert_parses ("2019-03-10 02:30:00", SL_TIME_FORMAT_YMD, "America/New_York", 1552203000);
  /* Just before and after the gap. */
  assert_parses ("2019-03-10 01:59:59", SL_TIME_FORMAT_YMD, "America/New_York", 1552201199);
  assert_parses ("2019-03-10 03:00:00", SL_TIME_FORMAT_YMD, "America/New_York", 1552201200);
  /* 2019-11-03 01:30 happens twice: the first, EDT, 05:30 UTC. */
  assert_parses ("2019-11-03 01:30:00", SL_TIME_FORMAT_YMD, "America/New_York", 1572759000);
  assert_parses ("2019-11-03 02:00:00", SL_TIME_FORMAT_YMD, "America/New_York", 1572764400);

  g_assert_cmpint (sl_timestamp_local_to_utc (zone, 1552185000), ==, 1552203000);
}

static void
test_timestamp_errors (void)
{
  assert_fails ("hello", SL_TIME_FORMAT_YMD, SL_TIMESTAMP_ERROR_INVALID,
                "“hello” is not a date and time in the column’s format");
  assert_fails ("", SL_TIME_FORMAT_MDY, SL_TIMESTAMP_ERROR_INVALID,
                "“” is not a date and time in the column’s format");
  assert_fails ("03/01/2019 07:42:10", SL_TIME_FORMAT_YMD, SL_TIMESTAMP_ERROR_INVALID,
                "“03/01/2019 07:42:10” is not a date and time in the column’s format");
  assert_fails ("2019-03-01 07:42:10 junk", SL_TIME_FORMAT_YMD, SL_TIMESTAMP_ERROR_INVALID,
                "“2019-03-01 07:42:10 junk” is not a date and time in the column’s format");
  assert_fails ("1551426130x", SL_TIME_FORMAT_EPOCH_SECONDS, SL_TIMESTAMP_ERROR_INVALID,
                "“1551426130x” is not a date and time in the column’s format");
  assert_fails ("2019-13-01 00:00", SL_TIME_FORMAT_YMD, SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
                "“2019-13-01 00:00” is out of range (year 1900–2199, month 1–12, valid day, hour 0–23)");
  assert_fails ("2019-02-29", SL_TIME_FORMAT_YMD, SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
                "“2019-02-29” is out of range (year 1900–2199, month 1–12, valid day, hour 0–23)");
  assert_fails ("13/01/2019 10:00", SL_TIME_FORMAT_MDY, SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
                "“13/01/2019 10:00” is out of range (year 1900–2199, month 1–12, valid day, hour 0–23)");
  assert_fails ("03/01/2019 13:00 PM", SL_TIME_FORMAT_MDY, SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
                "“03/01/2019 13:00 PM” is out of range (year 1900–2199, month 1–12, valid day, hour 0–23)");
  assert_fails ("2019-03-01 24:00", SL_TIME_FORMAT_YMD, SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
                "“2019-03-01 24:00” is out of range (year 1900–2199, month 1–12, valid day, hour 0–23)");
  assert_fails ("99999999999999", SL_TIME_FORMAT_EPOCH_SECONDS, SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
                "“99999999999999” is out of range (year 1900–2199, month 1–12, valid day, hour 0–23)");
}

static void
assert_detects (SlTimeFormat expected,
                gboolean     day_first,
                ...)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new ();
  const char *s;
  va_list args;

  va_start (args, day_first);
  while ((s = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (samples, (gpointer) s);
  va_end (args);

  g_assert_cmpstr (sl_time_format_to_string (sl_timestamp_detect_format ((const char * const *) samples->pdata,
                                                                         samples->len, day_first)),
                   ==, sl_time_format_to_string (expected));
}

static void
test_timestamp_detect (void)
{
  SlTimeFormat format;

  assert_detects (SL_TIME_FORMAT_YMD, FALSE, "2019-03-01T07:42:10Z", "2019-03-02T00:00:00Z", NULL);
  assert_detects (SL_TIME_FORMAT_YMD, FALSE, "2019/03/01 7:42 PM", NULL);
  /* Ambiguous slash dates are month first… */
  assert_detects (SL_TIME_FORMAT_MDY, FALSE, "03/04/2019 10:00", "03/05/2019 11:00", NULL);
  assert_detects (SL_TIME_FORMAT_MDY, FALSE, "03/04/2019", "03/25/2019", NULL);
  /* …unless one value proves day first, or the user says so. */
  assert_detects (SL_TIME_FORMAT_DMY, FALSE, "03/04/2019", "25/03/2019", NULL);
  assert_detects (SL_TIME_FORMAT_DMY, TRUE, "03/04/2019", "03/05/2019", NULL);
  /* Contradicting values: month first; the bad rows are skipped later. */
  assert_detects (SL_TIME_FORMAT_MDY, FALSE, "25/03/2019", "03/25/2019", NULL);
  assert_detects (SL_TIME_FORMAT_EPOCH_SECONDS, FALSE, "1551426130", "1551426131", NULL);
  assert_detects (SL_TIME_FORMAT_EPOCH_MILLISECONDS, FALSE, "1551426130", "1551426130123", NULL);
  assert_detects (SL_TIME_FORMAT_UNKNOWN, FALSE, "abc", "12", NULL);
  assert_detects (SL_TIME_FORMAT_UNKNOWN, FALSE, NULL);

  g_assert_true (sl_time_format_from_string ("mdy", &format));
  g_assert_cmpint (format, ==, SL_TIME_FORMAT_MDY);
  g_assert_false (sl_time_format_from_string ("us", &format));
}

static void
test_timestamp_format (void)
{
  g_autofree char *text = sl_timestamp_format_utc (T0);

  g_assert_cmpstr (text, ==, "2019-03-01T07:42:10Z");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timestamp/iso8601", test_timestamp_iso8601);
  g_test_add_func ("/timestamp/ymd", test_timestamp_ymd);
  g_test_add_func ("/timestamp/month-first", test_timestamp_month_first);
  g_test_add_func ("/timestamp/day-first", test_timestamp_day_first);
  g_test_add_func ("/timestamp/epoch", test_timestamp_epoch);
  g_test_add_func ("/timestamp/date-time-columns", test_timestamp_date_time_columns);
  g_test_add_func ("/timestamp/dst", test_timestamp_dst);
  g_test_add_func ("/timestamp/errors", test_timestamp_errors);
  g_test_add_func ("/timestamp/detect", test_timestamp_detect);
  g_test_add_func ("/timestamp/format", test_timestamp_format);

  return g_test_run ();
}
