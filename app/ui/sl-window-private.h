/* sl-window-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-import-assistant.h"
#include "sl-project-page.h"
#include "sl-window.h"

G_BEGIN_DECLS

struct _SlWindow
{
  AdwApplicationWindow  parent_instance;

  SlProject            *project;
  GSettings            *settings;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  SlProjectPage        *project_page;
};

void               _sl_window_actions_init (SlWindow *self);
SlImportAssistant *_sl_window_import_reads (SlWindow *self,
                                            GFile    *file);

G_END_DECLS
