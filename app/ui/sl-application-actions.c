/* sl-application-actions.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-application-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-application-private.h"
#include "sl-preferences-window.h"

static void
sl_application_actions_about (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  SlApplication *self = user_data;
  static const char *developers[] = {
    "The Sightline developers https://github.com/sightline/sightline",
    NULL
  };
  /* The public records and research the app's explanations rest on. */
  static const char *sources[] = {
    "ACLU of Northern California https://www.aclunc.org/",
    "Electronic Frontier Foundation and MuckRock, “Data Driven” https://www.eff.org/",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Sightline"),
                        "application-icon", APP_ID_BASE,
                        "developer-name", _("The Sightline developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/sightline/sightline",
                        "issue-url", "https://github.com/sightline/sightline/issues",
                        "copyright", "© 2026 The Sightline developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: replace with your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("See what police license plate readers record, which agencies "
                                      "can search it, and what they can infer from it."),
                        NULL);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Public Records and Research"),
                                                sources);

  gtk_window_present (GTK_WINDOW (about));
}

static void
sl_application_actions_preferences (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  SlApplication *self = user_data;
  SlPreferencesWindow *preferences;

  preferences = sl_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
sl_application_actions_quit (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  SlApplication *self = user_data;

  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing the windows, rather than g_application_quit(), lets each save
   * its size; the application ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry actions[] = {
  { "about", sl_application_actions_about },
  { "preferences", sl_application_actions_preferences },
  { "quit", sl_application_actions_quit },
};

static const struct {
  const char *action;
  const char *accels[2];
} accels[] = {
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.open-project", { "<Control>o", NULL } },
  { "win.new-project", { "<Control>n", NULL } },
  { "win.import-reads", { "<Control>i", NULL } },
  { "win.export-report", { "<Control>e", NULL } },
  { "win.export-map", { "<Control><Shift>e", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.presentation-mode", { "F5", NULL } },
};

void
_sl_application_actions_init (SlApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   actions, G_N_ELEMENTS (actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);
}
