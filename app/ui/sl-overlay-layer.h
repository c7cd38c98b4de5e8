/* sl-overlay-layer.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "sl-geography.h"

G_BEGIN_DECLS

#define SL_TYPE_OVERLAY_LAYER (sl_overlay_layer_get_type ())

G_DECLARE_FINAL_TYPE (SlOverlayLayer, sl_overlay_layer, SL, OVERLAY_LAYER, ShumateLayer)

SlOverlayLayer *sl_overlay_layer_new       (ShumateViewport *viewport,
                                            const char      *name,
                                            SlGeography     *geography);
const char     *sl_overlay_layer_get_name  (SlOverlayLayer  *self);
SlGeography    *sl_overlay_layer_get_geography (SlOverlayLayer *self);
void            sl_overlay_layer_set_color (SlOverlayLayer  *self,
                                            const GdkRGBA   *color);
void            sl_overlay_layer_get_color (SlOverlayLayer  *self,
                                            GdkRGBA         *color);
void            sl_overlay_layer_set_point_radius (SlOverlayLayer *self,
                                                   double          radius);

G_END_DECLS
