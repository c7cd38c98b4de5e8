/* sl-csv-reader.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-csv-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-csv-reader.h"

/* The sniffer looks at this much of the start of the stream; the read buffer
 * is the same size, so the sample never needs a second copy. */
#define BUFFER_SIZE   (64 * 1024)
#define SAMPLE_RECORDS 50
/* Whatever the field and column limits, one record never holds more than
 * this, so a hostile file cannot make the reader allocate without bound. */
#define MAX_RECORD_SIZE (4 * 1024 * 1024)

static const char candidate_delimiters[] = { ',', '\t', ';', '|' };

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
} ParseState;

struct _SlCsvReader
{
  GObject          parent_instance;

  GInputStream    *stream;
  char            *display_name;

  char             delimiter;
  SlCsvHeaderMode  header_mode;
  gsize            max_field_size;
  guint            max_columns;

  guint8          *buffer;
  gsize            buffer_len;
  gsize            buffer_pos;
  guint64          stream_bytes;
  guint64          line;

  /* The current record: fields back to back, each followed by a NUL. */
  char            *record;
  gsize            record_len;
  gsize            record_alloc;
  gsize           *starts;
  guint            n_fields;
  guint            starts_alloc;
  guint64          record_line;
  int              invalid_utf8_field;

  char           **header;
  guint64          header_line;

  guint            eof : 1;
  guint            bom_checked : 1;
  guint            sniffed : 1;
  guint            has_header : 1;
  /* The last byte ended a line with CR: a following LF belongs to it. */
  guint            after_cr : 1;
  guint            failed : 1;
};

G_DEFINE_FINAL_TYPE (SlCsvReader, sl_csv_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (sl-csv-error-quark, sl_csv_error)

static void
sl_csv_reader_finalize (GObject *object)
{
  SlCsvReader *self = (SlCsvReader *)object;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->buffer, g_free);
  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->starts, g_free);
  g_clear_pointer (&self->header, g_strfreev);

  G_OBJECT_CLASS (sl_csv_reader_parent_class)->finalize (object);
}

static void
sl_csv_reader_class_init (SlCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_csv_reader_finalize;
}

static void
sl_csv_reader_init (SlCsvReader *self)
{
  self->max_field_size = SL_CSV_DEFAULT_MAX_FIELD_SIZE;
  self->max_columns = SL_CSV_DEFAULT_MAX_COLUMNS;
  self->header_mode = SL_CSV_HEADER_AUTO;
  self->buffer = g_malloc (BUFFER_SIZE);
  self->line = 1;
  self->invalid_utf8_field = -1;
}

/**
 * sl_csv_reader_new:
 * @stream: the text to read
 * @display_name: how error messages name the input, usually its path
 *
 * Creates a reader of delimited text (RFC 4180 and the usual deviations
 * from it). The delimiter and the header row are detected from the first
 * 64 KiB unless set; records are then read one at a time, so memory use
 * does not grow with the size of the input.
 *
 * Returns: (transfer full): a new reader
 */
SlCsvReader *
sl_csv_reader_new (GInputStream *stream,
                   const char   *display_name)
{
  SlCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  self = g_object_new (SL_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name);

  return self;
}

/**
 * sl_csv_reader_new_for_path:
 * @path: a file name
 * @error: location for a #GError
 *
 * Opens @path for reading with sl_csv_reader_new(); messages name @path.
 *
 * Returns: (transfer full): a new reader, or %NULL with @error set
 */
SlCsvReader *
sl_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);

  if (stream == NULL)
    return NULL;

  return sl_csv_reader_new (G_INPUT_STREAM (stream), path);
}

/**
 * sl_csv_reader_set_delimiter:
 * @self: a #SlCsvReader
 * @delimiter: the field separator, or 0 to detect it
 *
 * Must be called before the first record is read.
 */
void
sl_csv_reader_set_delimiter (SlCsvReader *self,
                             char         delimiter)
{
  g_return_if_fail (SL_IS_CSV_READER (self));
  g_return_if_fail (!self->sniffed);
  g_return_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r');

  self->delimiter = delimiter;
}

void
sl_csv_reader_set_header_mode (SlCsvReader     *self,
                               SlCsvHeaderMode  mode)
{
  g_return_if_fail (SL_IS_CSV_READER (self));
  g_return_if_fail (!self->sniffed);

  self->header_mode = mode;
}

void
sl_csv_reader_set_max_field_size (SlCsvReader *self,
                                  gsize        max_field_size)
{
  g_return_if_fail (SL_IS_CSV_READER (self));
  g_return_if_fail (max_field_size > 0 && max_field_size < MAX_RECORD_SIZE);

  self->max_field_size = max_field_size;
}

void
sl_csv_reader_set_max_columns (SlCsvReader *self,
                               guint        max_columns)
{
  g_return_if_fail (SL_IS_CSV_READER (self));
  g_return_if_fail (max_columns > 0);

  self->max_columns = max_columns;
}

/* Names the place of a problem: "FILE: line N, field M (“name”): ". */
static char *
describe_place (SlCsvReader *self,
                guint64      line,
                guint        field)
{
  if (self->header != NULL && field < g_strv_length (self->header))
    return g_strdup_printf (_("%s: line %lu, field %u (“%s”)"),
                            self->display_name, (gulong) line, field + 1, self->header[field]);

  return g_strdup_printf (_("%s: line %lu, field %u"),
                          self->display_name, (gulong) line, field + 1);
}

/* Refills the buffer when it is used up. The first fill reads until the
 * buffer is full (or the stream ends) so the sniffer sees a real sample. */
static gboolean
fill_buffer (SlCsvReader   *self,
             gboolean       whole_buffer,
             GCancellable  *cancellable,
             GError       **error)
{
  gsize n_read = 0;

  if (self->buffer_pos < self->buffer_len || self->eof)
    return TRUE;

  if (whole_buffer)
    {
      if (!g_input_stream_read_all (self->stream, self->buffer, BUFFER_SIZE,
                                    &n_read, cancellable, error))
        goto failed;
    }
  else
    {
      gssize n = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE,
                                      cancellable, error);
      if (n < 0)
        goto failed;
      n_read = n;
    }

  self->buffer_pos = 0;
  self->buffer_len = n_read;
  self->stream_bytes += n_read;
  if (n_read == 0)
    self->eof = TRUE;

  return TRUE;

failed:
  g_prefix_error (error, "%s: ", self->display_name);
  self->failed = TRUE;
  return FALSE;
}

static gboolean
record_append (SlCsvReader  *self,
               const char   *data,
               gsize         len,
               GError      **error)
{
  gsize field_len = self->record_len + len - self->starts[self->n_fields - 1];

  if (G_UNLIKELY (field_len > self->max_field_size ||
                  self->record_len + len + 1 > MAX_RECORD_SIZE))
    {
      g_autofree char *place = describe_place (self, self->record_line, self->n_fields - 1);

      g_set_error (error, SL_CSV_ERROR, SL_CSV_ERROR_FIELD_TOO_LONG,
                   _("%s: field longer than %lu bytes; is the delimiter "
                     "or the quoting wrong?"),
                   place, (gulong) MIN (self->max_field_size, (gsize) MAX_RECORD_SIZE));
      self->failed = TRUE;
      return FALSE;
    }

  if (G_UNLIKELY (self->record_len + len + 1 > self->record_alloc))
    {
      self->record_alloc = MAX (self->record_alloc * 2, self->record_len + len + 1);
      self->record_alloc = MAX (self->record_alloc, 256);
      self->record = g_realloc (self->record, self->record_alloc);
    }

  memcpy (self->record + self->record_len, data, len);
  self->record_len += len;

  return TRUE;
}

static gboolean
start_field (SlCsvReader  *self,
             GError      **error)
{
  if (G_UNLIKELY (self->n_fields >= self->max_columns))
    {
      g_set_error (error, SL_CSV_ERROR, SL_CSV_ERROR_TOO_MANY_COLUMNS,
                   _("%s: line %lu: more than %u fields in one record"),
                   self->display_name, (gulong) self->record_line, self->max_columns);
      self->failed = TRUE;
      return FALSE;
    }

  if (self->n_fields == self->starts_alloc)
    {
      self->starts_alloc = MAX (16, self->starts_alloc * 2);
      self->starts = g_renew (gsize, self->starts, self->starts_alloc);
    }

  self->starts[self->n_fields++] = self->record_len;

  return TRUE;
}

static gboolean
end_field (SlCsvReader  *self,
           GError      **error)
{
  gsize start = self->starts[self->n_fields - 1];

  if (!record_append (self, "", 1, error))
    return FALSE;

  if (self->invalid_utf8_field < 0 &&
      !g_utf8_validate_len (self->record + start, self->record_len - 1 - start, NULL))
    self->invalid_utf8_field = self->n_fields - 1;

  return TRUE;
}

/* Fields are handed out as C strings, so a NUL inside one would silently
 * cut it short. check_encoding() only sees the first 64 KiB; this catches
 * one anywhere later. */
static gboolean
set_nul_error (SlCsvReader  *self,
               GError      **error)
{
  g_autofree char *place = describe_place (self, self->line, self->n_fields - 1);

  g_set_error (error, SL_CSV_ERROR, SL_CSV_ERROR_NOT_TEXT,
               _("%s: NUL byte in the text; the file is damaged or not delimited text"),
               place);
  self->failed = TRUE;
  return FALSE;
}

/* Reads one physical record into self->record. Returns FALSE at the end of
 * the input (error unset) or on error. */
static gboolean
read_record (SlCsvReader   *self,
             GCancellable  *cancellable,
             GError       **error)
{
  ParseState state = STATE_FIELD_START;
  guint64 quote_line = 0;
  gboolean any = FALSE;
  guint8 special[256] = { 0 };

  special[(guint8) self->delimiter] = 1;
  special['"'] = 1;
  special['\n'] = 1;
  special['\r'] = 1;
  special['\0'] = 1;

  self->record_len = 0;
  self->n_fields = 0;
  self->invalid_utf8_field = -1;
  self->record_line = self->line;

  if (!start_field (self, error))
    return FALSE;

  for (;;)
    {
      const guint8 *p;
      const guint8 *end;

      if (self->buffer_pos == self->buffer_len)
        {
          if (!fill_buffer (self, FALSE, cancellable, error))
            return FALSE;

          if (self->eof)
            {
              if (state == STATE_QUOTED)
                {
                  g_autofree char *place = describe_place (self, quote_line, self->n_fields - 1);

                  g_set_error (error, SL_CSV_ERROR, SL_CSV_ERROR_UNTERMINATED_QUOTE,
                               _("%s: quoted field is never closed"), place);
                  self->failed = TRUE;
                  return FALSE;
                }

              if (!any)
                return FALSE;

              return end_field (self, error);
            }
        }

      p = self->buffer + self->buffer_pos;
      end = self->buffer + self->buffer_len;

      if (self->after_cr)
        {
          self->after_cr = FALSE;
          if (*p == '\n')
            {
              self->buffer_pos++;
              continue;
            }
        }

      any = TRUE;

      switch (state)
        {
        case STATE_FIELD_START:
          if (*p == '"')
            {
              state = STATE_QUOTED;
              quote_line = self->line;
              self->buffer_pos++;
              break;
            }
          state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
        case STATE_QUOTE_IN_QUOTED:
          {
            const guint8 *run = p;

            if (state == STATE_QUOTE_IN_QUOTED && *p == '"')
              {
                /* A doubled quote inside a quoted field. */
                self->buffer_pos++;
                if (!record_append (self, "\"", 1, error))
                  return FALSE;
                state = STATE_QUOTED;
                break;
              }

            while (run < end && !special[*run])
              run++;

            if (run > p)
              {
                /* Text after a closing quote is kept as it is: lenient, like
                 * spreadsheets, rather than dropping the record. */
                if (!record_append (self, (const char *) p, run - p, error))
                  return FALSE;
                self->buffer_pos += run - p;
                state = STATE_UNQUOTED;
                break;
              }

            if (*p == '\0')
              return set_nul_error (self, error);

            self->buffer_pos++;
            if (*p == '"')
              {
                /* A stray quote inside an unquoted field is a character. */
                if (!record_append (self, "\"", 1, error))
                  return FALSE;
                state = STATE_UNQUOTED;
              }
            else if (*p == (guint8) self->delimiter)
              {
                if (!end_field (self, error) || !start_field (self, error))
                  return FALSE;
                state = STATE_FIELD_START;
              }
            else
              {
                self->line++;
                self->after_cr = (*p == '\r');
                return end_field (self, error);
              }
          }
          break;

        case STATE_QUOTED:
          {
            const guint8 *run = p;

            while (run < end && *run != '"' && *run != '\0')
              {
                /* CRLF, LF and CR each end one physical line. */
                if (*run == '\n' && !self->after_cr)
                  self->line++;
                else if (*run == '\r')
                  self->line++;
                self->after_cr = (*run == '\r');
                run++;
              }

            if (!record_append (self, (const char *) p, run - p, error))
              return FALSE;
            self->buffer_pos += run - p;
            if (run < end && *run == '\0')
              return set_nul_error (self, error);
            if (run < end)
              {
                self->after_cr = FALSE;
                self->buffer_pos++;
                state = STATE_QUOTE_IN_QUOTED;
              }
            else if (self->after_cr)
              {
                /* Keep counting correctly if the LF of a CRLF comes with
                 * the next buffer: it is data here, not a line end. */
                self->after_cr = FALSE;
                if (!fill_buffer (self, FALSE, cancellable, error))
                  return FALSE;
                if (!self->eof && self->buffer[0] == '\n')
                  {
                    self->buffer_pos = 1;
                    if (!record_append (self, "\n", 1, error))
                      return FALSE;
                  }
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static gboolean
record_is_blank (SlCsvReader *self)
{
  return self->n_fields == 1 && self->record[0] == '\0';
}

static gboolean
has_digit (const char *s)
{
  for (; *s != '\0'; s++)
    if (g_ascii_isdigit (*s))
      return TRUE;

  return FALSE;
}

/* Parses the sampled bytes with @delimiter. The last record is dropped when
 * the sample is only the start of the input: it may be cut short. @error
 * gets the reason parsing stopped early, if it did. */
static GPtrArray *
parse_sample (SlCsvReader  *self,
              char          delimiter,
              GError      **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SlCsvReader) reader = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  stream = g_memory_input_stream_new_from_data (self->buffer + self->buffer_pos,
                                                self->buffer_len - self->buffer_pos,
                                                NULL);
  reader = sl_csv_reader_new (stream, self->display_name);
  reader->delimiter = delimiter;
  reader->sniffed = TRUE;
  reader->max_field_size = self->max_field_size;
  reader->max_columns = self->max_columns;

  while (rows->len < SAMPLE_RECORDS && read_record (reader, NULL, error))
    {
      GStrv fields;

      if (record_is_blank (reader))
        continue;

      fields = g_new0 (char *, reader->n_fields + 1);
      for (guint i = 0; i < reader->n_fields; i++)
        fields[i] = g_strdup (reader->record + reader->starts[i]);
      g_ptr_array_add (rows, fields);
    }

  /* read_all() fills the whole buffer unless the input ends first. */
  if (self->buffer_len == BUFFER_SIZE && reader->eof && rows->len > 1)
    g_ptr_array_remove_index (rows, rows->len - 1);

  return rows;
}

/* How well @delimiter explains the sample: the share of records that have
 * the most common field count, when that count is above one. */
static double
score_delimiter (GPtrArray *rows,
                 guint     *out_n_fields)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best_count = 0;
  guint best_fields = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      guint n = g_strv_length (g_ptr_array_index (rows, i));
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (n))) + 1;

      g_hash_table_insert (counts, GUINT_TO_POINTER (n), GUINT_TO_POINTER (c));
      if (c > best_count || (c == best_count && n > best_fields))
        {
          best_count = c;
          best_fields = n;
        }
    }

  *out_n_fields = best_fields;
  if (best_fields < 2 || rows->len == 0)
    return 0.0;

  return (double) best_count / rows->len;
}

/* The first row is a header when one of its fields has no digit while the
 * same column has digits in most other rows (plates, times, coordinates):
 * "latitude" above numbers. A file whose columns are all text is assumed
 * to have one. */
static gboolean
detect_header (GPtrArray *rows)
{
  GStrv first;
  gboolean any_digits = FALSE;

  if (rows->len == 0)
    return FALSE;

  first = g_ptr_array_index (rows, 0);

  for (guint col = 0; first[col] != NULL; col++)
    {
      guint with_digit = 0;
      guint present = 0;

      for (guint i = 1; i < rows->len; i++)
        {
          GStrv row = g_ptr_array_index (rows, i);

          if (col >= g_strv_length (row))
            continue;
          present++;
          if (has_digit (row[col]))
            with_digit++;
        }

      if (with_digit > 0)
        any_digits = TRUE;

      if (present > 0 && with_digit * 2 > present && !has_digit (first[col]) && first[col][0] != '\0')
        return TRUE;
    }

  if (rows->len == 1)
    {
      for (guint col = 0; first[col] != NULL; col++)
        if (has_digit (first[col]))
          return FALSE;
    }

  return !any_digits;
}

static gboolean
check_encoding (SlCsvReader  *self,
                GError      **error)
{
  const guint8 *b = self->buffer;
  gsize len = self->buffer_len;

  if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
    {
      self->buffer_pos = 3;
      return TRUE;
    }

  if ((len >= 2 && b[0] == 0xFF && b[1] == 0xFE) ||
      (len >= 2 && b[0] == 0xFE && b[1] == 0xFF))
    {
      g_set_error (error, SL_CSV_ERROR, SL_CSV_ERROR_NOT_TEXT,
                   _("%s: the file is UTF-16 text; save it as UTF-8 (or CSV UTF-8) and try again"),
                   self->display_name);
      self->failed = TRUE;
      return FALSE;
    }

  if (memchr (b, '\0', len) != NULL)
    {
      g_set_error (error, SL_CSV_ERROR, SL_CSV_ERROR_NOT_TEXT,
                   _("%s: the file is not delimited text (it contains NUL bytes); "
                     "spreadsheets must be saved as CSV first"),
                   self->display_name);
      self->failed = TRUE;
      return FALSE;
    }

  return TRUE;
}

/**
 * sl_csv_reader_sniff:
 * @self: a #SlCsvReader
 * @cancellable: (nullable): a #GCancellable
 * @error: location for a #GError
 *
 * Reads the first 64 KiB, detects the delimiter among `,` tab `;` `|` (the
 * one that splits most records into the same number of fields, more than
 * one) and whether the first record is a header, unless they were set, and
 * reads the header. sl_csv_reader_next() calls this on first use.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_csv_reader_sniff (SlCsvReader   *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) sample_error = NULL;

  g_return_val_if_fail (SL_IS_CSV_READER (self), FALSE);

  if (self->sniffed)
    return !self->failed;
  self->sniffed = TRUE;

  if (!fill_buffer (self, TRUE, cancellable, error) ||
      !check_encoding (self, error))
    return FALSE;

  if (self->delimiter == '\0')
    {
      double best_score = -1.0;
      guint best_fields = 0;

      for (guint i = 0; i < G_N_ELEMENTS (candidate_delimiters); i++)
        {
          g_autoptr(GPtrArray) candidate_rows = parse_sample (self, candidate_delimiters[i], NULL);
          guint n_fields = 0;
          double score = score_delimiter (candidate_rows, &n_fields);

          if (score > best_score || (score == best_score && n_fields > best_fields))
            {
              best_score = score;
              best_fields = n_fields;
              self->delimiter = candidate_delimiters[i];
            }
        }
    }

  rows = parse_sample (self, self->delimiter, &sample_error);
  if (rows->len == 0)
    {
      /* Not "no records" when the first record broke a limit (a million
       * columns, a megabyte field): say which. */
      if (sample_error != NULL)
        g_propagate_error (error, g_steal_pointer (&sample_error));
      else
        g_set_error (error, SL_CSV_ERROR, SL_CSV_ERROR_EMPTY,
                     _("%s: the file has no records"), self->display_name);
      self->failed = TRUE;
      return FALSE;
    }

  if (self->header_mode == SL_CSV_HEADER_AUTO)
    self->has_header = detect_header (rows);
  else
    self->has_header = (self->header_mode == SL_CSV_HEADER_PRESENT);

  if (self->has_header)
    {
      do
        {
          if (!read_record (self, cancellable, error))
            return FALSE;
        }
      while (record_is_blank (self));

      self->header = g_new0 (char *, self->n_fields + 1);
      for (guint i = 0; i < self->n_fields; i++)
        self->header[i] = g_utf8_make_valid (g_strstrip (self->record + self->starts[i]), -1);
      self->header_line = self->record_line;
    }

  return TRUE;
}

char
sl_csv_reader_get_delimiter (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), '\0');

  return self->delimiter;
}

gboolean
sl_csv_reader_get_has_header (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), FALSE);

  return self->has_header;
}

/**
 * sl_csv_reader_get_header:
 * @self: a #SlCsvReader
 *
 * Returns: (nullable) (transfer none): the header's field names (trimmed,
 *   valid UTF-8), or %NULL when the input has no header row
 */
const char * const *
sl_csv_reader_get_header (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), NULL);

  return (const char * const *) self->header;
}

guint
sl_csv_reader_get_header_line (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), 0);

  return self->header_line;
}

/**
 * sl_csv_reader_next:
 * @self: a #SlCsvReader
 * @cancellable: (nullable): a #GCancellable
 * @error: location for a #GError
 *
 * Reads the next record. Blank lines are skipped. Errors name the input,
 * the line and the field; after one, the reader is finished.
 *
 * Returns: %TRUE when a record was read; %FALSE at the end of the input
 *   (@error unset) or on error
 */
gboolean
sl_csv_reader_next (SlCsvReader   *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), FALSE);

  if (!sl_csv_reader_sniff (self, cancellable, error))
    return FALSE;

  if (self->failed)
    return FALSE;

  do
    {
      if (!read_record (self, cancellable, error))
        return FALSE;
    }
  while (record_is_blank (self));

  return TRUE;
}

guint
sl_csv_reader_get_n_fields (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), 0);

  return self->n_fields;
}

/**
 * sl_csv_reader_get_field:
 * @self: a #SlCsvReader
 * @index: the field's position, from 0
 * @length: (out) (optional): its length in bytes
 *
 * Returns: (transfer none): the field, NUL-terminated, as it is in the
 *   input (possibly invalid UTF-8, see
 *   sl_csv_reader_get_invalid_utf8_field()); valid until the next record
 */
const char *
sl_csv_reader_get_field (SlCsvReader *self,
                         guint        index,
                         gsize       *length)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);

  if (length != NULL)
    {
      gsize end = (index + 1 < self->n_fields) ? self->starts[index + 1] : self->record_len;

      *length = end - self->starts[index] - 1;
    }

  return self->record + self->starts[index];
}

/**
 * sl_csv_reader_get_invalid_utf8_field:
 * @self: a #SlCsvReader
 *
 * Returns: the position of the first field of the current record that is
 *   not valid UTF-8, or -1 when all are
 */
int
sl_csv_reader_get_invalid_utf8_field (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), -1);

  return self->invalid_utf8_field;
}

/**
 * sl_csv_reader_get_line:
 * @self: a #SlCsvReader
 *
 * Returns: the physical line (from 1) on which the current record starts
 */
guint64
sl_csv_reader_get_line (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), 0);

  return self->record_line;
}

/**
 * sl_csv_reader_get_bytes_read:
 * @self: a #SlCsvReader
 *
 * Returns: how many bytes of the input have been parsed, for progress
 */
guint64
sl_csv_reader_get_bytes_read (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), 0);

  return self->stream_bytes - (self->buffer_len - self->buffer_pos);
}

const char *
sl_csv_reader_get_display_name (SlCsvReader *self)
{
  g_return_val_if_fail (SL_IS_CSV_READER (self), NULL);

  return self->display_name;
}
