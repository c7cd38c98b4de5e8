/* sl-window-demo.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-window-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-demo-generator.h"
#include "sl-window-private.h"

/* "Open Demo Project" opens the user's own copy of the demo
 * (sl_demo_ensure_user_project(): copied on first use from the demo the
 * build made — installed, or $SIGHTLINE_DEMO_PROJECT for uninstalled runs
 * — or generated when there is none), so what they import or change stays
 * theirs. Making the copy, or generating, runs in a thread with a toast
 * meanwhile. */

static void
ensure_user_demo (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = sl_demo_ensure_user_project (cancellable, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
set_open_demo_enabled (SlWindow *self,
                       gboolean  enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "open-demo");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
on_user_demo_ready (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SlWindow *self = SL_WINDOW (source);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (self->demo_toast != NULL)
    adw_toast_dismiss (self->demo_toast);
  g_clear_object (&self->demo_toast);
  set_open_demo_enabled (self, TRUE);

  path = g_task_propagate_pointer (G_TASK (result), &error);
  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not prepare the demo project: %s"), error->message);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      sl_window_add_toast (self, toast);
      return;
    }
  file = g_file_new_for_path (path);
  sl_window_open_file (self, file, SL_PROJECT_OPEN_FLAGS_NONE);
}

/**
 * _sl_window_open_demo:
 *
 * Opens the user's demo project once it is ready.
 */
void
_sl_window_open_demo (SlWindow *self)
{
  g_autoptr(GTask) task = NULL;

  self->demo_toast = g_object_ref (adw_toast_new (_("Preparing the demo project…")));
  adw_toast_set_timeout (self->demo_toast, 0);
  sl_window_add_toast (self, g_object_ref (self->demo_toast));
  set_open_demo_enabled (self, FALSE);

  task = g_task_new (self, NULL, on_user_demo_ready, NULL);
  g_task_run_in_thread (task, ensure_user_demo);
}
