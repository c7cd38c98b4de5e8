/* sl-lesson.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits of the lesson format (docs/lessons.md). Texts are counted in
 * characters; they keep a step readable on a projector and bound the
 * memory a hostile file can take. */
#define SL_LESSON_MAX_FILE_SIZE    (256 * 1024)
#define SL_LESSON_MAX_DEPTH        16
#define SL_LESSON_MAX_STEPS        20
#define SL_LESSON_MAX_TITLE        80
#define SL_LESSON_MAX_DESCRIPTION  400
#define SL_LESSON_MAX_TEXT         700
#define SL_LESSON_MAX_NAME         200
#define SL_LESSON_MAX_UNTICKS      16
#define SL_LESSON_MAX_LANGUAGES    32

/* The state keys a step can set. A key a step does not name keeps the
 * value the earlier steps gave it; a key set to null goes back to its
 * default. */
typedef enum
{
  SL_LESSON_KEY_PLATE      = 1 << 0,
  SL_LESSON_KEY_SCENARIO   = 1 << 1,
  SL_LESSON_KEY_AGENCY     = 1 << 2,
  SL_LESSON_KEY_UNTICK     = 1 << 3,
  SL_LESSON_KEY_AS_OF      = 1 << 4,
  SL_LESSON_KEY_TIME_RANGE = 1 << 5,
  SL_LESSON_KEY_PAGE       = 1 << 6,
} SlLessonKeys;

typedef struct
{
  char *owner;
  char *recipient;
} SlLessonUntick;

/* The app state a step sets up. Strings are NULL and times 0 for the
 * defaults: no plate, the project's default scenario, no agency, no edit,
 * the latest time (as_of SL_TIME_MAX), the whole time span, the exposure
 * page. */
typedef struct
{
  SlLessonKeys    keys;
  char           *plate;
  char           *scenario;
  char           *agency;
  SlLessonUntick *unticks;
  guint           n_unticks;
  gint64          as_of;
  gint64          range_start;
  gint64          range_end;
  char           *page;
} SlLessonState;

#define SL_TYPE_LESSON_STATE (sl_lesson_state_get_type ())

GType          sl_lesson_state_get_type (void) G_GNUC_CONST;
SlLessonState *sl_lesson_state_copy     (const SlLessonState *state);
void           sl_lesson_state_free     (SlLessonState       *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlLessonState, sl_lesson_state_free)

#define SL_TYPE_LESSON (sl_lesson_get_type ())

G_DECLARE_FINAL_TYPE (SlLesson, sl_lesson, SL, LESSON, GObject)

SlLesson            *sl_lesson_new_from_bytes      (GBytes              *bytes,
                                                    const char          *path,
                                                    GError             **error);
SlLesson            *sl_lesson_new_from_file       (GFile               *file,
                                                    GError             **error);
void                 sl_lesson_set_languages       (SlLesson            *self,
                                                    const char * const  *languages);
const char          *sl_lesson_get_title           (SlLesson            *self);
const char          *sl_lesson_get_description     (SlLesson            *self);
guint                sl_lesson_get_n_steps         (SlLesson            *self);
const char          *sl_lesson_get_step_title      (SlLesson            *self,
                                                    guint                step);
const char          *sl_lesson_get_step_text       (SlLesson            *self,
                                                    guint                step);
const SlLessonState *sl_lesson_get_step_state      (SlLesson            *self,
                                                    guint                step);
SlLessonState       *sl_lesson_dup_state_at        (SlLesson            *self,
                                                    guint                step);
GStrv                sl_lesson_dup_locales         (SlLesson            *self);
gboolean             sl_lesson_is_translated       (SlLesson            *self,
                                                    const char          *locale);
char                *sl_lesson_to_json             (SlLesson            *self);

G_END_DECLS
