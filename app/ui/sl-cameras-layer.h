/* sl-cameras-layer.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "sl-read-set.h"

G_BEGIN_DECLS

#define SL_TYPE_CAMERAS_LAYER (sl_cameras_layer_get_type ())

G_DECLARE_FINAL_TYPE (SlCamerasLayer, sl_cameras_layer, SL, CAMERAS_LAYER, ShumateLayer)

SlCamerasLayer   *sl_cameras_layer_new       (ShumateViewport  *viewport);
void              sl_cameras_layer_set_sites (SlCamerasLayer   *self,
                                              GArray           *sites);
const SlReadSite *sl_cameras_layer_get_site  (SlCamerasLayer   *self,
                                              guint             index);
gboolean          sl_cameras_layer_hit_test  (SlCamerasLayer   *self,
                                              double            x,
                                              double            y,
                                              guint            *index);

G_END_DECLS
