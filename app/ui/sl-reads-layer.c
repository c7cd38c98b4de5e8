/* sl-reads-layer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-reads-layer"

#include "config.h"

#include <math.h>

#include "sl-map-view-private.h"
#include "sl-mercator.h"
#include "sl-reads-layer.h"

/* Draws every read in view in one pass into a pixel buffer that becomes a
 * single texture node (an image surface in a cairo node with the cairo
 * renderer, see sl_map_layer_draws_with_cairo()): no widget, render node
 * or cairo path per read.
 *
 * - Dots: when at most DOT_LIMIT reads are in view, each is a dot in its
 *   agency's colour, faded when outside the selection.
 * - Density: otherwise, reads are counted into squares of 3–6 pixels
 *   aligned to the world (so panning does not shimmer), coloured by count on
 *   a logarithmic ramp. While the index grid's cells are smaller than a
 *   square, the counts come from the read set's pyramid, so the cost
 *   depends on the number of squares in view, not on the number of reads. */

#define DOT_LIMIT 60000
#define DOT_RADIUS 3.5
#define DENSITY_CELL 6.0
#define HIT_RADIUS 6.0

struct _SlReadsLayer
{
  ShumateLayer     parent_instance;

  SlReadSet       *reads;
  SlReadSelection *selection;
  SlReadsLayerMode mode;
};

G_DEFINE_FINAL_TYPE (SlReadsLayer, sl_reads_layer, SHUMATE_TYPE_LAYER)

/* Colour-blind-safer qualitative palette (Okabe–Ito, then Tableau tones). */
static const guint32 agency_palette[] = {
  0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0xd55e00, 0x56b4e9,
  0x8c564b, 0x7f7f7f, 0xbcbd22, 0x17becf, 0x9467bd, 0xf0e442,
};

void
sl_reads_layer_get_agency_color (guint    agency,
                                 GdkRGBA *color)
{
  guint32 hex = agency_palette[agency % G_N_ELEMENTS (agency_palette)];

  color->red = ((hex >> 16) & 0xff) / 255.0;
  color->green = ((hex >> 8) & 0xff) / 255.0;
  color->blue = (hex & 0xff) / 255.0;
  color->alpha = 1.0;
}

/* Pale yellow to deep red-purple, like a heat map on a light basemap. */
void
sl_reads_layer_get_density_color (double   fraction,
                                  GdkRGBA *color)
{
  static const float stops[][3] = {
    { 1.00f, 0.93f, 0.55f },
    { 0.99f, 0.62f, 0.26f },
    { 0.89f, 0.26f, 0.20f },
    { 0.55f, 0.05f, 0.35f },
  };
  double t = CLAMP (fraction, 0.0, 1.0) * (G_N_ELEMENTS (stops) - 1);
  guint i = MIN ((guint) t, G_N_ELEMENTS (stops) - 2);
  double f = t - i;

  color->red = stops[i][0] + f * (stops[i + 1][0] - stops[i][0]);
  color->green = stops[i][1] + f * (stops[i + 1][1] - stops[i][1]);
  color->blue = stops[i][2] + f * (stops[i + 1][2] - stops[i][2]);
  color->alpha = 0.85;
}

static guint32
premultiply (const GdkRGBA *color,
             double         alpha)
{
  double a = color->alpha * alpha;

  return ((guint32) lround (a * 255) << 24) |
         ((guint32) lround (color->red * a * 255) << 16) |
         ((guint32) lround (color->green * a * 255) << 8) |
         (guint32) lround (color->blue * a * 255);
}

/* A premultiplied B8G8R8A8 canvas (native-endian ARGB words). */
typedef struct
{
  guint32 *pixels;
  int      width;
  int      height;
} Canvas;

static inline void
blend (guint32 *dst,
       guint32  src)
{
  guint32 inv = 255 - (src >> 24);
  guint32 d = *dst;
  guint32 rb = ((d & 0x00ff00ff) * inv + 0x00800080) >> 8 & 0x00ff00ff;
  guint32 ag = ((d >> 8) & 0x00ff00ff) * inv + 0x00800080;

  *dst = src + (rb | (ag & 0xff00ff00));
}

static void
fill_rect (Canvas  *canvas,
           int      x0,
           int      y0,
           int      x1,
           int      y1,
           guint32  color)
{
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, canvas->width);
  y1 = MIN (y1, canvas->height);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      blend (&canvas->pixels[y * canvas->width + x], color);
}

/* An anti-aliased disc with a darker rim, as coverage per pixel. */
typedef struct
{
  int     size;
  int     offset;
  guint8 *fill;
  guint8 *rim;
} Sprite;

static void
sprite_init (Sprite *sprite,
             double  radius)
{
  sprite->size = (int) ceil (radius * 2) + 2;
  sprite->offset = sprite->size / 2;
  sprite->fill = g_new0 (guint8, sprite->size * sprite->size);
  sprite->rim = g_new0 (guint8, sprite->size * sprite->size);

  for (int y = 0; y < sprite->size; y++)
    for (int x = 0; x < sprite->size; x++)
      {
        double d = hypot (x + 0.5 - sprite->offset, y + 0.5 - sprite->offset);
        double outer = CLAMP (radius + 0.5 - d, 0.0, 1.0);
        double inner = CLAMP (radius - 0.5 - d, 0.0, 1.0);

        sprite->fill[y * sprite->size + x] = (guint8) lround (inner * 255);
        sprite->rim[y * sprite->size + x] = (guint8) lround ((outer - inner) * 255);
      }
}

static void
sprite_clear (Sprite *sprite)
{
  g_free (sprite->fill);
  g_free (sprite->rim);
}

static inline guint32
scale_color (guint32 color,
             guint8  coverage)
{
  guint32 rb = ((color & 0x00ff00ff) * coverage + 0x00800080) >> 8 & 0x00ff00ff;
  guint32 ag = (((color >> 8) & 0x00ff00ff) * coverage + 0x00800080) & 0xff00ff00;

  return rb | ag;
}

static void
stamp (Canvas       *canvas,
       const Sprite *sprite,
       int           cx,
       int           cy,
       guint32       fill,
       guint32       rim)
{
  int x0 = cx - sprite->offset, y0 = cy - sprite->offset;

  for (int sy = MAX (0, -y0); sy < sprite->size && y0 + sy < canvas->height; sy++)
    {
      guint32 *row = &canvas->pixels[(y0 + sy) * canvas->width + x0];
      const guint8 *f = &sprite->fill[sy * sprite->size];
      const guint8 *r = &sprite->rim[sy * sprite->size];

      for (int sx = MAX (0, -x0); sx < sprite->size && x0 + sx < canvas->width; sx++)
        {
          if (f[sx])
            blend (&row[sx], scale_color (fill, f[sx]));
          if (r[sx])
            blend (&row[sx], scale_color (rim, r[sx]));
        }
    }
}

typedef struct
{
  SlReadsLayer     *self;
  const SlMapFrame *frame;
  Canvas           *canvas;
  Sprite            sprite;
  guint32           fill[2][256];
  guint32           rim[2][256];
  gboolean          selected_pass;
  /* The agency + 1 of the dot last centred on each pixel: reads at one
   * camera share a position, and redrawing the same dot changes nothing. */
  guint8           *last;
} DotPass;

static void
draw_dot_range (guint    start,
                guint    end,
                gpointer user_data)
{
  DotPass *pass = user_data;
  const SlMapFrame *frame = pass->frame;
  const guint32 *xs = sl_read_set_get_x (pass->self->reads);
  const guint32 *ys = sl_read_set_get_y (pass->self->reads);
  const guint8 *agencies = sl_read_set_get_agencies (pass->self->reads);
  const guint64 *bits = pass->self->selection ? sl_read_selection_get_bits (pass->self->selection) : NULL;
  double k = frame->world / SL_MERCATOR_FIXED_SCALE;
  int margin = pass->sprite.size;

  for (guint i = start; i < end; i++)
    {
      gboolean selected = bits == NULL || sl_read_selection_bits_test (bits, i);
      int cx, cy;
      guint8 key;

      if (selected != pass->selected_pass)
        continue;

      cx = (int) floor (xs[i] * k - frame->left);
      cy = (int) floor (ys[i] * k - frame->top);
      if (cx < -margin || cy < -margin || cx >= pass->canvas->width + margin || cy >= pass->canvas->height + margin)
        continue;

      key = agencies[i] + 1;
      if (cx >= 0 && cy >= 0 && cx < pass->canvas->width && cy < pass->canvas->height)
        {
          guint8 *last = &pass->last[cy * pass->canvas->width + cx];

          if (*last == key)
            continue;
          *last = key;
        }
      stamp (pass->canvas, &pass->sprite, cx, cy,
             pass->fill[selected][agencies[i]], pass->rim[selected][agencies[i]]);
    }
}

static void
draw_dots (SlReadsLayer     *self,
           const SlMapFrame *frame,
           Canvas           *canvas,
           const SlMercatorRect *rect)
{
  DotPass pass = { self, frame, canvas };

  sprite_init (&pass.sprite, DOT_RADIUS * frame->scale);
  for (guint a = 0; a < 256; a++)
    {
      GdkRGBA color, rim;

      sl_reads_layer_get_agency_color (a, &color);
      rim = (GdkRGBA) { color.red * 0.55, color.green * 0.55, color.blue * 0.55, 1.0 };
      pass.fill[TRUE][a] = premultiply (&color, 0.9);
      pass.rim[TRUE][a] = premultiply (&rim, 1.0);
      pass.fill[FALSE][a] = premultiply (&color, 0.15);
      pass.rim[FALSE][a] = premultiply (&rim, 0.12);
    }
  pass.last = g_new0 (guint8, canvas->width * canvas->height);

  /* Faded reads first, so the selection is drawn on top of them. */
  pass.selected_pass = FALSE;
  if (self->selection != NULL)
    sl_read_set_foreach_range (self->reads, rect, draw_dot_range, &pass);
  memset (pass.last, 0, canvas->width * canvas->height);
  pass.selected_pass = TRUE;
  sl_read_set_foreach_range (self->reads, rect, draw_dot_range, &pass);

  g_free (pass.last);
  sprite_clear (&pass.sprite);
}

typedef struct
{
  SlReadsLayer     *self;
  const SlMapFrame *frame;
  double            bin;
  int               origin_x;    /* first bin column and row in view */
  int               origin_y;
  int               columns;
  int               rows;
  guint32          *total;
  guint32          *selected;
} BinPass;

static void
bin_range (guint    start,
           guint    end,
           gpointer user_data)
{
  BinPass *pass = user_data;
  const guint32 *xs = sl_read_set_get_x (pass->self->reads);
  const guint32 *ys = sl_read_set_get_y (pass->self->reads);
  const guint64 *bits = pass->self->selection ? sl_read_selection_get_bits (pass->self->selection) : NULL;
  double k = pass->frame->world / SL_MERCATOR_FIXED_SCALE / pass->bin;

  for (guint i = start; i < end; i++)
    {
      int bx = (int) floor (xs[i] * k) - pass->origin_x;
      int by = (int) floor (ys[i] * k) - pass->origin_y;

      if (bx < 0 || by < 0 || bx >= pass->columns || by >= pass->rows)
        continue;
      pass->total[by * pass->columns + bx]++;
      if (bits == NULL || sl_read_selection_bits_test (bits, i))
        pass->selected[by * pass->columns + bx]++;
    }
}

static void
paint_cells (const SlMapFrame *frame,
             Canvas           *canvas,
             double            cell,
             double            origin_x,
             double            origin_y,
             int               columns,
             int               rows,
             const guint32    *total,
             const guint32    *selected,
             int               stride)
{
  guint32 ramp[64];
  guint32 faded;
  guint32 max = 1;
  double log_max;
  /* Gaps only between big squares: between small ones they read as a mesh. */
  int gap = cell >= 8 * frame->scale ? (int) frame->scale : 0;
  GdkRGBA grey = { 0.45, 0.45, 0.5, 1.0 };

  for (int r = 0; r < rows; r++)
    for (int c = 0; c < columns; c++)
      max = MAX (max, selected[r * stride + c]);
  log_max = log1p (max);

  for (guint i = 0; i < G_N_ELEMENTS (ramp); i++)
    {
      GdkRGBA color;

      sl_reads_layer_get_density_color (i / (double) (G_N_ELEMENTS (ramp) - 1), &color);
      ramp[i] = premultiply (&color, 1.0);
    }
  faded = premultiply (&grey, 0.22);

  for (int r = 0; r < rows; r++)
    for (int c = 0; c < columns; c++)
      {
        guint32 t = total[r * stride + c], s = selected[r * stride + c];
        int x0, y0, x1, y1;
        guint32 color;

        if (t == 0)
          continue;
        /* A single read still shows: the ramp starts at its palest. */
        color = s == 0 ? faded : ramp[(int) lround (log1p (s) / log_max * (G_N_ELEMENTS (ramp) - 1))];
        x0 = (int) floor ((origin_x + c) * cell - frame->left);
        y0 = (int) floor ((origin_y + r) * cell - frame->top);
        x1 = (int) floor ((origin_x + c + 1) * cell - frame->left) - gap;
        y1 = (int) floor ((origin_y + r + 1) * cell - frame->top) - gap;
        fill_rect (canvas, x0, y0, MAX (x1, x0 + 1), MAX (y1, y0 + 1), color);
      }
}

static void
draw_density (SlReadsLayer         *self,
              const SlMapFrame     *frame,
              Canvas               *canvas,
              const SlMercatorRect *rect)
{
  double ox, oy, cell0;
  guint size, level = 0;
  double bin = DENSITY_CELL * frame->scale;

  sl_read_set_get_grid (self->reads, &ox, &oy, &cell0, &size);

  /* The finest pyramid level whose cells are at least half a square. */
  while (level + 1 < sl_read_set_get_n_levels (self->reads) && cell0 * (1u << level) * frame->world < bin / 2)
    level++;

  if (cell0 * (1u << level) * frame->world < bin)
    {
      double cell = cell0 * (1u << level);
      guint here = size >> level;
      const guint32 *total = sl_read_set_get_level_counts (self->reads, level);
      const guint32 *selected = self->selection
                                  ? sl_read_selection_get_level_counts (self->selection, level) : total;
      int c0 = MAX (0, (int) floor ((rect->x0 - ox) / cell));
      int r0 = MAX (0, (int) floor ((rect->y0 - oy) / cell));
      int c1 = MIN ((int) here - 1, (int) floor ((rect->x1 - ox) / cell));
      int r1 = MIN ((int) here - 1, (int) floor ((rect->y1 - oy) / cell));

      if (c1 < c0 || r1 < r0)
        return;
      /* Cells are in world units here: paint_cells scales by world. */
      paint_cells (frame, canvas, cell * frame->world, (ox / cell) + c0, (oy / cell) + r0,
                   c1 - c0 + 1, r1 - r0 + 1,
                   total + r0 * here + c0, selected + r0 * here + c0, here);
    }
  else
    {
      BinPass pass = { self, frame, bin };
      g_autofree guint32 *total = NULL;
      g_autofree guint32 *selected = NULL;

      pass.origin_x = (int) floor (frame->left / bin);
      pass.origin_y = (int) floor (frame->top / bin);
      pass.columns = (int) ceil ((frame->left + canvas->width) / bin) - pass.origin_x + 1;
      pass.rows = (int) ceil ((frame->top + canvas->height) / bin) - pass.origin_y + 1;
      total = pass.total = g_new0 (guint32, pass.columns * pass.rows);
      selected = pass.selected = g_new0 (guint32, pass.columns * pass.rows);
      sl_read_set_foreach_range (self->reads, rect, bin_range, &pass);
      paint_cells (frame, canvas, bin, pass.origin_x, pass.origin_y, pass.columns, pass.rows,
                   total, selected, pass.columns);
    }
}

/* Draws the reads in @frame into @canvas, zeroed, of the frame's device
 * size; chooses the mode that sl_reads_layer_get_mode() reports. */
static void
render_canvas (SlReadsLayer     *self,
               const SlMapFrame *frame,
               Canvas           *canvas)
{
  SlMercatorRect rect;

  self->mode = SL_READS_LAYER_MODE_EMPTY;
  if (self->reads != NULL && sl_read_set_get_n_reads (self->reads) > 0)
    {
      sl_map_frame_get_rect (frame, DOT_RADIUS * 2 * frame->scale, &rect);
      if (sl_read_set_count_in_rect (self->reads, &rect) <= DOT_LIMIT)
        {
          self->mode = SL_READS_LAYER_MODE_DOTS;
          draw_dots (self, frame, canvas, &rect);
        }
      else
        {
          self->mode = SL_READS_LAYER_MODE_DENSITY;
          draw_density (self, frame, canvas, &rect);
        }
    }
}

/**
 * sl_reads_layer_render:
 *
 * Draws the reads in @frame into a new texture of the frame's device size.
 * Also chooses the mode that sl_reads_layer_get_mode() reports.
 */
GdkTexture *
sl_reads_layer_render (SlReadsLayer     *self,
                       const SlMapFrame *frame)
{
  Canvas canvas;
  g_autoptr(GBytes) bytes = NULL;
  gsize n_bytes;

  canvas.width = MAX (1, (int) (frame->width * frame->scale));
  canvas.height = MAX (1, (int) (frame->height * frame->scale));
  n_bytes = (gsize) canvas.width * canvas.height * 4;
  canvas.pixels = g_malloc0 (n_bytes);
  render_canvas (self, frame, &canvas);

  bytes = g_bytes_new_take (canvas.pixels, n_bytes);
  return gdk_memory_texture_new (canvas.width, canvas.height,
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
                                 GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
#else
                                 GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
#endif
                                 bytes, canvas.width * 4);
}

/* The same pixels in a cairo image surface (premultiplied native-endian
 * ARGB words, as the canvas), for the cairo renderer. */
static cairo_surface_t *
render_surface (SlReadsLayer     *self,
                const SlMapFrame *frame)
{
  int width = MAX (1, (int) (frame->width * frame->scale));
  int height = MAX (1, (int) (frame->height * frame->scale));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  Canvas canvas = { (guint32 *) cairo_image_surface_get_data (surface), width, height };

  /* ARGB32 rows are whole words: the stride is the canvas's. */
  g_assert (cairo_image_surface_get_stride (surface) == width * 4);
  cairo_surface_flush (surface);
  render_canvas (self, frame, &canvas);
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
sl_reads_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SlReadsLayer *self = SL_READS_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  SlMapFrame frame;

  if (self->reads == NULL || width <= 0 || height <= 0)
    return;

  sl_map_frame_init (&frame, viewport, width, height, gtk_widget_get_scale_factor (widget));
  if (sl_map_layer_draws_with_cairo (widget))
    {
      cairo_surface_t *surface = render_surface (self, &frame);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      sl_map_layer_paint_surface (cr, surface, &bounds);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  else
    {
      g_autoptr(GdkTexture) texture = sl_reads_layer_render (self, &frame);

      gtk_snapshot_append_texture (snapshot, texture, &bounds);
    }
}

static void
sl_reads_layer_constructed (GObject *object)
{
  SlReadsLayer *self = SL_READS_LAYER (object);

  G_OBJECT_CLASS (sl_reads_layer_parent_class)->constructed (object);

  sl_map_layer_follow_viewport (SHUMATE_LAYER (self));
}

static void
sl_reads_layer_finalize (GObject *object)
{
  SlReadsLayer *self = SL_READS_LAYER (object);

  g_clear_pointer (&self->reads, sl_read_set_unref);
  g_clear_pointer (&self->selection, sl_read_selection_unref);

  G_OBJECT_CLASS (sl_reads_layer_parent_class)->finalize (object);
}

static void
sl_reads_layer_class_init (SlReadsLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_reads_layer_constructed;
  object_class->finalize = sl_reads_layer_finalize;
  widget_class->snapshot = sl_reads_layer_snapshot;
}

static void
sl_reads_layer_init (SlReadsLayer *self)
{
  /* Clicks go to the map, which hit-tests through sl_reads_layer_hit_test(). */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

SlReadsLayer *
sl_reads_layer_new (ShumateViewport *viewport)
{
  return g_object_new (SL_TYPE_READS_LAYER,
                       "viewport", viewport,
                       NULL);
}

/**
 * sl_reads_layer_set_reads:
 * @reads: (nullable): a sealed read set
 *
 * Also drops the selection, which belonged to the previous set.
 */
void
sl_reads_layer_set_reads (SlReadsLayer *self,
                          SlReadSet    *reads)
{
  g_return_if_fail (SL_IS_READS_LAYER (self));
  g_return_if_fail (reads == NULL || sl_read_set_is_sealed (reads));

  g_clear_pointer (&self->selection, sl_read_selection_unref);
  g_clear_pointer (&self->reads, sl_read_set_unref);
  if (reads != NULL)
    self->reads = sl_read_set_ref (reads);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SlReadSet *
sl_reads_layer_get_reads (SlReadsLayer *self)
{
  g_return_val_if_fail (SL_IS_READS_LAYER (self), NULL);

  return self->reads;
}

/**
 * sl_reads_layer_set_selection:
 * @selection: (nullable): reads to draw bright, or %NULL for all of them
 */
void
sl_reads_layer_set_selection (SlReadsLayer    *self,
                              SlReadSelection *selection)
{
  g_return_if_fail (SL_IS_READS_LAYER (self));
  g_return_if_fail (selection == NULL || sl_read_selection_get_set (selection) == self->reads);

  if (selection != NULL)
    sl_read_selection_ref (selection);
  g_clear_pointer (&self->selection, sl_read_selection_unref);
  self->selection = selection;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sl_reads_layer_get_n_selected:
 *
 * Returns: how many reads are drawn bright (all of them without a
 * selection)
 */
guint
sl_reads_layer_get_n_selected (SlReadsLayer *self)
{
  g_return_val_if_fail (SL_IS_READS_LAYER (self), 0);

  if (self->reads == NULL)
    return 0;
  if (self->selection == NULL)
    return sl_read_set_get_n_reads (self->reads);
  return sl_read_selection_get_n_selected (self->selection);
}

SlReadsLayerMode
sl_reads_layer_get_mode (SlReadsLayer *self)
{
  g_return_val_if_fail (SL_IS_READS_LAYER (self), SL_READS_LAYER_MODE_EMPTY);

  return self->mode;
}

/**
 * sl_reads_layer_hit_test:
 * @x, @y: widget coordinates
 * @index: (out): sorted index of the nearest read within 6 pixels
 */
gboolean
sl_reads_layer_hit_test (SlReadsLayer *self,
                         double        x,
                         double        y,
                         guint        *index)
{
  SlMapFrame frame;

  g_return_val_if_fail (SL_IS_READS_LAYER (self), FALSE);

  if (self->reads == NULL)
    return FALSE;

  sl_map_frame_init (&frame, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                     gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), 1);
  return sl_read_set_hit_test (self->reads,
                               (frame.left + x) / frame.world, (frame.top + y) / frame.world,
                               HIT_RADIUS / frame.world, index);
}
