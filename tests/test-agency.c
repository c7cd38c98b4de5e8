/* test-agency.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-agency.h"
#include "sl-project-private.h"

static SlProject *
open_temp_project (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  SlProject *project;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "agencies.sightline", NULL);
  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  return project;
}

static void
assert_normalizes (const char *name,
                   const char *expected)
{
  g_autofree char *key = sl_agency_normalize_name (name);

  g_assert_cmpstr (key, ==, expected);
}

static void
test_agency_normalize (void)
{
  assert_normalizes ("Norwalk PD", "norwalk police");
  assert_normalizes ("Norwalk Police Department", "norwalk police");
  assert_normalizes ("NORWALK POLICE DEPT.", "norwalk police");
  assert_normalizes ("  norwalk   police ", "norwalk police");
  assert_normalizes ("Hartford County Sheriff's Office", "hartford county sheriffs office");
  assert_normalizes ("Hartford County Sheriff Office", "hartford county sheriffs office");
  assert_normalizes ("Southern Connecticut State Univ. Police", "southern connecticut state university police");
  assert_normalizes ("The Department of Homeland Security", "department of homeland security");
  assert_normalizes ("ICE – ERO", "ice ero");
  assert_normalizes ("Policía de Bogotá", "policia de bogota");
  assert_normalizes ("Tolland & Union PD", "tolland and union police");
  assert_normalizes ("!!!", "");
  /* Invalid UTF-8 is replaced, not a crash. */
  assert_normalizes ("Bad\xff" "Name PD", "bad name police");
}

static void
test_agency_ensure_and_lookup (void)
{
  g_autoptr(SlProject) project = open_temp_project ();
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;
  gint64 norwalk;
  gint64 westport;

  g_assert_cmpint (sl_agency_lookup (project, "Norwalk PD", &error), ==, 0);
  g_assert_no_error (error);

  norwalk = sl_agency_ensure (project, " Norwalk Police Department ", &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (norwalk, >, 0);
  g_assert_true (created);

  g_assert_cmpint (sl_agency_ensure (project, "NORWALK POLICE DEPT.", &created, &error), ==, norwalk);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpint (sl_agency_lookup (project, "Norwalk PD", &error), ==, norwalk);

  westport = sl_agency_ensure (project, "Westport PD", &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_cmpint (westport, !=, norwalk);

  /* Aliases, as merges record them, resolve too. */
  g_assert_true (sl_project_exec (project,
                                  "INSERT INTO agency_aliases (normalized_alias, alias, agency_id) "
                                  "SELECT 'westport railroad police', 'Westport Railroad PD', id "
                                  "FROM agencies WHERE name = 'Westport PD'",
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_agency_lookup (project, "Westport Railroad Police Dept", &error), ==, westport);

  g_assert_cmpint (sl_agency_ensure (project, " -- ", &created, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "“--” is not an agency name: it has no letters or digits");
  g_assert_false (created);
}

static void
test_agency_types (void)
{
  SlAgencyType type = SL_AGENCY_TYPE_OTHER;

  for (SlAgencyType t = SL_AGENCY_TYPE_MUNICIPAL_POLICE; t <= SL_AGENCY_TYPE_OTHER; t++)
    {
      g_assert_true (sl_agency_type_from_string (sl_agency_type_to_string (t), &type));
      g_assert_cmpint (type, ==, t);
    }

  g_assert_cmpstr (sl_agency_type_to_string (SL_AGENCY_TYPE_FUSION_CENTER), ==, "fusion-center");
  g_assert_false (sl_agency_type_from_string ("police", &type));
  g_assert_false (sl_agency_type_from_string (NULL, &type));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/agency/normalize", test_agency_normalize);
  g_test_add_func ("/agency/ensure-and-lookup", test_agency_ensure_and_lookup);
  g_test_add_func ("/agency/types", test_agency_types);

  return g_test_run ();
}
