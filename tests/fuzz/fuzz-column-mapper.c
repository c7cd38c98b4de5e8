/* fuzz-column-mapper.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "sl-column-mapper.h"

/* Input: one option byte, then lines.
 *
 * byte 0, bit 0: day-first dates; bit 1: no header row (the first line is
 *         data and only sets the column count); bit 2: the owner agency is
 *         given for the whole file.
 * line 1: the header, comma-separated.
 * lines starting with '@': ROLE=COLUMN overrides, as given to --map.
 * other lines: sample rows, comma-separated. */

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(SlColumnMapping) mapping = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  gboolean no_header;
  guint n_columns;

  if (size < 1)
    return 0;

  no_header = data[0] & 0x2;
  /* The CSV reader hands out header names as valid UTF-8. */
  text = g_utf8_make_valid ((const char *) data + 1, size - 1);
  lines = g_strsplit (text, "\n", 256);
  if (lines[0] == NULL)
    return 0;

  header = g_strsplit (lines[0], ",", 2048);
  n_columns = g_strv_length (header);
  mapping = sl_column_mapping_new (no_header ? NULL : (const char * const *) header, n_columns);
  g_assert (sl_column_mapping_get_n_columns (mapping) == n_columns);

  for (guint i = no_header ? 0 : 1; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '@')
        {
          gboolean ok = sl_column_mapping_apply_override (mapping, lines[i] + 1, &error);

          g_assert (ok == (error == NULL));
          g_assert (ok || error->domain == SL_COLUMN_MAPPING_ERROR);
          g_clear_error (&error);
        }
      else
        {
          g_ptr_array_add (rows, g_strsplit (lines[i], ",", 2048));
        }
    }

  sl_column_mapping_analyze (mapping, rows, data[0] & 0x1);

  /* Each role is on at most one column, and the two lookups agree. */
  for (SlColumnRole role = SL_COLUMN_ROLE_PLATE; role < SL_N_COLUMN_ROLES; role++)
    {
      int column = sl_column_mapping_get_column (mapping, role);

      g_assert (column >= -1 && column < (int) n_columns);
      if (column >= 0)
        g_assert (sl_column_mapping_get_role (mapping, column) == role);
      g_assert (sl_column_role_to_string (role) != NULL);
    }
  for (guint col = 0; col < n_columns; col++)
    {
      SlColumnRole role = sl_column_mapping_get_role (mapping, col);

      g_assert (role < SL_N_COLUMN_ROLES);
      g_assert (sl_column_mapping_get_column_name (mapping, col) != NULL);
      if (role != SL_COLUMN_ROLE_IGNORE)
        g_assert (sl_column_mapping_get_column (mapping, role) == (int) col);
    }

  if (!sl_column_mapping_validate (mapping, data[0] & 0x4, &error))
    g_assert (error != NULL && error->domain == SL_COLUMN_MAPPING_ERROR);
  g_clear_error (&error);

  /* The mapping is stored with the dataset as JSON: it must be JSON. */
  json = sl_column_mapping_to_json (mapping);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);

      for (guint col = 0; row[col] != NULL; col++)
        sl_column_looks_like_hash (row[col]);
    }

  return 0;
}
