/* bench-demo-generator.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The demo generator at benchmark scale: meson test -C _build --benchmark,
 * or _build/tests/bench-demo-generator [VEHICLES [DAYS]].
 *
 * Streams about 10 million reads (102,000 vehicles over 60 days) to
 * reads.csv and reports the time and the peak resident memory. The peer in
 * the same run is copying the same file with a 1 MiB buffer, as cat does:
 * the cost of only writing those bytes to this disk. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "sl-demo-generator.h"

static double
copy_file (const char *from,
           const char *to,
           guint64    *bytes)
{
  g_autofree char *buffer = g_malloc (1 << 20);
  gint64 start = g_get_monotonic_time ();
  FILE *in = g_fopen (from, "rb");
  FILE *out = g_fopen (to, "wb");
  size_t n;

  g_assert (in != NULL && out != NULL);
  *bytes = 0;
  while ((n = fread (buffer, 1, 1 << 20, in)) > 0)
    {
      g_assert (fwrite (buffer, 1, n, out) == n);
      *bytes += n;
    }
  fclose (in);
  g_assert (fclose (out) == 0);

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  guint vehicles = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 102000;
  guint days = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 60;
  g_autoptr(SlDemoGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("sightline-bench-XXXXXX", &error);
  g_autofree char *reads = NULL;
  g_autofree char *copy = NULL;
  struct rusage usage;
  guint64 n_reads = 0, bytes = 0;
  gint64 start;
  double generate_s, copy_s;

  g_assert_no_error (error);
  reads = g_build_filename (directory, "reads.csv", NULL);
  copy = g_build_filename (directory, "copy.csv", NULL);

  start = g_get_monotonic_time ();
  generator = sl_demo_generator_new (vehicles, days, SL_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_write_reads_csv (generator, reads, &n_reads, &error));
  g_assert_no_error (error);
  generate_s = (g_get_monotonic_time () - start) / 1e6;
  getrusage (RUSAGE_SELF, &usage);

  copy_s = copy_file (reads, copy, &bytes);

  printf ("demo generator, %u vehicles over %u days: %" G_GUINT64_FORMAT " reads, %" G_GUINT64_FORMAT
          " bytes of reads.csv\n", vehicles, days, n_reads, bytes);
  printf ("generate: %.2f s (%.2f million reads/s), peak RSS %ld kB\n",
          generate_s, n_reads / generate_s / 1e6, usage.ru_maxrss);
  printf ("peer, copying reads.csv: %.2f s; ratio generate/copy %.1f\n", copy_s, generate_s / copy_s);

  g_remove (reads);
  g_remove (copy);
  g_rmdir (directory);

  return 0;
}
