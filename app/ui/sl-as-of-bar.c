/* sl-as-of-bar.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-as-of-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-as-of-bar.h"

/* The as-of time of a what-if session: what each agency can see of the
 * vehicle on a given day, as reads arrive and as each owner's retention
 * expires. A slider over the days on which anything changes (the first to
 * the last day of visibility of the session's exposure), playback that
 * moves it a day at a time, and All Time (every read ever visible, the
 * session's default). The session recomputes the exposure; the exposure
 * pane and the flow diagram follow its ::changed signal. */

struct _SlAsOfBar
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkButton     *play_button;
  GtkScale      *scale;
  GtkLabel      *label;
  GtkDropDown   *speed_dropdown;
  GtkButton     *all_button;

  SlWhatIf      *what_if;
  /* Local midnight of the first day, and of the day after the last. */
  gint64         start;
  gint64         end;
  gboolean       has_range;
  /* SL_TIME_MAX for all time; kept across sessions (vehicles). */
  gint64         as_of;
  guint          play_source;
  /* Set while the bar moves the scale itself. */
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (SlAsOfBar, sl_as_of_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AS_OF,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Per speed of the dropdown: a step of days every interval. */
static const struct
{
  guint interval_ms;
  guint days;
} speeds[] = {
  { 1000, 1 },   /* a day a second */
  { 143, 1 },    /* a week a second */
  { 100, 3 },    /* a month a second */
};

static gint64
local_midnight (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_local (time);
  g_autoptr(GDateTime) midnight = NULL;

  if (utc == NULL)
    return time;
  midnight = g_date_time_new_local (g_date_time_get_year (utc), g_date_time_get_month (utc),
                                    g_date_time_get_day_of_month (utc), 0, 0, 0);
  return g_date_time_to_unix (midnight);
}

static guint
n_days (SlAsOfBar *self)
{
  return (guint) ((self->end - self->start + SL_SECONDS_PER_DAY / 2) / SL_SECONDS_PER_DAY);
}

static void
update_widgets (SlAsOfBar *self)
{
  g_autofree char *text = NULL;

  self->updating = TRUE;
  if (self->has_range)
    {
      guint days = n_days (self);
      double value = days;

      gtk_range_set_range (GTK_RANGE (self->scale), 0, MAX (days, 1));
      if (self->as_of != SL_TIME_MAX)
        value = CLAMP ((double) (self->as_of - self->start) / SL_SECONDS_PER_DAY, 0, days);
      gtk_range_set_value (GTK_RANGE (self->scale), value);
    }
  self->updating = FALSE;

  if (self->as_of == SL_TIME_MAX)
    text = g_strdup (_("All time: every read ever visible"));
  else
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (self->as_of);
      /* Translators: a date under the as-of slider, see g_date_time_format(). */
      g_autofree char *day = date != NULL ? g_date_time_format (date, _("%-d %b %Y")) : g_strdup ("?");

      /* Translators: what the exposure shows: reads visible on that day. */
      text = g_strdup_printf (_("As of the end of %s"), day);
    }
  gtk_label_set_text (self->label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->all_button), self->as_of != SL_TIME_MAX);
  gtk_widget_set_sensitive (self->box, self->what_if != NULL && self->has_range);
}

/**
 * sl_as_of_bar_set_as_of:
 * @as_of: an instant (UTC seconds), or SL_TIME_MAX for all time
 *
 * Shows the exposure of the reads visible at @as_of.
 */
void
sl_as_of_bar_set_as_of (SlAsOfBar *self,
                        gint64     as_of)
{
  g_return_if_fail (SL_IS_AS_OF_BAR (self));

  if (as_of != self->as_of)
    {
      self->as_of = as_of;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
    }
  if (self->what_if != NULL)
    sl_what_if_set_as_of (self->what_if, as_of);
  update_widgets (self);
}

gint64
sl_as_of_bar_get_as_of (SlAsOfBar *self)
{
  g_return_val_if_fail (SL_IS_AS_OF_BAR (self), SL_TIME_MAX);
  return self->as_of;
}

/**
 * sl_as_of_bar_get_range:
 * @start: (out): local midnight of the first day of visibility
 * @end: (out): local midnight after the last day of visibility
 *
 * Returns: whether the session sees any read at all
 */
gboolean
sl_as_of_bar_get_range (SlAsOfBar *self,
                        gint64    *start,
                        gint64    *end)
{
  g_return_val_if_fail (SL_IS_AS_OF_BAR (self), FALSE);

  *start = self->start;
  *end = self->end;
  return self->has_range;
}

/* The days on which the exposure can change: from the first second any
 * agency sees a read to the last second a known retention allows. */
static void
compute_range (SlAsOfBar *self)
{
  GArray *exposure;
  gint64 first = SL_TIME_MAX;
  gint64 last = SL_TIME_MIN;

  self->has_range = FALSE;
  if (self->what_if == NULL)
    return;

  exposure = sl_what_if_get_exposure (self->what_if);
  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row = &g_array_index (exposure, SlExposure, i);

      first = MIN (first, row->first);
      last = MAX (last, row->first);
      if (row->last != SL_TIME_MAX)
        last = MAX (last, row->last);
    }
  if (exposure->len == 0)
    return;

  self->start = local_midnight (first);
  self->end = local_midnight (last) + SL_SECONDS_PER_DAY;
  self->has_range = TRUE;
}

/**
 * sl_as_of_bar_set_what_if:
 * @what_if: (nullable): the session of the vehicle shown
 *
 * Follows @what_if, setting its as-of time to the bar's.
 */
void
sl_as_of_bar_set_what_if (SlAsOfBar *self,
                          SlWhatIf  *what_if)
{
  g_return_if_fail (SL_IS_AS_OF_BAR (self));
  g_return_if_fail (what_if == NULL || SL_IS_WHAT_IF (what_if));

  sl_as_of_bar_set_playing (self, FALSE);
  g_set_object (&self->what_if, what_if);
  if (what_if != NULL)
    {
      /* The range is that of everything ever visible. */
      sl_what_if_set_as_of (what_if, SL_TIME_MAX);
      compute_range (self);
      sl_what_if_set_as_of (what_if, self->as_of);
    }
  else
    {
      self->has_range = FALSE;
    }
  update_widgets (self);
}

/**
 * sl_as_of_bar_step:
 *
 * Moves the as-of time on by the playback speed's step, from the first day
 * when it showed all time; stops playing after the last day.
 */
void
sl_as_of_bar_step (SlAsOfBar *self)
{
  guint speed = gtk_drop_down_get_selected (self->speed_dropdown);
  gint64 next;

  g_return_if_fail (SL_IS_AS_OF_BAR (self));

  if (!self->has_range)
    return;
  if (speed >= G_N_ELEMENTS (speeds))
    speed = 0;

  if (self->as_of == SL_TIME_MAX || self->as_of >= self->end - 1)
    next = self->start + SL_SECONDS_PER_DAY - 1;
  else
    next = MIN (self->as_of + (gint64) speeds[speed].days * SL_SECONDS_PER_DAY, self->end - 1);
  sl_as_of_bar_set_as_of (self, next);
  if (next >= self->end - 1)
    sl_as_of_bar_set_playing (self, FALSE);
}

static gboolean
play_tick (gpointer user_data)
{
  sl_as_of_bar_step (SL_AS_OF_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

static void
restart_timer (SlAsOfBar *self)
{
  guint speed = MIN (gtk_drop_down_get_selected (self->speed_dropdown), G_N_ELEMENTS (speeds) - 1);

  g_clear_handle_id (&self->play_source, g_source_remove);
  self->play_source = g_timeout_add (speeds[speed].interval_ms, play_tick, self);
}

void
sl_as_of_bar_set_playing (SlAsOfBar *self,
                          gboolean   playing)
{
  g_return_if_fail (SL_IS_AS_OF_BAR (self));

  playing = playing && self->has_range;
  if (playing == (self->play_source != 0))
    return;
  if (playing)
    {
      /* From the first day, unless paused half way. */
      if (self->as_of == SL_TIME_MAX || self->as_of >= self->end - 1)
        sl_as_of_bar_set_as_of (self, self->start + SL_SECONDS_PER_DAY - 1);
      restart_timer (self);
    }
  else
    {
      g_clear_handle_id (&self->play_source, g_source_remove);
    }
  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause") : _("Play the days: reads appear and reach each agency"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
sl_as_of_bar_get_playing (SlAsOfBar *self)
{
  g_return_val_if_fail (SL_IS_AS_OF_BAR (self), FALSE);
  return self->play_source != 0;
}

/**
 * sl_as_of_bar_get_label:
 *
 * Returns: (transfer none): the label that states the as-of time
 */
GtkLabel *
sl_as_of_bar_get_label (SlAsOfBar *self)
{
  g_return_val_if_fail (SL_IS_AS_OF_BAR (self), NULL);
  return self->label;
}

static void
on_play_clicked (SlAsOfBar *self)
{
  sl_as_of_bar_set_playing (self, self->play_source == 0);
}

static void
on_all_clicked (SlAsOfBar *self)
{
  sl_as_of_bar_set_playing (self, FALSE);
  sl_as_of_bar_set_as_of (self, SL_TIME_MAX);
}

static void
on_scale_changed (SlAsOfBar *self)
{
  double value;

  if (self->updating || !self->has_range)
    return;
  /* The end of the day the slider is on. */
  value = gtk_range_get_value (GTK_RANGE (self->scale));
  sl_as_of_bar_set_as_of (self, self->start + (gint64) (value + 0.5) * SL_SECONDS_PER_DAY +
                                SL_SECONDS_PER_DAY - 1);
}

static void
on_speed_changed (SlAsOfBar *self)
{
  if (self->play_source != 0)
    restart_timer (self);
}

static void
sl_as_of_bar_dispose (GObject *object)
{
  SlAsOfBar *self = SL_AS_OF_BAR (object);

  g_clear_handle_id (&self->play_source, g_source_remove);
  g_clear_object (&self->what_if);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_AS_OF_BAR);

  G_OBJECT_CLASS (sl_as_of_bar_parent_class)->dispose (object);
}

static void
sl_as_of_bar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlAsOfBar *self = SL_AS_OF_BAR (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      g_value_set_int64 (value, self->as_of);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, self->play_source != 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_as_of_bar_class_init (SlAsOfBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_as_of_bar_dispose;
  object_class->get_property = sl_as_of_bar_get_property;

  /**
   * SlAsOfBar:as-of:
   *
   * The instant whose visible reads the exposure counts (UTC seconds), or
   * SL_TIME_MAX for all time.
   */
  properties[PROP_AS_OF] =
    g_param_spec_int64 ("as-of", NULL, NULL, G_MININT64, G_MAXINT64, SL_TIME_MAX,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-as-of-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SlAsOfBar, box);
  gtk_widget_class_bind_template_child (widget_class, SlAsOfBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, SlAsOfBar, scale);
  gtk_widget_class_bind_template_child (widget_class, SlAsOfBar, label);
  gtk_widget_class_bind_template_child (widget_class, SlAsOfBar, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlAsOfBar, all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_play_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_scale_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sl_as_of_bar_init (SlAsOfBar *self)
{
  self->as_of = SL_TIME_MAX;
  gtk_widget_init_template (GTK_WIDGET (self));
  update_widgets (self);
}

GtkWidget *
sl_as_of_bar_new (void)
{
  return g_object_new (SL_TYPE_AS_OF_BAR, NULL);
}
