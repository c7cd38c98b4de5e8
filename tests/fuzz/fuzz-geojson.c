/* fuzz-geojson.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "fuzz-common.h"
#include "sl-geography.h"

/* Input: a GeoJSON document, as the map overlay loader gets it. */

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  SlGeography *geography;

  geography = sl_geography_new_from_geojson (bytes, "fuzz.geojson", &error);
  if (geography == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  /* Every point is a finite projected coordinate inside its part list. */
  for (guint i = 0; i < sl_geography_get_n_features (geography); i++)
    {
      const SlGeoFeature *feature = sl_geography_get_feature (geography, i);
      guint n_points = feature->n_parts > 0 ? feature->part_start[feature->n_parts] : 0;

      for (guint p = 0; p < n_points; p++)
        g_assert (isfinite (feature->xy[2 * p]) && isfinite (feature->xy[2 * p + 1]));
    }
  for (guint i = 0; i < sl_geography_get_n_labels (geography); i++)
    g_assert (sl_geography_get_label (geography, i)->name != NULL);

  sl_geography_unref (geography);

  return 0;
}
