/* sl-visibility.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-sharing-network.h"

G_BEGIN_DECLS

#define SL_SECONDS_PER_DAY 86400

/* One plate read as the engine needs it. */
typedef struct
{
  gint64  plate_id;
  gint64  time;
  gint64  owner_id;
} SlVisRead;

/* What one agency (or one pool's unlisted members) can see of a set of
 * reads. last is the last second of visibility, SL_TIME_MAX when it never
 * ends (unknown retention). */
typedef struct
{
  guint    node;
  guint    n_reads;
  gint64   first;
  gint64   last;
  gboolean retention_unknown;
  char    *path;
} SlExposure;

void sl_exposure_clear (SlExposure *exposure);

#define SL_TYPE_VISIBILITY (sl_visibility_get_type ())

G_DECLARE_FINAL_TYPE (SlVisibility, sl_visibility, SL, VISIBILITY, GObject)

SlVisibility     *sl_visibility_new              (SlSharingNetwork *network);
SlSharingNetwork *sl_visibility_get_network      (SlVisibility     *self);
void              sl_visibility_compute_all      (SlVisibility     *self);
guint             sl_visibility_count_reachable  (SlVisibility     *self,
                                                  gint64            owner_id);
gboolean          sl_visibility_reachable_at     (SlVisibility     *self,
                                                  gint64            owner_id,
                                                  guint             node,
                                                  gint64            at);
gboolean          sl_visibility_read_window      (SlVisibility     *self,
                                                  const SlVisRead  *read,
                                                  guint             node,
                                                  gint64           *first,
                                                  gint64           *last);
GArray           *sl_visibility_read_viewers     (SlVisibility     *self,
                                                  const SlVisRead  *read);
char             *sl_visibility_dup_path         (SlVisibility     *self,
                                                  gint64            owner_id,
                                                  guint             node,
                                                  gint64            at);
GArray           *sl_visibility_exposure         (SlVisibility     *self,
                                                  const SlVisRead  *reads,
                                                  guint             n_reads,
                                                  gint64            as_of);
GArray           *sl_visibility_reachable_nodes  (SlVisibility     *self,
                                                  gint64            owner_id);
GArray           *sl_visibility_reach_intervals  (SlVisibility     *self,
                                                  gint64            owner_id,
                                                  guint             node);

/* Reach over many reads, fed one plate at a time. */
typedef struct
{
  guint    node;
  guint64  n_reads;
  guint64  n_plates;
} SlReachAgency;

typedef struct
{
  guint    node;
  guint64  n_reads;
  /* Listed agencies other than the owner that see at least one read. */
  guint    n_agencies;
  /* Unlisted pool members reached (sum of their counts); -1 when some
   * reached pool has an unknown size. */
  gint64   n_unlisted;
} SlReachOwner;

typedef struct _SlReach SlReach;

SlReach  *sl_reach_new           (SlVisibility    *visibility);
void      sl_reach_add_plate     (SlReach         *self,
                                  const SlVisRead *reads,
                                  guint            n_reads);
GArray   *sl_reach_get_agencies  (SlReach         *self);
GArray   *sl_reach_get_owners    (SlReach         *self);
guint64   sl_reach_get_n_reads   (SlReach         *self);
guint64   sl_reach_get_n_plates  (SlReach         *self);
void      sl_reach_free          (SlReach         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlReach, sl_reach_free)

G_END_DECLS
