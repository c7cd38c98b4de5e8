/* sl-window-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-import-assistant.h"
#include "sl-window.h"
#include "sl-workspace.h"

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
  SlWorkspace          *workspace;
  GtkWidget            *open_button;
  GtkWidget            *presentation_button;
  AdwToast             *demo_toast;

  /* Presentation mode, and what it changed, to put back on leaving. */
  gboolean              presenting;
  gboolean              was_fullscreen;
  gboolean              sidebar_was_revealed;
};

void               _sl_window_actions_init (SlWindow *self);
SlImportAssistant *_sl_window_import_reads (SlWindow *self,
                                            GFile    *file);
void               _sl_window_open_demo    (SlWindow *self);
void               _sl_window_export_init  (SlWindow *self);

G_END_DECLS
