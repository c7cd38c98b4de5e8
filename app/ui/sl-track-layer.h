/* sl-track-layer.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* One read of a vehicle's track. */
typedef struct
{
  double latitude;
  double longitude;
  gint64 time;
  guint8 agency;
} SlTrackPoint;

#define SL_TYPE_TRACK_LAYER (sl_track_layer_get_type ())

G_DECLARE_FINAL_TYPE (SlTrackLayer, sl_track_layer, SL, TRACK_LAYER, ShumateLayer)

SlTrackLayer *sl_track_layer_new         (ShumateViewport    *viewport);
void          sl_track_layer_set_track   (SlTrackLayer       *self,
                                          const SlTrackPoint *points,
                                          guint               n_points);
guint         sl_track_layer_get_n_points (SlTrackLayer      *self);
void          sl_track_layer_get_point   (SlTrackLayer       *self,
                                          guint               index,
                                          SlTrackPoint       *point);
gboolean      sl_track_layer_hit_test    (SlTrackLayer       *self,
                                          double              x,
                                          double              y,
                                          guint              *index);

G_END_DECLS
