/* sl-timestamp.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-timestamp"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sl-timestamp.h"

/* Epoch values at or above this are milliseconds: 1e11 seconds is the year
 * 5138, 1e11 milliseconds is March 1973. */
#define EPOCH_MILLISECONDS_THRESHOLD G_GINT64_CONSTANT (100000000000)

#define MIN_YEAR 1900
#define MAX_YEAR 2199

G_DEFINE_QUARK (sl-timestamp-error-quark, sl_timestamp_error)

static const char * const format_names[] = {
  [SL_TIME_FORMAT_UNKNOWN]            = "unknown",
  [SL_TIME_FORMAT_YMD]                = "ymd",
  [SL_TIME_FORMAT_MDY]                = "mdy",
  [SL_TIME_FORMAT_DMY]                = "dmy",
  [SL_TIME_FORMAT_EPOCH_SECONDS]      = "epoch-seconds",
  [SL_TIME_FORMAT_EPOCH_MILLISECONDS] = "epoch-milliseconds",
};

const char *
sl_time_format_to_string (SlTimeFormat format)
{
  g_return_val_if_fail (format <= SL_TIME_FORMAT_EPOCH_MILLISECONDS, NULL);

  return format_names[format];
}

gboolean
sl_time_format_from_string (const char   *string,
                            SlTimeFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_strcmp0 (string, format_names[i]) == 0)
        {
          *format = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sl_timestamp_days_from_civil:
 * @y: the year, proleptic Gregorian
 * @m: the month, 1 to 12
 * @d: the day of the month, 1 to 31
 *
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * algorithm): no allocation, unlike GDateTime, which matters at millions
 * of rows. The CSV parser and the demo generator share it so both agree
 * on every date.
 *
 * Returns: the day number, negative before 1970
 */
gint64
sl_timestamp_days_from_civil (gint64 y,
                              guint  m,
                              guint  d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (gint64) doe - 719468;
}

static guint
days_in_month (gint64 year,
               guint  month)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;

  return days[month - 1];
}

static gint32
offset_at (GTimeZone *zone,
           gint64     utc)
{
  return g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc));
}

/**
 * sl_timestamp_local_to_utc:
 * @zone: the time zone the wall-clock time was read in
 * @local: a wall-clock time, as seconds since 1970-01-01 00:00 of that clock
 *
 * Converts a wall-clock time to UTC. Twice a year a wall-clock time is
 * ambiguous; the rule is fixed so every import gives the same answer:
 * in a gap (spring forward, 02:30 never happens) the time is read with the
 * offset in force before the gap, which moves it forward by the length of
 * the gap (02:30 EST = 03:30 EDT); in an overlap (fall back, 01:30 happens
 * twice) the earlier instant is taken (01:30 EDT).
 *
 * Returns: seconds since 1970-01-01 00:00 UTC
 */
gint64
sl_timestamp_local_to_utc (GTimeZone *zone,
                           gint64     local)
{
  /* The offsets in force a day either side bracket any transition near
   * @local; a zone changes offset at most once in that window. */
  gint32 before = offset_at (zone, local - 86400);
  gint32 after = offset_at (zone, local + 86400);
  gboolean before_valid = offset_at (zone, local - before) == before;
  gboolean after_valid = offset_at (zone, local - after) == after;

  if (before_valid && after_valid)
    return MIN (local - before, local - after);
  if (before_valid)
    return local - before;
  if (after_valid)
    return local - after;

  return local - before;
}

typedef struct
{
  const char *p;
  int         year;
  int         month;
  int         day;
  int         hour;
  int         minute;
  int         second;
  gboolean    has_offset;
  int         offset;
} Parsed;

static int
read_number (const char **p,
             int          max_digits,
             int         *n_digits)
{
  int value = 0;
  int n = 0;

  while (n < max_digits && g_ascii_isdigit (**p))
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  *n_digits = n;
  return value;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

static gboolean
is_date_separator (char c)
{
  return c == '-' || c == '/' || c == '.';
}

static gboolean
parse_date (Parsed       *parsed,
            SlTimeFormat  format)
{
  int a, b, c;
  int na, nb, nc;

  skip_spaces (&parsed->p);
  a = read_number (&parsed->p, 4, &na);
  if (na == 0 || !is_date_separator (*parsed->p))
    return FALSE;
  parsed->p++;
  b = read_number (&parsed->p, 2, &nb);
  if (nb == 0 || !is_date_separator (*parsed->p))
    return FALSE;
  parsed->p++;
  c = read_number (&parsed->p, 4, &nc);
  if (nc == 0 || g_ascii_isdigit (*parsed->p))
    return FALSE;

  switch (format)
    {
    case SL_TIME_FORMAT_YMD:
      if (na != 4 || nc > 2)
        return FALSE;
      parsed->year = a;
      parsed->month = b;
      parsed->day = c;
      break;

    case SL_TIME_FORMAT_MDY:
    case SL_TIME_FORMAT_DMY:
      if (na > 2 || (nc != 4 && nc != 2))
        return FALSE;
      /* Two-digit years: 70–99 are the 1900s, the rest the 2000s. */
      parsed->year = nc == 4 ? c : (c >= 70 ? 1900 + c : 2000 + c);
      parsed->month = format == SL_TIME_FORMAT_MDY ? a : b;
      parsed->day = format == SL_TIME_FORMAT_MDY ? b : a;
      break;

    default:
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_meridiem (Parsed *parsed)
{
  const char *p = parsed->p;
  gboolean pm;

  if (*p == 'a' || *p == 'A')
    pm = FALSE;
  else if (*p == 'p' || *p == 'P')
    pm = TRUE;
  else
    return TRUE;
  p++;
  if (*p == '.')
    p++;
  if (*p == 'm' || *p == 'M')
    {
      p++;
      if (*p == '.')
        p++;
    }
  if (g_ascii_isalpha (*p))
    return FALSE;

  if (parsed->hour < 1 || parsed->hour > 12)
    {
      parsed->hour = 99;  /* reported as out of range */
      parsed->p = p;
      return TRUE;
    }

  if (pm && parsed->hour != 12)
    parsed->hour += 12;
  else if (!pm && parsed->hour == 12)
    parsed->hour = 0;
  parsed->p = p;

  return TRUE;
}

static gboolean
parse_offset (Parsed *parsed)
{
  const char *p = parsed->p;
  int sign, hours, minutes = 0, n;

  if (*p == 'Z' || *p == 'z')
    {
      parsed->p = p + 1;
      parsed->has_offset = TRUE;
      parsed->offset = 0;
      return TRUE;
    }

  if (g_ascii_strncasecmp (p, "UTC", 3) == 0 || g_ascii_strncasecmp (p, "GMT", 3) == 0)
    {
      p += 3;
      parsed->has_offset = TRUE;
      parsed->offset = 0;
      if (*p != '+' && *p != '-')
        {
          parsed->p = p;
          return TRUE;
        }
    }

  if (*p != '+' && *p != '-')
    return TRUE;

  sign = *p == '-' ? -1 : 1;
  p++;
  hours = read_number (&p, 2, &n);
  if (n == 0)
    return FALSE;
  if (n == 1 && g_ascii_isdigit (*p))
    return FALSE;
  if (*p == ':')
    p++;
  if (g_ascii_isdigit (*p))
    {
      minutes = read_number (&p, 2, &n);
      if (n != 2)
        return FALSE;
    }
  if (hours > 14 || minutes > 59)
    return FALSE;

  parsed->has_offset = TRUE;
  parsed->offset = sign * (hours * 3600 + minutes * 60);
  parsed->p = p;

  return TRUE;
}

/* "HH:MM[:SS[.fff]] [AM|PM] [Z|±HH[:MM]|UTC]"; fractions are dropped. */
static gboolean
parse_time (Parsed *parsed)
{
  int n;

  skip_spaces (&parsed->p);
  parsed->hour = read_number (&parsed->p, 2, &n);
  if (n == 0 || *parsed->p != ':')
    return FALSE;
  parsed->p++;
  parsed->minute = read_number (&parsed->p, 2, &n);
  if (n != 2)
    return FALSE;
  if (*parsed->p == ':')
    {
      parsed->p++;
      parsed->second = read_number (&parsed->p, 2, &n);
      if (n != 2)
        return FALSE;
      if (*parsed->p == '.' || *parsed->p == ',')
        {
          parsed->p++;
          if (!g_ascii_isdigit (*parsed->p))
            return FALSE;
          while (g_ascii_isdigit (*parsed->p))
            parsed->p++;
        }
    }

  skip_spaces (&parsed->p);
  if (!parse_meridiem (parsed))
    return FALSE;
  skip_spaces (&parsed->p);
  if (!parse_offset (parsed))
    return FALSE;
  skip_spaces (&parsed->p);

  return TRUE;
}

static gboolean
set_invalid (GError     **error,
             const char  *text)
{
  g_set_error (error, SL_TIMESTAMP_ERROR, SL_TIMESTAMP_ERROR_INVALID,
               _("“%s” is not a date and time in the column’s format"), text);
  return FALSE;
}

static gboolean
finish (Parsed      *parsed,
        const char  *text,
        GTimeZone   *zone,
        gint64      *out_utc,
        GError     **error)
{
  gint64 local;

  if (parsed->year < MIN_YEAR || parsed->year > MAX_YEAR ||
      parsed->month < 1 || parsed->month > 12 ||
      parsed->day < 1 || parsed->day > (int) days_in_month (parsed->year, parsed->month) ||
      parsed->hour > 23 || parsed->minute > 59 || parsed->second > 60)
    {
      g_set_error (error, SL_TIMESTAMP_ERROR, SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
                   _("“%s” is out of range (year %d–%d, month 1–12, valid day, hour 0–23)"),
                   text, MIN_YEAR, MAX_YEAR);
      return FALSE;
    }

  /* A leap second is stored as the second before it. */
  local = sl_timestamp_days_from_civil (parsed->year, parsed->month, parsed->day) * 86400 +
          parsed->hour * 3600 + parsed->minute * 60 + MIN (parsed->second, 59);

  if (parsed->has_offset)
    *out_utc = local - parsed->offset;
  else
    *out_utc = sl_timestamp_local_to_utc (zone, local);

  return TRUE;
}

static gboolean
parse_epoch (const char    *text,
             SlTimeFormat   format,
             gint64        *out_utc,
             GError       **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 value = 0;
  int n = 0;

  skip_spaces (&p);
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  while (g_ascii_isdigit (*p) && n < 15)
    {
      value = value * 10 + (*p - '0');
      p++;
      n++;
    }
  if (n == 0)
    return set_invalid (error, text);
  /* Fractions of the unit are dropped. */
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  skip_spaces (&p);
  if (*p != '\0' || g_ascii_isdigit (*p))
    return set_invalid (error, text);

  if (negative)
    value = -value;
  if (format == SL_TIME_FORMAT_EPOCH_MILLISECONDS)
    value = value >= 0 ? value / 1000 : -((-value + 999) / 1000);

  if (value < sl_timestamp_days_from_civil (MIN_YEAR, 1, 1) * 86400 ||
      value >= sl_timestamp_days_from_civil (MAX_YEAR + 1, 1, 1) * 86400)
    {
      g_set_error (error, SL_TIMESTAMP_ERROR, SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
                   _("“%s” is out of range (year %d–%d, month 1–12, valid day, hour 0–23)"),
                   text, MIN_YEAR, MAX_YEAR);
      return FALSE;
    }

  *out_utc = value;
  return TRUE;
}

/**
 * sl_timestamp_parse:
 * @text: a date and time, e.g. "2019-03-01T07:42:10Z" or "3/1/2019 - 7:42 PM"
 * @format: the column's format (see sl_timestamp_detect_format())
 * @zone: the zone of times without an offset
 * @out_utc: (out): seconds since 1970-01-01 00:00 UTC
 * @error: location for a #GError
 *
 * Reads a date followed by a time, separated by `T`, spaces, `-`, `,` or
 * `@` in any combination, e.g. " - ". The time is optional (midnight).
 *
 * Returns: %TRUE on success
 */
gboolean
sl_timestamp_parse (const char    *text,
                    SlTimeFormat   format,
                    GTimeZone     *zone,
                    gint64        *out_utc,
                    GError       **error)
{
  Parsed parsed = { text, 0, };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (zone != NULL, FALSE);

  if (format == SL_TIME_FORMAT_EPOCH_SECONDS || format == SL_TIME_FORMAT_EPOCH_MILLISECONDS)
    return parse_epoch (text, format, out_utc, error);

  if (!parse_date (&parsed, format))
    return set_invalid (error, text);

  {
    const char *before = parsed.p;

    while (*parsed.p == ' ' || *parsed.p == '\t' || *parsed.p == 'T' || *parsed.p == 't' ||
           *parsed.p == '-' || *parsed.p == ',' || *parsed.p == '@')
      parsed.p++;
    if (*parsed.p != '\0' && (parsed.p == before || !parse_time (&parsed)))
      return set_invalid (error, text);
  }

  if (*parsed.p != '\0')
    return set_invalid (error, text);

  return finish (&parsed, text, zone, out_utc, error);
}

/**
 * sl_timestamp_parse_date_time:
 * @date: the date column's value
 * @time: the time column's value
 * @format: the date column's format
 * @zone: the zone of times without an offset
 * @out_utc: (out): seconds since 1970-01-01 00:00 UTC
 * @error: location for a #GError
 *
 * Like sl_timestamp_parse() for files that keep date and time in two
 * columns.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_timestamp_parse_date_time (const char    *date,
                              const char    *time,
                              SlTimeFormat   format,
                              GTimeZone     *zone,
                              gint64        *out_utc,
                              GError       **error)
{
  Parsed parsed = { date, 0, };
  g_autofree char *both = NULL;

  g_return_val_if_fail (date != NULL && time != NULL, FALSE);

  if (!parse_date (&parsed, format))
    return set_invalid (error, date);
  skip_spaces (&parsed.p);
  if (*parsed.p != '\0')
    return set_invalid (error, date);

  parsed.p = time;
  if (!parse_time (&parsed) || *parsed.p != '\0')
    return set_invalid (error, time);

  both = g_strconcat (date, " ", time, NULL);
  return finish (&parsed, both, zone, out_utc, error);
}

static gboolean
is_epoch_like (const char *s,
               gint64     *value)
{
  const char *p = s;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;

  *value = g_ascii_strtoll (s, NULL, 10);
  /* A plain number below 1e8 (1973) is more likely an id than a time.
   * Not ABS(): strtoll() saturates a long negative number to G_MININT64,
   * whose negation overflows. */
  return *value >= 100000000 || *value <= -100000000;
}

/**
 * sl_timestamp_detect_format:
 * @samples: (array length=n_samples): values of one column
 * @n_samples: how many
 * @day_first: read ambiguous slash dates as day first
 *
 * Chooses one format for a whole column, so "03/04/2019" means the same
 * day in every row: month first unless a value proves the column is day
 * first ("13/04/2019") or @day_first is set. Epoch values are milliseconds
 * when any is 1e11 or more.
 *
 * Returns: the format most samples are in, or %SL_TIME_FORMAT_UNKNOWN
 */
SlTimeFormat
sl_timestamp_detect_format (const char * const *samples,
                            guint               n_samples,
                            gboolean            day_first)
{
  guint n_epoch = 0, n_ymd = 0, n_slash = 0;
  gboolean milliseconds = FALSE;
  gboolean proves_dmy = FALSE, proves_mdy = FALSE;

  for (guint i = 0; i < n_samples; i++)
    {
      const char *s = samples[i];
      Parsed parsed = { s, 0, };
      gint64 value;

      if (s == NULL)
        continue;
      while (*s == ' ')
        s++;

      if (is_epoch_like (s, &value))
        {
          n_epoch++;
          if (value >= EPOCH_MILLISECONDS_THRESHOLD || value <= -EPOCH_MILLISECONDS_THRESHOLD)
            milliseconds = TRUE;
        }
      else if (parse_date (&parsed, SL_TIME_FORMAT_YMD))
        {
          n_ymd++;
        }
      else if ((parsed.p = s, parse_date (&parsed, SL_TIME_FORMAT_MDY)))
        {
          n_slash++;
          if (parsed.month > 12 && parsed.day <= 12)
            proves_dmy = TRUE;
          else if (parsed.day > 12 && parsed.month <= 12)
            proves_mdy = TRUE;
        }
    }

  if (n_epoch == 0 && n_ymd == 0 && n_slash == 0)
    return SL_TIME_FORMAT_UNKNOWN;

  if (n_epoch >= n_ymd && n_epoch >= n_slash)
    return milliseconds ? SL_TIME_FORMAT_EPOCH_MILLISECONDS : SL_TIME_FORMAT_EPOCH_SECONDS;

  if (n_ymd >= n_slash)
    return SL_TIME_FORMAT_YMD;

  if (day_first || (proves_dmy && !proves_mdy))
    return SL_TIME_FORMAT_DMY;

  return SL_TIME_FORMAT_MDY;
}

/**
 * sl_timestamp_format_utc:
 * @utc: seconds since 1970-01-01 00:00 UTC
 *
 * Returns: (transfer full): ISO 8601 in UTC, e.g. "2019-03-01T07:42:10Z"
 */
char *
sl_timestamp_format_utc (gint64 utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);

  if (dt == NULL)
    return g_strdup ("");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
