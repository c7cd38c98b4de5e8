/* sl-geo-path.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-geo-path.h"

/* Wider than any stroke, so the edges the clip adds stay out of sight. */
#define MARGIN 64.0

void
sl_geo_path_init (SlGeoPath *path,
                  double     origin_x,
                  double     origin_y,
                  double     scale,
                  double     width,
                  double     height)
{
  path->origin_x = origin_x;
  path->origin_y = origin_y;
  path->scale = scale;
  path->width = width;
  path->height = height;
  path->ring = g_array_new (FALSE, FALSE, sizeof (double));
  path->scratch = g_array_new (FALSE, FALSE, sizeof (double));
}

void
sl_geo_path_clear (SlGeoPath *path)
{
  g_clear_pointer (&path->ring, g_array_unref);
  g_clear_pointer (&path->scratch, g_array_unref);
}

/**
 * sl_geo_path_feature_visible:
 * @margin: device pixels around the surface that still count
 */
gboolean
sl_geo_path_feature_visible (const SlGeoPath    *path,
                             const SlGeoFeature *feature,
                             double              margin)
{
  return (feature->bounds.x1 - path->origin_x) * path->scale >= -margin &&
         (feature->bounds.x0 - path->origin_x) * path->scale <= path->width + margin &&
         (feature->bounds.y1 - path->origin_y) * path->scale >= -margin &&
         (feature->bounds.y0 - path->origin_y) * path->scale <= path->height + margin;
}

/* Sutherland–Hodgman: keeps the part of a closed ring on one side of an
 * axis-aligned line. */
static void
clip_edge (GArray  *in,
           GArray  *out,
           int      axis,
           double   limit,
           gboolean keep_below)
{
  g_array_set_size (out, 0);
  for (guint i = 0; i < in->len / 2; i++)
    {
      const double *a = &g_array_index (in, double, 2 * i);
      const double *b = &g_array_index (in, double, 2 * ((i + 1) % (in->len / 2)));
      gboolean a_in = keep_below ? a[axis] <= limit : a[axis] >= limit;
      gboolean b_in = keep_below ? b[axis] <= limit : b[axis] >= limit;

      if (a_in)
        g_array_append_vals (out, a, 2);
      if (a_in != b_in)
        {
          double t = (limit - a[axis]) / (b[axis] - a[axis]);
          double p[2];

          p[axis] = limit;
          p[1 - axis] = a[1 - axis] + t * (b[1 - axis] - a[1 - axis]);
          g_array_append_vals (out, p, 2);
        }
    }
}

/* Liang–Barsky: clips segment a–b to the rectangle; FALSE if none of it
 * is inside. */
static gboolean
clip_segment (double *a,
              double *b,
              double  lo_x,
              double  lo_y,
              double  hi_x,
              double  hi_y)
{
  double t0 = 0, t1 = 1;
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { a[0] - lo_x, hi_x - a[0], a[1] - lo_y, hi_y - a[1] };

  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
    }
  if (t0 > t1)
    return FALSE;

  b[0] = a[0] + t1 * dx;
  b[1] = a[1] + t1 * dy;
  a[0] = a[0] + t0 * dx;
  a[1] = a[1] + t0 * dy;
  return TRUE;
}

static void
project_part (SlGeoPath          *path,
              const SlGeoFeature *feature,
              guint               part)
{
  guint start = feature->part_start[part], end = feature->part_start[part + 1];

  g_array_set_size (path->ring, 0);
  for (guint i = start; i < end; i++)
    {
      double p[2] = {
        (feature->xy[2 * i] - path->origin_x) * path->scale,
        (feature->xy[2 * i + 1] - path->origin_y) * path->scale,
      };

      g_array_append_vals (path->ring, p, 2);
    }
}

/**
 * sl_geo_path_append_part:
 *
 * Adds one part of @feature to the current path: a closed sub-path for a
 * polygon's ring, open sub-paths for a line, nothing for a point (points
 * are the caller's to draw).
 */
void
sl_geo_path_append_part (SlGeoPath          *path,
                         cairo_t            *cr,
                         const SlGeoFeature *feature,
                         guint               part)
{
  double lo_x = -MARGIN, lo_y = -MARGIN;
  double hi_x = path->width + MARGIN, hi_y = path->height + MARGIN;

  project_part (path, feature, part);

  if (feature->shape == SL_GEO_SHAPE_POLYGON)
    {
      clip_edge (path->ring, path->scratch, 0, lo_x, FALSE);
      clip_edge (path->scratch, path->ring, 0, hi_x, TRUE);
      clip_edge (path->ring, path->scratch, 1, lo_y, FALSE);
      clip_edge (path->scratch, path->ring, 1, hi_y, TRUE);

      for (guint i = 0; i < path->ring->len / 2; i++)
        {
          const double *p = &g_array_index (path->ring, double, 2 * i);

          if (i == 0)
            cairo_move_to (cr, p[0], p[1]);
          else
            cairo_line_to (cr, p[0], p[1]);
        }
      if (path->ring->len > 0)
        cairo_close_path (cr);
    }
  else if (feature->shape == SL_GEO_SHAPE_LINE)
    {
      gboolean connected = FALSE;

      for (guint i = 1; i < path->ring->len / 2; i++)
        {
          double a[2], b[2];

          memcpy (a, &g_array_index (path->ring, double, 2 * (i - 1)), sizeof a);
          memcpy (b, &g_array_index (path->ring, double, 2 * i), sizeof b);
          if (!clip_segment (a, b, lo_x, lo_y, hi_x, hi_y))
            {
              connected = FALSE;
              continue;
            }
          if (!connected)
            cairo_move_to (cr, a[0], a[1]);
          cairo_line_to (cr, b[0], b[1]);
          /* The next segment continues from b only if b was not cut. */
          connected = b[0] == g_array_index (path->ring, double, 2 * i) &&
                      b[1] == g_array_index (path->ring, double, 2 * i + 1);
        }
    }
}

void
sl_geo_path_append_feature (SlGeoPath          *path,
                            cairo_t            *cr,
                            const SlGeoFeature *feature)
{
  for (guint part = 0; part < feature->n_parts; part++)
    sl_geo_path_append_part (path, cr, feature, part);
}
