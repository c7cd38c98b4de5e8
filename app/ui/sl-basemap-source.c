/* sl-basemap-source.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-basemap-source"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-basemap-source.h"
#include "sl-geo-path.h"
#include "sl-geography.h"
#include "sl-map-view-private.h"

/* The offline basemap: tiles drawn with cairo from the bundled Census
 * geography, on a thread from GTask's pool. Everything a tile reads is
 * immutable, and each tile has its own surface, so tiles render in
 * parallel without locks. */

#define TILE_SIZE 256
/* Labels are placed once per zoom level over the whole map so that a label
 * crossing a tile edge is drawn identically by both tiles. */
#define MIN_LABEL_ZOOM 9
#define MAX_LABEL_ZOOM 20
#define LABEL_FONT_PX 11.0
#define LABEL_PADDING_PX 4.0

struct _SlBasemapSource
{
  ShumateMapSource     parent_instance;

  SlGeography         *geography;
  SlBasemapBoundaries  boundaries;
  int                  scale_factor;

  /* For each zoom level, the indexes of the labels that fit without
   * overlapping: computed on first use, under the lock, then read-only. */
  GMutex               labels_lock;
  GArray              *placed_labels[MAX_LABEL_ZOOM + 1];
};

G_DEFINE_FINAL_TYPE (SlBasemapSource, sl_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} Box;

static gboolean
boxes_overlap (const Box *a,
               const Box *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* The box a label covers, in world pixels at @world (256·2^z). Widths are
 * estimated from the character count rather than measured, so placement
 * needs no font and is the same on every machine. */
static Box
label_box (const SlGeoLabel *label,
           double            world)
{
  double width = g_utf8_strlen (label->name, -1) * LABEL_FONT_PX * 0.6 + 2 * LABEL_PADDING_PX;
  double height = LABEL_FONT_PX + 2 * LABEL_PADDING_PX;
  Box box = {
    label->x * world - width / 2, label->y * world - height / 2,
    label->x * world + width / 2, label->y * world + height / 2,
  };

  return box;
}

static GArray *
placed_labels (SlBasemapSource *self,
               guint            zoom)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->labels_lock);
  double world = TILE_SIZE * (double) (1u << zoom);
  g_autoptr(GArray) boxes = NULL;
  GArray *placed;

  if (self->placed_labels[zoom] != NULL)
    return self->placed_labels[zoom];

  /* Greedy, largest town first (the labels are sorted by area). */
  boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  placed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < sl_geography_get_n_labels (self->geography); i++)
    {
      Box box = label_box (sl_geography_get_label (self->geography, i), world);
      gboolean fits = TRUE;

      for (guint j = 0; fits && j < boxes->len; j++)
        fits = !boxes_overlap (&box, &g_array_index (boxes, Box, j));
      if (fits)
        {
          g_array_append_val (boxes, box);
          g_array_append_val (placed, i);
        }
    }

  self->placed_labels[zoom] = placed;
  return placed;
}

static void
set_source_hex (cairo_t *cr,
                guint32  color)
{
  cairo_set_source_rgb (cr,
                        ((color >> 16) & 0xff) / 255.0,
                        ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static void
draw_features (SlBasemapSource *self,
               cairo_t         *cr,
               SlGeoPath       *frame,
               const char      *kind,
               gboolean         fill,
               guint32          color,
               double           line_width)
{
  for (guint i = 0; i < sl_geography_get_n_features (self->geography); i++)
    {
      const SlGeoFeature *feature = sl_geography_get_feature (self->geography, i);

      if (g_strcmp0 (feature->kind, kind) != 0 || !sl_geo_path_feature_visible (frame, feature, 0))
        continue;

      cairo_new_path (cr);
      sl_geo_path_append_feature (frame, cr, feature);
      set_source_hex (cr, color);
      if (fill)
        {
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, line_width * self->scale_factor);
          cairo_stroke (cr);
        }
    }
}

static void
draw_labels (SlBasemapSource *self,
             cairo_t         *cr,
             SlGeoPath       *frame,
             guint            zoom)
{
  double world = TILE_SIZE * (double) (1u << zoom);
  Box tile = {
    frame->origin_x * world, frame->origin_y * world,
    frame->origin_x * world + TILE_SIZE, frame->origin_y * world + TILE_SIZE,
  };
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  GArray *placed;

  if (zoom < MIN_LABEL_ZOOM || zoom > MAX_LABEL_ZOOM)
    return;

  placed = placed_labels (self, zoom);
  pango_font_description_set_absolute_size (font, LABEL_FONT_PX * self->scale_factor * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);

  for (guint i = 0; i < placed->len; i++)
    {
      const SlGeoLabel *label = sl_geography_get_label (self->geography, g_array_index (placed, guint, i));
      Box box = label_box (label, world);
      int width, height;

      if (!boxes_overlap (&box, &tile))
        continue;

      pango_layout_set_text (layout, label->name, -1);
      pango_layout_get_pixel_size (layout, &width, &height);
      cairo_move_to (cr,
                     (label->x - frame->origin_x) * frame->scale - width / 2.0,
                     (label->y - frame->origin_y) * frame->scale - height / 2.0);
      /* A halo keeps names legible over borders and, later, reads. */
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 3.0 * self->scale_factor);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.33, 0.31, 0.29);
      cairo_fill (cr);
    }
}

static GdkTexture *
render_tile (SlBasemapSource *self,
             guint            x,
             guint            y,
             guint            zoom)
{
  int device_size = TILE_SIZE * self->scale_factor;
  SlGeoPath frame;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  const char *inner = self->boundaries == SL_BASEMAP_BOUNDARIES_COUNTIES ? "county" : "region";
  /* Inner borders get heavier as the view narrows to a few of them. */
  double inner_width = zoom < 8 ? 0.6 : 1.0;

  sl_geo_path_init (&frame, x / (double) (1u << zoom), y / (double) (1u << zoom),
                    device_size * (double) (1u << zoom), device_size, device_size);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, device_size, device_size);
  cr = cairo_create (surface);

  set_source_hex (cr, SL_BASEMAP_WATER);
  cairo_paint (cr);

  draw_features (self, cr, &frame, "neighbour", TRUE, SL_BASEMAP_NEIGHBOUR, 0);
  draw_features (self, cr, &frame, "neighbour", FALSE, 0xb8b2a8, 0.8);
  draw_features (self, cr, &frame, "state", TRUE, SL_BASEMAP_LAND, 0);

  cairo_save (cr);
  cairo_set_dash (cr, (double[]) { 4.0 * self->scale_factor, 2.0 * self->scale_factor }, 2, 0);
  draw_features (self, cr, &frame, inner, FALSE, 0xa89cb0, inner_width);
  cairo_restore (cr);

  draw_features (self, cr, &frame, "state", FALSE, 0x7d746b, 1.4);
  draw_labels (self, cr, &frame, zoom);

  cairo_destroy (cr);
  sl_geo_path_clear (&frame);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied native-endian: B8G8R8A8 on little
   * endian machines, A8R8G8B8 on big endian ones. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      cairo_image_surface_get_stride (surface) * device_size,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (device_size, device_size,
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
                                 GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
#else
                                 GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
#endif
                                 bytes, cairo_image_surface_get_stride (surface));
}

typedef struct
{
  ShumateTile *tile;
  /* Copied on the main thread: the worker must not call into the tile,
   * whose properties notify on the main thread. */
  guint        x;
  guint        y;
  guint        zoom;
} TileRequest;

static void
tile_request_free (TileRequest *request)
{
  g_object_unref (request->tile);
  g_free (request);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileRequest *request = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, render_tile (source_object, request->x, request->y, request->zoom),
                         g_object_unref);
}

static void
on_tile_rendered (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  shumate_tile_set_paintable (request->tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (request->tile, FALSE);
  shumate_tile_set_state (request->tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

static void
sl_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GTask) render = NULL;
  TileRequest *request = g_new0 (TileRequest, 1);

  request->tile = g_object_ref (tile);
  request->x = shumate_tile_get_x (tile);
  request->y = shumate_tile_get_y (tile);
  request->zoom = shumate_tile_get_zoom_level (tile);
  g_task_set_source_tag (task, sl_basemap_source_fill_tile_async);
  g_task_set_task_data (task, request, (GDestroyNotify) tile_request_free);

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  render = g_task_new (source, cancellable, on_tile_rendered, g_object_ref (task));
  g_task_set_task_data (render, request, NULL);
  g_task_run_in_thread (render, render_in_thread);
}

static gboolean
sl_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sl_basemap_source_finalize (GObject *object)
{
  SlBasemapSource *self = SL_BASEMAP_SOURCE (object);

  sl_geography_unref (self->geography);
  for (guint z = 0; z <= MAX_LABEL_ZOOM; z++)
    g_clear_pointer (&self->placed_labels[z], g_array_unref);
  g_mutex_clear (&self->labels_lock);

  G_OBJECT_CLASS (sl_basemap_source_parent_class)->finalize (object);
}

static void
sl_basemap_source_class_init (SlBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = sl_basemap_source_finalize;
  source_class->fill_tile_async = sl_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = sl_basemap_source_fill_tile_finish;
}

static void
sl_basemap_source_init (SlBasemapSource *self)
{
  g_mutex_init (&self->labels_lock);
  self->geography = sl_geography_dup_connecticut ();
}

/**
 * sl_basemap_source_new:
 * @scale_factor: device pixels per logical pixel of the map widget; tiles
 *   are drawn at that resolution so they stay crisp on HiDPI screens
 */
SlBasemapSource *
sl_basemap_source_new (SlBasemapBoundaries boundaries,
                       int                 scale_factor)
{
  SlBasemapSource *self;
  /* The id is libshumate's memory-cache key: tiles drawn at another scale
   * or with other borders must not be mixed up with these. */
  g_autofree char *id = g_strdup_printf ("sightline-offline-%s@%dx",
                                         boundaries == SL_BASEMAP_BOUNDARIES_COUNTIES ? "counties" : "regions",
                                         MAX (scale_factor, 1));

  self = g_object_new (SL_TYPE_BASEMAP_SOURCE,
                       "id", id,
                       "name", _("Offline map"),
                       "license", "US Census Bureau",
                       "license-uri", "https://www.census.gov/geographies/mapping-files/time-series/geo/carto-boundary-file.html",
                       "min-zoom-level", 0,
                       "max-zoom-level", 19,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->boundaries = boundaries;
  self->scale_factor = MAX (scale_factor, 1);
  return self;
}
