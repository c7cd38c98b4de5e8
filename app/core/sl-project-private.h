/* sl-project-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sl-project.h"

G_BEGIN_DECLS

/* For core modules only: the UI never touches the connection directly. */
sqlite3  *sl_project_get_db        (SlProject   *self);
gboolean  sl_project_exec          (SlProject   *self,
                                    const char  *sql,
                                    GError     **error);
void      sl_project_set_error     (SlProject   *self,
                                    GError     **error,
                                    const char  *context);
gboolean  sl_project_begin         (SlProject   *self,
                                    GError     **error);
gboolean  sl_project_commit        (SlProject   *self,
                                    GError     **error);
void      sl_project_rollback      (SlProject   *self);

G_END_DECLS
