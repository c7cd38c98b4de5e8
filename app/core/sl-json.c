/* sl-json.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-json.h"

/**
 * sl_json_append_string:
 * @out: where to write
 * @text: (nullable): UTF-8 text
 *
 * Appends @text as a JSON string, or `null` when @text is %NULL. Quotes,
 * backslashes and control characters are escaped; everything else,
 * non-ASCII included, is written as it is.
 */
void
sl_json_append_string (GString    *out,
                       const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/**
 * sl_json_check_depth:
 * @data: JSON text, not necessarily valid
 * @size: its length in bytes
 * @max_depth: how many arrays and objects may nest
 * @line: (out): where the nesting went too deep, counting from 1
 *
 * Counts the nesting of arrays and objects, outside strings, without
 * parsing anything else.
 *
 * Returns: %FALSE if @data nests more than @max_depth levels deep
 */
gboolean
sl_json_check_depth (const char *data,
                     gsize       size,
                     guint       max_depth,
                     guint      *line)
{
  guint depth = 0;
  guint lines = 1;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '\n')
        lines++;
      if (in_string)
        {
          if (c == '\\' && i + 1 < size && data[i + 1] != '\n')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              *line = lines;
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }
  return TRUE;
}
