/* sl-window-demo.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-window-demo"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sl-demo-project.h"
#include "sl-window-private.h"

/* "Open Demo Project": the demo the build made (docs/demo-data.md), found
 *
 *  1. at $SIGHTLINE_DEMO_PROJECT, which uninstalled runs set (`make run`,
 *     `meson devenv`, the tests) to the one in the build tree;
 *  2. installed, in the package data directory.
 *
 * A read-only one (installed) is copied into the user's data directory
 * first: the user may import into it and the map keeps its position there.
 * With neither, it is generated there on first use, off the main thread. */

#define DEMO_FILE_NAME "demo.sightline"

static char *
find_bundled_demo (void)
{
  const char *env = g_getenv ("SIGHTLINE_DEMO_PROJECT");
  g_autofree char *installed = g_build_filename (PKGDATADIR, DEMO_FILE_NAME, NULL);

  if (env != NULL && env[0] != '\0' && g_file_test (env, G_FILE_TEST_IS_REGULAR))
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);
  return NULL;
}

/* SQLite writes its write-ahead log next to the file. */
static gboolean
is_writable (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (folder, W_OK) == 0;
}

static char *
user_demo_path (void)
{
  /* Not translated: a change of language must not make a second copy. */
  return g_build_filename (g_get_user_data_dir (), "sightline", "Connecticut 2019 Demo.sightline", NULL);
}

/* Runs in a thread: copies @source (or, when %NULL, generates the demo)
 * to the user's data directory through a partial file. */
static void
prepare_user_demo (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *source = task_data;
  g_autofree char *target = user_demo_path ();
  g_autofree char *folder = g_path_get_dirname (target);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create “%s”: %s"), folder, g_strerror (saved_errno));
      return;
    }

  if (source != NULL)
    {
      g_autofree char *partial = g_strconcat (target, ".partial", NULL);
      g_autoptr(GFile) from = g_file_new_for_path (source);
      g_autoptr(GFile) to = g_file_new_for_path (partial);
      g_autoptr(GFile) final = g_file_new_for_path (target);

      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &error) ||
          !g_file_move (to, final, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &error))
        {
          g_file_delete (to, NULL, NULL);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The installed file is read-only; the copy must not be. */
      g_chmod (target, 0600);
    }
  else
    {
      g_autoptr(SlDemoGenerator) generator = NULL;

      generator = sl_demo_generator_new (SL_DEMO_DEFAULT_VEHICLES, SL_DEMO_DEFAULT_DAYS,
                                         SL_DEMO_DEFAULT_SEED, &error);
      if (generator == NULL ||
          !sl_demo_project_build (generator, target, NULL, NULL, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&target), g_free);
}

static void
open_demo_file (SlWindow   *self,
                const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  sl_window_open_file (self, file, SL_PROJECT_OPEN_FLAGS_NONE);
}

static void
on_user_demo_ready (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SlWindow *self = SL_WINDOW (source);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (self->demo_toast != NULL)
    adw_toast_dismiss (self->demo_toast);
  g_clear_object (&self->demo_toast);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "open-demo")),
                               TRUE);

  path = g_task_propagate_pointer (G_TASK (result), &error);
  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not prepare the demo project: %s"), error->message);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      sl_window_add_toast (self, toast);
      return;
    }
  open_demo_file (self, path);
}

/**
 * _sl_window_open_demo:
 *
 * Opens the demo project, copying or generating it first when needed
 * (then asynchronously, with a toast meanwhile).
 */
void
_sl_window_open_demo (SlWindow *self)
{
  g_autofree char *bundled = find_bundled_demo ();
  g_autofree char *user_copy = user_demo_path ();
  g_autoptr(GTask) task = NULL;

  if (bundled != NULL && is_writable (bundled))
    {
      open_demo_file (self, bundled);
      return;
    }
  if (g_file_test (user_copy, G_FILE_TEST_IS_REGULAR))
    {
      open_demo_file (self, user_copy);
      return;
    }

  self->demo_toast = g_object_ref (adw_toast_new (bundled != NULL ? _("Copying the demo project…")
                                                                  : _("Generating the demo project…")));
  adw_toast_set_timeout (self->demo_toast, 0);
  sl_window_add_toast (self, g_object_ref (self->demo_toast));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "open-demo")),
                               FALSE);

  task = g_task_new (self, NULL, on_user_demo_ready, NULL);
  g_task_set_task_data (task, g_steal_pointer (&bundled), g_free);
  g_task_run_in_thread (task, prepare_user_demo);
}
