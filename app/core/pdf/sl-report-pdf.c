/* sl-report-pdf.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sl-report-pdf.h"

/* The report laid out on A4 pages with pango: the same blocks, in the same
 * order, as the HTML writer shows (sl_report_to_blocks()). */

#define PAGE_WIDTH   595.0
#define PAGE_HEIGHT  842.0
#define MARGIN        50.0
#define FOOTER        24.0
#define CELL_PAD       3.0
#define BLOCK_GAP      8.0

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
  guint        page;
} Writer;

static double
content_width (void)
{
  return PAGE_WIDTH - 2 * MARGIN;
}

static void
set_font (Writer     *w,
          const char *description)
{
  PangoFontDescription *font = pango_font_description_from_string (description);

  pango_layout_set_font_description (w->layout, font);
  pango_font_description_free (font);
}

static void
draw_footer (Writer *w)
{
  g_autofree char *text = g_strdup_printf (_("Page %u"), w->page);

  set_font (w, "Sans 8.5");
  pango_layout_set_width (w->layout, (int) (content_width () * PANGO_SCALE));
  pango_layout_set_alignment (w->layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (w->layout, text, -1);
  cairo_set_source_rgb (w->cr, 0.4, 0.4, 0.4);
  cairo_move_to (w->cr, MARGIN, PAGE_HEIGHT - MARGIN + FOOTER / 2);
  pango_cairo_show_layout (w->cr, w->layout);
  pango_layout_set_alignment (w->layout, PANGO_ALIGN_LEFT);
}

static void
new_page (Writer *w)
{
  draw_footer (w);
  cairo_show_page (w->cr);
  w->page++;
  w->y = MARGIN;
}

/* Starts a new page unless @height still fits on this one. */
static void
ensure_room (Writer *w,
             double  height)
{
  if (w->y + height > PAGE_HEIGHT - MARGIN && w->y > MARGIN)
    new_page (w);
}

static double
measure (Writer     *w,
         const char *text,
         double      width)
{
  int height;

  pango_layout_set_width (w->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (w->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (w->layout, text, -1);
  pango_layout_get_pixel_size (w->layout, NULL, &height);
  return height;
}

static void
show (Writer     *w,
      const char *text,
      double      x,
      double      y,
      double      width)
{
  measure (w, text, width);
  cairo_move_to (w->cr, x, y);
  pango_cairo_show_layout (w->cr, w->layout);
}

/* Hex digests and long names wrap inside a word; a hyphen there would
 * read as part of the value. */
static void
no_hyphens (PangoLayout *layout)
{
  /* Font sizes in the PDF's own unit, the point (pango assumes 96 dpi). */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);

  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
}

/* Paragraphs break across pages line by line, with a layout of their own:
 * a page break draws the footer with the shared one. */
static void
draw_text (Writer     *w,
           const char *text,
           const char *font,
           double      indent)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (w->cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  PangoLayoutIter *iter;

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  no_hyphens (layout);
  pango_layout_set_width (layout, (int) ((content_width () - 2 * indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      ensure_room (w, (double) logical.height / PANGO_SCALE);
      cairo_set_source_rgb (w->cr, 0.1, 0.1, 0.1);
      cairo_move_to (w->cr, MARGIN + indent, w->y + (double) (baseline - logical.y) / PANGO_SCALE);
      pango_cairo_show_layout_line (w->cr, line);
      w->y += (double) logical.height / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  w->y += BLOCK_GAP;
}

static void
draw_notice (Writer     *w,
             const char *text)
{
  double height;

  set_font (w, "Sans Bold 10.5");
  height = measure (w, text, content_width () - 16) + 12;
  ensure_room (w, height);
  cairo_set_source_rgb (w->cr, 1.0, 0.957, 0.878);
  cairo_rectangle (w->cr, MARGIN, w->y, content_width (), height);
  cairo_fill_preserve (w->cr);
  cairo_set_source_rgb (w->cr, 0.63, 0.36, 0.0);
  cairo_set_line_width (w->cr, 1.5);
  cairo_stroke (w->cr);
  cairo_set_source_rgb (w->cr, 0.1, 0.1, 0.1);
  show (w, text, MARGIN + 8, w->y + 6, content_width () - 16);
  w->y += height + BLOCK_GAP;
}

static double
text_width (Writer     *w,
            const char *text)
{
  int width;

  pango_layout_set_width (w->layout, -1);
  pango_layout_set_text (w->layout, text, -1);
  pango_layout_get_pixel_size (w->layout, &width, NULL);
  return width + 2 * CELL_PAD + 1;
}

/* Column widths the way browsers lay out tables: each column gets at least
 * its longest word, and what is left of the page is shared in proportion
 * to how much wider each column's longest cell is, so numbers and times
 * break between words and long paths take the room. */
static double *
column_widths (Writer        *w,
               SlReportBlock *table,
               guint          n)
{
  double *widths = g_new0 (double, n);
  g_autofree double *minimum = g_new0 (double, n);
  double total = 0, total_minimum = 0, available = content_width ();

  for (guint r = 0; r <= table->rows->len; r++)
    {
      char **row = r == 0 ? table->header : g_ptr_array_index (table->rows, r - 1);

      set_font (w, r == 0 ? "Sans Bold 8.5" : "Sans 8.5");
      for (guint c = 0; c < n; c++)
        {
          g_auto(GStrv) words = g_strsplit (row[c], " ", -1);

          widths[c] = MAX (widths[c], text_width (w, row[c]));
          for (guint i = 0; words[i] != NULL; i++)
            minimum[c] = MAX (minimum[c], MIN (text_width (w, words[i]), available / n));
        }
    }
  for (guint c = 0; c < n; c++)
    {
      total += widths[c];
      total_minimum += minimum[c];
    }
  if (total <= available)
    return widths;
  for (guint c = 0; c < n; c++)
    {
      if (total_minimum >= available)
        widths[c] = minimum[c] * available / total_minimum;
      else
        widths[c] = minimum[c] + (widths[c] - minimum[c]) * (available - total_minimum) / (total - total_minimum);
    }
  return widths;
}

static double
row_height (Writer  *w,
            char   **row,
            double  *widths,
            guint    n)
{
  double height = 0;

  for (guint c = 0; c < n; c++)
    height = MAX (height, measure (w, row[c], widths[c] - 2 * CELL_PAD));
  return height + 2 * CELL_PAD;
}

static void
draw_row (Writer   *w,
          char    **row,
          double   *widths,
          guint     n,
          gboolean  header)
{
  double height, x = MARGIN;

  set_font (w, header ? "Sans Bold 8.5" : "Sans 8.5");
  height = row_height (w, row, widths, n);
  ensure_room (w, height);
  for (guint c = 0; c < n; c++)
    {
      if (header)
        {
          cairo_set_source_rgb (w->cr, 0.93, 0.93, 0.93);
          cairo_rectangle (w->cr, x, w->y, widths[c], height);
          cairo_fill (w->cr);
        }
      cairo_set_source_rgb (w->cr, 0.7, 0.7, 0.7);
      cairo_set_line_width (w->cr, 0.5);
      cairo_rectangle (w->cr, x, w->y, widths[c], height);
      cairo_stroke (w->cr);
      cairo_set_source_rgb (w->cr, 0.1, 0.1, 0.1);
      show (w, row[c], x + CELL_PAD, w->y + CELL_PAD, widths[c] - 2 * CELL_PAD);
      x += widths[c];
    }
  w->y += height;
}

static void
draw_table (Writer        *w,
            SlReportBlock *table)
{
  guint n = g_strv_length (table->header);
  g_autofree double *widths = column_widths (w, table, n);
  guint page;

  draw_row (w, table->header, widths, n, TRUE);
  page = w->page;
  for (guint r = 0; r < table->rows->len; r++)
    {
      set_font (w, "Sans 8.5");
      ensure_room (w, row_height (w, g_ptr_array_index (table->rows, r), widths, n));
      /* A table continued on a new page repeats its header. */
      if (w->page != page)
        {
          draw_row (w, table->header, widths, n, TRUE);
          page = w->page;
        }
      draw_row (w, g_ptr_array_index (table->rows, r), widths, n, FALSE);
    }
  w->y += BLOCK_GAP;
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
 * sl_report_pdf_write:
 *
 * Writes @report as an A4 PDF to @path, replacing the file only once the
 * document is complete.
 */
gboolean
sl_report_pdf_write (SlReport    *report,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GPtrArray) blocks = sl_report_to_blocks (report);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_status_t status;
  Writer w = { cairo_create (surface), NULL, MARGIN, 1 };

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  ((SlReportBlock *) g_ptr_array_index (blocks, 0))->text);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Sightline");
  w.layout = pango_cairo_create_layout (w.cr);
  no_hyphens (w.layout);

  for (guint i = 0; i < blocks->len; i++)
    {
      SlReportBlock *block = g_ptr_array_index (blocks, i);

      cairo_set_source_rgb (w.cr, 0.1, 0.1, 0.1);
      switch (block->type)
        {
        case SL_REPORT_BLOCK_TITLE:
          draw_text (&w, block->text, "Sans Bold 18", 0);
          break;
        case SL_REPORT_BLOCK_HEADING:
          /* Keep a heading with at least a few lines of what follows. */
          ensure_room (&w, 60);
          w.y += 4;
          draw_text (&w, block->text, "Sans Bold 13", 0);
          break;
        case SL_REPORT_BLOCK_PARAGRAPH:
          draw_text (&w, block->text, "Sans 10", 0);
          break;
        case SL_REPORT_BLOCK_NOTICE:
          draw_notice (&w, block->text);
          break;
        case SL_REPORT_BLOCK_TABLE:
          draw_table (&w, block);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  draw_footer (&w);

  g_object_unref (w.layout);
  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: could not draw the report: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents (path, (const char *) bytes->data, bytes->len, error);
}

/**
 * sl_report_export:
 *
 * Writes the report or track in @format to @path: what the CLI's `report`
 * command and the window's Export menu call.
 */
gboolean
sl_report_export (SlProject              *project,
                  const SlReportOptions  *options,
                  SlReportFormat          format,
                  const char             *path,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_autoptr(SlReport) report = NULL;

  if (format != SL_REPORT_FORMAT_PDF)
    return sl_report_write (project, options, format, path, cancellable, error);

  report = sl_report_build (project, options, cancellable, error);
  return report != NULL && sl_report_pdf_write (report, path, error);
}
