/* sl-timestamp.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_TIMESTAMP_ERROR (sl_timestamp_error_quark ())

typedef enum
{
  /* Not a date or time in the column's format. */
  SL_TIMESTAMP_ERROR_INVALID,
  /* Looks like one, but a part is out of range (month 13, 25:00, …). */
  SL_TIMESTAMP_ERROR_OUT_OF_RANGE,
} SlTimestampError;

/* How the dates of one column are written. Times, AM/PM and offsets are
 * recognised in every textual format. */
typedef enum
{
  SL_TIME_FORMAT_UNKNOWN,
  /* Year first: ISO 8601, "2019-03-01 07:42:10", "2019/03/01 7:42 PM". */
  SL_TIME_FORMAT_YMD,
  /* US month first: "03/01/2019 07:42", "3-1-19 - 7:42:10 PM". */
  SL_TIME_FORMAT_MDY,
  /* Day first: "01/03/2019 07:42". */
  SL_TIME_FORMAT_DMY,
  /* Seconds since 1970-01-01 UTC. */
  SL_TIME_FORMAT_EPOCH_SECONDS,
  /* Milliseconds since 1970-01-01 UTC. */
  SL_TIME_FORMAT_EPOCH_MILLISECONDS,
} SlTimeFormat;

GQuark        sl_timestamp_error_quark        (void);
const char   *sl_time_format_to_string        (SlTimeFormat         format);
gboolean      sl_time_format_from_string      (const char          *string,
                                               SlTimeFormat        *format);
SlTimeFormat  sl_timestamp_detect_format      (const char * const  *samples,
                                               guint                n_samples,
                                               gboolean             day_first);
gboolean      sl_timestamp_parse              (const char          *text,
                                               SlTimeFormat         format,
                                               GTimeZone           *zone,
                                               gint64              *out_utc,
                                               GError             **error);
gboolean      sl_timestamp_parse_date_time    (const char          *date,
                                               const char          *time,
                                               SlTimeFormat         format,
                                               GTimeZone           *zone,
                                               gint64              *out_utc,
                                               GError             **error);
gint64        sl_timestamp_local_to_utc       (GTimeZone           *zone,
                                               gint64               local);
char         *sl_timestamp_format_utc         (gint64               utc);
gint64        sl_timestamp_days_from_civil    (gint64               y,
                                               guint                m,
                                               guint                d);

G_END_DECLS
