/* sl-export.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "sl-export.h"
#include "sl-reads-layer.h"

/* The map view as a picture: the map widget's own render node replayed on
 * a cairo surface (gsk_render_node_draw()), so the reads, cameras, track
 * and overlays stay vector in SVG and PDF and only basemap tiles are
 * images; then the legend and a caption drawn with cairo, since the
 * on-screen legend is a widget beside the map. */

#define LEGEND_MARGIN 10.0
#define LEGEND_PAD     8.0
#define LEGEND_WIDTH 260.0
#define COUNT_WIDTH   48.0

/**
 * sl_image_format_from_file:
 *
 * The format by @file's extension: .png, .svg or .pdf.
 */
gboolean
sl_image_format_from_file (GFile          *file,
                           SlImageFormat  *format,
                           GError        **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = SL_IMAGE_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = SL_IMAGE_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = SL_IMAGE_FORMAT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: unknown picture format (expected .png, .svg or .pdf)"), name);
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * sl_export_surface_new:
 * @bytes: where SVG and PDF surfaces write as they go
 *
 * Returns: (transfer full): a surface of @width × @height (pixels for PNG,
 *   points for SVG and PDF)
 */
cairo_surface_t *
sl_export_surface_new (SlImageFormat  format,
                       GByteArray    *bytes,
                       double         width,
                       double         height)
{
  switch (format)
    {
    case SL_IMAGE_FORMAT_SVG:
      return cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
    case SL_IMAGE_FORMAT_PDF:
      return cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
    case SL_IMAGE_FORMAT_PNG:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
    }
}

/**
 * sl_export_surface_save:
 *
 * Finishes @surface and writes it to @file, which is replaced only once
 * the whole picture is there. Consumes @surface.
 */
gboolean
sl_export_surface_save (cairo_surface_t  *surface,
                        SlImageFormat     format,
                        GByteArray       *bytes,
                        GFile            *file,
                        GError          **error)
{
  cairo_status_t status;

  if (format == SL_IMAGE_FORMAT_PNG)
    cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: could not draw the picture: %s"),
                   name, cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle ink, logical;

  pango_layout_get_pixel_extents (layout, &ink, &logical);
  return logical.width;
}

/* A panel like the on-screen legend: agencies in their map colours with
 * their read counts, then the density ramp. */
static void
draw_legend (cairo_t   *cr,
             SlMapView *self,
             double     width)
{
  SlReadSet *reads = sl_map_view_get_reads (self);
  const char * const *names = sl_map_view_get_agency_names (self);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 9");
  g_autofree guint *counts = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) colours = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  guint n_agencies, n_names;
  double x = width - LEGEND_WIDTH - LEGEND_MARGIN, y, height, line;

  if (reads == NULL)
    return;
  n_agencies = sl_read_set_get_n_agencies (reads);
  n_names = names != NULL ? g_strv_length ((char **) names) : 0;
  counts = g_new0 (guint, MAX (n_agencies, 1));
  for (guint i = 0; i < sl_read_set_get_n_reads (reads); i++)
    counts[sl_read_set_get_agencies (reads)[i]]++;
  for (guint a = 0; a < n_agencies; a++)
    {
      GdkRGBA colour;

      if (counts[a] == 0)
        continue;
      sl_reads_layer_get_agency_color (a, &colour);
      g_array_append_val (colours, colour);
      g_ptr_array_add (lines, a < n_names ? g_strdup (names[a]) : g_strdup_printf (_("Agency %u"), a + 1));
      g_ptr_array_add (numbers, g_strdup_printf ("%u", counts[a]));
    }

  pango_layout_set_font_description (layout, font);
  /* Names are ellipsized; counts keep a column of their own. */
  pango_layout_set_width (layout, (int) ((LEGEND_WIDTH - 2 * LEGEND_PAD - 16 - COUNT_WIDTH) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, "Ag", -1);
  line = layout_height (layout) + 2;
  height = 2 * LEGEND_PAD + (lines->len + 2) * line + 10;

  cairo_save (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_rectangle (cr, x, LEGEND_MARGIN, LEGEND_WIDTH, height);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  y = LEGEND_MARGIN + LEGEND_PAD;
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  pango_layout_set_text (layout, _("Plate reads by agency"), -1);
  cairo_move_to (cr, x + LEGEND_PAD, y);
  pango_cairo_show_layout (cr, layout);
  y += line;
  for (guint i = 0; i < lines->len; i++, y += line)
    {
      GdkRGBA *colour = &g_array_index (colours, GdkRGBA, i);

      gdk_cairo_set_source_rgba (cr, colour);
      cairo_arc (cr, x + LEGEND_PAD + 5, y + line / 2, 5, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      pango_layout_set_text (layout, g_ptr_array_index (lines, i), -1);
      cairo_move_to (cr, x + LEGEND_PAD + 16, y);
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_text (layout, g_ptr_array_index (numbers, i), -1);
      cairo_move_to (cr, x + LEGEND_WIDTH - LEGEND_PAD - layout_width (layout), y);
      pango_cairo_show_layout (cr, layout);
    }

  /* The density ramp, few to many reads. */
  y += 4;
  for (guint i = 0; i < 8; i++)
    {
      GdkRGBA colour;

      sl_reads_layer_get_density_color (i / 7.0, &colour);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_rectangle (cr, x + LEGEND_PAD + i * 12, y + 2, 11, line - 4);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  pango_layout_set_text (layout, _("few to many reads"), -1);
  cairo_move_to (cr, x + LEGEND_PAD + 8 * 12 + 6, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* What the picture shows and its attribution, bottom left. */
static void
draw_caption (cairo_t    *cr,
              const char *text,
              double      width,
              double      height)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 9");
  double box_width = MIN (width - 2 * LEGEND_MARGIN, 520), text_height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((box_width - 2 * LEGEND_PAD) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  text_height = layout_height (layout);

  cairo_save (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_rectangle (cr, LEGEND_MARGIN, height - LEGEND_MARGIN - text_height - 2 * LEGEND_PAD,
                   box_width, text_height + 2 * LEGEND_PAD);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, LEGEND_MARGIN + LEGEND_PAD, height - LEGEND_MARGIN - LEGEND_PAD - text_height);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/**
 * sl_map_view_export:
 * @caption: (nullable): what the picture shows, drawn in its corner with
 *   the basemap's attribution
 *
 * Writes the map as it is on screen, at its size, with a legend, to @file.
 */
gboolean
sl_map_view_export (SlMapView     *self,
                    GFile         *file,
                    SlImageFormat  format,
                    const char    *caption,
                    GError       **error)
{
  GtkWidget *map = GTK_WIDGET (sl_map_view_get_map (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (shumate_map_get_viewport (SHUMATE_MAP (map)));
  int width = gtk_widget_get_width (map), height = gtk_widget_get_height (map);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GString) text = g_string_new (caption);
  GskRenderNode *node;
  GtkSnapshot *snapshot;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (SL_IS_MAP_VIEW (self), FALSE);

  if (width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The map is not on screen"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (map);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  surface = sl_export_surface_new (format, bytes, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (node != NULL)
    {
      gsk_render_node_draw (node, cr);
      gsk_render_node_unref (node);
    }
  draw_legend (cr, self, width);
  if (source != NULL && shumate_map_source_get_license (source) != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", shumate_map_source_get_license (source));
  if (text->len > 0)
    draw_caption (cr, text->str, width, height);
  cairo_destroy (cr);

  return sl_export_surface_save (surface, format, bytes, file, error);
}
