/* sl-mercator.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Normalised Web Mercator: the whole world is the unit square, x grows east
 * from longitude -180, y grows south from latitude +85.0511. Multiplying by
 * 256·2^zoom gives the pixel coordinates libshumate uses at that zoom. */

#define SL_MERCATOR_MAX_LATITUDE 85.0511287798066

/* Fixed-point normalised coordinates: the unit square scaled by 2^32, which
 * resolves about 1 cm at the equator in 4 bytes per axis. */
#define SL_MERCATOR_FIXED_SCALE 4294967296.0

void    sl_mercator_from_lat_lon (double   latitude,
                                  double   longitude,
                                  double  *x,
                                  double  *y);
void    sl_mercator_to_lat_lon   (double   x,
                                  double   y,
                                  double  *latitude,
                                  double  *longitude);
guint32 sl_mercator_to_fixed     (double   normalised);

static inline double
sl_mercator_from_fixed (guint32 fixed)
{
  return fixed / SL_MERCATOR_FIXED_SCALE;
}

G_END_DECLS
