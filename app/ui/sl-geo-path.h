/* sl-geo-path.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "sl-geography.h"

G_BEGIN_DECLS

/* Turns projected geography into cairo paths on a surface that shows part
 * of the world, clipped in double precision: cairo's fixed-point
 * coordinates overflow near ±8 million pixels, which a state's outline
 * reaches at street zoom. */
typedef struct
{
  double  origin_x;              /* normalised position of device (0, 0) */
  double  origin_y;
  double  scale;                 /* device pixels per normalised unit */
  double  width;                 /* surface size in device pixels */
  double  height;
  GArray *ring;
  GArray *scratch;
} SlGeoPath;

void     sl_geo_path_init            (SlGeoPath          *path,
                                      double              origin_x,
                                      double              origin_y,
                                      double              scale,
                                      double              width,
                                      double              height);
void     sl_geo_path_clear           (SlGeoPath          *path);
gboolean sl_geo_path_feature_visible (const SlGeoPath    *path,
                                      const SlGeoFeature *feature,
                                      double              margin);
void     sl_geo_path_append_part     (SlGeoPath          *path,
                                      cairo_t            *cr,
                                      const SlGeoFeature *feature,
                                      guint               part);
void     sl_geo_path_append_feature  (SlGeoPath          *path,
                                      cairo_t            *cr,
                                      const SlGeoFeature *feature);

G_END_DECLS
