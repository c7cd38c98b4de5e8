/* sl-sharing-import.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-sharing-import"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-project-worker.h"
#include "sl-sharing-import.h"
#include "sl-sharing-io.h"

/* Import Sharing Configuration…: the format is detected from the file, the
 * user confirms it (and names the scenario of an edge list) in a small
 * dialog, the import runs on a worker with its own connection, and a
 * dialog reports how the agency names were reconciled. */

typedef struct
{
  SlWindow        *window;
  char            *path;
  char            *basename;
  SlSharingFormat  format;
  char            *scenario;
  GtkEntry        *scenario_entry;
  SlProjectWorker *worker;
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->window);
  g_clear_object (&flow->worker);
  g_free (flow->path);
  g_free (flow->basename);
  g_free (flow->scenario);
  g_free (flow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Flow, flow_free)

static void
show_error (Flow       *flow,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (flow->window),
                                              _("Could Not Import the Sharing Configuration"),
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
format_summary (Flow                  *flow,
                const SlSharingImport *import)
{
  guint matched = sl_agency_reconciler_count (import->reconciler, SL_AGENCY_MATCH_MATCHED);
  guint created = sl_agency_reconciler_count (import->reconciler, SL_AGENCY_MATCH_CREATED);
  guint ambiguous = sl_agency_reconciler_count (import->reconciler, SL_AGENCY_MATCH_AMBIGUOUS);
  g_autofree char *what = NULL;
  g_autofree char *counts = NULL;

  if (import->scenario != NULL)
    /* Translators: “12 sharing edges went into the scenario “2019 records”.” */
    what = g_strdup_printf (ngettext ("%u sharing edge went into the scenario “%s”.",
                                      "%u sharing edges went into the scenario “%s”.",
                                      import->n_edges),
                            import->n_edges, import->scenario);
  else
    what = g_strdup_printf (ngettext ("%u agency was read from “%s”.",
                                      "%u agencies were read from “%s”.",
                                      import->n_agencies),
                            import->n_agencies, flow->basename);

  /* Translators: the second sentence of the import report. */
  counts = g_strdup_printf (_("%s Of the agency names, %u matched agencies in the project, %u were "
                              "added as new agencies and %u were ambiguous."),
                            what, matched, created, ambiguous);
  if (ambiguous == 0)
    return g_steal_pointer (&counts);

  return g_strdup_printf ("%s %s", counts,
                          _("Each ambiguous name got an agency of its own: merge them later if they "
                            "are the same."));
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autoptr(SlSharingImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *report = NULL;
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;

  import = g_task_propagate_pointer (G_TASK (result), &error);
  if (import == NULL)
    {
      show_error (flow, error->message);
      return;
    }

  sl_window_emit_project_changed (flow->window);

  body = format_summary (flow, import);
  report = sl_agency_reconciler_format_report (import->reconciler);
  g_strchomp (report);

  dialog = adw_message_dialog_new (GTK_WINDOW (flow->window),
                                   _("Sharing Configuration Imported"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  if (report[0] != '\0')
    {
      label = gtk_label_new (report);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_widget_add_css_class (scrolled, "card");
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
    }

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_in_worker (GTask        *task,
                  SlProject    *project,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Flow *flow = task_data;
  GError *error = NULL;
  SlSharingImport *import;

  import = sl_sharing_import (project, flow->path, flow->format, flow->scenario, NULL, &error);
  if (import != NULL)
    g_task_return_pointer (task, import, (GDestroyNotify) sl_sharing_import_free);
  else
    g_task_return_error (task, error);
}

static void
worker_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  flow->worker = sl_project_worker_open_finish (result, &error);
  if (flow->worker == NULL)
    {
      show_error (flow, error->message);
      return;
    }

  /* The task's data and the callback's share the flow: the worker is
   * dropped with it once the callback has run. */
  task = g_task_new (NULL, NULL, imported_cb, flow);
  g_task_set_task_data (task, flow, NULL);
  sl_project_worker_queue (flow->worker, task, import_in_worker);
  g_steal_pointer (&flow);
}

static void
confirm_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Flow             *flow)
{
  SlProject *project = sl_window_get_project (flow->window);

  if (!g_str_equal (response, "import") || project == NULL)
    {
      flow_free (flow);
      return;
    }

  if (flow->scenario_entry != NULL)
    {
      g_autofree char *scenario = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (flow->scenario_entry))));

      g_free (flow->scenario);
      flow->scenario = scenario[0] != '\0' ? g_steal_pointer (&scenario) : NULL;
    }

  sl_project_worker_open_async (sl_project_get_path (project), NULL, worker_opened_cb, flow);
}

static void
confirm (Flow *flow)
{
  const char *heading;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  switch (flow->format)
    {
    case SL_SHARING_FORMAT_EDGES:
      heading = _("Import Sharing Edges?");
      /* Translators: %s is a file name. */
      body = g_strdup_printf (_("“%s” lists who shares plate reads with whom. The edges are added "
                                "to the scenario named below, which is created when new."),
                              flow->basename);
      break;
    case SL_SHARING_FORMAT_AGENCIES:
      heading = _("Import Agency Table?");
      body = g_strdup_printf (_("“%s” lists agencies: their names, types and how long they keep "
                                "reads. Names are matched with the agencies already in the project."),
                              flow->basename);
      break;
    case SL_SHARING_FORMAT_JSON:
    default:
      heading = _("Import Sharing Scenario?");
      body = g_strdup_printf (_("“%s” is a Sightline sharing scenario: agencies, pools, sharing "
                                "edges and edits. It replaces a scenario of the same name."),
                              flow->basename);
      break;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (flow->window), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (flow->format == SL_SHARING_FORMAT_EDGES)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label = gtk_label_new_with_mnemonic (_("_Scenario"));
      GtkWidget *entry = gtk_entry_new ();
      char *dot;

      /* The scenario sl_sharing_import() would name: the base name. */
      flow->scenario = g_strdup (flow->basename);
      dot = strrchr (flow->scenario, '.');
      if (dot != NULL && dot != flow->scenario)
        *dot = '\0';
      gtk_editable_set_text (GTK_EDITABLE (entry), flow->scenario);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), entry);
      flow->scenario_entry = GTK_ENTRY (entry);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response), flow);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
detect_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Flow *flow = task_data;
  GError *error = NULL;
  SlSharingFormat format = sl_sharing_detect_format (flow->path, &error);

  if (format == SL_SHARING_FORMAT_AUTO)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, format);
}

static void
detected_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autoptr(GError) error = NULL;
  gssize format = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    {
      show_error (flow, error->message);
      return;
    }

  flow->format = format;
  confirm (g_steal_pointer (&flow));
}

/**
 * sl_sharing_import_run:
 * @window: the window showing the project to import into
 * @file: an edge list, agency table or JSON scenario
 *
 * Asks, imports off the main thread, and reports; the window's views are
 * told with ::project-changed.
 */
void
sl_sharing_import_run (SlWindow *window,
                       GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  Flow *flow;

  g_return_if_fail (SL_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  flow = g_new0 (Flow, 1);
  flow->window = g_object_ref (window);
  flow->path = g_file_get_path (file);
  flow->basename = g_file_get_basename (file);

  if (flow->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file. Copy it to this "
                                                    "computer first."),
                                                  uri);

      show_error (flow, message);
      flow_free (flow);
      return;
    }

  /* Detection reads the header row: not on the main thread. */
  task = g_task_new (NULL, NULL, detected_cb, flow);
  g_task_set_task_data (task, flow, NULL);
  g_task_run_in_thread (task, detect_in_thread);
}
