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

/* Import arrives with later work; its menu items and shortcuts are in
 * place but stay disabled until then. */
static const GActionEntry actions[] = {
  { "open-project", sl_window_actions_open_project },
  { "new-project", sl_window_actions_new_project },
  { "import-reads" },
  { "import-sharing" },
  { "open-demo", sl_window_actions_open_demo },
  { "about-data", sl_window_actions_about_data },
};

static const char *unavailable_actions[] = {
  "import-reads",
  "import-sharing",
};

void
_sl_window_actions_init (SlWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   actions, G_N_ELEMENTS (actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (unavailable_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), unavailable_actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
    }
}
