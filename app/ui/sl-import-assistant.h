/* sl-import-assistant.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_IMPORT_ASSISTANT (sl_import_assistant_get_type ())

G_DECLARE_FINAL_TYPE (SlImportAssistant, sl_import_assistant, SL, IMPORT_ASSISTANT, AdwWindow)

SlImportAssistant *sl_import_assistant_new (GtkWindow  *parent,
                                            const char *project_path,
                                            GFile      *file);

G_END_DECLS
