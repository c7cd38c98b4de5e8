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

/**
 * sl_map_layer_draws_with_cairo:
 *
 * Whether @layer's window draws with GTK's cairo renderer (no GL: software
 * rendering, some virtual machines, GSK_RENDERER=cairo). GTK 4.8's cairo
 * renderer converts a texture node's pixels through floats on every frame
 * that draws it: 24 ms for a 960×800 layer, where a cairo node painting an
 * image surface takes 0.3 ms. The GL renderer uploads a texture once and
 * keeps it, so layers that draw pixels use textures with it and image
 * surfaces in cairo nodes with the cairo renderer.
 */
gboolean
sl_map_layer_draws_with_cairo (GtkWidget *layer)
{
  GtkNative *native = gtk_widget_get_native (layer);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

/**
 * sl_map_layer_get_draw_bounds:
 * @x0: (in): the left of what the layer draws, in its coordinates
 * @margin: what the drawing reaches beyond the box (dot radius, labels)
 * @bounds: (out): the box with its margin, within the layer
 *
 * What a layer's cairo node should cover: either renderer draws a cairo
 * node's whole bounds into an image of that size (and the GL renderer
 * uploads it), so a track, a few rings or a handful of cameras in a
 * corner of the map cost their own area rather than the map's.
 *
 * Returns: %FALSE when nothing of the box is in the layer
 */
gboolean
sl_map_layer_get_draw_bounds (GtkWidget       *layer,
                              double           x0,
                              double           y0,
                              double           x1,
                              double           y1,
                              double           margin,
                              graphene_rect_t *bounds)
{
  double left = MAX (floor (x0 - margin), 0);
  double top = MAX (floor (y0 - margin), 0);
  double right = MIN (ceil (x1 + margin), gtk_widget_get_width (layer));
  double bottom = MIN (ceil (y1 + margin), gtk_widget_get_height (layer));

  if (right <= left || bottom <= top)
    return FALSE;
  graphene_rect_init (bounds, left, top, right - left, bottom - top);
  return TRUE;
}

/**
 * sl_map_layer_paint_surface:
 * @surface: an ARGB32 image surface
 *
 * Paints @surface stretched over @bounds, as the cairo renderer draws a
 * texture node of the same pixels.
 */
void
sl_map_layer_paint_surface (cairo_t               *cr,
                            cairo_surface_t       *surface,
                            const graphene_rect_t *bounds)
{
  cairo_pattern_t *pattern = cairo_pattern_create_for_surface (surface);
  cairo_matrix_t matrix;

  cairo_matrix_init_scale (&matrix, cairo_image_surface_get_width (surface) / bounds->size.width,
                           cairo_image_surface_get_height (surface) / bounds->size.height);
  cairo_matrix_translate (&matrix, -bounds->origin.x, -bounds->origin.y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_set_source (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_rectangle (cr, bounds->origin.x, bounds->origin.y, bounds->size.width, bounds->size.height);
  cairo_fill (cr);
}
