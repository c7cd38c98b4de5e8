/* sl-window.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sl-application.h"
#include "sl-project.h"
#include "sl-workspace.h"

G_BEGIN_DECLS

#define SL_TYPE_WINDOW (sl_window_get_type ())

G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, AdwApplicationWindow)

SlWindow  *sl_window_new            (SlApplication      *application);
SlProject *sl_window_get_project    (SlWindow           *self);
void       sl_window_set_project    (SlWindow           *self,
                                     SlProject          *project);
gboolean   sl_window_open_file      (SlWindow           *self,
                                     GFile              *file,
                                     SlProjectOpenFlags  flags);
gboolean   sl_window_create_project (SlWindow           *self,
                                     GFile              *file);
void       sl_window_add_toast      (SlWindow           *self,
                                     AdwToast           *toast);
void       sl_window_emit_project_changed (SlWindow     *self);
gboolean   sl_window_get_presentation_mode (SlWindow    *self);
void       sl_window_set_presentation_mode (SlWindow    *self,
                                            gboolean     presenting);
void       sl_window_export         (SlWindow           *self,
                                     SlExportKind        kind,
                                     GFile              *file);

G_END_DECLS
