/* sl-csv-reader.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SL_CSV_ERROR (sl_csv_error_quark ())

typedef enum
{
  /* A field longer than the limit (see sl_csv_reader_set_max_field_size()). */
  SL_CSV_ERROR_FIELD_TOO_LONG,
  /* A record with more fields than the limit. */
  SL_CSV_ERROR_TOO_MANY_COLUMNS,
  /* The file ended inside a quoted field. */
  SL_CSV_ERROR_UNTERMINATED_QUOTE,
  /* Not text this reader understands (UTF-16, NUL bytes in the sample). */
  SL_CSV_ERROR_NOT_TEXT,
  /* The file has no records at all. */
  SL_CSV_ERROR_EMPTY,
} SlCsvError;

typedef enum
{
  SL_CSV_HEADER_AUTO,
  SL_CSV_HEADER_PRESENT,
  SL_CSV_HEADER_ABSENT,
} SlCsvHeaderMode;

#define SL_CSV_DEFAULT_MAX_FIELD_SIZE (64 * 1024)
#define SL_CSV_DEFAULT_MAX_COLUMNS    1024

#define SL_TYPE_CSV_READER (sl_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (SlCsvReader, sl_csv_reader, SL, CSV_READER, GObject)

GQuark             sl_csv_error_quark                 (void);
SlCsvReader       *sl_csv_reader_new                  (GInputStream     *stream,
                                                       const char       *display_name);
SlCsvReader       *sl_csv_reader_new_for_path         (const char       *path,
                                                       GError          **error);
void               sl_csv_reader_set_delimiter        (SlCsvReader      *self,
                                                       char              delimiter);
void               sl_csv_reader_set_header_mode      (SlCsvReader      *self,
                                                       SlCsvHeaderMode   mode);
void               sl_csv_reader_set_max_field_size   (SlCsvReader      *self,
                                                       gsize             max_field_size);
void               sl_csv_reader_set_max_columns      (SlCsvReader      *self,
                                                       guint             max_columns);
gboolean           sl_csv_reader_sniff                (SlCsvReader      *self,
                                                       GCancellable     *cancellable,
                                                       GError          **error);
char               sl_csv_reader_get_delimiter        (SlCsvReader      *self);
gboolean           sl_csv_reader_get_has_header       (SlCsvReader      *self);
const char * const *sl_csv_reader_get_header          (SlCsvReader      *self);
guint              sl_csv_reader_get_header_line      (SlCsvReader      *self);
gboolean           sl_csv_reader_next                 (SlCsvReader      *self,
                                                       GCancellable     *cancellable,
                                                       GError          **error);
guint              sl_csv_reader_get_n_fields         (SlCsvReader      *self);
const char        *sl_csv_reader_get_field            (SlCsvReader      *self,
                                                       guint             index,
                                                       gsize            *length);
int                sl_csv_reader_get_invalid_utf8_field (SlCsvReader    *self);
guint64            sl_csv_reader_get_line             (SlCsvReader      *self);
guint64            sl_csv_reader_get_bytes_read       (SlCsvReader      *self);
const char        *sl_csv_reader_get_display_name     (SlCsvReader      *self);

G_END_DECLS
