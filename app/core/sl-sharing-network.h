/* sl-sharing-network.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-project.h"

G_BEGIN_DECLS

/* Unbounded ends of a validity window or of a visibility interval. */
#define SL_TIME_MIN G_MININT64
#define SL_TIME_MAX G_MAXINT64

/* Retention of an agency whose retention nobody documented. */
#define SL_RETENTION_UNKNOWN (-1)

typedef enum
{
  SL_SHARING_KIND_READS,
  SL_SHARING_KIND_HOTLISTS,
} SlSharingKind;

typedef enum
{
  SL_PROVENANCE_DOCUMENT,
  SL_PROVENANCE_AUDIT_LOG,
  SL_PROVENANCE_ASSUMED,
} SlProvenance;

typedef enum
{
  SL_SCENARIO_EDIT_REMOVE_EDGE,
  SL_SCENARIO_EDIT_ADD_EDGE,
  SL_SCENARIO_EDIT_STOP_POOL_SHARING,
  SL_SCENARIO_EDIT_SET_RETENTION,
} SlScenarioEditOp;

typedef enum
{
  SL_SHARING_NODE_AGENCY,
  SL_SHARING_NODE_POOL,
  /* The members of a pool nobody listed, as one recipient. */
  SL_SHARING_NODE_UNLISTED,
} SlSharingNodeKind;

/* One edge; exactly one of recipient_agency_id and recipient_pool_id is
 * non-zero. valid_from/valid_to are SL_TIME_MIN/SL_TIME_MAX when open. */
typedef struct
{
  gint64         owner_id;
  gint64         recipient_agency_id;
  gint64         recipient_pool_id;
  SlSharingKind  kind;
  gint64         valid_from;
  gint64         valid_to;
  SlProvenance   provenance;
  char          *document;
  char          *note;
} SlSharingEdge;

/* agency_id is the owner, or for set-retention the agency. For
 * stop-pool-sharing, recipient_pool_id 0 means every pool and valid_from is
 * the stop date. */
typedef struct
{
  SlScenarioEditOp  op;
  gint64            agency_id;
  gint64            recipient_agency_id;
  gint64            recipient_pool_id;
  SlSharingKind     kind;
  gint64            valid_from;
  gint64            valid_to;
  SlProvenance      provenance;
  char             *document;
  int               retention_days;
  char             *note;
} SlScenarioEdit;

typedef struct
{
  SlSharingNodeKind  kind;
  /* Agency id, or pool id for pools and their unlisted members. */
  gint64             id;
  char              *name;
  int                retention_days;
  gboolean           reshares;
  /* How many agencies the node stands for: 1 for an agency, 0 for a pool,
   * the unlisted count (-1 when unknown) for unlisted members. */
  gint64             members;
} SlSharingNode;

/* A directed connection of the read-sharing graph, in force over
 * [valid_from, valid_to). */
typedef struct
{
  guint   target;
  gint64  valid_from;
  gint64  valid_to;
} SlSharingArc;

const char *sl_sharing_kind_to_string          (SlSharingKind      kind);
gboolean    sl_sharing_kind_from_string        (const char        *string,
                                                SlSharingKind     *kind);
const char *sl_provenance_to_string            (SlProvenance       provenance);
gboolean    sl_provenance_from_string          (const char        *string,
                                                SlProvenance      *provenance);
const char *sl_scenario_edit_op_to_string      (SlScenarioEditOp   op);
gboolean    sl_scenario_edit_op_from_string    (const char        *string,
                                                SlScenarioEditOp  *op);
void        sl_sharing_edge_clear              (SlSharingEdge     *edge);
void        sl_scenario_edit_clear             (SlScenarioEdit    *edit);

#define SL_TYPE_SHARING_NETWORK (sl_sharing_network_get_type ())

G_DECLARE_FINAL_TYPE (SlSharingNetwork, sl_sharing_network, SL, SHARING_NETWORK, GObject)

SlSharingNetwork     *sl_sharing_network_new             (void);
SlSharingNetwork     *sl_sharing_network_load            (SlProject         *project,
                                                          const char        *scenario,
                                                          GError           **error);
char                 *sl_sharing_network_dup_default_scenario (SlProject    *project,
                                                          GError           **error);

SlSharingNetwork     *sl_sharing_network_copy            (SlSharingNetwork  *self);

void                  sl_sharing_network_add_agency      (SlSharingNetwork  *self,
                                                          gint64             id,
                                                          const char        *name,
                                                          int                retention_days,
                                                          gboolean           reshares);
void                  sl_sharing_network_add_pool        (SlSharingNetwork  *self,
                                                          gint64             id,
                                                          const char        *name,
                                                          gint64             declared_size,
                                                          gboolean           members_listed);
void                  sl_sharing_network_add_pool_member (SlSharingNetwork  *self,
                                                          gint64             pool_id,
                                                          gint64             agency_id);
void                  sl_sharing_network_add_edge        (SlSharingNetwork  *self,
                                                          const SlSharingEdge *edge);
void                  sl_sharing_network_apply_edit      (SlSharingNetwork  *self,
                                                          const SlScenarioEdit *edit);

const char           *sl_sharing_network_get_scenario    (SlSharingNetwork  *self);
guint                 sl_sharing_network_get_n_edges     (SlSharingNetwork  *self);
const SlSharingEdge  *sl_sharing_network_get_edge        (SlSharingNetwork  *self,
                                                          guint              i);
guint                 sl_sharing_network_get_n_edits     (SlSharingNetwork  *self);
const SlScenarioEdit *sl_sharing_network_get_edit        (SlSharingNetwork  *self,
                                                          guint              i);

/* The graph: agencies in id order, then pools in id order, then the
 * unlisted members of pools that have them. */
guint                 sl_sharing_network_get_n_nodes     (SlSharingNetwork  *self);
const SlSharingNode  *sl_sharing_network_get_node        (SlSharingNetwork  *self,
                                                          guint              node);
gboolean              sl_sharing_network_find_agency     (SlSharingNetwork  *self,
                                                          gint64             agency_id,
                                                          guint             *node);
gboolean              sl_sharing_network_find_pool       (SlSharingNetwork  *self,
                                                          gint64             pool_id,
                                                          guint             *node);
gboolean              sl_sharing_network_find_named      (SlSharingNetwork  *self,
                                                          const char        *name,
                                                          guint             *node);
const SlSharingArc   *sl_sharing_network_get_arcs        (SlSharingNetwork  *self,
                                                          guint              node,
                                                          guint             *n_arcs);
gboolean              sl_sharing_network_node_forwards   (SlSharingNetwork  *self,
                                                          guint              node);
/* Bumped whenever edges, edits or retentions change. */
guint                 sl_sharing_network_get_generation  (SlSharingNetwork  *self);

/* Scenarios in a project: what the UI edits, one undoable step at a time. */
gboolean              sl_scenario_create                 (SlProject         *project,
                                                          const char        *name,
                                                          const char        *parent,
                                                          const char        *description,
                                                          GError           **error);
gboolean              sl_scenario_append_edit            (SlProject         *project,
                                                          const char        *scenario,
                                                          const SlScenarioEdit *edit,
                                                          GError           **error);
gboolean              sl_scenario_remove_edit            (SlProject         *project,
                                                          const char        *scenario,
                                                          guint              position,
                                                          GError           **error);
gboolean              sl_scenario_delete                 (SlProject         *project,
                                                          const char        *scenario,
                                                          GError           **error);

G_END_DECLS
