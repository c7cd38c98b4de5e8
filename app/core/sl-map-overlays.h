/* sl-map-overlays.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-project.h"

G_BEGIN_DECLS

/* The GeoJSON overlay layers kept in a project (table map_overlays). */
typedef struct
{
  char     *name;
  /* "#rrggbb", lower case */
  char     *color;
  gboolean  visible;
  GBytes   *geojson;
} SlMapOverlay;

void       sl_map_overlay_free         (SlMapOverlay  *overlay);
gboolean   sl_map_overlays_add         (SlProject     *project,
                                        const char    *name,
                                        GBytes        *geojson,
                                        const char    *source_name,
                                        GError       **error);
GPtrArray *sl_map_overlays_list        (SlProject     *project,
                                        GError       **error);
gboolean   sl_map_overlays_set_visible (SlProject     *project,
                                        const char    *name,
                                        gboolean       visible,
                                        GError       **error);
gboolean   sl_map_overlays_set_color   (SlProject     *project,
                                        const char    *name,
                                        const char    *color,
                                        GError       **error);
gboolean   sl_map_overlays_remove      (SlProject     *project,
                                        const char    *name,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlMapOverlay, sl_map_overlay_free)

G_END_DECLS
