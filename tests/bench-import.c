/* bench-import.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Import benchmark: writes a deterministic CSV of plate reads, imports it
 * with Sightline's importer in a child process (so the child's peak RSS is
 * the importer's alone) and, in the same run, with the sqlite3 shell
 * (.import into a table with the same columns, then an index on plate and
 * time). Prints rows/s, the ratio and peak RSS.
 *
 *   bench-import [ROWS] [DIRECTORY]     (default 5000000 rows, a temp dir)
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-read-importer.h"
#include "sl-read-store.h"

#define N_PLATES   200000
#define N_CAMERAS  400
#define N_AGENCIES 40

/* xorshift64*: the same file on every machine. */
static guint64
next_random (guint64 *state)
{
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return *state * G_GUINT64_CONSTANT (2685821657736338717);
}

static void
write_csv (const char *path,
           guint64     n_rows)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  FILE *out = fopen (path, "w");
  guint64 state = 0x5167687469ULL;
  char buffer[1 << 16];

  g_assert_nonnull (out);
  setvbuf (out, buffer, _IOFBF, sizeof buffer);
  fputs ("plate,read_at,latitude,longitude,camera,agency\n", out);

  for (guint64 i = 0; i < n_rows; i++)
    {
      guint64 r = next_random (&state);
      guint64 plate_seed = (r % N_PLATES) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      guint camera = (r >> 20) % N_CAMERAS;
      /* March 2019, one read per ~0.5 s on average. */
      gint64 t = 1551398400 + (gint64) ((next_random (&state) >> 11) % (31 * 86400));
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
      char plate[8];

      for (int k = 0; k < 7; k++)
        plate[k] = alphabet[(plate_seed >> (k * 5 + 3)) % (sizeof alphabet - 1)];
      plate[7] = '\0';

      /* Cameras sit at fixed places around Connecticut. */
      fprintf (out, "%s,%04d-%02d-%02dT%02d:%02d:%02dZ,%.6f,%.6f,CAM-%03u,Agency %02u\n",
               plate,
               g_date_time_get_year (dt), g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
               g_date_time_get_hour (dt), g_date_time_get_minute (dt), g_date_time_get_second (dt),
               41.0 + (camera * 7919 % 1000) / 1000.0,
               -73.7 + (camera * 104729 % 1000) / 1000.0 * 1.9,
               camera, camera % N_AGENCIES);
    }

  g_assert_cmpint (fclose (out), ==, 0);
}

static double
now_seconds (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

/* Runs @argv (or, when NULL, Sightline's importer) in a child; returns its
 * wall-clock seconds, and its peak RSS in KiB and CPU seconds (user +
 * system: on a shared machine the fairer comparison). */
static double
run_child (const char  *project_path,
           const char  *csv_path,
           char       **argv,
           const char  *stdin_path,
           long        *out_max_rss_kb,
           double      *out_cpu_seconds)
{
  struct rusage usage;
  double start = now_seconds ();
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (argv == NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(SlProject) project = NULL;
          g_autoptr(SlReadImporter) importer = NULL;

          /* The importer logs the CPU time of its phases (reading and
           * inserting, indexes, duplicates) as debug messages. */
          g_setenv ("G_MESSAGES_DEBUG", "sl-read-importer", TRUE);
          project = sl_project_open (project_path, SL_PROJECT_OPEN_CREATE, &error);
          importer = sl_read_importer_new (csv_path);

          if (project == NULL || !sl_read_importer_run (importer, project, NULL, &error))
            {
              fprintf (stderr, "bench-import: %s\n", error->message);
              _exit (1);
            }
          g_clear_object (&project);
          _exit (0);
        }

      if (stdin_path != NULL && freopen (stdin_path, "r", stdin) == NULL)
        _exit (126);
      execvp (argv[0], argv);
      _exit (127);
    }

  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  *out_max_rss_kb = usage.ru_maxrss;
  *out_cpu_seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                     usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;

  return now_seconds () - start;
}

int
main (int   argc,
      char *argv[])
{
  guint64 n_rows = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 5000000;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *sqlite_path = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *script = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  SlReadStoreSummary summary;
  char *sqlite_argv[] = { (char *) "sqlite3", NULL, NULL };
  long sl_rss = 0, sqlite_rss = 0;
  double sl_cpu = 0, sqlite_cpu = 0;
  double t, sl_seconds, sqlite_seconds;
  double load[1];
  GStatBuf st;

  if (argc > 2)
    dir = g_strdup (argv[2]);
  else
    dir = g_dir_make_tmp ("sightline-bench-XXXXXX", NULL);
  g_assert_nonnull (dir);
  csv = g_build_filename (dir, "reads.csv", NULL);
  project_path = g_build_filename (dir, "bench.sightline", NULL);
  sqlite_path = g_build_filename (dir, "bench-sqlite3.db", NULL);
  script_path = g_build_filename (dir, "import.sql", NULL);

  t = now_seconds ();
  write_csv (csv, n_rows);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  printf ("# generated %" G_GUINT64_FORMAT " rows (%.1f MB) in %.1f s: %s\n",
          n_rows, st.st_size / 1e6, now_seconds () - t, csv);
  fflush (stdout);

  g_unlink (project_path);
  sl_seconds = run_child (project_path, csv, NULL, NULL, &sl_rss, &sl_cpu);

  script = g_strdup_printf ("CREATE TABLE reads (plate TEXT, read_at TEXT, latitude REAL, "
                            "longitude REAL, camera TEXT, agency TEXT);\n"
                            ".mode csv\n"
                            ".import --skip 1 '%s' reads\n"
                            "CREATE INDEX reads_by_plate_time ON reads (plate, read_at);\n", csv);
  g_assert_true (g_file_set_contents (script_path, script, -1, NULL));
  g_unlink (sqlite_path);
  sqlite_argv[1] = sqlite_path;
  sqlite_seconds = run_child (NULL, NULL, sqlite_argv, script_path, &sqlite_rss, &sqlite_cpu);

  project = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (sl_read_store_get_summary (project, &summary, &error));

  printf ("# Sightline: %" G_GINT64_FORMAT " reads (%" G_GINT64_FORMAT " plates) in %.2f s wall = %.0f rows/s; "
          "CPU %.2f s; peak RSS %.1f MB\n",
          summary.reads, summary.plates, sl_seconds, n_rows / sl_seconds, sl_cpu, sl_rss / 1024.0);
  printf ("# sqlite3:   .import + CREATE INDEX (plate, read_at) in %.2f s wall = %.0f rows/s; "
          "CPU %.2f s; peak RSS %.1f MB\n",
          sqlite_seconds, n_rows / sqlite_seconds, sqlite_cpu, sqlite_rss / 1024.0);
  printf ("# ratio sqlite3/Sightline: wall %.2f, CPU %.2f (target >= 5)\n",
          sqlite_seconds / sl_seconds, sqlite_cpu / sl_cpu);
  printf ("# RSS target < 256 MB: %s\n", sl_rss < 256 * 1024 ? "met" : "NOT met");
  if (getloadavg (load, 1) == 1)
    printf ("# load average %.1f on %u cores at the end: other jobs inflate wall times, "
            "CPU times compare fairer\n", load[0], g_get_num_processors ());

  g_clear_object (&project);
  if (argc <= 2)
    {
      /* A read-only connection leaves the -wal and -shm files behind. */
      g_autofree char *wal = g_strconcat (project_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (project_path, "-shm", NULL);

      g_unlink (csv);
      g_unlink (project_path);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (sqlite_path);
      g_unlink (script_path);
      g_rmdir (dir);
    }

  return 0;
}
