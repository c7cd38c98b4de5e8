/* sl-sharing-diff.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-visibility.h"

G_BEGIN_DECLS

/* Changes are of scenario A against scenario B (the baseline). */
typedef enum
{
  SL_DIFF_GAINED,
  SL_DIFF_LOST,
  SL_DIFF_CHANGED,
} SlDiffChange;

/* One viewer whose view of a plate differs: exposure in A and in B
 * (n_reads 0 where it sees nothing). */
typedef struct
{
  SlDiffChange  change;
  const char   *name;
  SlExposure    a;
  SlExposure    b;
  /* The node in A, or in B when lost. */
  guint         node;
  gboolean      node_in_a;
} SlPlateDiff;

/* An owner→viewer pair whose reach over time differs; intervals are
 * [start, end) pairs as sl_visibility_reach_intervals() gives. */
typedef struct
{
  SlDiffChange  change;
  const char   *owner;
  const char   *viewer;
  GArray       *a;
  GArray       *b;
} SlReachDiff;

/* An edge in one scenario and not the other: added = only in A. */
typedef struct
{
  gboolean              added;
  const SlSharingEdge  *edge;
} SlEdgeDiff;

typedef struct
{
  const char *agency;
  int         a_days;
  int         b_days;
} SlRetentionDiff;

const char *sl_diff_change_to_string   (SlDiffChange      change);
GArray     *sl_sharing_diff_plate      (SlVisibility     *a,
                                        SlVisibility     *b,
                                        const SlVisRead  *reads,
                                        guint             n_reads);
GArray     *sl_sharing_diff_reach      (SlVisibility     *a,
                                        SlVisibility     *b);
GArray     *sl_sharing_diff_edges      (SlSharingNetwork *a,
                                        SlSharingNetwork *b);
GArray     *sl_sharing_diff_retention  (SlSharingNetwork *a,
                                        SlSharingNetwork *b);
guint       sl_sharing_diff_edits      (SlSharingNetwork *a,
                                        SlSharingNetwork *b);
char       *sl_scenario_edit_describe  (SlSharingNetwork *network,
                                        const SlScenarioEdit *edit);
char       *sl_sharing_edge_describe   (SlSharingNetwork *network,
                                        const SlSharingEdge *edge);

G_END_DECLS
