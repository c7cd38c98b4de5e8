/* test-map-overlays.c: GeoJSON overlays kept in a project.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-geography.h"
#include "sl-map-overlays.h"

#define CLINICS "{\"type\":\"Feature\",\"properties\":{\"name\":\"Clinic\"}," \
                "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-72.68,41.76]}}"
#define ROUTE "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\"," \
              "\"coordinates\":[[-72.9,41.3],[-72.68,41.76]]}}"

static SlProject *
new_project (char **path)
{
  g_autoptr(GError) error = NULL;
  SlProject *project;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  *path = g_build_filename (g_get_user_data_dir (), "overlays.sightline", NULL);
  project = sl_project_open (*path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  return project;
}

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_overlays_round_trip (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SlProject) project = new_project (&path);
  g_autoptr(GBytes) clinics = bytes (CLINICS);
  g_autoptr(GBytes) route = bytes (ROUTE);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  SlMapOverlay *overlay;

  g_assert_true (sl_map_overlays_add (project, "clinics", clinics, "clinics.geojson", &error));
  g_assert_no_error (error);
  g_assert_true (sl_map_overlays_add (project, "route", route, "route.geojson", &error));
  g_assert_true (sl_map_overlays_set_color (project, "route", "#FF8800", &error));
  g_assert_true (sl_map_overlays_set_visible (project, "clinics", FALSE, &error));
  g_assert_no_error (error);

  /* Replacing keeps the place in the list, the colour and visibility. */
  g_assert_true (sl_map_overlays_add (project, "clinics", route, "clinics.geojson", &error));
  g_clear_object (&project);

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  list = sl_map_overlays_list (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  overlay = g_ptr_array_index (list, 0);
  g_assert_cmpstr (overlay->name, ==, "clinics");
  g_assert_cmpstr (overlay->color, ==, "#7329ab");
  g_assert_false (overlay->visible);
  g_assert_true (g_bytes_equal (overlay->geojson, route));
  overlay = g_ptr_array_index (list, 1);
  g_assert_cmpstr (overlay->name, ==, "route");
  g_assert_cmpstr (overlay->color, ==, "#ff8800");
  g_assert_true (overlay->visible);

  g_assert_true (sl_map_overlays_remove (project, "clinics", &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sl_map_overlays_list (project, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SlMapOverlay *) g_ptr_array_index (list, 0))->name, ==, "route");
}

static void
test_overlays_refuse_bad_input (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SlProject) project = new_project (&path);
  g_autoptr(GBytes) clinics = bytes (CLINICS);
  g_autoptr(GBytes) broken = bytes ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-72.68]}}");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_map_overlays_add (project, "clinics", clinics, "clinics.geojson", &error));

  /* Bad GeoJSON: refused with the parser's message, the old one kept. */
  g_assert_false (sl_map_overlays_add (project, "clinics", broken, "broken.geojson", &error));
  g_assert_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "broken.geojson: feature 1: geometry.coordinates is not a [longitude, latitude] position");
  g_clear_error (&error);

  /* A hexadecimal number json-glib reads as 16 (issue 9). */
  g_clear_pointer (&broken, g_bytes_unref);
  broken = bytes ("{\"type\":\"Feature\",\n \"geometry\":{\"type\":\"Point\",\"coordinates\":[-72.68,0x10]}}");
  g_assert_false (sl_map_overlays_add (project, "clinics", broken, "hex.geojson", &error));
  g_assert_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "hex.geojson:2: member “coordinates”: “0x10” is not a decimal number");
  g_clear_error (&error);

  g_assert_false (sl_map_overlays_set_color (project, "clinics", "purple", &error));
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "“purple” is not a colour of the form #rrggbb");
  g_clear_error (&error);

  g_assert_false (sl_map_overlays_set_visible (project, "schools", FALSE, &error));
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "The project has no map overlay named “schools”");
  g_clear_error (&error);
  g_assert_false (sl_map_overlays_remove (project, "schools", &error));
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (sl_map_overlays_add (project, "", clinics, "clinics.geojson", &error));
  g_assert_cmpstr (error->message, ==, "A map overlay needs a name");
  g_clear_error (&error);

  list = sl_map_overlays_list (project, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (g_bytes_equal (((SlMapOverlay *) g_ptr_array_index (list, 0))->geojson, clinics));
  g_assert_cmpstr (((SlMapOverlay *) g_ptr_array_index (list, 0))->color, ==, "#7329ab");
}

static void
test_overlays_read_only (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SlProject) project = new_project (&path);
  g_autoptr(GBytes) clinics = bytes (CLINICS);
  g_autoptr(GError) error = NULL;

  g_clear_object (&project);
  project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (sl_map_overlays_add (project, "clinics", clinics, "clinics.geojson", &error));
  g_assert_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_READ_ONLY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map-overlays/round-trip", test_overlays_round_trip);
  g_test_add_func ("/map-overlays/refuse-bad-input", test_overlays_refuse_bad_input);
  g_test_add_func ("/map-overlays/read-only", test_overlays_read_only);

  return g_test_run ();
}
