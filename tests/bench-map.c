/* bench-map.c: how long the reads layer takes per frame with ten million
 * reads, against ShumateMarkerLayer drawing ten thousand of them.
 *
 * Both are measured the same way per frame, each layer on its own
 * viewport: move the viewport, lay the layer out and snapshot it ("snap");
 * then again with the node rendered to a texture by GSK's cairo renderer
 * ("frame": CPU work on any machine, including a fixed cost for a
 * 1280×800 texture). The reads layer's own drawing (sl_reads_layer_render)
 * is reported too. Zoom 8, 11 and 14, 40 frames each at positions spread
 * over Connecticut. Also reported: indexing, camera sites, a time filter,
 * how long SlMapView blocks when given the reads, and peak RSS.
 *
 * Run: xvfb-run -a meson test -C _build --benchmark --verbose
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "map-test-data.h"
#include "sl-basemap-source.h"
#include "sl-map-view-private.h"
#include "sl-map-view.h"
#include "sl-mercator.h"
#include "sl-reads-layer.h"
#include "sl-test-utils.h"

#define WIDTH 1280
#define HEIGHT 800
#define FRAMES 40
#define N_MARKERS 10000

static const double zooms[] = { 8, 11, 14 };

static double
percentile (double *values,
            guint   n,
            double  p)
{
  qsort (values, n, sizeof (double), sl_test_compare_double);
  return values[MIN ((guint) (p * n), n - 1)];
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* Frame i of a zoom: a 5 × 8 walk over the state, Greenwich to Putnam. */
static void
position (guint   i,
          double *latitude,
          double *longitude)
{
  *latitude = 41.15 + 0.75 * (i % 5) / 4.0;
  *longitude = -73.55 + 1.75 * (i / 5) / 7.0;
}

/* One frame at position i: move there, lay out, snapshot, and unless
 * @renderer is NULL render the node to a texture. The viewport first goes
 * elsewhere, untimed, so every timed frame is a real move. */
static double
frame_ms (ShumateViewport *viewport,
          GtkWidget       *layer,
          GskRenderer     *renderer,
          guint            i)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  double latitude, longitude;
  gint64 start;

  position (i, &latitude, &longitude);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude + 0.01, longitude);
  start = g_get_monotonic_time ();
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
  gtk_widget_size_allocate (layer, &(GtkAllocation) { 0, 0, WIDTH, HEIGHT }, -1);
  snapshot = gtk_snapshot_new ();
  /* The class's snapshot directly: a GtkWidgetPaintable would hand back
   * its cached image until the frame clock redraws the widget. */
  GTK_WIDGET_GET_CLASS (layer)->snapshot (layer, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL && renderer != NULL)
    texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint n_reads = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000000;
  g_autoptr(SlReadSet) reads = NULL;
  g_autoptr(SlBasemapSource) source = NULL;
  GtkWidget *window, *overlay;
  ShumateViewport *viewport, *marker_viewport;
  SlReadsLayer *reads_layer;
  ShumateMarkerLayer *marker_layer;
  GskRenderer *renderer;
  const guint32 *xs, *ys;
  gint64 start;
  GRand *rand;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_init ();

  start = g_get_monotonic_time ();
  reads = map_test_reads_new (n_reads, 1);
  g_print ("# %u reads generated in %.0f ms\n", n_reads, (g_get_monotonic_time () - start) / 1000.0);
  start = g_get_monotonic_time ();
  sl_read_set_seal (reads);
  g_print ("# indexed in %.0f ms; peak RSS %.0f MiB\n", (g_get_monotonic_time () - start) / 1000.0, peak_rss_mib ());

  {
    g_autoptr(GArray) sites = NULL;

    start = g_get_monotonic_time ();
    sites = sl_read_set_collect_sites (reads, 3);
    g_print ("# %u camera sites collected in %.0f ms\n", sites->len, (g_get_monotonic_time () - start) / 1000.0);
  }
  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
    SlReadFilter filter = { MAP_TEST_FIRST_TIME + 7 * 86400, G_MAXINT64, 22 * 3600, 6 * 3600 };
    g_autoptr(SlReadSelection) selection = NULL;

    start = g_get_monotonic_time ();
    selection = sl_read_selection_new (reads, &filter, zone, NULL, NULL);
    g_print ("# time filter (second week, 22:00-06:00) selected %u reads in %.0f ms\n",
             sl_read_selection_get_n_selected (selection), (g_get_monotonic_time () - start) / 1000.0);
  }

  /* What opening a project blocks the main loop for. */
  {
    GtkWidget *view = g_object_ref_sink (sl_map_view_new ());

    start = g_get_monotonic_time ();
    sl_map_view_set_reads (SL_MAP_VIEW (view), reads, map_test_agency_names);
    g_print ("# SlMapView set_reads blocked the main loop for %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
    while (!sl_map_view_is_ready (SL_MAP_VIEW (view)))
      g_main_context_iteration (NULL, TRUE);
    g_print ("; cameras and selection ready after %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
    g_object_unref (view);
  }
  g_print ("# peak RSS before the peer's 10,000 marker widgets: %.0f MiB\n", peak_rss_mib ());

  viewport = shumate_viewport_new ();
  source = sl_basemap_source_new (SL_BASEMAP_BOUNDARIES_REGIONS, 1);
  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (source));

  /* Separate viewports, so moving one layer's view costs the other
   * nothing. */
  marker_viewport = shumate_viewport_new ();
  shumate_viewport_set_reference_map_source (marker_viewport, SHUMATE_MAP_SOURCE (source));
  reads_layer = sl_reads_layer_new (viewport);
  sl_reads_layer_set_reads (reads_layer, reads);
  marker_layer = shumate_marker_layer_new (marker_viewport);

  /* The peer: 10,000 of the same reads as markers. */
  rand = g_rand_new_with_seed (3);
  xs = sl_read_set_get_x (reads);
  ys = sl_read_set_get_y (reads);
  for (guint m = 0; m < N_MARKERS; m++)
    {
      guint i = g_rand_int_range (rand, 0, n_reads);
      ShumateMarker *marker = shumate_marker_new ();
      GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");
      double latitude, longitude;

      sl_mercator_to_lat_lon (sl_mercator_from_fixed (xs[i]), sl_mercator_from_fixed (ys[i]),
                              &latitude, &longitude);
      gtk_image_set_pixel_size (GTK_IMAGE (dot), 8);
      shumate_marker_set_child (marker, dot);
      shumate_location_set_location (SHUMATE_LOCATION (marker), latitude, longitude);
      shumate_marker_layer_add_marker (marker_layer, marker);
    }
  g_rand_free (rand);

  window = gtk_window_new ();
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (reads_layer));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (marker_layer));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (overlay) < WIDTH)
    g_main_context_iteration (NULL, TRUE);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_print ("# renderer %s, viewport %d×%d\n", G_OBJECT_TYPE_NAME (renderer), WIDTH, HEIGHT);

  g_print ("%-5s %-8s %9s %9s %9s %9s %9s %9s %10s %10s %10s %10s %7s %7s\n", "zoom", "mode",
           "draw p50", "draw p95", "snap p50", "snap p95", "frame p50", "frame p95",
           "mk snap50", "mk snap95", "mk frame50", "mk frame95", "ratio s", "ratio f");
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      double draw[FRAMES], snap[FRAMES], frame[FRAMES], markers_snap[FRAMES], markers[FRAMES];
      double snap_p50, frame_p50, markers_snap_p50, markers_p50;
      SlReadsLayerMode mode = SL_READS_LAYER_MODE_EMPTY;

      shumate_viewport_set_zoom_level (viewport, zooms[z]);
      shumate_viewport_set_zoom_level (marker_viewport, zooms[z]);
      for (guint i = 0; i < FRAMES; i++)
        {
          g_autoptr(GdkTexture) texture = NULL;
          double latitude, longitude;
          SlMapFrame map_frame;

          position (i, &latitude, &longitude);
          shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
          sl_map_frame_init (&map_frame, viewport, WIDTH, HEIGHT, 1);
          start = g_get_monotonic_time ();
          texture = sl_reads_layer_render (reads_layer, &map_frame);
          draw[i] = (g_get_monotonic_time () - start) / 1000.0;
          /* SL_BENCH_SAVE=dir keeps the first frame of each zoom to look at. */
          if (i == 0 && g_getenv ("SL_BENCH_SAVE") != NULL)
            {
              g_autofree char *name = g_strdup_printf ("bench-reads-z%.0f.png", zooms[z]);
              g_autofree char *path = g_build_filename (g_getenv ("SL_BENCH_SAVE"), name, NULL);

              gdk_texture_save_to_png (texture, path);
            }
          mode = MAX (mode, sl_reads_layer_get_mode (reads_layer));

          snap[i] = frame_ms (viewport, GTK_WIDGET (reads_layer), NULL, i);
          frame[i] = frame_ms (viewport, GTK_WIDGET (reads_layer), renderer, i);
          markers_snap[i] = frame_ms (marker_viewport, GTK_WIDGET (marker_layer), NULL, i);
          markers[i] = frame_ms (marker_viewport, GTK_WIDGET (marker_layer), renderer, i);
        }

      snap_p50 = percentile (snap, FRAMES, 0.5);
      frame_p50 = percentile (frame, FRAMES, 0.5);
      markers_snap_p50 = percentile (markers_snap, FRAMES, 0.5);
      markers_p50 = percentile (markers, FRAMES, 0.5);
      g_print ("%-5.0f %-8s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %10.2f %10.2f %10.2f %10.2f %7.1f %7.1f\n",
               zooms[z], mode == SL_READS_LAYER_MODE_DOTS ? "dots" : "density",
               percentile (draw, FRAMES, 0.5), percentile (draw, FRAMES, 0.95),
               snap_p50, percentile (snap, FRAMES, 0.95),
               frame_p50, percentile (frame, FRAMES, 0.95),
               markers_snap_p50, percentile (markers_snap, FRAMES, 0.95),
               markers_p50, percentile (markers, FRAMES, 0.95),
               markers_snap_p50 / snap_p50, markers_p50 / frame_p50);
    }
  g_print ("# ms. draw: the reads layer's pixels; snap: move + layout + snapshot; frame: snap + render\n"
           "# to texture; mk: ShumateMarkerLayer with %u markers. ratio = marker p50 / reads layer\n"
           "# (%u reads) p50, for snapshot (s) and full frame (f).\n", N_MARKERS, n_reads);
  g_print ("# peak RSS %.0f MiB\n", peak_rss_mib ());

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (viewport);
  g_object_unref (marker_viewport);
  return 0;
}
