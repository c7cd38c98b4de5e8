/* test-report.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Vehicle exposure reports (docs/reports.md) on the bundled demo: the model
 * against the visibility engine, each writer's file parsed back (poppler
 * for PDF, the project's CSV reader, json-glib), hostile names escaped,
 * pseudonyms kept, and `sightline-cli report` with each format and each
 * error. Arguments: demo.sightline, then sightline-cli. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include "sl-agency.h"
#include "sl-csv-reader.h"
#include "sl-report-pdf.h"
#include "sl-sharing-io.h"
#include "sl-sharing-reads.h"
#include "sl-test-utils.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define ICE "ICE Enforcement and Removal Operations"
#define PLATE "ZN47301"

static const char *demo_path;
static const char *cli_path;

static SlProject *
open_demo (void)
{
  g_autoptr(GError) error = NULL;
  SlProject *project = sl_project_open (demo_path, SL_PROJECT_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return project;
}

/* What each node sees, straight from the visibility engine: the figures a
 * report must show. */
static GHashTable *
expected_counts (SlProject            *project,
                 const char           *plate,
                 gint64                as_of,
                 const SlScenarioEdit *edit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_load (project, NULL, &error);
  g_autoptr(GArray) reads = sl_sharing_load_plate_reads (project, plate, &error);
  g_autoptr(SlVisibility) visibility = NULL;
  g_autoptr(GArray) rows = NULL;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  if (edit != NULL)
    sl_sharing_network_apply_edit (network, edit);
  visibility = sl_visibility_new (network);
  rows = sl_visibility_exposure (visibility, (SlVisRead *) reads->data, reads->len, as_of);
  for (guint i = 0; i < rows->len; i++)
    {
      const SlExposure *row = &g_array_index (rows, SlExposure, i);

      g_hash_table_insert (counts, g_strdup (sl_sharing_network_get_node (network, row->node)->name),
                           GUINT_TO_POINTER (row->n_reads));
    }
  return counts;
}

static SlReport *
build (SlProject             *project,
       const SlReportOptions *options)
{
  g_autoptr(GError) error = NULL;
  SlReport *report = sl_report_build (project, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_viewers_match (SlReport   *report,
                      GHashTable *counts)
{
  guint n_seeing = 0;

  for (guint i = 0; i < report->viewers->len; i++)
    {
      SlReportViewer *viewer = g_ptr_array_index (report->viewers, i);

      g_assert_cmpuint (viewer->n_reads, ==, GPOINTER_TO_UINT (g_hash_table_lookup (counts, viewer->name)));
      if (viewer->n_reads > 0)
        n_seeing++;
      /* By reads, most first. */
      if (i > 0)
        g_assert_cmpuint (viewer->n_reads, <=, ((SlReportViewer *) g_ptr_array_index (report->viewers, i - 1))->n_reads);
    }
  g_assert_cmpuint (n_seeing, ==, g_hash_table_size (counts));
}

static void
test_model (void)
{
  g_autoptr(SlProject) project = open_demo ();
  g_autoptr(GHashTable) counts = expected_counts (project, PLATE, SL_TIME_MAX, NULL);
  SlReportOptions options = { PLATE, NULL, NULL, SL_TIME_MAX, NULL, 0 };
  g_autoptr(SlReport) report = build (project, &options);
  g_autoptr(GError) error = NULL;
  gint64 n_reads = sl_test_query_int (project, "SELECT count(*) FROM reads r JOIN plates p ON p.id = r.plate_id "
                                               "WHERE p.plate = 'ZN47301'");
  gint64 n_datasets = sl_test_query_int (project, "SELECT count(*) FROM datasets");
  guint sum = 0;

  g_assert_cmpstr (report->plate, ==, PLATE);
  g_assert_false (report->pseudonymous);
  g_assert_true (report->synthetic);
  g_assert_cmpstr (report->scenario, ==, "As reported, March 2019");
  g_assert_cmpint (report->n_reads, ==, n_reads);
  assert_viewers_match (report, counts);
  g_assert_cmpuint (report->edits->len, ==, 0);
  g_assert_null (report->change_summary);

  /* Without --agency: the federal immigration recipient that sees most. */
  g_assert_cmpuint (report->inferences->len, ==, 1);
  {
    SlReportInference *item = g_ptr_array_index (report->inferences, 0);

    g_assert_cmpstr (item->agency, ==, ICE);
    g_assert_cmpuint (item->inference->n_reads, ==, GPOINTER_TO_UINT (g_hash_table_lookup (counts, ICE)));
  }

  g_assert_cmpint (report->datasets->len, ==, n_datasets);
  for (guint i = 0; i < report->datasets->len; i++)
    {
      SlReportDataset *dataset = g_ptr_array_index (report->datasets, i);

      g_assert_cmpuint (strlen (dataset->sha256), ==, 64);
      sum += dataset->n_vehicle_reads;
    }
  g_assert_cmpuint (sum, ==, n_reads);
  g_assert_no_error (error);
}

static void
test_as_of_and_agency (void)
{
  g_autoptr(SlProject) project = open_demo ();
  g_autoptr(GError) error = NULL;
  gint64 as_of;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(SlReport) report = NULL;
  SlReportOptions options = { PLATE, "Wethersfield PD", NULL, 0, NULL, 0 };

  g_assert_true (sl_sharing_parse_time ("2019-03-01T00:00:00Z", &as_of, &error));
  g_assert_no_error (error);
  options.as_of = as_of;
  counts = expected_counts (project, PLATE, as_of, NULL);
  report = build (project, &options);
  assert_viewers_match (report, counts);
  g_assert_cmpint (report->as_of, ==, as_of);
  g_assert_cmpuint (report->inferences->len, ==, 1);
  g_assert_cmpstr (((SlReportInference *) g_ptr_array_index (report->inferences, 0))->agency, ==,
                   "Wethersfield Police Department");
}

static void
test_what_if (void)
{
  g_autoptr(SlProject) project = open_demo ();
  g_autoptr(GError) error = NULL;
  gint64 owner = sl_agency_lookup (project, "Wethersfield PD", &error);
  gint64 ice = sl_agency_lookup (project, ICE, &error);
  SlScenarioEdit edit = { SL_SCENARIO_EDIT_REMOVE_EDGE, owner, ice, 0, SL_SHARING_KIND_READS,
                          SL_TIME_MIN, SL_TIME_MAX, SL_PROVENANCE_ASSUMED, NULL, SL_RETENTION_UNKNOWN, NULL };
  g_autoptr(GHashTable) before = expected_counts (project, PLATE, SL_TIME_MAX, NULL);
  g_autoptr(GHashTable) after = expected_counts (project, PLATE, SL_TIME_MAX, &edit);
  SlReportOptions options = { PLATE, NULL, NULL, SL_TIME_MAX, &edit, 1 };
  g_autoptr(SlReport) report = build (project, &options);
  g_autoptr(GPtrArray) blocks = NULL;
  const SlReportViewer *viewer;

  g_assert_no_error (error);
  assert_viewers_match (report, after);
  viewer = sl_report_find_viewer (report, ICE);
  g_assert_nonnull (viewer);
  g_assert_cmpuint (viewer->n_reads_before, ==, GPOINTER_TO_UINT (g_hash_table_lookup (before, ICE)));
  g_assert_cmpuint (viewer->n_reads, ==, GPOINTER_TO_UINT (g_hash_table_lookup (after, ICE)));
  g_assert_cmpuint (viewer->n_reads, <, viewer->n_reads_before);
  g_assert_cmpuint (report->edits->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->edits, 0), ==,
                   "remove Wethersfield Police Department → " ICE " (reads)");
  g_assert_nonnull (report->change_summary);

  /* The document states the edit and the summary. */
  blocks = sl_report_to_blocks (report);
  {
    gboolean edit_shown = FALSE, summary_shown = FALSE;

    for (guint i = 0; i < blocks->len; i++)
      {
        SlReportBlock *block = g_ptr_array_index (blocks, i);

        if (block->text != NULL && strstr (block->text, "remove Wethersfield Police Department") != NULL)
          edit_shown = TRUE;
        if (g_strcmp0 (block->text, report->change_summary) == 0)
          summary_shown = TRUE;
      }
    g_assert_true (edit_shown);
    g_assert_true (summary_shown);
  }
}

/* CSV: read back with the project's own reader; every figure equals the
 * model's. */
static void
test_csv_round_trip (void)
{
  g_autoptr(SlProject) project = open_demo ();
  SlReportOptions options = { PLATE, NULL, NULL, SL_TIME_MAX, NULL, 0 };
  g_autoptr(SlReport) report = build (project, &options);
  g_autofree char *csv = sl_report_to_csv (report);
  g_autofree char *path = sl_test_write_temp_file ("report.csv", csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCsvReader) reader = sl_csv_reader_new_for_path (path, &error);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SlReportInference *item = g_ptr_array_index (report->inferences, 0);
  guint n_rows = 0;

  g_assert_no_error (error);
  sl_csv_reader_set_header_mode (reader, SL_CSV_HEADER_PRESENT);
  g_assert_true (sl_csv_reader_sniff (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_csv_reader_get_delimiter (reader), ==, ',');
  {
    const char * const *header = sl_csv_reader_get_header (reader);

    g_assert_cmpstr (header[0], ==, "section");
    g_assert_cmpstr (header[1], ==, "subject");
    g_assert_cmpstr (header[2], ==, "field");
    g_assert_cmpstr (header[3], ==, "value");
  }
  while (sl_csv_reader_next (reader, NULL, &error))
    {
      g_assert_cmpuint (sl_csv_reader_get_n_fields (reader), ==, 4);
      g_hash_table_insert (cells,
                           g_strdup_printf ("%s|%s|%s", sl_csv_reader_get_field (reader, 0, NULL),
                                            sl_csv_reader_get_field (reader, 1, NULL),
                                            sl_csv_reader_get_field (reader, 2, NULL)),
                           g_strdup (sl_csv_reader_get_field (reader, 3, NULL)));
      n_rows++;
    }
  g_assert_no_error (error);
  /* No key twice. */
  g_assert_cmpuint (g_hash_table_size (cells), ==, n_rows);

  g_assert_cmpstr (g_hash_table_lookup (cells, "report||plate"), ==, report->plate);
  g_assert_cmpstr (g_hash_table_lookup (cells, "report||scenario"), ==, report->scenario);
  g_assert_cmpstr (g_hash_table_lookup (cells, "report||synthetic"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (cells, "report||notice"), ==, sl_report_get_synthetic_notice ());
  g_assert_cmpint (g_ascii_strtoll (g_hash_table_lookup (cells, "report||reads"), NULL, 10), ==, report->n_reads);
  for (guint i = 0; i < report->viewers->len; i++)
    {
      SlReportViewer *viewer = g_ptr_array_index (report->viewers, i);
      g_autofree char *reads = g_strdup_printf ("viewer|%s|reads", viewer->name);
      g_autofree char *path_key = g_strdup_printf ("viewer|%s|path", viewer->name);
      g_autofree char *first = g_strdup_printf ("viewer|%s|first", viewer->name);
      g_autofree char *first_text = sl_sharing_format_time (viewer->first);

      g_assert_cmpint (g_ascii_strtoll (g_hash_table_lookup (cells, reads), NULL, 10), ==, viewer->n_reads);
      g_assert_cmpstr (g_hash_table_lookup (cells, path_key), ==, viewer->path);
      g_assert_cmpstr (g_hash_table_lookup (cells, first), ==, first_text);
    }
  for (guint i = 0; i < report->datasets->len; i++)
    {
      SlReportDataset *dataset = g_ptr_array_index (report->datasets, i);
      g_autofree char *sha = g_strdup_printf ("dataset|%s|sha256", dataset->file_name);
      g_autofree char *reads = g_strdup_printf ("dataset|%s|vehicle_reads", dataset->file_name);

      g_assert_cmpstr (g_hash_table_lookup (cells, sha), ==, dataset->sha256);
      g_assert_cmpint (g_ascii_strtoll (g_hash_table_lookup (cells, reads), NULL, 10), ==, dataset->n_vehicle_reads);
    }
  {
    g_autofree char *key = g_strdup_printf ("inference|%s|reads", item->agency);
    g_autofree char *home = g_strdup_printf ("inference|%s|home_found", item->agency);

    g_assert_cmpint (g_ascii_strtoll (g_hash_table_lookup (cells, key), NULL, 10), ==, item->inference->n_reads);
    g_assert_cmpstr (g_hash_table_lookup (cells, home), ==, item->inference->home.found ? "true" : "false");
    if (item->inference->home.found)
      {
        const SlInferencePlace *place = &g_array_index (item->inference->places, SlInferencePlace,
                                                        item->inference->home.place);
        g_autofree char *latitude = g_strdup_printf ("inference|%s|home_latitude", item->agency);

        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g_hash_table_lookup (cells, latitude), NULL),
                                        place->latitude, 1e-6);
      }
  }
}

/* Hostile names: an agency and a scenario named like markup. */
static char *
hostile_project (void)
{
  g_autofree char *project = sl_test_temp_path ("hostile.sightline");
  g_autofree char *reads = sl_test_write_temp_file ("hostile.csv",
    "plate,timestamp,lat,lon,agency,camera\n"
    "AB-123,2019-03-01T10:00:00Z,41.7,-72.6,<script>alert(1)</script>,\"cam \"\"1\"\"\"\n"
    "AB-123,2019-03-02T10:00:00Z,41.71,-72.61,<script>alert(1)</script>,cam2\n"
    "AB-123,2019-03-03T10:00:00Z,41.72,-72.62,<script>alert(1)</script>,cam2\n");
  g_autofree char *edges = sl_test_write_temp_file ("hostile-edges.csv",
    "owner,recipient\n<script>alert(1)</script>,ICE & <b>ERO</b>\n");

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, NULL, "import-reads", project, reads, "--pseudonymize",
                                    "--yes", NULL), ==, 0);
  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, NULL, "import-sharing", project, edges, "--scenario",
                                    "S \"<i>\"", NULL), ==, 0);
  return g_steal_pointer (&project);
}

static void
test_html_escaping_and_pseudonym (void)
{
  g_autofree char *path = hostile_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  SlReportOptions options = { "AB-123", NULL, NULL, SL_TIME_MAX, NULL, 0 };
  g_autoptr(SlReport) report = NULL;
  g_autofree char *html = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *stored = NULL;

  g_assert_no_error (error);
  report = build (project, &options);
  g_assert_true (report->pseudonymous);
  g_assert_false (report->synthetic);
  g_assert_cmpuint (strlen (report->plate), ==, 64);
  g_assert_cmpuint (sl_test_query_int (project, "SELECT count(*) FROM plates WHERE is_hash = 1"), ==, 1);
  g_assert_nonnull (sl_report_find_viewer (report, "<script>alert(1)</script>"));
  g_assert_cmpuint (sl_report_find_viewer (report, "ICE & <b>ERO</b>")->n_reads, ==, 3);
  g_assert_cmpstr (((SlReportInference *) g_ptr_array_index (report->inferences, 0))->agency, ==, "ICE & <b>ERO</b>");

  html = sl_report_to_html (report);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_null (strstr (html, "<i>"));
  g_assert_nonnull (strstr (html, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
  g_assert_nonnull (strstr (html, "<td>ICE &amp; &lt;b&gt;ERO&lt;/b&gt;</td>"));
  g_assert_nonnull (strstr (html, "S &quot;&lt;i&gt;&quot;"));
  /* Self-contained: nothing fetched from elsewhere. */
  g_assert_null (strstr (html, "src="));
  g_assert_null (strstr (html, "href="));
  g_assert_null (strstr (html, "url("));
  /* The pseudonym only, never the plate typed. */
  g_assert_nonnull (strstr (html, report->plate));
  g_assert_null (strstr (html, "AB123"));
  g_assert_null (strstr (html, "AB-123"));
  csv = sl_report_to_csv (report);
  g_assert_null (strstr (csv, "AB123"));
  g_assert_nonnull (strstr (csv, "report,,pseudonym,"));
  g_assert_null (strstr (html, "Synthetic data"));

  /* The track: quotes in a camera name stay JSON, the pseudonym stays. */
  {
    g_autoptr(SlReportTrack) track = sl_report_track_load (project, &options, &error);
    g_autofree char *geojson = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *features;

    g_assert_no_error (error);
    g_assert_cmpstr (track->plate, ==, report->plate);
    g_assert_cmpstr (track->agency, ==, "ICE & <b>ERO</b>");
    g_assert_cmpuint (track->points->len, ==, 3);
    geojson = sl_report_track_to_geojson (track);
    g_assert_null (strstr (geojson, "AB123"));
    g_assert_true (json_parser_load_from_data (parser, geojson, -1, &error));
    g_assert_no_error (error);
    features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
    g_assert_cmpuint (json_array_get_length (features), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (features, 0),
                                                                                   "properties"), "camera"), ==, "cam \"1\"");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (features, 3),
                                                                                   "properties"), "plate"), ==, report->plate);
  }
}

/* The PDF: pages, and the text poppler extracts. */

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpint (poppler_document_get_n_pages (document), >, 0);
  return document;
}

static char *
pdf_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int p = 0; p < poppler_document_get_n_pages (document); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, p);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* Whether @count is printed on the same table row as the first word of
 * @name: their boxes share a top edge on some page. */
static gboolean
pdf_row_has (PopplerDocument *document,
             const char      *name,
             guint            count)
{
  g_autofree char *number = g_strdup_printf ("%u", count);
  g_auto(GStrv) words = g_strsplit (name, " ", 2);

  for (int p = 0; p < poppler_document_get_n_pages (document); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, p);
      GList *names = poppler_page_find_text_with_options (page, words[0], POPPLER_FIND_CASE_SENSITIVE |
                                                          POPPLER_FIND_WHOLE_WORDS_ONLY);
      GList *numbers = poppler_page_find_text_with_options (page, number, POPPLER_FIND_WHOLE_WORDS_ONLY);
      gboolean found = FALSE;

      for (GList *n = names; n != NULL && !found; n = n->next)
        for (GList *m = numbers; m != NULL && !found; m = m->next)
          {
            PopplerRectangle *a = n->data, *b = m->data;

            found = ABS (a->y2 - b->y2) < 1.0;
          }
      g_list_free_full (names, (GDestroyNotify) poppler_rectangle_free);
      g_list_free_full (numbers, (GDestroyNotify) poppler_rectangle_free);
      if (found)
        return TRUE;
    }
  return FALSE;
}

static char *
collapse_spaces (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static void
test_pdf (void)
{
  g_autoptr(SlProject) project = open_demo ();
  g_autoptr(GHashTable) counts = expected_counts (project, PLATE, SL_TIME_MAX, NULL);
  SlReportOptions options = { PLATE, NULL, NULL, SL_TIME_MAX, NULL, 0 };
  g_autoptr(SlReport) report = build (project, &options);
  g_autofree char *path = sl_test_temp_path ("report.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autofree char *raw = NULL, *text = NULL;

  g_assert_true (sl_report_pdf_write (report, path, &error));
  g_assert_no_error (error);
  document = open_pdf (path);
  raw = pdf_text (document);
  text = collapse_spaces (raw);

  g_assert_nonnull (strstr (text, "Exposure report: vehicle " PLATE));
  g_assert_nonnull (strstr (text, "Synthetic data: every plate"));
  g_assert_nonnull (strstr (text, "What " ICE " can infer"));
  for (guint i = 0; i < report->viewers->len; i++)
    {
      SlReportViewer *viewer = g_ptr_array_index (report->viewers, i);
      g_auto(GStrv) words = g_strsplit (viewer->name, " ", -1);

      for (guint w = 0; words[w] != NULL; w++)
        g_assert_nonnull (strstr (text, words[w]));
      g_assert_true (pdf_row_has (document, viewer->name,
                                  GPOINTER_TO_UINT (g_hash_table_lookup (counts, viewer->name))));
    }
  for (guint i = 0; i < report->datasets->len; i++)
    {
      SlReportDataset *dataset = g_ptr_array_index (report->datasets, i);

      /* On one line, unbroken. */
      g_assert_nonnull (strstr (text, dataset->sha256));
    }
}

/* The track ICE ERO sees: one Point per visible read, then the line. */
static void
check_geojson (const char *text,
               guint       n_expected,
               const char *agency)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *features;
  guint n_points = 0;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  features = json_object_get_array_member (root, "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonObject *geometry = json_object_get_object_member (feature, "geometry");
      JsonObject *properties = json_object_get_object_member (feature, "properties");
      const char *type = json_object_get_string_member (geometry, "type");
      JsonArray *coordinates = json_object_get_array_member (geometry, "coordinates");

      g_assert_cmpstr (json_object_get_string_member (feature, "type"), ==, "Feature");
      if (g_str_equal (type, "Point"))
        {
          double lon = json_array_get_double_element (coordinates, 0);
          double lat = json_array_get_double_element (coordinates, 1);

          g_assert_cmpuint (json_array_get_length (coordinates), ==, 2);
          /* Connecticut, longitude first. */
          g_assert_cmpfloat (lon, >, -74.0);
          g_assert_cmpfloat (lon, <, -71.5);
          g_assert_cmpfloat (lat, >, 40.8);
          g_assert_cmpfloat (lat, <, 42.2);
          g_assert_true (json_object_has_member (properties, "time"));
          g_assert_true (json_object_has_member (properties, "camera"));
          g_assert_nonnull (json_object_get_string_member (properties, "owner"));
          g_assert_cmpuint (i, ==, n_points);
          n_points++;
        }
      else
        {
          g_assert_cmpstr (type, ==, "LineString");
          g_assert_cmpuint (i, ==, json_array_get_length (features) - 1);
          g_assert_cmpuint (json_array_get_length (coordinates), ==, n_points);
          g_assert_cmpstr (json_object_get_string_member (properties, "agency"), ==, agency);
        }
    }
  g_assert_cmpuint (n_points, ==, n_expected);
  g_assert_cmpuint (json_array_get_length (features), ==, n_expected + (n_expected >= 2 ? 1 : 0));
}

static void
test_track (void)
{
  g_autoptr(SlProject) project = open_demo ();
  g_autoptr(GHashTable) counts = expected_counts (project, PLATE, SL_TIME_MAX, NULL);
  SlReportOptions options = { PLATE, NULL, NULL, SL_TIME_MAX, NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SlReportTrack) track = sl_report_track_load (project, &options, &error);
  g_autoptr(SlReportTrack) local = NULL;
  g_autofree char *geojson = NULL;
  g_autofree char *csv = NULL;
  guint n_lines = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (track->agency, ==, ICE);
  g_assert_cmpuint (track->points->len, ==, GPOINTER_TO_UINT (g_hash_table_lookup (counts, ICE)));
  geojson = sl_report_track_to_geojson (track);
  check_geojson (geojson, track->points->len, ICE);

  csv = sl_report_track_to_csv (track);
  g_assert_true (g_str_has_prefix (csv, "read,time,latitude,longitude,camera,owner\r\n"));
  for (const char *p = csv; *p != '\0'; p++)
    n_lines += *p == '\n';
  g_assert_cmpuint (n_lines, ==, track->points->len + 1);

  options.agency = "Newington PD";
  local = sl_report_track_load (project, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (local->agency, ==, "Newington Police Department");
  g_assert_cmpuint (local->points->len, ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, "Newington Police Department")));
}

/* sightline-cli report: each format, then each error. */

static void
test_cli_formats (void)
{
  g_autofree char *pdf = sl_test_temp_path ("cli.pdf");
  g_autofree char *html = sl_test_temp_path ("cli.html");
  g_autofree char *csv = sl_test_temp_path ("cli.csv");
  g_autofree char *geojson = sl_test_temp_path ("cli.geojson");
  g_autofree char *track_csv = sl_test_temp_path ("cli-track.csv");
  g_autoptr(SlProject) project = open_demo ();
  g_autoptr(GHashTable) counts = expected_counts (project, PLATE, SL_TIME_MAX, NULL);
  g_autoptr(PopplerDocument) document = NULL;
  g_autofree char *text = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &err, "report", demo_path, "--plate", PLATE, "--output", pdf, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  document = open_pdf (pdf);
  g_assert_true (pdf_row_has (document, ICE, GPOINTER_TO_UINT (g_hash_table_lookup (counts, ICE))));

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, NULL, "report", demo_path, "--plate", PLATE, "--output", html, NULL), ==, 0);
  g_assert_true (g_file_get_contents (html, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (text, "<h1>Exposure report: vehicle " PLATE "</h1>"));
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, NULL, "report", demo_path, "--plate", PLATE, "--output", csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "section,subject,field,value\r\nreport,,plate," PLATE "\r\n"));
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, NULL, "report", demo_path, "--plate", PLATE,
                                    "--agency", "ICE ERO", "--output", geojson, NULL), ==, 0);
  g_assert_true (g_file_get_contents (geojson, &text, NULL, &error));
  check_geojson (text, GPOINTER_TO_UINT (g_hash_table_lookup (counts, ICE)), ICE);
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, NULL, "report", demo_path, "--plate", PLATE, "--track",
                                    "--output", track_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (track_csv, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "read,time,latitude,longitude,camera,owner\r\n"));
  g_assert_no_error (error);
}

static void
assert_cli_error (int         expected_status,
                  const char *expected_message,
                  const char *first,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = g_strdup_printf ("sightline-cli: %s\n", expected_message);
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "report");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected_status);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpstr (out, ==, "");
}

static void
test_cli_errors (void)
{
  g_autofree char *out = sl_test_temp_path ("error.pdf");
  g_autofree char *txt = sl_test_temp_path ("report.txt");
  g_autofree char *bare = sl_test_temp_path ("report");
  g_autofree char *plate_message = g_strdup_printf ("%s: no reads of plate “NOPE1”", demo_path);
  g_autofree char *agency_message = g_strdup_printf ("%s: no agency named “Nobody PD”", demo_path);
  g_autofree char *scenario_message = g_strdup_printf ("%s: no sharing scenario named “Nope”", demo_path);
  g_autofree char *txt_message = g_strdup_printf ("%s: unknown report format “.txt” (expected .pdf, .html, .csv or .geojson)", txt);
  g_autofree char *bare_message = g_strdup_printf ("%s: no file extension to choose the format by (expected .pdf, .html, .csv or .geojson)", bare);
  g_autofree char *track_message = g_strdup_printf ("--track writes .csv or .geojson, not %s", out);

  assert_cli_error (1, plate_message, demo_path, "--plate", "NOPE1", "--output", out, NULL);
  assert_cli_error (1, agency_message, demo_path, "--plate", PLATE, "--agency", "Nobody PD", "--output", out, NULL);
  assert_cli_error (1, scenario_message, demo_path, "--plate", PLATE, "--scenario", "Nope", "--output", out, NULL);
  assert_cli_error (2, txt_message, demo_path, "--plate", PLATE, "--output", txt, NULL);
  assert_cli_error (2, bare_message, demo_path, "--plate", PLATE, "--output", bare, NULL);
  assert_cli_error (2, track_message, demo_path, "--plate", PLATE, "--track", "--output", out, NULL);
  assert_cli_error (2, "report needs --plate PLATE", demo_path, "--output", out, NULL);
  assert_cli_error (2, "report needs --output FILE", demo_path, "--plate", PLATE, NULL);
  assert_cli_error (2, "--as-of: “soon” is not a date and time in the column’s format",
                    demo_path, "--plate", PLATE, "--as-of", "soon", "--output", out, NULL);
  /* Nothing was written by a failed run. */
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (argc, ==, 3);
  demo_path = argv[1];
  cli_path = argv[2];

  g_test_add_func ("/report/model", test_model);
  g_test_add_func ("/report/as-of-and-agency", test_as_of_and_agency);
  g_test_add_func ("/report/what-if", test_what_if);
  g_test_add_func ("/report/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/report/html-escaping-and-pseudonym", test_html_escaping_and_pseudonym);
  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/track", test_track);
  g_test_add_func ("/report/cli-formats", test_cli_formats);
  g_test_add_func ("/report/cli-errors", test_cli_errors);
  return g_test_run ();
}
