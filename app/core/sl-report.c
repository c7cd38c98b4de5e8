/* sl-report.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-agency.h"
#include "sl-project-private.h"
#include "sl-read-store.h"
#include "sl-report.h"
#include "sl-sharing-diff.h"
#include "sl-sharing-io.h"

/* The vehicle exposure report: one model built from the what-if engine and
 * inference, and the writers that need nothing but GLib (HTML, CSV,
 * GeoJSON). The PDF writer lives in app/core/pdf so the core library does
 * not link cairo and pango. Layouts: docs/reports.md. */

G_DEFINE_QUARK (sl-report-error-quark, sl_report_error)

/* How many read ids of evidence a report lists before "and N more": the
 * full lists are in `sightline-cli infer --format json`. */
#define MAX_EVIDENCE_IDS 25
#define MAX_PLACES 5

static void
viewer_free (SlReportViewer *viewer)
{
  g_free (viewer->name);
  g_free (viewer->path);
  g_free (viewer);
}

static void
dataset_free (SlReportDataset *dataset)
{
  g_free (dataset->file_name);
  g_free (dataset->sha256);
  g_free (dataset->owner_agency);
  g_free (dataset);
}

static void
inference_free (SlReportInference *item)
{
  g_free (item->agency);
  g_clear_pointer (&item->inference, sl_inference_free);
  g_free (item);
}

static void
track_point_free (SlReportTrackPoint *point)
{
  g_free (point->camera);
  g_free (point->owner);
  g_free (point);
}

void
sl_report_free (SlReport *report)
{
  if (report == NULL)
    return;
  g_free (report->plate);
  g_free (report->project_name);
  g_free (report->scenario);
  g_free (report->change_summary);
  g_clear_pointer (&report->viewers, g_ptr_array_unref);
  g_clear_pointer (&report->edits, g_ptr_array_unref);
  g_clear_pointer (&report->inferences, g_ptr_array_unref);
  g_clear_pointer (&report->datasets, g_ptr_array_unref);
  g_free (report);
}

const SlReportViewer *
sl_report_find_viewer (SlReport   *report,
                       const char *name)
{
  for (guint i = 0; i < report->viewers->len; i++)
    {
      const SlReportViewer *viewer = g_ptr_array_index (report->viewers, i);

      if (g_str_equal (viewer->name, name))
        return viewer;
    }
  return NULL;
}

/* The plate as stored, which for a pseudonymised import is the pseudonym:
 * what the user typed never reaches a report of such a project. */
static gboolean
load_plate (SlProject  *project,
            gint64      plate_id,
            char      **plate,
            gboolean   *pseudonymous,
            GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT plate, is_hash FROM plates WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "plates");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, plate_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *plate = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *pseudonymous = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_finalize (stmt);
  if (!found)
    sl_project_set_error (project, error, "plates");
  return found;
}

static gboolean
load_datasets (SlProject  *project,
               gint64      plate_id,
               SlReport   *report,
               GError    **error)
{
  const char *sql =
    "SELECT d.file_name, d.sha256, d.imported_at, a.name, d.rows_read, d.rows_imported, "
    "d.rows_skipped, d.rows_duplicate, "
    "(SELECT count(*) FROM reads r WHERE r.plate_id = ?1 AND r.dataset_id = d.id) "
    "FROM datasets d LEFT JOIN agencies a ON a.id = d.owner_agency_id ORDER BY d.id";
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "datasets");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, plate_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlReportDataset *dataset = g_new0 (SlReportDataset, 1);

      dataset->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      dataset->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      dataset->imported_at = sqlite3_column_int64 (stmt, 2);
      dataset->owner_agency = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      dataset->rows_read = sqlite3_column_int64 (stmt, 4);
      dataset->rows_imported = sqlite3_column_int64 (stmt, 5);
      dataset->rows_skipped = sqlite3_column_int64 (stmt, 6);
      dataset->rows_duplicate = sqlite3_column_int64 (stmt, 7);
      dataset->n_vehicle_reads = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (report->datasets, dataset);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "datasets");
      return FALSE;
    }
  return TRUE;
}

static int
compare_viewers (gconstpointer a,
                 gconstpointer b)
{
  const SlReportViewer *x = *(SlReportViewer **) a;
  const SlReportViewer *y = *(SlReportViewer **) b;

  if (x->n_reads != y->n_reads)
    return x->n_reads > y->n_reads ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static guint
count_in (GArray *exposure,
          guint   node)
{
  for (guint i = 0; i < exposure->len; i++)
    if (g_array_index (exposure, SlExposure, i).node == node)
      return g_array_index (exposure, SlExposure, i).n_reads;
  return 0;
}

/* Viewers after the edits; agencies that saw reads before the edits and see
 * none after are listed too, with 0 reads, so a report shows who lost
 * access. */
static void
collect_viewers (SlReport *report,
                 SlWhatIf *what_if,
                 GArray   *before)
{
  SlSharingNetwork *network = sl_what_if_get_network (what_if);
  GArray *after = sl_what_if_get_exposure (what_if);

  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *rows = pass == 0 ? after : before;

      for (guint i = 0; i < rows->len; i++)
        {
          const SlExposure *row = &g_array_index (rows, SlExposure, i);
          const SlSharingNode *node = sl_sharing_network_get_node (network, row->node);
          SlReportViewer *viewer;

          if (pass == 1 && sl_what_if_find_exposure (what_if, row->node) != NULL)
            continue;

          viewer = g_new0 (SlReportViewer, 1);
          viewer->name = g_strdup (node->name);
          viewer->kind = node->kind == SL_SHARING_NODE_UNLISTED ? "unlisted" : "agency";
          viewer->group = sl_what_if_get_group (what_if, row->node);
          viewer->owner = sl_what_if_count_owned (what_if, row->node) > 0;
          viewer->n_reads = pass == 0 ? row->n_reads : 0;
          viewer->first = pass == 0 ? row->first : SL_TIME_MAX;
          viewer->last = pass == 0 ? row->last : SL_TIME_MIN;
          viewer->path = g_strdup (pass == 0 ? row->path : NULL);
          viewer->n_reads_before = count_in (before, row->node);
          g_ptr_array_add (report->viewers, viewer);
        }
    }
  g_ptr_array_sort (report->viewers, compare_viewers);
}

/* Which agencies the inference section covers: the one asked for, else the
 * federal immigration recipient that sees most reads (the recipients the
 * 2019 reporting was about), else the non-owner that sees most. */
static gboolean
choose_inference_node (SlWhatIf *what_if,
                       guint    *node)
{
  GArray *rows = sl_what_if_get_exposure (what_if);
  guint best = G_MAXUINT;
  gboolean best_immigration = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const SlExposure *row = &g_array_index (rows, SlExposure, i);
      const SlSharingNode *info = sl_sharing_network_get_node (sl_what_if_get_network (what_if), row->node);
      gboolean immigration = sl_what_if_is_immigration (what_if, row->node);
      const SlExposure *current;

      if (info->kind != SL_SHARING_NODE_AGENCY || sl_what_if_count_owned (what_if, row->node) > 0 ||
          row->n_reads == 0)
        continue;
      if (best == G_MAXUINT || (immigration && !best_immigration))
        {
          best = row->node;
          best_immigration = immigration;
          continue;
        }
      if (immigration != best_immigration)
        continue;
      current = sl_what_if_find_exposure (what_if, best);
      if (row->n_reads > current->n_reads ||
          (row->n_reads == current->n_reads &&
           g_strcmp0 (info->name, sl_sharing_network_get_node (sl_what_if_get_network (what_if), best)->name) < 0))
        best = row->node;
    }

  *node = best;
  return best != G_MAXUINT;
}

/* The agency named by @name in @network (any spelling the project knows),
 * or an error naming the project and the name. */
static gboolean
resolve_agency (SlProject         *project,
                SlSharingNetwork  *network,
                const char        *name,
                guint             *node,
                GError           **error)
{
  GError *local_error = NULL;
  gint64 agency_id = sl_agency_lookup (project, name, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (agency_id == 0 || !sl_sharing_network_find_agency (network, agency_id, node))
    {
      g_set_error (error, SL_REPORT_ERROR, SL_REPORT_ERROR_UNKNOWN_AGENCY,
                   _("%s: no agency named “%s”"), sl_project_get_path (project), name);
      return FALSE;
    }
  return TRUE;
}

/* A what-if session over the plate with the options' scenario, as-of and
 * edits applied; the exposure before the edits in @before. */
static SlWhatIf *
open_session (SlProject              *project,
              const SlReportOptions  *options,
              gint64                 *plate_id,
              GArray                **before,
              GPtrArray              *edit_texts,
              GError                **error)
{
  g_autoptr(SlWhatIf) what_if = NULL;
  GError *local_error = NULL;

  *plate_id = sl_read_store_lookup_plate (project, options->plate, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (*plate_id == 0)
    {
      g_set_error (error, SL_REPORT_ERROR, SL_REPORT_ERROR_UNKNOWN_PLATE,
                   _("%s: no reads of plate “%s”"), sl_project_get_path (project), options->plate);
      return NULL;
    }

  what_if = sl_what_if_new_for_project (project, options->scenario, options->plate, error);
  if (what_if == NULL)
    return NULL;
  sl_what_if_set_as_of (what_if, options->as_of);
  *before = g_array_ref (sl_what_if_get_exposure (what_if));

  for (guint i = 0; i < options->n_edits; i++)
    {
      g_autofree char *text = sl_scenario_edit_describe (sl_what_if_get_network (what_if), &options->edits[i]);

      /* An edit that changes nothing here (another vehicle's session, a
       * removed edge) is reported as such rather than dropped silently. */
      if (!sl_what_if_apply (what_if, &options->edits[i]))
        {
          g_autofree char *ignored = g_strdup_printf (_("%s (no effect under this scenario)"), text);

          g_ptr_array_add (edit_texts, g_steal_pointer (&ignored));
        }
      else
        g_ptr_array_add (edit_texts, g_steal_pointer (&text));
    }
  return g_steal_pointer (&what_if);
}

/**
 * sl_report_build:
 * @options: the plate and what the report covers
 *
 * Returns: (transfer full): the report, or %NULL with @error set (an
 *   unknown plate, agency or scenario is an error naming it)
 */
SlReport *
sl_report_build (SlProject              *project,
                 const SlReportOptions  *options,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(SlReport) report = g_new0 (SlReport, 1);
  g_autoptr(SlWhatIf) what_if = NULL;
  g_autoptr(GArray) before = NULL;
  g_autofree char *synthetic = NULL;
  g_autoptr(GArray) reads = NULL;
  SlSharingNetwork *network;
  guint node;
  gint64 plate_id;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (options != NULL && options->plate != NULL, NULL);

  report->viewers = g_ptr_array_new_with_free_func ((GDestroyNotify) viewer_free);
  report->edits = g_ptr_array_new_with_free_func (g_free);
  report->inferences = g_ptr_array_new_with_free_func ((GDestroyNotify) inference_free);
  report->datasets = g_ptr_array_new_with_free_func ((GDestroyNotify) dataset_free);
  report->as_of = options->as_of;
  report->generated_at = g_get_real_time () / G_USEC_PER_SEC;

  what_if = open_session (project, options, &plate_id, &before, report->edits, error);
  if (what_if == NULL || !load_plate (project, plate_id, &report->plate, &report->pseudonymous, error))
    return NULL;
  network = sl_what_if_get_network (what_if);

  if (options->agency != NULL && !resolve_agency (project, network, options->agency, &node, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  report->project_name = sl_project_dup_name (project);
  report->scenario = g_strdup (sl_sharing_network_get_scenario (network));
  synthetic = sl_project_dup_meta (project, "synthetic");
  report->synthetic = g_strcmp0 (synthetic, "true") == 0;

  if ((reads = sl_read_store_load_plate_reads (project, plate_id, error)) == NULL)
    return NULL;
  report->n_reads = reads->len;
  report->first_read = reads->len > 0 ? g_array_index (reads, SlRead, 0).time : 0;
  report->last_read = reads->len > 0 ? g_array_index (reads, SlRead, reads->len - 1).time : 0;

  collect_viewers (report, what_if, before);
  if (options->n_edits > 0)
    report->change_summary = sl_what_if_describe_change (network, before, sl_what_if_get_exposure (what_if),
                                                         reads->len, G_MAXUINT);

  if (options->agency != NULL || choose_inference_node (what_if, &node))
    {
      SlInferenceView view = { sl_what_if_get_visibility (what_if), node, options->as_of };
      SlReportInference *item = g_new0 (SlReportInference, 1);

      item->agency = g_strdup (sl_sharing_network_get_node (network, node)->name);
      g_ptr_array_add (report->inferences, item);
      item->inference = sl_inference_run (project, plate_id, &view, NULL, error);
      if (item->inference == NULL)
        return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!load_datasets (project, plate_id, report, error))
    return NULL;
  return g_steal_pointer (&report);
}

/* Formatting shared by the writers. */

static char *
format_time (gint64 time)
{
  if (time == SL_TIME_MIN || time == SL_TIME_MAX)
    return g_strdup ("");
  return sl_sharing_format_time (time);
}

/* Tables for people: "2019-01-14 23:28:22", UTC as the report says, so
 * the cell can wrap between date and time. */
static char *
format_table_time (gint64 time)
{
  char *text = format_time (time);
  char *t = strchr (text, 'T');
  size_t length = strlen (text);

  if (t != NULL)
    *t = ' ';
  if (length > 0 && text[length - 1] == 'Z')
    text[length - 1] = '\0';
  return text;
}

static char *
format_double (const char *format,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static char *
format_share (guint n,
              guint total)
{
  return format_double ("%.4f", total == 0 ? 0.0 : (double) n / total);
}

static char *
format_ids (GArray *ids)
{
  GString *out = g_string_new (NULL);
  guint n = MIN (ids->len, MAX_EVIDENCE_IDS);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%lld", i == 0 ? "" : " ", (long long) g_array_index (ids, gint64, i));
  if (ids->len > n)
    g_string_append_printf (out, ngettext (" and %u more", " and %u more", ids->len - n), ids->len - n);
  return g_string_free (out, FALSE);
}

static const char *
viewer_role (const SlReportViewer *viewer)
{
  if (viewer->owner)
    return _("owner");
  return sl_viewer_group_to_title (viewer->group);
}

static char *
as_of_text (SlReport *report)
{
  if (report->as_of == SL_TIME_MAX)
    return g_strdup (_("everything ever visible"));
  return format_table_time (report->as_of);
}

const char *
sl_report_get_synthetic_notice (void)
{
  return _("Synthetic data: every plate, vehicle and trip in this project was generated for teaching. "
           "No real person’s movements are shown. The sharing configuration follows public reporting.");
}

/* Blocks: the report as a document. */

static SlReportBlock *
add_block (GPtrArray         *blocks,
           SlReportBlockType  type,
           char              *text)
{
  SlReportBlock *block = g_new0 (SlReportBlock, 1);

  block->type = type;
  block->text = text;
  g_ptr_array_add (blocks, block);
  return block;
}

static SlReportBlock *
add_table (GPtrArray  *blocks,
           const char *first,
           ...)
{
  SlReportBlock *block = add_block (blocks, SL_REPORT_BLOCK_TABLE, NULL);
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_strv_builder_add (header, name);
  va_end (args);
  block->header = g_strv_builder_end (header);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return block;
}

/* Takes ownership of the cells, as many as the header has. */
static void
add_row (SlReportBlock *table,
         ...)
{
  guint n = g_strv_length (table->header);
  char **row = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < n; i++)
    {
      char *cell = va_arg (args, char *);

      row[i] = cell != NULL ? cell : g_strdup ("");
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static void
block_free (SlReportBlock *block)
{
  g_free (block->text);
  g_strfreev (block->header);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static void
add_anchor_blocks (GPtrArray               *blocks,
                   const char              *title,
                   SlInferenceRule          rule,
                   const SlInference       *inference,
                   const SlInferenceAnchor *anchor)
{
  g_autofree char *rule_text = sl_inference_dup_rule (&inference->thresholds, rule);

  if (!anchor->found)
    {
      add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH,
                 g_strdup_printf (_("%s: not found, no place meets the rule. %s"), title, rule_text));
      return;
    }
  {
    const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, anchor->place);
    g_autofree char *latitude = format_double ("%.5f", place->latitude);
    g_autofree char *longitude = format_double ("%.5f", place->longitude);
    g_autofree char *confidence = format_double ("%.2f", anchor->confidence);
    g_autofree char *ids = format_ids (anchor->read_ids);

    add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH,
               g_strdup_printf (_("%s: %s, %s (confidence %s): %u of %u reads in the rule’s hours, on %u "
                                  "distinct days. %s Evidence, read ids: %s."),
                                title, latitude, longitude, confidence, anchor->n_place_reads,
                                anchor->n_window_reads, anchor->n_days, rule_text, ids));
  }
}

static void
add_inference_blocks (GPtrArray         *blocks,
                      SlReportInference *item)
{
  const SlInference *inference = item->inference;
  SlReportBlock *table;

  add_block (blocks, SL_REPORT_BLOCK_HEADING,
             g_strdup_printf (_("What %s can infer"), item->agency));
  add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH,
             g_strdup_printf (_("From %u reads on %u days (local time: %s)."),
                              inference->n_reads, inference->n_days, inference->time_zone));
  add_anchor_blocks (blocks, _("Likely home"), SL_INFERENCE_RULE_HOME, inference, &inference->home);
  add_anchor_blocks (blocks, _("Likely work"), SL_INFERENCE_RULE_WORK, inference, &inference->work);

  if (inference->places->len > 0)
    {
      table = add_table (blocks, _("Place"), _("Latitude"), _("Longitude"), _("Reads"), _("Days"), NULL);
      for (guint p = 0; p < MIN (inference->places->len, MAX_PLACES); p++)
        {
          const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, p);

          add_row (table, g_strdup_printf ("%u", p + 1), format_double ("%.5f", place->latitude),
                   format_double ("%.5f", place->longitude), g_strdup_printf ("%u", place->n_reads),
                   g_strdup_printf ("%u", place->n_days));
        }
    }

  {
    g_autofree char *rule = sl_inference_dup_rule (&inference->thresholds, SL_INFERENCE_RULE_COMPANION);

    if (inference->companions->len == 0)
      add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH, g_strdup_printf (_("Companion vehicles: none. %s"), rule));
    else
      {
        add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH, g_strdup_printf (_("Companion vehicles. %s"), rule));
        table = add_table (blocks, _("Plate"), _("Sightings"), _("Places"), _("Days"), _("Confidence"),
                           _("Evidence (read ids)"), NULL);
        for (guint c = 0; c < inference->companions->len; c++)
          {
            const SlInferenceCompanion *companion = &g_array_index (inference->companions, SlInferenceCompanion, c);

            add_row (table, g_strdup (companion->plate), g_strdup_printf ("%u", companion->n_sightings),
                     g_strdup_printf ("%u", companion->n_places), g_strdup_printf ("%u", companion->n_days),
                     format_double ("%.2f", companion->confidence), format_ids (companion->read_ids));
          }
      }
  }

  if (inference->places->len >= 2)
    {
      g_autofree char *radius = format_double ("%.0f", inference->thresholds.uniqueness_radius_m);

      add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH,
                 g_strdup_printf (_("Uniqueness: %u vehicles of the project (this one included) have these two "
                                    "top places (within %s m); %u vehicles seen near both were checked."),
                                  inference->n_sharing_top_places, radius, inference->n_uniqueness_candidates));
    }
}

/**
 * sl_report_to_blocks:
 *
 * Returns: (transfer container) (element-type SlReportBlock): the report
 *   as headings, paragraphs and tables, in reading order
 */
GPtrArray *
sl_report_to_blocks (SlReport *report)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_autofree char *as_of = as_of_text (report);
  g_autofree char *generated = format_table_time (report->generated_at);
  g_autofree char *first = format_table_time (report->first_read);
  g_autofree char *last = format_table_time (report->last_read);
  SlReportBlock *table;

  add_block (blocks, SL_REPORT_BLOCK_TITLE,
             g_strdup_printf (report->pseudonymous ? _("Exposure report: pseudonymous vehicle %s")
                                                   : _("Exposure report: vehicle %s"), report->plate));
  if (report->synthetic)
    add_block (blocks, SL_REPORT_BLOCK_NOTICE, g_strdup (sl_report_get_synthetic_notice ()));

  table = add_table (blocks, _("Item"), _("Value"), NULL);
  add_row (table, g_strdup (report->pseudonymous ? _("Pseudonym") : _("Plate")), g_strdup (report->plate));
  add_row (table, g_strdup (_("Project")), g_strdup (report->project_name));
  add_row (table, g_strdup (_("Scenario")), g_strdup (report->scenario));
  add_row (table, g_strdup (_("As of")), g_strdup (as_of));
  add_row (table, g_strdup (_("Reads of the vehicle")), g_strdup_printf ("%u", report->n_reads));
  add_row (table, g_strdup (_("First read")), g_strdup (first));
  add_row (table, g_strdup (_("Last read")), g_strdup (last));
  add_row (table, g_strdup (_("Generated")), g_strdup (generated));

  add_block (blocks, SL_REPORT_BLOCK_HEADING, g_strdup (_("Who can see this vehicle’s reads")));
  add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH,
             g_strdup (_("Each agency that can search the vehicle’s reads: how many, their share of all the "
                         "vehicle’s reads, from when to when, and through which sharing path. Times are UTC.")));
  table = add_table (blocks, _("Agency"), _("Role"), _("Reads"), _("Share"), _("First"), _("Last"), _("Path"), NULL);
  for (guint i = 0; i < report->viewers->len; i++)
    {
      SlReportViewer *viewer = g_ptr_array_index (report->viewers, i);

      add_row (table, g_strdup (viewer->name), g_strdup (viewer_role (viewer)),
               g_strdup_printf ("%u", viewer->n_reads), format_share (viewer->n_reads, report->n_reads),
               format_table_time (viewer->first),
               viewer->last == SL_TIME_MAX ? g_strdup (_("open")) : format_table_time (viewer->last),
               g_strdup (viewer->path));
    }

  if (report->edits->len > 0)
    {
      add_block (blocks, SL_REPORT_BLOCK_HEADING, g_strdup (_("What the what-if changed")));
      for (guint i = 0; i < report->edits->len; i++)
        add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH,
                   g_strdup_printf (_("Edit %u: %s"), i + 1, (char *) g_ptr_array_index (report->edits, i)));
      if (report->change_summary != NULL)
        add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH, g_strdup (report->change_summary));
      table = add_table (blocks, _("Agency"), _("Reads before"), _("Reads after"), NULL);
      for (guint i = 0; i < report->viewers->len; i++)
        {
          SlReportViewer *viewer = g_ptr_array_index (report->viewers, i);

          if (viewer->n_reads != viewer->n_reads_before)
            add_row (table, g_strdup (viewer->name), g_strdup_printf ("%u", viewer->n_reads_before),
                     g_strdup_printf ("%u", viewer->n_reads));
        }
    }

  for (guint i = 0; i < report->inferences->len; i++)
    add_inference_blocks (blocks, g_ptr_array_index (report->inferences, i));
  if (report->inferences->len == 0)
    {
      add_block (blocks, SL_REPORT_BLOCK_HEADING, g_strdup (_("Inferences")));
      add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH,
                 g_strdup (_("No agency other than the owners of the reads can see any of them.")));
    }

  add_block (blocks, SL_REPORT_BLOCK_HEADING, g_strdup (_("Where the data came from")));
  /* One small table per file: a SHA-256 stays on one line, in print too. */
  for (guint i = 0; i < report->datasets->len; i++)
    {
      SlReportDataset *dataset = g_ptr_array_index (report->datasets, i);

      table = add_table (blocks, _("File"), dataset->file_name, NULL);
      add_row (table, g_strdup (_("SHA-256")), g_strdup (dataset->sha256));
      add_row (table, g_strdup (_("Imported")), format_table_time (dataset->imported_at));
      add_row (table, g_strdup (_("Owner agency")),
               g_strdup (dataset->owner_agency != NULL ? dataset->owner_agency : _("named on each row")));
      add_row (table, g_strdup (_("Rows read")), g_strdup_printf ("%" G_GINT64_FORMAT, dataset->rows_read));
      add_row (table, g_strdup (_("Rows imported")), g_strdup_printf ("%" G_GINT64_FORMAT, dataset->rows_imported));
      add_row (table, g_strdup (_("Rows skipped")), g_strdup_printf ("%" G_GINT64_FORMAT, dataset->rows_skipped));
      add_row (table, g_strdup (_("Duplicates dropped")),
               g_strdup_printf ("%" G_GINT64_FORMAT, dataset->rows_duplicate));
      add_row (table, g_strdup (_("Reads of this vehicle")), g_strdup_printf ("%u", dataset->n_vehicle_reads));
    }
  add_block (blocks, SL_REPORT_BLOCK_PARAGRAPH,
             g_strdup (_("Made with Sightline. Visibility follows the sharing configuration recorded in the "
                         "project (docs/visibility.md); inferences follow docs/inference.md.")));
  return blocks;
}

/* HTML: one self-contained file, no scripts, no external resources. */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

static const char html_style[] =
  "body{font-family:sans-serif;color:#1a1a1a;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.4}"
  "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #999}"
  "table{border-collapse:collapse;margin:.6em 0;font-size:.9em}"
  "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}"
  "th{background:#eee}td{overflow-wrap:anywhere}"
  ".notice{border:2px solid #a15c00;background:#fff4e0;padding:.6em 1em;font-weight:bold}"
  "@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}"
  "th{background:none}.notice{background:none}}";

/**
 * sl_report_to_html:
 *
 * Returns: (transfer full): the report as one HTML document, every value
 *   escaped
 */
char *
sl_report_to_html (SlReport *report)
{
  g_autoptr(GPtrArray) blocks = sl_report_to_blocks (report);
  GString *out = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n");

  g_string_append (out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>");
  append_escaped (out, ((SlReportBlock *) g_ptr_array_index (blocks, 0))->text);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head><body>\n", html_style);

  for (guint i = 0; i < blocks->len; i++)
    {
      SlReportBlock *block = g_ptr_array_index (blocks, i);

      switch (block->type)
        {
        case SL_REPORT_BLOCK_TITLE:
          g_string_append (out, "<h1>");
          append_escaped (out, block->text);
          g_string_append (out, "</h1>\n");
          break;
        case SL_REPORT_BLOCK_HEADING:
          g_string_append (out, "<h2>");
          append_escaped (out, block->text);
          g_string_append (out, "</h2>\n");
          break;
        case SL_REPORT_BLOCK_PARAGRAPH:
          g_string_append (out, "<p>");
          append_escaped (out, block->text);
          g_string_append (out, "</p>\n");
          break;
        case SL_REPORT_BLOCK_NOTICE:
          g_string_append (out, "<p class=\"notice\">");
          append_escaped (out, block->text);
          g_string_append (out, "</p>\n");
          break;
        case SL_REPORT_BLOCK_TABLE:
          g_string_append (out, "<table>\n<tr>");
          for (guint c = 0; block->header[c] != NULL; c++)
            {
              g_string_append (out, "<th>");
              append_escaped (out, block->header[c]);
              g_string_append (out, "</th>");
            }
          g_string_append (out, "</tr>\n");
          for (guint r = 0; r < block->rows->len; r++)
            {
              char **row = g_ptr_array_index (block->rows, r);

              g_string_append (out, "<tr>");
              for (guint c = 0; row[c] != NULL; c++)
                {
                  g_string_append (out, "<td>");
                  append_escaped (out, row[c]);
                  g_string_append (out, "</td>");
                }
              g_string_append (out, "</tr>\n");
            }
          g_string_append (out, "</table>\n");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append (out, "</body></html>\n");
  return g_string_free (out, FALSE);
}

/* CSV: one long table, section,subject,field,value (docs/reports.md), so
 * every figure has one cell and the layout never changes with the data. */

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (text == NULL)
    text = "";
  if (text[strcspn (text, ",\"\r\n")] != '\0')
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

static void
csv_row (GString    *out,
         const char *section,
         const char *subject,
         const char *field,
         const char *value)
{
  append_csv_field (out, section);
  g_string_append_c (out, ',');
  append_csv_field (out, subject);
  g_string_append_c (out, ',');
  append_csv_field (out, field);
  g_string_append_c (out, ',');
  append_csv_field (out, value);
  g_string_append (out, "\r\n");
}

/* csv_row() with a value it frees. */
static void
csv_row_take (GString    *out,
              const char *section,
              const char *subject,
              const char *field,
              char       *value)
{
  csv_row (out, section, subject, field, value);
  g_free (value);
}

static void
csv_anchor (GString                 *out,
            const char              *agency,
            const char              *name,
            const SlInference       *inference,
            const SlInferenceAnchor *anchor)
{
  g_autofree char *prefix_found = g_strconcat (name, "_found", NULL);

  csv_row (out, "inference", agency, prefix_found, anchor->found ? "true" : "false");
  if (anchor->found)
    {
      const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, anchor->place);
      g_autofree char *latitude = g_strconcat (name, "_latitude", NULL);
      g_autofree char *longitude = g_strconcat (name, "_longitude", NULL);
      g_autofree char *confidence = g_strconcat (name, "_confidence", NULL);
      g_autofree char *days = g_strconcat (name, "_days", NULL);
      g_autofree char *place_reads = g_strconcat (name, "_place_reads", NULL);
      g_autofree char *window_reads = g_strconcat (name, "_window_reads", NULL);
      g_autofree char *ids = g_strconcat (name, "_read_ids", NULL);
      GString *list = g_string_new (NULL);

      csv_row_take (out, "inference", agency, latitude, format_double ("%.6f", place->latitude));
      csv_row_take (out, "inference", agency, longitude, format_double ("%.6f", place->longitude));
      csv_row_take (out, "inference", agency, confidence, format_double ("%.4f", anchor->confidence));
      csv_row_take (out, "inference", agency, days, g_strdup_printf ("%u", anchor->n_days));
      csv_row_take (out, "inference", agency, place_reads, g_strdup_printf ("%u", anchor->n_place_reads));
      csv_row_take (out, "inference", agency, window_reads, g_strdup_printf ("%u", anchor->n_window_reads));
      for (guint i = 0; i < anchor->read_ids->len; i++)
        g_string_append_printf (list, "%s%lld", i == 0 ? "" : " ", (long long) g_array_index (anchor->read_ids, gint64, i));
      csv_row_take (out, "inference", agency, ids, g_string_free (list, FALSE));
    }
}

/**
 * sl_report_to_csv:
 *
 * Returns: (transfer full): the report as CSV with the header
 *   section,subject,field,value and CRLF line ends (RFC 4180)
 */
char *
sl_report_to_csv (SlReport *report)
{
  GString *out = g_string_new (NULL);

  csv_row (out, "section", "subject", "field", "value");
  csv_row (out, "report", "", report->pseudonymous ? "pseudonym" : "plate", report->plate);
  csv_row (out, "report", "", "project", report->project_name);
  csv_row (out, "report", "", "scenario", report->scenario);
  csv_row_take (out, "report", "", "as_of", report->as_of == SL_TIME_MAX ? g_strdup ("") : format_time (report->as_of));
  csv_row (out, "report", "", "synthetic", report->synthetic ? "true" : "false");
  if (report->synthetic)
    csv_row (out, "report", "", "notice", sl_report_get_synthetic_notice ());
  csv_row_take (out, "report", "", "reads", g_strdup_printf ("%u", report->n_reads));
  csv_row_take (out, "report", "", "first_read", format_time (report->first_read));
  csv_row_take (out, "report", "", "last_read", format_time (report->last_read));
  csv_row_take (out, "report", "", "generated", format_time (report->generated_at));

  for (guint i = 0; i < report->viewers->len; i++)
    {
      SlReportViewer *viewer = g_ptr_array_index (report->viewers, i);

      csv_row (out, "viewer", viewer->name, "kind", viewer->kind);
      csv_row (out, "viewer", viewer->name, "role", viewer_role (viewer));
      csv_row_take (out, "viewer", viewer->name, "reads", g_strdup_printf ("%u", viewer->n_reads));
      csv_row_take (out, "viewer", viewer->name, "share", format_share (viewer->n_reads, report->n_reads));
      csv_row_take (out, "viewer", viewer->name, "first", format_time (viewer->first));
      csv_row_take (out, "viewer", viewer->name, "last",
                    viewer->last == SL_TIME_MAX ? g_strdup ("open") : format_time (viewer->last));
      csv_row (out, "viewer", viewer->name, "path", viewer->path);
      if (report->edits->len > 0)
        csv_row_take (out, "viewer", viewer->name, "reads_before", g_strdup_printf ("%u", viewer->n_reads_before));
    }

  for (guint i = 0; i < report->edits->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      csv_row (out, "what-if", number, "edit", g_ptr_array_index (report->edits, i));
    }
  if (report->change_summary != NULL)
    csv_row (out, "what-if", "", "summary", report->change_summary);

  for (guint i = 0; i < report->inferences->len; i++)
    {
      SlReportInference *item = g_ptr_array_index (report->inferences, i);
      const SlInference *inference = item->inference;

      csv_row_take (out, "inference", item->agency, "reads", g_strdup_printf ("%u", inference->n_reads));
      csv_row_take (out, "inference", item->agency, "days", g_strdup_printf ("%u", inference->n_days));
      csv_row (out, "inference", item->agency, "time_zone", inference->time_zone);
      csv_anchor (out, item->agency, "home", inference, &inference->home);
      csv_anchor (out, item->agency, "work", inference, &inference->work);
      csv_row_take (out, "inference", item->agency, "places", g_strdup_printf ("%u", inference->places->len));
      csv_row_take (out, "inference", item->agency, "companions", g_strdup_printf ("%u", inference->companions->len));
      for (guint c = 0; c < inference->companions->len; c++)
        {
          const SlInferenceCompanion *companion = &g_array_index (inference->companions, SlInferenceCompanion, c);

          csv_row_take (out, "inference", item->agency, "companion",
                        g_strdup_printf ("%s %u %u %u", companion->plate, companion->n_sightings,
                                         companion->n_places, companion->n_days));
        }
      csv_row_take (out, "inference", item->agency, "vehicles_sharing_top_places",
                    g_strdup_printf ("%u", inference->n_sharing_top_places));
    }

  for (guint i = 0; i < report->datasets->len; i++)
    {
      SlReportDataset *dataset = g_ptr_array_index (report->datasets, i);

      csv_row (out, "dataset", dataset->file_name, "sha256", dataset->sha256);
      csv_row_take (out, "dataset", dataset->file_name, "imported_at", format_time (dataset->imported_at));
      csv_row (out, "dataset", dataset->file_name, "owner_agency", dataset->owner_agency);
      csv_row_take (out, "dataset", dataset->file_name, "rows_read",
                    g_strdup_printf ("%" G_GINT64_FORMAT, dataset->rows_read));
      csv_row_take (out, "dataset", dataset->file_name, "rows_imported",
                    g_strdup_printf ("%" G_GINT64_FORMAT, dataset->rows_imported));
      csv_row_take (out, "dataset", dataset->file_name, "rows_skipped",
                    g_strdup_printf ("%" G_GINT64_FORMAT, dataset->rows_skipped));
      csv_row_take (out, "dataset", dataset->file_name, "rows_duplicate",
                    g_strdup_printf ("%" G_GINT64_FORMAT, dataset->rows_duplicate));
      csv_row_take (out, "dataset", dataset->file_name, "vehicle_reads",
                    g_strdup_printf ("%u", dataset->n_vehicle_reads));
    }
  return g_string_free (out, FALSE);
}

/* Tracks: one agency's view of the vehicle. */

void
sl_report_track_free (SlReportTrack *track)
{
  if (track == NULL)
    return;
  g_free (track->plate);
  g_free (track->agency);
  g_clear_pointer (&track->points, g_ptr_array_unref);
  g_free (track);
}

/**
 * sl_report_track_load:
 * @options: plate, scenario, as-of and edits; agency (NULL: the one
 *   sl_report_build() would infer for)
 *
 * Returns: (transfer full): the reads of the plate the agency can see, in
 *   time order, or %NULL with @error set
 */
SlReportTrack *
sl_report_track_load (SlProject              *project,
                      const SlReportOptions  *options,
                      GError                **error)
{
  const char *sql =
    "SELECT r.id, r.time, r.latitude, r.longitude, c.name, a.name, r.agency_id FROM reads r "
    "JOIN agencies a ON a.id = r.agency_id LEFT JOIN cameras c ON c.id = r.camera_id "
    "WHERE r.plate_id = ?1 ORDER BY r.time, r.id";
  g_autoptr(SlWhatIf) what_if = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GPtrArray) edit_texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SlReportTrack) track = g_new0 (SlReportTrack, 1);
  SlInferenceView view = { NULL, 0, options->as_of };
  sqlite3_stmt *stmt = NULL;
  gboolean pseudonymous;
  gint64 plate_id;
  int rc;

  track->points = g_ptr_array_new_with_free_func ((GDestroyNotify) track_point_free);
  what_if = open_session (project, options, &plate_id, &before, edit_texts, error);
  if (what_if == NULL || !load_plate (project, plate_id, &track->plate, &pseudonymous, error))
    return NULL;
  view.visibility = sl_what_if_get_visibility (what_if);
  if (options->agency != NULL)
    {
      if (!resolve_agency (project, sl_what_if_get_network (what_if), options->agency, &view.node, error))
        return NULL;
    }
  else if (!choose_inference_node (what_if, &view.node))
    return g_steal_pointer (&track);
  track->agency = g_strdup (sl_sharing_network_get_node (sl_what_if_get_network (what_if), view.node)->name);

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "reads");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, plate_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlReportTrackPoint *point;

      if (!sl_inference_view_sees (&view, plate_id, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 6)))
        continue;
      point = g_new0 (SlReportTrackPoint, 1);
      point->id = sqlite3_column_int64 (stmt, 0);
      point->time = sqlite3_column_int64 (stmt, 1);
      point->latitude = sqlite3_column_double (stmt, 2);
      point->longitude = sqlite3_column_double (stmt, 3);
      point->camera = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      point->owner = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (track->points, point);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      return NULL;
    }
  return g_steal_pointer (&track);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * sl_report_track_to_geojson:
 *
 * Returns: (transfer full): a FeatureCollection (RFC 7946): one Point per
 *   read with its id, time, camera and owner, then one LineString through
 *   them in time order when there are two or more
 */
char *
sl_report_track_to_geojson (SlReportTrack *track)
{
  GPtrArray *points = track->points;
  GString *out = g_string_new ("{\n\"type\": \"FeatureCollection\",\n\"features\": [");

  for (guint i = 0; i < points->len; i++)
    {
      SlReportTrackPoint *point = g_ptr_array_index (points, i);
      g_autofree char *latitude = format_double ("%.6f", point->latitude);
      g_autofree char *longitude = format_double ("%.6f", point->longitude);
      g_autofree char *time = format_time (point->time);

      g_string_append_printf (out, "%s\n{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                              "\"coordinates\": [%s, %s]}, \"properties\": {\"read\": %lld, \"time\": \"%s\", "
                              "\"camera\": ", i == 0 ? "" : ",", longitude, latitude, (long long) point->id, time);
      append_json_string (out, point->camera);
      g_string_append (out, ", \"owner\": ");
      append_json_string (out, point->owner);
      g_string_append (out, "}}");
    }
  if (points->len >= 2)
    {
      g_string_append (out, ",\n{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [");
      for (guint i = 0; i < points->len; i++)
        {
          SlReportTrackPoint *point = g_ptr_array_index (points, i);
          g_autofree char *latitude = format_double ("%.6f", point->latitude);
          g_autofree char *longitude = format_double ("%.6f", point->longitude);

          g_string_append_printf (out, "%s[%s, %s]", i == 0 ? "" : ", ", longitude, latitude);
        }
      g_string_append (out, "]}, \"properties\": {\"plate\": ");
      append_json_string (out, track->plate);
      g_string_append (out, ", \"agency\": ");
      append_json_string (out, track->agency);
      g_string_append_printf (out, ", \"reads\": %u}}", points->len);
    }
  g_string_append (out, "\n]\n}\n");
  return g_string_free (out, FALSE);
}

/**
 * sl_report_track_to_csv:
 *
 * Returns: (transfer full): read,time,latitude,longitude,camera,owner
 */
char *
sl_report_track_to_csv (SlReportTrack *track)
{
  GPtrArray *points = track->points;
  GString *out = g_string_new ("read,time,latitude,longitude,camera,owner\r\n");

  for (guint i = 0; i < points->len; i++)
    {
      SlReportTrackPoint *point = g_ptr_array_index (points, i);
      g_autofree char *latitude = format_double ("%.6f", point->latitude);
      g_autofree char *longitude = format_double ("%.6f", point->longitude);
      g_autofree char *time = format_time (point->time);

      g_string_append_printf (out, "%lld,%s,%s,%s,", (long long) point->id, time, latitude, longitude);
      append_csv_field (out, point->camera);
      g_string_append_c (out, ',');
      append_csv_field (out, point->owner);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/**
 * sl_report_format_from_path:
 *
 * Picks the format by @path's extension: .html, .csv, .pdf and .geojson
 * (the track). Otherwise an error naming the extension.
 */
gboolean
sl_report_format_from_path (const char      *path,
                            SlReportFormat  *format,
                            GError         **error)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  g_autofree char *extension = g_ascii_strdown (dot != NULL ? dot + 1 : "", -1);

  if (g_str_equal (extension, "html") || g_str_equal (extension, "htm"))
    *format = SL_REPORT_FORMAT_HTML;
  else if (g_str_equal (extension, "csv"))
    *format = SL_REPORT_FORMAT_CSV;
  else if (g_str_equal (extension, "pdf"))
    *format = SL_REPORT_FORMAT_PDF;
  else if (g_str_equal (extension, "geojson"))
    *format = SL_REPORT_FORMAT_GEOJSON;
  else if (dot == NULL)
    {
      g_set_error (error, SL_REPORT_ERROR, SL_REPORT_ERROR_UNKNOWN_FORMAT,
                   _("%s: no file extension to choose the format by (expected .pdf, .html, .csv or .geojson)"),
                   path);
      return FALSE;
    }
  else
    {
      g_set_error (error, SL_REPORT_ERROR, SL_REPORT_ERROR_UNKNOWN_FORMAT,
                   _("%s: unknown report format “.%s” (expected .pdf, .html, .csv or .geojson)"),
                   path, extension);
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_report_write:
 * @format: any but %SL_REPORT_FORMAT_PDF, which app/core/pdf writes
 *
 * Builds what @format needs and writes it to @path, replacing the file
 * only once it is complete.
 */
gboolean
sl_report_write (SlProject              *project,
                 const SlReportOptions  *options,
                 SlReportFormat          format,
                 const char             *path,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (format != SL_REPORT_FORMAT_PDF, FALSE);

  if (format == SL_REPORT_FORMAT_GEOJSON || format == SL_REPORT_FORMAT_TRACK_CSV)
    {
      g_autoptr(SlReportTrack) track = sl_report_track_load (project, options, error);

      if (track == NULL)
        return FALSE;
      text = format == SL_REPORT_FORMAT_GEOJSON ? sl_report_track_to_geojson (track) : sl_report_track_to_csv (track);
    }
  else
    {
      g_autoptr(SlReport) report = sl_report_build (project, options, cancellable, error);

      if (report == NULL)
        return FALSE;
      text = format == SL_REPORT_FORMAT_HTML ? sl_report_to_html (report) : sl_report_to_csv (report);
    }

  return g_file_set_contents (path, text, -1, error);
}
