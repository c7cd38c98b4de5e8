/* sl-workspace-export.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-export.h"
#include "sl-report-pdf.h"
#include "sl-workspace-private.h"

/* Exports of what the workspace shows (docs/reports.md): the map view and
 * the flow diagram are drawn from the widgets on the main thread (a few
 * milliseconds); a report or a track reads the project and runs inference,
 * so it runs on the project's worker thread with its own connection and
 * the workspace's cancellable, and the window stays responsive. */

/**
 * sl_workspace_can_export:
 *
 * Returns: whether @kind has something to export: the map needs reads,
 *   the rest a vehicle whose exposure is shown
 */
gboolean
sl_workspace_can_export (SlWorkspace  *self,
                         SlExportKind  kind)
{
  g_return_val_if_fail (SL_IS_WORKSPACE (self), FALSE);

  if (self->contents == NULL || self->worker == NULL)
    return FALSE;
  if (kind == SL_EXPORT_MAP)
    return TRUE;
  return self->track_plate != NULL && sl_exposure_pane_get_what_if (self->exposure_pane) != NULL;
}

/**
 * sl_workspace_get_export_name:
 *
 * Returns: (transfer full): a file name for @kind without extension, e.g.
 *   "ZN47301-report"
 */
char *
sl_workspace_get_export_name (SlWorkspace  *self,
                              SlExportKind  kind)
{
  const char *plate = self->track_plate != NULL ? self->track_plate : "";

  switch (kind)
    {
    case SL_EXPORT_MAP:
      /* Translators: a file name, without extension. */
      return g_strdup (_("map"));
    case SL_EXPORT_DIAGRAM:
      /* Translators: a file name, without extension. */
      return g_strdup (_("sharing-flow"));
    case SL_EXPORT_REPORT:
      /* Translators: a file name, without extension; %s is the plate. */
      return g_strdup_printf (_("%s-report"), plate);
    case SL_EXPORT_TRACK:
    default:
      /* Translators: a file name, without extension; %s is the plate. */
      return g_strdup_printf (_("%s-track"), plate);
    }
}

typedef struct
{
  SlReportOptions  options;
  char            *plate;
  char            *agency;
  char            *scenario;
  GArray          *edits;
  SlReportFormat   format;
  char            *path;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->plate);
  g_free (job->agency);
  g_free (job->scenario);
  g_clear_pointer (&job->edits, g_array_unref);
  g_free (job->path);
  g_free (job);
}

static void
run_report_job (GTask        *task,
                SlProject    *project,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReportJob *job = task_data;
  GError *error = NULL;

  if (sl_report_export (project, &job->options, job->format, job->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The agency selected in the exposure pane, when it is one the project
 * knows by name (not a pool's unlisted members). */
static char *
dup_selected_agency (SlWorkspace *self,
                     SlWhatIf    *what_if)
{
  guint node = sl_exposure_pane_get_selected_node (self->exposure_pane);
  const SlSharingNode *info;

  if (node == G_MAXUINT || (info = sl_sharing_network_get_node (sl_what_if_get_network (what_if), node)) == NULL ||
      info->kind != SL_SHARING_NODE_AGENCY)
    return NULL;
  return g_strdup (info->name);
}

/* The report of the session on screen: its plate, scenario, instant, the
 * what-if edits in force and the agency selected. */
static ReportJob *
report_job_new (SlWorkspace *self,
                SlWhatIf    *what_if)
{
  ReportJob *job = g_new0 (ReportJob, 1);

  job->plate = g_strdup (self->track_plate);
  job->agency = dup_selected_agency (self, what_if);
  job->scenario = g_strdup (sl_sharing_network_get_scenario (sl_what_if_get_network (what_if)));
  job->edits = g_array_new (FALSE, TRUE, sizeof (SlScenarioEdit));
  g_array_set_clear_func (job->edits, (GDestroyNotify) sl_scenario_edit_clear);
  for (guint i = 0; i < sl_what_if_get_n_edits (what_if); i++)
    {
      SlScenarioEdit copy = *sl_what_if_get_edit (what_if, i);

      copy.document = g_strdup (copy.document);
      copy.note = g_strdup (copy.note);
      g_array_append_val (job->edits, copy);
    }
  job->options.plate = job->plate;
  job->options.agency = job->agency;
  job->options.scenario = job->scenario;
  job->options.as_of = sl_what_if_get_as_of (what_if);
  job->options.edits = (SlScenarioEdit *) job->edits->data;
  job->options.n_edits = job->edits->len;
  return job;
}

/* What the map picture says it shows. */
static char *
map_caption (SlWorkspace *self)
{
  GString *caption = g_string_new (NULL);
  g_autofree char *name = sl_project_dup_name (self->project);

  g_string_append (caption, name);
  if (self->track_plate != NULL)
    g_string_append_printf (caption, _(" — track of %s"), self->track_plate);
  if (self->contents->synthetic)
    g_string_append_printf (caption, "\n%s", _("Synthetic data: every plate, vehicle and trip was generated for teaching."));
  return g_string_free (caption, FALSE);
}

/**
 * sl_workspace_export_async:
 * @kind: what to export
 * @file: where; the format is its extension (.png, .svg, .pdf for
 *   pictures; .pdf, .html, .csv for reports; .geojson, .csv for tracks)
 * @cancellable: (nullable): stops a report or track between its stages
 *   (none is written then); NULL: the workspace's, cancelled with the
 *   project
 *
 * Exports what the workspace shows. Pictures are drawn before this
 * returns; reports and tracks are written on the worker thread.
 */
void
sl_workspace_export_async (SlWorkspace         *self,
                           SlExportKind         kind,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable != NULL ? cancellable : self->cancellable,
                                      callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  SlWhatIf *what_if = sl_exposure_pane_get_what_if (self->exposure_pane);
  SlImageFormat image_format;
  SlReportFormat format;
  ReportJob *job;

  g_task_set_source_tag (task, sl_workspace_export_async);

  if (!sl_workspace_can_export (self, kind))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               kind == SL_EXPORT_MAP ? _("Open a project with plate reads first")
                                                     : _("Find a plate first: the export is about one vehicle"));
      return;
    }

  if (kind == SL_EXPORT_MAP || kind == SL_EXPORT_DIAGRAM)
    {
      g_autofree char *caption = NULL;
      gboolean done;

      if (!sl_image_format_from_file (file, &image_format, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (kind == SL_EXPORT_MAP)
        {
          caption = map_caption (self);
          done = sl_map_view_export (self->map_view, file, image_format, caption, &error);
        }
      else
        done = sl_flow_diagram_export (self->flow_diagram, file, (SlFlowDiagramFormat) image_format, &error);
      if (done)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (path == NULL || !sl_report_format_from_path (path, &format, &error))
    {
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Reports are written to local files only"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (kind == SL_EXPORT_TRACK && format == SL_REPORT_FORMAT_CSV)
    format = SL_REPORT_FORMAT_TRACK_CSV;
  if ((kind == SL_EXPORT_TRACK) != (format == SL_REPORT_FORMAT_GEOJSON || format == SL_REPORT_FORMAT_TRACK_CSV))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               kind == SL_EXPORT_TRACK ? _("A track is written as .geojson or .csv")
                                                       : _("A report is written as .pdf, .html or .csv"));
      return;
    }

  job = report_job_new (self, what_if);
  job->format = format;
  job->path = g_steal_pointer (&path);
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  sl_project_worker_queue (self->worker, task, run_report_job);
}

gboolean
sl_workspace_export_finish (SlWorkspace   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
