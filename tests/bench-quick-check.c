/* bench-quick-check.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the integrity check on opening costs (docs/testing.md): on a
 * project of about a million reads (the synthetic demo, 12,300 vehicles
 * over 50 days, made in a temporary directory unless SL_BENCH_PROJECT
 * names one), sl_project_quick_check() against its peer, loading the
 * project's contents as the window does, and against SQLite's full
 * integrity_check. Each three times: the first is the coldest the page
 * cache allows after writing the file.
 *
 *   meson test -C _build --benchmark --verbose quick-check
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "sl-demo-generator.h"
#include "sl-project-contents.h"
#include "sl-project-private.h"
#include "sl-read-set.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *given = g_getenv ("SL_BENCH_PROJECT");
  GStatBuf st;

  if (given != NULL)
    path = g_strdup (given);
  else
    {
      g_autoptr(SlDemoGenerator) generator = sl_demo_generator_new (12300, 50, 2019, &error);
      guint64 n_reads = 0;

      dir = g_dir_make_tmp ("bench-quick-check-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "bench.sightline", NULL);
      g_assert_true (sl_demo_generator_write_project (generator, path, dir, &n_reads, NULL, &error));
      g_assert_no_error (error);
      sl_demo_remove_csv (dir);
    }
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
      g_autoptr(SlProjectContents) contents = NULL;
      double check, load, full;
      gint64 start;

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      g_assert_true (sl_project_quick_check (project, &error));
      check = seconds_since (start);

      start = g_get_monotonic_time ();
      contents = sl_project_contents_load (project, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      load = seconds_since (start);

      start = g_get_monotonic_time ();
      g_assert_true (sl_project_exec (project, "PRAGMA integrity_check", &error));
      full = seconds_since (start);

      printf ("round %u: %s, %.1f MiB, %u reads: quick_check %.3f s, "
              "contents load %.3f s (ratio %.2f), integrity_check %.3f s (ratio %.2f)\n",
              round + 1, given != NULL ? given : "generated", st.st_size / 1048576.0,
              sl_read_set_get_n_reads (contents->reads), check, load, check / load, full, full / load);
    }

  if (dir != NULL)
    {
      g_unlink (path);
      g_rmdir (dir);
    }
  return 0;
}
