/* sl-inference-pane.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-inference-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-inference-pane-private.h"

/* What one agency can work out from the reads of the vehicle it sees:
 * every result with the rule that produced it, its thresholds, the reads
 * it rests on and a confidence (docs/inference.md). The pane only shows an
 * SlInference; the workspace computes it on the project's worker. */

/* Places listed; the rest only count towards the heading. */
#define MAX_PLACES 5
#define MAX_COMPANIONS 10
/* Read ids quoted as evidence; the count says how many there are. */
#define MAX_QUOTED_READS 5

/* The weekly routine: reads per weekday (rows) and local hour (columns). */

#define SL_TYPE_ROUTINE_HEATMAP (sl_routine_heatmap_get_type ())

G_DECLARE_FINAL_TYPE (SlRoutineHeatmap, sl_routine_heatmap, SL, ROUTINE_HEATMAP, GtkWidget)

struct _SlRoutineHeatmap
{
  GtkWidget parent_instance;

  guint     counts[7][24];
  guint     max;
};

G_DEFINE_FINAL_TYPE (SlRoutineHeatmap, sl_routine_heatmap, GTK_TYPE_WIDGET)

#define HEATMAP_LABEL_WIDTH 40
#define HEATMAP_HEADER_HEIGHT 18
#define HEATMAP_ROW_HEIGHT 18

static char *
weekday_name (guint weekday)
{
  /* 2024-01-01 was a Monday (weekday 0). */
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 1, 1 + weekday, 12, 0, 0);

  return g_date_time_format (date, "%a");
}

static void
sl_routine_heatmap_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = HEATMAP_LABEL_WIDTH + 24 * 6;
      *natural = HEATMAP_LABEL_WIDTH + 24 * 14;
    }
  else
    *minimum = *natural = HEATMAP_HEADER_HEIGHT + 7 * HEATMAP_ROW_HEIGHT;
}

static void
append_text (GtkWidget   *widget,
             GtkSnapshot *snapshot,
             const char  *text,
             double       x,
             double       y,
             const GdkRGBA *color)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  pango_attr_list_unref (attrs);
  g_object_unref (layout);
}

static void
sl_routine_heatmap_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SlRoutineHeatmap *self = SL_ROUTINE_HEATMAP (widget);
  double cell = (gtk_widget_get_width (widget) - HEATMAP_LABEL_WIDTH) / 24.0;
  GdkRGBA fg, empty, accent = { 0.21, 0.52, 0.89, 1 };

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  empty = fg;
  empty.alpha = 0.06;

  /* Every sixth hour along the top, the day names down the side. */
  for (guint hour = 0; hour < 24; hour += 6)
    {
      g_autofree char *text = g_strdup_printf ("%02u", hour);

      append_text (widget, snapshot, text, HEATMAP_LABEL_WIDTH + hour * cell, 0, &fg);
    }
  for (guint day = 0; day < 7; day++)
    {
      g_autofree char *name = weekday_name (day);
      double y = HEATMAP_HEADER_HEIGHT + day * HEATMAP_ROW_HEIGHT;

      append_text (widget, snapshot, name, 0, y, &fg);
      for (guint hour = 0; hour < 24; hour++)
        {
          graphene_rect_t rect = GRAPHENE_RECT_INIT (HEATMAP_LABEL_WIDTH + hour * cell + 1, y + 1,
                                                     MAX (cell - 2, 1), HEATMAP_ROW_HEIGHT - 2);
          GdkRGBA color = accent;

          if (self->counts[day][hour] == 0)
            color = empty;
          else
            /* Never fainter than a fifth, so one read is visible. */
            color.alpha = 0.2 + 0.8 * self->counts[day][hour] / (double) self->max;
          gtk_snapshot_append_color (snapshot, &color, &rect);
        }
    }
}

static void
sl_routine_heatmap_class_init (SlRoutineHeatmapClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = sl_routine_heatmap_measure;
  widget_class->snapshot = sl_routine_heatmap_snapshot;
  gtk_widget_class_set_css_name (widget_class, "routineheatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sl_routine_heatmap_init (SlRoutineHeatmap *self)
{
}

static void
sl_routine_heatmap_set_counts (SlRoutineHeatmap *self,
                               const guint       counts[7][24])
{
  self->max = 0;
  for (guint day = 0; day < 7; day++)
    for (guint hour = 0; hour < 24; hour++)
      {
        self->counts[day][hour] = counts != NULL ? counts[day][hour] : 0;
        self->max = MAX (self->max, self->counts[day][hour]);
      }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The pane. */

struct _SlInferencePane
{
  GtkWidget          parent_instance;

  GtkWidget         *scroller;
  GtkLabel          *status_label;
  GtkWidget         *results;
  GtkLabel          *heading;
  AdwActionRow      *home_row;
  AdwActionRow      *work_row;
  GtkListBox        *places_list;
  SlRoutineHeatmap  *heatmap;
  GtkWidget         *routine_group;
  GtkWidget         *companions_group;
  GtkListBox        *companions_list;
  AdwActionRow      *uniqueness_row;
  /* One per result row: the confidence, at the row's end. */
  GtkLabel          *home_confidence;
  GtkLabel          *work_confidence;

  SlInference       *inference;
  /* While the inference waits for its uniqueness figure: how far the
   * count is, in [0, 1]; negative when nothing is being counted. */
  double             counting;
};

G_DEFINE_FINAL_TYPE (SlInferencePane, sl_inference_pane, GTK_TYPE_WIDGET)

char *
sl_inference_pane_format_place (double latitude,
                                double longitude)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

  /* Four decimals: about 10 m, finer than any rule's cells. */
  g_ascii_formatd (lat, sizeof lat, "%.4f", latitude);
  g_ascii_formatd (lon, sizeof lon, "%.4f", longitude);
  return g_strdup_printf ("%s, %s", lat, lon);
}

static char *
format_confidence (double confidence)
{
  /* Translators: how sure an inference is, e.g. "Confidence 82%". */
  return g_strdup_printf (_("Confidence %u%%"), (guint) (confidence * 100 + 0.5));
}

/* "reads #12, #40, #41 and 17 more" */
static char *
format_read_ids (GArray *ids)
{
  GString *list = g_string_new (NULL);
  guint n = ids != NULL ? ids->len : 0;

  for (guint i = 0; i < MIN (n, MAX_QUOTED_READS); i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append_c (list, '#');
      g_string_append (list, id);
    }
  if (n > MAX_QUOTED_READS)
    {
      /* Translators: after a list of read numbers, e.g. "#12, #40 and 17 more". */
      g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                                 n - MAX_QUOTED_READS),
                              n - MAX_QUOTED_READS);
    }
  return g_string_free (list, FALSE);
}

static GtkLabel *
add_confidence_suffix (AdwActionRow *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (row, label);
  return GTK_LABEL (label);
}

static void
show_anchor (SlInferencePane         *self,
             const SlInferenceAnchor *anchor,
             AdwActionRow            *row,
             GtkLabel                *confidence_label,
             gboolean                 is_home)
{
  const SlInferenceThresholds *t = &self->inference->thresholds;
  g_autofree char *title = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *reads = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *confidence = NULL;

  if (is_home)
    /* Translators: the rule behind a likely home, with its thresholds. */
    rule = g_strdup_printf (_("Rule: the place with most distinct nights among reads between %02u:00 and %02u:00 "
                              "(places from %u m cells; at least %u nights)"),
                            t->night_start_hour, t->night_end_hour, (guint) t->cell_size_m, t->min_days);
  else
    /* Translators: the rule behind a likely workplace, with its thresholds. */
    rule = g_strdup_printf (_("Rule: the place other than home with most distinct weekdays among weekday reads "
                              "between %02u:00 and %02u:00 (at least %u days)"),
                            t->work_start_hour, t->work_end_hour, t->min_days);

  if (!anchor->found)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not enough evidence"));
      /* Translators: why no likely home or work was found. */
      evidence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u read in the rule’s hours",
                                               "%u reads in the rule’s hours",
                                               anchor->n_window_reads),
                                  anchor->n_window_reads);
      subtitle = g_strdup_printf ("%s. %s.", evidence, rule);
      adw_action_row_set_subtitle (row, subtitle);
      gtk_label_set_text (confidence_label, "");
      return;
    }

  {
    const SlInferencePlace *place = &g_array_index (self->inference->places, SlInferencePlace, anchor->place);

    title = sl_inference_pane_format_place (place->latitude, place->longitude);
  }
  reads = format_read_ids (anchor->read_ids);
  /* Translators: the evidence of a likely home or work: reads at the place
   * of those in the rule's hours, on how many days, and which reads. */
  evidence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u reads in the rule’s hours are here, on %u day: %s",
                                           "%u of %u reads in the rule’s hours are here, on %u days: %s",
                                           anchor->n_days),
                              anchor->n_place_reads, anchor->n_window_reads, anchor->n_days, reads);
  subtitle = g_strdup_printf ("%s. %s.", evidence, rule);
  confidence = format_confidence (anchor->confidence);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_label_set_text (confidence_label, confidence);
}

/* Titles and subtitles are plain text: plates and rules may hold '&'. */
static GtkWidget *
plain_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static guint
peak_index (const guint *counts,
            guint        n)
{
  guint best = 0;

  for (guint i = 1; i < n; i++)
    if (counts[i] > counts[best])
      best = i;
  return best;
}

static void
show_places (SlInferencePane *self)
{
  GArray *places = self->inference->places;

  clear_list (self->places_list);
  for (guint i = 0; i < MIN (places->len, MAX_PLACES); i++)
    {
      const SlInferencePlace *place = &g_array_index (places, SlInferencePlace, i);
      GtkWidget *row = plain_row_new ();
      g_autofree char *title = sl_inference_pane_format_place (place->latitude, place->longitude);
      g_autofree char *weekday = weekday_name (peak_index (place->weekdays, 7));
      guint hour = peak_index (place->hours, 24);
      guint weekdays = 0;
      g_autofree char *subtitle = NULL;

      for (guint d = 0; d < 5; d++)
        weekdays += place->weekdays[d];
      g_autofree char *reads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u read", "%u reads", place->n_reads),
                                                place->n_reads);
      /* Translators: after a number of reads, e.g. "28 reads on 12 days". */
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "on %u day", "on %u days", place->n_days),
                                               place->n_days);

      /* Translators: a place's visits and time pattern, e.g. "28 reads on
       * 12 days; most often 08:00–09:00 and on Tue; 80% on weekdays". */
      subtitle = g_strdup_printf (_("%s %s; most often %02u:00–%02u:00 and on %s; %u%% on weekdays"),
                                  reads, days, hour, (hour + 1) % 24, weekday,
                                  place->n_reads > 0 ? (weekdays * 100 + place->n_reads / 2) / place->n_reads : 0);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->places_list, row);
    }
}

static void
show_companions (SlInferencePane *self)
{
  const SlInferenceThresholds *t = &self->inference->thresholds;
  GArray *companions = self->inference->companions;
  g_autofree char *rule = NULL;

  clear_list (self->companions_list);
  gtk_widget_set_visible (self->companions_group, self->inference->has_companions);
  if (!self->inference->has_companions)
    return;

  /* Translators: the rule behind companion vehicles, with its thresholds. */
  rule = g_strdup_printf (_("Rule: another plate read by the same camera within %u seconds, at %u or more places "
                            "on %u or more days"),
                          t->companion_window_s, t->companion_min_places, t->companion_min_days);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->companions_group), rule);

  if (companions->len == 0)
    {
      GtkWidget *row = plain_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None found"));
      gtk_list_box_append (self->companions_list, row);
      return;
    }

  for (guint i = 0; i < MIN (companions->len, MAX_COMPANIONS); i++)
    {
      const SlInferenceCompanion *companion = &g_array_index (companions, SlInferenceCompanion, i);
      GtkWidget *row = plain_row_new ();
      g_autofree char *reads = format_read_ids (companion->read_ids);
      g_autofree char *subtitle = NULL;
      g_autofree char *confidence = format_confidence (companion->confidence);

      /* Translators: evidence of a companion vehicle. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u sightings together at %u places on %u day: %s",
                                               "%u sightings together at %u places on %u days: %s",
                                               companion->n_days),
                                  companion->n_sightings, companion->n_places, companion->n_days, reads);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), companion->plate);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_label_set_text (add_confidence_suffix (ADW_ACTION_ROW (row)), confidence);
      gtk_list_box_append (self->companions_list, row);
    }
}

static void
show_uniqueness (SlInferencePane *self)
{
  const SlInference *inference = self->inference;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->uniqueness_row), ADW_TYPE_PREFERENCES_GROUP),
                          inference->has_uniqueness || self->counting >= 0);
  if (!inference->has_uniqueness)
    {
      /* Floored: 100% only once the figure is there. */
      guint percent = (guint) (MIN (self->counting, 1.0) * 100);

      if (self->counting < 0)
        return;
      /* Translators: instead of the uniqueness figure while every
       * vehicle's top places are worked out, e.g. "Counting vehicles… 43%". */
      title = g_strdup_printf (_("Counting vehicles… %u%%"), MIN (percent, 99));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->uniqueness_row), title);
      adw_action_row_set_subtitle (self->uniqueness_row,
                                   _("The top two places of every vehicle in the project are worked out once "
                                     "after it opens; the figure follows, the other inferences do not wait for it."));
      return;
    }

  if (inference->places->len < 2)
    title = g_strdup (_("Fewer than two places: no top-two pair to compare"));
  else if (inference->n_sharing_top_places <= 1)
    title = g_strdup (_("The only vehicle in the project with these two top places"));
  else
    /* Translators: how many vehicles share this one's two top places. */
    title = g_strdup_printf (_("One of %u vehicles in the project with these two top places"),
                             inference->n_sharing_top_places);
  /* Translators: the rule behind the uniqueness figure. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Rule: vehicles whose two top places are within %u m of these two, "
                                           "after Golle & Partridge (2009); %u vehicle near both places was compared",
                                           "Rule: vehicles whose two top places are within %u m of these two, "
                                           "after Golle & Partridge (2009); %u vehicles near both places were compared",
                                           inference->n_uniqueness_candidates),
                              (guint) inference->thresholds.uniqueness_radius_m, inference->n_uniqueness_candidates);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->uniqueness_row), title);
  adw_action_row_set_subtitle (self->uniqueness_row, subtitle);
}

static void
sl_inference_pane_dispose (GObject *object)
{
  SlInferencePane *self = SL_INFERENCE_PANE (object);

  g_clear_pointer (&self->inference, sl_inference_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_INFERENCE_PANE);

  G_OBJECT_CLASS (sl_inference_pane_parent_class)->dispose (object);
}

static void
sl_inference_pane_class_init (SlInferencePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_inference_pane_dispose;

  g_type_ensure (SL_TYPE_ROUTINE_HEATMAP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-inference-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, scroller);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, results);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, heading);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, home_row);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, work_row);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, places_list);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, heatmap);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, routine_group);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, companions_group);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, companions_list);
  gtk_widget_class_bind_template_child (widget_class, SlInferencePane, uniqueness_row);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inferencepane");
}

static void
sl_inference_pane_init (SlInferencePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->home_confidence = add_confidence_suffix (self->home_row);
  self->work_confidence = add_confidence_suffix (self->work_row);
  sl_inference_pane_set_status (self, _("Select an agency under Exposure to see what it can infer from the reads it sees."));
}

GtkWidget *
sl_inference_pane_new (void)
{
  return g_object_new (SL_TYPE_INFERENCE_PANE, NULL);
}

/**
 * sl_inference_pane_set_status:
 * @text: why there is nothing to show (yet)
 *
 * Shows @text instead of the results, and forgets them.
 */
void
sl_inference_pane_set_status (SlInferencePane *self,
                              const char      *text)
{
  g_return_if_fail (SL_IS_INFERENCE_PANE (self));

  g_clear_pointer (&self->inference, sl_inference_free);
  self->counting = -1;
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_set_visible (self->results, FALSE);
}

/**
 * sl_inference_pane_set_inference:
 * @inference: (transfer full): what @agency can infer
 * @agency: the agency's name, for the heading
 *
 * Shows every result of @inference with its evidence and confidence.
 */
void
sl_inference_pane_set_inference (SlInferencePane *self,
                                 SlInference     *inference,
                                 const char      *agency)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (SL_IS_INFERENCE_PANE (self));
  g_return_if_fail (inference != NULL);

  g_clear_pointer (&self->inference, sl_inference_free);
  self->inference = inference;
  self->counting = -1;

  /* Translators: above the inferences: the agency, the reads it sees of
   * the vehicle, on how many days, and the zone local hours are in. */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "What %s can infer from the %u read it sees, on %u days (local time: %s)",
                                          "What %s can infer from the %u reads it sees, on %u days (local time: %s)",
                                          inference->n_reads),
                             agency, inference->n_reads, inference->n_days, inference->time_zone);
  gtk_label_set_text (self->heading, heading);
  show_anchor (self, &inference->home, self->home_row, self->home_confidence, TRUE);
  show_anchor (self, &inference->work, self->work_row, self->work_confidence, FALSE);
  show_places (self);
  sl_routine_heatmap_set_counts (self->heatmap, (const guint (*)[24]) inference->heatmap);
  show_companions (self);
  show_uniqueness (self);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_widget_set_visible (self->results, TRUE);
}

/**
 * sl_inference_pane_set_uniqueness_progress:
 * @progress: how far the count is, in [0, 1], or negative for none
 *
 * Says, while the inference shown has no uniqueness figure yet, that the
 * vehicles are being counted and how far that is ("Counting vehicles…
 * 43%"); a negative @progress hides the row instead.
 */
void
sl_inference_pane_set_uniqueness_progress (SlInferencePane *self,
                                           double           progress)
{
  g_return_if_fail (SL_IS_INFERENCE_PANE (self));

  self->counting = progress;
  if (self->inference != NULL && !self->inference->has_uniqueness)
    show_uniqueness (self);
}

/**
 * sl_inference_pane_set_uniqueness:
 * @counted: the same inference's uniqueness, counted since it was shown
 *   (sl_inference_dup_top_places() of it)
 *
 * Fills in the uniqueness figure of the inference shown.
 */
void
sl_inference_pane_set_uniqueness (SlInferencePane   *self,
                                  const SlInference *counted)
{
  g_return_if_fail (SL_IS_INFERENCE_PANE (self));
  g_return_if_fail (counted != NULL);

  if (self->inference == NULL)
    return;
  self->inference->has_uniqueness = counted->has_uniqueness;
  self->inference->n_sharing_top_places = counted->n_sharing_top_places;
  self->inference->n_uniqueness_candidates = counted->n_uniqueness_candidates;
  self->counting = -1;
  show_uniqueness (self);
}

/**
 * sl_inference_pane_get_inference:
 *
 * Returns: (nullable) (transfer none): the inference shown
 */
const SlInference *
sl_inference_pane_get_inference (SlInferencePane *self)
{
  g_return_val_if_fail (SL_IS_INFERENCE_PANE (self), NULL);
  return self->inference;
}

GtkLabel *
sl_inference_pane_get_status_label (SlInferencePane *self)
{
  return self->status_label;
}

AdwActionRow *
sl_inference_pane_get_home_row (SlInferencePane *self)
{
  return self->home_row;
}

AdwActionRow *
sl_inference_pane_get_work_row (SlInferencePane *self)
{
  return self->work_row;
}

GtkListBox *
sl_inference_pane_get_places_list (SlInferencePane *self)
{
  return self->places_list;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

AdwActionRow *
sl_inference_pane_get_uniqueness_row (SlInferencePane *self)
{
  return self->uniqueness_row;
}

guint
sl_inference_pane_get_n_place_rows (SlInferencePane *self)
{
  return count_rows (self->places_list);
}

