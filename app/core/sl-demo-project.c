/* sl-demo-project.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-demo-project"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sl-demo-project.h"

/* Removes the files the generator wrote into a temporary directory, then
 * the directory. */
static void
remove_csv_dir (const char *directory)
{
  const char *fixed[] = { "reads.csv", "agencies.csv", "sharing.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_autofree char *path = g_build_filename (directory, fixed[i], NULL);

      g_remove (path);
    }
  for (guint i = 0; i < sl_demo_get_n_scenarios (); i++)
    {
      g_autofree char *path = g_build_filename (directory, sl_demo_get_scenario_file (i), NULL);

      g_remove (path);
    }
  g_rmdir (directory);
}

/* Imports the generated files into a temporary project next to @out and
 * renames it into place at the end, so a failed run leaves no half-written
 * project. */
static gboolean
import_project (SlDemoGenerator  *generator,
                const char       *out,
                const char       *csv_dir,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autofree char *partial = g_strconcat (out, ".partial", NULL);
  g_autoptr(SlProject) project = NULL;

  g_remove (partial);
  project = sl_project_open (partial, SL_PROJECT_OPEN_CREATE, error);
  if (project == NULL)
    return FALSE;

  /* The window's title; the file name stays the caller's. Not translated:
   * the build's output must not depend on its locale. */
  if (!sl_demo_generator_import (generator, project, csv_dir, cancellable, error) ||
      !sl_project_set_meta (project, "name", "Connecticut 2019 (synthetic demo)", error))
    {
      g_clear_object (&project);
      g_remove (partial);
      return FALSE;
    }

  /* Closing checkpoints the write-ahead log into the file. */
  g_clear_object (&project);
  if (g_rename (partial, out) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not rename “%s” to “%s”: %s"), partial, out, g_strerror (saved_errno));
      g_remove (partial);
      return FALSE;
    }

  return TRUE;
}

/**
 * sl_demo_project_build:
 * @generator: a #SlDemoGenerator
 * @out: the project file to write; replaced if it exists
 * @csv_dir: (nullable): where to keep the generated CSV and scenario
 *   files, or %NULL to write them to a temporary directory removed after
 * @n_reads: (out) (optional): the number of reads generated
 * @cancellable: (nullable): a #GCancellable
 * @error: location for a #GError
 *
 * Generates the demo data as files and imports them through the real
 * importers into a new project at @out. On failure nothing is left at
 * @out (besides what was there).
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_project_build (SlDemoGenerator  *generator,
                       const char       *out,
                       const char       *csv_dir,
                       guint64          *n_reads,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autofree char *temp_dir = NULL;
  gboolean ok;

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (generator), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (csv_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("sightline-demo-XXXXXX", error);
      if (temp_dir == NULL)
        return FALSE;
    }
  else if (g_mkdir_with_parents (csv_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), csv_dir, g_strerror (saved_errno));
      return FALSE;
    }

  ok = sl_demo_generator_write_csv (generator, csv_dir != NULL ? csv_dir : temp_dir, n_reads, error) &&
       import_project (generator, out, csv_dir != NULL ? csv_dir : temp_dir, cancellable, error);

  if (temp_dir != NULL)
    remove_csv_dir (temp_dir);

  return ok;
}
