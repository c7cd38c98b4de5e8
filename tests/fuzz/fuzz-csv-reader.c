/* fuzz-csv-reader.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "sl-csv-reader.h"

/* The reader's buffer (and sniffing sample) size, from sl-csv-reader.c. */
#define READER_BUFFER_SIZE (64 * 1024)

/* Input: two option bytes, then the text.
 *
 * byte 0, bits 0–2: delimiter (0 and 5–7 detect it; 1–4 , tab ; |)
 *         bits 3–4: header mode (auto, present, absent, auto)
 *         bit  5:   small limits (16-byte fields, 4 columns)
 *         bit  6:   put a valid 64 KiB prefix before the text, so it is read
 *                   after the sniffing sample, in the streaming path
 * byte 1: with bit 6, where the text starts around the 64 KiB buffer end,
 *         and the read size after it (1, 2, 3, 7, 64 or 4096 bytes) */

static const char delimiters[] = { 0, ',', '\t', ';', '|', 0, 0, 0 };
static const gsize chunk_sizes[] = { 1, 2, 3, 7, 64, 4096 };

static const char *
padding (void)
{
  static char *pad;

  if (pad == NULL)
    {
      GString *s = g_string_new ("plate,read_at,latitude,longitude\n");

      while (s->len < READER_BUFFER_SIZE + 256)
        g_string_append (s, "ABC1234,2019-03-01 07:42:10,41.30,-72.92\n");
      pad = g_string_free (s, FALSE);
    }

  return pad;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SlCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint8 options, placement = 0;
  gsize max_field_size = SL_CSV_DEFAULT_MAX_FIELD_SIZE;
  guint max_columns = SL_CSV_DEFAULT_MAX_COLUMNS;
  gsize prefix_len = 0;
  gsize chunk_size = G_MAXSIZE;
  guint64 last_line = 0;

  if (size < 2)
    return 0;
  options = data[0];
  placement = data[1];
  data += 2;
  size -= 2;

  if (options & 0x40)
    {
      g_autoptr(GByteArray) input = g_byte_array_new ();

      prefix_len = READER_BUFFER_SIZE - 128 + (placement & 0xff) % 256;
      chunk_size = chunk_sizes[(placement >> 4) % G_N_ELEMENTS (chunk_sizes)];
      g_byte_array_append (input, (const guint8 *) padding (), prefix_len);
      g_byte_array_append (input, data, size);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&input));
    }
  else
    {
      bytes = g_bytes_new (data, size);
    }

  stream = sl_fuzz_chunked_stream_new (bytes, READER_BUFFER_SIZE, chunk_size);
  reader = sl_csv_reader_new (stream, "fuzz.csv");

  if (delimiters[options & 0x7] != 0)
    sl_csv_reader_set_delimiter (reader, delimiters[options & 0x7]);
  sl_csv_reader_set_header_mode (reader, ((options >> 3) & 0x3) % 3);
  if (options & 0x20)
    {
      max_field_size = 16;
      max_columns = 4;
      sl_csv_reader_set_max_field_size (reader, max_field_size);
      sl_csv_reader_set_max_columns (reader, max_columns);
    }

  if (sl_csv_reader_sniff (reader, NULL, &error))
    {
      const char * const *header = sl_csv_reader_get_header (reader);
      char delimiter = sl_csv_reader_get_delimiter (reader);

      g_assert (delimiter != '\0' && delimiter != '"' && delimiter != '\n' && delimiter != '\r');
      g_assert (sl_csv_reader_get_has_header (reader) == (header != NULL));
      for (guint i = 0; header != NULL && header[i] != NULL; i++)
        g_assert (g_utf8_validate (header[i], -1, NULL));
    }
  else
    {
      g_assert (error != NULL && error->domain == SL_CSV_ERROR);
    }

  g_clear_error (&error);
  while (sl_csv_reader_next (reader, NULL, &error))
    {
      guint n_fields = sl_csv_reader_get_n_fields (reader);
      guint64 line = sl_csv_reader_get_line (reader);
      int invalid = sl_csv_reader_get_invalid_utf8_field (reader);

      g_assert (n_fields >= 1 && n_fields <= max_columns);
      g_assert (line > last_line);
      last_line = line;
      g_assert (sl_csv_reader_get_bytes_read (reader) <= g_bytes_get_size (bytes));

      for (guint i = 0; i < n_fields; i++)
        {
          gsize length = 0;
          const char *field = sl_csv_reader_get_field (reader, i, &length);

          /* Fields are C strings to every caller: a NUL inside one would
           * silently cut it short. */
          g_assert (strlen (field) == length);
          g_assert (length <= max_field_size);
          if (invalid < 0 || (int) i < invalid)
            g_assert (g_utf8_validate (field, length, NULL));
        }
      if (invalid >= 0)
        g_assert (!g_utf8_validate (sl_csv_reader_get_field (reader, invalid, NULL), -1, NULL));
    }

  /* Errors name the input and say where. */
  if (error != NULL)
    {
      g_assert (error->domain == SL_CSV_ERROR);
      g_assert (g_str_has_prefix (error->message, "fuzz.csv: "));
    }

  return 0;
}
