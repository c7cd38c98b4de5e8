/* sl-sharing-io.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-agency.h"

G_BEGIN_DECLS

/* Formats of docs/sharing-format.md. */
typedef enum
{
  SL_SHARING_FORMAT_AUTO,
  SL_SHARING_FORMAT_EDGES,
  SL_SHARING_FORMAT_AGENCIES,
  SL_SHARING_FORMAT_JSON,
} SlSharingFormat;

#define SL_SHARING_JSON_VERSION 1

/* What one import did. */
typedef struct
{
  SlSharingFormat     format;
  /* The scenario written, NULL for an agency table. */
  char               *scenario;
  guint               n_agencies;
  guint               n_pools;
  guint               n_edges;
  guint               n_edits;
  SlAgencyReconciler *reconciler;
} SlSharingImport;

gboolean         sl_sharing_format_from_string (const char          *string,
                                                SlSharingFormat     *format);
const char      *sl_sharing_format_to_string   (SlSharingFormat      format);
SlSharingFormat  sl_sharing_detect_format      (const char          *path,
                                                GError             **error);
SlSharingImport *sl_sharing_import             (SlProject           *project,
                                                const char          *path,
                                                SlSharingFormat      format,
                                                const char          *scenario,
                                                const char * const  *maps,
                                                GError             **error);
void             sl_sharing_import_free        (SlSharingImport     *import);
char            *sl_sharing_export_json        (SlProject           *project,
                                                const char          *scenario,
                                                GError             **error);
char            *sl_sharing_export_edges_csv   (SlProject           *project,
                                                const char          *scenario,
                                                GError             **error);
char            *sl_sharing_export_agencies_csv (SlProject          *project,
                                                GError             **error);
gboolean         sl_sharing_parse_time         (const char          *text,
                                                gint64              *out_utc,
                                                GError             **error);
gboolean         sl_sharing_parse_retention    (const char          *text,
                                                gboolean            *set,
                                                int                 *days,
                                                GError             **error);
char            *sl_sharing_format_time        (gint64               utc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSharingImport, sl_sharing_import_free)

G_END_DECLS
