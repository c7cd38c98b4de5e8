/* sl-project-page.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sl-project.h"

G_BEGIN_DECLS

#define SL_TYPE_PROJECT_PAGE (sl_project_page_get_type ())

G_DECLARE_FINAL_TYPE (SlProjectPage, sl_project_page, SL, PROJECT_PAGE, AdwBin)

SlProject *sl_project_page_get_project (SlProjectPage *self);
void       sl_project_page_set_project (SlProjectPage *self,
                                        SlProject     *project);

G_END_DECLS
