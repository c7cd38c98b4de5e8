/* bench-sharing.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Benchmarks of issue 4, run by `meson test --benchmark` (or directly):
 * a generated network of 5,000 agencies and 40,000 edges, many reads
 * (SL_BENCH_READS, default 10 million), and the engine against the plain
 * SQL approach (a recursive CTE over the edges joined to the reads, run by
 * the sqlite3 shell) in the same run. Prints measured figures only. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "sl-project-private.h"
#include "sl-sharing-diff.h"
#include "sl-sharing-io.h"
#include "sl-sharing-reads.h"

#define N_AGENCIES 5000
#define N_EDGES 40000
#define N_FUSION 50
#define N_READ_OWNERS 200
#define READS_PER_PLATE 20
#define N_SAMPLES 200
#define YEAR_2018 1514764800
#define YEAR 31536000
#define POOL_NODE 1000000000
#define UNLISTED_NODE 2000000000
#define SQL_TIMEOUT (g_getenv ("SL_BENCH_SQL_TIMEOUT") ?: "300")

/* Wall-clock and CPU seconds (this process plus waited-for children): the
 * machine is shared, so CPU time is the fairer figure for ratios. */
typedef struct
{
  double wall;
  double cpu;
} Timing;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
cpu_now (void)
{
  struct timespec ts;
  struct rusage children;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  getrusage (RUSAGE_CHILDREN, &children);
  return ts.tv_sec + ts.tv_nsec / 1e9 +
         children.ru_utime.tv_sec + children.ru_utime.tv_usec / 1e6 +
         children.ru_stime.tv_sec + children.ru_stime.tv_usec / 1e6;
}

static Timing
timing_start (void)
{
  Timing start = { now (), cpu_now () };

  return start;
}

static Timing
timing_since (Timing start)
{
  Timing elapsed = { now () - start.wall, cpu_now () - start.cpu };

  return elapsed;
}

static void
check (gboolean    ok,
       GError     *error)
{
  if (!ok)
    {
      g_printerr ("bench-sharing: %s\n", error != NULL ? error->message : "failed");
      exit (1);
    }
}

static char *
agency_name (guint i)
{
  return g_strdup_printf ("Agency %04u %s", i, i > N_AGENCIES - N_FUSION ? "Fusion Center" : "PD");
}

/* The agency table and edge list as CSV files, deterministic. */
static void
write_network (const char *dir,
               char      **agencies_path,
               char      **edges_path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(GString) agencies = g_string_new ("name,type,state,retention,reshares\n");
  g_autoptr(GString) edges = g_string_new ("source,shared_with,recipient_type,valid_from,valid_to\n");
  const char *retentions[] = { "30 days", "30 days", "30 days", "90 days", "1 year", "2 years", "NA" };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 1; i <= N_AGENCIES; i++)
    {
      g_autofree char *name = agency_name (i);
      gboolean fusion = i > N_AGENCIES - N_FUSION;

      g_string_append_printf (agencies, "%s,%s,CT,%s,%s\n", name,
                              fusion ? "fusion-center" : "municipal-police",
                              retentions[g_rand_int_range (rand, 0, G_N_ELEMENTS (retentions))],
                              fusion ? "yes" : "no");
    }

  /* 3,000 owners in the national pool, 1,000 in a regional one. */
  for (guint i = 1; i <= 4000; i++, n++)
    g_string_append_printf (edges, "Agency %04u PD,%s,pool,,\n", i, i <= 3000 ? "National pool" : "Regional pool");

  while (n < N_EDGES)
    {
      guint owner = g_rand_int_range (rand, 1, N_AGENCIES + 1);
      guint recipient = g_rand_int_range (rand, 1, N_AGENCIES + 1);
      g_autofree char *owner_name = agency_name (owner);
      g_autofree char *recipient_name = NULL;

      /* One edge in twenty goes to a fusion centre. */
      if (n % 20 == 0)
        recipient = N_AGENCIES - N_FUSION + 1 + g_rand_int_range (rand, 0, N_FUSION);
      if (owner == recipient)
        continue;
      recipient_name = agency_name (recipient);

      /* A quarter of the edges hold only over a window. */
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          gint64 from = YEAR_2018 + g_rand_int_range (rand, 0, 2 * YEAR);
          gint64 to = from + g_rand_int_range (rand, 86400, YEAR);

          g_string_append_printf (edges, "%s,%s,agency,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\n",
                                  owner_name, recipient_name, from, to);
        }
      else
        g_string_append_printf (edges, "%s,%s,agency,,\n", owner_name, recipient_name);
      n++;
    }

  *agencies_path = g_build_filename (dir, "agencies.csv", NULL);
  *edges_path = g_build_filename (dir, "edges.csv", NULL);
  check (g_file_set_contents (*agencies_path, agencies->str, -1, &error), error);
  check (g_file_set_contents (*edges_path, edges->str, -1, &error), error);
}

/* Pools with listed members, and the derived scenario: 100 of the owners
 * with reads stop sharing with pools on 2019-03-08. */
static void
write_pools_and_derived (SlProject  *project,
                         const char *dir,
                         GString    *flat_edits)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) pools = g_string_new (NULL);
  g_autoptr(GString) derived = g_string_new (NULL);
  g_autofree char *pools_path = g_build_filename (dir, "pools.json", NULL);
  g_autofree char *derived_path = g_build_filename (dir, "derived.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSharingImport) result = NULL;

  g_string_append (pools, "{\"format\": \"sightline-sharing\", \"version\": 1, \"scenario\": {\"name\": \"pools\"},\n"
                          " \"pools\": [{\"name\": \"National pool\", \"declared_size\": 2000, "
                          "\"members_listed\": false, \"members\": [");
  for (guint i = 0; i < 600; i++)
    g_string_append_printf (pools, "%s\"Agency %04u PD\"", i == 0 ? "" : ", ", g_rand_int_range (rand, 1, 4951));
  g_string_append (pools, "]},\n {\"name\": \"Regional pool\", \"declared_size\": null, \"members_listed\": true, "
                          "\"members\": [");
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (pools, "%s\"Agency %04u PD\"", i == 0 ? "" : ", ", g_rand_int_range (rand, 1, 4951));
  g_string_append (pools, "]}]}\n");
  check (g_file_set_contents (pools_path, pools->str, -1, &error), error);
  result = sl_sharing_import (project, pools_path, SL_SHARING_FORMAT_JSON, NULL, NULL, &error);
  check (result != NULL, error);
  g_clear_pointer (&result, sl_sharing_import_free);

  g_string_append (derived, "{\"format\": \"sightline-sharing\", \"version\": 1,\n"
                            " \"scenario\": {\"name\": \"derived\", \"parent\": \"edges\"},\n \"edits\": [");
  for (guint i = 1; i <= 100; i++)
    {
      g_string_append_printf (derived, "%s\n  {\"op\": \"stop-pool-sharing\", \"owner\": \"Agency %04u PD\", "
                              "\"pool\": null, \"from\": \"2019-03-08\"}", i == 1 ? "" : ",", i);
      g_string_append_printf (flat_edits, "UPDATE sharing_edges SET valid_to = min (coalesce (valid_to, 1552003200), 1552003200) "
                              "WHERE scenario_id = (SELECT id FROM scenarios WHERE name = 'flat') AND recipient_pool_id IS NOT NULL "
                              "AND owner_id = (SELECT id FROM agencies WHERE name = 'Agency %04u PD');\n", i);
    }
  g_string_append (derived, "\n]}\n");
  check (g_file_set_contents (derived_path, derived->str, -1, &error), error);
  result = sl_sharing_import (project, derived_path, SL_SHARING_FORMAT_JSON, NULL, NULL, &error);
  check (result != NULL, error);
}

static int
compare_read_times (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = ((const SlVisRead *) a)->time, y = ((const SlVisRead *) b)->time;

  return x < y ? -1 : x > y;
}

static void
generate_reads (SlProject *project,
                guint      n_reads)
{
  sqlite3 *db = sl_project_get_db (project);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *plate = NULL, *read = NULL;
  guint n_plates = MAX (1, n_reads / READS_PER_PLATE);
  guint done = 0;
  g_autoptr(GArray) reads = g_array_sized_new (FALSE, FALSE, sizeof (SlVisRead), n_reads);

  /* Straight into the store's tables (0003-reads.sql), indexes built
   * after, as the store's importer does. */
  check (sl_project_exec (project,
                          "DROP INDEX reads_by_plate_time; DROP INDEX reads_by_agency_time;"
                          "DROP INDEX reads_by_cell_time; BEGIN;"
                          "INSERT INTO datasets (id, file_name, file_path, sha256, size_bytes, imported_at, "
                          " column_mapping, delimiter, time_zone) VALUES (1, 'bench', 'bench', "
                          " '0000000000000000000000000000000000000000000000000000000000000000', 0, 0, '{}', ',', 'UTC')",
                          &error), error);
  sqlite3_prepare_v2 (db, "INSERT INTO plates (id, plate) VALUES (?1, ?2)", -1, &plate, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO reads (plate_id, time, latitude, longitude, cell, agency_id, dataset_id) "
                          "VALUES (?1, ?2, 41.3, -72.9, 0, ?3, 1)", -1, &read, NULL);

  for (guint p = 1; p <= n_plates; p++)
    {
      char text[16];
      /* A vehicle moves among three owners' cameras. */
      guint owners[3] = { g_rand_int_range (rand, 1, N_READ_OWNERS + 1),
                          g_rand_int_range (rand, 1, N_READ_OWNERS + 1),
                          g_rand_int_range (rand, 1, N_READ_OWNERS + 1) };
      guint n = p == n_plates ? n_reads - done : MIN (READS_PER_PLATE, n_reads - done);

      g_snprintf (text, sizeof text, "P%07u", p);
      sqlite3_bind_int64 (plate, 1, p);
      sqlite3_bind_text (plate, 2, text, -1, SQLITE_STATIC);
      sqlite3_step (plate);
      sqlite3_reset (plate);

      for (guint r = 0; r < n; r++)
        {
          /* Agency ids are the generated order: "Agency 0001 PD" is 1. */
          SlVisRead generated = { p, YEAR_2018 + YEAR + g_rand_int_range (rand, 0, YEAR),
                                  owners[g_rand_int_range (rand, 0, 3)] };

          g_array_append_val (reads, generated);
        }
      done += n;
    }

  /* Stored in time order, as releases and imports arrive, not grouped by
   * plate: the per-plate index then points all over the table. */
  g_array_sort (reads, compare_read_times);
  for (guint i = 0; i < reads->len; i++)
    {
      SlVisRead *generated = &g_array_index (reads, SlVisRead, i);

      sqlite3_bind_int64 (read, 1, generated->plate_id);
      sqlite3_bind_int64 (read, 2, generated->time);
      sqlite3_bind_int64 (read, 3, generated->owner_id);
      if (sqlite3_step (read) != SQLITE_DONE)
        {
          g_printerr ("bench-sharing: %s\n", sqlite3_errmsg (db));
          exit (1);
        }
      sqlite3_reset (read);
    }

  sqlite3_finalize (plate);
  sqlite3_finalize (read);
  check (sl_project_exec (project, "COMMIT;"
                          "CREATE INDEX reads_by_plate_time ON reads (plate_id, time);"
                          "CREATE INDEX reads_by_agency_time ON reads (agency_id, time);"
                          "CREATE INDEX reads_by_cell_time ON reads (cell, time);"
                          "ANALYZE", &error), error);
}

/* The straightforward SQL: the time-windowed closure as a recursive CTE
 * from the owners in question, joined to the reads. */
static char *
sql_closure (const char *scenario,
             const char *owners)
{
  return g_strdup_printf (
    "WITH RECURSIVE chain (id) AS (SELECT id FROM scenarios WHERE name = '%s' "
    "  UNION ALL SELECT s.parent_id FROM scenarios AS s JOIN chain ON s.id = chain.id WHERE s.parent_id IS NOT NULL),"
    " g (src, dst, vf, vt) AS ("
    "  SELECT owner_id, coalesce (recipient_agency_id, %d + recipient_pool_id),"
    "   coalesce (valid_from, -9000000000000000000), coalesce (valid_to, 9000000000000000000)"
    "  FROM sharing_edges WHERE scenario_id IN chain AND kind = 'reads'"
    "  UNION ALL SELECT %d + pool_id, agency_id, -9000000000000000000, 9000000000000000000 FROM pool_members"
    "  UNION ALL SELECT %d + id, %d + id, -9000000000000000000, 9000000000000000000 FROM pools WHERE members_listed = 0),"
    " fwd (id) AS (SELECT id FROM agencies WHERE reshares = 1 UNION ALL SELECT %d + id FROM pools),"
    " owners (id) AS (%s),"
    " reach (owner, node, f, t) AS ("
    "  SELECT id, id, -9000000000000000000, 9000000000000000000 FROM owners"
    "  UNION SELECT r.owner, g.dst, max (r.f, g.vf), min (r.t, g.vt) FROM reach AS r JOIN g ON g.src = r.node"
    "  WHERE max (r.f, g.vf) < min (r.t, g.vt) AND (r.node = r.owner OR r.node IN fwd))",
    scenario, POOL_NODE, POOL_NODE, POOL_NODE, UNLISTED_NODE, POOL_NODE, owners);
}

#define SQL_VISIBLE \
  "FROM reads JOIN agencies AS o ON o.id = reads.agency_id JOIN reach ON reach.owner = reads.agency_id " \
  "WHERE (reach.node < %d OR reach.node >= %d) AND max (reads.time, reach.f) < " \
  "min (coalesce (reads.time + o.retention_days * 86400, 9000000000000000000), reach.t) "

static char *
sql_exposure (const char *scenario,
              const char *plate)
{
  g_autofree char *owners = g_strdup_printf ("SELECT DISTINCT agency_id FROM reads WHERE plate_id = "
                                             "(SELECT id FROM plates WHERE plate = '%s')", plate);
  g_autofree char *closure = sql_closure (scenario, owners);

  return g_strdup_printf ("%s SELECT reach.node, count (DISTINCT reads.id), min (max (reads.time, reach.f)) "
                          SQL_VISIBLE "AND reads.plate_id = (SELECT id FROM plates WHERE plate = '%s') "
                          "GROUP BY reach.node ORDER BY reach.node;\n",
                          closure, POOL_NODE, UNLISTED_NODE, plate);
}

static char *
sql_reach (const char *scenario)
{
  g_autofree char *closure = sql_closure (scenario, "SELECT DISTINCT agency_id FROM reads");

  return g_strdup_printf ("%s SELECT reach.node, count (DISTINCT reads.id), count (DISTINCT reads.plate_id) "
                          SQL_VISIBLE "GROUP BY reach.node ORDER BY reach.node;\n",
                          closure, POOL_NODE, UNLISTED_NODE);
}

/* Runs @sql with the sqlite3 shell; wall is -1 on timeout. */
static Timing
run_sqlite3 (const char  *db,
             const char  *dir,
             const char  *sql,
             char       **output)
{
  g_autofree char *script = g_build_filename (dir, "query.sql", NULL);
  g_autofree char *read_command = g_strdup_printf (".read %s", script);
  const char *argv[] = { "timeout", SQL_TIMEOUT, "sqlite3", "-readonly", "-csv", db, read_command, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *discard = NULL;
  int status = 0;
  Timing start, elapsed;

  check (g_file_set_contents (script, sql, -1, &error), error);
  start = timing_start ();
  check (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                       output != NULL ? output : &discard, NULL, &status, &error), error);
  elapsed = timing_since (start);
  if (!g_spawn_check_wait_status (status, NULL))
    elapsed.wall = -1;
  return elapsed;
}

static int
compare_timing (const void *a,
                const void *b)
{
  double x = ((const Timing *) a)->wall, y = ((const Timing *) b)->wall;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        Timing      timing,
        const char *target)
{
  printf ("%-52s %10.3f ms wall %10.3f ms CPU   (target %s)\n",
          what, timing.wall * 1000, timing.cpu * 1000, target);
}

/* SQL against engine, by CPU time. */
static void
report_peer (const char *what,
             Timing      sql,
             Timing      engine,
             const char *same)
{
  printf ("%-52s %10.3f ms wall %10.3f ms CPU   (SQL/engine CPU ratio %.0f×%s%s)\n",
          what, sql.wall * 1000, sql.cpu * 1000, sql.cpu / MAX (engine.cpu, 1e-6),
          same != NULL ? "; same rows: " : "", same != NULL ? same : "");
}

static int
compare_lines_by_id (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = g_ascii_strtoll (*(char * const *) a, NULL, 10);
  gint64 y = g_ascii_strtoll (*(char * const *) b, NULL, 10);

  return x < y ? -1 : x > y;
}

/* The engine's exposure of a plate as the SQL prints it: node,reads,first. */
static char *
engine_exposure_csv (SlProject    *project,
                     SlVisibility *vis,
                     const char   *plate)
{
  SlSharingNetwork *network = sl_visibility_get_network (vis);
  g_autoptr(GArray) reads = sl_sharing_load_plate_reads (project, plate, NULL);
  g_autoptr(GArray) rows = sl_visibility_exposure (vis, (SlVisRead *) reads->data, reads->len, SL_TIME_MAX);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      SlExposure *row = &g_array_index (rows, SlExposure, i);
      const SlSharingNode *node = sl_sharing_network_get_node (network, row->node);
      gint64 id = node->kind == SL_SHARING_NODE_UNLISTED ? UNLISTED_NODE + node->id : node->id;

      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT ",%u,%" G_GINT64_FORMAT "\n",
                                               id, row->n_reads, row->first));
    }
  /* The SQL orders by node id. */
  g_ptr_array_sort (lines, compare_lines_by_id);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* The engine's reach as the SQL prints it: node,reads,plates. */
static char *
engine_reach_csv (SlVisibility *vis,
                  SlReach      *reach)
{
  SlSharingNetwork *network = sl_visibility_get_network (vis);
  g_autoptr(GArray) rows = sl_reach_get_agencies (reach);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      SlReachAgency *row = &g_array_index (rows, SlReachAgency, i);
      const SlSharingNode *node = sl_sharing_network_get_node (network, row->node);
      gint64 id = node->kind == SL_SHARING_NODE_UNLISTED ? UNLISTED_NODE + node->id : node->id;

      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "\n",
                                               id, row->n_reads, row->n_plates));
    }
  g_ptr_array_sort (lines, compare_lines_by_id);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  const char *reads_env = g_getenv ("SL_BENCH_READS");
  guint n_reads = reads_env != NULL ? atoi (reads_env) : 10000000;
  g_autofree char *dir = g_dir_make_tmp ("sightline-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.sightline", NULL);
  g_autofree char *agencies_path = NULL, *edges_path = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlSharingImport) result = NULL;
  g_autoptr(SlSharingNetwork) network = NULL, derived = NULL;
  g_autoptr(SlVisibility) vis = NULL, vis_derived = NULL;
  g_autoptr(SlReach) reach = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) flat = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  Timing t, t_agencies, t_edges, t_load, t_closure, t_reach, t_plate, t_plate_diff, t_shell;
  Timing exposure[N_SAMPLES], diff[N_SAMPLES];
  Timing sql_exposure_s, sql_diff_s, sql_reach_s;
  guint n_plates = MAX (1, n_reads / READS_PER_PLATE);
  char plate[16];
  g_autofree char *sql = NULL, *sql_out = NULL, *engine_out = NULL;
  guint reachable = 0;

  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("Sightline sharing benchmark: %u agencies, %u edges, %u reads, %u plates\n",
          N_AGENCIES, N_EDGES, n_reads, n_plates);

  project = sl_project_open (db, SL_PROJECT_OPEN_CREATE, &error);
  check (project != NULL, error);
  write_network (dir, &agencies_path, &edges_path);

  t = timing_start ();
  result = sl_sharing_import (project, agencies_path, SL_SHARING_FORMAT_AGENCIES, NULL, NULL, &error);
  check (result != NULL, error);
  t_agencies = timing_since (t);
  g_clear_pointer (&result, sl_sharing_import_free);
  t = timing_start ();
  result = sl_sharing_import (project, edges_path, SL_SHARING_FORMAT_EDGES, "edges", NULL, &error);
  check (result != NULL, error);
  t_edges = timing_since (t);
  report ("import agency table (5,000 rows)", t_agencies, "-");
  report ("import edge list (40,000 edges)", t_edges, "< 2000 ms");

  write_pools_and_derived (project, dir, flat);
  /* The derived scenario flattened into plain edges, for the SQL. */
  check (sl_project_exec (project,
                          "INSERT INTO scenarios (name) VALUES ('flat');"
                          "INSERT INTO sharing_edges (scenario_id, owner_id, recipient_agency_id, recipient_pool_id, "
                          " kind, valid_from, valid_to, provenance) SELECT (SELECT id FROM scenarios WHERE name = 'flat'), "
                          " owner_id, recipient_agency_id, recipient_pool_id, kind, valid_from, valid_to, provenance "
                          " FROM sharing_edges WHERE scenario_id = (SELECT id FROM scenarios WHERE name = 'edges');",
                          &error), error);
  check (sl_project_exec (project, flat->str, &error), error);

  t = timing_start ();
  network = sl_sharing_network_load (project, "edges", &error);
  check (network != NULL, error);
  t_load = timing_since (t);
  vis = sl_visibility_new (network);
  t = timing_start ();
  sl_visibility_compute_all (vis);
  t_closure = timing_since (t);
  for (guint i = 1; i <= N_AGENCIES; i++)
    reachable += sl_visibility_count_reachable (vis, i);
  report ("load scenario (network from the project)", t_load, "-");
  report ("closure for all 5,000 owners", t_closure, "< 1000 ms");
  printf ("  (mean nodes reachable per owner: %.1f)\n", (double) reachable / N_AGENCIES);

  t = timing_start ();
  generate_reads (project, n_reads);
  printf ("%-52s %10.1f s wall\n", "generate reads (not a target)", timing_since (t).wall);

  derived = sl_sharing_network_load (project, "derived", &error);
  check (derived != NULL, error);
  vis_derived = sl_visibility_new (derived);

  /* Exposure and diff per plate, warm: each plate once, then measured. */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_rand_set_seed (rand, 3);
      for (guint i = 0; i < N_SAMPLES; i++)
        {
          g_autoptr(GArray) reads = NULL;
          g_autoptr(GArray) rows = NULL;
          g_autoptr(GArray) diffs = NULL;

          g_snprintf (plate, sizeof plate, "P%07u", g_rand_int_range (rand, 1, n_plates + 1));
          t = timing_start ();
          reads = sl_sharing_load_plate_reads (project, plate, &error);
          check (reads != NULL, error);
          rows = sl_visibility_exposure (vis, (SlVisRead *) reads->data, reads->len, SL_TIME_MAX);
          exposure[i] = timing_since (t);

          g_clear_pointer (&reads, g_array_unref);
          t = timing_start ();
          reads = sl_sharing_load_plate_reads (project, plate, &error);
          diffs = sl_sharing_diff_plate (vis_derived, vis, (SlVisRead *) reads->data, reads->len);
          diff[i] = timing_since (t);
        }
    }
  qsort (exposure, N_SAMPLES, sizeof (Timing), compare_timing);
  qsort (diff, N_SAMPLES, sizeof (Timing), compare_timing);
  report ("exposure, one plate, warm: median of 200 plates", exposure[N_SAMPLES / 2], "< 20 ms");
  report ("exposure, one plate, warm: slowest of 200", exposure[N_SAMPLES - 1], "< 20 ms");
  report ("diff, one plate, warm: median of 200 plates", diff[N_SAMPLES / 2], "< 50 ms");
  report ("diff, one plate, warm: slowest of 200", diff[N_SAMPLES - 1], "< 50 ms");

  reach = sl_reach_new (vis);
  t = timing_start ();
  check (sl_sharing_reach_all (project, reach, &error), error);
  t_reach = timing_since (t);
  report ("reach over all reads", t_reach, "< 15000 ms");

  /* The plain SQL peer on the last sampled plate, warm (second run),
   * against the engine on the same plate (mean of 20 warm runs). */
  t = timing_start ();
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GArray) reads = sl_sharing_load_plate_reads (project, plate, NULL);
      g_autoptr(GArray) rows = sl_visibility_exposure (vis, (SlVisRead *) reads->data, reads->len, SL_TIME_MAX);
    }
  t_plate = timing_since (t);
  t_plate.wall /= 20;
  t_plate.cpu /= 20;
  t = timing_start ();
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GArray) reads = sl_sharing_load_plate_reads (project, plate, NULL);
      g_autoptr(GArray) diffs = sl_sharing_diff_plate (vis_derived, vis, (SlVisRead *) reads->data, reads->len);
    }
  t_plate_diff = timing_since (t);
  t_plate_diff.wall /= 20;
  t_plate_diff.cpu /= 20;
  printf ("SQL peer on plate %s:\n", plate);
  report ("  engine: exposure of that plate, warm", t_plate, "< 20 ms");
  report ("  engine: diff of that plate, warm", t_plate_diff, "< 50 ms");
  t_shell = run_sqlite3 (db, dir, "SELECT 1;\n", NULL);
  report ("  sqlite3 shell start, SELECT 1 (included below)", t_shell, "-");

  sql = sql_exposure ("edges", plate);
  run_sqlite3 (db, dir, sql, NULL);
  sql_exposure_s = run_sqlite3 (db, dir, sql, &sql_out);
  engine_out = engine_exposure_csv (project, vis, plate);
  report_peer ("  SQL: exposure (recursive CTE, warm)", sql_exposure_s, t_plate,
               g_strcmp0 (sql_out, engine_out) == 0 ? "yes" : "NO");
  g_clear_pointer (&sql, g_free);
  {
    g_autofree char *a = sql_exposure ("flat", plate);
    g_autofree char *b = sql_exposure ("edges", plate);

    sql = g_strconcat (a, b, NULL);
  }
  sql_diff_s = run_sqlite3 (db, dir, sql, NULL);
  report_peer ("  SQL: both exposures of a diff (no comparing)", sql_diff_s, t_plate_diff, NULL);

  g_clear_pointer (&sql, g_free);
  sql = sql_reach ("edges");
  g_clear_pointer (&sql_out, g_free);
  sql_reach_s = run_sqlite3 (db, dir, sql, &sql_out);
  if (sql_reach_s.wall < 0)
    printf ("%-52s did not finish in %s s wall (%.1f s CPU): CPU ratio > %.0f×\n",
            "SQL: reach over all reads", SQL_TIMEOUT, sql_reach_s.cpu, sql_reach_s.cpu / t_reach.cpu);
  else
    {
      g_autofree char *engine_reach = engine_reach_csv (vis, reach);

      report_peer ("SQL: reach over all reads", sql_reach_s, t_reach,
                   g_strcmp0 (sql_out, engine_reach) == 0 ? "yes" : "NO");
    }

  g_clear_object (&project);
  if (g_getenv ("SL_BENCH_KEEP") != NULL)
    printf ("kept %s\n", db);
  else
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
  return 0;
}
