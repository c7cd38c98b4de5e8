/* sl-json.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

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

struct _SlJsonLines
{
  const char *path;       /* NULL: duplicates are not looked for */
  GHashTable *lines;      /* "object-address/member" → line of the member,
                           * "object-address/" → line where it ends */
  GError     *duplicate;  /* the first member that appeared twice */
};

static void
on_object_member (JsonParser  *parser,
                  JsonObject  *object,
                  const char  *member,
                  SlJsonLines *self)
{
  char *key = g_strdup_printf ("%p/%s", (void *) object, member);
  guint line = json_parser_get_current_line (parser);

  /* json-glib keeps the last of two members with one name; whoever wrote
   * a field twice would see one of them silently ignored. */
  if (self->path != NULL && self->duplicate == NULL && g_hash_table_contains (self->lines, key))
    g_set_error (&self->duplicate, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("%s:%u: field “%s” appears twice in one object"), self->path, line, member);
  g_hash_table_insert (self->lines, key, GUINT_TO_POINTER (line));
}

static void
on_object_end (JsonParser  *parser,
               JsonObject  *object,
               SlJsonLines *self)
{
  g_hash_table_insert (self->lines, g_strdup_printf ("%p/", (void *) object),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

/**
 * sl_json_lines_new:
 * @parser: a parser that has not loaded anything yet
 * @path: (nullable): the file's name (not copied), to report a member
 *   that appears twice in one object; %NULL not to
 *
 * Records where @parser reads each member and ends each object, for
 * messages that name FILE:LINE. Free it only after the loading.
 */
SlJsonLines *
sl_json_lines_new (JsonParser *parser,
                   const char *path)
{
  SlJsonLines *self = g_new0 (SlJsonLines, 1);

  self->path = path;
  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), self);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), self);
  return self;
}

/* The line of @member, or for a missing member the line where @object
 * ends. */
guint
sl_json_lines_member (SlJsonLines *self,
                      JsonObject  *object,
                      const char  *member)
{
  g_autofree char *key = g_strdup_printf ("%p/%s", (void *) object, member);
  g_autofree char *object_key = g_strdup_printf ("%p/", (void *) object);
  gpointer line = g_hash_table_lookup (self->lines, key);

  return GPOINTER_TO_UINT (line != NULL ? line : g_hash_table_lookup (self->lines, object_key));
}

/* %FALSE, with @error naming the first member that appeared twice in one
 * object, if one did. */
gboolean
sl_json_lines_check_unique (SlJsonLines  *self,
                            GError      **error)
{
  if (self->duplicate == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&self->duplicate));
  return FALSE;
}

void
sl_json_lines_free (SlJsonLines *self)
{
  g_hash_table_unref (self->lines);
  g_clear_error (&self->duplicate);
  g_free (self);
}
