/* test-lesson.c: the lesson loader (docs/lessons.md).
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sl-lesson.h"
#include "sl-sharing-network.h"
#include "sl-test-utils.h"
#include "sl-what-if.h"

static const char *demo_project_path;

#define MINIMAL_STEPS "\"steps\": [{\"title\": \"S\", \"text\": \"X\"}]"
#define HEAD "{\"format\": \"sightline-lesson\", \"version\": 1, \"title\": \"T\",\n"

static SlLesson *
load (const char  *text,
      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return sl_lesson_new_from_bytes (bytes, "t.json", error);
}

static SlLesson *
load_demo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "lessons", "demo.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SlLesson *lesson = sl_lesson_new_from_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lesson);
  return lesson;
}

static void
test_demo (void)
{
  g_autoptr(SlLesson) lesson = load_demo ();
  g_auto(GStrv) locales = sl_lesson_dup_locales (lesson);
  const char * const english[] = { NULL };
  const char * const spanish[] = { "es_ES.UTF-8", "es_ES", "es.UTF-8", "es", "C", NULL };
  g_autoptr(SlLessonState) state = NULL;

  g_assert_cmpuint (sl_lesson_get_n_steps (lesson), ==, 8);
  g_assert_cmpuint (g_strv_length (locales), ==, 1);
  g_assert_cmpstr (locales[0], ==, "es");
  g_assert_true (sl_lesson_is_translated (lesson, "es"));
  g_assert_false (sl_lesson_is_translated (lesson, "fr"));

  sl_lesson_set_languages (lesson, english);
  g_assert_cmpstr (sl_lesson_get_title (lesson), ==, "One car, many eyes");
  g_assert_cmpstr (sl_lesson_get_step_title (lesson, 4), ==, "Unticking ICE in Wethersfield");
  sl_lesson_set_languages (lesson, spanish);
  g_assert_cmpstr (sl_lesson_get_title (lesson), ==, "Un coche, muchos ojos");
  g_assert_cmpstr (sl_lesson_get_step_title (lesson, 4), ==, "Desmarcar a ICE en Wethersfield");
  /* Every Spanish text differs from its English one. */
  for (guint i = 0; i < sl_lesson_get_n_steps (lesson); i++)
    {
      g_autofree char *title = g_strdup (sl_lesson_get_step_title (lesson, i));
      g_autofree char *text = g_strdup (sl_lesson_get_step_text (lesson, i));

      sl_lesson_set_languages (lesson, english);
      g_assert_cmpstr (sl_lesson_get_step_title (lesson, i), !=, title);
      g_assert_cmpstr (sl_lesson_get_step_text (lesson, i), !=, text);
      sl_lesson_set_languages (lesson, spanish);
    }

  /* The untick of step 5 holds until step 6 clears it; step 7's as-of
   * until step 8 sets it back to the latest. */
  state = sl_lesson_dup_state_at (lesson, 4);
  g_assert_cmpstr (state->plate, ==, "ZN47301");
  g_assert_cmpstr (state->scenario, ==, "As reported, March 2019");
  g_assert_cmpstr (state->agency, ==, "ICE Enforcement and Removal Operations");
  g_assert_cmpuint (state->n_unticks, ==, 1);
  g_assert_cmpstr (state->unticks[0].owner, ==, "Wethersfield Police Department");
  g_assert_cmpstr (state->unticks[0].recipient, ==, "ICE Enforcement and Removal Operations");
  g_assert_cmpstr (state->page, ==, "exposure");
  g_assert_cmpint (state->range_start, ==, 0);
  g_assert_cmpint (state->range_end, ==, 0);
  g_assert_cmpint (state->as_of, ==, SL_TIME_MAX);
  g_clear_pointer (&state, sl_lesson_state_free);

  state = sl_lesson_dup_state_at (lesson, 0);
  g_assert_cmpint (state->range_start, ==, 1548046800);   /* 2019-01-21 00:00 EST */
  g_assert_cmpint (state->range_end, ==, 1548046800 + 7 * 86400);
  g_assert_null (state->agency);
  g_assert_cmpuint (state->keys, ==, SL_LESSON_KEY_PLATE | SL_LESSON_KEY_SCENARIO |
                                     SL_LESSON_KEY_TIME_RANGE | SL_LESSON_KEY_PAGE);
  g_clear_pointer (&state, sl_lesson_state_free);

  state = sl_lesson_dup_state_at (lesson, 5);
  g_assert_cmpuint (state->n_unticks, ==, 0);
  g_assert_null (state->agency);
  g_assert_cmpstr (state->scenario, ==, "All eight untick ICE (national pool kept)");
  g_clear_pointer (&state, sl_lesson_state_free);

  state = sl_lesson_dup_state_at (lesson, 6);
  g_assert_cmpint (state->as_of, ==, 1561953600);   /* 2019-07-01 00:00 EDT */
  g_clear_pointer (&state, sl_lesson_state_free);

  state = sl_lesson_dup_state_at (lesson, 7);
  g_assert_cmpint (state->as_of, ==, SL_TIME_MAX);
  g_assert_cmpstr (state->scenario, ==, "No sharing with federal immigration recipients");
  g_assert_cmpstr (state->page, ==, "flow");
}

static void
assert_same_state (const SlLessonState *a,
                   const SlLessonState *b)
{
  g_assert_cmpuint (a->keys, ==, b->keys);
  g_assert_cmpstr (a->plate, ==, b->plate);
  g_assert_cmpstr (a->scenario, ==, b->scenario);
  g_assert_cmpstr (a->agency, ==, b->agency);
  g_assert_cmpstr (a->page, ==, b->page);
  g_assert_cmpint (a->as_of, ==, b->as_of);
  g_assert_cmpint (a->range_start, ==, b->range_start);
  g_assert_cmpint (a->range_end, ==, b->range_end);
  g_assert_cmpuint (a->n_unticks, ==, b->n_unticks);
  for (guint i = 0; i < a->n_unticks; i++)
    {
      g_assert_cmpstr (a->unticks[i].owner, ==, b->unticks[i].owner);
      g_assert_cmpstr (a->unticks[i].recipient, ==, b->unticks[i].recipient);
    }
}

static void
assert_round_trip (SlLesson *lesson)
{
  g_autofree char *json = sl_lesson_to_json (lesson);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlLesson) copy = load (json, &error);
  g_auto(GStrv) locales = sl_lesson_dup_locales (lesson);
  g_auto(GStrv) copy_locales = sl_lesson_dup_locales (copy);

  g_assert_no_error (error);
  again = sl_lesson_to_json (copy);
  g_assert_cmpstr (json, ==, again);

  g_assert_true (g_strv_equal ((const char * const *) locales, (const char * const *) copy_locales));
  g_assert_cmpuint (sl_lesson_get_n_steps (copy), ==, sl_lesson_get_n_steps (lesson));
  for (guint l = 0; l <= g_strv_length (locales); l++)
    {
      const char * const languages[] = { locales[l], NULL };

      sl_lesson_set_languages (lesson, languages);
      sl_lesson_set_languages (copy, languages);
      g_assert_cmpstr (sl_lesson_get_title (copy), ==, sl_lesson_get_title (lesson));
      g_assert_cmpstr (sl_lesson_get_description (copy), ==, sl_lesson_get_description (lesson));
      for (guint i = 0; i < sl_lesson_get_n_steps (lesson); i++)
        {
          g_autoptr(SlLessonState) state = sl_lesson_dup_state_at (lesson, i);
          g_autoptr(SlLessonState) copy_state = sl_lesson_dup_state_at (copy, i);

          g_assert_cmpstr (sl_lesson_get_step_title (copy, i), ==, sl_lesson_get_step_title (lesson, i));
          g_assert_cmpstr (sl_lesson_get_step_text (copy, i), ==, sl_lesson_get_step_text (lesson, i));
          assert_same_state (sl_lesson_get_step_state (copy, i), sl_lesson_get_step_state (lesson, i));
          assert_same_state (copy_state, state);
        }
    }
}

static void
test_round_trip (void)
{
  g_autoptr(SlLesson) demo = load_demo ();
  g_autoptr(SlLesson) every_key = NULL;
  g_autoptr(SlLesson) minimal = NULL;
  g_autoptr(GError) error = NULL;

  assert_round_trip (demo);

  /* Every key with a value and with null, and untranslated steps next to
   * translated ones. */
  every_key = load (HEAD "\"description\": \"D\\nwith a second line\",\n"
                    "\"translations\": {\"pt_BR\": {\"title\": \"Tp\"}, \"sr@latin\": {\"description\": \"Dl\"}},\n"
                    "\"steps\": [\n"
                    " {\"title\": \"A\", \"text\": \"a\", \"state\": {\"plate\": \"ZK40517\", \"scenario\": \"S\","
                    "  \"agency\": \"Ag\", \"untick\": [{\"owner\": \"O1\", \"recipient\": \"R1\"},"
                    "  {\"owner\": \"O2\", \"recipient\": \"R2\"}], \"as-of\": \"2019-03-01T12:00:00Z\","
                    "  \"time-range\": {\"start\": \"2019-01-01T00:00:00Z\", \"end\": \"1548979200\"},"
                    "  \"page\": \"inference\"}},\n"
                    " {\"title\": \"B\", \"text\": \"b\", \"state\": {\"plate\": null, \"scenario\": null,"
                    "  \"agency\": null, \"untick\": null, \"as-of\": null, \"time-range\": null, \"page\": null},"
                    "  \"translations\": {\"pt_BR\": {\"text\": \"bp\"}}},\n"
                    " {\"title\": \"C\", \"text\": \"c\", \"state\": {\"untick\": []}}\n"
                    "]}", &error);
  g_assert_no_error (error);
  assert_round_trip (every_key);
  g_assert_cmpuint (sl_lesson_get_step_state (every_key, 0)->keys, ==, 0x7f);
  g_assert_cmpint (sl_lesson_get_step_state (every_key, 0)->range_end, ==, 1548979200);
  g_assert_cmpuint (sl_lesson_get_step_state (every_key, 1)->keys, ==, 0x7f);
  g_assert_cmpuint (sl_lesson_get_step_state (every_key, 2)->keys, ==, SL_LESSON_KEY_UNTICK);

  minimal = load (HEAD MINIMAL_STEPS "}", &error);
  g_assert_no_error (error);
  g_assert_null (sl_lesson_get_description (minimal));
  g_assert_cmpuint (sl_lesson_get_step_state (minimal, 0)->keys, ==, 0);
  assert_round_trip (minimal);
}

static void
test_locale_fallback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlLesson) lesson = load (HEAD "\"translations\": {\"es\": {\"title\": \"T es\"},"
                                     " \"es_MX\": {\"title\": \"T mx\", \"description\": \"D mx\"}},\n"
                                     "\"description\": \"D\",\n"
                                     "\"steps\": [{\"title\": \"S\", \"text\": \"X\","
                                     " \"translations\": {\"es\": {\"text\": \"X es\"}}}]}", &error);
  const char * const mexico[] = { "es_MX.UTF-8", "es_MX", "es.UTF-8", "es", "C", NULL };
  const char * const spain[] = { "es_ES.UTF-8", "es_ES", "es.UTF-8", "es", "C", NULL };
  const char * const french_then_spanish[] = { "fr_FR", "fr", "es", NULL };
  const char * const german[] = { "de_DE", "de", "C", NULL };
  g_auto(GStrv) locales = NULL;

  g_assert_no_error (error);

  /* The most specific translation there is, text by text. */
  sl_lesson_set_languages (lesson, mexico);
  g_assert_cmpstr (sl_lesson_get_title (lesson), ==, "T mx");
  g_assert_cmpstr (sl_lesson_get_description (lesson), ==, "D mx");
  g_assert_cmpstr (sl_lesson_get_step_title (lesson, 0), ==, "S");
  g_assert_cmpstr (sl_lesson_get_step_text (lesson, 0), ==, "X es");

  sl_lesson_set_languages (lesson, spain);
  g_assert_cmpstr (sl_lesson_get_title (lesson), ==, "T es");
  g_assert_cmpstr (sl_lesson_get_description (lesson), ==, "D");
  g_assert_cmpstr (sl_lesson_get_step_text (lesson, 0), ==, "X es");

  sl_lesson_set_languages (lesson, french_then_spanish);
  g_assert_cmpstr (sl_lesson_get_title (lesson), ==, "T es");

  sl_lesson_set_languages (lesson, german);
  g_assert_cmpstr (sl_lesson_get_title (lesson), ==, "T");
  g_assert_cmpstr (sl_lesson_get_step_text (lesson, 0), ==, "X");

  sl_lesson_set_languages (lesson, NULL);
  g_assert_cmpstr (sl_lesson_get_title (lesson), ==, "T");

  locales = sl_lesson_dup_locales (lesson);
  g_assert_cmpuint (g_strv_length (locales), ==, 2);
  g_assert_cmpstr (locales[0], ==, "es");
  g_assert_cmpstr (locales[1], ==, "es_MX");
  /* Step titles have no Spanish: not complete. */
  g_assert_false (sl_lesson_is_translated (lesson, "es"));
}

typedef struct
{
  const char *text;
  const char *message;
} BadLesson;

static char *
repeat (char  c,
        guint n)
{
  char *text = g_malloc (n + 1);

  memset (text, c, n);
  text[n] = '\0';
  return text;
}

static void
test_errors (void)
{
  g_autofree char *long_title = repeat ('x', SL_LESSON_MAX_TITLE + 1);
  g_autofree char *ok_title = repeat ('x', SL_LESSON_MAX_TITLE);
  g_autofree char *long_text = repeat ('y', SL_LESSON_MAX_TEXT + 1);
  g_autofree char *deep_open = repeat ('[', SL_LESSON_MAX_DEPTH);
  g_autofree char *deep_close = repeat (']', SL_LESSON_MAX_DEPTH);
  g_autoptr(GString) many_steps = g_string_new (HEAD "\"steps\": [");
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const BadLesson bad[] = {
    { "", "t.json:1: not a Sightline lesson: expected an object" },
    { "[]", "t.json:1: not a Sightline lesson: expected an object" },
    { "{\"format\": \"sightline-lesson\",\n\"version\": 1,,}",
      "t.json:2:13: Parse error: unexpected character `,', expected string constant" },
    { "{\"version\": 1}", "t.json:1: field “format”: missing" },
    { "{\"format\": \"sightline-sharing\"}",
      "t.json:1: field “format”: expected “sightline-lesson”, not “sightline-sharing”" },
    { "{\"format\": \"sightline-lesson\",\n\"version\": \"1\"}", "t.json:2: field “version”: expected a version number" },
    { "{\"format\": \"sightline-lesson\", \"version\": 2}",
      "t.json:1: field “version”: this lesson needs a newer Sightline (format version 2; this one reads 1)" },
    { HEAD "\"colour\": \"red\"}", "t.json:2: field “colour”: unknown field" },
    { "{\"format\": \"sightline-lesson\", \"version\": 1,\n\"steps\": []}", "t.json:2: field “title”: missing" },
    { "{\"format\": \"sightline-lesson\", \"version\": 1,\n\"title\": 7}", "t.json:2: field “title”: expected text" },
    { "{\"format\": \"sightline-lesson\", \"version\": 1,\n\"title\": \"\"}", "t.json:2: field “title”: must not be empty" },
    { "{\"format\": \"sightline-lesson\", \"version\": 1,\n\"title\": \"a\\nb\"}", "t.json:2: field “title”: must be one line" },
    { HEAD "\"description\": 3}", "t.json:2: field “description”: expected text or null" },
    { HEAD "\"title\": \"again\"}", "t.json:2: field “title” appears twice in one object" },
    { HEAD "\"steps\": {}}", "t.json:2: field “steps”: expected a list" },
    { HEAD "\"steps\": []}", "t.json:2: field “steps”: expected 1 to 20 steps, not 0" },
    { "{\"format\": \"sightline-lesson\", \"version\": 1,\n\"title\": \"T\"}", "t.json:2: field “steps”: missing" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\"},\n 5]}", "t.json:3: step 2: expected an object" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\"},\n{\"title\": \"S\"\n}]}",
      "t.json:4: step 2: field “text”: missing" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\",\n \"picture\": \"a.png\"}]}",
      "t.json:3: step 1: field “picture”: unknown field" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": []}]}",
      "t.json:2: step 1: field “state”: expected an object" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\n\"zoom\": 3}}]}",
      "t.json:3: step 1: field “state.zoom”: unknown field" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\n\"plate\": 12345}}]}",
      "t.json:3: step 1: field “state.plate”: expected text or null" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\n\"page\": \"map\"}}]}",
      "t.json:3: step 1: field “state.page”: expected “exposure”, “flow” or “inference”, not “map”" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\n\"as-of\": \"yesterday\"}}]}",
      "t.json:3: step 1: field “state.as-of”: not a time such as “2019-03-01T12:00:00Z” or "
      "“2019-03-01 07:00:00-05:00”" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\n\"as-of\": \"99999999999999\"}}]}",
      "t.json:3: step 1: field “state.as-of”: out of range" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\"time-range\": 5}}]}",
      "t.json:2: step 1: field “state.time-range”: expected an object or null" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\"time-range\": {\n\"start\": \"2019-01-01\"}}}]}",
      "t.json:3: step 1: field “state.time-range.end”: missing" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\"time-range\": {\n"
      "\"start\": \"2019-01-02T00:00:00Z\",\n\"end\": \"2019-01-01T00:00:00Z\"}}}]}",
      "t.json:4: step 1: field “state.time-range.end”: not after the start" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\"time-range\": {\n"
      "\"start\": \"1\", \"end\": \"2\", \"step\": \"1\"}}}]}",
      "t.json:3: step 1: field “state.time-range.step”: unknown field" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\n\"untick\": {}}}]}",
      "t.json:3: step 1: field “state.untick”: expected a list or null" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\n\"untick\": [\"ICE\"]}}]}",
      "t.json:3: step 1: field “state.untick[1]”: expected an object" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\": {\"untick\": [\n"
      "{\"owner\": \"A\", \"recipient\": \"B\"}, {\"owner\": \"A\"\n}]}}]}",
      "t.json:4: step 1: field “state.untick[2].recipient”: missing" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\",\n\"translations\": []}]}",
      "t.json:3: step 1: field “translations”: expected an object" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"translations\": {\n\"Spanish\": {}}}]}",
      "t.json:3: step 1: field “translations.Spanish”: not a locale name such as “es” or “pt_BR”" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"translations\": {\n\"es\": \"hola\"}}]}",
      "t.json:3: step 1: field “translations.es”: expected an object" },
    { HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"translations\": {\"es\": {\n\"state\": {}}}}]}",
      "t.json:3: step 1: field “translations.es.state”: unknown field" },
    { HEAD "\"translations\": {\"es\": {\n\"text\": \"hola\"}}}",
      "t.json:3: field “translations.es.text”: unknown field" },
    { HEAD "\"translations\": {\"es\": {\n\"title\": \"\"}}}",
      "t.json:3: field “translations.es.title”: must not be empty" },
    { "{\"a\": \"\xff\"}", "t.json:1: not UTF-8 text" },
    /* json-glib decodes a lone surrogate escape to bytes that are not
     * UTF-8: refused in a value, replaced in a field name. */
    { "{\"format\": \"sightline-lesson\", \"version\": 1,\n\"title\": \"\\ud800x\"}",
      "t.json:2: field “title”: not valid text (a lone surrogate escape?)" },
    { HEAD "\"\\ud800x\": 1}", "t.json:2: field “\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd”: unknown field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlLesson) lesson = load (bad[i].text, &error);

      g_test_message ("case %u", i);
      g_assert_null (lesson);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }

  /* Generated cases: limits, plus one over them. */
  {
    g_autofree char *title_ok = g_strdup_printf (HEAD "\"steps\": [{\"title\": \"%s\", \"text\": \"X\"}]}", ok_title);
    g_autofree char *title_long = g_strdup_printf (HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\"},\n"
                                                   "{\"title\": \"%s\", \"text\": \"X\"}]}", long_title);
    g_autofree char *text_long = g_strdup_printf (HEAD "\"steps\": [{\"title\": \"S\",\n\"text\": \"%s\"}]}", long_text);
    g_autofree char *deep = g_strdup_printf (HEAD "\"steps\": [{\"title\": \"S\", \"text\": \"X\", \"state\":\n"
                                             "{\"untick\": %s%s}}]}", deep_open, deep_close);
    g_autofree char *nul = g_strdup_printf (HEAD "\n\"title\": \"a");
    g_autoptr(GError) error = NULL;
    g_autoptr(SlLesson) lesson = load (title_ok, &error);
    g_autoptr(GBytes) with_nul = NULL;

    g_assert_no_error (error);
    g_clear_object (&lesson);

    lesson = load (title_long, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_cmpstr (error->message, ==, "t.json:3: step 2: field “title”: longer than 80 characters");
    g_clear_error (&error);

    lesson = load (text_long, &error);
    g_assert_cmpstr (error->message, ==, "t.json:3: step 1: field “text”: longer than 700 characters");
    g_clear_error (&error);

    /* Four levels are the lesson's own (object, steps, step, state). */
    lesson = load (deep, &error);
    g_assert_cmpstr (error->message, ==, "t.json:3: nested more than 16 levels deep");
    g_clear_error (&error);

    for (guint i = 0; i <= SL_LESSON_MAX_STEPS; i++)
      g_string_append_printf (many_steps, "%s\n{\"title\": \"S\", \"text\": \"X\"}", i > 0 ? "," : "");
    g_string_append (many_steps, "]}");
    lesson = load (many_steps->str, &error);
    g_assert_cmpstr (error->message, ==, "t.json:23: field “steps”: expected 1 to 20 steps, not 21");
    g_clear_error (&error);

    /* A NUL byte on line 3, where json-glib would end the text. */
    with_nul = g_bytes_new (nul, strlen (nul) + 1);
    lesson = sl_lesson_new_from_bytes (with_nul, "t.json", &error);
    g_assert_null (lesson);
    g_assert_cmpstr (error->message, ==, "t.json:3: not UTF-8 text");
  }
}

static void
test_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lesson-XXXXXX", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.json", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *big = repeat (' ', SL_LESSON_MAX_FILE_SIZE + 1);
  g_autofree char *expected = NULL;
  g_autoptr(GFile) big_file = g_file_new_for_path (big_path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlLesson) lesson = NULL;

  /* One byte over the limit is refused without parsing: whitespace
   * would otherwise be a parse error. */
  g_assert_true (g_file_set_contents (big_path, big, -1, &error));
  lesson = sl_lesson_new_from_file (big_file, &error);
  g_assert_null (lesson);
  expected = g_strdup_printf ("%s: larger than 256 KiB, too large for a lesson", big_path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  lesson = sl_lesson_new_from_file (missing_file, &error);
  g_assert_null (lesson);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing_path));

  g_remove (big_path);
  g_rmdir (dir);
}

/* The figures in the demo lesson's texts, as the core computes them on
 * the demo project the build made: if the generator changes, the lesson
 * must be rewritten, not left telling a class numbers the app no longer
 * shows. Each step's numbers are checked in its own state. */

static guint
node_named (SlWhatIf   *what_if,
            const char *name)
{
  return sl_test_node_named (sl_what_if_get_network (what_if), name);
}

static guint
seen_by (SlWhatIf   *what_if,
         const char *name)
{
  const SlExposure *exposure = sl_what_if_find_exposure (what_if, node_named (what_if, name));

  return exposure != NULL ? exposure->n_reads : 0;
}

/* @n written as a word of @text ("167 of", "(65)" would not match). */
static void
assert_says (SlLesson   *lesson,
             guint       step,
             guint       n)
{
  const char *text = sl_lesson_get_step_text (lesson, step);
  g_autofree char *number = g_strdup_printf ("%u", n);
  g_auto(GStrv) words = g_regex_split_simple ("[^0-9]+", text, 0, 0);

  if (!g_strv_contains ((const char * const *) words, number))
    g_error ("step %u does not say %u: %s", step + 1, n, text);
}

/* The lesson's state at @step, applied to a what-if session as the app
 * applies it to the workspace. */
static SlWhatIf *
what_if_at (SlProject *project,
            SlLesson  *lesson,
            guint      step)
{
  g_autoptr(SlLessonState) state = sl_lesson_dup_state_at (lesson, step);

  return sl_test_lesson_what_if (project, state, state->scenario);
}

static void
test_demo_facts (void)
{
  g_autoptr(SlLesson) lesson = load_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (demo_project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  const char * const english[] = { NULL };
  const char *ice = "ICE Enforcement and Removal Operations";
  const char *pool = "500 unlisted members of Vendor national pool";
  const char *state_police = "Connecticut State Police";

  g_assert_no_error (error);
  sl_lesson_set_languages (lesson, english);

  for (guint step = 0; step < sl_lesson_get_n_steps (lesson); step++)
    {
      g_autoptr(SlWhatIf) what_if = what_if_at (project, lesson, step);
      guint total = sl_what_if_get_n_reads (what_if);

      switch (step)
        {
        case 0:
          {
            g_autoptr(SlLessonState) state = sl_lesson_dup_state_at (lesson, step);
            g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM reads JOIN plates ON plates.id = plate_id "
                                                    "WHERE plate = 'ZN47301' AND time >= %" G_GINT64_FORMAT
                                                    " AND time < %" G_GINT64_FORMAT,
                                                    state->range_start, state->range_end);

            assert_says (lesson, step, total);
            assert_says (lesson, step, sl_test_query_int (project, sql));
          }
          break;
        case 1:
          {
            const char *owners[] = {
              "Wethersfield Police Department", "Hartford Police Department", "Newington Police Department",
              "Connecticut State Police",
            };

            assert_says (lesson, step, sl_test_query_int (project, "SELECT count(DISTINCT camera_id) FROM reads "
                                                                   "JOIN plates ON plates.id = plate_id WHERE plate = 'ZN47301'"));
            for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
              {
                g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM reads JOIN plates ON plates.id = plate_id "
                                                        "JOIN agencies ON agencies.id = agency_id "
                                                        "WHERE plate = 'ZN47301' AND agencies.name = '%s'", owners[i]);

                assert_says (lesson, step, sl_test_query_int (project, sql));
              }
            /* "… and Windsor Locks Police once": five owners in all. */
            g_assert_cmpint (sl_test_query_int (project, "SELECT count(DISTINCT reads.agency_id) FROM reads "
                                                         "JOIN plates ON plates.id = plate_id WHERE plate = 'ZN47301'"),
                             ==, G_N_ELEMENTS (owners) + 1);
          }
          break;
        case 2:
          assert_says (lesson, step, seen_by (what_if, state_police));
          assert_says (lesson, step, seen_by (what_if, ice));
          g_assert_cmpuint (seen_by (what_if, state_police), ==, total);
          /* "10 viewers besides the owners …: 9 agencies, and the pool",
           * as the exposure pane counts them. */
          {
            GArray *exposure = sl_what_if_get_exposure (what_if);
            SlSharingNetwork *network = sl_what_if_get_network (what_if);
            guint n_viewers = 0, n_agencies = 0;

            for (guint i = 0; i < exposure->len; i++)
              {
                const SlExposure *row = &g_array_index (exposure, SlExposure, i);

                if (sl_what_if_get_how (what_if, row) == SL_EXPOSURE_OWN)
                  continue;
                n_viewers++;
                if (sl_sharing_network_get_node (network, row->node)->kind == SL_SHARING_NODE_AGENCY)
                  n_agencies++;
              }
            assert_says (lesson, step, n_viewers);
            assert_says (lesson, step, n_agencies);
            g_assert_cmpuint (n_viewers, ==, n_agencies + 1);
            assert_says (lesson, step, sl_sharing_network_get_node (network, node_named (what_if, pool))->members);
          }
          break;
        case 3:
          assert_says (lesson, step, seen_by (what_if, ice));
          break;
        case 4:
          assert_says (lesson, step, seen_by (what_if, ice));
          break;
        case 5:
          assert_says (lesson, step, total);
          assert_says (lesson, step, seen_by (what_if, pool));
          assert_says (lesson, step, seen_by (what_if, ice));
          break;
        case 6:
          assert_says (lesson, step, seen_by (what_if, ice));
          assert_says (lesson, step, seen_by (what_if, pool));
          g_assert_cmpuint (seen_by (what_if, "Wethersfield Police Department"), <, total / 2);
          break;
        case 7:
          g_assert_cmpuint (seen_by (what_if, ice), ==, 0);
          assert_says (lesson, step, seen_by (what_if, state_police));
          assert_says (lesson, step, seen_by (what_if, pool));
          break;
        default:
          break;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The demo project the build made, for the figures in the lesson. */
  if (argc > 1)
    {
      demo_project_path = argv[1];
      g_test_add_func ("/lesson/demo-facts", test_demo_facts);
      return g_test_run ();
    }

  g_test_add_func ("/lesson/demo", test_demo);
  g_test_add_func ("/lesson/round-trip", test_round_trip);
  g_test_add_func ("/lesson/locale-fallback", test_locale_fallback);
  g_test_add_func ("/lesson/errors", test_errors);
  g_test_add_func ("/lesson/files", test_files);

  return g_test_run ();
}
