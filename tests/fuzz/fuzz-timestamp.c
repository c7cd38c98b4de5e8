/* fuzz-timestamp.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "sl-timestamp.h"

/* Input: one option byte, then text.
 *
 * byte 0: the format (value % 6, every SlTimeFormat) and the time zone
 *         (value / 6 % 6), zones chosen for odd rules: DST both ways,
 *         half-hour DST, 45-minute offsets, a date-line jump.
 * text:   "DATE\tTIME" is parsed as two columns, anything else as one
 *         value; every line also goes to format detection. */

static const char * const zone_names[] = {
  "UTC",
  "America/New_York",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Asia/Kathmandu",
  "Pacific/Apia",
};

#define FIRST_CHECKED (G_GINT64_CONSTANT (-2208902400))  /* 1900-01-02 */
#define LAST_CHECKED  (G_GINT64_CONSTANT (7258032000))   /* 2199-12-30 */

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static GTimeZone *zones[G_N_ELEMENTS (zone_names)];
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  SlTimeFormat format;
  GTimeZone *zone;
  const char *tab;
  gint64 utc = 0;
  gboolean ok;

  if (size < 1)
    return 0;

  if (zones[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (zone_names); i++)
      {
        zones[i] = g_time_zone_new_identifier (zone_names[i]);
        g_assert (zones[i] != NULL);
      }

  format = data[0] % 6;
  zone = zones[data[0] / 6 % G_N_ELEMENTS (zones)];
  /* Values come from C strings: whatever follows a NUL is not seen. */
  text = g_strndup ((const char *) data + 1, size - 1);

  lines = g_strsplit (text, "\n", 64);
  format = format == SL_TIME_FORMAT_UNKNOWN
             ? sl_timestamp_detect_format ((const char * const *) lines, g_strv_length (lines),
                                           data[0] & 0x80)
             : format;
  g_assert (format <= SL_TIME_FORMAT_EPOCH_MILLISECONDS);
  g_assert (sl_time_format_to_string (format) != NULL);

  if (format == SL_TIME_FORMAT_UNKNOWN)
    return 0;

  tab = strchr (text, '\t');
  if (tab != NULL && format != SL_TIME_FORMAT_EPOCH_SECONDS &&
      format != SL_TIME_FORMAT_EPOCH_MILLISECONDS)
    {
      g_autofree char *date = g_strndup (text, tab - text);

      ok = sl_timestamp_parse_date_time (date, tab + 1, format, zone, &utc, &error);
    }
  else
    {
      ok = sl_timestamp_parse (text, format, zone, &utc, &error);
    }

  if (!ok)
    {
      g_assert (error != NULL && error->domain == SL_TIMESTAMP_ERROR);
      return 0;
    }
  g_assert_no_error (error);

  /* Accepted times are within the supported years (give or take a zone's
   * offset), and print and read back as the same instant. */
  g_assert (utc >= FIRST_CHECKED - 2 * 86400 && utc <= LAST_CHECKED + 3 * 86400);
  if (utc >= FIRST_CHECKED && utc <= LAST_CHECKED)
    {
      g_autofree char *printed = sl_timestamp_format_utc (utc);
      gint64 again = 0;

      g_assert (sl_timestamp_parse (printed, SL_TIME_FORMAT_YMD, zones[0], &again, NULL));
      g_assert (again == utc);
    }

  return 0;
}
