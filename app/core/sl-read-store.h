/* sl-read-store.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-project.h"

G_BEGIN_DECLS

/* What `sightline-cli info` shows. */
typedef struct
{
  gint64   reads;
  gint64   plates;
  gint64   agencies;
  gint64   cameras;
  gint64   datasets;
  /* UTC seconds; meaningless when has_reads is FALSE. */
  gboolean has_reads;
  gint64   first_read;
  gint64   last_read;
} SlReadStoreSummary;

/* One stored read. */
typedef struct
{
  gint64 id;
  gint64 plate_id;
  gint64 time;
  double latitude;
  double longitude;
  gint64 agency_id;
  /* 0 when the source named no camera. */
  gint64 camera_id;
  gint64 dataset_id;
} SlRead;

gboolean  sl_read_store_get_summary          (SlProject           *project,
                                              SlReadStoreSummary  *out_summary,
                                              GError             **error);
GArray   *sl_read_store_load_plate_reads     (SlProject           *project,
                                              gint64               plate_id,
                                              GError             **error);
gint64    sl_read_store_lookup_plate         (SlProject           *project,
                                              const char          *plate,
                                              GError             **error);
char     *sl_read_store_normalize_plate      (const char          *plate);
gboolean  sl_read_store_has_pseudonym_key    (SlProject           *project);
gboolean  sl_read_store_remove_pseudonym_key (SlProject           *project,
                                              GError             **error);

G_END_DECLS
