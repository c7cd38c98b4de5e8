/* sl-track-layer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-track-layer"

#include "config.h"

#include <math.h>

#include "sl-map-view-private.h"
#include "sl-mercator.h"
#include "sl-track-layer.h"

/* A vehicle's reads in time order: path segments with an arrow at each
 * segment's middle pointing the way it drove, and numbered dots. A track is
 * at most a few thousand reads, so cairo draws it directly. */

#define DOT_RADIUS 7.0
#define HIT_RADIUS 9.0
#define MIN_ARROW_SEGMENT 28.0
/* How far a point's number (five digits, haloed) reaches from its dot. */
#define LABEL_MARGIN 64.0

typedef struct
{
  double x;
  double y;
  gint64 time;
  guint8 agency;
} Point;

struct _SlTrackLayer
{
  ShumateLayer  parent_instance;

  GArray       *points;          /* Point, in time order */
};

G_DEFINE_FINAL_TYPE (SlTrackLayer, sl_track_layer, SHUMATE_TYPE_LAYER)

static int
compare_time (gconstpointer a,
              gconstpointer b)
{
  const Point *pa = a, *pb = b;

  return (pa->time > pb->time) - (pa->time < pb->time);
}

static void
draw_arrow (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1)
{
  double mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  double angle = atan2 (y1 - y0, x1 - x0);

  cairo_save (cr);
  cairo_translate (cr, mx, my);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, 6, 0);
  cairo_line_to (cr, -5, -5);
  cairo_line_to (cr, -2, 0);
  cairo_line_to (cr, -5, 5);
  cairo_close_path (cr);
  cairo_restore (cr);
}

/* Where a number's halo is drawn, around the number. */
static const double halo[][2] = {
  { -1.5, -1.5 }, { 0, -1.5 }, { 1.5, -1.5 }, { -1.5, 0 }, { 1.5, 0 }, { -1.5, 1.5 }, { 0, 1.5 }, { 1.5, 1.5 },
};

static void
sl_track_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SlTrackLayer *self = SL_TRACK_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree double *px = NULL;
  g_autofree double *py = NULL;
  double last_label_x = -G_MAXDOUBLE, last_label_y = -G_MAXDOUBLE;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  graphene_rect_t bounds;
  SlMapFrame frame;
  cairo_t *cr;

  if (self->points->len == 0)
    return;

  sl_map_frame_init (&frame, shumate_layer_get_viewport (SHUMATE_LAYER (self)), width, height, 1);
  px = g_new (double, self->points->len);
  py = g_new (double, self->points->len);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);

      px[i] = p->x * frame.world - frame.left;
      py[i] = p->y * frame.world - frame.top;
      x0 = MIN (x0, px[i]);
      y0 = MIN (y0, py[i]);
      x1 = MAX (x1, px[i]);
      y1 = MAX (y1, py[i]);
    }

  /* Around the track only; LABEL_MARGIN holds a point's number. */
  if (!sl_map_layer_get_draw_bounds (widget, x0, y0, x1, y1, LABEL_MARGIN, &bounds))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The path, with a white casing so it reads over density squares. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < self->points->len; i++)
        cairo_line_to (cr, px[i], py[i]);
      if (pass == 0)
        cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      else
        cairo_set_source_rgb (cr, 0.13, 0.13, 0.18);
      cairo_set_line_width (cr, pass == 0 ? 6.0 : 2.5);
      cairo_stroke (cr);
    }

  /* Direction: only on segments long enough to hold an arrow. */
  for (guint i = 1; i < self->points->len; i++)
    if (hypot (px[i] - px[i - 1], py[i] - py[i - 1]) >= MIN_ARROW_SEGMENT)
      draw_arrow (cr, px[i - 1], py[i - 1], px[i], py[i]);
  cairo_set_source_rgb (cr, 0.13, 0.13, 0.18);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_cairo_update_layout (cr, layout);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      GdkRGBA color;
      char number[16];
      int tw, th;

      if (px[i] < -DOT_RADIUS || py[i] < -DOT_RADIUS ||
          px[i] > width + DOT_RADIUS || py[i] > height + DOT_RADIUS)
        continue;

      sl_reads_layer_get_agency_color (p->agency, &color);
      cairo_arc (cr, px[i], py[i], DOT_RADIUS, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      /* Numbers where they do not pile up on the previous one. */
      if (hypot (px[i] - last_label_x, py[i] - last_label_y) < 2 * DOT_RADIUS + 2)
        continue;
      g_snprintf (number, sizeof number, "%u", i + 1);
      pango_layout_set_text (layout, number, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      /* A white halo from the text drawn around its place: glyphs come
       * from cairo's cache, where stroking each number's outlines cost
       * 32 ms for 270 points against 4 ms. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      for (guint k = 0; k < G_N_ELEMENTS (halo); k++)
        {
          cairo_move_to (cr, px[i] + DOT_RADIUS + 1 + halo[k][0], py[i] - th - 1 + halo[k][1]);
          pango_cairo_show_layout (cr, layout);
        }
      cairo_set_source_rgb (cr, 0.13, 0.13, 0.18);
      cairo_move_to (cr, px[i] + DOT_RADIUS + 1, py[i] - th - 1);
      pango_cairo_show_layout (cr, layout);
      last_label_x = px[i];
      last_label_y = py[i];
    }

  cairo_destroy (cr);
}

static void
sl_track_layer_constructed (GObject *object)
{
  SlTrackLayer *self = SL_TRACK_LAYER (object);

  G_OBJECT_CLASS (sl_track_layer_parent_class)->constructed (object);

  sl_map_layer_follow_viewport (SHUMATE_LAYER (self));
}

static void
sl_track_layer_finalize (GObject *object)
{
  SlTrackLayer *self = SL_TRACK_LAYER (object);

  g_array_unref (self->points);

  G_OBJECT_CLASS (sl_track_layer_parent_class)->finalize (object);
}

static void
sl_track_layer_class_init (SlTrackLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_track_layer_constructed;
  object_class->finalize = sl_track_layer_finalize;
  widget_class->snapshot = sl_track_layer_snapshot;
}

static void
sl_track_layer_init (SlTrackLayer *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

SlTrackLayer *
sl_track_layer_new (ShumateViewport *viewport)
{
  return g_object_new (SL_TYPE_TRACK_LAYER,
                       "viewport", viewport,
                       NULL);
}

/* Field by field: memcmp() would compare the padding too. */
static gboolean
same_points (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const Point *p = &g_array_index (a, Point, i), *q = &g_array_index (b, Point, i);

      if (p->x != q->x || p->y != q->y || p->time != q->time || p->agency != q->agency)
        return FALSE;
    }
  return TRUE;
}

/**
 * sl_track_layer_set_track:
 * @points: (array length=n_points): the vehicle's reads, in any order
 *
 * Replaces the track; the layer sorts the reads by time and numbers them
 * from 1 in that order.
 */
void
sl_track_layer_set_track (SlTrackLayer       *self,
                          const SlTrackPoint *points,
                          guint               n_points)
{
  g_autoptr(GArray) track = g_array_sized_new (FALSE, FALSE, sizeof (Point), n_points);

  g_return_if_fail (SL_IS_TRACK_LAYER (self));
  g_return_if_fail (points != NULL || n_points == 0);

  for (guint i = 0; i < n_points; i++)
    {
      Point p = { 0, 0, points[i].time, points[i].agency };

      sl_mercator_from_lat_lon (points[i].latitude, points[i].longitude, &p.x, &p.y);
      g_array_append_val (track, p);
    }
  g_array_sort (track, compare_time);
  /* The same track again (an agency that sees every read of the vehicle
   * shown): hundreds of numbered points are not drawn twice. */
  if (same_points (track, self->points))
    return;
  g_array_unref (self->points);
  self->points = g_steal_pointer (&track);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sl_track_layer_get_n_points (SlTrackLayer *self)
{
  g_return_val_if_fail (SL_IS_TRACK_LAYER (self), 0);

  return self->points->len;
}

/**
 * sl_track_layer_get_point:
 * @index: position in time order
 */
void
sl_track_layer_get_point (SlTrackLayer *self,
                          guint         index,
                          SlTrackPoint *point)
{
  const Point *p;

  g_return_if_fail (SL_IS_TRACK_LAYER (self));
  g_return_if_fail (index < self->points->len);

  p = &g_array_index (self->points, Point, index);
  sl_mercator_to_lat_lon (p->x, p->y, &point->latitude, &point->longitude);
  point->time = p->time;
  point->agency = p->agency;
}

/**
 * sl_track_layer_hit_test:
 * @index: (out): position in time order (0 is the earliest) of the nearest
 *   read whose dot is under (x, y)
 */
gboolean
sl_track_layer_hit_test (SlTrackLayer *self,
                         double        x,
                         double        y,
                         guint        *index)
{
  SlMapFrame frame;
  double best = HIT_RADIUS * HIT_RADIUS;
  gboolean found = FALSE;

  g_return_val_if_fail (SL_IS_TRACK_LAYER (self), FALSE);

  sl_map_frame_init (&frame, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                     gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), 1);
  /* Later reads are drawn on top, so they win ties. */
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      double dx = p->x * frame.world - frame.left - x;
      double dy = p->y * frame.world - frame.top - y;

      if (dx * dx + dy * dy <= best)
        {
          best = dx * dx + dy * dy;
          *index = i;
          found = TRUE;
        }
    }
  return found;
}
