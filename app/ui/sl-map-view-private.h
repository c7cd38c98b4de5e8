/* sl-map-view-private.h: what the map's widgets share with each other, the
 * tests and the benchmark.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "sl-basemap-source.h"
#include "sl-read-set.h"
#include "sl-reads-layer.h"

G_BEGIN_DECLS

/* Where a layer of @width × @height logical pixels looks at the world:
 * world is device pixels per normalised unit, left/top the device pixel of
 * the widget's top-left corner. */
typedef struct
{
  double world;
  double left;
  double top;
  double scale;
  int    width;
  int    height;
} SlMapFrame;

void        sl_map_frame_init           (SlMapFrame      *frame,
                                         ShumateViewport *viewport,
                                         int              width,
                                         int              height,
                                         int              scale);
void        sl_map_frame_get_rect       (const SlMapFrame *frame,
                                         double            margin,
                                         SlMercatorRect   *rect);
GdkTexture *sl_reads_layer_render       (SlReadsLayer    *self,
                                         const SlMapFrame *frame);

void        sl_map_layer_follow_viewport (ShumateLayer  *layer);
gboolean    sl_map_layer_draws_with_cairo (GtkWidget    *layer);
gboolean    sl_map_layer_get_draw_bounds (GtkWidget       *layer,
                                          double           x0,
                                          double           y0,
                                          double           x1,
                                          double           y1,
                                          double           margin,
                                          graphene_rect_t *bounds);
void        sl_map_layer_paint_surface  (cairo_t               *cr,
                                         cairo_surface_t       *surface,
                                         const graphene_rect_t *bounds);

G_END_DECLS
