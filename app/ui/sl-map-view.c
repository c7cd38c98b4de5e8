/* sl-map-view.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-basemap-layer.h"
#include "sl-basemap-source.h"
#include "sl-cameras-layer.h"
#include "sl-map-view.h"
#include "sl-map-overlays.h"
#include "sl-map-view-private.h"
#include "sl-mercator.h"
#include "sl-online-tile-source.h"
#include "sl-reads-layer.h"

/* The map page: a bare ShumateMap with the offline basemap, optional
 * OpenStreetMap tiles over it, the reads, camera and track layers, a
 * legend, scale and attribution, and the timeline under it.
 *
 * Clicks are hit-tested here (layers get no input in libshumate 1.0): the
 * track first, then cameras, then single reads; the result is emitted as
 * ::read-activated / ::camera-activated / ::track-point-activated, and a
 * camera also gets a popover with its figures. */

#define OSM_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define STATE_LATITUDE 41.52
#define STATE_LONGITUDE -72.76
#define STATE_ZOOM 8.6

struct _SlMapView
{
  GtkWidget          parent_instance;

  ShumateMap        *map;
  ShumateViewport   *viewport;
  SlBasemapSource   *basemap;
  SlBasemapLayer    *basemap_layer;
  ShumateMapSource  *osm_source;
  ShumateMapLayer   *osm_layer;
  SlReadsLayer      *reads_layer;
  SlCamerasLayer    *cameras_layer;
  SlTrackLayer      *track_layer;
  ShumateLicense    *license;
  ShumateScale      *scale;
  GtkWidget         *legend;
  GtkWidget         *legend_agencies;
  GtkWidget         *popover;
  SlTimeline        *timeline;

  SlReadSet         *reads;
  /* The reads' camera sites once collected, and reads per agency index. */
  GArray            *sites;
  guint             *agency_counts;
  /* The largest read set shown since the map was last emptied, when it
   * is not shown, with its sites and counts (see sl_map_view_set_reads()). */
  SlReadSet         *kept_reads;
  GArray            *kept_sites;
  guint             *kept_counts;
  GArray            *camera_order;   /* site indexes, busiest first */
  char             **agency_names;
  guint              camera_cursor;
  GTimeZone         *time_zone;
  GCancellable      *selection_cancellable;
  GCancellable      *sites_cancellable;
  int                basemap_scale;
};

G_DEFINE_FINAL_TYPE (SlMapView, sl_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ONLINE_TILES,
  N_PROPS
};

enum {
  READ_ACTIVATED,
  CAMERA_ACTIVATED,
  TRACK_POINT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The basemap is drawn at the widget's scale factor; a new factor (moving
 * to a HiDPI monitor) needs a source with another cache id. */
static void
ensure_basemap (SlMapView *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (self->basemap != NULL && self->basemap_scale == scale)
    return;

  if (self->basemap_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->basemap_layer));
      shumate_license_remove_map_source (self->license, SHUMATE_MAP_SOURCE (self->basemap));
    }
  g_clear_object (&self->basemap);

  self->basemap_scale = scale;
  self->basemap = sl_basemap_source_new (SL_BASEMAP_BOUNDARIES_REGIONS, scale);
  shumate_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (self->basemap));
  self->basemap_layer = sl_basemap_layer_new (self->viewport, self->basemap);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->basemap_layer),
                                   self->osm_layer ? SHUMATE_LAYER (self->osm_layer)
                                                   : SHUMATE_LAYER (self->reads_layer));
  shumate_license_prepend_map_source (self->license, SHUMATE_MAP_SOURCE (self->basemap));
}

static char *
format_time (SlMapView *self,
             gint64     time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->time_zone);

  /* Translators: a date and time format, see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static const char *
agency_name (SlMapView *self,
             guint      agency)
{
  if (self->agency_names != NULL && agency < g_strv_length (self->agency_names))
    return self->agency_names[agency];
  return NULL;
}

static void
show_camera_popover (SlMapView        *self,
                     const SlReadSite *site,
                     double            x,
                     double            y)
{
  g_autofree char *first = format_time (self, site->first_time);
  g_autofree char *last = format_time (self, site->last_time);
  g_autofree char *text = NULL;
  const char *agency = agency_name (self, site->agency);
  GtkWidget *label;

  text = g_strdup_printf (ngettext ("%s\n%u read\nFirst: %s\nLast: %s",
                                    "%s\n%u reads\nFirst: %s\nLast: %s", site->n_reads),
                          agency ? agency : _("Unknown agency"), site->n_reads, first, last);
  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_popover_set_child (GTK_POPOVER (self->popover), label);
  /* Map and view share their origin: the map is the view's first child. */
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_map_clicked (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                SlMapView       *self)
{
  guint index;

  if (n_press != 1)
    return;

  if (sl_track_layer_hit_test (self->track_layer, x, y, &index))
    g_signal_emit (self, signals[TRACK_POINT_ACTIVATED], 0, index);
  else if (sl_cameras_layer_hit_test (self->cameras_layer, x, y, &index))
    {
      show_camera_popover (self, sl_cameras_layer_get_site (self->cameras_layer, index), x, y);
      g_signal_emit (self, signals[CAMERA_ACTIVATED], 0, index);
    }
  else if (sl_reads_layer_get_mode (self->reads_layer) == SL_READS_LAYER_MODE_DOTS &&
           sl_reads_layer_hit_test (self->reads_layer, x, y, &index))
    g_signal_emit (self, signals[READ_ACTIVATED], 0, index);
}

/* Hovering a track point tells when it was read and by whom; a camera, how
 * many reads it took. */
static gboolean
on_query_tooltip (GtkWidget  *map,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  SlMapView  *self)
{
  g_autofree char *text = NULL;
  guint index;

  if (keyboard)
    return FALSE;

  if (sl_track_layer_hit_test (self->track_layer, x, y, &index))
    {
      SlTrackPoint point;
      g_autofree char *time = NULL;
      const char *agency;

      sl_track_layer_get_point (self->track_layer, index, &point);
      time = format_time (self, point.time);
      agency = agency_name (self, point.agency);
      /* Translators: a track point's tooltip: number, time, agency */
      text = g_strdup_printf (_("%u · %s · %s"), index + 1, time, agency ? agency : _("Unknown agency"));
    }
  else if (sl_cameras_layer_hit_test (self->cameras_layer, x, y, &index))
    {
      const SlReadSite *site = sl_cameras_layer_get_site (self->cameras_layer, index);
      const char *agency = agency_name (self, site->agency);

      text = g_strdup_printf (ngettext ("Camera of %s: %u read", "Camera of %s: %u reads", site->n_reads),
                              agency ? agency : _("Unknown agency"), site->n_reads);
    }
  else
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static int
compare_sites_by_reads (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  GArray *sites = user_data;
  const SlReadSite *sa = &g_array_index (sites, SlReadSite, *(const guint *) a);
  const SlReadSite *sb = &g_array_index (sites, SlReadSite, *(const guint *) b);

  return (sa->n_reads < sb->n_reads) - (sa->n_reads > sb->n_reads);
}

/* Keyboard access to the cameras: Page Down / Page Up step through them
 * from the busiest, centre the map on each and open its popover. */
static void
step_camera (SlMapView *self,
             int        direction)
{
  ShumateMap *map = self->map;
  const SlReadSite *site;
  double latitude, longitude;
  guint n;

  if (self->camera_order == NULL || (n = self->camera_order->len) == 0)
    return;

  self->camera_cursor = (self->camera_cursor + n + direction) % n;
  site = sl_cameras_layer_get_site (self->cameras_layer,
                                    g_array_index (self->camera_order, guint, self->camera_cursor));
  sl_mercator_to_lat_lon (site->x, site->y, &latitude, &longitude);
  sl_map_view_go_to (self, latitude, longitude, MAX (shumate_viewport_get_zoom_level (self->viewport), 13));
  show_camera_popover (self, site, gtk_widget_get_width (GTK_WIDGET (map)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (map)) / 2.0);
  g_signal_emit (self, signals[CAMERA_ACTIVATED], 0, g_array_index (self->camera_order, guint, self->camera_cursor));
}

static void
next_camera_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step_camera (SL_MAP_VIEW (widget), 1);
}

static void
previous_camera_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step_camera (SL_MAP_VIEW (widget), -1);
}

/* Keyboard navigation: libshumate 1.0's map takes pointer and touch input
 * only. */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlMapView *self = SL_MAP_VIEW (widget);
  double zoom = round (shumate_viewport_get_zoom_level (self->viewport));

  zoom += g_str_equal (action_name, "map.zoom-in") ? 1 : -1;
  shumate_viewport_set_zoom_level (self->viewport, zoom);
}

#define PAN_STEP 128.0

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SlMapView *self = SL_MAP_VIEW (widget);
  double world = 256.0 * exp2 (shumate_viewport_get_zoom_level (self->viewport));
  double x, y, latitude, longitude;
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  sl_mercator_from_lat_lon (shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)),
                            shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)), &x, &y);
  sl_mercator_to_lat_lon (CLAMP (x + dx * PAN_STEP / world, 0, 1), CLAMP (y + dy * PAN_STEP / world, 0, 1),
                          &latitude, &longitude);
  shumate_map_center_on (self->map, latitude, longitude);
}

/* The camera sites and a selection are passes over every read; once both
 * are done, a read set mapped from the read cache gives its pages back, so
 * memory then holds what is drawn rather than every read. */
static void
release_read_pages_when_idle (SlMapView *self)
{
  if (self->reads != NULL && self->selection_cancellable == NULL && self->sites_cancellable == NULL)
    sl_read_set_release_pages (self->reads);
}

static void
on_selection_ready (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SlMapView) self = user_data;
  g_autoptr(SlReadSelection) selection = NULL;

  selection = g_task_propagate_pointer (G_TASK (result), NULL);
  /* Superseded: a newer filter or read set is on its way. */
  if (selection == NULL || g_task_get_cancellable (G_TASK (result)) != self->selection_cancellable)
    return;
  g_clear_object (&self->selection_cancellable);
  sl_reads_layer_set_selection (self->reads_layer,
                                sl_read_selection_get_n_selected (selection) == sl_read_set_get_n_reads (self->reads)
                                  ? NULL : selection);
  release_read_pages_when_idle (self);
}

typedef struct
{
  SlReadSet    *reads;
  GTimeZone    *time_zone;
  SlReadFilter  filter;
} SelectionJob;

static void
selection_job_free (SelectionJob *job)
{
  sl_read_set_unref (job->reads);
  g_time_zone_unref (job->time_zone);
  g_free (job);
}

static void
compute_selection (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SelectionJob *job = task_data;
  SlReadSelection *selection;
  GError *error = NULL;

  selection = sl_read_selection_new (job->reads, &job->filter, job->time_zone, cancellable, &error);
  if (selection == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, selection, (GDestroyNotify) sl_read_selection_unref);
}

/* Filtering ten million reads takes tens of milliseconds: done on a worker
 * so dragging the timeline stays smooth; the newest filter wins. */
static void
on_timeline_changed (SlMapView *self)
{
  g_autoptr(GTask) task = NULL;
  SelectionJob *job;

  SlReadFilter filter;
  gint64 first, last;

  if (self->reads == NULL)
    return;

  g_cancellable_cancel (self->selection_cancellable);
  g_clear_object (&self->selection_cancellable);

  /* The whole span at every time of day (a new read set, the range reset):
   * every read is selected, which needs no pass over them. */
  sl_timeline_get_filter (self->timeline, &filter);
  if (filter.day_start == filter.day_end && filter.end == G_MAXINT64 &&
      (!sl_read_set_get_time_span (self->reads, &first, &last) || filter.start <= first))
    {
      sl_reads_layer_set_selection (self->reads_layer, NULL);
      release_read_pages_when_idle (self);
      return;
    }

  self->selection_cancellable = g_cancellable_new ();
  job = g_new0 (SelectionJob, 1);
  job->reads = sl_read_set_ref (self->reads);
  job->time_zone = g_time_zone_ref (self->time_zone);
  job->filter = filter;
  task = g_task_new (NULL, self->selection_cancellable, on_selection_ready, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) selection_job_free);
  g_task_run_in_thread (task, compute_selection);
}

static GtkWidget *
density_legend (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *few = gtk_label_new (_("Few"));
  GtkWidget *many = gtk_label_new (_("Many reads"));
  g_autoptr(GString) ramp = g_string_new (NULL);
  GtkWidget *bar;

  for (guint i = 0; i < 8; i++)
    {
      GdkRGBA color;
      g_autofree char *hex = NULL;

      sl_reads_layer_get_density_color (i / 7.0, &color);
      hex = g_strdup_printf ("#%02x%02x%02x", (int) (color.red * 255), (int) (color.green * 255),
                             (int) (color.blue * 255));
      g_string_append_printf (ramp, "<span foreground=\"%s\">■</span>", hex);
    }
  bar = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (bar), ramp->str);
  gtk_box_append (GTK_BOX (box), few);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), many);
  return box;
}

static guint *
count_agencies (SlReadSet *reads)
{
  guint *counts = g_new0 (guint, MAX (sl_read_set_get_n_agencies (reads), 1));
  const guint8 *agencies = sl_read_set_get_agencies (reads);

  for (guint i = 0; i < sl_read_set_get_n_reads (reads); i++)
    counts[agencies[i]]++;
  return counts;
}

static void
update_legend (SlMapView *self)
{
  const guint *counts = self->agency_counts;
  GtkWidget *child;
  guint n_agencies;

  while ((child = gtk_widget_get_first_child (self->legend_agencies)))
    gtk_box_remove (GTK_BOX (self->legend_agencies), child);
  if (self->reads == NULL)
    return;

  n_agencies = sl_read_set_get_n_agencies (self->reads);

  for (guint a = 0; a < n_agencies; a++)
    {
      GdkRGBA color;
      g_autofree char *name = NULL;
      g_autofree char *markup = NULL;
      GtkWidget *label;

      if (counts[a] == 0)
        continue;
      sl_reads_layer_get_agency_color (a, &color);
      name = agency_name (self, a) != NULL ? g_markup_escape_text (agency_name (self, a), -1)
                                            : g_strdup_printf (_("Agency %u"), a + 1);
      markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">●</span> %s <span alpha=\"60%%\">%u</span>",
                                (int) (color.red * 255), (int) (color.green * 255), (int) (color.blue * 255),
                                name, counts[a]);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (self->legend_agencies), label);
    }
}

static void
set_sites (SlMapView *self,
           GArray    *sites)
{
  if (sites != NULL)
    g_array_ref (sites);
  g_clear_pointer (&self->sites, g_array_unref);
  self->sites = sites;
  sl_cameras_layer_set_sites (self->cameras_layer, sites);
  g_clear_pointer (&self->camera_order, g_array_unref);
  self->camera_order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    g_array_append_val (self->camera_order, i);
  if (sites != NULL)
    g_array_sort_with_data (self->camera_order, compare_sites_by_reads, sites);
  /* The first step lands on the busiest camera. */
  self->camera_cursor = self->camera_order->len > 0 ? self->camera_order->len - 1 : 0;
}

/* Read sets up to this size have their sites collected on the spot. */
#define SITES_AT_ONCE_MAX_READS 5000

static void
collect_sites_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  g_task_return_pointer (task, sl_read_set_collect_sites (task_data, SL_READ_SET_MIN_SITE_READS),
                         (GDestroyNotify) g_array_unref);
}

static void
on_sites_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlMapView) self = user_data;
  g_autoptr(GArray) sites = g_task_propagate_pointer (G_TASK (result), NULL);

  if (sites == NULL)
    return;
  /* Collected for the read set kept: kept with it. */
  if (g_task_get_cancellable (G_TASK (result)) != self->sites_cancellable)
    {
      if (self->kept_reads == g_task_get_task_data (G_TASK (result)) && self->kept_sites == NULL)
        self->kept_sites = g_steal_pointer (&sites);
      return;
    }
  g_clear_object (&self->sites_cancellable);
  set_sites (self, sites);
  release_read_pages_when_idle (self);
}

/**
 * sl_map_view_set_reads:
 * @reads: (nullable): a sealed read set
 * @agency_names: (nullable) (array zero-terminated=1): names by agency index
 *
 * Shows the reads, the legend and the timeline at once, and the camera
 * sites once a worker has collected them.
 */
void
sl_map_view_set_reads (SlMapView          *self,
                       SlReadSet          *reads,
                       const char * const *agency_names)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GArray) sites = NULL;

  g_return_if_fail (SL_IS_MAP_VIEW (self));
  g_return_if_fail (reads == NULL || sl_read_set_is_sealed (reads));

  g_cancellable_cancel (self->selection_cancellable);
  g_clear_object (&self->selection_cancellable);

  if (reads != self->reads)
    {
      SlReadSet *shown = g_steal_pointer (&self->reads);
      GArray *shown_sites = g_steal_pointer (&self->sites);
      guint *shown_counts = g_steal_pointer (&self->agency_counts);

      /* The largest read set shown since the map was last emptied (every
       * read of the project, typically) is kept with its sites and counts,
       * so coming back to it from an agency's view costs no pass over its
       * reads. A collection of sites under way goes on, for the kept one. */
      g_clear_object (&self->sites_cancellable);
      if (reads != NULL && reads == self->kept_reads)
        {
          self->reads = g_steal_pointer (&self->kept_reads);
          sites = g_steal_pointer (&self->kept_sites);
          self->agency_counts = g_steal_pointer (&self->kept_counts);
        }
      else
        {
          self->reads = reads != NULL ? sl_read_set_ref (reads) : NULL;
          self->agency_counts = reads != NULL ? count_agencies (reads) : NULL;
        }
      if (reads == NULL ||
          (shown != NULL && (self->kept_reads == NULL ||
                             sl_read_set_get_n_reads (shown) >= sl_read_set_get_n_reads (self->kept_reads))))
        {
          g_clear_pointer (&self->kept_reads, sl_read_set_unref);
          g_clear_pointer (&self->kept_sites, g_array_unref);
          g_clear_pointer (&self->kept_counts, g_free);
          if (reads != NULL)
            {
              self->kept_reads = g_steal_pointer (&shown);
              self->kept_sites = g_steal_pointer (&shown_sites);
              self->kept_counts = g_steal_pointer (&shown_counts);
            }
        }
      g_clear_pointer (&shown, sl_read_set_unref);
      g_clear_pointer (&shown_sites, g_array_unref);
      g_clear_pointer (&shown_counts, g_free);
    }
  else if (self->sites != NULL)
    sites = g_array_ref (self->sites);

  /* A vehicle's or an agency's share of it: grouped here, one pass over a
   * few thousand reads at most, so its cameras come with its reads rather
   * than one main-loop turn later. */
  if (reads != NULL && sites == NULL && sl_read_set_get_n_reads (reads) <= SITES_AT_ONCE_MAX_READS)
    {
      g_clear_object (&self->sites_cancellable);
      sites = sl_read_set_collect_sites (reads, SL_READ_SET_MIN_SITE_READS);
    }
  sl_reads_layer_set_reads (self->reads_layer, reads);
  set_sites (self, sites);
  g_strfreev (self->agency_names);
  self->agency_names = g_strdupv ((char **) agency_names);
  update_legend (self);
  gtk_widget_set_visible (self->legend, reads != NULL);
  sl_timeline_set_reads (self->timeline, reads);

  /* Grouping ten million reads into sites takes about half a second: the
   * reads show at once, the cameras when they are ready. */
  if (reads != NULL && sites == NULL && self->sites_cancellable == NULL)
    {
      self->sites_cancellable = g_cancellable_new ();
      task = g_task_new (NULL, self->sites_cancellable, on_sites_ready, g_object_ref (self));
      g_task_set_task_data (task, sl_read_set_ref (reads), (GDestroyNotify) sl_read_set_unref);
      g_task_run_in_thread (task, collect_sites_in_thread);
    }
}

SlReadSet *
sl_map_view_get_reads (SlMapView *self)
{
  g_return_val_if_fail (SL_IS_MAP_VIEW (self), NULL);

  return self->reads;
}

void
sl_map_view_set_track (SlMapView          *self,
                       const SlTrackPoint *points,
                       guint               n_points)
{
  g_return_if_fail (SL_IS_MAP_VIEW (self));

  sl_track_layer_set_track (self->track_layer, points, n_points);
}

/**
 * sl_map_view_set_time_zone:
 *
 * The reads' local zone, for the timeline's dates and time-of-day filter.
 */
void
sl_map_view_set_time_zone (SlMapView *self,
                           GTimeZone *time_zone)
{
  g_return_if_fail (SL_IS_MAP_VIEW (self));
  g_return_if_fail (time_zone != NULL);

  g_time_zone_ref (time_zone);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = time_zone;
  sl_timeline_set_time_zone (self->timeline, time_zone);
}

void
sl_map_view_go_to (SlMapView *self,
                   double     latitude,
                   double     longitude,
                   double     zoom)
{
  g_return_if_fail (SL_IS_MAP_VIEW (self));

  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_map_center_on (self->map, latitude, longitude);
}

/**
 * sl_map_view_show_state:
 *
 * Shows all of Connecticut.
 */
void
sl_map_view_show_state (SlMapView *self)
{
  sl_map_view_go_to (self, STATE_LATITUDE, STATE_LONGITUDE, STATE_ZOOM);
}

gboolean
sl_map_view_get_online_tiles (SlMapView *self)
{
  g_return_val_if_fail (SL_IS_MAP_VIEW (self), FALSE);

  return self->osm_layer != NULL;
}

/**
 * sl_map_view_set_online_tiles:
 *
 * Shows OpenStreetMap tiles over the offline map. The tile server then
 * learns which area is viewed; without a network failed tiles stay
 * transparent and the offline map shows through.
 */
void
sl_map_view_set_online_tiles (SlMapView *self,
                              gboolean   online_tiles)
{
  g_return_if_fail (SL_IS_MAP_VIEW (self));

  if (online_tiles == (self->osm_layer != NULL))
    return;

  if (online_tiles)
    {
      if (self->osm_source == NULL)
        {
          g_autoptr(SlOnlineTileSource) download = sl_online_tile_source_new (OSM_URL, "osm-mapnik");

          self->osm_source = SHUMATE_MAP_SOURCE (
            shumate_raster_renderer_new_full ("osm-mapnik", "OpenStreetMap",
                                              "© OpenStreetMap contributors",
                                              "https://www.openstreetmap.org/copyright",
                                              0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                              SHUMATE_DATA_SOURCE (download)));
        }
      self->osm_layer = shumate_map_layer_new (self->osm_source, self->viewport);
      shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->osm_layer),
                                      SHUMATE_LAYER (self->basemap_layer));
      shumate_license_append_map_source (self->license, self->osm_source);
      shumate_license_set_extra_text (self->license, _("The tile server sees which area you view"));
    }
  else
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->osm_layer));
      shumate_license_remove_map_source (self->license, self->osm_source);
      shumate_license_set_extra_text (self->license, NULL);
      self->osm_layer = NULL;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE_TILES]);
}

ShumateMap *
sl_map_view_get_map (SlMapView *self)
{
  g_return_val_if_fail (SL_IS_MAP_VIEW (self), NULL);

  return self->map;
}

/**
 * sl_map_view_get_agency_names:
 *
 * Returns: (transfer none) (nullable): the names given with the reads, by
 *   read-set agency index
 */
const char * const *
sl_map_view_get_agency_names (SlMapView *self)
{
  g_return_val_if_fail (SL_IS_MAP_VIEW (self), NULL);

  return (const char * const *) self->agency_names;
}

SlTimeline *
sl_map_view_get_timeline (SlMapView *self)
{
  g_return_val_if_fail (SL_IS_MAP_VIEW (self), NULL);

  return self->timeline;
}

SlOverlayLayer *
sl_map_view_get_overlay (SlMapView  *self,
                         const char *name)
{
  g_return_val_if_fail (SL_IS_MAP_VIEW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->map));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SL_IS_OVERLAY_LAYER (child) && g_strcmp0 (sl_overlay_layer_get_name (SL_OVERLAY_LAYER (child)), name) == 0)
      return SL_OVERLAY_LAYER (child);
  return NULL;
}

void
sl_map_view_remove_overlay (SlMapView  *self,
                            const char *name)
{
  SlOverlayLayer *overlay;

  g_return_if_fail (SL_IS_MAP_VIEW (self));

  overlay = sl_map_view_get_overlay (self, name);
  if (overlay != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (overlay));
}

/**
 * sl_map_view_add_overlay:
 *
 * Shows @geography as a layer named @name over the reads and under the
 * cameras and track, replacing an overlay of the same name. Hide it with
 * gtk_widget_set_visible(), style it with sl_overlay_layer_set_color().
 *
 * Returns: (transfer none): the new layer
 */
SlOverlayLayer *
sl_map_view_add_overlay (SlMapView   *self,
                         const char  *name,
                         SlGeography *geography)
{
  SlOverlayLayer *overlay;

  g_return_val_if_fail (SL_IS_MAP_VIEW (self), NULL);

  sl_map_view_remove_overlay (self, name);
  overlay = sl_overlay_layer_new (self->viewport, name, geography);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (overlay), SHUMATE_LAYER (self->cameras_layer));
  return overlay;
}

/**
 * sl_map_view_load_overlay:
 *
 * Loads a GeoJSON file as an overlay named after the file. On error (the
 * message names the file, the feature and the member at fault) the map is
 * unchanged.
 *
 * Returns: (transfer none): the new layer, or %NULL with @error set
 */
SlOverlayLayer *
sl_map_view_load_overlay (SlMapView  *self,
                          GFile      *file,
                          GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SlGeography) geography = NULL;
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (SL_IS_MAP_VIEW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display = g_file_get_basename (file);
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;
  geography = sl_geography_new_from_geojson (bytes, display, error);
  if (geography == NULL)
    return NULL;

  /* "clinics.geojson" becomes the overlay "clinics". */
  name = g_strdup (display);
  if (strrchr (name, '.') != NULL && strrchr (name, '.') != name)
    *strrchr (name, '.') = '\0';
  return sl_map_view_add_overlay (self, name, geography);
}

/**
 * sl_map_view_show_project_overlays:
 *
 * Replaces the overlays on the map with those kept in @project, with their
 * colours and visibility. An overlay that no longer parses (the project
 * was edited by hand) is skipped with a warning; the error is for failing
 * to read the list.
 */
gboolean
sl_map_view_show_project_overlays (SlMapView  *self,
                                   SlProject  *project,
                                   GError    **error)
{
  g_autoptr(GPtrArray) overlays = NULL;
  GtkWidget *child;

  g_return_val_if_fail (SL_IS_MAP_VIEW (self), FALSE);

  overlays = sl_map_overlays_list (project, error);
  if (overlays == NULL)
    return FALSE;

  child = gtk_widget_get_first_child (GTK_WIDGET (self->map));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (SL_IS_OVERLAY_LAYER (child))
        shumate_map_remove_layer (self->map, SHUMATE_LAYER (child));
      child = next;
    }

  for (guint i = 0; i < overlays->len; i++)
    {
      SlMapOverlay *overlay = g_ptr_array_index (overlays, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SlGeography) geography = sl_geography_new_from_geojson (overlay->geojson, overlay->name,
                                                                        &local_error);
      SlOverlayLayer *layer;
      GdkRGBA color;

      if (geography == NULL)
        {
          g_warning ("Skipping map overlay: %s", local_error->message);
          continue;
        }
      layer = sl_map_view_add_overlay (self, overlay->name, geography);
      if (gdk_rgba_parse (&color, overlay->color))
        sl_overlay_layer_set_color (layer, &color);
      gtk_widget_set_visible (GTK_WIDGET (layer), overlay->visible);
    }
  return TRUE;
}

/**
 * sl_map_view_save_position:
 *
 * Keeps the map's centre and zoom in @project's metadata.
 */
gboolean
sl_map_view_save_position (SlMapView  *self,
                           SlProject  *project,
                           GError    **error)
{
  char latitude[G_ASCII_DTOSTR_BUF_SIZE], longitude[G_ASCII_DTOSTR_BUF_SIZE], zoom[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (SL_IS_MAP_VIEW (self), FALSE);

  g_ascii_dtostr (latitude, sizeof latitude, shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)));
  g_ascii_dtostr (longitude, sizeof longitude, shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)));
  g_ascii_dtostr (zoom, sizeof zoom, shumate_viewport_get_zoom_level (self->viewport));
  return sl_project_set_meta (project, "map-latitude", latitude, error) &&
         sl_project_set_meta (project, "map-longitude", longitude, error) &&
         sl_project_set_meta (project, "map-zoom", zoom, error);
}

/**
 * sl_map_view_restore_position:
 *
 * Returns: whether @project had a saved position; without one the view
 * shows the whole state.
 */
gboolean
sl_map_view_restore_position (SlMapView *self,
                              SlProject *project)
{
  g_autofree char *latitude = sl_project_dup_meta (project, "map-latitude");
  g_autofree char *longitude = sl_project_dup_meta (project, "map-longitude");
  g_autofree char *zoom = sl_project_dup_meta (project, "map-zoom");

  g_return_val_if_fail (SL_IS_MAP_VIEW (self), FALSE);

  if (latitude == NULL || longitude == NULL || zoom == NULL)
    {
      sl_map_view_show_state (self);
      return FALSE;
    }
  sl_map_view_go_to (self, g_ascii_strtod (latitude, NULL), g_ascii_strtod (longitude, NULL),
                     g_ascii_strtod (zoom, NULL));
  return TRUE;
}

/**
 * sl_map_view_is_ready:
 *
 * Returns: whether every basemap tile the viewport shows now is drawn, the selection
 * matches the timeline and the camera sites are in: what a screenshot test
 * waits for.
 */
gboolean
sl_map_view_is_ready (SlMapView *self)
{
  g_return_val_if_fail (SL_IS_MAP_VIEW (self), FALSE);

  return sl_basemap_layer_is_complete (self->basemap_layer) &&
         self->selection_cancellable == NULL && self->sites_cancellable == NULL;
}

/**
 * sl_map_view_set_agency_legend_visible:
 *
 * Whether the legend lists the agencies' colours (the density ramp always
 * shows): hidden where a sidebar already lists them.
 */
void
sl_map_view_set_agency_legend_visible (SlMapView *self,
                                       gboolean   visible)
{
  g_return_if_fail (SL_IS_MAP_VIEW (self));

  gtk_widget_set_visible (self->legend_agencies, visible);
}

static void
sl_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlMapView *self = SL_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ONLINE_TILES:
      g_value_set_boolean (value, sl_map_view_get_online_tiles (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SlMapView *self = SL_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ONLINE_TILES:
      sl_map_view_set_online_tiles (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_map_view_dispose (GObject *object)
{
  SlMapView *self = SL_MAP_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->selection_cancellable);
  g_clear_object (&self->selection_cancellable);
  g_cancellable_cancel (self->sites_cancellable);
  g_clear_object (&self->sites_cancellable);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->basemap);
  g_clear_object (&self->osm_source);
  g_clear_pointer (&self->reads, sl_read_set_unref);
  g_clear_pointer (&self->sites, g_array_unref);
  g_clear_pointer (&self->agency_counts, g_free);
  g_clear_pointer (&self->kept_reads, sl_read_set_unref);
  g_clear_pointer (&self->kept_sites, g_array_unref);
  g_clear_pointer (&self->kept_counts, g_free);
  g_clear_pointer (&self->camera_order, g_array_unref);
  g_clear_pointer (&self->agency_names, g_strfreev);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (sl_map_view_parent_class)->dispose (object);
}

static void
sl_map_view_class_init (SlMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sl_map_view_get_property;
  object_class->set_property = sl_map_view_set_property;
  object_class->dispose = sl_map_view_dispose;

  /**
   * SlMapView:online-tiles:
   *
   * Whether OpenStreetMap tiles are drawn over the offline map (bind to
   * the `online-tiles` setting).
   */
  properties[PROP_ONLINE_TILES] =
    g_param_spec_boolean ("online-tiles", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlMapView::read-activated:
   * @index: the read's sorted index in the read set (see
   *   sl_read_set_get_ids())
   */
  signals[READ_ACTIVATED] = g_signal_new ("read-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * SlMapView::camera-activated:
   * @index: index of the site in sl_read_set_collect_sites()' order
   */
  signals[CAMERA_ACTIVATED] = g_signal_new ("camera-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * SlMapView::track-point-activated:
   * @index: position in the track, in time order
   */
  signals[TRACK_POINT_ACTIVATED] = g_signal_new ("track-point-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "map.next-camera", NULL, next_camera_action);
  gtk_widget_class_install_action (widget_class, "map.previous-camera", NULL, previous_camera_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "map.next-camera", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "map.previous-camera", NULL);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mapview");
}

static void
sl_map_view_realize (SlMapView *self)
{
  ensure_basemap (self);
}

/* The layers draw north-up (a rotated map of reads helps nobody and would
 * cost each layer a rotated pass): undo rotation gestures. */
static void
on_rotation_changed (ShumateViewport *viewport)
{
  if (shumate_viewport_get_rotation (viewport) != 0.0)
    shumate_viewport_set_rotation (viewport, 0.0);
}

static void
sl_map_view_unmap (SlMapView *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
sl_map_view_init (SlMapView *self)
{
  GtkWidget *overlay, *corner, *legend_box;
  GtkGesture *click;

  self->time_zone = g_time_zone_new_identifier ("America/New_York");
  if (self->time_zone == NULL)
    self->time_zone = g_time_zone_new_local ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  overlay = gtk_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_widget_set_hexpand (overlay, TRUE);
  gtk_widget_set_parent (overlay, GTK_WIDGET (self));

  self->map = shumate_map_new ();
  gtk_widget_set_overflow (GTK_WIDGET (self->map), GTK_OVERFLOW_HIDDEN);
  self->viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_set_min_zoom_level (self->viewport, 5);
  shumate_viewport_set_max_zoom_level (self->viewport, 19);
  g_signal_connect (self->viewport, "notify::rotation", G_CALLBACK (on_rotation_changed), NULL);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->map));

  self->reads_layer = sl_reads_layer_new (self->viewport);
  self->cameras_layer = sl_cameras_layer_new (self->viewport);
  self->track_layer = sl_track_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->reads_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->cameras_layer));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->track_layer));

  self->license = shumate_license_new ();
  gtk_widget_set_halign (GTK_WIDGET (self->license), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self->license), GTK_ALIGN_END);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->license));

  /* The basemap exists from the start so the viewport has its reference
   * source; it is replaced on realize if the scale factor is not 1. */
  ensure_basemap (self);
  g_signal_connect_swapped (self, "realize", G_CALLBACK (sl_map_view_realize), self);
  /* A popover left open would outlive its parent's surface. */
  g_signal_connect_swapped (self, "unmap", G_CALLBACK (sl_map_view_unmap), self);
  g_signal_connect_swapped (self, "notify::scale-factor", G_CALLBACK (ensure_basemap), self);

  corner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_halign (corner, GTK_ALIGN_START);
  gtk_widget_set_valign (corner, GTK_ALIGN_END);
  self->scale = shumate_scale_new (self->viewport);
  gtk_box_append (GTK_BOX (corner), GTK_WIDGET (self->scale));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), corner);

  self->legend = gtk_frame_new (NULL);
  gtk_widget_add_css_class (self->legend, "osd");
  gtk_widget_set_halign (self->legend, GTK_ALIGN_END);
  gtk_widget_set_valign (self->legend, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->legend, 8);
  gtk_widget_set_margin_end (self->legend, 8);
  legend_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (legend_box, 8);
  gtk_widget_set_margin_end (legend_box, 8);
  gtk_widget_set_margin_top (legend_box, 6);
  gtk_widget_set_margin_bottom (legend_box, 6);
  self->legend_agencies = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (legend_box), self->legend_agencies);
  gtk_box_append (GTK_BOX (legend_box), density_legend ());
  gtk_frame_set_child (GTK_FRAME (self->legend), legend_box);
  gtk_widget_set_visible (self->legend, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->legend);

  /* Box layouts skip natives, so the popover can hang off the view. */
  self->popover = gtk_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_map_clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), GTK_WIDGET (self));
  self->timeline = SL_TIMELINE (sl_timeline_new ());
  sl_timeline_set_time_zone (self->timeline, self->time_zone);
  g_signal_connect_swapped (self->timeline, "changed", G_CALLBACK (on_timeline_changed), self);
  gtk_widget_set_parent (GTK_WIDGET (self->timeline), GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self->map), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->map), TRUE);
  g_signal_connect (self->map, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of reads"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Arrow keys move the map, plus and minus zoom, "
                                    "Page Down and Page Up step through the cameras, busiest first"),
                                  -1);
  sl_map_view_show_state (self);
}

GtkWidget *
sl_map_view_new (void)
{
  return g_object_new (SL_TYPE_MAP_VIEW, NULL);
}
