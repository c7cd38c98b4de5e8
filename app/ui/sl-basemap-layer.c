/* sl-basemap-layer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-basemap-layer"

#include "config.h"

#include <math.h>

#include "sl-basemap-layer.h"
#include "sl-map-view-private.h"

/* The offline basemap's tiles, drawn by this layer rather than by
 * ShumateMapLayer. libshumate 1.0.3's map layer works out which tiles it
 * needs in an idle callback at default-idle priority, below the frame
 * clock's: while frames keep coming (a track's fit, the timeline playing,
 * any tick callback) it can keep drawing the previous place's tiles at the
 * new place for several frames, and nothing outside it can tell whether its
 * tiles match the viewport. This layer asks for the tiles it needs as soon
 * as the viewport changes, and knows when every tile in view is drawn. */

/* Tiles kept beyond those in view (8 MB at 256² × 4 bytes each), so
 * panning back a little and zooming out again are instant. */
#define SPARE_TILES 32

typedef struct
{
  guint64       key;
  guint64       last_used;
  GdkTexture   *texture;
  ShumateTile  *loading;
  GCancellable *cancellable;
} TileEntry;

struct _SlBasemapLayer
{
  ShumateLayer     parent_instance;

  SlBasemapSource *source;
  GHashTable      *tiles;        /* key → TileEntry */
  guint64          generation;
};

G_DEFINE_FINAL_TYPE (SlBasemapLayer, sl_basemap_layer, SHUMATE_TYPE_LAYER)

/* The tiles in view: zoom level and an inclusive range of columns and
 * rows, and the size of a tile on screen in logical pixels. */
typedef struct
{
  guint  zoom;
  gint64 x0, y0, x1, y1;
  double tile_size;
  double left;
  double top;
} TileRange;

static guint64
tile_key (guint  zoom,
          gint64 x,
          gint64 y)
{
  return ((guint64) zoom << 48) | ((guint64) x << 24) | (guint64) y;
}

static gboolean
get_range (SlBasemapLayer *self,
           TileRange      *range)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self->source);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  gint64 n;
  SlMapFrame frame;

  if (width <= 0 || height <= 0)
    return FALSE;

  /* Between two levels the lower one is stretched, as libshumate does. */
  range->zoom = (guint) CLAMP (floor (zoom + 1e-9),
                               shumate_map_source_get_min_zoom_level (source),
                               shumate_map_source_get_max_zoom_level (source));
  n = (gint64) 1 << range->zoom;
  sl_map_frame_init (&frame, viewport, width, height, 1);
  range->tile_size = frame.world / n;
  range->left = frame.left;
  range->top = frame.top;
  range->x0 = CLAMP ((gint64) floor (frame.left / range->tile_size), 0, n - 1);
  range->y0 = CLAMP ((gint64) floor (frame.top / range->tile_size), 0, n - 1);
  range->x1 = CLAMP ((gint64) floor ((frame.left + width) / range->tile_size), 0, n - 1);
  range->y1 = CLAMP ((gint64) floor ((frame.top + height) / range->tile_size), 0, n - 1);
  return TRUE;
}

static void
tile_entry_free (TileEntry *entry)
{
  if (entry->cancellable != NULL)
    g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->loading);
  g_clear_object (&entry->texture);
  g_free (entry);
}

typedef struct
{
  SlBasemapLayer *layer;
  guint64         key;
  ShumateTile    *tile;
} FillData;

static void
on_tile_filled (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FillData *data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, &error);
  TileEntry *entry = data->layer->tiles != NULL ? g_hash_table_lookup (data->layer->tiles, &data->key) : NULL;

  /* The entry may have been dropped, or asked again, meanwhile. */
  if (entry != NULL && entry->loading == data->tile)
    {
      if (ok && GDK_IS_TEXTURE (shumate_tile_get_paintable (data->tile)))
        entry->texture = g_object_ref (GDK_TEXTURE (shumate_tile_get_paintable (data->tile)));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Basemap tile %s", error != NULL ? error->message : "without pixels");
      g_clear_object (&entry->loading);
      g_clear_object (&entry->cancellable);
      gtk_widget_queue_draw (GTK_WIDGET (data->layer));
    }

  g_object_unref (data->tile);
  g_object_unref (data->layer);
  g_free (data);
}

static void
request_tile (SlBasemapLayer *self,
              guint           zoom,
              gint64          x,
              gint64          y)
{
  TileEntry *entry = g_new0 (TileEntry, 1);
  FillData *data = g_new0 (FillData, 1);

  entry->key = tile_key (zoom, x, y);
  entry->loading = shumate_tile_new_full (x, y, shumate_map_source_get_tile_size (SHUMATE_MAP_SOURCE (self->source)),
                                          zoom);
  entry->cancellable = g_cancellable_new ();
  g_hash_table_insert (self->tiles, &entry->key, entry);

  data->layer = g_object_ref (self);
  data->key = entry->key;
  data->tile = g_object_ref (entry->loading);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (self->source), entry->loading, entry->cancellable,
                                      on_tile_filled, data);
}

static int
compare_last_used (gconstpointer a,
                   gconstpointer b)
{
  const TileEntry *x = *(TileEntry **) a;
  const TileEntry *y = *(TileEntry **) b;

  return (x->last_used > y->last_used) - (x->last_used < y->last_used);
}

/* Asks for every tile in view that is neither drawn nor being drawn, and
 * forgets the least recently seen beyond SPARE_TILES more. */
static void
update_tiles (SlBasemapLayer *self)
{
  TileRange range;
  GHashTableIter iter;
  TileEntry *entry;
  guint max_tiles;

  if (!get_range (self, &range))
    return;
  max_tiles = (range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1) + SPARE_TILES;

  self->generation++;
  for (gint64 y = range.y0; y <= range.y1; y++)
    for (gint64 x = range.x0; x <= range.x1; x++)
      {
        guint64 key = tile_key (range.zoom, x, y);

        if ((entry = g_hash_table_lookup (self->tiles, &key)) == NULL)
          {
            request_tile (self, range.zoom, x, y);
            entry = g_hash_table_lookup (self->tiles, &key);
          }
        entry->last_used = self->generation;
      }

  if (g_hash_table_size (self->tiles) > max_tiles)
    {
      g_autoptr(GPtrArray) old = g_ptr_array_new ();
      guint excess = g_hash_table_size (self->tiles) - max_tiles;

      /* The least recently seen go first; those in view never. */
      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        if (entry->last_used < self->generation)
          g_ptr_array_add (old, entry);
      g_ptr_array_sort (old, compare_last_used);
      for (guint i = 0; i < MIN (excess, old->len); i++)
        g_hash_table_remove (self->tiles, &((TileEntry *) old->pdata[i])->key);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sl_basemap_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SlBasemapLayer *self = SL_BASEMAP_LAYER (widget);
  TileRange range;

  if (!get_range (self, &range))
    return;

  for (gint64 y = range.y0; y <= range.y1; y++)
    for (gint64 x = range.x0; x <= range.x1; x++)
      {
        guint64 key = tile_key (range.zoom, x, y);
        TileEntry *entry = g_hash_table_lookup (self->tiles, &key);
        /* Whole pixels, so neighbouring tiles meet without a seam. */
        double left = round (x * range.tile_size - range.left);
        double top = round (y * range.tile_size - range.top);
        double right = round ((x + 1) * range.tile_size - range.left);
        double bottom = round ((y + 1) * range.tile_size - range.top);

        if (entry != NULL && entry->texture != NULL)
          gtk_snapshot_append_texture (snapshot, entry->texture,
                                       &GRAPHENE_RECT_INIT (left, top, right - left, bottom - top));
      }
}

static void
sl_basemap_layer_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  update_tiles (SL_BASEMAP_LAYER (widget));
}

static void
sl_basemap_layer_constructed (GObject *object)
{
  SlBasemapLayer *self = SL_BASEMAP_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (sl_basemap_layer_parent_class)->constructed (object);

  /* At once, not in an idle: see the top of this file. */
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (update_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (update_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (update_tiles), self, G_CONNECT_SWAPPED);
}

static void
sl_basemap_layer_dispose (GObject *object)
{
  SlBasemapLayer *self = SL_BASEMAP_LAYER (object);

  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (sl_basemap_layer_parent_class)->dispose (object);
}

static void
sl_basemap_layer_class_init (SlBasemapLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_basemap_layer_constructed;
  object_class->dispose = sl_basemap_layer_dispose;
  widget_class->snapshot = sl_basemap_layer_snapshot;
  widget_class->size_allocate = sl_basemap_layer_size_allocate;
}

static void
sl_basemap_layer_init (SlBasemapLayer *self)
{
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) tile_entry_free);
}

SlBasemapLayer *
sl_basemap_layer_new (ShumateViewport *viewport,
                      SlBasemapSource *source)
{
  SlBasemapLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (SL_IS_BASEMAP_SOURCE (source), NULL);

  self = g_object_new (SL_TYPE_BASEMAP_LAYER, "viewport", viewport, NULL);
  self->source = g_object_ref (source);
  return self;
}

/**
 * sl_basemap_layer_is_complete:
 *
 * Returns: whether every tile the viewport shows now is drawn, so the
 * next frame shows the basemap of the current place (what libshumate
 * 1.0's map state cannot say)
 */
gboolean
sl_basemap_layer_is_complete (SlBasemapLayer *self)
{
  TileRange range;

  g_return_val_if_fail (SL_IS_BASEMAP_LAYER (self), FALSE);

  /* A layer of no size shows no tile. */
  if (!get_range (self, &range))
    return TRUE;

  for (gint64 y = range.y0; y <= range.y1; y++)
    for (gint64 x = range.x0; x <= range.x1; x++)
      {
        guint64 key = tile_key (range.zoom, x, y);
        TileEntry *entry = g_hash_table_lookup (self->tiles, &key);

        if (entry == NULL || entry->texture == NULL)
          return FALSE;
      }
  return TRUE;
}
