/* sl-map-frame.c: what the map's layers share: where the viewport looks.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-map-view-private.h"
#include "sl-mercator.h"

void
sl_map_frame_init (SlMapFrame      *frame,
                   ShumateViewport *viewport,
                   int              width,
                   int              height,
                   int              scale)
{
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile_size = source ? shumate_map_source_get_tile_size (source) : 256;
  double x, y;

  sl_mercator_from_lat_lon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                            shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                            &x, &y);
  frame->scale = scale;
  frame->width = width;
  frame->height = height;
  frame->world = tile_size * exp2 (shumate_viewport_get_zoom_level (viewport)) * scale;
  frame->left = x * frame->world - width * scale / 2.0;
  frame->top = y * frame->world - height * scale / 2.0;
}

/**
 * sl_map_layer_follow_viewport:
 *
 * Redraws @layer whenever its viewport moves or zooms: what every layer
 * that draws in snapshot() needs.
 */
void
sl_map_layer_follow_viewport (ShumateLayer *layer)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);

  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (gtk_widget_queue_draw),
                           layer, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (gtk_widget_queue_draw),
                           layer, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (gtk_widget_queue_draw),
                           layer, G_CONNECT_SWAPPED);
}

void
sl_map_frame_get_rect (const SlMapFrame *frame,
                       double            margin,
                       SlMercatorRect   *rect)
{
  rect->x0 = (frame->left - margin) / frame->world;
  rect->y0 = (frame->top - margin) / frame->world;
  rect->x1 = (frame->left + frame->width * frame->scale + margin) / frame->world;
  rect->y1 = (frame->top + frame->height * frame->scale + margin) / frame->world;
}
