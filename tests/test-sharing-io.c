/* test-sharing-io.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-project-private.h"
#include "sl-sharing-diff.h"
#include "sl-sharing-io.h"
#include "sl-sharing-reads.h"
#include "sl-test-utils.h"

#define DOCUMENTED "As documented, March 2019"
#define AFTER "After March 2019"

/* Freed by GLib when the test case ends. */
static const char *
data_path (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "..", "data", "sharing", name, NULL);
}

static void
import_ok (SlProject       *project,
           const char      *path,
           SlSharingFormat  format,
           const char      *scenario,
           const char * const *maps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSharingImport) result = sl_sharing_import (project, path, format, scenario, maps, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static void
import_data (SlProject       *project,
             const char      *name,
             SlSharingFormat  format)
{
  const char *path = data_path (name);

  import_ok (project, path, format, NULL, NULL);
}

static void
test_json_round_trip (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("round-trip.sightline");
  const char *files[] = { "ct-2019-documented.json", "ct-2019-after.json" };
  const char *scenarios[] = { DOCUMENTED, AFTER };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    import_data (project, files[i], SL_SHARING_FORMAT_AUTO);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      const char *path = data_path (files[i]);
      g_autofree char *expected = NULL;
      g_autofree char *exported = NULL;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &expected, NULL, &error);
      g_assert_no_error (error);
      exported = sl_sharing_export_json (project, scenarios[i], &error);
      g_assert_no_error (error);
      /* Byte for byte. */
      g_assert_cmpstr (exported, ==, expected);
    }

  /* Importing again replaces the scenario: still one copy of each edge. */
  import_data (project, files[0], SL_SHARING_FORMAT_JSON);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM sharing_edges"), ==, 6);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM scenario_edits"), ==, 4);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM agencies"), ==, 6);
}

static void
test_json_scenarios (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("scenarios.sightline");
  g_autoptr(SlSharingNetwork) before = NULL;
  g_autoptr(SlSharingNetwork) after = NULL;
  g_autoptr(SlVisibility) vis_before = NULL;
  g_autoptr(SlVisibility) vis_after = NULL;
  g_autoptr(GArray) diffs = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edit = NULL;
  gint64 wethersfield, westport;
  SlPlateDiff *diff;

  import_data (project, "ct-2019-documented.json", SL_SHARING_FORMAT_AUTO);
  import_data (project, "ct-2019-after.json", SL_SHARING_FORMAT_AUTO);
  wethersfield = sl_test_query_int (project, "SELECT id FROM agencies WHERE name = 'Wethersfield PD'");
  westport = sl_test_query_int (project, "SELECT id FROM agencies WHERE name = 'Westport PD'");

  before = sl_sharing_network_load (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_sharing_network_get_scenario (before), ==, DOCUMENTED);
  after = sl_sharing_network_load (project, AFTER, &error);
  g_assert_no_error (error);

  /* Parent's 6 edges; one removed, one cut at the stop date, one added. */
  g_assert_cmpuint (sl_sharing_network_get_n_edges (after), ==, 6);
  g_assert_cmpuint (sl_sharing_network_get_n_edits (after), ==, 4);
  g_assert_cmpuint (sl_sharing_diff_edits (after, before), ==, 0);
  edit = sl_scenario_edit_describe (after, sl_sharing_network_get_edit (after, 1));
  g_assert_cmpstr (edit, ==, "SCSU Police stops sharing with every pool from 2019-03-08T00:00:00Z");
  edges = sl_sharing_diff_edges (after, before);
  g_assert_cmpuint (edges->len, ==, 4);

  /* One vehicle seen by Wethersfield and Westport in 2018. */
  vis_before = sl_visibility_new (before);
  vis_after = sl_visibility_new (after);
  {
    SlVisRead reads[] = { { 1, 1530000000, wethersfield }, { 1, 1530000100, westport } };

    diffs = sl_sharing_diff_plate (vis_after, vis_before, reads, G_N_ELEMENTS (reads));
  }
  /* ICE ERO still sees Westport's read through the pool: changed, not lost. */
  g_assert_cmpuint (diffs->len, ==, 1);
  diff = &g_array_index (diffs, SlPlateDiff, 0);
  g_assert_cmpint (diff->change, ==, SL_DIFF_CHANGED);
  g_assert_cmpstr (diff->name, ==, "ICE ERO");
  g_assert_cmpuint (diff->a.n_reads, ==, 1);
  g_assert_cmpuint (diff->b.n_reads, ==, 2);
  g_assert_cmpstr (diff->a.path, ==, "Westport PD → National pool → ICE ERO");
  g_assert_cmpstr (diff->b.path, ==, "Wethersfield PD → ICE ERO");
  /* Wethersfield keeps reads two years, Westport one. */
  g_assert_cmpint (diff->b.last, ==, 1530000000 + 730 * 86400 - 1);
  g_assert_cmpint (diff->a.first, ==, 1530000100);
  g_assert_cmpint (diff->a.last, ==, 1530000100 + 365 * 86400 - 1);
}

static void
test_edges_csv (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("edges.sightline");
  g_autofree char *path = sl_test_write_temp_file ("Westport sharing report.csv",
                                                   "Source,Shared With,Type,Start Date,End Date,Notes\n"
                                                   "Westport PD,ICE ERO,Detections,2017-12-01,2019-03-08,\"removed, later\"\n"
                                                   "Westport Police Department,Norwalk Police Dept.,hot lists,,,\n"
                                                   "WESTPORT PD,NVLS,reads,1512086400,,\n");
  g_autofree char *pools = sl_test_write_temp_file ("pools.json",
                                                    "{\"format\": \"sightline-sharing\", \"version\": 1,"
                                                    " \"scenario\": {\"name\": \"pools\"},"
                                                    " \"pools\": [{\"name\": \"NVLS\", \"declared_size\": null,"
                                                    "              \"members_listed\": true, \"members\": []}]}");
  g_autoptr(SlSharingImport) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *csv = NULL;

  import_ok (project, pools, SL_SHARING_FORMAT_AUTO, NULL, NULL);
  result = sl_sharing_import (project, path, SL_SHARING_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, SL_SHARING_FORMAT_EDGES);
  g_assert_cmpstr (result->scenario, ==, "Westport sharing report");
  g_assert_cmpuint (result->n_edges, ==, 3);
  report = sl_agency_reconciler_format_report (result->reconciler);
  g_assert_cmpstr (report, ==,
                   "created   Westport PD\n"
                   "created   ICE ERO\n"
                   "matched   Westport Police Department → Westport PD\n"
                   "created   Norwalk Police Dept.\n"
                   "matched   WESTPORT PD → Westport PD\n");

  /* The document is the file; "NVLS" is the pool, found by name. */
  csv = sl_sharing_export_edges_csv (project, "Westport sharing report", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==,
                   "owner,recipient,recipient_type,kind,valid_from,valid_to,provenance,document,note\n"
                   "Westport PD,ICE ERO,agency,reads,2017-12-01T00:00:00Z,2019-03-08T00:00:00Z,document,"
                   "Westport sharing report.csv,\"removed, later\"\n"
                   "Westport PD,Norwalk Police Dept.,agency,hotlists,,,document,Westport sharing report.csv,\n"
                   "Westport PD,NVLS,pool,reads,2017-12-01T00:00:00Z,,document,Westport sharing report.csv,\n");
}

static void
test_edges_csv_map (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("map.sightline");
  g_autofree char *path = sl_test_write_temp_file ("partners.csv",
                                                   "Agency Name;Partner;Comment\n"
                                                   "Fairfield PD;Trumbull PD;x\n");
  const char *maps[] = { "owner=Agency Name", "recipient=2", NULL };
  const char *bad_role[] = { "sender=Agency Name", NULL };
  const char *bad_column[] = { "owner=Agency", "recipient=Partner", NULL };
  g_autoptr(SlSharingImport) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* Without a recipient column it is not an edge list. */
  result = sl_sharing_import (project, path, SL_SHARING_FORMAT_EDGES, "s", NULL, &error);
  g_assert_null (result);
  message = g_strdup_printf ("%s:1: no column for “owner”; name one with --map owner=COLUMN", path);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  result = sl_sharing_import (project, path, SL_SHARING_FORMAT_EDGES, "s", bad_role, &error);
  g_assert_cmpstr (error->message, ==,
                   "--map sender=Agency Name: unknown role (expected ROLE=COLUMN with ROLE one of owner, "
                   "recipient, recipient_type, kind, valid_from, valid_to, provenance, document, note)");
  g_clear_error (&error);

  result = sl_sharing_import (project, path, SL_SHARING_FORMAT_EDGES, "s", bad_column, &error);
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("--map owner=Agency: %s has no column “Agency”", path);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  result = sl_sharing_import (project, path, SL_SHARING_FORMAT_AUTO, "s", maps, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_edges, ==, 1);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM sharing_edges AS e JOIN agencies AS r "
                                   "ON r.id = e.recipient_agency_id WHERE r.name = 'Trumbull PD'"), ==, 1);
}

/* A bad row anywhere leaves the project as it was. */
static void
assert_import_fails (SlProject       *project,
                     const char      *name,
                     const char      *contents,
                     SlSharingFormat  format,
                     const char      *expected)
{
  g_autofree char *path = sl_test_write_temp_file (name, contents);
  g_autofree char *message = g_strdup_printf ("%s:%s", path, expected);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSharingImport) result = NULL;
  gint64 agencies = sl_test_query_int (project, "SELECT count(*) FROM agencies");
  gint64 edges = sl_test_query_int (project, "SELECT count(*) FROM sharing_edges");
  gint64 scenarios = sl_test_query_int (project, "SELECT count(*) FROM scenarios");

  result = sl_sharing_import (project, path, format, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM agencies"), ==, agencies);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM sharing_edges"), ==, edges);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM scenarios"), ==, scenarios);
}

static void
test_import_errors (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("errors.sightline");

  import_data (project, "ct-2019-documented.json", SL_SHARING_FORMAT_AUTO);

  assert_import_fails (project, "kind.csv",
                       "owner,recipient,kind\nA PD,B PD,reads\nC PD,D PD,photos\n",
                       SL_SHARING_FORMAT_AUTO,
                       "3: field “kind”: unknown kind “photos” (expected reads or hotlists)");
  assert_import_fails (project, "empty.csv",
                       "owner,recipient\nA PD,B PD\n\"\",D PD\n",
                       SL_SHARING_FORMAT_EDGES, "3: field “owner”: empty");
  assert_import_fails (project, "window.csv",
                       "owner,recipient,valid_from,valid_to\nA PD,B PD,2019-03-08,2019-03-01\n",
                       SL_SHARING_FORMAT_EDGES,
                       "2: field “valid_to”: the window ends (2019-03-01T00:00:00Z) before it starts "
                       "(2019-03-08T00:00:00Z)");
  assert_import_fails (project, "type.csv",
                       "owner,recipient,recipient_type\nA PD,B PD,group\n",
                       SL_SHARING_FORMAT_EDGES,
                       "2: field “recipient”: unknown recipient type “group” (expected agency or pool)");
  assert_import_fails (project, "agencies.csv",
                       "name,retention,reshares\nA PD,30 days,yes\nB PD,forever,no\n",
                       SL_SHARING_FORMAT_AUTO,
                       "3: field “retention”: “forever” is not a retention (write e.g. “30 days”, "
                       "“2 years”, “365” or “NA”)");
  /* strtod() would read these as 8 and 16 (issue 9). */
  assert_import_fails (project, "hex.csv",
                       "name,latitude,longitude\nA PD,41.3,-72.9\nB PD,0x1p3,-72.9\n",
                       SL_SHARING_FORMAT_AGENCIES,
                       "3: field “latitude”: “0x1p3” is not a coordinate between −90 and 90");
  assert_import_fails (project, "inf.csv",
                       "name,latitude,longitude\nA PD,41.3,-inf\n",
                       SL_SHARING_FORMAT_AGENCIES,
                       "2: field “longitude”: “-inf” is not a coordinate between −180 and 180");
  assert_import_fails (project, "hex-retention.csv",
                       "name,retention\nA PD,0x10 days\n",
                       SL_SHARING_FORMAT_AGENCIES,
                       "2: field “retention”: “0x10 days” is not a retention (write e.g. “30 days”, "
                       "“2 years”, “365” or “NA”)");
  assert_import_fails (project, "hex.json",
                       "{\"format\": \"sightline-sharing\", \"version\": 1, \"scenario\": {\"name\": \"x\"},\n"
                       " \"agencies\": [{\"name\": \"A PD\",\n"
                       "                \"latitude\": 0x10, \"longitude\": -72.9}]}\n",
                       SL_SHARING_FORMAT_JSON, "3: field “latitude”: “0x10” is not a decimal number");
  assert_import_fails (project, "huge.json",
                       "{\"format\": \"sightline-sharing\", \"version\": 1, \"scenario\": {\"name\": \"x\"},\n"
                       " \"agencies\": [{\"name\": \"A PD\", \"latitude\": 41.3, \"longitude\": -1e999}]}\n",
                       SL_SHARING_FORMAT_JSON, "2: field “longitude”: “-1e999” is not a decimal number");
  assert_import_fails (project, "alias.csv",
                       "name,aliases\nA PD,Westport PD\n",
                       SL_SHARING_FORMAT_AGENCIES,
                       "2: field “aliases”: “Westport PD” is already the name or an alias of “Westport PD”");
  assert_import_fails (project, "kind.json",
                       "{\n"
                       "  \"format\": \"sightline-sharing\",\n"
                       "  \"version\": 1,\n"
                       "  \"scenario\": {\"name\": \"x\"},\n"
                       "  \"edges\": [\n"
                       "    {\"owner\": \"A PD\", \"recipient\": \"B PD\"},\n"
                       "    {\"owner\": \"A PD\",\n"
                       "     \"recipient\": \"B PD\",\n"
                       "     \"kind\": \"photos\"}\n"
                       "  ]\n"
                       "}\n",
                       SL_SHARING_FORMAT_AUTO,
                       "9: field “edges[1].kind”: unknown kind “photos” (expected reads or hotlists)");
  assert_import_fails (project, "owner.json",
                       "{\"format\": \"sightline-sharing\", \"version\": 1, \"scenario\": {\"name\": \"x\"},\n"
                       " \"edges\": [{\"recipient\": \"B PD\"}]}\n",
                       SL_SHARING_FORMAT_JSON, "2: field “edges[0].owner”: missing");
  assert_import_fails (project, "version.json",
                       "{\"format\": \"sightline-sharing\",\n \"version\": 2}\n",
                       SL_SHARING_FORMAT_JSON,
                       "2: field “version”: version 2 needs a newer Sightline (this one reads up to version 1)");
  assert_import_fails (project, "parent.json",
                       "{\"format\": \"sightline-sharing\", \"version\": 1,\n"
                       " \"scenario\": {\"name\": \"x\", \"parent\": \"nope\"}}\n",
                       SL_SHARING_FORMAT_JSON,
                       "2: field “scenario.parent”: no scenario named “nope” to derive from; import it first");
}

static void
test_agencies_csv (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("agencies.sightline");
  g_autofree char *path = sl_test_write_temp_file ("agencies.csv",
                                                   "Agency,Agency Type,State,Data Retention,Re-shares,Other Names,Lat,Lon\n"
                                                   "Norwalk PD,Municipal Police,ct,30 days,no,Norwalk Police Dept; City of Norwalk PD,41.1,-73.4\n"
                                                   "CT Intelligence Center,fusion centre,CT,2 years,yes,,,\n"
                                                   "ICE ERO,federal,,NA,,,,\n"
                                                   "Trumbull PD,,,365,,,,\n");
  g_autofree char *update = sl_test_write_temp_file ("update.csv",
                                                     "name,retention\nNORWALK POLICE DEPARTMENT,6 months\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  import_ok (project, path, SL_SHARING_FORMAT_AUTO, NULL, NULL);
  import_ok (project, update, SL_SHARING_FORMAT_AGENCIES, NULL, NULL);

  csv = sl_sharing_export_agencies_csv (project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==,
                   "name,type,state,retention,reshares,aliases,latitude,longitude\n"
                   "Norwalk PD,municipal-police,CT,180 days,no,City of Norwalk PD,41.1,-73.4\n"
                   "CT Intelligence Center,fusion-center,CT,730 days,yes,,,\n"
                   "ICE ERO,federal,,NA,no,,,\n"
                   "Trumbull PD,other,,365 days,no,,,\n");
}

static void
test_parse_values (void)
{
  struct { const char *text; gboolean set; int days; } retention[] = {
    { "30 days", TRUE, 30 }, { "1 Day", TRUE, 1 }, { "2 years", TRUE, 730 }, { "6 months", TRUE, 180 },
    { "1 week", TRUE, 7 }, { "365", TRUE, 365 }, { "1.5 years", TRUE, 548 }, { "NA", TRUE, -1 },
    { "n/a", TRUE, -1 }, { "unknown", TRUE, -1 }, { "", FALSE, -1 }, { " 90 ", TRUE, 90 },
  };
  const char *bad[] = { "forever", "-3 days", "30 fortnights", "days" };
  gint64 time = 0;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (retention); i++)
    {
      gboolean set = !retention[i].set;
      int days = 0;

      g_assert_true (sl_sharing_parse_retention (retention[i].text, &set, &days, &error));
      g_assert_no_error (error);
      g_assert_cmpint (set, ==, retention[i].set);
      g_assert_cmpint (days, ==, retention[i].days);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gboolean set;
      int days;

      g_assert_false (sl_sharing_parse_retention (bad[i], &set, &days, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  g_assert_true (sl_sharing_parse_time ("2019-03-08", &time, &error));
  g_assert_cmpint (time, ==, 1552003200);
  g_assert_true (sl_sharing_parse_time ("2019-03-08T07:00:00-05:00", &time, &error));
  g_assert_cmpint (time, ==, 1552046400);
  g_assert_true (sl_sharing_parse_time ("2019-03-08 12:00:00", &time, &error));
  g_assert_cmpint (time, ==, 1552046400);
  g_assert_true (sl_sharing_parse_time ("-86400", &time, &error));
  g_assert_cmpint (time, ==, -86400);
  g_assert_no_error (error);
  g_assert_false (sl_sharing_parse_time ("soon", &time, &error));
  g_assert_nonnull (error);
}

/* What the UI shows before importing: detected as sl_sharing_import()
 * would detect it. */
static void
test_detect_format (void)
{
  g_autofree char *edges = sl_test_write_temp_file ("detect-edges.csv", "Source,Recipient\nWestport PD,Norwalk PD\n");
  g_autofree char *agencies = sl_test_write_temp_file ("detect-agencies.csv",
                                                       "name,type,retention\nWestport PD,municipal police,30 days\n");
  g_autofree char *json = sl_test_write_temp_file ("detect.json", "{}");
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "missing.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sl_sharing_detect_format (edges, &error), ==, SL_SHARING_FORMAT_EDGES);
  g_assert_no_error (error);
  g_assert_cmpint (sl_sharing_detect_format (agencies, &error), ==, SL_SHARING_FORMAT_AGENCIES);
  g_assert_no_error (error);
  g_assert_cmpint (sl_sharing_detect_format (json, &error), ==, SL_SHARING_FORMAT_JSON);
  g_assert_no_error (error);
  g_assert_cmpint (sl_sharing_detect_format (missing, &error), ==, SL_SHARING_FORMAT_AUTO);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The example CSVs of data/sharing: every spelling reconciles. */
static void
test_example_csvs (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("examples.sightline");
  const char *agencies = data_path ("example-agencies.csv");
  const char *edges = data_path ("example-edges.csv");
  g_autoptr(SlSharingImport) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  import_ok (project, agencies, SL_SHARING_FORMAT_AUTO, NULL, NULL);
  result = sl_sharing_import (project, edges, SL_SHARING_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->scenario, ==, "example-edges");
  g_assert_cmpuint (result->n_edges, ==, 6);
  g_assert_cmpuint (result->n_pools, ==, 1);
  g_assert_cmpuint (sl_agency_reconciler_count (result->reconciler, SL_AGENCY_MATCH_CREATED), ==, 0);
  report = sl_agency_reconciler_format_report (result->reconciler);
  g_assert_cmpstr (report, ==,
                   "matched   Westport PD\n"
                   "matched   Wethersfield PD\n"
                   "matched   ICE ERO\n"
                   "matched   Norwalk PD → Norwalk Police Department\n"
                   "matched   CTIC → CT Intelligence Center\n"
                   "matched   CT Intelligence Center\n"
                   "matched   SCSU Police → Southern Connecticut State University Police\n"
                   "matched   Norwalk Police Dept. → Norwalk Police Department\n");
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM agencies"), ==, 6);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM sharing_edges WHERE kind = 'hotlists'"), ==, 1);
}

/* What the UI does: derive, edit, undo; the diff explains each state. */
static void
test_scenario_editing (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("editing.sightline");
  g_autoptr(SlSharingNetwork) base = NULL;
  g_autoptr(GError) error = NULL;
  gint64 wethersfield, ice, scsu;
  SlScenarioEdit remove = { SL_SCENARIO_EDIT_REMOVE_EDGE, 0, 0, 0, SL_SHARING_KIND_READS,
                            SL_TIME_MIN, SL_TIME_MAX, 0, NULL, 0, (char *) "unticked" };
  SlScenarioEdit stop = { SL_SCENARIO_EDIT_STOP_POOL_SHARING, 0, 0, 0, SL_SHARING_KIND_READS,
                          1552003200, SL_TIME_MAX, 0, NULL, 0, NULL };
  SlScenarioEdit retention = { SL_SCENARIO_EDIT_SET_RETENTION, 0, 0, 0, 0, 0, 0, 0, NULL,
                               SL_RETENTION_UNKNOWN, NULL };

  import_data (project, "ct-2019-documented.json", SL_SHARING_FORMAT_AUTO);
  wethersfield = sl_test_query_int (project, "SELECT id FROM agencies WHERE name = 'Wethersfield PD'");
  ice = sl_test_query_int (project, "SELECT id FROM agencies WHERE name = 'ICE ERO'");
  scsu = sl_test_query_int (project, "SELECT id FROM agencies WHERE name = 'SCSU Police'");
  remove.agency_id = wethersfield;
  remove.recipient_agency_id = ice;
  stop.agency_id = scsu;
  retention.agency_id = wethersfield;

  g_assert_true (sl_scenario_create (project, "What if", DOCUMENTED, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sl_scenario_create (project, "What if", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (sl_scenario_append_edit (project, "What if", &remove, &error));
  g_assert_true (sl_scenario_append_edit (project, "What if", &stop, &error));
  g_assert_true (sl_scenario_append_edit (project, "What if", &retention, &error));
  g_assert_no_error (error);

  base = sl_sharing_network_load (project, DOCUMENTED, &error);
  g_assert_no_error (error);
  for (guint undone = 0; undone <= 2; undone++)
    {
      g_autoptr(SlSharingNetwork) what_if = sl_sharing_network_load (project, "What if", &error);
      g_autoptr(GArray) edges = NULL;
      g_autoptr(GArray) retentions = NULL;
      guint n_edits = 3 - undone;
      guint expected_edges = undone < 2 ? 3 : 2;
      guint expected_retentions = undone == 0 ? 1 : 0;
      const char *expected_note = undone == 2 ? NULL : "unticked";

      g_assert_no_error (error);
      g_assert_cmpuint (sl_sharing_network_get_n_edits (what_if), ==, n_edits);
      edges = sl_sharing_diff_edges (what_if, base);
      retentions = sl_sharing_diff_retention (what_if, base);
      /* The removed edge and the cut pool edge (one out, one in); the
       * retention edit changes no edge. */
      g_assert_cmpuint (edges->len, ==, expected_edges);

      /* Who stops seeing whose reads, and when. */
      {
        g_autoptr(SlVisibility) vis_a = sl_visibility_new (what_if);
        g_autoptr(SlVisibility) vis_b = sl_visibility_new (base);
        g_autoptr(GArray) reach = sl_sharing_diff_reach (vis_a, vis_b);
        SlReachDiff *first = &g_array_index (reach, SlReachDiff, 0);
        SlReachDiff *last = &g_array_index (reach, SlReachDiff, reach->len - 1);

        g_assert_cmpuint (reach->len, ==, expected_edges);
        if (undone < 2)
          {
            g_assert_cmpint (first->change, ==, SL_DIFF_LOST);
            g_assert_cmpstr (first->owner, ==, "Wethersfield PD");
            g_assert_cmpstr (first->viewer, ==, "ICE ERO");
          }
        g_assert_cmpint (last->change, ==, SL_DIFF_CHANGED);
        g_assert_cmpstr (last->owner, ==, "SCSU Police");
        g_assert_cmpstr (last->viewer, ==, "499 unlisted members of National pool");
        g_assert_cmpuint (last->a->len, ==, 2);
        g_assert_cmpint (g_array_index (last->a, gint64, 1), ==, 1552003200);
        g_assert_cmpint (g_array_index (last->b, gint64, 1), ==, SL_TIME_MAX);
      }
      g_assert_cmpuint (retentions->len, ==, expected_retentions);
      g_assert_cmpstr (sl_sharing_network_get_edit (what_if, 0)->note, ==, expected_note);

      /* Undo the last edit, then the first of the two left. */
      if (undone == 0)
        g_assert_true (sl_scenario_remove_edit (project, "What if", 2, &error));
      else if (undone == 1)
        g_assert_true (sl_scenario_remove_edit (project, "What if", 0, &error));
      g_assert_no_error (error);
    }

  g_assert_false (sl_scenario_remove_edit (project, "What if", 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sl_test_query_int (project, "SELECT position FROM scenario_edits"), ==, 0);

  g_assert_false (sl_scenario_delete (project, DOCUMENTED, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (sl_scenario_delete (project, "What if", &error));
  g_assert_true (sl_scenario_delete (project, DOCUMENTED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM sharing_edges"), ==, 0);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM scenario_edits"), ==, 0);
}

/* Reads as the store keeps them: one plate's, and all of them for reach. */
static void
test_reads (void)
{
  g_autoptr(SlProject) project = sl_test_open_temp_project ("reads.sightline");
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(SlVisibility) vis = NULL;
  g_autoptr(SlReach) reach = NULL;
  g_autoptr(GArray) reads = NULL;
  g_autoptr(GArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  guint ice;
  gboolean found = FALSE;

  import_data (project, "ct-2019-documented.json", SL_SHARING_FORMAT_AUTO);
  g_assert_true (sl_project_exec (project,
                                  "INSERT INTO datasets (id, file_name, file_path, sha256, size_bytes, imported_at, "
                                  " column_mapping, delimiter, time_zone) VALUES (1, 'f', 'f', "
                                  " '0000000000000000000000000000000000000000000000000000000000000000', 0, 0, '{}', ',', 'UTC');"
                                  "INSERT INTO plates (id, plate) VALUES (1, 'AB123'), (2, 'XY9');"
                                  "INSERT INTO reads (plate_id, time, latitude, longitude, cell, agency_id, dataset_id) "
                                  "SELECT 1, 1530000100, 41, -73, 0, id, 1 FROM agencies WHERE name = 'Wethersfield PD' "
                                  "UNION ALL SELECT 1, 1530000000, 41, -73, 0, id, 1 FROM agencies WHERE name = 'Westport PD' "
                                  "UNION ALL SELECT 2, 1530000000, 41, -73, 0, id, 1 FROM agencies WHERE name = 'Norwalk PD'",
                                  &error));
  g_assert_no_error (error);

  /* Found as the user types it; oldest first. */
  reads = sl_sharing_load_plate_reads (project, "ab-123", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reads->len, ==, 2);
  g_assert_cmpint (g_array_index (reads, SlVisRead, 0).time, ==, 1530000000);
  g_assert_cmpint (g_array_index (reads, SlVisRead, 0).owner_id, ==,
                   sl_test_query_int (project, "SELECT id FROM agencies WHERE name = 'Westport PD'"));
  g_clear_pointer (&reads, g_array_unref);
  reads = sl_sharing_load_plate_reads (project, "NOPE1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reads->len, ==, 0);

  /* ICE ERO sees all three: through the pool, directly, and through the
   * fusion centre that re-shares Norwalk's reads. */
  network = sl_sharing_network_load (project, NULL, &error);
  g_assert_no_error (error);
  vis = sl_visibility_new (network);
  reach = sl_reach_new (vis);
  g_assert_true (sl_sharing_reach_all (project, reach, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sl_reach_get_n_reads (reach), ==, 3);
  g_assert_cmpuint (sl_reach_get_n_plates (reach), ==, 2);
  g_assert_true (sl_sharing_network_find_agency (network,
                                                 sl_test_query_int (project,
                                                                    "SELECT id FROM agencies WHERE name = 'ICE ERO'"),
                                                 &ice));
  agencies = sl_reach_get_agencies (reach);
  for (guint i = 0; i < agencies->len; i++)
    {
      SlReachAgency *row = &g_array_index (agencies, SlReachAgency, i);

      if (row->node != ice)
        continue;
      g_assert_cmpuint (row->n_reads, ==, 3);
      g_assert_cmpuint (row->n_plates, ==, 2);
      found = TRUE;
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sharing-io/json-round-trip", test_json_round_trip);
  g_test_add_func ("/sharing-io/json-scenarios", test_json_scenarios);
  g_test_add_func ("/sharing-io/edges-csv", test_edges_csv);
  g_test_add_func ("/sharing-io/edges-csv-map", test_edges_csv_map);
  g_test_add_func ("/sharing-io/import-errors", test_import_errors);
  g_test_add_func ("/sharing-io/agencies-csv", test_agencies_csv);
  g_test_add_func ("/sharing-io/parse-values", test_parse_values);
  g_test_add_func ("/sharing-io/detect-format", test_detect_format);
  g_test_add_func ("/sharing-io/reads", test_reads);
  g_test_add_func ("/sharing-io/example-csvs", test_example_csvs);
  g_test_add_func ("/sharing-io/scenario-editing", test_scenario_editing);

  return g_test_run ();
}
