/* sl-export.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-map-view.h"

G_BEGIN_DECLS

/* Pictures the window exports: the map view with its legend and the flow
 * diagram, as PNG, SVG or PDF (cairo surfaces; vector stays vector). */
typedef enum
{
  SL_IMAGE_FORMAT_PNG,
  SL_IMAGE_FORMAT_SVG,
  SL_IMAGE_FORMAT_PDF,
} SlImageFormat;

gboolean         sl_image_format_from_file (GFile            *file,
                                            SlImageFormat    *format,
                                            GError          **error);
cairo_surface_t *sl_export_surface_new     (SlImageFormat     format,
                                            GByteArray       *bytes,
                                            double            width,
                                            double            height);
gboolean         sl_export_surface_save    (cairo_surface_t  *surface,
                                            SlImageFormat     format,
                                            GByteArray       *bytes,
                                            GFile            *file,
                                            GError          **error);
gboolean         sl_map_view_export        (SlMapView        *self,
                                            GFile            *file,
                                            SlImageFormat     format,
                                            const char       *caption,
                                            GError          **error);

G_END_DECLS
