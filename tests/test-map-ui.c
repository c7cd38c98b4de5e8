/* test-map-ui.c: the map's widgets under Xvfb: basemap tiles drawn with no
 * network, reads layer and map view.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "sl-basemap-source.h"
#include "sl-mercator.h"

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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap/offline-tiles", test_basemap_offline_tiles);

  return g_test_run ();
}
