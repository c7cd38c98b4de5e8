/* sl-agency.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-project.h"

G_BEGIN_DECLS

typedef enum
{
  SL_AGENCY_TYPE_MUNICIPAL_POLICE,
  SL_AGENCY_TYPE_SHERIFF,
  SL_AGENCY_TYPE_STATE_POLICE,
  SL_AGENCY_TYPE_UNIVERSITY_POLICE,
  SL_AGENCY_TYPE_FEDERAL,
  SL_AGENCY_TYPE_FUSION_CENTER,
  SL_AGENCY_TYPE_PROSECUTOR,
  SL_AGENCY_TYPE_PRIVATE,
  SL_AGENCY_TYPE_OTHER,
} SlAgencyType;

const char *sl_agency_type_to_string   (SlAgencyType   type);
gboolean    sl_agency_type_from_string (const char    *string,
                                        SlAgencyType  *type);
char       *sl_agency_normalize_name   (const char    *name);
gint64      sl_agency_lookup           (SlProject     *project,
                                        const char    *name,
                                        GError       **error);
gint64      sl_agency_ensure           (SlProject     *project,
                                        const char    *name,
                                        gboolean      *created,
                                        GError       **error);

typedef enum
{
  SL_AGENCY_MATCH_MATCHED,
  SL_AGENCY_MATCH_CREATED,
  SL_AGENCY_MATCH_AMBIGUOUS,
} SlAgencyMatch;

/* How one spelling met in a document was resolved. An ambiguous spelling
 * gets an agency of its own; candidates lists the agencies it might be. */
typedef struct
{
  char          *spelling;
  gint64         agency_id;
  char          *agency_name;
  SlAgencyMatch  match;
  GStrv          candidates;
} SlAgencyResolution;

typedef struct _SlAgencyReconciler SlAgencyReconciler;

const char               *sl_agency_match_to_string           (SlAgencyMatch        match);
SlAgencyReconciler       *sl_agency_reconciler_new            (SlProject           *project,
                                                               GError             **error);
gint64                    sl_agency_reconciler_resolve        (SlAgencyReconciler  *self,
                                                               const char          *name,
                                                               GError             **error);
guint                     sl_agency_reconciler_get_n_resolutions (SlAgencyReconciler *self);
const SlAgencyResolution *sl_agency_reconciler_get_resolution (SlAgencyReconciler  *self,
                                                               guint                i);
gboolean                  sl_agency_reconciler_add_alias      (SlAgencyReconciler  *self,
                                                               gint64               agency_id,
                                                               const char          *alias,
                                                               GError             **error);
guint                     sl_agency_reconciler_count          (SlAgencyReconciler  *self,
                                                               SlAgencyMatch        match);
char                     *sl_agency_reconciler_format_report  (SlAgencyReconciler  *self);
void                      sl_agency_reconciler_free           (SlAgencyReconciler  *self);
gboolean                  sl_agency_merge                     (SlProject           *project,
                                                               gint64               kept_id,
                                                               gint64               merged_id,
                                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAgencyReconciler, sl_agency_reconciler_free)

G_END_DECLS
