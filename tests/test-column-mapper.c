/* test-column-mapper.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-column-mapper.h"

/* The roles of all columns, as "role,role,…". */
static char *
describe_roles (SlColumnMapping *mapping)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint col = 0; col < sl_column_mapping_get_n_columns (mapping); col++)
    g_string_append_printf (out, "%s%s", col > 0 ? "," : "",
                            sl_column_role_to_string (sl_column_mapping_get_role (mapping, col)));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_maps (const char *header_line,
             const char *expected_roles,
             gboolean    expected_hash)
{
  g_auto(GStrv) header = g_strsplit (header_line, ",", -1);
  g_autoptr(SlColumnMapping) mapping = sl_column_mapping_new ((const char * const *) header,
                                                              g_strv_length (header));
  g_autofree char *roles = describe_roles (mapping);

  g_assert_cmpstr (roles, ==, expected_roles);
  g_assert_cmpint (sl_column_mapping_get_plate_is_hash (mapping), ==, expected_hash);
}

static void
test_mapper_synonyms (void)
{
  /* The demo generator's header maps with no options. */
  assert_maps ("plate,read_at,latitude,longitude,camera,agency",
               "plate,timestamp,latitude,longitude,camera,agency", FALSE);
  assert_maps ("Plate Number,DateTime,Lat,Lng,Device,Org",
               "plate,timestamp,latitude,longitude,camera,agency", FALSE);
  assert_maps ("LICENSE_PLATE,captured-at,Y,X,Reader,Owner",
               "plate,timestamp,latitude,longitude,camera,agency", FALSE);
  assert_maps ("lpn,dt,LAT,LONG,unit,Agency Name",
               "plate,timestamp,latitude,longitude,camera,agency", FALSE);
  assert_maps ("tag,Timestamp,gps_lat,gps_lon,camera_id,owning agency",
               "plate,timestamp,latitude,longitude,camera,agency", FALSE);
  assert_maps ("Date Time,Plate,Latitude,Longitude,Address,Zip Code,Census Tract",
               "timestamp,plate,latitude,longitude,ignore,ignore,ignore", FALSE);
  /* Separate date and time columns. */
  assert_maps ("plate,date,time,lat,lon", "plate,date,time,latitude,longitude", FALSE);
  /* A lone "date" or "time" column holds the whole timestamp. */
  assert_maps ("plate,Date,lat,lon", "plate,timestamp,latitude,longitude", FALSE);
  assert_maps ("plate,TIME,lat,lon", "plate,timestamp,latitude,longitude", FALSE);
  assert_maps ("plate,Read Time,lat,lon", "plate,timestamp,latitude,longitude", FALSE);
  assert_maps ("plate,Read Date,Read Time,lat,lon", "plate,date,time,latitude,longitude", FALSE);
  /* Optional roles. */
  assert_maps ("plate,read_at,lat,lon,State,Make,Color,Confidence",
               "plate,timestamp,latitude,longitude,plate_state,make,colour,confidence", FALSE);
  /* Two headers for one role: the stronger name wins. */
  assert_maps ("x,y,plate,dt,longitude,latitude",
               "ignore,ignore,plate,timestamp,longitude,latitude", FALSE);
  /* Hashed plates by name. */
  assert_maps ("plate_hash,read_at,lat,lon", "plate,timestamp,latitude,longitude", TRUE);
  assert_maps ("Hashed Plate,read_at,lat,lon", "plate,timestamp,latitude,longitude", TRUE);
}

static GPtrArray *
rows_from_lines (const char *first,
                 ...)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_list args;

  va_start (args, first);
  for (const char *line = first; line != NULL; line = va_arg (args, const char *))
    g_ptr_array_add (rows, g_strsplit (line, ",", -1));
  va_end (args);

  return rows;
}

static void
test_mapper_analyze (void)
{
  const char *header[] = { "plate", "when", "lat", "lon", NULL };
  g_autoptr(SlColumnMapping) mapping = sl_column_mapping_new (header, 4);
  g_autoptr(GPtrArray) rows = NULL;

  /* "when" is no known name: map it by hand. */
  g_assert_true (sl_column_mapping_apply_override (mapping, "timestamp=when", NULL));

  rows = rows_from_lines ("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8,03/04/2019 10:00,41.1,-73.2",
                          "6b86b273ff34fce19b6b804eff5a3f5747ada4ea2d0e5e6e2c1d5e2f1d0e6c1a,03/05/2019 10:00,41.1,-73.2",
                          ",03/06/2019 10:00,41.1,-73.2",
                          NULL);
  sl_column_mapping_analyze (mapping, rows, FALSE);
  g_assert_true (sl_column_mapping_get_plate_is_hash (mapping));
  g_assert_cmpint (sl_column_mapping_get_time_format (mapping), ==, SL_TIME_FORMAT_MDY);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One plate that is not a digest: plain plates. */
  g_clear_object (&mapping);
  mapping = sl_column_mapping_new (header, 4);
  sl_column_mapping_set_role (mapping, 1, SL_COLUMN_ROLE_TIMESTAMP);
  rows = rows_from_lines ("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8,1551426130,41.1,-73.2",
                          "ABC123,1551426131,41.1,-73.2",
                          NULL);
  sl_column_mapping_analyze (mapping, rows, FALSE);
  g_assert_false (sl_column_mapping_get_plate_is_hash (mapping));
  g_assert_cmpint (sl_column_mapping_get_time_format (mapping), ==, SL_TIME_FORMAT_EPOCH_SECONDS);

  /* What the user set is not second-guessed. */
  sl_column_mapping_set_plate_is_hash (mapping, TRUE);
  sl_column_mapping_set_time_format (mapping, SL_TIME_FORMAT_EPOCH_MILLISECONDS);
  sl_column_mapping_analyze (mapping, rows, FALSE);
  g_assert_true (sl_column_mapping_get_plate_is_hash (mapping));
  g_assert_cmpint (sl_column_mapping_get_time_format (mapping), ==, SL_TIME_FORMAT_EPOCH_MILLISECONDS);

  g_assert_true (sl_column_looks_like_hash ("d41d8cd98f00b204e9800998ecf8427e"));
  g_assert_false (sl_column_looks_like_hash ("d41d8cd98f00b204e9800998ecf8427"));
  g_assert_false (sl_column_looks_like_hash ("ABC123"));
}

static void
test_mapper_overrides (void)
{
  const char *header[] = { "Plate", "Seen", "A", "B", "Site Name", NULL };
  g_autoptr(SlColumnMapping) mapping = sl_column_mapping_new (header, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *roles = NULL;

  g_assert_true (sl_column_mapping_apply_override (mapping, "timestamp=seen", &error));
  g_assert_true (sl_column_mapping_apply_override (mapping, "lat=3", &error));
  g_assert_true (sl_column_mapping_apply_override (mapping, "longitude=B", &error));
  g_assert_true (sl_column_mapping_apply_override (mapping, "camera=site_name", &error));
  g_assert_no_error (error);
  roles = describe_roles (mapping);
  g_assert_cmpstr (roles, ==, "plate,timestamp,latitude,longitude,camera");
  g_clear_pointer (&roles, g_free);

  /* Moving a role to another column frees the old one. */
  g_assert_true (sl_column_mapping_apply_override (mapping, "latitude=B", &error));
  roles = describe_roles (mapping);
  g_assert_cmpstr (roles, ==, "plate,timestamp,ignore,latitude,camera");
  g_clear_pointer (&roles, g_free);
  g_assert_true (sl_column_mapping_apply_override (mapping, "plate_hash=Plate", &error));
  g_assert_true (sl_column_mapping_get_plate_is_hash (mapping));
  g_assert_true (sl_column_mapping_apply_override (mapping, "ignore=5", &error));
  roles = describe_roles (mapping);
  g_assert_cmpstr (roles, ==, "plate,timestamp,ignore,latitude,ignore");

  g_assert_false (sl_column_mapping_apply_override (mapping, "latitude", &error));
  g_assert_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_UNKNOWN_ROLE);
  g_assert_cmpstr (error->message, ==, "“latitude” is not ROLE=COLUMN");
  g_clear_error (&error);

  g_assert_false (sl_column_mapping_apply_override (mapping, "speed=A", &error));
  g_assert_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_UNKNOWN_ROLE);
  g_assert_cmpstr (error->message, ==,
                   "Unknown role “speed” in “speed=A”; roles are ignore, plate, timestamp, date, "
                   "time, latitude, longitude, camera, agency, plate_state, make, colour, confidence");
  g_clear_error (&error);

  g_assert_false (sl_column_mapping_apply_override (mapping, "camera=Device", &error));
  g_assert_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_UNKNOWN_COLUMN);
  g_assert_cmpstr (error->message, ==,
                   "No column “Device” in “camera=Device”; the columns are Plate, Seen, A, B, Site Name");
  g_clear_error (&error);

  g_assert_false (sl_column_mapping_apply_override (mapping, "camera=6", &error));
  g_assert_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_UNKNOWN_COLUMN);
}

static void
test_mapper_no_header (void)
{
  g_autoptr(SlColumnMapping) mapping = sl_column_mapping_new (NULL, 3);
  g_autofree char *roles = describe_roles (mapping);

  g_assert_cmpstr (roles, ==, "ignore,ignore,ignore");
  g_assert_cmpstr (sl_column_mapping_get_column_name (mapping, 2), ==, "column 3");
  g_assert_true (sl_column_mapping_apply_override (mapping, "plate=1", NULL));
  g_assert_cmpint (sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_PLATE), ==, 0);
}

static void
assert_invalid (const char *header_line,
                gboolean    have_agency,
                const char *message)
{
  g_auto(GStrv) header = g_strsplit (header_line, ",", -1);
  g_autoptr(SlColumnMapping) mapping = sl_column_mapping_new ((const char * const *) header,
                                                              g_strv_length (header));
  g_autoptr(GError) error = NULL;

  sl_column_mapping_set_time_format (mapping, SL_TIME_FORMAT_YMD);
  g_assert_false (sl_column_mapping_validate (mapping, have_agency, &error));
  g_assert_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_MISSING_ROLE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_mapper_validate (void)
{
  const char *header[] = { "plate", "read_at", "lat", "lon", NULL };
  g_autoptr(SlColumnMapping) mapping = sl_column_mapping_new (header, 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  assert_invalid ("tag,read_at,lon,agency", FALSE,
                  "No column for the latitude; choose one (--map latitude=COLUMN)");
  assert_invalid ("read_at,lat,lon", TRUE,
                  "No column for the plate; choose one (--map plate=COLUMN)");
  assert_invalid ("plate,lat,lon", TRUE,
                  "No column for the time of the reads; choose one (--map timestamp=COLUMN, "
                  "or --map date=COLUMN and --map time=COLUMN)");
  /* The missing agency column is the usual case: the user names it. */
  assert_invalid ("plate,read_at,lat,lon", FALSE,
                  "The file has no agency column; name the agency that owns these reads "
                  "(--agency NAME)");

  g_assert_false (sl_column_mapping_validate (mapping, TRUE, &error));
  g_assert_cmpstr (error->message, ==,
                   "The values of column “read_at” are not dates and times Sightline knows");
  g_clear_error (&error);

  sl_column_mapping_set_time_format (mapping, SL_TIME_FORMAT_YMD);
  g_assert_true (sl_column_mapping_validate (mapping, TRUE, &error));
  g_assert_no_error (error);

  json = sl_column_mapping_to_json (mapping);
  g_assert_cmpstr (json, ==,
                   "{\"roles\":{\"plate\":\"plate\",\"timestamp\":\"read_at\",\"latitude\":\"lat\","
                   "\"longitude\":\"lon\"},\"plate_is_hash\":false,\"time_format\":\"ymd\"}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/column-mapper/synonyms", test_mapper_synonyms);
  g_test_add_func ("/column-mapper/analyze", test_mapper_analyze);
  g_test_add_func ("/column-mapper/overrides", test_mapper_overrides);
  g_test_add_func ("/column-mapper/no-header", test_mapper_no_header);
  g_test_add_func ("/column-mapper/validate", test_mapper_validate);

  return g_test_run ();
}
