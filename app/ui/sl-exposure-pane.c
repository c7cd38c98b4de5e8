/* sl-exposure-pane.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-exposure-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-exposure-pane-private.h"

enum
{
  RESPONSE_UNDO = 1,
  RESPONSE_REDO,
};

/* One agency's row. */

#define SL_TYPE_EXPOSURE_ROW (sl_exposure_row_get_type ())

G_DECLARE_FINAL_TYPE (SlExposureRow, sl_exposure_row, SL, EXPOSURE_ROW, GtkListBoxRow)

struct _SlExposureRow
{
  GtkListBoxRow  parent_instance;

  /* G_MAXUINT for the row that shows a group's folded rest. */
  guint          node;
  guint          n_reads;
  char          *name;
  SlViewerGroup  group;
  /* The owner whose box the row's button unticks; with stop_pool, the
   * owner that stops sharing with that pool. */
  gint64         untick_owner;
  gint64         stop_pool;
  gint64         agency_id;

  GtkLabel      *name_label;
  GtkLabel      *reads_label;
  GtkLabel      *how_label;
  GtkLevelBar   *bar;
  GtkButton     *untick_button;
};

G_DEFINE_FINAL_TYPE (SlExposureRow, sl_exposure_row, GTK_TYPE_LIST_BOX_ROW)

static void
sl_exposure_row_finalize (GObject *object)
{
  SlExposureRow *self = SL_EXPOSURE_ROW (object);

  g_free (self->name);
  G_OBJECT_CLASS (sl_exposure_row_parent_class)->finalize (object);
}

static void
sl_exposure_row_class_init (SlExposureRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_exposure_row_finalize;
}

static void
sl_exposure_row_init (SlExposureRow *self)
{
}

struct _SlExposurePane
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkInfoBar     *banner;
  GtkLabel       *banner_label;
  GtkSearchEntry *search_entry;
  GtkDropDown    *sort_dropdown;
  GtkWidget      *compare_button;
  GtkLabel       *heading;
  GtkListBox     *list;

  SlWhatIf       *what_if;
  char           *plate;
  SlExposureSort  sort;
  guint           selected_node;
  gboolean        rebuilding;
  /* Rows unfolded beyond each group's first ones. */
  guint           unfolded[SL_N_VIEWER_GROUPS];
  /* Agencies of each group that pass the filter. */
  guint           group_sizes[SL_N_VIEWER_GROUPS];
  /* FALSE when the window shows the difference in its own banner. */
  gboolean        show_banner;
};

/* A row is a dozen widgets, and a list of thousands of rows takes seconds
 * to build; each group shows its first rows (in the current order) and
 * folds the rest into one row that unfolds a page at a time. Past
 * MANY_AGENCIES agencies (a national pool) each group starts with three
 * rows, as the flow diagram, so a selection builds a few dozen rows
 * whatever the network. */
#define MAX_ROWS_PER_GROUP 30
#define FEW_ROWS_PER_GROUP 3
#define MANY_AGENCIES      100
#define ROWS_PER_PAGE      30

G_DEFINE_FINAL_TYPE (SlExposurePane, sl_exposure_pane, GTK_TYPE_WIDGET)

enum
{
  AGENCY_SELECTED,
  COMPARE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (time);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("?");
}

static char *
how_text (SlExposureHow  how,
          const char    *path)
{
  g_auto(GStrv) names = path != NULL ? g_strsplit (path, " → ", -1) : NULL;
  guint n = names != NULL ? g_strv_length (names) : 0;

  if (how == SL_EXPOSURE_OWN)
    return g_strdup (_("Its own reads"));
  /* Every shared path names the owner and the viewer. */
  g_return_val_if_fail (n >= 2, g_strdup (path));

  switch (how)
    {
    case SL_EXPOSURE_DIRECT:
      return g_strdup_printf (_("Shared directly by %s"), names[0]);
    case SL_EXPOSURE_POOL:
      return g_strdup_printf (_("Through the pool %s"), names[1]);
    case SL_EXPOSURE_RESHARER:
      return g_strdup_printf (_("Re-shared by %s"), names[n - 2]);
    case SL_EXPOSURE_OWN:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* What a row's button asked for, done from an idle: the rebuild it causes
 * destroys the button, which must not happen while it emits "clicked". */
typedef struct
{
  SlExposurePane *pane;
  gint64          owner;
  gint64          agency;
  gint64          pool;
  SlViewerGroup   unfold;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->pane);
  g_free (request);
}

static void rebuild (SlExposurePane *self);

static gboolean
run_request (gpointer data)
{
  Request *request = data;

  if (request->pane->what_if == NULL)
    return G_SOURCE_REMOVE;
  if (request->agency != 0)
    sl_what_if_untick (request->pane->what_if, request->owner, request->agency);
  else if (request->pool != 0)
    sl_what_if_stop_pool_sharing (request->pane->what_if, request->owner, request->pool, SL_TIME_MIN);
  else
    {
      request->pane->unfolded[request->unfold] += ROWS_PER_PAGE;
      rebuild (request->pane);
    }
  return G_SOURCE_REMOVE;
}

static void
post_request (GtkWidget     *row,
              gint64         owner,
              gint64         agency,
              gint64         pool,
              SlViewerGroup  unfold)
{
  Request *request = g_new0 (Request, 1);

  request->pane = g_object_ref (SL_EXPOSURE_PANE (gtk_widget_get_ancestor (row, SL_TYPE_EXPOSURE_PANE)));
  request->owner = owner;
  request->agency = agency;
  request->pool = pool;
  request->unfold = unfold;
  g_idle_add_full (G_PRIORITY_DEFAULT, run_request, request, (GDestroyNotify) request_free);
}

static void
on_untick_clicked (GtkButton     *button,
                   SlExposureRow *row)
{
  if (row->stop_pool != 0)
    post_request (GTK_WIDGET (row), row->untick_owner, 0, row->stop_pool, 0);
  else
    post_request (GTK_WIDGET (row), row->untick_owner, row->agency_id, 0, 0);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, sl_exposure_row_get_tooltip (widget));
  return TRUE;
}

/* gtk_widget_set_tooltip_text() asks the display where the pointer is (an
 * X round trip) for every call: four per row were a third of building the
 * pane. The text is given when the tooltip shows, and as the widget's
 * accessible description. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (text == NULL)
    return;
  g_object_set_data_full (G_OBJECT (widget), "sl-tooltip", g_strdup (text), g_free);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static GtkWidget *
create_row (SlExposurePane   *self,
            const SlExposure *exposure)
{
  SlSharingNetwork *network = sl_what_if_get_network (self->what_if);
  const SlSharingNode *info = sl_sharing_network_get_node (network, exposure->node);
  SlExposureRow *row = g_object_new (SL_TYPE_EXPOSURE_ROW, NULL);
  SlExposureHow how = sl_what_if_get_how (self->what_if, exposure);
  guint total = sl_what_if_get_n_reads (self->what_if);
  guint percent = total > 0 ? (exposure->n_reads * 100 + total / 2) / total : 0;
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *name_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dates;
  g_autofree char *reads = NULL;
  g_autofree char *how_label = NULL;
  g_autofree char *first = format_day (exposure->first);
  g_autofree char *last = NULL;
  g_autofree char *dates_text = NULL;
  g_autoptr(GArray) owners = NULL;

  row->node = exposure->node;
  row->n_reads = exposure->n_reads;
  row->name = g_strdup (info->name);
  row->group = sl_what_if_get_group (self->what_if, exposure->node);
  row->agency_id = info->kind == SL_SHARING_NODE_AGENCY ? info->id : 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);

  if (row->group == SL_VIEWER_GROUP_IMMIGRATION)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      set_tooltip (icon, _("Federal immigration agency"));
      gtk_widget_add_css_class (icon, "warning");
      gtk_box_append (GTK_BOX (name_box), icon);
      gtk_widget_add_css_class (GTK_WIDGET (row), "immigration");
    }

  row->name_label = GTK_LABEL (gtk_label_new (info->name));
  gtk_label_set_xalign (row->name_label, 0);
  gtk_label_set_ellipsize (row->name_label, PANGO_ELLIPSIZE_END);
  set_tooltip (GTK_WIDGET (row->name_label), info->name);
  gtk_widget_add_css_class (GTK_WIDGET (row->name_label), "heading");
  if (row->group == SL_VIEWER_GROUP_IMMIGRATION)
    gtk_widget_add_css_class (GTK_WIDGET (row->name_label), "warning");
  gtk_box_append (GTK_BOX (name_box), GTK_WIDGET (row->name_label));
  gtk_grid_attach (GTK_GRID (grid), name_box, 0, 0, 4, 1);

  reads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u read (%u%%)", "%u of %u reads (%u%%)", total),
                           exposure->n_reads, total, percent);
  row->reads_label = GTK_LABEL (gtk_label_new (reads));
  gtk_label_set_xalign (row->reads_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (row->reads_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->reads_label), "numeric");
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (row->reads_label), 0, 2, 2, 1);

  row->bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, MAX (total, 1)));
  gtk_level_bar_set_value (row->bar, exposure->n_reads);
  /* One colour for every share: the bar measures, it does not judge. */
  gtk_level_bar_remove_offset_value (row->bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (row->bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (row->bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_valign (GTK_WIDGET (row->bar), GTK_ALIGN_CENTER);
  /* Full width in every row, so equal shares draw equal bars. */
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (row->bar), 0, 1, 4, 1);

  how_label = how_text (how, exposure->path);
  row->how_label = GTK_LABEL (gtk_label_new (how_label));
  gtk_label_set_xalign (row->how_label, 0);
  gtk_label_set_ellipsize (row->how_label, PANGO_ELLIPSIZE_END);
  set_tooltip (GTK_WIDGET (row->how_label), exposure->path);
  gtk_widget_add_css_class (GTK_WIDGET (row->how_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->how_label), "dim-label");
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (row->how_label), 0, 3, 4, 1);

  if (exposure->last == SL_TIME_MAX)
    dates_text = g_strdup_printf (_("%s – no end known"), first);
  else
    {
      last = format_day (exposure->last);
      dates_text = g_strdup_printf (_("%s – %s"), first, last);
    }
  dates = gtk_label_new (dates_text);
  set_tooltip (dates, _("First and last day of visibility"));
  gtk_widget_add_css_class (dates, "caption");
  gtk_widget_add_css_class (dates, "dim-label");
  gtk_widget_add_css_class (dates, "numeric");
  gtk_label_set_xalign (GTK_LABEL (dates), 0);
  /* On a line of its own, so the pane fits the workspace's details
   * column beside the map on a 1280-pixel screen. */
  gtk_grid_attach (GTK_GRID (grid), dates, 0, 4, 4, 1);

  owners = sl_what_if_dup_direct_owners (self->what_if, exposure->node);
  if (owners->len > 0 && how != SL_EXPOSURE_OWN)
    {
      const SlSharingNode *owner;
      guint owner_node;
      g_autofree char *tooltip = NULL;

      row->untick_owner = g_array_index (owners, gint64, 0);
      sl_sharing_network_find_agency (network, row->untick_owner, &owner_node);
      owner = sl_sharing_network_get_node (network, owner_node);
      row->untick_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Untick")));
      tooltip = g_strdup_printf (_("Remove %s from %s’s sharing list"), info->name, owner->name);
      set_tooltip (GTK_WIDGET (row->untick_button), tooltip);
    }
  else if (how == SL_EXPOSURE_POOL)
    {
      /* Seen only through a pool: the owner can leave the pool. */
      guint owner_node = sl_what_if_get_path_node (self->what_if, exposure->path, 0);
      guint pool_node = sl_what_if_get_path_node (self->what_if, exposure->path, 1);
      const SlSharingNode *owner, *pool;
      g_autofree char *tooltip = NULL;

      if (owner_node != G_MAXUINT && pool_node != G_MAXUINT)
        {
          owner = sl_sharing_network_get_node (network, owner_node);
          pool = sl_sharing_network_get_node (network, pool_node);
          row->untick_owner = owner->id;
          row->stop_pool = pool->id;
          row->untick_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Leave pool")));
          tooltip = g_strdup_printf (_("%s stops sharing with %s"), owner->name, pool->name);
          set_tooltip (GTK_WIDGET (row->untick_button), tooltip);
        }
    }

  if (row->untick_button != NULL)
    {
      gtk_widget_set_valign (GTK_WIDGET (row->untick_button), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (row->untick_button), "flat");
      gtk_widget_add_css_class (GTK_WIDGET (row->untick_button), "caption");
      g_signal_connect (row->untick_button, "clicked", G_CALLBACK (on_untick_clicked), row);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (row->untick_button), 3, 2, 1, 1);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  return GTK_WIDGET (row);
}

/* @needle: the casefolded filter text, or NULL for none */
static gboolean
matches_filter (const char *needle,
                const char *name)
{
  g_autofree char *haystack = NULL;

  if (needle == NULL)
    return TRUE;
  haystack = g_utf8_casefold (name, -1);
  return strstr (haystack, needle) != NULL;
}

static void
on_more_clicked (GtkButton     *button,
                 SlExposureRow *row)
{
  post_request (GTK_WIDGET (row), 0, 0, 0, row->group);
}

static GtkWidget *
create_more_row (SlViewerGroup group,
                 guint         n_more)
{
  SlExposureRow *row = g_object_new (SL_TYPE_EXPOSURE_ROW, NULL);
  g_autofree char *label = NULL;
  GtkWidget *button;

  if (n_more <= ROWS_PER_PAGE)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u more agency",
                                          "Show %u more agencies", n_more), n_more);
  else
    {
      g_autofree char *count = g_strdup_printf ("%'u", n_more);

      /* Translators: the first number is how many rows a click adds, the
       * second how many agencies of the group are not shown. */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u more of %s agency",
                                            "Show %u more of %s agencies", n_more),
                               ROWS_PER_PAGE, count);
    }
  button = gtk_button_new_with_label (label);

  row->node = G_MAXUINT;
  row->group = group;
  row->name = g_strdup ("");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_margin_top (button, 4);
  gtk_widget_set_margin_bottom (button, 4);
  g_signal_connect (button, "clicked", G_CALLBACK (on_more_clicked), row);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  return GTK_WIDGET (row);
}

typedef struct
{
  SlExposurePane   *pane;
  const SlExposure *exposure;
  SlViewerGroup     group;
  const char       *name;
  const char       *collate_key;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  if (x->pane->sort == SL_EXPOSURE_SORT_READS && x->exposure->n_reads != y->exposure->n_reads)
    return x->exposure->n_reads > y->exposure->n_reads ? -1 : 1;
  return strcmp (x->collate_key, y->collate_key);
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  SlExposurePane *self = user_data;
  SlViewerGroup group = SL_EXPOSURE_ROW (row)->group;
  GtkWidget *header;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;

  if (before != NULL && SL_EXPOSURE_ROW (before)->group == group)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  count = g_strdup_printf ("%'u", self->group_sizes[group]);
  /* Translators: a group of agencies and how many of them the list holds,
   * e.g. "Municipal police · 2,951". */
  title = g_strdup_printf (_("%s · %s"), sl_viewer_group_to_title (group), count);
  header = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_add_css_class (header, "heading");
  if (group == SL_VIEWER_GROUP_IMMIGRATION)
    gtk_widget_add_css_class (header, "warning");
  gtk_list_box_row_set_header (row, header);
}

static void
rebuild (SlExposurePane *self)
{
  GtkWidget *child;
  GArray *exposure;
  guint total;
  g_autofree char *reads_text = NULL;
  g_autofree char *agencies_text = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autofree char *needle = NULL;
  const char *text;
  SlSharingNetwork *network;
  guint n_viewers = 0, first_rows;

  self->rebuilding = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->what_if == NULL)
    {
      gtk_label_set_text (self->heading, "");
      self->rebuilding = FALSE;
      return;
    }

  exposure = sl_what_if_get_exposure (self->what_if);
  total = sl_what_if_get_n_reads (self->what_if);
  network = sl_what_if_get_network (self->what_if);
  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (text != NULL && *text != '\0')
    needle = g_utf8_casefold (text, -1);
  memset (self->group_sizes, 0, sizeof self->group_sizes);
  candidates = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), exposure->len);
  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row = &g_array_index (exposure, SlExposure, i);
      Candidate candidate = { self, row, sl_what_if_get_group (self->what_if, row->node),
                              sl_sharing_network_get_node (network, row->node)->name, NULL };

      if (sl_what_if_get_how (self->what_if, row) != SL_EXPOSURE_OWN)
        n_viewers++;
      if (!matches_filter (needle, candidate.name))
        continue;
      candidate.collate_key = sl_what_if_get_collate_key (self->what_if, row->node);
      self->group_sizes[candidate.group]++;
      g_array_append_val (candidates, candidate);
    }
  g_array_sort (candidates, compare_candidates);
  first_rows = candidates->len > MANY_AGENCIES ? FEW_ROWS_PER_GROUP : MAX_ROWS_PER_GROUP;

  for (guint i = 0, in_group = 0; i < candidates->len; i++, in_group++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      GtkWidget *widget;

      if (i > 0 && g_array_index (candidates, Candidate, i - 1).group != candidate->group)
        in_group = 0;

      if (in_group == first_rows + self->unfolded[candidate->group])
        {
          guint end = i, n_folded;

          while (end < candidates->len && g_array_index (candidates, Candidate, end).group == candidate->group)
            end++;
          n_folded = end - i;
          /* The selected agency (chosen in the diagram, by name…) shows
           * even when its group folds it. */
          for (guint j = i; j < end; j++)
            if (g_array_index (candidates, Candidate, j).exposure->node == self->selected_node)
              {
                widget = create_row (self, g_array_index (candidates, Candidate, j).exposure);
                gtk_list_box_append (self->list, widget);
                gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (widget));
                n_folded--;
              }
          if (n_folded > 0)
            gtk_list_box_append (self->list, create_more_row (candidate->group, n_folded));
          i = end - 1;
          continue;
        }

      widget = create_row (self, candidate->exposure);
      gtk_list_box_append (self->list, widget);
      if (candidate->exposure->node == self->selected_node)
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (widget));
    }

  reads_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u read", "%u reads", total), total);
  agencies_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u agency besides the owners sees at least one",
                                                "%u agencies besides the owners see at least one",
                                                n_viewers), n_viewers);
  heading = g_strdup_printf ("%s · %s · %s", self->plate != NULL ? self->plate : "", reads_text, agencies_text);
  gtk_label_set_text (self->heading, heading);
  self->rebuilding = FALSE;
}

static void
update_banner (SlExposurePane *self)
{
  if (!self->show_banner)
    return;
  gtk_label_set_text (self->banner_label, sl_what_if_get_summary (self->what_if));
  gtk_info_bar_set_response_sensitive (self->banner, RESPONSE_UNDO, sl_what_if_can_undo (self->what_if));
  gtk_info_bar_set_response_sensitive (self->banner, RESPONSE_REDO, sl_what_if_can_redo (self->what_if));
  gtk_info_bar_set_revealed (self->banner, TRUE);
}

static void
on_banner_response (GtkInfoBar     *banner,
                    int             response,
                    SlExposurePane *self)
{
  if (response == RESPONSE_UNDO)
    sl_what_if_undo (self->what_if);
  else if (response == RESPONSE_REDO)
    sl_what_if_redo (self->what_if);
  else
    gtk_info_bar_set_revealed (banner, FALSE);
}

static void
on_search_changed (SlExposurePane *self)
{
  rebuild (self);
}

static void
on_sort_changed (SlExposurePane *self)
{
  sl_exposure_pane_set_sort (self, gtk_drop_down_get_selected (self->sort_dropdown));
}

static void
on_row_selected (SlExposurePane *self,
                 GtkListBoxRow  *row)
{
  if (self->rebuilding)
    return;
  self->selected_node = row != NULL ? SL_EXPOSURE_ROW (row)->node : G_MAXUINT;
  /* NULL while the template is disposed, which unselects the row. */
  if (self->compare_button != NULL)
    gtk_widget_set_sensitive (self->compare_button, row != NULL);
  if (row != NULL)
    g_signal_emit (self, signals[AGENCY_SELECTED], 0, self->selected_node);
}

static void
on_compare_clicked (SlExposurePane *self)
{
  if (self->selected_node != G_MAXUINT)
    g_signal_emit (self, signals[COMPARE_REQUESTED], 0, self->selected_node);
}

static void
sl_exposure_pane_dispose (GObject *object)
{
  SlExposurePane *self = SL_EXPOSURE_PANE (object);

  if (self->what_if != NULL)
    g_signal_handlers_disconnect_by_data (self->what_if, self);
  g_clear_object (&self->what_if);
  g_clear_pointer (&self->plate, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_EXPOSURE_PANE);

  G_OBJECT_CLASS (sl_exposure_pane_parent_class)->dispose (object);
}

static void
sl_exposure_pane_class_init (SlExposurePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_exposure_pane_dispose;

  /**
   * SlExposurePane::agency-selected:
   * @node: the agency's node in the session's network
   *
   * The user selected an agency: the map and the inference pane can show
   * what it sees.
   */
  signals[AGENCY_SELECTED] = g_signal_new ("agency-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * SlExposurePane::compare-requested:
   * @node: the selected agency's node
   *
   * The user asked to compare the selected agency with another.
   */
  signals[COMPARE_REQUESTED] = g_signal_new ("compare-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-exposure-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SlExposurePane, box);
  gtk_widget_class_bind_template_child (widget_class, SlExposurePane, banner);
  gtk_widget_class_bind_template_child (widget_class, SlExposurePane, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SlExposurePane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SlExposurePane, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlExposurePane, compare_button);
  gtk_widget_class_bind_template_child (widget_class, SlExposurePane, heading);
  gtk_widget_class_bind_template_child (widget_class, SlExposurePane, list);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_response);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "exposurepane");
}

static void
sl_exposure_pane_init (SlExposurePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected_node = G_MAXUINT;
  self->show_banner = TRUE;
  gtk_info_bar_add_button (self->banner, _("_Undo"), RESPONSE_UNDO);
  gtk_info_bar_add_button (self->banner, _("_Redo"), RESPONSE_REDO);
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
}

GtkWidget *
sl_exposure_pane_new (void)
{
  return g_object_new (SL_TYPE_EXPOSURE_PANE, NULL);
}

/**
 * sl_exposure_pane_set_what_if:
 * @what_if: (nullable): the session of the selected vehicle
 * @plate: (nullable): the plate (or pseudonym) to show in the heading
 *
 * Shows what each agency sees of the vehicle under the session's current
 * network and as-of time, and follows the session's changes. Unticking
 * from a row edits the session; the banner states the difference.
 */
void
sl_exposure_pane_set_what_if (SlExposurePane *self,
                              SlWhatIf       *what_if,
                              const char     *plate)
{
  g_return_if_fail (SL_IS_EXPOSURE_PANE (self));
  g_return_if_fail (what_if == NULL || SL_IS_WHAT_IF (what_if));

  if (self->what_if != NULL)
    g_signal_handlers_disconnect_by_data (self->what_if, self);
  g_set_object (&self->what_if, what_if);
  g_free (self->plate);
  self->plate = g_strdup (plate);
  self->selected_node = G_MAXUINT;
  gtk_widget_set_sensitive (self->compare_button, FALSE);
  memset (self->unfolded, 0, sizeof self->unfolded);
  gtk_info_bar_set_revealed (self->banner, FALSE);

  if (what_if != NULL)
    {
      g_signal_connect_swapped (what_if, "changed", G_CALLBACK (rebuild), self);
      g_signal_connect_swapped (what_if, "edited", G_CALLBACK (update_banner), self);
    }
  rebuild (self);
}

SlWhatIf *
sl_exposure_pane_get_what_if (SlExposurePane *self)
{
  g_return_val_if_fail (SL_IS_EXPOSURE_PANE (self), NULL);
  return self->what_if;
}

void
sl_exposure_pane_set_sort (SlExposurePane *self,
                           SlExposureSort  sort)
{
  g_return_if_fail (SL_IS_EXPOSURE_PANE (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  gtk_drop_down_set_selected (self->sort_dropdown, sort);
  /* Which rows a folded group shows depends on the order. */
  rebuild (self);
}

void
sl_exposure_pane_set_filter_text (SlExposurePane *self,
                                  const char     *text)
{
  g_return_if_fail (SL_IS_EXPOSURE_PANE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  rebuild (self);
}

/**
 * sl_exposure_pane_get_selected_node:
 *
 * Returns: the selected agency's node, or G_MAXUINT
 */
guint
sl_exposure_pane_get_selected_node (SlExposurePane *self)
{
  g_return_val_if_fail (SL_IS_EXPOSURE_PANE (self), G_MAXUINT);
  return self->selected_node;
}

/**
 * sl_exposure_pane_select_node:
 * @node: an agency's node, or G_MAXUINT for none
 *
 * Selects the agency's row, as a click would (emitting
 * #SlExposurePane::agency-selected), or clears the selection.
 */
void
sl_exposure_pane_select_node (SlExposurePane *self,
                              guint           node)
{
  GtkListBoxRow *row;

  g_return_if_fail (SL_IS_EXPOSURE_PANE (self));

  self->selected_node = node;
  row = node != G_MAXUINT ? sl_exposure_pane_find_row (self, node) : NULL;
  if (row == NULL && node != G_MAXUINT && self->what_if != NULL &&
      sl_what_if_find_exposure (self->what_if, node) != NULL)
    {
      /* Folded away: the rebuild shows it beside its group's fold, then
       * it is selected as a click would, signal included. */
      rebuild (self);
      row = sl_exposure_pane_find_row (self, node);
      self->rebuilding = TRUE;
      gtk_list_box_unselect_all (self->list);
      self->rebuilding = FALSE;
    }
  if (row != NULL)
    gtk_list_box_select_row (self->list, row);
  else
    gtk_list_box_unselect_all (self->list);
}

/**
 * sl_exposure_pane_set_show_banner:
 * @show_banner: %FALSE when the caller states edits' differences itself
 */
void
sl_exposure_pane_set_show_banner (SlExposurePane *self,
                                  gboolean        show_banner)
{
  g_return_if_fail (SL_IS_EXPOSURE_PANE (self));

  self->show_banner = show_banner;
  if (!show_banner)
    gtk_info_bar_set_revealed (self->banner, FALSE);
}

GtkListBoxRow *
sl_exposure_pane_find_row (SlExposurePane *self,
                           guint           node)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SL_IS_EXPOSURE_ROW (child) && SL_EXPOSURE_ROW (child)->node == node)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

guint
sl_exposure_pane_get_n_rows (SlExposurePane *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SL_IS_EXPOSURE_ROW (child) && SL_EXPOSURE_ROW (child)->node != G_MAXUINT)
      n++;
  return n;
}

/* The button that unfolds @group, or NULL when it shows every row. */
GtkButton *
sl_exposure_pane_find_more_button (SlExposurePane *self,
                                   SlViewerGroup   group)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SL_IS_EXPOSURE_ROW (child) && SL_EXPOSURE_ROW (child)->node == G_MAXUINT &&
        SL_EXPOSURE_ROW (child)->group == group)
      return GTK_BUTTON (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child)));
  return NULL;
}

const char *
sl_exposure_row_get_tooltip (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "sl-tooltip");
}

GtkLabel *
sl_exposure_row_get_name_label (GtkListBoxRow *row)
{
  return SL_EXPOSURE_ROW (row)->name_label;
}

GtkLabel *
sl_exposure_row_get_reads_label (GtkListBoxRow *row)
{
  return SL_EXPOSURE_ROW (row)->reads_label;
}

GtkLabel *
sl_exposure_row_get_how_label (GtkListBoxRow *row)
{
  return SL_EXPOSURE_ROW (row)->how_label;
}

GtkLevelBar *
sl_exposure_row_get_bar (GtkListBoxRow *row)
{
  return SL_EXPOSURE_ROW (row)->bar;
}

GtkButton *
sl_exposure_row_get_untick_button (GtkListBoxRow *row)
{
  return SL_EXPOSURE_ROW (row)->untick_button;
}

GtkInfoBar *
sl_exposure_pane_get_banner (SlExposurePane *self)
{
  return self->banner;
}

GtkLabel *
sl_exposure_pane_get_banner_label (SlExposurePane *self)
{
  return self->banner_label;
}

GtkButton *
sl_exposure_pane_get_compare_button (SlExposurePane *self)
{
  return GTK_BUTTON (self->compare_button);
}

GtkListBox *
sl_exposure_pane_get_list (SlExposurePane *self)
{
  return self->list;
}
