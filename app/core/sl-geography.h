/* sl-geography.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-read-set.h"

G_BEGIN_DECLS

/* Vector geography projected once into normalised Web Mercator, with a
 * bounding box per feature so a map tile only draws what it touches: the
 * bundled Connecticut basemap, or a user's GeoJSON file. Immutable and safe
 * to share between threads. */

#define SL_GEOGRAPHY_ERROR (sl_geography_error_quark ())

typedef enum
{
  SL_GEOGRAPHY_ERROR_INVALID,
} SlGeographyError;

typedef enum
{
  SL_GEO_SHAPE_POINT,
  SL_GEO_SHAPE_LINE,
  SL_GEO_SHAPE_POLYGON,
} SlGeoShape;

typedef struct
{
  char           *name;
  /* The "kind" property, e.g. "state", "county", "region", "neighbour". */
  char           *kind;
  SlGeoShape      shape;
  /* Parts are rings (polygons; fill even-odd), lines or single points.
   * Part i is points part_start[i] to part_start[i + 1] - 1 of xy, which
   * holds x, y pairs. */
  guint           n_parts;
  guint          *part_start;
  double         *xy;
  SlMercatorRect  bounds;
} SlGeoFeature;

typedef struct
{
  char   *name;
  double  x;
  double  y;
  /* Land area in m², so bigger places can be labelled first. */
  double  area;
} SlGeoLabel;

#define SL_TYPE_GEOGRAPHY (sl_geography_get_type ())

typedef struct _SlGeography SlGeography;

GQuark              sl_geography_error_quark       (void);
GType               sl_geography_get_type          (void) G_GNUC_CONST;
SlGeography        *sl_geography_new_from_geojson  (GBytes       *bytes,
                                                    const char   *source_name,
                                                    GError      **error);
SlGeography        *sl_geography_dup_connecticut   (void);
GBytes             *sl_geography_dup_town_table    (void);
SlGeography        *sl_geography_ref               (SlGeography  *self);
void                sl_geography_unref             (SlGeography  *self);
guint               sl_geography_get_n_features    (SlGeography  *self);
const SlGeoFeature *sl_geography_get_feature       (SlGeography  *self,
                                                    guint         index);
guint               sl_geography_get_n_labels      (SlGeography  *self);
const SlGeoLabel   *sl_geography_get_label         (SlGeography  *self,
                                                    guint         index);
const char         *sl_geography_get_attribution   (SlGeography  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlGeography, sl_geography_unref)

G_END_DECLS
