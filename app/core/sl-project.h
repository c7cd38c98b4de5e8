/* sl-project.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SL_PROJECT_ERROR (sl_project_error_quark ())

typedef enum
{
  SL_PROJECT_ERROR_NOT_FOUND,
  SL_PROJECT_ERROR_NOT_A_PROJECT,
  SL_PROJECT_ERROR_TOO_NEW,
  SL_PROJECT_ERROR_CORRUPT,
  SL_PROJECT_ERROR_READ_ONLY,
  SL_PROJECT_ERROR_FAILED,
  /* The file holds triggers, views or changed definitions that Sightline
   * did not create: SQL someone else wrote, which is never run. */
  SL_PROJECT_ERROR_UNEXPECTED_SCHEMA,
} SlProjectError;

typedef enum
{
  SL_PROJECT_OPEN_FLAGS_NONE = 0,
  SL_PROJECT_OPEN_CREATE     = 1 << 0,
  SL_PROJECT_OPEN_READ_ONLY  = 1 << 1,
} SlProjectOpenFlags;

#define SL_TYPE_PROJECT (sl_project_get_type ())

G_DECLARE_FINAL_TYPE (SlProject, sl_project, SL, PROJECT, GObject)

GQuark      sl_project_error_quark               (void);
guint       sl_project_get_latest_schema_version (void);
SlProject  *sl_project_open                      (const char          *path,
                                                  SlProjectOpenFlags   flags,
                                                  GError             **error);
const char *sl_project_get_path                  (SlProject           *self);
guint       sl_project_get_schema_version        (SlProject           *self);
gboolean    sl_project_is_read_only              (SlProject           *self);
char       *sl_project_dup_name                  (SlProject           *self);
char       *sl_project_dup_meta                  (SlProject           *self,
                                                  const char          *key);
gboolean    sl_project_set_meta                  (SlProject           *self,
                                                  const char          *key,
                                                  const char          *value,
                                                  GError             **error);

/* Below this size sl_project_wants_quick_check() always says yes. */
#define SL_PROJECT_QUICK_CHECK_ALWAYS_BYTES (256 * 1024 * 1024)

gboolean    sl_project_wants_quick_check         (SlProject           *self);
gboolean    sl_project_quick_check               (SlProject           *self,
                                                  GError             **error);

G_END_DECLS
