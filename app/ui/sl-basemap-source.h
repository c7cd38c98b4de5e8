/* sl-basemap-source.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

typedef enum
{
  SL_BASEMAP_BOUNDARIES_REGIONS,
  SL_BASEMAP_BOUNDARIES_COUNTIES,
} SlBasemapBoundaries;

#define SL_TYPE_BASEMAP_SOURCE (sl_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (SlBasemapSource, sl_basemap_source, SL, BASEMAP_SOURCE, ShumateMapSource)

SlBasemapSource *sl_basemap_source_new (SlBasemapBoundaries boundaries,
                                        int                 scale_factor);

/* Colours of the offline basemap, also used by tests that check pixels. */
#define SL_BASEMAP_WATER     0xb3cde0
#define SL_BASEMAP_LAND      0xf6f3ec
#define SL_BASEMAP_NEIGHBOUR 0xe3e0d8

G_END_DECLS
