/* sl-workspace.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sl-project.h"

G_BEGIN_DECLS

#define SL_TYPE_WORKSPACE (sl_workspace_get_type ())

G_DECLARE_FINAL_TYPE (SlWorkspace, sl_workspace, SL, WORKSPACE, AdwBin)

SlProject *sl_workspace_get_project    (SlWorkspace  *self);
void       sl_workspace_set_project    (SlWorkspace  *self,
                                        SlProject    *project);
void       sl_workspace_reload         (SlWorkspace  *self);
gboolean   sl_workspace_is_loading     (SlWorkspace  *self);
gboolean   sl_workspace_is_synthetic   (SlWorkspace  *self);
void       sl_workspace_save_state     (SlWorkspace  *self);
void       sl_workspace_show_plate     (SlWorkspace  *self,
                                        const char   *plate);
void       sl_workspace_show_page      (SlWorkspace  *self,
                                        const char   *page);
void       sl_workspace_select_agency  (SlWorkspace  *self,
                                        const char   *agency_name);
void       sl_workspace_select_scenario (SlWorkspace *self,
                                        const char   *scenario_name);
void       sl_workspace_untick         (SlWorkspace  *self,
                                        const char   *owner,
                                        const char   *recipient);
gboolean   sl_workspace_get_sidebar_revealed (SlWorkspace *self);
void       sl_workspace_set_sidebar_revealed (SlWorkspace *self,
                                              gboolean     revealed);

/* sl-workspace-export.c */
typedef enum
{
  SL_EXPORT_MAP,
  SL_EXPORT_DIAGRAM,
  SL_EXPORT_REPORT,
  SL_EXPORT_TRACK,
} SlExportKind;

gboolean   sl_workspace_can_export     (SlWorkspace          *self,
                                        SlExportKind          kind);
char      *sl_workspace_get_export_name (SlWorkspace         *self,
                                        SlExportKind          kind);
void       sl_workspace_export_async   (SlWorkspace          *self,
                                        SlExportKind          kind,
                                        GFile                *file,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean   sl_workspace_export_finish  (SlWorkspace          *self,
                                        GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
