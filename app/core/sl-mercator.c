/* sl-mercator.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sl-mercator.h"

void
sl_mercator_from_lat_lon (double  latitude,
                          double  longitude,
                          double *x,
                          double *y)
{
  double lat_rad;

  latitude = CLAMP (latitude, -SL_MERCATOR_MAX_LATITUDE, SL_MERCATOR_MAX_LATITUDE);
  lat_rad = latitude * G_PI / 180.0;

  *x = (longitude + 180.0) / 360.0;
  *y = (1.0 - log (tan (lat_rad) + 1.0 / cos (lat_rad)) / G_PI) / 2.0;
}

void
sl_mercator_to_lat_lon (double  x,
                        double  y,
                        double *latitude,
                        double *longitude)
{
  *longitude = x * 360.0 - 180.0;
  *latitude = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

guint32
sl_mercator_to_fixed (double normalised)
{
  /* The east edge (x = 1) folds onto the last representable value instead of
   * wrapping to 0 on the west edge. */
  return (guint32) CLAMP (normalised * SL_MERCATOR_FIXED_SCALE, 0.0, (double) G_MAXUINT32);
}
