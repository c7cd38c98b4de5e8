/* sl-share-copy.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What sl_share_copy_write() left out of the copy. */
typedef struct
{
  /* Datasets whose stored source path was cut to the file's base name. */
  guint    n_paths_removed;
  /* The pseudonym key (HMAC secret) was in the project and is not in the
   * copy. */
  gboolean key_removed;
  /* Datasets imported with plates as they were (not pseudonymised): the
   * copy holds those plates. */
  guint    n_raw_plate_datasets;
  /* Free pages of the project (deleted data SQLite may keep), not copied. */
  gint64   n_free_pages;
  gint64   size_bytes;
} SlShareCopyReport;

gboolean sl_share_copy_write          (const char               *project_path,
                                       const char               *output_path,
                                       gboolean                  overwrite,
                                       SlShareCopyReport        *report,
                                       GError                  **error);
char    *sl_share_copy_report_to_text (const SlShareCopyReport  *report);

G_END_DECLS
