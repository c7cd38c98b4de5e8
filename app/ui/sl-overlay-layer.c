/* sl-overlay-layer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-overlay-layer"

#include "config.h"

#include "sl-geo-path.h"
#include "sl-map-view-private.h"
#include "sl-overlay-layer.h"

/* A user's GeoJSON as a named layer: polygons tinted and outlined, lines
 * stroked, points as rings, all in one colour. Features outside the view
 * are skipped by their bounding boxes. */

#define POINT_RADIUS 6.0

struct _SlOverlayLayer
{
  ShumateLayer  parent_instance;

  char         *name;
  SlGeography  *geography;
  GdkRGBA       color;
  double        point_radius;
};

G_DEFINE_FINAL_TYPE (SlOverlayLayer, sl_overlay_layer, SHUMATE_TYPE_LAYER)

static void
sl_overlay_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SlOverlayLayer *self = SL_OVERLAY_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const GdkRGBA *c = &self->color;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  graphene_rect_t bounds;
  SlMapFrame frame;
  SlGeoPath path;
  cairo_t *cr;

  sl_map_frame_init (&frame, shumate_layer_get_viewport (SHUMATE_LAYER (self)), width, height, 1);
  sl_geo_path_init (&path, frame.left / frame.world, frame.top / frame.world, frame.world, width, height);
  /* Around the features only (see sl_map_layer_get_draw_bounds()). */
  for (guint i = 0; i < sl_geography_get_n_features (self->geography); i++)
    {
      const SlMercatorRect *box = &sl_geography_get_feature (self->geography, i)->bounds;

      x0 = MIN (x0, box->x0 * frame.world - frame.left);
      y0 = MIN (y0, box->y0 * frame.world - frame.top);
      x1 = MAX (x1, box->x1 * frame.world - frame.left);
      y1 = MAX (y1, box->y1 * frame.world - frame.top);
    }
  if (!sl_map_layer_get_draw_bounds (widget, x0, y0, x1, y1, self->point_radius + 4, &bounds))
    {
      sl_geo_path_clear (&path);
      return;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < sl_geography_get_n_features (self->geography); i++)
    {
      const SlGeoFeature *feature = sl_geography_get_feature (self->geography, i);

      if (!sl_geo_path_feature_visible (&path, feature, self->point_radius + 2))
        continue;

      cairo_new_path (cr);
      if (feature->shape == SL_GEO_SHAPE_POINT)
        {
          for (guint part = 0; part < feature->n_parts; part++)
            {
              const double *xy = &feature->xy[2 * feature->part_start[part]];

              cairo_new_sub_path (cr);
              cairo_arc (cr, (xy[0] - path.origin_x) * path.scale, (xy[1] - path.origin_y) * path.scale,
                         self->point_radius, 0, 2 * G_PI);
            }
        }
      else
        sl_geo_path_append_feature (&path, cr, feature);

      if (feature->shape != SL_GEO_SHAPE_LINE)
        {
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_set_source_rgba (cr, c->red, c->green, c->blue, feature->shape == SL_GEO_SHAPE_POINT ? 0.6 : 0.2);
          cairo_fill_preserve (cr);
        }
      cairo_set_source_rgba (cr, c->red, c->green, c->blue, 1.0);
      cairo_set_line_width (cr, feature->shape == SL_GEO_SHAPE_LINE ? 3.0 : 2.0);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
  sl_geo_path_clear (&path);
}

static void
sl_overlay_layer_constructed (GObject *object)
{
  SlOverlayLayer *self = SL_OVERLAY_LAYER (object);

  G_OBJECT_CLASS (sl_overlay_layer_parent_class)->constructed (object);

  sl_map_layer_follow_viewport (SHUMATE_LAYER (self));
}

static void
sl_overlay_layer_finalize (GObject *object)
{
  SlOverlayLayer *self = SL_OVERLAY_LAYER (object);

  g_free (self->name);
  g_clear_pointer (&self->geography, sl_geography_unref);

  G_OBJECT_CLASS (sl_overlay_layer_parent_class)->finalize (object);
}

static void
sl_overlay_layer_class_init (SlOverlayLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_overlay_layer_constructed;
  object_class->finalize = sl_overlay_layer_finalize;
  widget_class->snapshot = sl_overlay_layer_snapshot;
}

static void
sl_overlay_layer_init (SlOverlayLayer *self)
{
  /* The colour of a highlighter: reads well on the basemap and density. */
  self->color = (GdkRGBA) { 0.45, 0.16, 0.67, 1.0 };
  self->point_radius = POINT_RADIUS;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

SlOverlayLayer *
sl_overlay_layer_new (ShumateViewport *viewport,
                      const char      *name,
                      SlGeography     *geography)
{
  SlOverlayLayer *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (geography != NULL, NULL);

  self = g_object_new (SL_TYPE_OVERLAY_LAYER,
                       "viewport", viewport,
                       NULL);
  self->name = g_strdup (name);
  self->geography = sl_geography_ref (geography);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return self;
}

const char *
sl_overlay_layer_get_name (SlOverlayLayer *self)
{
  g_return_val_if_fail (SL_IS_OVERLAY_LAYER (self), NULL);

  return self->name;
}

SlGeography *
sl_overlay_layer_get_geography (SlOverlayLayer *self)
{
  g_return_val_if_fail (SL_IS_OVERLAY_LAYER (self), NULL);

  return self->geography;
}

void
sl_overlay_layer_set_color (SlOverlayLayer *self,
                            const GdkRGBA  *color)
{
  g_return_if_fail (SL_IS_OVERLAY_LAYER (self));

  self->color = *color;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_overlay_layer_get_color (SlOverlayLayer *self,
                            GdkRGBA        *color)
{
  g_return_if_fail (SL_IS_OVERLAY_LAYER (self));

  *color = self->color;
}

/**
 * sl_overlay_layer_set_point_radius:
 * @radius: in logical pixels
 *
 * The size of the rings points are drawn as: larger rings stay visible
 * around the read dots they mark.
 */
void
sl_overlay_layer_set_point_radius (SlOverlayLayer *self,
                                   double          radius)
{
  g_return_if_fail (SL_IS_OVERLAY_LAYER (self));

  self->point_radius = radius;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
