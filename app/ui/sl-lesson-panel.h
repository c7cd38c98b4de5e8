/* sl-lesson-panel.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sl-lesson.h"
#include "sl-workspace.h"

G_BEGIN_DECLS

#define SL_TYPE_LESSON_PANEL (sl_lesson_panel_get_type ())

G_DECLARE_FINAL_TYPE (SlLessonPanel, sl_lesson_panel, SL, LESSON_PANEL, AdwBin)

void      sl_lesson_panel_set_workspace (SlLessonPanel *self,
                                         SlWorkspace   *workspace);
void      sl_lesson_panel_start         (SlLessonPanel *self,
                                         SlLesson      *lesson,
                                         const char    *lesson_id);
void      sl_lesson_panel_go_to         (SlLessonPanel *self,
                                         guint          step);
void      sl_lesson_panel_close         (SlLessonPanel *self);
SlLesson *sl_lesson_panel_get_lesson    (SlLessonPanel *self);
guint     sl_lesson_panel_get_step      (SlLessonPanel *self);

G_END_DECLS
