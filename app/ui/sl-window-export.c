/* sl-window-export.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-window-export"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-window-private.h"

/* The Export menu: a save dialog per kind of export, then the workspace
 * writes the file; a toast says where it went, a dialog why it did not. */

typedef struct
{
  const char *name;
  const char *mime_type;
  const char *extension;
} Format;

static const Format picture_formats[] = {
  { N_("PNG Image"), "image/png", "png" },
  { N_("SVG Image"), "image/svg+xml", "svg" },
  { N_("PDF Document"), "application/pdf", "pdf" },
  { NULL }
};

static const Format report_formats[] = {
  { N_("PDF Document"), "application/pdf", "pdf" },
  { N_("Web Page (HTML)"), "text/html", "html" },
  { N_("Table (CSV)"), "text/csv", "csv" },
  { NULL }
};

static const Format track_formats[] = {
  { N_("GeoJSON (QGIS and other GIS)"), "application/geo+json", "geojson" },
  { N_("Table (CSV)"), "text/csv", "csv" },
  { NULL }
};

typedef struct
{
  SlWindow     *window;
  GFile        *file;
  GCancellable *cancellable;
  /* Reports and tracks: "Exporting…" with Cancel while the worker runs. */
  AdwToast     *progress;
} ExportCall;

static void
export_call_free (ExportCall *call)
{
  if (call->progress != NULL)
    {
      adw_toast_dismiss (call->progress);
      g_object_unref (call->progress);
    }
  g_object_unref (call->window);
  g_object_unref (call->file);
  g_object_unref (call->cancellable);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportCall, export_call_free)

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ExportCall) call = user_data;
  g_autoptr(GError) error = NULL;
  SlWindow *self = call->window;
  GFile *file = call->file;

  if (sl_workspace_export_finish (SL_WORKSPACE (source), result, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: a toast after an export; %s is a file name. */
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

      sl_window_add_toast (self, adw_toast_new (text));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  {
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Failed"), error->message);

    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

/* The chosen file, with the selected filter's extension when the name has
 * none of @formats'. */
static GFile *
chosen_file (GtkFileChooser *chooser,
             const Format   *formats)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  const char *extension = filter != NULL ? g_object_get_data (G_OBJECT (filter), "sl-extension") : NULL;
  g_autofree char *with_extension = NULL;
  g_autoptr(GFile) parent = NULL;

  for (guint i = 0; formats[i].name != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", formats[i].extension, NULL);

      if (g_str_has_suffix (lower, suffix))
        return g_steal_pointer (&file);
    }
  if (extension == NULL)
    extension = formats[0].extension;
  with_extension = g_strconcat (name, ".", extension, NULL);
  parent = g_file_get_parent (file);
  return g_file_get_child (parent, with_extension);
}

static void
export_response (GtkNativeDialog *native,
                 int              response,
                 SlWindow        *self)
{
  SlExportKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (native), "sl-export-kind"));
  const Format *formats = g_object_get_data (G_OBJECT (native), "sl-export-formats");

  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      g_autoptr(GFile) file = chosen_file (GTK_FILE_CHOOSER (native), formats);

      sl_window_export (self, kind, file);
    }
  g_object_unref (native);
}

/**
 * sl_window_export:
 *
 * Exports @kind from the workspace to @file (format by extension), then
 * shows a toast or an error dialog.
 */
void
sl_window_export (SlWindow     *self,
                  SlExportKind  kind,
                  GFile        *file)
{
  ExportCall *call = g_new0 (ExportCall, 1);

  g_return_if_fail (SL_IS_WINDOW (self));

  call->window = g_object_ref (self);
  call->file = g_object_ref (file);
  call->cancellable = g_cancellable_new ();
  /* Pictures are drawn at once; a report runs inference over the project,
   * which takes seconds on a large one. */
  if (kind == SL_EXPORT_REPORT || kind == SL_EXPORT_TRACK)
    {
      call->progress = adw_toast_new (kind == SL_EXPORT_REPORT ? _("Exporting the report…") : _("Exporting the track…"));
      adw_toast_set_timeout (call->progress, 0);
      adw_toast_set_button_label (call->progress, _("_Cancel"));
      g_signal_connect_object (call->progress, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                               call->cancellable, G_CONNECT_SWAPPED);
      sl_window_add_toast (self, g_object_ref (call->progress));
    }
  sl_workspace_export_async (self->workspace, kind, file, call->cancellable, export_done, call);
}

static void
ask_file (SlWindow     *self,
          SlExportKind  kind,
          const char   *title,
          const Format *formats)
{
  GtkFileChooserNative *native;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (!sl_workspace_can_export (self->workspace, kind))
    {
      sl_window_add_toast (self, adw_toast_new (kind == SL_EXPORT_MAP ? _("Open a project with plate reads first")
                                                                      : _("Find a plate first: the export is about one vehicle")));
      return;
    }

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  for (guint i = 0; formats[i].name != NULL; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_mime_type (filter, formats[i].mime_type);
      gtk_file_filter_add_suffix (filter, formats[i].extension);
      g_object_set_data (G_OBJECT (filter), "sl-extension", (gpointer) formats[i].extension);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      if (i == 0)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
    }
  base = sl_workspace_get_export_name (self->workspace, kind);
  name = g_strconcat (base, ".", formats[0].extension, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_object_set_data (G_OBJECT (native), "sl-export-kind", GUINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (native), "sl-export-formats", (gpointer) formats);
  g_signal_connect (native, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_map (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  ask_file (user_data, SL_EXPORT_MAP, _("Export Map View"), picture_formats);
}

static void
export_diagram (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ask_file (user_data, SL_EXPORT_DIAGRAM, _("Export Sharing Flow Diagram"), picture_formats);
}

static void
export_report (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ask_file (user_data, SL_EXPORT_REPORT, _("Export Vehicle Report"), report_formats);
}

static void
export_track (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  ask_file (user_data, SL_EXPORT_TRACK, _("Export Vehicle Track"), track_formats);
}

static const GActionEntry export_actions[] = {
  { "export-map", export_map },
  { "export-diagram", export_diagram },
  { "export-report", export_report },
  { "export-track", export_track },
};

static void
update_export_actions (SlWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), export_actions[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->project != NULL);
    }
}

void
_sl_window_export_init (SlWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), export_actions, G_N_ELEMENTS (export_actions), self);
  update_export_actions (self);
  g_signal_connect (self, "notify::project", G_CALLBACK (update_export_actions), NULL);
}
