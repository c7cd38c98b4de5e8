/* test-map-ui.c: the map's widgets under Xvfb: basemap tiles drawn with no
 * network, reads layer and map view.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libsoup/soup.h>
#include <unistd.h>
#include <math.h>

#include "map-test-data.h"
#include "sl-basemap-layer.h"
#include "sl-basemap-source.h"
#include "sl-cameras-layer.h"
#include "sl-map-overlays.h"
#include "sl-map-view.h"
#include "sl-map-view-private.h"
#include "sl-mercator.h"
#include "sl-online-tile-source.h"
#include "sl-reads-layer.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-timeline-private.h"

typedef struct
{
  gboolean done;
  gboolean ok;
} FillResult;

static void
on_filled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FillResult *fill = user_data;
  g_autoptr(GError) error = NULL;

  fill->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, &error);
  g_assert_no_error (error);
  fill->done = TRUE;
}

/* Renders the tile containing (lat, lon) at @zoom and returns its pixels
 * (B8G8R8A8 premultiplied) and the point's pixel position in it. */
static guchar *
render_tile_at (SlBasemapSource *source,
                double           latitude,
                double           longitude,
                guint            zoom,
                int              scale_factor,
                int             *px,
                int             *py,
                int             *size)
{
  g_autoptr(ShumateTile) tile = NULL;
  FillResult fill = { FALSE, FALSE };
  GdkPaintable *paintable;
  double x, y, n = 1u << zoom;
  guchar *pixels;

  sl_mercator_from_lat_lon (latitude, longitude, &x, &y);
  tile = shumate_tile_new_full ((guint) floor (x * n), (guint) floor (y * n), 256, zoom);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &fill);
  while (!fill.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (fill.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  *size = gdk_texture_get_width (GDK_TEXTURE (paintable));
  g_assert_cmpint (*size, ==, 256 * scale_factor);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, *size);

  pixels = g_malloc (*size * *size * 4);
  gdk_texture_download (GDK_TEXTURE (paintable), pixels, *size * 4);
  *px = (int) floor ((x * n - floor (x * n)) * *size);
  *py = (int) floor ((y * n - floor (y * n)) * *size);
  return pixels;
}

static void
assert_pixel (const guchar *pixels,
              int           size,
              int           px,
              int           py,
              guint32       rgb)
{
  const guchar *p = pixels + (py * size + px) * 4;

  /* gdk_texture_download() gives B, G, R, A in memory. */
  g_assert_cmpint (p[3], ==, 0xff);
  g_assert_cmpint (ABS (p[2] - (int) ((rgb >> 16) & 0xff)), <=, 1);
  g_assert_cmpint (ABS (p[1] - (int) ((rgb >> 8) & 0xff)), <=, 1);
  g_assert_cmpint (ABS (p[0] - (int) (rgb & 0xff)), <=, 1);
}

static void
check_point (SlBasemapSource *source,
             double           latitude,
             double           longitude,
             guint            zoom,
             int              scale_factor,
             guint32          expected)
{
  int px, py, size;
  g_autofree guchar *pixels = render_tile_at (source, latitude, longitude, zoom, scale_factor,
                                              &px, &py, &size);

  g_test_message ("%.4f, %.4f at zoom %u", latitude, longitude, zoom);
  if (g_getenv ("SL_TEST_SAVE_TILES"))
    {
      g_autoptr(GBytes) bytes = g_bytes_new (pixels, size * size * 4);
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (size, size, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                                              bytes, size * 4);
      g_autofree char *path = g_strdup_printf ("%s/tile-%.3f-%.3f-z%u.png", g_getenv ("SL_TEST_SAVE_TILES"),
                                               latitude, longitude, zoom);
      gdk_texture_save_to_png (texture, path);
    }
  assert_pixel (pixels, size, px, py, expected);
}

static void
test_basemap_offline_tiles (void)
{
  g_autoptr(SlBasemapSource) source = sl_basemap_source_new (SL_BASEMAP_BOUNDARIES_REGIONS, 1);
  g_autoptr(SlBasemapSource) hidpi = sl_basemap_source_new (SL_BASEMAP_BOUNDARIES_COUNTIES, 2);

  g_assert_cmpstr (shumate_map_source_get_license (SHUMATE_MAP_SOURCE (source)), ==, "US Census Bureau");
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (SHUMATE_MAP_SOURCE (source)), ==, 0);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (SHUMATE_MAP_SOURCE (source)), ==, 19);
  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (source)), !=,
                   shumate_map_source_get_id (SHUMATE_MAP_SOURCE (hidpi)));

  /* Rural Litchfield County, 5.5 km from the nearest town centroid (Warren)
   * and away from any border, so no label covers it: land, from the state
   * view to street level. */
  for (guint zoom = 6; zoom <= 19; zoom++)
    check_point (source, 41.79, -73.347, zoom, 1, SL_BASEMAP_LAND);
  check_point (hidpi, 41.79, -73.347, 17, 2, SL_BASEMAP_LAND);

  /* Long Island Sound between New Haven and Port Jefferson: water. */
  for (guint zoom = 6; zoom <= 16; zoom++)
    check_point (source, 41.10, -72.95, zoom, 1, SL_BASEMAP_WATER);

  /* Hartford at state zoom, below the zoom of town labels: land. */
  check_point (source, 41.7637, -72.6851, 8, 1, SL_BASEMAP_LAND);

  /* Eastern New York (Dutchess County) and central Massachusetts: muted. */
  check_point (source, 41.75, -73.75, 9, 1, SL_BASEMAP_NEIGHBOUR);
  check_point (source, 42.35, -72.30, 9, 1, SL_BASEMAP_NEIGHBOUR);

  /* The open Atlantic far south-east of Montauk. */
  check_point (source, 40.5, -70.5, 8, 1, SL_BASEMAP_WATER);
}

static GdkTexture *
screenshot (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* The paintable is empty while a redraw it depends on is pending: let
   * the frame happen. */
  while (node == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, TRUE);
        }
    }
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
save_screenshot (GdkTexture *texture,
                 const char *name)
{
  const char *dir = g_getenv ("SL_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    dir = g_getenv ("G_TEST_BUILDDIR");
  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* The colour of the texture at (x, y) as 0xRRGGBB. */
static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc (width * height * 4);
  const guchar *p;

  gdk_texture_download (texture, pixels, width * 4);
  p = pixels + (y * width + x) * 4;
  return (p[2] << 16) | (p[1] << 8) | p[0];
}

static SlReadsLayer *
find_reads_layer (SlMapView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (sl_map_view_get_map (view)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SL_IS_READS_LAYER (child))
      return SL_READS_LAYER (child);
  g_assert_not_reached ();
}

static gboolean
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (find_label_with_text (child, text))
      return TRUE;
  return FALSE;
}

/* The share of sample points of the map in @shot whose colour is the
 * basemap's own for the viewport (tiles drawn again by a fresh source),
 * in per cent. The overlays in the corners are left out. */
static guint
basemap_match_percent (SlMapView  *view,
                       GdkTexture *shot)
{
  ShumateMap *map = sl_map_view_get_map (view);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  g_autoptr(SlBasemapSource) fresh = sl_basemap_source_new (SL_BASEMAP_BOUNDARIES_REGIONS, 1);
  g_autoptr(GHashTable) tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint zoom = (guint) shumate_viewport_get_zoom_level (viewport);
  double cx = shumate_map_source_get_x (SHUMATE_MAP_SOURCE (fresh), zoom,
                                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  double cy = shumate_map_source_get_y (SHUMATE_MAP_SOURCE (fresh), zoom,
                                        shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  int width = gtk_widget_get_width (GTK_WIDGET (map)), height = gtk_widget_get_height (GTK_WIDGET (map));
  int shot_width = gdk_texture_get_width (shot);
  g_autofree guchar *pixels = g_malloc (shot_width * gdk_texture_get_height (shot) * 4);
  graphene_point_t origin;
  guint n = 0, matching = 0;

  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (map), GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (map))),
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));
  gdk_texture_download (shot, pixels, shot_width * 4);
  for (int py = 100; py < height - 100; py += 23)
    for (int px = 150; px < width - 150; px += 29)
      {
        double wx = cx - width / 2.0 + px + 0.5, wy = cy - height / 2.0 + py + 0.5;
        gint64 key = ((gint64) floor (wx / 256) << 32) | (gint64) floor (wy / 256);
        const guchar *tile = g_hash_table_lookup (tiles, &key);
        const guchar *want, *got;
        int tx, ty, size;

        if (tile == NULL)
          {
            double lon = shumate_map_source_get_longitude (SHUMATE_MAP_SOURCE (fresh), zoom, floor (wx / 256) * 256 + 128);
            double lat = shumate_map_source_get_latitude (SHUMATE_MAP_SOURCE (fresh), zoom, floor (wy / 256) * 256 + 128);

            tile = render_tile_at (fresh, lat, lon, zoom, 1, &tx, &ty, &size);
            g_hash_table_insert (tiles, g_memdup2 (&key, sizeof key), (gpointer) tile);
          }
        want = tile + (((int) floor (wy) % 256) * 256 + (int) floor (wx) % 256) * 4;
        got = pixels + (((int) origin.y + py) * shot_width + (int) origin.x + px) * 4;
        n++;
        if (ABS (want[0] - got[0]) <= 8 && ABS (want[1] - got[1]) <= 8 && ABS (want[2] - got[2]) <= 8)
          matching++;
      }
  g_assert_cmpuint (n, >, 500);
  return matching * 100 / n;
}

/* Moving the map far away (as selecting a vehicle does) draws the new
 * place's basemap, and the view is not ready before it is. */
static void
test_map_view_go_to_refreshes_basemap (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sl_map_view_new ();
  g_autoptr(GdkTexture) westport = NULL;
  g_autoptr(GdkTexture) hartford = NULL;
  gint64 deadline;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  sl_map_view_go_to (SL_MAP_VIEW (view), 41.141, -73.358, 12);
  sl_test_wait_for_map (SL_MAP_VIEW (view));
  westport = screenshot (window);
  g_assert_cmpuint (basemap_match_percent (SL_MAP_VIEW (view), westport), >=, 98);

  /* Same zoom, 70 km north-east: every tile changes. Not ready until the
   * layer shows the new tiles; no frames are counted to hide a lie. */
  sl_map_view_go_to (SL_MAP_VIEW (view), 41.7637, -72.6851, 12);
  g_assert_false (sl_map_view_is_ready (SL_MAP_VIEW (view)));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!sl_map_view_is_ready (SL_MAP_VIEW (view)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  hartford = screenshot (window);
  save_screenshot (hartford, "map-go-to.png");
  g_assert_cmpuint (basemap_match_percent (SL_MAP_VIEW (view), hartford), >=, 98);
  g_assert_cmpuint (basemap_match_percent (SL_MAP_VIEW (view), westport), <, 90);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_change (guint *count)
{
  (*count)++;
}

static void
store_uint (guint *out,
            guint  value)
{
  *out = value;
}

static void
test_map_view_screenshots (void)
{
  g_autoptr(SlReadSet) reads = map_test_reads_new (300000, 7);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sl_map_view_new ();
  SlTimeline *timeline;
  SlReadsLayer *layer;
  SlTrackPoint track[8];
  double hx = 0, hy = 0;
  guint index;
  int x, y;

  sl_read_set_seal (reads);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  sl_map_view_set_reads (SL_MAP_VIEW (view), reads, map_test_agency_names);
  layer = find_reads_layer (SL_MAP_VIEW (view));

  /* A vehicle through Hartford's towns over one morning. */
  {
    static const double places[][2] = {
      { 41.6032, -72.8762 }, { 41.6834, -72.8240 }, { 41.7350, -72.7440 }, { 41.7637, -72.6851 },
      { 41.7810, -72.6380 }, { 41.7620, -72.5880 }, { 41.8230, -72.5610 }, { 41.8600, -72.5000 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (track); i++)
      track[i] = (SlTrackPoint) { places[i][0], places[i][1],
                                  MAP_TEST_FIRST_TIME + 86400 * 3 + 12 * 3600 + 420 * (gint64) (7 - i), i % 3 };
  }
  sl_map_view_set_track (SL_MAP_VIEW (view), track, G_N_ELEMENTS (track));

  /* State zoom: density squares; Long Island Sound stays water. */
  sl_map_view_show_state (SL_MAP_VIEW (view));
  sl_test_wait_for_map (SL_MAP_VIEW (view));
  g_assert_cmpint (sl_reads_layer_get_mode (layer), ==, SL_READS_LAYER_MODE_DENSITY);
  {
    g_autoptr(GdkTexture) shot = screenshot (window);
    ShumateViewport *viewport = shumate_map_get_viewport (sl_map_view_get_map (SL_MAP_VIEW (view)));
    double sx, sy;

    save_screenshot (shot, "map-state.png");
    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (sl_map_view_get_map (SL_MAP_VIEW (view))),
                                                41.10, -72.95, &sx, &sy);
    g_assert_cmpuint (texture_pixel (shot, (int) sx, (int) sy), ==, SL_BASEMAP_WATER);
  }

  /* Town zoom over Hartford, evenings only in the second week. */
  timeline = sl_map_view_get_timeline (SL_MAP_VIEW (view));
  sl_timeline_select_range (timeline, MAP_TEST_FIRST_TIME + 7 * 86400, MAP_TEST_FIRST_TIME + 14 * 86400);
  sl_timeline_set_time_of_day (timeline, 18, 23);
  sl_map_view_go_to (SL_MAP_VIEW (view), 41.745, -72.70, 12);
  sl_test_wait_for_map (SL_MAP_VIEW (view));
  {
    g_autoptr(GdkTexture) shot = screenshot (window);

    save_screenshot (shot, "map-town.png");
  }

  /* Street zoom: single reads, and a click on one hits it. */
  sl_map_view_go_to (SL_MAP_VIEW (view), 41.7637, -72.6851, 16);
  sl_test_wait_for_map (SL_MAP_VIEW (view));
  g_assert_cmpint (sl_reads_layer_get_mode (layer), ==, SL_READS_LAYER_MODE_DOTS);
  {
    g_autoptr(GdkTexture) shot = screenshot (window);

    save_screenshot (shot, "map-street.png");
  }

  /* Hit-testing through the layer: the widget position of a read maps
   * back to that read (or one drawn at the same spot). */
  {
    ShumateViewport *viewport = shumate_map_get_viewport (sl_map_view_get_map (SL_MAP_VIEW (view)));
    SlMercatorRect rect;
    SlMapFrame frame;
    const guint32 *xs = sl_read_set_get_x (reads), *ys = sl_read_set_get_y (reads);
    guint target = G_MAXUINT;

    sl_map_frame_init (&frame, viewport, gtk_widget_get_width (GTK_WIDGET (layer)),
                       gtk_widget_get_height (GTK_WIDGET (layer)), 1);
    sl_map_frame_get_rect (&frame, -100, &rect);
    for (guint i = 0; i < sl_read_set_get_n_reads (reads) && target == G_MAXUINT; i++)
      {
        hx = sl_mercator_from_fixed (xs[i]);
        hy = sl_mercator_from_fixed (ys[i]);
        if (hx > rect.x0 && hx < rect.x1 && hy > rect.y0 && hy < rect.y1)
          target = i;
      }
    g_assert_cmpuint (target, !=, G_MAXUINT);
    x = (int) round (hx * frame.world - frame.left);
    y = (int) round (hy * frame.world - frame.top);
    g_assert_true (sl_reads_layer_hit_test (layer, x + 2, y - 2, &index));
    g_assert_cmpfloat (fabs (sl_mercator_from_fixed (xs[index]) * frame.world - frame.left - (x + 2)), <=, 6);
    g_assert_cmpfloat (fabs (sl_mercator_from_fixed (ys[index]) * frame.world - frame.top - (y - 2)), <=, 6);
    g_assert_false (sl_reads_layer_hit_test (layer, -50, -50, &index));
  }

  /* Keyboard: Page Down goes to the busiest camera and reports it. */
  {
    g_autoptr(GArray) sites = sl_read_set_collect_sites (reads, 3);
    ShumateViewport *viewport = shumate_map_get_viewport (sl_map_view_get_map (SL_MAP_VIEW (view)));
    guint activated = G_MAXUINT, busiest = 0;
    const SlReadSite *site;
    double latitude, longitude;

    for (guint i = 0; i < sites->len; i++)
      busiest = MAX (busiest, g_array_index (sites, SlReadSite, i).n_reads);
    g_signal_connect_swapped (view, "camera-activated", G_CALLBACK (store_uint), &activated);
    g_assert_true (gtk_widget_activate_action (view, "map.next-camera", NULL));
    g_assert_cmpuint (activated, <, sites->len);
    site = &g_array_index (sites, SlReadSite, activated);
    g_assert_cmpuint (site->n_reads, ==, busiest);
    sl_mercator_to_lat_lon (site->x, site->y, &latitude, &longitude);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), latitude, 1e-9);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), longitude, 1e-9);

    /* Its popover names the agency and the reads. */
    {
      g_autofree char *reads_text = g_strdup_printf ("%u reads", site->n_reads);
      GtkWidget *popover = NULL;

      for (GtkWidget *child = gtk_widget_get_first_child (view); child; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_POPOVER (child))
          popover = child;
      g_assert_nonnull (popover);
      g_assert_true (gtk_widget_get_visible (popover));
      g_assert_true (find_label_with_text (popover, map_test_agency_names[site->agency]));
      g_assert_true (find_label_with_text (popover, reads_text));
    }
    sl_test_wait_for_map (SL_MAP_VIEW (view));
    {
      g_autoptr(GdkTexture) shot = screenshot (window);

      save_screenshot (shot, "map-camera.png");
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint32
pixel_at (GtkWidget  *window,
          SlMapView  *view,
          double      latitude,
          double      longitude)
{
  g_autoptr(GdkTexture) shot = screenshot (window);
  ShumateMap *map = sl_map_view_get_map (view);
  double x, y;

  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map),
                                              latitude, longitude, &x, &y);
  return texture_pixel (shot, (int) x, (int) y);
}

static void
test_map_view_overlay (void)
{
  const char *good =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Zone\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[-72.9,41.0],[-72.5,41.0],[-72.5,41.2],[-72.9,41.2],[-72.9,41.0]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Clinic\"},\"geometry\":{\"type\":\"Point\","
    "\"coordinates\":[-72.0,41.05]}}]}";
  const char *bad = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"x\",1]}}";
  g_autofree char *dir = g_dir_make_tmp ("sl-overlay-XXXXXX", NULL);
  g_autofree char *good_path = g_build_filename (dir, "zones.geojson", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "broken.geojson", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sl_map_view_new ();
  SlOverlayLayer *overlay;

  g_assert_true (g_file_set_contents (good_path, good, -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sl_map_view_go_to (SL_MAP_VIEW (view), 41.1, -72.5, 9);
  sl_test_wait_for_map (SL_MAP_VIEW (view));
  g_assert_cmpuint (pixel_at (window, SL_MAP_VIEW (view), 41.1, -72.7), ==, SL_BASEMAP_WATER);

  overlay = sl_map_view_load_overlay (SL_MAP_VIEW (view), good_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_overlay_layer_get_name (overlay), ==, "zones");
  g_assert_cmpuint (sl_geography_get_n_features (sl_overlay_layer_get_geography (overlay)), ==, 2);
  g_assert_true (sl_map_view_get_overlay (SL_MAP_VIEW (view), "zones") == overlay);
  sl_test_wait_for_map (SL_MAP_VIEW (view));
  /* Inside the polygon the water is tinted with the overlay colour. */
  g_assert_cmpuint (pixel_at (window, SL_MAP_VIEW (view), 41.1, -72.7), !=, SL_BASEMAP_WATER);
  {
    g_autoptr(GdkTexture) shot = screenshot (window);

    save_screenshot (shot, "map-overlay.png");
  }

  /* Hidden, then bad GeoJSON: the map keeps the overlay it had. */
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  sl_test_wait_for_map (SL_MAP_VIEW (view));
  g_assert_cmpuint (pixel_at (window, SL_MAP_VIEW (view), 41.1, -72.7), ==, SL_BASEMAP_WATER);
  g_assert_null (sl_map_view_load_overlay (SL_MAP_VIEW (view), bad_file, &error));
  g_assert_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "broken.geojson: feature 1: geometry.coordinates is not a [longitude, latitude] position");
  g_assert_null (sl_map_view_get_overlay (SL_MAP_VIEW (view), "broken"));
  g_assert_true (sl_map_view_get_overlay (SL_MAP_VIEW (view), "zones") == overlay);

  sl_map_view_remove_overlay (SL_MAP_VIEW (view), "zones");
  g_assert_null (sl_map_view_get_overlay (SL_MAP_VIEW (view), "zones"));

  /* Keyboard actions: zoom by whole levels, pan by 128 px. */
  {
    ShumateViewport *viewport = shumate_map_get_viewport (sl_map_view_get_map (SL_MAP_VIEW (view)));
    double x0, y0, x1, y1;

    sl_map_view_go_to (SL_MAP_VIEW (view), 41.5, -72.5, 10.4);
    g_assert_true (gtk_widget_activate_action (view, "map.zoom-in", NULL));
    g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 11);
    g_assert_true (gtk_widget_activate_action (view, "map.zoom-out", NULL));
    g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 10);
    sl_mercator_from_lat_lon (41.5, -72.5, &x0, &y0);
    g_assert_true (gtk_widget_activate_action (view, "map.pan", "(ii)", 1, -1));
    sl_mercator_from_lat_lon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                              shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &x1, &y1);
    g_assert_cmpfloat_with_epsilon ((x1 - x0) * 256 * 1024, 128, 1e-6);
    g_assert_cmpfloat_with_epsilon ((y1 - y0) * 256 * 1024, -128, 1e-6);
  }

  /* The map stays north-up. */
  {
    ShumateViewport *viewport = shumate_map_get_viewport (sl_map_view_get_map (SL_MAP_VIEW (view)));

    shumate_viewport_set_rotation (viewport, 0.5);
    g_assert_cmpfloat (shumate_viewport_get_rotation (viewport), ==, 0.0);
  }

  /* Overlays and position kept in a project come back with their style. */
  g_clear_error (&error);
  {
    g_autofree char *project_path = g_build_filename (dir, "p.sightline", NULL);
    g_autoptr(SlProject) project = sl_project_open (project_path, SL_PROJECT_OPEN_CREATE, &error);
    g_autoptr(GBytes) bytes = g_bytes_new_static (good, strlen (good));
    GdkRGBA color;

    g_assert_no_error (error);
    g_assert_true (sl_map_overlays_add (project, "zones", bytes, "zones.geojson", &error));
    g_assert_true (sl_map_overlays_set_color (project, "zones", "#ff0000", &error));
    g_assert_true (sl_map_overlays_set_visible (project, "zones", FALSE, &error));
    g_assert_false (sl_map_view_restore_position (SL_MAP_VIEW (view), project));
    sl_map_view_go_to (SL_MAP_VIEW (view), 41.3, -72.9, 13.5);
    g_assert_true (sl_map_view_save_position (SL_MAP_VIEW (view), project, &error));
    g_assert_no_error (error);
    sl_map_view_show_state (SL_MAP_VIEW (view));

    g_assert_true (sl_map_view_show_project_overlays (SL_MAP_VIEW (view), project, &error));
    g_assert_no_error (error);
    overlay = sl_map_view_get_overlay (SL_MAP_VIEW (view), "zones");
    g_assert_nonnull (overlay);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    sl_overlay_layer_get_color (overlay, &color);
    g_assert_true (gdk_rgba_equal (&color, &(GdkRGBA) { 1, 0, 0, 1 }));

    g_assert_true (sl_map_view_restore_position (SL_MAP_VIEW (view), project));
    g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (sl_map_view_get_map (SL_MAP_VIEW (view)))),
                       ==, 13.5);
    g_clear_object (&project);
    g_unlink (project_path);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (good_path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK 4 has no public way to synthesise key events: emit the histogram's
 * key controller's signal as GTK would. */
static void
send_key (SlTimeline      *timeline,
          guint            keyval,
          GdkModifierType  state)
{
  GtkWidget *histogram = find_type (GTK_WIDGET (timeline), GTK_TYPE_DRAWING_AREA);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (histogram);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  g_assert_true (handled);
}

static void
test_timeline (void)
{
  g_autoptr(SlReadSet) reads = map_test_reads_new (5000, 11);
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  GtkWidget *window = gtk_window_new ();
  SlTimeline *timeline = SL_TIMELINE (sl_timeline_new ());
  gint64 first, last, span_start, span_end, step;
  guint changes = 0;
  SlReadFilter filter;

  sl_read_set_seal (reads);
  g_assert_true (sl_read_set_get_time_span (reads, &first, &last));
  span_start = first / 3600 * 3600;
  span_end = (last / 3600 + 1) * 3600;
  step = (span_end - span_start) / 60;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 120);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_swapped (timeline, "changed", G_CALLBACK (count_change), &changes);

  sl_timeline_set_time_zone (timeline, new_york);
  sl_timeline_set_reads (timeline, reads);
  g_assert_cmpuint (changes, ==, 2);
  sl_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.start, ==, span_start);
  g_assert_cmpint (filter.end, ==, G_MAXINT64);
  g_assert_cmpint (filter.day_start, ==, filter.day_end);

  /* Two weeks on a histogram of about 800 px: 3-hour bins (1-hour bins
   * would be 336, more than 800 / 4 = 200). */
  while (gtk_widget_get_width (GTK_WIDGET (timeline)) < 800)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (sl_timeline_get_bin_seconds (timeline), ==, 3 * 3600);

  sl_timeline_select_range (timeline, span_start + 86400, span_start + 2 * 86400);
  sl_timeline_step (timeline);
  sl_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.start, ==, span_start + 86400 + step);
  g_assert_cmpint (filter.end, ==, span_start + 2 * 86400 + step);

  /* At the end, play wraps to the start with the same window length. */
  sl_timeline_select_range (timeline, span_end - 86400, span_end);
  sl_timeline_step (timeline);
  sl_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.start, ==, span_start);
  g_assert_cmpint (filter.end, ==, span_start + 86400);

  changes = 0;
  sl_timeline_set_time_of_day (timeline, 22, 6);
  g_assert_cmpuint (changes, ==, 1);
  sl_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.day_start, ==, 22 * 3600);
  g_assert_cmpint (filter.day_end, ==, 6 * 3600);

  /* Keyboard on the histogram: one bin right, Shift+Right one bin longer,
   * Home for everything, Space to play. */
  sl_timeline_select_range (timeline, span_start + 86400, span_start + 2 * 86400);
  send_key (timeline, GDK_KEY_Right, 0);
  sl_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.start, ==, span_start + 86400 + 3 * 3600);
  g_assert_cmpint (filter.end, ==, span_start + 2 * 86400 + 3 * 3600);
  send_key (timeline, GDK_KEY_Right, GDK_SHIFT_MASK);
  sl_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.end, ==, span_start + 2 * 86400 + 6 * 3600);
  send_key (timeline, GDK_KEY_Home, 0);
  sl_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.start, ==, span_start);
  g_assert_cmpint (filter.end, ==, G_MAXINT64);
  send_key (timeline, GDK_KEY_space, 0);
  g_assert_true (sl_timeline_get_playing (timeline));
  send_key (timeline, GDK_KEY_space, 0);
  g_assert_false (sl_timeline_get_playing (timeline));

  sl_timeline_set_playing (timeline, TRUE);
  g_assert_true (sl_timeline_get_playing (timeline));
  sl_timeline_set_playing (timeline, FALSE);
  g_assert_false (sl_timeline_get_playing (timeline));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The map view filters on a worker; the reads layer then draws the
 * selected reads bright: check the selection it got is the timeline's. */
/* The dates under the histogram: in a row of their own below the bars,
 * inside the histogram, never touching each other, at any width; more of
 * them as it widens. */
static void
test_timeline_axis_labels (void)
{
  g_autoptr(SlReadSet) reads = map_test_reads_new (5000, 11);
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  static const int widths[] = { 560, 700, 900, 1100, 1280 };
  guint previous = 0;

  sl_read_set_seal (reads);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GtkWidget *window = gtk_window_new ();
      SlTimeline *timeline = SL_TIMELINE (sl_timeline_new ());
      g_autoptr(GArray) labels = NULL;
      double axis;
      int width, height;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 100);
      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
      gtk_window_present (GTK_WINDOW (window));
      sl_timeline_set_time_zone (timeline, new_york);
      sl_timeline_set_reads (timeline, reads);
      while (gtk_widget_get_width (GTK_WIDGET (timeline)) < widths[w] - 20)
        g_main_context_iteration (NULL, TRUE);

      labels = sl_timeline_get_axis_labels (timeline, &axis);
      {
        GtkWidget *histogram = gtk_widget_get_prev_sibling (gtk_widget_get_last_child (GTK_WIDGET (timeline)));

        histogram = gtk_widget_get_first_child (histogram);
        g_assert_true (GTK_IS_DRAWING_AREA (histogram));
        width = gtk_widget_get_width (histogram);
        height = gtk_widget_get_height (histogram);
      }
      g_test_message ("window %d: histogram %d × %d, bars above %.0f, %u labels", widths[w], width, height,
                      axis, labels->len);
      g_assert_cmpuint (labels->len, >=, 1);
      g_assert_cmpuint (labels->len, >=, previous);
      g_assert_cmpfloat (axis, >=, height / 2.0);
      for (guint i = 0; i < labels->len; i++)
        {
          const SlTimelineLabel *label = &g_array_index (labels, SlTimelineLabel, i);

          g_assert_true (g_str_has_prefix (label->text, "2019-"));
          g_assert_cmpfloat (label->rect.origin.y, >, axis);
          g_assert_cmpfloat (label->rect.origin.y + label->rect.size.height, <=, height);
          g_assert_cmpfloat (label->rect.origin.x, >=, 0);
          g_assert_cmpfloat (label->rect.origin.x + label->rect.size.width, <=, width);
          if (i > 0)
            {
              const SlTimelineLabel *before = &g_array_index (labels, SlTimelineLabel, i - 1);

              g_assert_cmpfloat (label->rect.origin.x, >=, before->rect.origin.x + before->rect.size.width + 12);
              g_assert_cmpstr (label->text, >, before->text);
            }
        }
      previous = labels->len;
      if (w == 0 || w == G_N_ELEMENTS (widths) - 1)
        {
          g_autoptr(GdkTexture) shot = screenshot (window);
          g_autofree char *name = g_strdup_printf ("timeline-%d.png", widths[w]);

          save_screenshot (shot, name);
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }
  /* Two weeks over 870 px: a label every other day. */
  g_assert_cmpuint (previous, ==, 7);
}

static void
test_map_view_follows_timeline (void)
{
  g_autoptr(SlReadSet) reads = map_test_reads_new (20000, 5);
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sl_map_view_new ();
  SlTimeline *timeline = sl_map_view_get_timeline (SL_MAP_VIEW (view));
  SlReadFilter filter;
  guint expected = 0;
  const guint32 *times;

  sl_read_set_seal (reads);
  times = sl_read_set_get_times (reads);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sl_map_view_set_time_zone (SL_MAP_VIEW (view), new_york);
  sl_map_view_set_reads (SL_MAP_VIEW (view), reads, map_test_agency_names);

  sl_timeline_select_range (timeline, MAP_TEST_FIRST_TIME + 2 * 86400, MAP_TEST_FIRST_TIME + 5 * 86400);
  sl_timeline_set_time_of_day (timeline, 22, 6);
  sl_test_wait_for_map (SL_MAP_VIEW (view));

  sl_timeline_get_filter (timeline, &filter);
  for (guint i = 0; i < sl_read_set_get_n_reads (reads); i++)
    {
      GDateTime *utc = g_date_time_new_from_unix_utc (times[i]);
      GDateTime *local = g_date_time_to_timezone (utc, new_york);
      int hour = g_date_time_get_hour (local);

      expected += times[i] >= filter.start && times[i] < filter.end && (hour >= 22 || hour < 6);
      g_date_time_unref (local);
      g_date_time_unref (utc);
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (sl_reads_layer_get_n_selected (find_reads_layer (SL_MAP_VIEW (view))), ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
}

static SlCamerasLayer *
find_cameras_layer (SlMapView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (sl_map_view_get_map (view)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SL_IS_CAMERAS_LAYER (child))
      return SL_CAMERAS_LAYER (child);
  g_assert_not_reached ();
}

/* An agency's view and back to every read (what selecting vehicles with
 * and without an agency does): the largest read set comes back with its
 * camera sites and legend counts at once, with no worker started, even
 * after several smaller sets; a new set collects its sites again. */
static void
test_map_view_keeps_largest_reads (void)
{
  g_autoptr(SlReadSet) all = map_test_reads_new (20000, 5);
  g_autoptr(SlReadSet) first = map_test_reads_new (300, 6);
  g_autoptr(SlReadSet) second = map_test_reads_new (400, 7);
  g_autoptr(SlReadSet) other = map_test_reads_new (20000, 8);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sl_map_view_new ();
  SlMapView *map_view = SL_MAP_VIEW (view);
  g_autofree char *legend = NULL;
  const SlReadSite *busiest;
  guint n_agency_0 = 0;

  sl_read_set_seal (all);
  sl_read_set_seal (first);
  sl_read_set_seal (second);
  sl_read_set_seal (other);
  for (guint i = 0; i < sl_read_set_get_n_reads (all); i++)
    n_agency_0 += sl_read_set_get_agencies (all)[i] == 0;
  legend = g_strdup_printf ("%s %u", map_test_agency_names[0], n_agency_0);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sl_map_view_go_to (map_view, 41.4, -72.8, 12);

  sl_map_view_set_reads (map_view, all, map_test_agency_names);
  /* The whole span at every hour: every read selected, no pass. */
  g_assert_cmpuint (sl_reads_layer_get_n_selected (find_reads_layer (map_view)), ==, 20000);
  /* The sites are collected on a worker. */
  g_assert_false (sl_map_view_is_ready (map_view));
  sl_test_wait_for_map (map_view);
  busiest = sl_cameras_layer_get_site (find_cameras_layer (map_view), 0);
  g_assert_nonnull (busiest);
  g_assert_true (find_label_with_text (view, legend));

  /* A vehicle's few hundred reads: their sites at once, no worker. */
  sl_map_view_set_reads (map_view, first, map_test_agency_names);
  g_assert_true (sl_map_view_is_ready (map_view));
  {
    g_autoptr(GArray) sites = sl_read_set_collect_sites (first, SL_READ_SET_MIN_SITE_READS);

    g_assert_cmpuint (sites->len, >, 0);
    g_assert_cmpuint (sl_cameras_layer_get_site (find_cameras_layer (map_view), 0)->n_reads, ==,
                      g_array_index (sites, SlReadSite, 0).n_reads);
    g_assert_cmpfloat (sl_cameras_layer_get_site (find_cameras_layer (map_view), 0)->x, ==,
                       g_array_index (sites, SlReadSite, 0).x);
  }
  sl_map_view_set_reads (map_view, second, map_test_agency_names);
  g_assert_true (sl_map_view_is_ready (map_view));
  g_assert_false (find_label_with_text (view, legend));

  /* Back: ready at once, the same sites, the same legend. */
  sl_map_view_set_reads (map_view, all, map_test_agency_names);
  g_assert_true (sl_map_view_is_ready (map_view));
  g_assert_true (sl_cameras_layer_get_site (find_cameras_layer (map_view), 0) == busiest);
  g_assert_true (find_label_with_text (view, legend));
  g_assert_cmpuint (sl_reads_layer_get_n_selected (find_reads_layer (map_view)), ==, 20000);

  /* Another set as large: its own sites, collected again. */
  sl_map_view_set_reads (map_view, other, map_test_agency_names);
  g_assert_false (sl_map_view_is_ready (map_view));
  sl_test_wait_for_map (map_view);

  /* Emptied: nothing is kept. */
  sl_map_view_set_reads (map_view, NULL, NULL);
  sl_map_view_set_reads (map_view, all, map_test_agency_names);
  g_assert_false (sl_map_view_is_ready (map_view));
  sl_test_wait_for_map (map_view);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A layer's cairo node covers what it draws, within the layer: the track
 * layer's node is the track's box with the margin for its numbers. */
static void
test_map_layer_draw_bounds (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sl_map_view_new ();
  SlMapView *map_view = SL_MAP_VIEW (view);
  ShumateViewport *viewport = shumate_map_get_viewport (sl_map_view_get_map (map_view));
  GtkWidget *track_layer = NULL;
  SlTrackPoint track[2] = { { 41.40, -72.80, MAP_TEST_FIRST_TIME, 0 },
                            { 41.41, -72.78, MAP_TEST_FIRST_TIME + 600, 1 } };
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  graphene_rect_t bounds, expected;
  double x0, y0, x1, y1;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sl_map_view_go_to (map_view, 41.4, -72.8, 13);
  sl_map_view_set_track (map_view, track, G_N_ELEMENTS (track));
  sl_test_wait_for_map (map_view);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (sl_map_view_get_map (map_view)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SL_IS_TRACK_LAYER (child))
      track_layer = child;
  g_assert_nonnull (track_layer);

  /* Clipped to the layer, whole pixels; nothing in view: no node. */
  g_assert_true (sl_map_layer_get_draw_bounds (track_layer, 10.2, 20.7, 100.5, 50.1, 5, &bounds));
  g_assert_true (graphene_rect_equal (&bounds, &GRAPHENE_RECT_INIT (5, 15, 101, 41)));
  g_assert_true (sl_map_layer_get_draw_bounds (track_layer, -50, -50, 10, 10, 4, &bounds));
  g_assert_true (graphene_rect_equal (&bounds, &GRAPHENE_RECT_INIT (0, 0, 14, 14)));
  g_assert_false (sl_map_layer_get_draw_bounds (track_layer, -80, 10, -30, 20, 4, &bounds));

  shumate_viewport_location_to_widget_coords (viewport, track_layer, 41.41, -72.80, &x0, &y0);
  shumate_viewport_location_to_widget_coords (viewport, track_layer, 41.40, -72.78, &x1, &y1);
  g_assert_true (sl_map_layer_get_draw_bounds (track_layer, x0, y0, x1, y1, 64, &expected));
  g_assert_cmpfloat (expected.size.width, <, gtk_widget_get_width (track_layer));
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (track_layer)->snapshot (track_layer, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CAIRO_NODE);
  gsk_render_node_get_bounds (node, &bounds);
  g_assert_cmpfloat_with_epsilon (bounds.origin.x, expected.origin.x, 1);
  g_assert_cmpfloat_with_epsilon (bounds.origin.y, expected.origin.y, 1);
  g_assert_cmpfloat_with_epsilon (bounds.size.width, expected.size.width, 1);
  g_assert_cmpfloat_with_epsilon (bounds.size.height, expected.size.height, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* With the cairo renderer the reads layer draws through an image surface
 * in a cairo node: the same pixels as its texture. */
static void
test_reads_layer_cairo_pixels (void)
{
  g_autoptr(SlReadSet) reads = map_test_reads_new (5000, 9);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sl_map_view_new ();
  SlMapView *map_view = SL_MAP_VIEW (view);
  SlReadsLayer *layer;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree guchar *want = NULL;
  g_autofree guchar *got = NULL;
  GtkSnapshot *snapshot;
  SlMapFrame frame;
  int width, height;
  guint n_painted = 0;

  sl_read_set_seal (reads);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sl_map_view_go_to (map_view, 41.4, -72.8, 11);
  sl_map_view_set_reads (map_view, reads, map_test_agency_names);
  sl_test_wait_for_map (map_view);
  layer = find_reads_layer (map_view);
  g_assert_true (sl_map_layer_draws_with_cairo (GTK_WIDGET (layer)));

  width = gtk_widget_get_width (GTK_WIDGET (layer));
  height = gtk_widget_get_height (GTK_WIDGET (layer));
  sl_map_frame_init (&frame, shumate_map_get_viewport (sl_map_view_get_map (map_view)), width, height, 1);
  texture = sl_reads_layer_render (layer, &frame);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (layer)->snapshot (GTK_WIDGET (layer), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CAIRO_NODE);
  drawn = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                       &GRAPHENE_RECT_INIT (0, 0, width, height));

  want = g_malloc (width * height * 4);
  got = g_malloc (width * height * 4);
  gdk_texture_download (texture, want, width * 4);
  gdk_texture_download (drawn, got, width * 4);
  for (int i = 0; i < width * height; i++)
    n_painted += want[4 * i + 3] != 0;
  /* Dots in view, and every pixel the same. */
  g_assert_cmpuint (n_painted, >, 1000);
  g_assert_cmpmem (want, width * height * 4, got, width * height * 4);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* No window: the layer is never allocated, so no tile is requested from
 * the network. */
static void
test_map_view_online_tiles (void)
{
  GtkWidget *view = g_object_ref_sink (sl_map_view_new ());
  ShumateMap *map = sl_map_view_get_map (SL_MAP_VIEW (view));
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  guint notifications = 0;

  g_signal_connect_swapped (view, "notify::online-tiles", G_CALLBACK (count_change), &notifications);
  g_assert_false (sl_map_view_get_online_tiles (SL_MAP_VIEW (view)));
  g_object_set (view, "online-tiles", TRUE, NULL);
  g_assert_true (sl_map_view_get_online_tiles (SL_MAP_VIEW (view)));
  g_object_set (view, "online-tiles", TRUE, NULL);
  g_assert_cmpuint (notifications, ==, 1);

  /* Bottom to top: the offline basemap, OpenStreetMap, then the reads. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child; child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_MAP_LAYER (child))
      {
        ShumateMapSource *source = NULL;

        g_object_get (child, "map-source", &source, NULL);
        g_ptr_array_add (sources, (gpointer) shumate_map_source_get_id (source));
        g_object_unref (source);
      }
    else if (SL_IS_BASEMAP_LAYER (child))
      g_ptr_array_add (sources, (gpointer) "basemap");
    else if (SL_IS_READS_LAYER (child))
      g_ptr_array_add (sources, (gpointer) "reads");
  g_assert_cmpuint (sources->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (sources, 0), ==, "basemap");
  g_assert_cmpstr (shumate_map_source_get_id (shumate_viewport_get_reference_map_source (shumate_map_get_viewport (map))),
                   ==, "sightline-offline-regions@1x");
  g_assert_cmpstr (g_ptr_array_index (sources, 1), ==, "osm-mapnik");
  g_assert_cmpstr (g_ptr_array_index (sources, 2), ==, "reads");

  /* The user is told what going online reveals. */
  g_assert_true (find_label_with_text (view, "The tile server sees which area you view"));

  g_object_set (view, "online-tiles", FALSE, NULL);
  g_assert_false (sl_map_view_get_online_tiles (SL_MAP_VIEW (view)));
  g_assert_false (find_label_with_text (view, "The tile server sees which area you view"));
  g_assert_cmpuint (notifications, ==, 2);
  g_object_unref (view);
}

typedef struct
{
  guint  requests;
  char  *user_agent;
  char  *if_none_match;
  guint  received;
} TileServer;

static void
serve_tile (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  TileServer *state = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  const char *etag = soup_message_headers_get_one (request, "If-None-Match");

  state->requests++;
  g_free (state->user_agent);
  state->user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  g_free (state->if_none_match);
  state->if_none_match = g_strdup (etag);

  if (g_strcmp0 (path, "/9/151/190.png") != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_message_headers_append (soup_server_message_get_response_headers (message), "ETag", "\"v1\"");
  if (g_strcmp0 (etag, "\"v1\"") == 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_STATIC, "tile-bytes", 10);
}

static void
on_received (ShumateDataSource *source,
             int                x,
             int                y,
             int                zoom,
             GBytes            *bytes,
             TileServer        *state)
{
  g_assert_cmpint (x, ==, 151);
  g_assert_cmpint (y, ==, 190);
  g_assert_cmpint (zoom, ==, 9);
  state->received++;
}

static void
on_tile_data (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GBytes **out = user_data;
  GError *error = NULL;

  *out = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (source), result, &error);
  if (*out == NULL)
    *out = g_bytes_new_take (g_strdup (error->message), strlen (error->message));
  g_clear_error (&error);
}

static GBytes *
fetch (SlOnlineTileSource *source,
       int                 x,
       int                 y,
       int                 zoom)
{
  GBytes *bytes = NULL;

  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, zoom, NULL, on_tile_data, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  return bytes;
}

/* A tile server on the loopback interface stands in for OpenStreetMap. */
static void
test_online_tile_source (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlOnlineTileSource) source = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) missing = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cache_key = g_strdup_printf ("test-%d", (int) getpid ());
  TileServer state = { 0 };
  GSList *uris;

  soup_server_add_handler (server, NULL, serve_tile, &state, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/{z}/{x}/{y}.png", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  source = sl_online_tile_source_new (url, cache_key);
  g_signal_connect (source, "received-data", G_CALLBACK (on_received), &state);

  first = fetch (source, 151, 190, 9);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first), "tile-bytes", 10);
  g_assert_cmpuint (state.requests, ==, 1);
  g_assert_cmpuint (state.received, ==, 1);
  g_assert_cmpstr (state.user_agent, ==, "Sightline/" PACKAGE_VERSION " (" APP_ID_BASE ")");
  g_assert_null (state.if_none_match);

  /* From the cache: no second request, the renderer still gets the data. */
  second = fetch (source, 151, 190, 9);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_cmpuint (state.requests, ==, 1);
  g_assert_cmpuint (state.received, ==, 2);

  /* A missing tile is an error and emits nothing. */
  missing = fetch (source, 1, 1, 1);
  g_assert_cmpuint (state.requests, ==, 2);
  g_assert_cmpuint (state.received, ==, 2);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (missing, NULL), g_bytes_get_size (missing), "HTTP 404"));

  g_free (state.user_agent);
  g_free (state.if_none_match);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("sl-map-ui-cache-XXXXXX", NULL);
  int status;

  /* Tile caches go to a fresh directory, removed at the end. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap/offline-tiles", test_basemap_offline_tiles);
  g_test_add_func ("/map-view/screenshots", test_map_view_screenshots);
  g_test_add_func ("/map-view/go-to-refreshes-basemap", test_map_view_go_to_refreshes_basemap);
  g_test_add_func ("/map-view/overlay", test_map_view_overlay);
  g_test_add_func ("/map-view/follows-timeline", test_map_view_follows_timeline);
  g_test_add_func ("/map-view/keeps-largest-reads", test_map_view_keeps_largest_reads);
  g_test_add_func ("/map-layer/draw-bounds", test_map_layer_draw_bounds);
  g_test_add_func ("/reads-layer/cairo-pixels", test_reads_layer_cairo_pixels);
  g_test_add_func ("/map-view/online-tiles", test_map_view_online_tiles);
  g_test_add_func ("/online-tile-source/user-agent-and-cache", test_online_tile_source);
  g_test_add_func ("/timeline/select-step-filter", test_timeline);
  g_test_add_func ("/timeline/axis-labels", test_timeline_axis_labels);

  status = g_test_run ();
  sl_test_remove_tree (cache);
  return status;
}
