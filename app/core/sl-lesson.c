/* sl-lesson.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-lesson"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sl-json.h"
#include "sl-lesson.h"
#include "sl-sharing-io.h"
#include "sl-sharing-network.h"

/* A classroom lesson: a file of steps, each a short text and the app state
 * it sets up (docs/lessons.md). Lessons come from teachers, so the loader
 * is strict and names file, line, step and field for every mistake; and
 * from anywhere, so it bounds the size and nesting it accepts before
 * json-glib (whose parser recurses without limit) sees the text. */

#define FORMAT_NAME "sightline-lesson"
#define FORMAT_VERSION 1

static const char * const pages[] = { "exposure", "flow", "inference" };

/* A text in the lesson's own language, with its translations keyed by
 * locale ("es", "pt_BR"). */
typedef struct
{
  char       *text;
  GHashTable *translations;
} Text;

typedef struct
{
  Text          title;
  Text          text;
  SlLessonState state;
} Step;

struct _SlLesson
{
  GObject  parent_instance;

  Text     title;
  Text     description;
  GArray  *steps;   /* Step */
  GStrv    languages;
};

G_DEFINE_FINAL_TYPE (SlLesson, sl_lesson, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (SlLessonState, sl_lesson_state, sl_lesson_state_copy, sl_lesson_state_free)

static void
state_clear (SlLessonState *state)
{
  g_clear_pointer (&state->plate, g_free);
  g_clear_pointer (&state->scenario, g_free);
  g_clear_pointer (&state->agency, g_free);
  g_clear_pointer (&state->page, g_free);
  for (guint i = 0; i < state->n_unticks; i++)
    {
      g_free (state->unticks[i].owner);
      g_free (state->unticks[i].recipient);
    }
  g_clear_pointer (&state->unticks, g_free);
  state->n_unticks = 0;
}

static void
set_str (char       **to,
         const char  *value)
{
  g_free (*to);
  *to = g_strdup (value);
}

static void
state_init_defaults (SlLessonState *state)
{
  memset (state, 0, sizeof *state);
  state->as_of = SL_TIME_MAX;
}

static void
copy_unticks (SlLessonState       *to,
              const SlLessonState *from)
{
  to->n_unticks = from->n_unticks;
  to->unticks = g_new0 (SlLessonUntick, MAX (from->n_unticks, 1));
  for (guint i = 0; i < from->n_unticks; i++)
    {
      to->unticks[i].owner = g_strdup (from->unticks[i].owner);
      to->unticks[i].recipient = g_strdup (from->unticks[i].recipient);
    }
}

/**
 * sl_lesson_state_copy:
 *
 * Returns: (transfer full): a deep copy of @state
 */
SlLessonState *
sl_lesson_state_copy (const SlLessonState *state)
{
  SlLessonState *copy = g_new0 (SlLessonState, 1);

  *copy = *state;
  copy->plate = g_strdup (state->plate);
  copy->scenario = g_strdup (state->scenario);
  copy->agency = g_strdup (state->agency);
  copy->page = g_strdup (state->page);
  copy_unticks (copy, state);

  return copy;
}

void
sl_lesson_state_free (SlLessonState *state)
{
  if (state == NULL)
    return;
  state_clear (state);
  g_free (state);
}

static void
text_clear (Text *text)
{
  g_clear_pointer (&text->text, g_free);
  g_clear_pointer (&text->translations, g_hash_table_unref);
}

static void
step_clear (Step *step)
{
  text_clear (&step->title);
  text_clear (&step->text);
  state_clear (&step->state);
}

static const char *
text_lookup (const Text         *text,
             const char * const *languages)
{
  if (text->translations != NULL)
    {
      for (guint i = 0; languages[i] != NULL; i++)
        {
          const char *translated = g_hash_table_lookup (text->translations, languages[i]);

          if (translated != NULL)
            return translated;
        }
    }
  return text->text;
}

/* Parsing */

typedef struct
{
  const char  *path;
  SlJsonLines *lines;
  /* 1-based while a step is read, 0 outside the steps. */
  guint        step;
} Parser;

static void
make_valid (char **text)
{
  char *valid = g_utf8_make_valid (*text, -1);

  g_free (*text);
  *text = valid;
}

/* Sets @error to "FILE:LINE: step N: field “WHERE.MEMBER”: MESSAGE". */
static void G_GNUC_PRINTF (6, 7)
field_error (Parser      *parser,
             JsonObject  *object,
             const char  *where,
             const char  *member,
             GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *field = NULL;
  guint line = sl_json_lines_member (parser->lines, object, member);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* A member name from a "\\ud800" escape is not UTF-8: json-glib turns
   * lone surrogates into bytes no message may carry. */
  field = where != NULL ? g_strdup_printf ("%s.%s", where, member) : g_strdup (member);
  make_valid (&field);
  if (parser->step > 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s:%u: step %u: field “%s”: %s"),
                 parser->path, line, parser->step, field, message);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s:%u: field “%s”: %s"),
                 parser->path, line, field, message);
}

static gboolean
check_members (Parser              *parser,
               JsonObject          *object,
               const char          *where,
               const char * const  *known,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (known, l->data))
        {
          field_error (parser, object, where, l->data, error, _("unknown field"));
          return FALSE;
        }
    }
  return TRUE;
}

/* A string member of at most @max_chars characters: absent or null gives
 * NULL unless @required. */
static gboolean
get_string (Parser      *parser,
            JsonObject  *object,
            const char  *where,
            const char  *member,
            gboolean     required,
            guint        max_chars,
            gboolean     one_line,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          field_error (parser, object, where, member, error, node == NULL ? _("missing") : _("expected text"));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      field_error (parser, object, where, member, error, required ? _("expected text") : _("expected text or null"));
      return FALSE;
    }
  value = json_node_get_string (node);
  if (!g_utf8_validate (value, -1, NULL))
    {
      field_error (parser, object, where, member, error, _("not valid text (a lone surrogate escape?)"));
      return FALSE;
    }
  if (value[0] == '\0')
    {
      field_error (parser, object, where, member, error, _("must not be empty"));
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > max_chars)
    {
      field_error (parser, object, where, member, error, _("longer than %u characters"), max_chars);
      return FALSE;
    }
  if (one_line && strpbrk (value, "\r\n") != NULL)
    {
      field_error (parser, object, where, member, error, _("must be one line"));
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
get_object (Parser      *parser,
            JsonObject  *object,
            const char  *where,
            const char  *member,
            JsonObject **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      field_error (parser, object, where, member, error, _("expected an object"));
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

/* "es", "pt_BR", "sr@latin", "ca_ES@valencia": what g_get_language_names()
 * gives once the encoding is dropped. */
static gboolean
is_locale_name (const char *name)
{
  gsize n = strspn (name, "abcdefghijklmnopqrstuvwxyz");

  if (n < 2 || n > 3)
    return FALSE;
  name += n;
  if (*name == '_')
    {
      n = strspn (name + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
      if (n < 2 || n > 3)
        return FALSE;
      name += 1 + n;
    }
  if (*name == '@')
    {
      n = strspn (name + 1, "abcdefghijklmnopqrstuvwxyz");
      if (n < 1 || n > 16)
        return FALSE;
      name += 1 + n;
    }
  return *name == '\0';
}

static void
text_set_translation (Text       *text,
                      const char *locale,
                      const char *value)
{
  if (text->translations == NULL)
    text->translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (text->translations, g_strdup (locale), g_strdup (value));
}

/* "translations": { LOCALE: { FIELD: TEXT, … }, … } for the texts of one
 * object (the lesson or a step): @fields and @texts are parallel. */
static gboolean
parse_translations (Parser              *parser,
                    JsonObject          *object,
                    const char * const  *fields,
                    const guint         *max_chars,
                    const gboolean      *one_line,
                    Text               **texts,
                    GError             **error)
{
  JsonObject *translations;
  g_autoptr(GList) locales = NULL;

  if (!get_object (parser, object, NULL, "translations", &translations, error))
    return FALSE;
  if (translations == NULL)
    return TRUE;

  locales = json_object_get_members (translations);
  if (g_list_length (locales) > SL_LESSON_MAX_LANGUAGES)
    {
      field_error (parser, object, NULL, "translations", error, _("more than %u languages"),
                   SL_LESSON_MAX_LANGUAGES);
      return FALSE;
    }
  for (GList *l = locales; l != NULL; l = l->next)
    {
      const char *locale = l->data;
      g_autofree char *where = g_strdup_printf ("translations.%s", locale);
      JsonObject *translation;

      if (!is_locale_name (locale))
        {
          field_error (parser, translations, "translations", locale, error,
                       _("not a locale name such as “es” or “pt_BR”"));
          return FALSE;
        }
      if (!get_object (parser, translations, "translations", locale, &translation, error) ||
          !check_members (parser, translation, where, fields, error))
        return FALSE;
      for (guint f = 0; fields[f] != NULL; f++)
        {
          const char *value;

          if (!get_string (parser, translation, where, fields[f], FALSE, max_chars[f], one_line[f],
                           &value, error))
            return FALSE;
          if (value != NULL)
            text_set_translation (texts[f], locale, value);
        }
    }
  return TRUE;
}

static gboolean
get_time (Parser      *parser,
          JsonObject  *object,
          const char  *where,
          const char  *member,
          gint64      *out,
          GError     **error)
{
  const char *text;
  g_autoptr(GDateTime) check = NULL;

  if (!get_string (parser, object, where, member, TRUE, SL_LESSON_MAX_NAME, TRUE, &text, error))
    return FALSE;
  /* The parser's own message speaks of a CSV column. */
  if (!sl_sharing_parse_time (text, out, NULL))
    {
      field_error (parser, object, where, member, error,
                   _("not a time such as “2019-03-01T12:00:00Z” or “2019-03-01 07:00:00-05:00”"));
      return FALSE;
    }
  /* Times a lesson can write back and the app can show. */
  check = g_date_time_new_from_unix_utc (*out);
  if (check == NULL)
    {
      field_error (parser, object, where, member, error, _("out of range"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_unticks (Parser         *parser,
               JsonObject     *state_object,
               SlLessonState  *state,
               GError        **error)
{
  static const char * const fields[] = { "owner", "recipient", NULL };
  JsonNode *node = json_object_get_member (state_object, "untick");
  JsonArray *array;
  guint n;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      field_error (parser, state_object, "state", "untick", error, _("expected a list or null"));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > SL_LESSON_MAX_UNTICKS)
    {
      field_error (parser, state_object, "state", "untick", error, _("more than %u edits"),
                   SL_LESSON_MAX_UNTICKS);
      return FALSE;
    }
  state->unticks = g_new0 (SlLessonUntick, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("state.untick[%u]", i + 1);
      g_autofree char *member = g_strdup_printf ("untick[%u]", i + 1);
      JsonObject *edit;
      const char *owner, *recipient;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          field_error (parser, state_object, "state", member, error, _("expected an object"));
          return FALSE;
        }
      edit = json_node_get_object (element);
      if (!check_members (parser, edit, where, fields, error) ||
          !get_string (parser, edit, where, "owner", TRUE, SL_LESSON_MAX_NAME, TRUE, &owner, error) ||
          !get_string (parser, edit, where, "recipient", TRUE, SL_LESSON_MAX_NAME, TRUE, &recipient, error))
        return FALSE;
      state->unticks[i].owner = g_strdup (owner);
      state->unticks[i].recipient = g_strdup (recipient);
      state->n_unticks++;
    }
  return TRUE;
}

static gboolean
parse_state (Parser         *parser,
             JsonObject     *step_object,
             SlLessonState  *state,
             GError        **error)
{
  static const char * const fields[] = {
    "plate", "scenario", "agency", "untick", "as-of", "time-range", "page", NULL
  };
  static const char * const range_fields[] = { "start", "end", NULL };
  JsonObject *object;
  const char *value;

  state_init_defaults (state);
  if (!get_object (parser, step_object, NULL, "state", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;
  if (!check_members (parser, object, "state", fields, error))
    return FALSE;

  if (json_object_has_member (object, "plate"))
    {
      if (!get_string (parser, object, "state", "plate", FALSE, SL_LESSON_MAX_NAME, TRUE, &value, error))
        return FALSE;
      state->plate = g_strdup (value);
      state->keys |= SL_LESSON_KEY_PLATE;
    }
  if (json_object_has_member (object, "scenario"))
    {
      if (!get_string (parser, object, "state", "scenario", FALSE, SL_LESSON_MAX_NAME, TRUE, &value, error))
        return FALSE;
      state->scenario = g_strdup (value);
      state->keys |= SL_LESSON_KEY_SCENARIO;
    }
  if (json_object_has_member (object, "agency"))
    {
      if (!get_string (parser, object, "state", "agency", FALSE, SL_LESSON_MAX_NAME, TRUE, &value, error))
        return FALSE;
      state->agency = g_strdup (value);
      state->keys |= SL_LESSON_KEY_AGENCY;
    }
  if (json_object_has_member (object, "untick"))
    {
      if (!parse_unticks (parser, object, state, error))
        return FALSE;
      state->keys |= SL_LESSON_KEY_UNTICK;
    }
  if (json_object_has_member (object, "as-of"))
    {
      if (!JSON_NODE_HOLDS_NULL (json_object_get_member (object, "as-of")) &&
          !get_time (parser, object, "state", "as-of", &state->as_of, error))
        return FALSE;
      state->keys |= SL_LESSON_KEY_AS_OF;
    }
  if (json_object_has_member (object, "time-range"))
    {
      JsonNode *node = json_object_get_member (object, "time-range");

      if (!JSON_NODE_HOLDS_NULL (node))
        {
          JsonObject *range;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              field_error (parser, object, "state", "time-range", error, _("expected an object or null"));
              return FALSE;
            }
          range = json_node_get_object (node);
          if (!check_members (parser, range, "state.time-range", range_fields, error) ||
              !get_time (parser, range, "state.time-range", "start", &state->range_start, error) ||
              !get_time (parser, range, "state.time-range", "end", &state->range_end, error))
            return FALSE;
          if (state->range_start >= state->range_end)
            {
              field_error (parser, range, "state.time-range", "end", error, _("not after the start"));
              return FALSE;
            }
        }
      state->keys |= SL_LESSON_KEY_TIME_RANGE;
    }
  if (json_object_has_member (object, "page"))
    {
      if (!get_string (parser, object, "state", "page", FALSE, SL_LESSON_MAX_NAME, TRUE, &value, error))
        return FALSE;
      if (value != NULL && !g_strv_contains (pages, value))
        {
          field_error (parser, object, "state", "page", error,
                       _("expected “exposure”, “flow” or “inference”, not “%s”"), value);
          return FALSE;
        }
      state->page = g_strdup (value);
      state->keys |= SL_LESSON_KEY_PAGE;
    }
  return TRUE;
}

static gboolean
parse_step (Parser      *parser,
            JsonObject  *object,
            Step        *step,
            GError     **error)
{
  static const char * const fields[] = { "title", "text", "state", "translations", NULL };
  static const char * const text_fields[] = { "title", "text", NULL };
  static const guint max_chars[] = { SL_LESSON_MAX_TITLE, SL_LESSON_MAX_TEXT };
  static const gboolean one_line[] = { TRUE, FALSE };
  Text *texts[] = { &step->title, &step->text };
  const char *title, *text;

  if (!check_members (parser, object, NULL, fields, error) ||
      !get_string (parser, object, NULL, "title", TRUE, SL_LESSON_MAX_TITLE, TRUE, &title, error) ||
      !get_string (parser, object, NULL, "text", TRUE, SL_LESSON_MAX_TEXT, FALSE, &text, error))
    return FALSE;
  step->title.text = g_strdup (title);
  step->text.text = g_strdup (text);

  return parse_translations (parser, object, text_fields, max_chars, one_line, texts, error) &&
         parse_state (parser, object, &step->state, error);
}

static gboolean
parse_lesson (SlLesson    *self,
              Parser      *parser,
              JsonObject  *top,
              GError     **error)
{
  static const char * const fields[] = {
    "format", "version", "title", "description", "translations", "steps", NULL
  };
  static const char * const text_fields[] = { "title", "description", NULL };
  static const guint max_chars[] = { SL_LESSON_MAX_TITLE, SL_LESSON_MAX_DESCRIPTION };
  static const gboolean one_line[] = { TRUE, FALSE };
  Text *texts[] = { &self->title, &self->description };
  const char *format, *title, *description;
  JsonNode *version, *steps_node;
  JsonArray *steps;
  guint n_steps;

  if (!get_string (parser, top, NULL, "format", TRUE, SL_LESSON_MAX_NAME, TRUE, &format, error))
    return FALSE;
  if (!g_str_equal (format, FORMAT_NAME))
    {
      field_error (parser, top, NULL, "format", error, _("expected “%s”, not “%s”"), FORMAT_NAME, format);
      return FALSE;
    }
  version = json_object_get_member (top, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1)
    {
      field_error (parser, top, NULL, "version", error, _("expected a version number"));
      return FALSE;
    }
  if (json_node_get_int (version) > FORMAT_VERSION)
    {
      char number[24];

      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, json_node_get_int (version));
      field_error (parser, top, NULL, "version", error,
                   _("this lesson needs a newer Sightline (format version %s; this one reads %d)"),
                   number, FORMAT_VERSION);
      return FALSE;
    }
  if (!check_members (parser, top, NULL, fields, error) ||
      !get_string (parser, top, NULL, "title", TRUE, SL_LESSON_MAX_TITLE, TRUE, &title, error) ||
      !get_string (parser, top, NULL, "description", FALSE, SL_LESSON_MAX_DESCRIPTION, FALSE,
                   &description, error))
    return FALSE;
  self->title.text = g_strdup (title);
  self->description.text = g_strdup (description);
  if (!parse_translations (parser, top, text_fields, max_chars, one_line, texts, error))
    return FALSE;

  steps_node = json_object_get_member (top, "steps");
  if (steps_node == NULL || !JSON_NODE_HOLDS_ARRAY (steps_node))
    {
      field_error (parser, top, NULL, "steps", error, steps_node == NULL ? _("missing") : _("expected a list"));
      return FALSE;
    }
  steps = json_node_get_array (steps_node);
  n_steps = json_array_get_length (steps);
  if (n_steps < 1 || n_steps > SL_LESSON_MAX_STEPS)
    {
      field_error (parser, top, NULL, "steps", error, _("expected 1 to %u steps, not %u"),
                   SL_LESSON_MAX_STEPS, n_steps);
      return FALSE;
    }
  for (guint i = 0; i < n_steps; i++)
    {
      JsonNode *node = json_array_get_element (steps, i);
      Step step = { { 0 } };

      parser->step = i + 1;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          /* A step that is no object has no line of its own: the
           * list's. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s:%u: step %u: expected an object"),
                       parser->path, sl_json_lines_member (parser->lines, top, "steps"), i + 1);
          return FALSE;
        }
      if (!parse_step (parser, json_node_get_object (node), &step, error))
        {
          step_clear (&step);
          return FALSE;
        }
      g_array_append_val (self->steps, step);
    }
  parser->step = 0;
  return TRUE;
}

/* The line of the first byte at or after @end in @data. */
static guint
line_at (const char *data,
         const char *end)
{
  guint line = 1;

  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;
  return line;
}

/**
 * sl_lesson_new_from_bytes:
 * @bytes: the text of a lesson file
 * @path: the file's name, for messages
 *
 * Reads a lesson (docs/lessons.md). Texts come in the languages of
 * g_get_language_names() until sl_lesson_set_languages().
 *
 * Returns: (transfer full): the lesson, or %NULL with @error naming file,
 *   line, step and field
 */
SlLesson *
sl_lesson_new_from_bytes (GBytes      *bytes,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(SlLesson) self = NULL;
  g_autoptr(JsonParser) json = NULL;
  g_autoptr(SlJsonLines) lines = NULL;
  g_autoptr(GError) parse_error = NULL;
  Parser parser = { 0 };
  const char *data;
  const char *invalid;
  gsize size = 0;
  guint line;
  JsonNode *root;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > SL_LESSON_MAX_FILE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: larger than %u KiB, too large for a lesson"), path, SL_LESSON_MAX_FILE_SIZE / 1024);
      return NULL;
    }
  if (size == 0)
    data = "";
  /* A NUL byte counts as invalid here, so json-glib never sees one. */
  if (!g_utf8_validate_len (data, size, &invalid))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s:%u: not UTF-8 text"),
                   path, line_at (data, invalid));
      return NULL;
    }
  if (!sl_json_check_depth (data, size, SL_LESSON_MAX_DEPTH, &line))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s:%u: nested more than %u levels deep"), path, line, SL_LESSON_MAX_DEPTH);
      return NULL;
    }

  json = json_parser_new_immutable ();
  lines = sl_json_lines_new (json, path);
  parser = (Parser) { path, lines, 0 };
  ok = json_parser_load_from_data (json, data, size, &parse_error);
  if (!sl_json_lines_check_unique (lines, error))
    return NULL;
  if (!ok)
    {
      /* json-glib quotes the bytes of a broken escape as they are. */
      g_autofree char *message = g_utf8_make_valid (parse_error->message, -1);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%s", path,
                   g_str_has_prefix (message, "<data>:") ? message + 7 : message);
      return NULL;
    }
  root = json_parser_get_root (json);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s:1: not a Sightline lesson: expected an object"), path);
      return NULL;
    }

  self = g_object_new (SL_TYPE_LESSON, NULL);
  if (!parse_lesson (self, &parser, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sl_lesson_new_from_file:
 * @file: a lesson file, local or in a resource
 *
 * Reads at most %SL_LESSON_MAX_FILE_SIZE bytes and one more, so a huge
 * file is refused without being loaded.
 *
 * Returns: (transfer full): the lesson, or %NULL with @error set
 */
SlLesson *
sl_lesson_new_from_file (GFile   *file,
                         GError **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), SL_LESSON_MAX_FILE_SIZE + 1, NULL,
                                       &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }

  return sl_lesson_new_from_bytes (bytes, name, error);
}

/**
 * sl_lesson_set_languages:
 * @languages: (nullable): locale names in order of preference, such as
 *   g_get_language_names() gives; %NULL for the untranslated texts
 */
void
sl_lesson_set_languages (SlLesson           *self,
                         const char * const *languages)
{
  const char * const none[] = { NULL };

  g_return_if_fail (SL_IS_LESSON (self));

  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **) (languages != NULL ? languages : none));
}

const char *
sl_lesson_get_title (SlLesson *self)
{
  g_return_val_if_fail (SL_IS_LESSON (self), NULL);

  return text_lookup (&self->title, (const char * const *) self->languages);
}

/**
 * sl_lesson_get_description:
 *
 * Returns: (nullable): the description, if the lesson has one
 */
const char *
sl_lesson_get_description (SlLesson *self)
{
  g_return_val_if_fail (SL_IS_LESSON (self), NULL);

  return text_lookup (&self->description, (const char * const *) self->languages);
}

guint
sl_lesson_get_n_steps (SlLesson *self)
{
  g_return_val_if_fail (SL_IS_LESSON (self), 0);

  return self->steps->len;
}

const char *
sl_lesson_get_step_title (SlLesson *self,
                          guint     step)
{
  g_return_val_if_fail (SL_IS_LESSON (self), NULL);
  g_return_val_if_fail (step < self->steps->len, NULL);

  return text_lookup (&g_array_index (self->steps, Step, step).title, (const char * const *) self->languages);
}

const char *
sl_lesson_get_step_text (SlLesson *self,
                         guint     step)
{
  g_return_val_if_fail (SL_IS_LESSON (self), NULL);
  g_return_val_if_fail (step < self->steps->len, NULL);

  return text_lookup (&g_array_index (self->steps, Step, step).text, (const char * const *) self->languages);
}

/**
 * sl_lesson_get_step_state:
 *
 * Returns: (transfer none): the keys @step itself sets
 */
const SlLessonState *
sl_lesson_get_step_state (SlLesson *self,
                          guint     step)
{
  g_return_val_if_fail (SL_IS_LESSON (self), NULL);
  g_return_val_if_fail (step < self->steps->len, NULL);

  return &g_array_index (self->steps, Step, step).state;
}

/**
 * sl_lesson_dup_state_at:
 *
 * The whole app state at @step: every key as the last step up to @step
 * that named it left it. It depends only on @step, so going back, or
 * resuming a lesson, gives the same state as stepping through.
 *
 * Returns: (transfer full): the state, its keys those any step so far set
 */
SlLessonState *
sl_lesson_dup_state_at (SlLesson *self,
                        guint     step)
{
  SlLessonState *state;

  g_return_val_if_fail (SL_IS_LESSON (self), NULL);
  g_return_val_if_fail (step < self->steps->len, NULL);

  state = g_new0 (SlLessonState, 1);
  state_init_defaults (state);
  for (guint i = 0; i <= step; i++)
    {
      const SlLessonState *own = &g_array_index (self->steps, Step, i).state;

      if (own->keys & SL_LESSON_KEY_PLATE)
        set_str (&state->plate, own->plate);
      if (own->keys & SL_LESSON_KEY_SCENARIO)
        set_str (&state->scenario, own->scenario);
      if (own->keys & SL_LESSON_KEY_AGENCY)
        set_str (&state->agency, own->agency);
      if (own->keys & SL_LESSON_KEY_PAGE)
        set_str (&state->page, own->page);
      if (own->keys & SL_LESSON_KEY_UNTICK)
        {
          SlLessonState cleared = { 0 };

          cleared.unticks = state->unticks;
          cleared.n_unticks = state->n_unticks;
          state_clear (&cleared);
          copy_unticks (state, own);
        }
      if (own->keys & SL_LESSON_KEY_AS_OF)
        state->as_of = own->as_of;
      if (own->keys & SL_LESSON_KEY_TIME_RANGE)
        {
          state->range_start = own->range_start;
          state->range_end = own->range_end;
        }
      state->keys |= own->keys;
    }
  return state;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_locales (GHashTable *set,
             const Text *text)
{
  GHashTableIter iter;
  gpointer locale;

  if (text->translations == NULL)
    return;
  g_hash_table_iter_init (&iter, text->translations);
  while (g_hash_table_iter_next (&iter, &locale, NULL))
    g_hash_table_add (set, locale);
}

/**
 * sl_lesson_dup_locales:
 *
 * Returns: (transfer full): the locales any text is translated into, sorted
 */
GStrv
sl_lesson_dup_locales (SlLesson *self)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree const char **locales = NULL;
  GStrv copy;

  g_return_val_if_fail (SL_IS_LESSON (self), NULL);

  add_locales (set, &self->title);
  add_locales (set, &self->description);
  for (guint i = 0; i < self->steps->len; i++)
    {
      add_locales (set, &g_array_index (self->steps, Step, i).title);
      add_locales (set, &g_array_index (self->steps, Step, i).text);
    }
  locales = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  copy = g_strdupv ((char **) locales);
  g_qsort_with_data (copy, g_strv_length (copy), sizeof (char *),
                     compare_strings, NULL);
  return copy;
}

static gboolean
text_is_translated (const Text *text,
                    const char *locale)
{
  return text->text == NULL ||
         (text->translations != NULL && g_hash_table_contains (text->translations, locale));
}

/**
 * sl_lesson_is_translated:
 * @locale: a locale name such as "es"
 *
 * Returns: whether every text of the lesson has a translation for @locale
 */
gboolean
sl_lesson_is_translated (SlLesson   *self,
                         const char *locale)
{
  g_return_val_if_fail (SL_IS_LESSON (self), FALSE);
  g_return_val_if_fail (locale != NULL, FALSE);

  if (!text_is_translated (&self->title, locale) || !text_is_translated (&self->description, locale))
    return FALSE;
  for (guint i = 0; i < self->steps->len; i++)
    {
      const Step *step = &g_array_index (self->steps, Step, i);

      if (!text_is_translated (&step->title, locale) || !text_is_translated (&step->text, locale))
        return FALSE;
    }
  return TRUE;
}

/* Writing */

static void
build_translations (JsonBuilder         *builder,
                    const char * const  *fields,
                    const Text * const  *texts)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree const char **locales = NULL;
  guint n_locales;

  for (guint f = 0; fields[f] != NULL; f++)
    add_locales (set, texts[f]);
  if (g_hash_table_size (set) == 0)
    return;
  locales = (const char **) g_hash_table_get_keys_as_array (set, &n_locales);
  g_qsort_with_data (locales, n_locales, sizeof (char *), compare_strings, NULL);

  json_builder_set_member_name (builder, "translations");
  json_builder_begin_object (builder);
  for (guint l = 0; l < n_locales; l++)
    {
      json_builder_set_member_name (builder, locales[l]);
      json_builder_begin_object (builder);
      for (guint f = 0; fields[f] != NULL; f++)
        {
          const char *value = texts[f]->translations != NULL
                              ? g_hash_table_lookup (texts[f]->translations, locales[l]) : NULL;

          if (value != NULL)
            {
              json_builder_set_member_name (builder, fields[f]);
              json_builder_add_string_value (builder, value);
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
build_string_or_null (JsonBuilder *builder,
                      const char  *member,
                      const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_time (JsonBuilder *builder,
            const char  *member,
            gint64       utc)
{
  g_autofree char *text = sl_sharing_format_time (utc);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
build_state (JsonBuilder         *builder,
             const SlLessonState *state)
{
  if (state->keys == 0)
    return;

  json_builder_set_member_name (builder, "state");
  json_builder_begin_object (builder);
  if (state->keys & SL_LESSON_KEY_PLATE)
    build_string_or_null (builder, "plate", state->plate);
  if (state->keys & SL_LESSON_KEY_SCENARIO)
    build_string_or_null (builder, "scenario", state->scenario);
  if (state->keys & SL_LESSON_KEY_AGENCY)
    build_string_or_null (builder, "agency", state->agency);
  if (state->keys & SL_LESSON_KEY_UNTICK)
    {
      json_builder_set_member_name (builder, "untick");
      json_builder_begin_array (builder);
      for (guint i = 0; i < state->n_unticks; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "owner");
          json_builder_add_string_value (builder, state->unticks[i].owner);
          json_builder_set_member_name (builder, "recipient");
          json_builder_add_string_value (builder, state->unticks[i].recipient);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  if (state->keys & SL_LESSON_KEY_AS_OF)
    {
      if (state->as_of == SL_TIME_MAX)
        build_string_or_null (builder, "as-of", NULL);
      else
        build_time (builder, "as-of", state->as_of);
    }
  if (state->keys & SL_LESSON_KEY_TIME_RANGE)
    {
      json_builder_set_member_name (builder, "time-range");
      if (state->range_start == state->range_end)
        {
          json_builder_add_null_value (builder);
        }
      else
        {
          json_builder_begin_object (builder);
          build_time (builder, "start", state->range_start);
          build_time (builder, "end", state->range_end);
          json_builder_end_object (builder);
        }
    }
  if (state->keys & SL_LESSON_KEY_PAGE)
    build_string_or_null (builder, "page", state->page);
  json_builder_end_object (builder);
}

/**
 * sl_lesson_to_json:
 *
 * Writes the lesson in the format it was read from, with every
 * translation; reading it back gives the same lesson.
 *
 * Returns: (transfer full): the lesson file's text
 */
char *
sl_lesson_to_json (SlLesson *self)
{
  static const char * const lesson_fields[] = { "title", "description", NULL };
  static const char * const step_fields[] = { "title", "text", NULL };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const Text *lesson_texts[] = { &self->title, &self->description };

  g_return_val_if_fail (SL_IS_LESSON (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title.text);
  if (self->description.text != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, self->description.text);
    }
  build_translations (builder, lesson_fields, lesson_texts);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->steps->len; i++)
    {
      const Step *step = &g_array_index (self->steps, Step, i);
      const Text *step_texts[] = { &step->title, &step->text };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, step->title.text);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, step->text.text);
      build_state (builder, &step->state);
      build_translations (builder, step_fields, step_texts);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

static void
sl_lesson_finalize (GObject *object)
{
  SlLesson *self = SL_LESSON (object);

  text_clear (&self->title);
  text_clear (&self->description);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (sl_lesson_parent_class)->finalize (object);
}

static void
sl_lesson_class_init (SlLessonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_lesson_finalize;
}

static void
sl_lesson_init (SlLesson *self)
{
  self->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->steps, (GDestroyNotify) step_clear);
  self->languages = g_strdupv ((char **) g_get_language_names ());
}
