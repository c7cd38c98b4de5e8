/* sl-timeline.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-timeline-private.h"

/* A histogram of reads over the project's time span. Bins adapt to the
 * width and to the span in view (scroll to zoom the time axis); drag to
 * select a range; play moves the selected window forward through the span;
 * a time-of-day filter keeps, e.g., only 22:00–06:00. The histogram is
 * summed from the read set's hourly counts, so it costs nothing per read.
 *
 * Emits ::changed whenever the filter changes. */

#define MIN_BIN_WIDTH 4.0
/* The least space between two date labels. */
#define LABEL_GAP 12.0
#define PLAY_INTERVAL_MS 120
#define PLAY_STEPS 60

struct _SlTimeline
{
  GtkWidget       parent_instance;

  GtkWidget      *play_button;
  GtkWidget      *histogram;
  GtkWidget      *range_label;
  GtkWidget      *day_check;
  GtkWidget      *day_start;
  GtkWidget      *day_end;

  SlReadSet      *reads;
  GTimeZone      *time_zone;
  gint64          span_start;    /* whole hours covering the reads */
  gint64          span_end;
  gint64          view_start;    /* the part of the span drawn */
  gint64          view_end;
  gint64          selection_start;
  gint64          selection_end;
  gint64          drag_origin;
  guint           play_source;
};

G_DEFINE_FINAL_TYPE (SlTimeline, sl_timeline, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const guint bin_sizes[] = {
  3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400,
};

static guint
bin_seconds_for (SlTimeline *self,
                 double      width)
{
  gint64 span = MAX (self->view_end - self->view_start, 3600);

  for (guint i = 0; i < G_N_ELEMENTS (bin_sizes); i++)
    if (span / bin_sizes[i] <= width / MIN_BIN_WIDTH)
      return bin_sizes[i];
  return bin_sizes[G_N_ELEMENTS (bin_sizes) - 1];
}

/**
 * sl_timeline_get_bin_seconds:
 *
 * Returns: the histogram's current bin width in seconds.
 */
guint
sl_timeline_get_bin_seconds (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), 0);

  return bin_seconds_for (self, MAX (gtk_widget_get_width (self->histogram), 1));
}

static double
time_to_x (SlTimeline *self,
           gint64      time,
           double      width)
{
  return (time - self->view_start) * width / (double) MAX (self->view_end - self->view_start, 1);
}

static gint64
x_to_time (SlTimeline *self,
           double      x,
           double      width)
{
  return self->view_start + (gint64) (x / MAX (width, 1) * (self->view_end - self->view_start));
}

static char *
format_time (SlTimeline *self,
             gint64      time,
             const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->time_zone);

  return g_date_time_format (local, format);
}

static void
update_label (SlTimeline *self)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *text = NULL;

  if (self->reads == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->range_label), "");
      return;
    }
  /* Translators: a date and time format, see g_date_time_format() */
  start = format_time (self, self->selection_start, _("%Y-%m-%d %H:%M"));
  end = format_time (self, self->selection_end, _("%Y-%m-%d %H:%M"));
  /* Translators: a time range, e.g. "2019-03-01 00:00 – 2019-03-08 00:00" */
  text = g_strdup_printf (_("%s – %s"), start, end);
  gtk_label_set_text (GTK_LABEL (self->range_label), text);
}

static void
emit_changed (SlTimeline *self)
{
  update_label (self);
  gtk_widget_queue_draw (self->histogram);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Steps between date labels, in days. */
static const guint label_steps[] = { 1, 2, 7, 14, 28, 91, 364 };

/* A day number in the reads' zone: local midnights are multiples of a day. */
static gint64
local_day (GDateTime *local)
{
  return (g_date_time_to_unix (local) + g_date_time_get_utc_offset (local) / G_USEC_PER_SEC) / 86400;
}

/* Where the date labels go at @width × @height: in a row of their own
 * under the bars (which end at @axis), at local midnights every 1, 2, 7,
 * … days, the first step at which they fit side by side; a label that
 * would still come within LABEL_GAP of the one before it (uneven widths,
 * the edges) is left out. A view shorter than a day with no midnight in it
 * gets its start date.
 *
 * Returns: (element-type SlTimelineLabel): the labels, left to right */
static GArray *
layout_axis_labels (SlTimeline  *self,
                    PangoLayout *layout,
                    int          width,
                    int          height,
                    double      *axis)
{
  GArray *labels = g_array_new (FALSE, TRUE, sizeof (SlTimelineLabel));
  g_autoptr(GDateTime) start_utc = g_date_time_new_from_unix_utc (self->view_start);
  g_autoptr(GDateTime) start = g_date_time_to_timezone (start_utc, self->time_zone);
  g_autoptr(GDateTime) day = NULL;
  double px_per_day = width * 86400.0 / MAX (self->view_end - self->view_start, 1);
  double right = -G_MAXDOUBLE;
  guint step = label_steps[G_N_ELEMENTS (label_steps) - 1];
  int tw, th;

  g_array_set_clear_func (labels, (GDestroyNotify) sl_timeline_label_clear);
  {
    /* Translators: a date format for the timeline's axis */
    g_autofree char *sample = format_time (self, self->view_start, _("%Y-%m-%d"));

    pango_layout_set_text (layout, sample, -1);
    pango_layout_get_pixel_size (layout, &tw, &th);
  }
  *axis = MAX (height - th - 2, 0);
  for (guint i = 0; i < G_N_ELEMENTS (label_steps); i++)
    if (label_steps[i] * px_per_day >= tw + LABEL_GAP)
      {
        step = label_steps[i];
        break;
      }

  day = g_date_time_new (self->time_zone, g_date_time_get_year (start), g_date_time_get_month (start),
                         g_date_time_get_day_of_month (start), 0, 0, 0);
  if (g_date_time_to_unix (day) < self->view_start)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
    }
  while (day != NULL && g_date_time_to_unix (day) <= self->view_end)
    {
      GDateTime *next;

      if (local_day (day) % step == 0)
        {
          SlTimelineLabel label;
          double x = time_to_x (self, g_date_time_to_unix (day), width);
          int w, h;

          label.text = g_date_time_format (day, _("%Y-%m-%d"));
          pango_layout_set_text (layout, label.text, -1);
          pango_layout_get_pixel_size (layout, &w, &h);
          label.rect = GRAPHENE_RECT_INIT (CLAMP (x - w / 2.0, 0, MAX (width - w, 0)), height - h, w, h);
          if (label.rect.origin.x >= right + LABEL_GAP && label.rect.origin.x + w <= width)
            {
              right = label.rect.origin.x + w;
              g_array_append_val (labels, label);
            }
          else
            g_free (label.text);
        }
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }

  if (labels->len == 0)
    {
      SlTimelineLabel label = { GRAPHENE_RECT_INIT (0, height - th, tw, th), format_time (self, self->view_start,
                                                                                         _("%Y-%m-%d")) };

      if (tw <= width)
        g_array_append_val (labels, label);
      else
        g_free (label.text);
    }
  return labels;
}

void
sl_timeline_label_clear (SlTimelineLabel *label)
{
  g_clear_pointer (&label->text, g_free);
}

/**
 * sl_timeline_get_axis_labels:
 * @axis: (out): where the bars stop, in the histogram's coordinates
 *
 * Returns: (transfer full) (element-type SlTimelineLabel): the date labels
 * the histogram draws at its current size
 */
GArray *
sl_timeline_get_axis_labels (SlTimeline *self,
                             double     *axis)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (self->histogram, NULL);

  g_return_val_if_fail (SL_IS_TIMELINE (self), NULL);

  return layout_axis_labels (self, layout, gtk_widget_get_width (self->histogram),
                             gtk_widget_get_height (self->histogram), axis);
}

static void
draw_histogram (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  SlTimeline *self = user_data;
  const guint32 *hourly;
  g_autofree guint64 *bins = NULL;
  gint64 first_hour, bin_start;
  guint n_hours, bin_seconds, n_bins;
  guint64 max = 1;
  double axis;
  double sel_x0, sel_x1;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) labels = NULL;

  if (self->reads == NULL || sl_read_set_get_n_reads (self->reads) == 0)
    return;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  labels = layout_axis_labels (self, layout, width, height, &axis);

  hourly = sl_read_set_get_hourly_counts (self->reads, &first_hour, &n_hours);
  bin_seconds = bin_seconds_for (self, width);
  /* Bins are aligned to multiples of their width, so zooming or resizing
   * never shifts what a bar counts. */
  bin_start = self->view_start / bin_seconds * bin_seconds;
  n_bins = (guint) ((self->view_end - bin_start + bin_seconds - 1) / bin_seconds);
  bins = g_new0 (guint64, n_bins);
  for (guint h = 0; h < n_hours; h++)
    {
      gint64 t = (first_hour + h) * 3600;

      if (t >= bin_start && t < self->view_end)
        bins[(t - bin_start) / bin_seconds] += hourly[h];
    }
  for (guint b = 0; b < n_bins; b++)
    max = MAX (max, bins[b]);

  sel_x0 = time_to_x (self, self->selection_start, width);
  sel_x1 = time_to_x (self, self->selection_end, width);

  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.12);
  cairo_rectangle (cr, sel_x0, 0, sel_x1 - sel_x0, axis);
  cairo_fill (cr);

  for (guint b = 0; b < n_bins; b++)
    {
      gint64 t0 = bin_start + (gint64) b * bin_seconds;
      double x0 = time_to_x (self, t0, width);
      double x1 = time_to_x (self, t0 + bin_seconds, width);
      double h = bins[b] / (double) max * (axis - 4);
      gboolean inside = t0 + bin_seconds > self->selection_start && t0 < self->selection_end;

      if (bins[b] == 0)
        continue;
      if (inside)
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      else
        cairo_set_source_rgba (cr, 0.5, 0.5, 0.55, 0.5);
      cairo_rectangle (cr, x0, axis - MAX (h, 1), MAX (x1 - x0 - 1, 1), MAX (h, 1));
      cairo_fill (cr);
    }

  /* Selection edges. */
  cairo_set_source_rgb (cr, 0.1, 0.35, 0.7);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, sel_x0, 0);
  cairo_line_to (cr, sel_x0, axis);
  cairo_move_to (cr, sel_x1, 0);
  cairo_line_to (cr, sel_x1, axis);
  cairo_stroke (cr);

  /* The dates, in their row under the bars. */
  cairo_set_source_rgba (cr, 0.3, 0.3, 0.33, 1);
  for (guint i = 0; i < labels->len; i++)
    {
      const SlTimelineLabel *label = &g_array_index (labels, SlTimelineLabel, i);

      pango_layout_set_text (layout, label->text, -1);
      cairo_move_to (cr, label->rect.origin.x, label->rect.origin.y);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SlTimeline     *self)
{
  double width = gtk_widget_get_width (self->histogram);

  if (self->reads == NULL)
    return;
  sl_timeline_set_playing (self, FALSE);
  self->drag_origin = x_to_time (self, x, width);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SlTimeline     *self)
{
  double width = gtk_widget_get_width (self->histogram);
  double x;
  gint64 t;

  if (self->reads == NULL || ABS (dx) < 2)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, NULL);
  t = x_to_time (self, x + dx, width);
  sl_timeline_select_range (self, MIN (self->drag_origin, t), MAX (self->drag_origin, t));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SlTimeline     *self)
{
  /* A click without a drag selects everything again. */
  if (self->reads != NULL && ABS (dx) < 2)
    sl_timeline_select_range (self, self->span_start, self->span_end);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SlTimeline               *self)
{
  double width = gtk_widget_get_width (self->histogram);
  gint64 span = self->view_end - self->view_start;
  double factor = dy > 0 ? 1.25 : 0.8;
  gint64 new_span = CLAMP ((gint64) (span * factor), 24 * 3600, self->span_end - self->span_start);
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  double x = width / 2;
  gint64 anchor;

  if (self->reads == NULL)
    return FALSE;
  if (event != NULL)
    {
      double ex, ey;

      if (gdk_event_get_position (event, &ex, &ey))
        {
          graphene_point_t p;

          if (gtk_widget_compute_point (GTK_WIDGET (self), self->histogram,
                                        &GRAPHENE_POINT_INIT (ex, ey), &p))
            x = p.x;
        }
    }
  /* Zoom about the time under the pointer. */
  anchor = x_to_time (self, x, width);
  self->view_start = anchor - (gint64) (x / MAX (width, 1) * new_span);
  self->view_start = CLAMP (self->view_start, self->span_start, self->span_end - new_span);
  self->view_end = self->view_start + new_span;
  gtk_widget_queue_draw (self->histogram);
  return TRUE;
}

/* Keyboard: Left/Right move the selection by one bin, Shift+Left/Right
 * resize it, Home/End select all, Space plays or pauses. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SlTimeline            *self)
{
  gint64 bin = sl_timeline_get_bin_seconds (self);
  gint64 length = self->selection_end - self->selection_start;
  int direction;

  if (self->reads == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      direction = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      direction = 1;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_End:
      sl_timeline_select_range (self, self->span_start, self->span_end);
      return TRUE;
    case GDK_KEY_space:
      sl_timeline_set_playing (self, self->play_source == 0);
      return TRUE;
    default:
      return FALSE;
    }

  if (state & GDK_SHIFT_MASK)
    sl_timeline_select_range (self, self->selection_start,
                              MAX (self->selection_end + direction * bin, self->selection_start + bin));
  else if (direction < 0)
    sl_timeline_select_range (self, MAX (self->selection_start - bin, self->span_start),
                              MAX (self->selection_start - bin, self->span_start) + length);
  else
    sl_timeline_select_range (self, MIN (self->selection_start + bin, self->span_end - length),
                              MIN (self->selection_start + bin, self->span_end - length) + length);
  return TRUE;
}

static gboolean
play_tick (gpointer user_data)
{
  sl_timeline_step (user_data);
  return G_SOURCE_CONTINUE;
}

/**
 * sl_timeline_step:
 *
 * Moves the selected window forward by 1/60 of the span (at least an hour),
 * wrapping to the start when it reaches the end. What one frame of "play"
 * does.
 */
void
sl_timeline_step (SlTimeline *self)
{
  gint64 length = self->selection_end - self->selection_start;
  gint64 step = MAX ((self->span_end - self->span_start) / PLAY_STEPS, 3600);

  g_return_if_fail (SL_IS_TIMELINE (self));

  if (self->reads == NULL)
    return;
  if (self->selection_end >= self->span_end)
    sl_timeline_select_range (self, self->span_start, self->span_start + length);
  else
    sl_timeline_select_range (self, self->selection_start + step,
                              MIN (self->selection_end + step, self->span_end));
}

void
sl_timeline_set_playing (SlTimeline *self,
                         gboolean    playing)
{
  g_return_if_fail (SL_IS_TIMELINE (self));

  if (playing == (self->play_source != 0))
    return;

  if (playing)
    {
      /* Playing the whole span would show nothing move: start from a
       * window of a tenth of it. */
      if (self->selection_end - self->selection_start >= self->span_end - self->span_start)
        sl_timeline_select_range (self, self->span_start,
                                  self->span_start + MAX ((self->span_end - self->span_start) / 10, 3600));
      self->play_source = g_timeout_add (PLAY_INTERVAL_MS, play_tick, self);
    }
  else
    g_clear_handle_id (&self->play_source, g_source_remove);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, playing ? _("Pause") : _("Play through the time span"));
}

gboolean
sl_timeline_get_playing (SlTimeline *self)
{
  g_return_val_if_fail (SL_IS_TIMELINE (self), FALSE);

  return self->play_source != 0;
}

static void
on_play_clicked (SlTimeline *self)
{
  sl_timeline_set_playing (self, self->play_source == 0);
}

static void
on_day_filter_changed (SlTimeline *self)
{
  gboolean active = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->day_check));

  gtk_widget_set_sensitive (self->day_start, active);
  gtk_widget_set_sensitive (self->day_end, active);
  emit_changed (self);
}

static GtkWidget *
hour_spin_button (SlTimeline *self,
                  int         value,
                  const char *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 23, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_sensitive (spin, FALSE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_day_filter_changed), self);
  return spin;
}

static void
sl_timeline_dispose (GObject *object)
{
  SlTimeline *self = SL_TIMELINE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->play_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->reads, sl_read_set_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (sl_timeline_parent_class)->dispose (object);
}

static void
sl_timeline_class_init (SlTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_timeline_dispose;

  /**
   * SlTimeline::changed:
   *
   * The selected range or the time-of-day filter changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sl_timeline_init (SlTimeline *self)
{
  GtkWidget *range_box, *day_box, *to_label;
  GtkGesture *drag;
  GtkEventController *scroll, *key;

  self->time_zone = g_time_zone_new_local ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_HORIZONTAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 8);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);

  self->play_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_set_valign (self->play_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->play_button, _("Play through the time span"));
  gtk_widget_add_css_class (self->play_button, "circular");
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  gtk_widget_set_parent (self->play_button, GTK_WIDGET (self));

  range_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (range_box, TRUE);
  self->histogram = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->histogram), 64);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->histogram), draw_histogram, self, NULL);
  gtk_widget_set_focusable (self->histogram, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->histogram),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reads over time; drag to select a range"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Left and Right move the selection, Shift resizes it, "
                                    "Home selects everything, Space plays"),
                                  -1);
  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (self->histogram, GTK_EVENT_CONTROLLER (drag));
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->histogram, key);
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (self->histogram, scroll);
  gtk_box_append (GTK_BOX (range_box), self->histogram);
  self->range_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->range_label, "caption");
  gtk_widget_add_css_class (self->range_label, "dim-label");
  gtk_box_append (GTK_BOX (range_box), self->range_label);
  gtk_widget_set_parent (range_box, GTK_WIDGET (self));

  day_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_valign (day_box, GTK_ALIGN_CENTER);
  self->day_check = gtk_check_button_new_with_label (_("Only from"));
  g_signal_connect_swapped (self->day_check, "toggled", G_CALLBACK (on_day_filter_changed), self);
  gtk_box_append (GTK_BOX (day_box), self->day_check);
  self->day_start = hour_spin_button (self, 22, _("From hour"));
  gtk_box_append (GTK_BOX (day_box), self->day_start);
  /* Translators: between the two hours of the time-of-day filter */
  to_label = gtk_label_new (_("to"));
  gtk_box_append (GTK_BOX (day_box), to_label);
  self->day_end = hour_spin_button (self, 6, _("To hour"));
  gtk_box_append (GTK_BOX (day_box), self->day_end);
  gtk_widget_set_parent (day_box, GTK_WIDGET (self));
}

GtkWidget *
sl_timeline_new (void)
{
  return g_object_new (SL_TYPE_TIMELINE, NULL);
}

/**
 * sl_timeline_set_time_zone:
 *
 * The zone of the dates shown and of the time-of-day filter: the reads'
 * local time, not necessarily the user's.
 */
void
sl_timeline_set_time_zone (SlTimeline *self,
                           GTimeZone  *time_zone)
{
  g_return_if_fail (SL_IS_TIMELINE (self));
  g_return_if_fail (time_zone != NULL);

  g_time_zone_ref (time_zone);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = time_zone;
  emit_changed (self);
}

/**
 * sl_timeline_set_reads:
 * @reads: (nullable): a sealed read set
 *
 * Shows the set's whole span and selects all of it.
 */
void
sl_timeline_set_reads (SlTimeline *self,
                       SlReadSet  *reads)
{
  gint64 first, last;

  g_return_if_fail (SL_IS_TIMELINE (self));

  sl_timeline_set_playing (self, FALSE);
  g_clear_pointer (&self->reads, sl_read_set_unref);
  if (reads != NULL && sl_read_set_get_time_span (reads, &first, &last))
    {
      self->reads = sl_read_set_ref (reads);
      self->span_start = first / 3600 * 3600;
      self->span_end = (last / 3600 + 1) * 3600;
    }
  else
    self->span_start = self->span_end = 0;

  self->view_start = self->selection_start = self->span_start;
  self->view_end = self->selection_end = self->span_end;
  emit_changed (self);
}

void
sl_timeline_select_range (SlTimeline *self,
                          gint64      start,
                          gint64      end)
{
  g_return_if_fail (SL_IS_TIMELINE (self));

  start = CLAMP (start, self->span_start, self->span_end);
  end = CLAMP (end, start, self->span_end);
  if (start == self->selection_start && end == self->selection_end)
    return;
  self->selection_start = start;
  self->selection_end = end;
  emit_changed (self);
}

/**
 * sl_timeline_set_time_of_day:
 *
 * Keeps only reads from @start_hour to @end_hour local time (wrapping past
 * midnight when @start_hour > @end_hour); equal hours turn the filter off.
 */
void
sl_timeline_set_time_of_day (SlTimeline *self,
                             int         start_hour,
                             int         end_hour)
{
  g_return_if_fail (SL_IS_TIMELINE (self));

  /* Silence the spin buttons' own notifications: one ::changed is enough. */
  g_signal_handlers_block_by_func (self->day_start, on_day_filter_changed, self);
  g_signal_handlers_block_by_func (self->day_end, on_day_filter_changed, self);
  g_signal_handlers_block_by_func (self->day_check, on_day_filter_changed, self);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->day_start), start_hour);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->day_end), end_hour);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->day_check), start_hour != end_hour);
  g_signal_handlers_unblock_by_func (self->day_start, on_day_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->day_end, on_day_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->day_check, on_day_filter_changed, self);
  on_day_filter_changed (self);
}

void
sl_timeline_get_filter (SlTimeline   *self,
                        SlReadFilter *filter)
{
  g_return_if_fail (SL_IS_TIMELINE (self));

  filter->start = self->selection_start;
  filter->end = self->selection_end;
  /* The last hour's reads belong to the span: its end is exclusive. */
  if (filter->end >= self->span_end)
    filter->end = G_MAXINT64;
  filter->day_start = filter->day_end = 0;
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->day_check)))
    {
      filter->day_start = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->day_start)) * 3600;
      filter->day_end = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->day_end)) * 3600;
    }
}
