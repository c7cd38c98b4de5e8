/* sl-cameras-layer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-cameras-layer"

#include "config.h"

#include <math.h>

#include "sl-cameras-layer.h"
#include "sl-map-view-private.h"

/* Camera sites as rings whose area grows with their read count. Shown from
 * town zoom on, where sites separate; at state zoom the density view of the
 * reads says more. A state has thousands of sites at most, so they are
 * culled by position and drawn with cairo. */

#define MIN_ZOOM 10.0
#define MIN_RADIUS 4.0
#define MAX_RADIUS 16.0

struct _SlCamerasLayer
{
  ShumateLayer  parent_instance;

  GArray       *sites;           /* SlReadSite */
  guint         max_reads;
};

G_DEFINE_FINAL_TYPE (SlCamerasLayer, sl_cameras_layer, SHUMATE_TYPE_LAYER)

static double
site_radius (SlCamerasLayer   *self,
             const SlReadSite *site)
{
  return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * sqrt (site->n_reads / (double) MAX (self->max_reads, 1));
}

static gboolean
visible (SlCamerasLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  return self->sites != NULL && shumate_viewport_get_zoom_level (viewport) >= MIN_ZOOM;
}

static void
sl_cameras_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SlCamerasLayer *self = SL_CAMERAS_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  graphene_rect_t bounds;
  SlMapFrame frame;
  cairo_t *cr;

  if (!visible (self))
    return;

  sl_map_frame_init (&frame, shumate_layer_get_viewport (SHUMATE_LAYER (self)), width, height, 1);
  /* Around the sites only (see sl_map_layer_get_draw_bounds()). */
  for (guint i = 0; i < self->sites->len; i++)
    {
      const SlReadSite *site = &g_array_index (self->sites, SlReadSite, i);

      x0 = MIN (x0, site->x * frame.world - frame.left);
      y0 = MIN (y0, site->y * frame.world - frame.top);
      x1 = MAX (x1, site->x * frame.world - frame.left);
      y1 = MAX (y1, site->y * frame.world - frame.top);
    }
  if (!sl_map_layer_get_draw_bounds (widget, x0, y0, x1, y1, MAX_RADIUS + 2, &bounds))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  for (guint i = 0; i < self->sites->len; i++)
    {
      const SlReadSite *site = &g_array_index (self->sites, SlReadSite, i);
      double x = site->x * frame.world - frame.left;
      double y = site->y * frame.world - frame.top;
      double r = site_radius (self, site);
      GdkRGBA color;

      if (x < -r || y < -r || x > width + r || y > height + r)
        continue;

      sl_reads_layer_get_agency_color (site->agency, &color);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
      cairo_fill_preserve (cr);
      /* A dark outline under the agency colour sets sites apart from the
       * reads' dots of the same colour. */
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.15, 0.8);
      cairo_set_line_width (cr, 4.0);
      cairo_stroke_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
sl_cameras_layer_constructed (GObject *object)
{
  SlCamerasLayer *self = SL_CAMERAS_LAYER (object);

  G_OBJECT_CLASS (sl_cameras_layer_parent_class)->constructed (object);

  sl_map_layer_follow_viewport (SHUMATE_LAYER (self));
}

static void
sl_cameras_layer_finalize (GObject *object)
{
  SlCamerasLayer *self = SL_CAMERAS_LAYER (object);

  g_clear_pointer (&self->sites, g_array_unref);

  G_OBJECT_CLASS (sl_cameras_layer_parent_class)->finalize (object);
}

static void
sl_cameras_layer_class_init (SlCamerasLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_cameras_layer_constructed;
  object_class->finalize = sl_cameras_layer_finalize;
  widget_class->snapshot = sl_cameras_layer_snapshot;
}

static void
sl_cameras_layer_init (SlCamerasLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

SlCamerasLayer *
sl_cameras_layer_new (ShumateViewport *viewport)
{
  return g_object_new (SL_TYPE_CAMERAS_LAYER,
                       "viewport", viewport,
                       NULL);
}

/**
 * sl_cameras_layer_set_sites:
 * @sites: (nullable) (element-type SlReadSite): e.g. from
 *   sl_read_set_collect_sites()
 */
void
sl_cameras_layer_set_sites (SlCamerasLayer *self,
                            GArray         *sites)
{
  g_return_if_fail (SL_IS_CAMERAS_LAYER (self));

  g_clear_pointer (&self->sites, g_array_unref);
  self->max_reads = 0;
  if (sites != NULL)
    {
      self->sites = g_array_ref (sites);
      for (guint i = 0; i < sites->len; i++)
        self->max_reads = MAX (self->max_reads, g_array_index (sites, SlReadSite, i).n_reads);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const SlReadSite *
sl_cameras_layer_get_site (SlCamerasLayer *self,
                           guint           index)
{
  g_return_val_if_fail (SL_IS_CAMERAS_LAYER (self), NULL);
  g_return_val_if_fail (self->sites != NULL && index < self->sites->len, NULL);

  return &g_array_index (self->sites, SlReadSite, index);
}

/**
 * sl_cameras_layer_hit_test:
 * @index: (out): the site whose ring contains (x, y), the smallest one
 *   when rings overlap
 */
gboolean
sl_cameras_layer_hit_test (SlCamerasLayer *self,
                           double          x,
                           double          y,
                           guint          *index)
{
  SlMapFrame frame;
  double best_radius = G_MAXDOUBLE;

  g_return_val_if_fail (SL_IS_CAMERAS_LAYER (self), FALSE);

  if (!visible (self))
    return FALSE;

  sl_map_frame_init (&frame, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                     gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), 1);
  for (guint i = 0; i < self->sites->len; i++)
    {
      const SlReadSite *site = &g_array_index (self->sites, SlReadSite, i);
      double r = site_radius (self, site);

      if (hypot (site->x * frame.world - frame.left - x, site->y * frame.world - frame.top - y) <= r &&
          r < best_radius)
        {
          best_radius = r;
          *index = i;
        }
    }
  return best_radius < G_MAXDOUBLE;
}
