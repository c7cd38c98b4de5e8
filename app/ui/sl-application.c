/* sl-application.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-application.h"
#include "sl-ui-resources.h"
#include "sl-window.h"

struct _SlApplication
{
  AdwApplication parent_instance;
};

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

static void
sl_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (sl_window_new (SL_APPLICATION (app)));

  gtk_window_present (window);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sl_application_activate;

  sl_ui_register_resource ();
}

static void
sl_application_init (SlApplication *self)
{
}
