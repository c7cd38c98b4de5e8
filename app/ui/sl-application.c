/* sl-application.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-application-private.h"
#include "sl-ui-resources.h"
#include "sl-window.h"

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, ADW_TYPE_APPLICATION)

SlApplication *
sl_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (SL_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/sightline/Sightline",
                       NULL);
}

/**
 * sl_application_get_settings:
 * @self: a #SlApplication
 *
 * Returns: (transfer none): the application's settings, shared by its
 *   windows and dialogs; %NULL before the application has started up
 */
GSettings *
sl_application_get_settings (SlApplication *self)
{
  g_return_val_if_fail (SL_IS_APPLICATION (self), NULL);

  return self->settings;
}

static int
sl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* Go on: activate or open the files given. */
  return -1;
}

static void
sl_application_startup (GApplication *app)
{
  SlApplication *self = SL_APPLICATION (app);

  G_APPLICATION_CLASS (sl_application_parent_class)->startup (app);

  /* Here rather than in init, so `--version` and `--help` work without the
   * schema. The schema ID stays the same in development builds, so both
   * share preferences. */
  self->settings = g_settings_new (APP_ID_BASE);

  /* The icon is also in our resources, so this works uninstalled too. */
  gtk_window_set_default_icon_name (APP_ID_BASE);

  _sl_application_actions_init (self);
}

static void
sl_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (sl_window_new (SL_APPLICATION (app)));

  gtk_window_present (window);
}

/* A window that shows no project yet, to reuse rather than open another. */
static SlWindow *
find_empty_window (SlApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (SL_IS_WINDOW (l->data) && sl_window_get_project (l->data) == NULL)
        return l->data;
    }

  return NULL;
}

/* `sightline FILE…`: one window per project. Errors are shown in the window
 * that would have shown the project. */
static void
sl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SlApplication *self = SL_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      SlWindow *window = find_empty_window (self);

      if (window == NULL)
        window = sl_window_new (self);

      gtk_window_present (GTK_WINDOW (window));
      sl_window_open_file (window, files[i], SL_PROJECT_OPEN_FLAGS_NONE);
    }
}

static void
sl_application_dispose (GObject *object)
{
  SlApplication *self = SL_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_application_parent_class)->dispose (object);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sl_application_dispose;

  app_class->handle_local_options = sl_application_handle_local_options;
  app_class->startup = sl_application_startup;
  app_class->activate = sl_application_activate;
  app_class->open = sl_application_open;

  sl_ui_register_resource ();
}

static void
sl_application_init (SlApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 0,
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Show the version and quit"), NULL);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PROJECT…]"));
}
