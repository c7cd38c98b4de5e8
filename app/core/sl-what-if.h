/* sl-what-if.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-agency.h"
#include "sl-visibility.h"

G_BEGIN_DECLS

/* How a viewer sees a read: the shape of its path from the owner. */
typedef enum
{
  SL_EXPOSURE_OWN,
  SL_EXPOSURE_DIRECT,
  SL_EXPOSURE_POOL,
  SL_EXPOSURE_RESHARER,
} SlExposureHow;

/* Kinds of viewers in the order lists show them: federal immigration
 * recipients first so nobody has to look for them. */
typedef enum
{
  SL_VIEWER_GROUP_IMMIGRATION,
  SL_VIEWER_GROUP_FEDERAL,
  SL_VIEWER_GROUP_FUSION_CENTER,
  SL_VIEWER_GROUP_STATE_POLICE,
  SL_VIEWER_GROUP_SHERIFF,
  SL_VIEWER_GROUP_MUNICIPAL,
  SL_VIEWER_GROUP_UNIVERSITY,
  SL_VIEWER_GROUP_PROSECUTOR,
  SL_VIEWER_GROUP_PRIVATE,
  SL_VIEWER_GROUP_OTHER,
  SL_VIEWER_GROUP_UNLISTED,
  SL_N_VIEWER_GROUPS,
} SlViewerGroup;

const char       *sl_viewer_group_to_title    (SlViewerGroup      group);

/* Reads of the vehicle flowing from an owner to a recipient, through the
 * owner's first hop (a pool or a re-sharer) or directly (via G_MAXUINT). */
typedef struct
{
  guint  owner;
  guint  via;
  guint  recipient;
  guint  n_reads;
} SlFlow;

#define SL_TYPE_WHAT_IF (sl_what_if_get_type ())

G_DECLARE_FINAL_TYPE (SlWhatIf, sl_what_if, SL, WHAT_IF, GObject)

SlWhatIf         *sl_what_if_new              (SlSharingNetwork  *network);
SlWhatIf         *sl_what_if_new_for_project  (SlProject         *project,
                                               const char        *scenario,
                                               const char        *plate,
                                               GError           **error);
void              sl_what_if_set_reads        (SlWhatIf          *self,
                                               const SlVisRead   *reads,
                                               guint              n_reads);
void              sl_what_if_set_agency_type  (SlWhatIf          *self,
                                               gint64             agency_id,
                                               SlAgencyType       type);
void              sl_what_if_set_as_of        (SlWhatIf          *self,
                                               gint64             as_of);
gint64            sl_what_if_get_as_of        (SlWhatIf          *self);

SlSharingNetwork *sl_what_if_get_network      (SlWhatIf          *self);
SlVisibility     *sl_what_if_get_visibility   (SlWhatIf          *self);
guint             sl_what_if_get_n_reads      (SlWhatIf          *self);
GArray           *sl_what_if_get_exposure     (SlWhatIf          *self);
const SlExposure *sl_what_if_find_exposure    (SlWhatIf          *self,
                                               guint              node);
SlAgencyType      sl_what_if_get_agency_type  (SlWhatIf          *self,
                                               guint              node);
gboolean          sl_what_if_is_immigration   (SlWhatIf          *self,
                                               guint              node);
SlViewerGroup     sl_what_if_get_group        (SlWhatIf          *self,
                                               guint              node);
guint             sl_what_if_get_path_node    (SlWhatIf          *self,
                                               const char        *path,
                                               guint              index);
const char       *sl_what_if_get_collate_key  (SlWhatIf          *self,
                                               guint              node);
void              sl_what_if_prepare_collate_keys (SlWhatIf      *self);
SlExposureHow     sl_what_if_get_how          (SlWhatIf          *self,
                                               const SlExposure  *exposure);
guint             sl_what_if_count_owned      (SlWhatIf          *self,
                                               guint              node);
GArray           *sl_what_if_dup_direct_owners (SlWhatIf         *self,
                                               guint              node);
GArray           *sl_what_if_dup_flows        (SlWhatIf          *self);

gboolean          sl_what_if_apply            (SlWhatIf          *self,
                                               const SlScenarioEdit *edit);
gboolean          sl_what_if_untick           (SlWhatIf          *self,
                                               gint64             owner_id,
                                               gint64             recipient_agency_id);
gboolean          sl_what_if_stop_pool_sharing (SlWhatIf         *self,
                                               gint64             owner_id,
                                               gint64             pool_id,
                                               gint64             from);
gboolean          sl_what_if_set_retention    (SlWhatIf          *self,
                                               gint64             agency_id,
                                               int                retention_days);
gboolean          sl_what_if_can_undo         (SlWhatIf          *self);
gboolean          sl_what_if_can_redo         (SlWhatIf          *self);
gboolean          sl_what_if_undo             (SlWhatIf          *self);
gboolean          sl_what_if_redo             (SlWhatIf          *self);
guint             sl_what_if_get_n_edits      (SlWhatIf          *self);
const SlScenarioEdit *sl_what_if_get_edit     (SlWhatIf          *self,
                                               guint              i);
const char       *sl_what_if_get_summary      (SlWhatIf          *self);
guint             sl_what_if_get_summary_focus (SlWhatIf         *self);
gboolean          sl_what_if_save             (SlWhatIf          *self,
                                               SlProject         *project,
                                               const char        *name,
                                               const char        *description,
                                               GError           **error);

char             *sl_what_if_describe_change  (SlSharingNetwork  *network,
                                               GArray            *before,
                                               GArray            *after,
                                               guint              n_reads,
                                               guint              focus);

G_END_DECLS
