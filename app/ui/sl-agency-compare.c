/* sl-agency-compare.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-agency-compare"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-agency-compare.h"
#include "sl-inference.h"
#include "sl-read-store.h"

/* Two agencies side by side for one vehicle (say Westport PD and ICE
 * ERO): how many of its reads each sees under the session's network and
 * as-of time, its share, first and last visibility, the paths the reads
 * take to it, and what each can infer from what it sees. Follows the
 * session, so an untick or a new as-of time shows in both columns. */

typedef struct
{
  GtkDropDown *chooser;
  GtkLevelBar *bar;
  GtkLabel    *labels[SL_N_COMPARE_FIELDS];
  guint        node;
} Column;

struct _SlAgencyCompare
{
  AdwWindow      parent_instance;

  AdwWindowTitle *title;
  GtkBox         *columns_box;

  SlProject      *project;
  SlWhatIf       *what_if;
  /* Preferences → Inference: the inference pane's thresholds. */
  GSettings      *settings;
  char           *plate;
  gint64          plate_id;
  /* Nodes of the agencies that see at least one read, in chooser order. */
  GArray         *viewers;
  Column          columns[2];
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (SlAgencyCompare, sl_agency_compare, ADW_TYPE_WINDOW)

static const char *
field_title (SlCompareField field)
{
  switch (field)
    {
    case SL_COMPARE_FIELD_GROUP:
      return _("Kind");
    case SL_COMPARE_FIELD_READS:
      return _("Reads visible");
    case SL_COMPARE_FIELD_FIRST:
      return _("First visible");
    case SL_COMPARE_FIELD_LAST:
      return _("Last visible");
    case SL_COMPARE_FIELD_PATHS:
      return _("How the reads reach it");
    case SL_COMPARE_FIELD_INFERENCES:
      return _("What it can infer");
    case SL_N_COMPARE_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (time);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static guint
percent (guint part,
         guint whole)
{
  return whole == 0 ? 0 : (guint) (((guint64) part * 100 + whole / 2) / whole);
}

typedef struct
{
  guint         node;
  SlViewerGroup group;
  guint         n_reads;
  const char   *name;
  const char   *collate_key;
} Viewer;

static int
compare_viewers (gconstpointer a,
                 gconstpointer b)
{
  const Viewer *x = a;
  const Viewer *y = b;

  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  if (x->n_reads != y->n_reads)
    return x->n_reads > y->n_reads ? -1 : 1;
  return strcmp (x->collate_key, y->collate_key);
}

/* The choosers list every agency that sees a read now, grouped as the
 * exposure pane groups them, plus any chosen one that no longer does:
 * thousands behind a national pool, hence the choosers' search. */
static void
fill_choosers (SlAgencyCompare *self)
{
  SlSharingNetwork *network = sl_what_if_get_network (self->what_if);
  GArray *exposure = sl_what_if_get_exposure (self->what_if);
  g_autoptr(GArray) viewers = g_array_new (FALSE, FALSE, sizeof (Viewer));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row = &g_array_index (exposure, SlExposure, i);
      Viewer viewer = { row->node, sl_what_if_get_group (self->what_if, row->node), row->n_reads,
                        sl_sharing_network_get_node (network, row->node)->name,
                        sl_what_if_get_collate_key (self->what_if, row->node) };

      g_array_append_val (viewers, viewer);
    }
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    {
      guint node = self->columns[c].node;
      gboolean listed = node == G_MAXUINT;

      for (guint i = 0; i < viewers->len && !listed; i++)
        listed = g_array_index (viewers, Viewer, i).node == node;
      if (!listed)
        {
          Viewer viewer = { node, sl_what_if_get_group (self->what_if, node), 0,
                            sl_sharing_network_get_node (network, node)->name,
                            sl_what_if_get_collate_key (self->what_if, node) };

          g_array_append_val (viewers, viewer);
        }
    }
  g_array_sort (viewers, compare_viewers);

  g_array_set_size (self->viewers, 0);
  for (guint i = 0; i < viewers->len; i++)
    {
      const Viewer *viewer = &g_array_index (viewers, Viewer, i);

      g_array_append_val (self->viewers, viewer->node);
      gtk_string_list_append (names, viewer->name);
    }

  self->updating = TRUE;
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    {
      Column *column = &self->columns[c];
      guint selected = GTK_INVALID_LIST_POSITION;

      gtk_drop_down_set_model (column->chooser, G_LIST_MODEL (names));
      for (guint i = 0; i < self->viewers->len; i++)
        if (g_array_index (self->viewers, guint, i) == column->node)
          selected = i;
      gtk_drop_down_set_selected (column->chooser, selected);
    }
  self->updating = FALSE;
}

static char *
describe_anchor (const char              *title,
                 const SlInference       *inference,
                 const SlInferenceAnchor *anchor)
{
  const SlInferencePlace *place;

  if (!anchor->found)
    /* Translators: e.g. "Likely home: not found". */
    return g_strdup_printf (_("%s: not found"), title);
  place = &g_array_index (inference->places, SlInferencePlace, anchor->place);
  /* Translators: a likely home or work place: its title, latitude,
   * longitude, confidence in percent and the number of distinct days. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %.4f, %.4f (%u%% confidence, %u day)",
                                       "%s: %.4f, %.4f (%u%% confidence, %u days)", anchor->n_days),
                          title, place->latitude, place->longitude,
                          (guint) (anchor->confidence * 100 + 0.5), anchor->n_days);
}

/* Home, work and places from the reads @node sees, on this thread: one
 * vehicle's reads, as the inference pane reads them, with its thresholds. */
static char *
describe_inferences (SlAgencyCompare *self,
                     guint            node)
{
  SlInferenceView view = { sl_what_if_get_visibility (self->what_if), node, sl_what_if_get_as_of (self->what_if) };
  SlInferenceThresholds thresholds;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reads = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(SlInference) inference = NULL;
  g_autofree char *home = NULL;
  g_autofree char *work = NULL;
  g_autofree char *places = NULL;

  if (self->project == NULL || self->plate_id <= 0)
    return g_strdup ("—");
  reads = sl_inference_load_reads (self->project, self->plate_id, &view, &error);
  if (reads == NULL)
    /* Translators: in the comparison, instead of the inferences. */
    return g_strdup_printf (_("Could not infer: %s"), error->message);

  sl_inference_thresholds_load (&thresholds, self->settings);
  zone = sl_inference_get_time_zone (self->project);
  inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, &thresholds);
  home = describe_anchor (_("Likely home"), inference, &inference->home);
  work = describe_anchor (_("Likely work"), inference, &inference->work);
  places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place, from %u reads on %u days",
                                         "%u places, from %u reads on %u days", inference->places->len),
                            inference->places->len, inference->n_reads, inference->n_days);
  return g_strjoin ("\n", home, work, places, NULL);
}

static char *
describe_paths (SlAgencyCompare *self,
                GArray          *flows,
                guint            node)
{
  SlSharingNetwork *network = sl_what_if_get_network (self->what_if);
  g_autoptr(GString) text = g_string_new (NULL);
  guint owned = sl_what_if_count_owned (self->what_if, node);

  if (owned > 0)
    {
      /* Translators: how an owner sees the vehicle's reads. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Its own: %u read", "Its own: %u reads", owned),
                              owned);
    }
  for (guint i = 0; i < flows->len; i++)
    {
      const SlFlow *flow = &g_array_index (flows, SlFlow, i);
      const char *owner = sl_sharing_network_get_node (network, flow->owner)->name;

      if (flow->recipient != node)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (flow->via == G_MAXUINT)
        /* Translators: a path of reads: owner → recipient: count. */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s, directly: %u read", "%s, directly: %u reads",
                                                   flow->n_reads), owner, flow->n_reads);
      else
        /* Translators: a path of reads: owner → the pool or re-sharer: count. */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s → %s: %u read", "%s → %s: %u reads",
                                                   flow->n_reads),
                                owner, sl_sharing_network_get_node (network, flow->via)->name, flow->n_reads);
    }
  if (text->len == 0)
    g_string_append (text, _("None at this time"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_field (Column         *column,
           SlCompareField  field,
           const char     *text)
{
  gtk_label_set_text (column->labels[field], text);
}

static void
fill_column (SlAgencyCompare *self,
             Column          *column,
             GArray          *flows)
{
  const SlExposure *exposure;
  guint total = sl_what_if_get_n_reads (self->what_if);
  guint n_reads;
  g_autofree char *reads = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *paths = NULL;
  g_autofree char *inferences = NULL;
  SlViewerGroup group;

  gtk_widget_set_visible (GTK_WIDGET (column->bar), column->node != G_MAXUINT);
  for (guint f = 0; f < SL_N_COMPARE_FIELDS; f++)
    set_field (column, f, column->node == G_MAXUINT ? "—" : "");
  if (column->node == G_MAXUINT)
    return;

  exposure = sl_what_if_find_exposure (self->what_if, column->node);
  n_reads = exposure != NULL ? exposure->n_reads : 0;
  group = sl_what_if_get_group (self->what_if, column->node);
  set_field (column, SL_COMPARE_FIELD_GROUP, sl_viewer_group_to_title (group));
  if (group == SL_VIEWER_GROUP_IMMIGRATION)
    gtk_widget_add_css_class (GTK_WIDGET (column->labels[SL_COMPARE_FIELD_GROUP]), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (column->labels[SL_COMPARE_FIELD_GROUP]), "warning");

  /* The exposure pane's words, so both read the same. */
  reads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u read (%u%%)", "%u of %u reads (%u%%)", total),
                           n_reads, total, percent (n_reads, total));
  set_field (column, SL_COMPARE_FIELD_READS, reads);
  gtk_level_bar_set_max_value (column->bar, MAX (total, 1));
  gtk_level_bar_set_value (column->bar, n_reads);

  if (exposure != NULL)
    {
      first = format_time (exposure->first);
      last = exposure->last == SL_TIME_MAX ? g_strdup (_("No end known")) : format_time (exposure->last);
    }
  set_field (column, SL_COMPARE_FIELD_FIRST, first != NULL ? first : "—");
  set_field (column, SL_COMPARE_FIELD_LAST, last != NULL ? last : "—");

  paths = describe_paths (self, flows, column->node);
  set_field (column, SL_COMPARE_FIELD_PATHS, paths);
  inferences = describe_inferences (self, column->node);
  set_field (column, SL_COMPARE_FIELD_INFERENCES, inferences);
}

static void
rebuild (SlAgencyCompare *self)
{
  g_autoptr(GArray) flows = NULL;

  if (self->what_if == NULL)
    return;
  fill_choosers (self);
  flows = sl_what_if_dup_flows (self->what_if);
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    fill_column (self, &self->columns[c], flows);
}

/* Other thresholds: both columns' inferences again, nothing else. */
static void
on_settings_changed (SlAgencyCompare *self,
                     const char      *key)
{
  if (self->what_if == NULL || !g_str_has_prefix (key, "inference-"))
    return;
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    {
      Column *column = &self->columns[c];
      g_autofree char *inferences = NULL;

      if (column->node == G_MAXUINT)
        continue;
      inferences = describe_inferences (self, column->node);
      set_field (column, SL_COMPARE_FIELD_INFERENCES, inferences);
    }
}

static void
on_chooser_changed (GtkDropDown     *chooser,
                    GParamSpec      *pspec,
                    SlAgencyCompare *self)
{
  guint selected = gtk_drop_down_get_selected (chooser);

  if (self->updating || selected >= self->viewers->len)
    return;
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    if (self->columns[c].chooser == chooser)
      self->columns[c].node = g_array_index (self->viewers, guint, selected);
  rebuild (self);
}

static void
build_column (SlAgencyCompare *self,
              Column          *column)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  column->node = G_MAXUINT;
  column->chooser = GTK_DROP_DOWN (gtk_drop_down_new (NULL, gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                                       NULL, "string")));
  /* Typing filters the list by name (the popup is a list view: thousands
   * of names cost no more than the rows on screen). */
  gtk_drop_down_set_enable_search (column->chooser, TRUE);
  gtk_widget_set_margin_bottom (GTK_WIDGET (column->chooser), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agency"), -1);
  g_signal_connect (column->chooser, "notify::selected", G_CALLBACK (on_chooser_changed), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (column->chooser));

  for (guint f = 0; f < SL_N_COMPARE_FIELDS; f++)
    {
      GtkWidget *title = gtk_label_new (field_title (f));
      GtkWidget *value = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "caption-heading");
      gtk_widget_add_css_class (title, "dim-label");
      if (f > 0)
        gtk_widget_set_margin_top (title, 8);
      gtk_box_append (GTK_BOX (box), title);

      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "numeric");
      gtk_box_append (GTK_BOX (box), value);
      column->labels[f] = GTK_LABEL (value);

      if (f == SL_COMPARE_FIELD_READS)
        {
          column->bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, 1));
          gtk_level_bar_remove_offset_value (column->bar, GTK_LEVEL_BAR_OFFSET_LOW);
          gtk_level_bar_remove_offset_value (column->bar, GTK_LEVEL_BAR_OFFSET_HIGH);
          gtk_level_bar_remove_offset_value (column->bar, GTK_LEVEL_BAR_OFFSET_FULL);
          gtk_box_append (GTK_BOX (box), GTK_WIDGET (column->bar));
        }
    }
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (self->columns_box, box);
}

static void
sl_agency_compare_dispose (GObject *object)
{
  SlAgencyCompare *self = SL_AGENCY_COMPARE (object);

  if (self->what_if != NULL)
    g_signal_handlers_disconnect_by_data (self->what_if, self);
  g_clear_object (&self->what_if);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_pointer (&self->plate, g_free);
  g_clear_pointer (&self->viewers, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_AGENCY_COMPARE);

  G_OBJECT_CLASS (sl_agency_compare_parent_class)->dispose (object);
}

static void
sl_agency_compare_class_init (SlAgencyCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_agency_compare_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-agency-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, SlAgencyCompare, title);
  gtk_widget_class_bind_template_child (widget_class, SlAgencyCompare, columns_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_agency_compare_init (SlAgencyCompare *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->viewers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->settings = g_settings_new (APP_ID_BASE);
  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    build_column (self, &self->columns[c]);
}

/**
 * sl_agency_compare_new:
 * @project: a connection the main thread may read one vehicle's reads on
 * @what_if: the vehicle's session
 * @plate: the vehicle's plate (or pseudonym) as stored
 *
 * Returns: (transfer floating): a window comparing two agencies, both
 *   unchosen until sl_agency_compare_set_agencies()
 */
SlAgencyCompare *
sl_agency_compare_new (SlProject  *project,
                       SlWhatIf   *what_if,
                       const char *plate)
{
  SlAgencyCompare *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (SL_IS_WHAT_IF (what_if), NULL);
  g_return_val_if_fail (plate != NULL, NULL);

  self = g_object_new (SL_TYPE_AGENCY_COMPARE, NULL);
  self->project = g_object_ref (project);
  self->what_if = g_object_ref (what_if);
  self->plate = g_strdup (plate);
  self->plate_id = sl_read_store_lookup_plate (project, plate, &error);
  if (error != NULL)
    g_warning ("Could not find plate %s for the inferences: %s", plate, error->message);
  adw_window_title_set_subtitle (self->title, plate);
  g_signal_connect_swapped (what_if, "changed", G_CALLBACK (rebuild), self);
  rebuild (self);
  return self;
}

/**
 * sl_agency_compare_set_agencies:
 * @a: the node of the left agency, or G_MAXUINT
 * @b: the node of the right agency, or G_MAXUINT
 */
void
sl_agency_compare_set_agencies (SlAgencyCompare *self,
                                guint            a,
                                guint            b)
{
  guint n_nodes;

  g_return_if_fail (SL_IS_AGENCY_COMPARE (self));

  n_nodes = sl_sharing_network_get_n_nodes (sl_what_if_get_network (self->what_if));
  self->columns[0].node = a < n_nodes ? a : G_MAXUINT;
  self->columns[1].node = b < n_nodes ? b : G_MAXUINT;
  rebuild (self);
}

/**
 * sl_agency_compare_get_agency:
 * @column: 0 for the left, 1 for the right
 *
 * Returns: the node compared in @column, or G_MAXUINT
 */
guint
sl_agency_compare_get_agency (SlAgencyCompare *self,
                              guint            column)
{
  g_return_val_if_fail (SL_IS_AGENCY_COMPARE (self), G_MAXUINT);
  g_return_val_if_fail (column < G_N_ELEMENTS (self->columns), G_MAXUINT);

  return self->columns[column].node;
}

SlWhatIf *
sl_agency_compare_get_what_if (SlAgencyCompare *self)
{
  g_return_val_if_fail (SL_IS_AGENCY_COMPARE (self), NULL);
  return self->what_if;
}

const char *
sl_agency_compare_get_text (SlAgencyCompare *self,
                            guint            column,
                            SlCompareField   field)
{
  g_return_val_if_fail (SL_IS_AGENCY_COMPARE (self), NULL);
  g_return_val_if_fail (column < G_N_ELEMENTS (self->columns), NULL);
  g_return_val_if_fail (field < SL_N_COMPARE_FIELDS, NULL);

  return gtk_label_get_text (self->columns[column].labels[field]);
}

/**
 * sl_agency_compare_get_chooser:
 * @column: 0 or 1
 *
 * Returns: (transfer none): the column's agency chooser
 */
GtkDropDown *
sl_agency_compare_get_chooser (SlAgencyCompare *self,
                               guint            column)
{
  g_return_val_if_fail (SL_IS_AGENCY_COMPARE (self), NULL);
  g_return_val_if_fail (column < G_N_ELEMENTS (self->columns), NULL);

  return self->columns[column].chooser;
}
