/* sl-basemap-layer.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "sl-basemap-source.h"

G_BEGIN_DECLS

#define SL_TYPE_BASEMAP_LAYER (sl_basemap_layer_get_type ())

G_DECLARE_FINAL_TYPE (SlBasemapLayer, sl_basemap_layer, SL, BASEMAP_LAYER, ShumateLayer)

SlBasemapLayer *sl_basemap_layer_new         (ShumateViewport *viewport,
                                              SlBasemapSource *source);
gboolean        sl_basemap_layer_is_complete (SlBasemapLayer  *self);

G_END_DECLS
