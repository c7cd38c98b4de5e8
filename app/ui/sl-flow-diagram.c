/* sl-flow-diagram.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-flow-diagram"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sl-export.h"
#include "sl-flow-diagram-private.h"

/* Owners of the vehicle's reads (left) → pools and re-sharers (middle) →
 * recipients (right), grouped by kind. Each group shows its busiest
 * recipients and folds the long tail into one box ("412 more municipal
 * agencies") that unfolds a page at a time on click, so thousands of
 * agencies stay readable; past MANY_RECIPIENTS each group starts with
 * fewer boxes. */

#define MARGIN        12.0
#define BOX_HEIGHT    28.0
#define BOX_GAP        6.0
#define HEADING       22.0
#define MAX_LINK      16.0
#define DEFAULT_MAX_PER_GROUP 6
#define FEW_PER_GROUP         3
#define MANY_RECIPIENTS       100
#define BOXES_PER_PAGE        30

typedef enum
{
  COLUMN_OWNER,
  COLUMN_VIA,
  COLUMN_RECIPIENT,
  N_COLUMNS
} Column;

typedef struct
{
  Column         column;
  /* G_MAXUINT for a folded tail. */
  guint          node;
  SlViewerGroup  group;
  guint          n_hidden;
  guint          n_reads;
  gboolean       immigration;
  char          *label;
  const char    *collate_key;
  double         x, y, width;
} Box;

typedef struct
{
  guint     from;
  guint     to;
  guint     n_reads;
} Link;

typedef struct
{
  SlViewerGroup  group;
  double         y;
} Heading;

struct _SlFlowDiagram
{
  GtkWidget  parent_instance;

  SlWhatIf  *what_if;
  guint      max_per_group;
  /* Boxes unfolded beyond each group's first ones. */
  guint      unfolded[SL_N_VIEWER_GROUPS];

  GArray    *boxes;
  GArray    *links;
  GArray    *headings;
  double     layout_width;
  double     box_width;
  double     column_x[N_COLUMNS];
  double     height;
  guint      max_link;
  guint      focus;
  /* The session changed while the diagram was not shown: the boxes are
   * rebuilt when it is, or when asked about (at 5,000 agencies the flows
   * cost more than the exposure pane, for a page most selections never
   * open). */
  gboolean   stale;
};

G_DEFINE_FINAL_TYPE (SlFlowDiagram, sl_flow_diagram, GTK_TYPE_WIDGET)

enum
{
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ensure_model (SlFlowDiagram *self);

static void
box_clear (Box *box)
{
  g_clear_pointer (&box->label, g_free);
}

static guint64
pair_key (guint a,
          guint b)
{
  return ((guint64) a << 32) | b;
}

static guint
add_box (SlFlowDiagram *self,
         GHashTable    *index,
         Column         column,
         guint          node)
{
  guint64 key = pair_key (column, node);
  gpointer found = g_hash_table_lookup (index, &key);
  SlSharingNetwork *network = sl_what_if_get_network (self->what_if);
  Box box = { column, node, SL_VIEWER_GROUP_OTHER, 0, 0, FALSE, NULL, NULL, 0, 0, 0 };

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  box.group = sl_what_if_get_group (self->what_if, node);
  box.immigration = box.group == SL_VIEWER_GROUP_IMMIGRATION;
  box.label = g_strdup (sl_sharing_network_get_node (network, node)->name);
  g_array_append_val (self->boxes, box);
  g_hash_table_insert (index, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (self->boxes->len));
  return self->boxes->len - 1;
}

static int
compare_recipients (gconstpointer a,
                    gconstpointer b)
{
  const Box *x = a;
  const Box *y = b;

  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  if (x->n_reads != y->n_reads)
    return x->n_reads > y->n_reads ? -1 : 1;
  return strcmp (x->collate_key, y->collate_key);
}

/* The folded tail of @group: "412 more municipal agencies". */
static char *
fold_label (SlViewerGroup group,
            guint         n)
{
  g_autofree char *count = g_strdup_printf ("%'u", n);

  switch (group)
    {
    case SL_VIEWER_GROUP_IMMIGRATION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more federal immigration agency",
                                           "%s more federal immigration agencies", n), count);
    case SL_VIEWER_GROUP_FEDERAL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more federal agency",
                                           "%s more federal agencies", n), count);
    case SL_VIEWER_GROUP_FUSION_CENTER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more fusion centre",
                                           "%s more fusion centres", n), count);
    case SL_VIEWER_GROUP_STATE_POLICE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more state police agency",
                                           "%s more state police agencies", n), count);
    case SL_VIEWER_GROUP_SHERIFF:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more sheriff’s office",
                                           "%s more sheriffs’ offices", n), count);
    case SL_VIEWER_GROUP_MUNICIPAL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more municipal agency",
                                           "%s more municipal agencies", n), count);
    case SL_VIEWER_GROUP_UNIVERSITY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more university police agency",
                                           "%s more university police", n), count);
    case SL_VIEWER_GROUP_PROSECUTOR:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more prosecutor’s office",
                                           "%s more prosecutors’ offices", n), count);
    case SL_VIEWER_GROUP_PRIVATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more private agency",
                                           "%s more private agencies", n), count);
    case SL_VIEWER_GROUP_UNLISTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more group of unlisted pool members",
                                           "%s more groups of unlisted pool members", n), count);
    case SL_VIEWER_GROUP_OTHER:
    case SL_N_VIEWER_GROUPS:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more agency",
                                           "%s more agencies", n), count);
    }
}

/* Adds @n to the link from → to, keeping the largest per recipient: a read
 * reaching a folded group counts once, however many members see it. */
static void
add_link (GHashTable *links,
          guint       from,
          guint       to,
          guint       n)
{
  guint64 key = pair_key (from, to);
  guint old = GPOINTER_TO_UINT (g_hash_table_lookup (links, &key));

  if (n > old)
    g_hash_table_insert (links, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (n));
}

static void
rebuild_model (SlFlowDiagram *self)
{
  g_autoptr(GArray) flows = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GHashTable) via_in = NULL;
  g_autoptr(GHashTable) to_recipient = NULL;
  g_autoptr(GHashTable) links = NULL;
  g_autoptr(GArray) recipients = NULL;
  g_autofree guint *box_of = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_nodes, first_boxes;

  g_array_set_size (self->boxes, 0);
  g_array_set_size (self->links, 0);
  self->max_link = 1;
  self->focus = G_MAXUINT;
  if (self->what_if == NULL)
    return;

  flows = sl_what_if_dup_flows (self->what_if);
  n_nodes = sl_sharing_network_get_n_nodes (sl_what_if_get_network (self->what_if));
  index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  via_in = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  to_recipient = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  links = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* Owners and hops first; each hop's inflow is the most reads it passes
   * from an owner to any one recipient. */
  for (guint i = 0; i < flows->len; i++)
    {
      SlFlow *flow = &g_array_index (flows, SlFlow, i);
      guint owner = add_box (self, index, COLUMN_OWNER, flow->owner);

      g_array_index (self->boxes, Box, owner).n_reads = sl_what_if_count_owned (self->what_if, flow->owner);
      if (flow->via != G_MAXUINT)
        {
          guint via = add_box (self, index, COLUMN_VIA, flow->via);

          add_link (via_in, owner, via, flow->n_reads);
        }
    }

  /* Recipients, busiest first within each group. */
  recipients = g_array_new (FALSE, TRUE, sizeof (Box));
  {
    g_autofree gboolean *seen = g_new0 (gboolean, n_nodes);

    for (guint i = 0; i < flows->len; i++)
      {
        SlFlow *flow = &g_array_index (flows, SlFlow, i);
        const SlExposure *exposure = sl_what_if_find_exposure (self->what_if, flow->recipient);
        Box box = { COLUMN_RECIPIENT, flow->recipient, 0, 0, 0, FALSE, NULL, NULL, 0, 0, 0 };

        if (seen[flow->recipient])
          continue;
        seen[flow->recipient] = TRUE;
        box.group = sl_what_if_get_group (self->what_if, flow->recipient);
        box.immigration = box.group == SL_VIEWER_GROUP_IMMIGRATION;
        box.n_reads = exposure != NULL ? exposure->n_reads : 0;
        box.label = g_strdup (sl_sharing_network_get_node (sl_what_if_get_network (self->what_if),
                                                          flow->recipient)->name);
        box.collate_key = sl_what_if_get_collate_key (self->what_if, flow->recipient);
        g_array_append_val (recipients, box);
      }
  }
  g_array_sort (recipients, compare_recipients);
  first_boxes = recipients->len > MANY_RECIPIENTS ? MIN (self->max_per_group, FEW_PER_GROUP)
                                                  : self->max_per_group;

  box_of = g_new (guint, n_nodes);
  for (guint i = 0; i < recipients->len;)
    {
      SlViewerGroup group = g_array_index (recipients, Box, i).group;
      guint end = i, shown = 0;

      while (end < recipients->len && g_array_index (recipients, Box, end).group == group)
        end++;

      for (; i < end; i++)
        {
          Box *box = &g_array_index (recipients, Box, i);

          /* Folding a single agency would save nothing. */
          if (shown < first_boxes + self->unfolded[group] || end - i == 1)
            {
              g_array_append_val (self->boxes, *box);
              box->label = NULL;
              box_of[box->node] = self->boxes->len - 1;
              shown++;
            }
          else
            {
              Box tail = { COLUMN_RECIPIENT, G_MAXUINT, group, end - i, box->n_reads,
                           group == SL_VIEWER_GROUP_IMMIGRATION, NULL, NULL, 0, 0, 0 };

              tail.label = fold_label (group, end - i);
              g_array_append_val (self->boxes, tail);
              for (; i < end; i++)
                box_of[g_array_index (recipients, Box, i).node] = self->boxes->len - 1;
              break;
            }
        }
    }
  for (guint i = 0; i < recipients->len; i++)
    g_free (g_array_index (recipients, Box, i).label);

  /* Into recipients: summed over owners per recipient, then the largest
   * recipient of a folded box. */
  for (guint i = 0; i < flows->len; i++)
    {
      SlFlow *flow = &g_array_index (flows, SlFlow, i);
      guint64 pair_from;
      guint from;
      guint64 k;

      pair_from = flow->via != G_MAXUINT ? pair_key (COLUMN_VIA, flow->via) : pair_key (COLUMN_OWNER, flow->owner);
      from = GPOINTER_TO_UINT (g_hash_table_lookup (index, &pair_from)) - 1;
      k = pair_key (from, flow->recipient);
      g_hash_table_insert (to_recipient, g_memdup2 (&k, sizeof k),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (to_recipient, &k)) +
                                             flow->n_reads));
    }
  g_hash_table_iter_init (&iter, to_recipient);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 k = *(guint64 *) key;

      add_link (links, (guint) (k >> 32), box_of[(guint) (k & 0xffffffff)], GPOINTER_TO_UINT (value));
    }
  g_hash_table_iter_init (&iter, via_in);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 k = *(guint64 *) key;

      add_link (links, (guint) (k >> 32), (guint) (k & 0xffffffff), GPOINTER_TO_UINT (value));
    }

  g_hash_table_iter_init (&iter, links);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 k = *(guint64 *) key;
      Link link = { (guint) (k >> 32), (guint) (k & 0xffffffff), GPOINTER_TO_UINT (value) };

      g_array_append_val (self->links, link);
      self->max_link = MAX (self->max_link, link.n_reads);
    }

  /* Hops weigh what owners pass them. */
  for (guint i = 0; i < self->links->len; i++)
    {
      Link *link = &g_array_index (self->links, Link, i);
      Box *to = &g_array_index (self->boxes, Box, link->to);

      if (to->column == COLUMN_VIA)
        to->n_reads += link->n_reads;
    }
}

static double
column_height (SlFlowDiagram *self,
               Column         column)
{
  double height = 0;
  int last_group = -1;

  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);

      if (box->column != column)
        continue;
      if (column == COLUMN_RECIPIENT && (int) box->group != last_group)
        {
          height += HEADING;
          last_group = box->group;
        }
      height += BOX_HEIGHT + BOX_GAP;
    }
  return height;
}

/* Places the boxes for @width: three columns, each centred on the tallest. */
static void
layout (SlFlowDiagram *self,
        double         width)
{
  double heights[N_COLUMNS];
  double tallest = 0;
  double box_width = CLAMP ((width - 2 * MARGIN) * 0.29, 110, 300);
  double ys[N_COLUMNS];
  int last_group = -1;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      heights[c] = column_height (self, c);
      tallest = MAX (tallest, heights[c]);
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    ys[c] = MARGIN + HEADING + (tallest - heights[c]) / 2;

  self->box_width = box_width;
  self->column_x[COLUMN_OWNER] = MARGIN;
  self->column_x[COLUMN_VIA] = (width - box_width) / 2;
  self->column_x[COLUMN_RECIPIENT] = width - MARGIN - box_width;

  g_array_set_size (self->headings, 0);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);

      if (box->column == COLUMN_RECIPIENT && (int) box->group != last_group)
        {
          Heading heading = { box->group, ys[COLUMN_RECIPIENT] };

          g_array_append_val (self->headings, heading);
          ys[COLUMN_RECIPIENT] += HEADING;
          last_group = box->group;
        }
      box->x = self->column_x[box->column];
      box->y = ys[box->column];
      box->width = box_width;
      ys[box->column] += BOX_HEIGHT + BOX_GAP;
    }

  self->layout_width = width;
  self->height = MARGIN * 2 + HEADING + MAX (tallest, BOX_HEIGHT);
}

/* After the model changed: positions are right at once, for hit tests
 * before the next allocation. */
static void
relayout (SlFlowDiagram *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  layout (self, width > 0 ? width : 900);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
show_text (cairo_t                    *cr,
           PangoLayout                *layout,
           const char                 *text,
           double                      x,
           double                      y,
           double                      width,
           PangoAlignment              alignment)
{
  int text_height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  cairo_move_to (cr, x, y - text_height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* The whole picture as layout() placed it, on screen and in exports: a
 * fixed light palette so an exported diagram looks the same in a report as
 * in the app. */
static void
draw (SlFlowDiagram *self,
      cairo_t       *cr,
      gboolean       focused)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  g_autoptr(PangoFontDescription) bold = pango_font_description_copy (font);
  const char *titles[N_COLUMNS] = {
    _("Owners of the reads"), _("Pools and re-sharers"), _("Recipients")
  };
  double box_width = self->box_width;
  double *xs = self->column_x;

  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  pango_layout_set_font_description (layout, bold);
  cairo_set_source_rgb (cr, 0.37, 0.36, 0.39);
  for (guint c = 0; c < N_COLUMNS; c++)
    show_text (cr, layout, titles[c], xs[c], MARGIN + HEADING / 2, box_width, PANGO_ALIGN_LEFT);

  /* Links under the boxes, as wide as the reads they carry. */
  for (guint i = 0; i < self->links->len; i++)
    {
      Link *link = &g_array_index (self->links, Link, i);
      Box *from = &g_array_index (self->boxes, Box, link->from);
      Box *to = &g_array_index (self->boxes, Box, link->to);
      double x0 = from->x + from->width, y0 = from->y + BOX_HEIGHT / 2;
      double x1 = to->x, y1 = to->y + BOX_HEIGHT / 2;
      double mid = (x0 + x1) / 2;

      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, mid, y0, mid, y1, x1, y1);
      cairo_set_line_width (cr, 1.5 + MAX_LINK * link->n_reads / self->max_link);
      if (to->immigration)
        cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.55);
      else
        cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.30);
      cairo_stroke (cr);
    }

  pango_layout_set_font_description (layout, bold);
  for (guint i = 0; i < self->headings->len; i++)
    {
      Heading *heading = &g_array_index (self->headings, Heading, i);

      if (heading->group == SL_VIEWER_GROUP_IMMIGRATION)
        cairo_set_source_rgb (cr, 0.78, 0.30, 0.0);
      else
        cairo_set_source_rgb (cr, 0.37, 0.36, 0.39);
      show_text (cr, layout, sl_viewer_group_to_title (heading->group), xs[COLUMN_RECIPIENT],
                 heading->y + HEADING / 2, box_width, PANGO_ALIGN_LEFT);
    }

  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);
      g_autofree char *count = g_strdup_printf ("%u", box->n_reads);
      double fill[3] = { 0.96, 0.96, 0.96 }, line[3] = { 0.60, 0.60, 0.59 };

      if (box->immigration)
        {
          fill[0] = 1.0; fill[1] = 0.87; fill[2] = 0.74;
          line[0] = 0.90; line[1] = 0.38; line[2] = 0.0;
        }
      else if (box->column == COLUMN_OWNER)
        {
          fill[0] = 0.86; fill[1] = 0.91; fill[2] = 0.98;
          line[0] = 0.21; line[1] = 0.52; line[2] = 0.89;
        }
      else if (box->column == COLUMN_VIA)
        {
          fill[0] = 0.92; fill[1] = 0.87; fill[2] = 0.97;
          line[0] = 0.57; line[1] = 0.25; line[2] = 0.67;
        }

      rounded_rectangle (cr, box->x, box->y, box->width, BOX_HEIGHT, 5);
      cairo_set_source_rgb (cr, fill[0], fill[1], fill[2]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, line[0], line[1], line[2]);
      cairo_set_line_width (cr, box->immigration ? 2 : 1);
      if (box->node == G_MAXUINT)
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      if (focused && i == self->focus)
        {
          rounded_rectangle (cr, box->x - 3, box->y - 3, box->width + 6, BOX_HEIGHT + 6, 7);
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }

      pango_layout_set_font_description (layout, box->immigration ? bold : font);
      cairo_set_source_rgb (cr, 0.14, 0.12, 0.19);
      show_text (cr, layout, box->label, box->x + 8, box->y + BOX_HEIGHT / 2, box->width - 48, PANGO_ALIGN_LEFT);
      pango_layout_set_font_description (layout, font);
      cairo_set_source_rgb (cr, 0.37, 0.36, 0.39);
      show_text (cr, layout, count, box->x + box->width - 40, box->y + BOX_HEIGHT / 2, 34, PANGO_ALIGN_RIGHT);
    }

  g_object_unref (layout);
}

static void
sl_flow_diagram_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);
  double width = gtk_widget_get_width (widget);
  cairo_t *cr;

  if (width != self->layout_width)
    layout (self, width);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, gtk_widget_get_height (widget)));
  draw (self, cr, gtk_widget_has_focus (widget));
  cairo_destroy (cr);
}

static void
sl_flow_diagram_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 3 * 110 + 2 * MARGIN + 80;
      *natural = 900;
    }
  else
    {
      layout (self, for_size > 0 ? for_size : 900);
      *minimum = *natural = (int) ceil (self->height);
    }
}

static void
sl_flow_diagram_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  layout (SL_FLOW_DIAGRAM (widget), width);
}

guint
sl_flow_diagram_node_at (SlFlowDiagram *self,
                         double         x,
                         double         y)
{
  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), G_MAXUINT);

  ensure_model (self);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);

      if (box->node != G_MAXUINT && x >= box->x && x < box->x + box->width &&
          y >= box->y && y < box->y + BOX_HEIGHT)
        return box->node;
    }
  return G_MAXUINT;
}

static guint
box_at (SlFlowDiagram *self,
        double         x,
        double         y)
{
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);

      if (x >= box->x && x < box->x + box->width && y >= box->y && y < box->y + BOX_HEIGHT)
        return i;
    }
  return G_MAXUINT;
}

/**
 * sl_flow_diagram_get_node_position:
 *
 * Returns: whether @node has a box of its own; if so, its centre
 *   (the recipient box when it is both a hop and a recipient)
 */
gboolean
sl_flow_diagram_get_node_position (SlFlowDiagram *self,
                                   guint          node,
                                   double        *x,
                                   double        *y)
{
  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), FALSE);

  ensure_model (self);
  for (guint i = self->boxes->len; i > 0; i--)
    {
      Box *box = &g_array_index (self->boxes, Box, i - 1);

      if (box->node == node)
        {
          *x = box->x + box->width / 2;
          *y = box->y + BOX_HEIGHT / 2;
          return TRUE;
        }
    }
  return FALSE;
}

static void
activate_box (SlFlowDiagram *self,
              guint          index)
{
  Box *box = &g_array_index (self->boxes, Box, index);

  self->focus = index;
  if (box->node == G_MAXUINT)
    {
      /* A folded tail unfolds a page; the group keeps it for the session. */
      self->unfolded[box->group] += BOXES_PER_PAGE;
      rebuild_model (self);
      relayout (self);
      return;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[NODE_ACTIVATED], 0, box->node);
}

/**
 * sl_flow_diagram_activate_at:
 *
 * What a click at (@x, @y) does: emits #SlFlowDiagram::node-activated for
 * an agency or pool, unfolds a folded tail.
 */
void
sl_flow_diagram_activate_at (SlFlowDiagram *self,
                             double         x,
                             double         y)
{
  guint index;

  g_return_if_fail (SL_IS_FLOW_DIAGRAM (self));

  ensure_model (self);
  if ((index = box_at (self, x, y)) != G_MAXUINT)
    activate_box (self, index);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             SlFlowDiagram   *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  sl_flow_diagram_activate_at (self, x, y);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SlFlowDiagram         *self)
{
  guint n = self->boxes->len;

  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_Right:
      self->focus = self->focus >= n - 1 ? 0 : self->focus + 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_Left:
      self->focus = self->focus == 0 || self->focus >= n ? n - 1 : self->focus - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->focus < n)
        activate_box (self, self->focus);
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
on_query_tooltip (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  SlFlowDiagram *self)
{
  guint index = box_at (self, x, y);
  Box *box;
  g_autofree char *text = NULL;

  if (index == G_MAXUINT)
    return FALSE;
  box = &g_array_index (self->boxes, Box, index);
  if (box->node == G_MAXUINT)
    text = g_strdup_printf (_("%s — click to show more"), box->label);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u read", "%s: %u reads", box->n_reads),
                            box->label, box->n_reads);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_changed (SlFlowDiagram *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }
  self->stale = FALSE;
  rebuild_model (self);
  relayout (self);
}

static void
ensure_model (SlFlowDiagram *self)
{
  if (!self->stale)
    return;
  self->stale = FALSE;
  rebuild_model (self);
  relayout (self);
}

static void
sl_flow_diagram_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sl_flow_diagram_parent_class)->map (widget);
  ensure_model (SL_FLOW_DIAGRAM (widget));
}

static void
sl_flow_diagram_dispose (GObject *object)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (object);

  if (self->what_if != NULL)
    g_signal_handlers_disconnect_by_data (self->what_if, self);
  g_clear_object (&self->what_if);

  G_OBJECT_CLASS (sl_flow_diagram_parent_class)->dispose (object);
}

static void
sl_flow_diagram_finalize (GObject *object)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (object);

  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->headings, g_array_unref);

  G_OBJECT_CLASS (sl_flow_diagram_parent_class)->finalize (object);
}

static void
sl_flow_diagram_class_init (SlFlowDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_flow_diagram_dispose;
  object_class->finalize = sl_flow_diagram_finalize;
  widget_class->snapshot = sl_flow_diagram_snapshot;
  widget_class->measure = sl_flow_diagram_measure;
  widget_class->size_allocate = sl_flow_diagram_size_allocate;
  widget_class->map = sl_flow_diagram_map;

  /**
   * SlFlowDiagram::node-activated:
   * @node: the agency or pool's node in the session's network
   *
   * The user clicked a box or pressed Enter on it.
   */
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "flowdiagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sl_flow_diagram_init (SlFlowDiagram *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->boxes = g_array_new (FALSE, TRUE, sizeof (Box));
  g_array_set_clear_func (self->boxes, (GDestroyNotify) box_clear);
  self->links = g_array_new (FALSE, FALSE, sizeof (Link));
  self->headings = g_array_new (FALSE, FALSE, sizeof (Heading));
  self->max_per_group = DEFAULT_MAX_PER_GROUP;
  self->focus = G_MAXUINT;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
sl_flow_diagram_new (void)
{
  return g_object_new (SL_TYPE_FLOW_DIAGRAM, NULL);
}

/**
 * sl_flow_diagram_set_what_if:
 * @what_if: (nullable): the session of the selected vehicle
 *
 * Draws the session's flows and follows its changes.
 */
void
sl_flow_diagram_set_what_if (SlFlowDiagram *self,
                             SlWhatIf      *what_if)
{
  g_return_if_fail (SL_IS_FLOW_DIAGRAM (self));
  g_return_if_fail (what_if == NULL || SL_IS_WHAT_IF (what_if));

  if (self->what_if != NULL)
    g_signal_handlers_disconnect_by_data (self->what_if, self);
  g_set_object (&self->what_if, what_if);
  memset (self->unfolded, 0, sizeof self->unfolded);
  if (what_if != NULL)
    g_signal_connect_swapped (what_if, "changed", G_CALLBACK (on_changed), self);
  on_changed (self);
}

SlWhatIf *
sl_flow_diagram_get_what_if (SlFlowDiagram *self)
{
  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), NULL);
  return self->what_if;
}

/**
 * sl_flow_diagram_set_max_per_group:
 *
 * How many recipients of one kind show before the rest fold into one box.
 */
void
sl_flow_diagram_set_max_per_group (SlFlowDiagram *self,
                                   guint          max_per_group)
{
  g_return_if_fail (SL_IS_FLOW_DIAGRAM (self));

  self->max_per_group = MAX (max_per_group, 1);
  on_changed (self);
}

/**
 * sl_flow_diagram_export:
 *
 * Writes the diagram to @file as PNG, SVG or PDF, laid out at least 900
 * pixels wide (wider when the widget is) so that names cut short in a
 * narrow pane are whole in a publication.
 */
gboolean
sl_flow_diagram_export (SlFlowDiagram        *self,
                        GFile                *file,
                        SlFlowDiagramFormat   format,
                        GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  double width;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* The same formats in the same order as every exported picture. */
  G_STATIC_ASSERT ((int) SL_FLOW_DIAGRAM_FORMAT_PNG == (int) SL_IMAGE_FORMAT_PNG);
  G_STATIC_ASSERT ((int) SL_FLOW_DIAGRAM_FORMAT_SVG == (int) SL_IMAGE_FORMAT_SVG);
  G_STATIC_ASSERT ((int) SL_FLOW_DIAGRAM_FORMAT_PDF == (int) SL_IMAGE_FORMAT_PDF);

  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  ensure_model (self);
  width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 900);
  layout (self, width);

  surface = sl_export_surface_new ((SlImageFormat) format, bytes, width, ceil (self->height));
  cr = cairo_create (surface);
  draw (self, cr, FALSE);
  cairo_destroy (cr);
  /* Back to the widget's own layout: clicks hit-test against it. */
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    layout (self, gtk_widget_get_width (GTK_WIDGET (self)));
  return sl_export_surface_save (surface, (SlImageFormat) format, bytes, file, error);
}

guint
sl_flow_diagram_get_n_boxes (SlFlowDiagram *self)
{
  ensure_model (self);
  return self->boxes->len;
}

const char *
sl_flow_diagram_get_fold_label (SlFlowDiagram *self,
                                SlViewerGroup  group)
{
  ensure_model (self);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);

      if (box->node == G_MAXUINT && box->group == group)
        return box->label;
    }
  return NULL;
}
