/* sl-window-actions.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-about-data-window.h"
#include "sl-import-assistant.h"
#include "sl-share-copy.h"
#include "sl-sharing-import.h"
#include "sl-window-private.h"

static void
add_project_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (projects, _("Sightline Projects"));
  gtk_file_filter_add_mime_type (projects, "application/x-sightline");
  gtk_file_filter_add_suffix (projects, "sightline");
  gtk_file_chooser_add_filter (chooser, projects);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, projects);
}

static void
open_project_response (GtkNativeDialog *native,
                       int              response,
                       SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      sl_window_open_file (self, file, SL_PROJECT_OPEN_FLAGS_NONE);
    }

  g_object_unref (native);
}

static void
sl_window_actions_open_project (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  SlWindow *self = user_data;
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Project"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_project_filters (GTK_FILE_CHOOSER (native));

  g_signal_connect (native, "response", G_CALLBACK (open_project_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
new_project_response (GtkNativeDialog *native,
                      int              response,
                      SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      sl_window_create_project (self, file);
    }

  g_object_unref (native);
}

static void
sl_window_actions_new_project (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  SlWindow *self = user_data;
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("New Project"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("C_reate"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_project_filters (GTK_FILE_CHOOSER (native));
  /* Translators: the file name suggested for a new project; keep the
   * “.sightline” extension. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("Untitled.sightline"));

  g_signal_connect (native, "response", G_CALLBACK (new_project_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
sl_window_actions_open_demo (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  _sl_window_open_demo (SL_WINDOW (user_data));
}

static void
sl_window_actions_about_data (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  SlWindow *self = user_data;

  gtk_window_present (GTK_WINDOW (sl_about_data_window_new (GTK_WINDOW (self))));
}

static void
assistant_imported (SlImportAssistant *assistant,
                    gint64             dataset_id,
                    SlWindow          *self)
{
  sl_window_emit_project_changed (self);
}

/**
 * _sl_window_import_reads:
 * @self: a #SlWindow showing a project
 * @file: a CSV file of plate reads
 *
 * Starts the import assistant on @file; the window's views reload when it
 * has imported.
 *
 * Returns: (transfer none): the assistant
 */
SlImportAssistant *
_sl_window_import_reads (SlWindow *self,
                         GFile    *file)
{
  SlImportAssistant *assistant;

  g_return_val_if_fail (self->project != NULL, NULL);

  assistant = sl_import_assistant_new (GTK_WINDOW (self), sl_project_get_path (self->project), file);
  g_signal_connect_object (assistant, "imported", G_CALLBACK (assistant_imported), self, 0);
  gtk_window_present (GTK_WINDOW (assistant));

  return assistant;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_reads_response (GtkNativeDialog *native,
                       int              response,
                       SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      _sl_window_import_reads (self, file);
    }

  g_object_unref (native);
}

static void
sl_window_actions_import_reads (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  SlWindow *self = user_data;
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Plate Reads"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  /* Exports arrive as .csv, .tsv or .txt, often with a generic type. */
  gtk_file_filter_set_name (tables, _("Tables (CSV, TSV, Text)"));
  gtk_file_filter_add_mime_type (tables, "text/csv");
  gtk_file_filter_add_mime_type (tables, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (tables, "text/plain");
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "tsv");
  gtk_file_filter_add_suffix (tables, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), tables);
  add_filter (GTK_FILE_CHOOSER (native), _("All Files"), NULL, "*");

  g_signal_connect (native, "response", G_CALLBACK (import_reads_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
import_sharing_response (GtkNativeDialog *native,
                         int              response,
                         SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      sl_sharing_import_run (self, file);
    }

  g_object_unref (native);
}

static void
sl_window_actions_import_sharing (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  SlWindow *self = user_data;
  g_autoptr(GtkFileFilter) sharing = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Sharing Configuration"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (sharing, _("Sharing Configurations (CSV, JSON)"));
  gtk_file_filter_add_mime_type (sharing, "text/csv");
  gtk_file_filter_add_mime_type (sharing, "application/json");
  gtk_file_filter_add_suffix (sharing, "csv");
  gtk_file_filter_add_suffix (sharing, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), sharing);
  add_filter (GTK_FILE_CHOOSER (native), _("CSV Tables"), "text/csv", "csv");
  add_filter (GTK_FILE_CHOOSER (native), _("Sightline Scenarios (JSON)"), "application/json", "json");
  add_filter (GTK_FILE_CHOOSER (native), _("All Files"), NULL, "*");

  g_signal_connect (native, "response", G_CALLBACK (import_sharing_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* A project file dropped on the window opens; any other file is imported
 * as plate reads into the project shown. */
static gboolean
drop_target_drop (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  SlWindow      *self)
{
  GFile *file = NULL;
  g_autofree char *basename = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files != NULL)
        file = files->data;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      file = g_value_get_object (value);
    }

  if (file == NULL)
    return FALSE;

  basename = g_file_get_basename (file);
  if (basename != NULL && g_str_has_suffix (basename, ".sightline"))
    return sl_window_open_file (self, file, SL_PROJECT_OPEN_FLAGS_NONE);

  if (self->project == NULL)
    {
      sl_window_add_toast (self, adw_toast_new (_("Open or create a project to import plate reads into")));
      return FALSE;
    }

  _sl_window_import_reads (self, file);

  return TRUE;
}

/* Save a Copy for Sharing: sl_share_copy_write() in a thread (it copies
 * the whole project), then what it removed in a dialog. */
typedef struct
{
  char              *project_path;
  char              *output_path;
  SlShareCopyReport  report;
} ShareCopyJob;

static void
share_copy_job_free (ShareCopyJob *job)
{
  g_free (job->project_path);
  g_free (job->output_path);
  g_free (job);
}

static void
share_copy_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ShareCopyJob *job = task_data;
  GError *error = NULL;

  /* The file chooser has asked before replacing a file. */
  if (sl_share_copy_write (job->project_path, job->output_path, TRUE, &job->report, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
share_copy_done (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SlWindow *self = SL_WINDOW (source_object);
  ShareCopyJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "save-sharing-copy");
  GtkWidget *dialog;

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->project != NULL);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save a Copy for Sharing"),
                                       error->message);
    }
  else
    {
      text = sl_share_copy_report_to_text (&job->report);
      g_strchomp (text);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Copy for Sharing Saved"), text);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_sharing_copy_response (GtkNativeDialog *native,
                            int              response,
                            SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GTask) task = g_task_new (self, NULL, share_copy_done, NULL);
      ShareCopyJob *job = g_new0 (ShareCopyJob, 1);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "save-sharing-copy");

      job->project_path = g_strdup (sl_project_get_path (self->project));
      job->output_path = g_file_get_path (file);
      g_task_set_task_data (task, job, (GDestroyNotify) share_copy_job_free);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
      g_task_run_in_thread (task, share_copy_thread);
    }

  g_object_unref (native);
}

static void
sl_window_actions_save_sharing_copy (GSimpleAction *action,
                                     GVariant      *param,
                                     gpointer       user_data)
{
  SlWindow *self = user_data;
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;

  if (self->project == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Save a Copy for Sharing"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_project_filters (GTK_FILE_CHOOSER (native));
  {
    g_autoptr(GFile) project_file = g_file_new_for_path (sl_project_get_path (self->project));
    g_autoptr(GFile) folder = g_file_get_parent (project_file);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  }
  name = sl_project_dup_name (self->project);
  /* Translators: the suggested file name of a copy for sharing; %s is the
   * project's name. */
  file_name = g_strdup_printf (_("%s (shared).sightline"), name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);

  g_signal_connect (native, "response", G_CALLBACK (save_sharing_copy_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
update_project_actions (SlWindow *self)
{
  static const char *project_actions[] = { "import-reads", "import-sharing", "save-sharing-copy" };

  for (guint i = 0; i < G_N_ELEMENTS (project_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), project_actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->project != NULL);
    }
}

static void
sl_window_actions_presentation_mode (GSimpleAction *action,
                                     GVariant      *state,
                                     gpointer       user_data)
{
  sl_window_set_presentation_mode (SL_WINDOW (user_data), g_variant_get_boolean (state));
}

static const GActionEntry actions[] = {
  { "open-project", sl_window_actions_open_project },
  { "new-project", sl_window_actions_new_project },
  { "import-reads", sl_window_actions_import_reads },
  { "import-sharing", sl_window_actions_import_sharing },
  { "open-demo", sl_window_actions_open_demo },
  { "about-data", sl_window_actions_about_data },
  { "presentation-mode", NULL, NULL, "false", sl_window_actions_presentation_mode },
  { "save-sharing-copy", sl_window_actions_save_sharing_copy },
};

void
_sl_window_actions_init (SlWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   actions, G_N_ELEMENTS (actions),
                                   self);

  _sl_window_export_init (self);

  /* Imports need a project to go into. */
  update_project_actions (self);
  g_signal_connect (self, "notify::project", G_CALLBACK (update_project_actions), NULL);

  {
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
    GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

    gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
    g_signal_connect (target, "drop", G_CALLBACK (drop_target_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
}
