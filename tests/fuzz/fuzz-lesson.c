/* fuzz-lesson.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "sl-lesson.h"

/* Input: a lesson file, as a teacher or anyone else might write it. A
 * lesson that loads must write back to text that loads to the same text,
 * and give a state and texts for every step in every language it has. */

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlLesson) lesson = NULL;
  g_autoptr(SlLesson) again = NULL;
  g_autoptr(GBytes) json_bytes = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_auto(GStrv) locales = NULL;

  lesson = sl_lesson_new_from_bytes (bytes, "fuzz.json", &error);
  if (lesson == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_str_has_prefix (error->message, "fuzz.json:"));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  json = sl_lesson_to_json (lesson);
  json_bytes = g_bytes_new_static (json, strlen (json));
  again = sl_lesson_new_from_bytes (json_bytes, "again.json", &error);
  g_assert_no_error (error);
  json_again = sl_lesson_to_json (again);
  g_assert_cmpstr (json, ==, json_again);

  locales = sl_lesson_dup_locales (lesson);
  for (guint l = 0; l <= g_strv_length (locales); l++)
    {
      const char * const languages[] = { locales[l], NULL };

      sl_lesson_set_languages (lesson, languages);
      g_assert (sl_lesson_get_title (lesson) != NULL);
      g_assert_cmpuint (sl_lesson_get_n_steps (lesson), >=, 1);
      g_assert_cmpuint (sl_lesson_get_n_steps (lesson), <=, SL_LESSON_MAX_STEPS);
      for (guint i = 0; i < sl_lesson_get_n_steps (lesson); i++)
        {
          g_autoptr(SlLessonState) state = sl_lesson_dup_state_at (lesson, i);

          g_assert (g_utf8_strlen (sl_lesson_get_step_title (lesson, i), -1) <= SL_LESSON_MAX_TITLE);
          g_assert (g_utf8_strlen (sl_lesson_get_step_text (lesson, i), -1) <= SL_LESSON_MAX_TEXT);
          g_assert_cmpuint (state->n_unticks, <=, SL_LESSON_MAX_UNTICKS);
          g_assert ((sl_lesson_get_step_state (lesson, i)->keys & ~state->keys) == 0);
        }
    }

  return 0;
}
