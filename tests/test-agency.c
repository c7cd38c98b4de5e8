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
#include "sl-test-utils.h"

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
  g_autoptr(SlProject) project = sl_test_open_temp_project ("agencies.sightline");
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

static void
test_agency_reconcile (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("agencies.sightline");
  g_autoptr(SlAgencyReconciler) first = NULL;
  g_autoptr(SlAgencyReconciler) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  const SlAgencyResolution *resolution;
  gint64 norwalk, westport, sheriff, bare;

  norwalk = sl_agency_ensure (project, "Norwalk PD", NULL, &error);
  g_assert_no_error (error);

  first = sl_agency_reconciler_new (project, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_agency_reconciler_resolve (first, "Norwalk Police Department", &error), ==, norwalk);
  g_assert_cmpint (sl_agency_reconciler_resolve (first, "NORWALK POLICE DEPT.", &error), ==, norwalk);
  westport = sl_agency_reconciler_resolve (first, "Westport PD", &error);
  g_assert_cmpint (westport, >, norwalk);
  /* One agency has every word: a partial match. */
  g_assert_cmpint (sl_agency_reconciler_resolve (first, "Norwalk", &error), ==, norwalk);
  /* Spellings met again are not reported again. */
  g_assert_cmpint (sl_agency_reconciler_resolve (first, " Westport PD ", &error), ==, westport);
  sheriff = sl_agency_reconciler_resolve (first, "Norwalk Sheriff's Office", &error);
  g_assert_no_error (error);
  /* Only generic words: never matched partially. */
  g_assert_cmpint (sl_agency_reconciler_resolve (first, "Police Dept", &error), >, sheriff);
  g_assert_cmpint (sl_agency_reconciler_resolve (first, "--", &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  report = sl_agency_reconciler_format_report (first);
  g_assert_cmpstr (report, ==,
                   "matched   Norwalk Police Department → Norwalk PD\n"
                   "matched   NORWALK POLICE DEPT. → Norwalk PD\n"
                   "created   Westport PD\n"
                   "matched   Norwalk → Norwalk PD\n"
                   "created   Norwalk Sheriff's Office\n"
                   "created   Police Dept\n");
  g_assert_cmpuint (sl_agency_reconciler_count (first, SL_AGENCY_MATCH_CREATED), ==, 3);

  /* Now two agencies have both words of "Norwalk": ambiguous, so it gets an
   * agency of its own and the user can merge. */
  second = sl_agency_reconciler_new (project, &error);
  g_assert_no_error (error);
  bare = sl_agency_reconciler_resolve (second, "Norwalk", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bare, !=, norwalk);
  g_assert_cmpint (bare, !=, sheriff);
  resolution = sl_agency_reconciler_get_resolution (second, 0);
  g_assert_cmpint (resolution->match, ==, SL_AGENCY_MATCH_AMBIGUOUS);
  g_clear_pointer (&report, g_free);
  report = sl_agency_reconciler_format_report (second);
  g_assert_cmpstr (report, ==,
                   "ambiguous Norwalk → created; candidates: Norwalk PD, Norwalk Sheriff's Office\n");
}

/* A partial match may only add words that say what kind of agency: the
 * state police is not a university's police because both names hold
 * "connecticut state police". */
static void
test_agency_reconcile_distinctive_extras (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("agencies.sightline");
  g_autoptr(SlAgencyReconciler) reconciler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  gint64 scsu, sheriff, state_police;

  scsu = sl_agency_ensure (project, "Southern Connecticut State University Police", NULL, &error);
  sheriff = sl_agency_ensure (project, "Hartford County Sheriff's Office", NULL, &error);
  g_assert_no_error (error);

  reconciler = sl_agency_reconciler_new (project, &error);
  g_assert_no_error (error);
  state_police = sl_agency_reconciler_resolve (reconciler, "Connecticut State Police", &error);
  g_assert_no_error (error);
  g_assert_cmpint (state_police, !=, scsu);
  g_assert_cmpint (sl_agency_reconciler_resolve (reconciler, "Hartford Sheriff", &error), ==, sheriff);
  g_assert_cmpint (sl_agency_reconciler_resolve (reconciler, "Southern Connecticut State", &error), ==, scsu);
  g_assert_no_error (error);

  report = sl_agency_reconciler_format_report (reconciler);
  g_assert_cmpstr (report, ==,
                   "created   Connecticut State Police\n"
                   "matched   Hartford Sheriff → Hartford County Sheriff's Office\n"
                   "matched   Southern Connecticut State → Southern Connecticut State University Police\n");
}

static void
test_agency_merge (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("agencies.sightline");
  g_autoptr(GError) error = NULL;
  gint64 kept, merged;

  kept = sl_agency_ensure (project, "Norwalk PD", NULL, &error);
  merged = sl_agency_ensure (project, "Norwalk", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sl_project_exec (project,
                                  "UPDATE agencies SET retention_days = 365, state = 'CT' WHERE name = 'Norwalk';"
                                  "INSERT INTO agency_aliases VALUES ('city of norwalk', 'City of Norwalk', "
                                  "  (SELECT id FROM agencies WHERE name = 'Norwalk'));"
                                  "INSERT INTO pools (name, normalized_name) VALUES ('Pool', 'pool');"
                                  "INSERT INTO pool_members SELECT 1, id FROM agencies;"
                                  "INSERT INTO scenarios (name) VALUES ('s');"
                                  "INSERT INTO sharing_edges (scenario_id, owner_id, recipient_pool_id) "
                                  "  SELECT 1, id, 1 FROM agencies WHERE name = 'Norwalk';",
                                  &error));
  g_assert_no_error (error);

  g_assert_true (sl_agency_merge (project, kept, merged, &error));
  g_assert_no_error (error);

  /* The merged name and its aliases now find the kept agency. */
  g_assert_cmpint (sl_agency_lookup (project, "Norwalk", &error), ==, kept);
  g_assert_cmpint (sl_agency_lookup (project, "City of Norwalk", &error), ==, kept);
  g_assert_true (sl_project_exec (project,
                                  "CREATE TEMP TABLE checks AS SELECT "
                                  "(SELECT count(*) FROM agencies) AS agencies, "
                                  "(SELECT retention_days || state FROM agencies WHERE id = 1) AS facts, "
                                  "(SELECT group_concat (agency_id) FROM pool_members) AS members, "
                                  "(SELECT owner_id FROM sharing_edges) AS owner",
                                  &error));
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project),
                                         "SELECT agencies, facts, members, owner FROM checks",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "365CT");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "1");
    g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, kept);
    sqlite3_finalize (stmt);
  }

  g_assert_false (sl_agency_merge (project, kept, merged, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No agency with id 2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/agency/normalize", test_agency_normalize);
  g_test_add_func ("/agency/ensure-and-lookup", test_agency_ensure_and_lookup);
  g_test_add_func ("/agency/types", test_agency_types);
  g_test_add_func ("/agency/reconcile", test_agency_reconcile);
  g_test_add_func ("/agency/reconcile-distinctive-extras", test_agency_reconcile_distinctive_extras);
  g_test_add_func ("/agency/merge", test_agency_merge);

  return g_test_run ();
}
