/* test-project-contents.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <utime.h>

#include "sl-demo-generator.h"
#include "sl-agency.h"
#include "sl-project-contents.h"
#include "sl-project-private.h"
#include "sl-read-cache.h"
#include "sl-test-utils.h"

/* Every read of a small generated demo, each agency's count as SQL counts
 * it, and the read set's agency index naming the read's agency. */
static void
test_contents_demo (void)
{
  g_autofree char *path = sl_test_temp_path ("demo.sightline");
  g_autoptr(SlDemoGenerator) generator = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlProjectContents) contents = NULL;
  g_autoptr(GHashTable) agency_of_read = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  const guint32 *ids;
  const guint8 *indexes;
  guint64 n_generated = 0;
  guint n_with_reads = 0;

  generator = sl_demo_generator_new (12, 3, 7, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_write_project (generator, path, g_get_user_data_dir (), &n_generated,
                                                 NULL, &error));
  g_assert_no_error (error);
  sl_demo_remove_csv (g_get_user_data_dir ());

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  contents = sl_project_contents_load (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contents);

  g_assert_true (contents->synthetic);
  /* The importer said the reads changed, once per imported file. */
  {
    g_autofree char *generation = sl_project_dup_meta (project, "reads-generation");

    g_assert_cmpstr (generation, ==, "1");
  }
  g_assert_cmpuint (sl_read_set_get_n_reads (contents->reads), ==, n_generated);
  g_assert_cmpuint (sl_read_set_get_n_reads (contents->reads), ==,
                    sl_test_query_int (project, "SELECT count(*) FROM reads"));
  g_assert_cmpuint (sl_read_set_get_n_reads (contents->reads), >, 0);

  /* The sidebar's list: every agency, those with reads first, by count. */
  g_assert_cmpuint (contents->agencies->len, ==, sl_test_query_int (project, "SELECT count(*) FROM agencies"));
  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project),
                                       "SELECT a.id, count(r.id) FROM agencies a "
                                       "LEFT JOIN reads r ON r.agency_id = a.id "
                                       "GROUP BY a.id ORDER BY count(r.id) DESC, a.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < contents->agencies->len; i++)
    {
      SlContentsAgency *agency = contents->agencies->pdata[i];

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (agency->id, ==, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpuint (agency->n_reads, ==, sqlite3_column_int64 (stmt, 1));
      if (agency->n_reads > 0)
        {
          /* The busiest agencies have the first, distinct colours. */
          g_assert_cmpuint (agency->index, ==, n_with_reads);
          n_with_reads++;
          g_assert_cmpint (g_array_index (contents->agency_ids, gint64, agency->index), ==, agency->id);
          g_assert_cmpstr (contents->agency_names[agency->index], ==, agency->name);
        }
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* Agencies without reads (ICE, the fusion centre) take no colour. */
  g_assert_cmpuint (n_with_reads, <, contents->agencies->len);
  g_assert_cmpuint (contents->agency_ids->len, ==, n_with_reads);
  g_assert_cmpuint (g_strv_length (contents->agency_names), ==, n_with_reads);
  g_assert_cmpuint (sl_read_set_get_n_agencies (contents->reads), ==, n_with_reads);

  /* Each read's index maps back to its own agency. */
  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT id, agency_id FROM reads",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (agency_of_read,
                         GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int64 (stmt, 1)));
  sqlite3_finalize (stmt);
  ids = sl_read_set_get_ids (contents->reads);
  indexes = sl_read_set_get_agencies (contents->reads);
  g_assert_cmpuint (g_hash_table_size (agency_of_read), ==, sl_read_set_get_n_reads (contents->reads));
  for (guint i = 0; i < sl_read_set_get_n_reads (contents->reads); i++)
    {
      gpointer agency_id;

      g_assert_true (g_hash_table_lookup_extended (agency_of_read, GUINT_TO_POINTER (ids[i]), NULL, &agency_id));
      g_assert_cmpint (g_array_index (contents->agency_ids, gint64, indexes[i]), ==, GPOINTER_TO_INT (agency_id));
    }

  /* One dataset (reads.csv), and the demo's scenarios in order. */
  g_assert_cmpuint (contents->datasets->len, ==, 1);
  g_assert_cmpstr (((SlContentsDataset *) contents->datasets->pdata[0])->file_name, ==, "reads.csv");
  g_assert_cmpint (((SlContentsDataset *) contents->datasets->pdata[0])->rows_imported, ==, n_generated);
  g_assert_cmpuint (contents->scenarios->len, ==, sl_demo_get_n_scenarios ());
  for (guint i = 0; i < contents->scenarios->len; i++)
    g_assert_cmpstr (((SlContentsScenario *) contents->scenarios->pdata[i])->name, ==,
                     sl_demo_get_scenario_name (i));

  g_clear_object (&project);
  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
test_contents_empty (void)
{
  g_autofree char *path = sl_test_temp_path ("empty.sightline");
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlProjectContents) contents = NULL;
  g_autoptr(GError) error = NULL;

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  contents = sl_project_contents_load (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (contents->synthetic);
  g_assert_true (sl_read_set_is_sealed (contents->reads));
  g_assert_cmpuint (sl_read_set_get_n_reads (contents->reads), ==, 0);
  g_assert_cmpuint (contents->agencies->len, ==, 0);
  g_assert_cmpuint (contents->agency_ids->len, ==, 0);
  g_assert_cmpuint (g_strv_length (contents->agency_names), ==, 0);
  g_assert_cmpuint (contents->datasets->len, ==, 0);
  g_assert_cmpuint (contents->scenarios->len, ==, 0);
}

/* 300 agencies with one read each, agency 300 with N_READS - 299: more
 * agencies than the read set has indexes, and enough reads to report
 * progress. */
#define N_READS 100000

static SlProject *
make_many_agencies_project (const char *path)
{
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_project_exec (project,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
    "INSERT INTO agencies (id, name, normalized_name) SELECT i, 'Agency ' || i, 'agency ' || i FROM n;"
    "INSERT INTO datasets (id, file_name, file_path, sha256, size_bytes, imported_at, column_mapping, "
    "                      delimiter, time_zone) "
    "VALUES (1, 'r.csv', '/r.csv', printf ('%064d', 0), 0, 0, '{}', ',', 'UTC');"
    "INSERT INTO plates (id, plate) VALUES (1, 'ABC123');"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
    "INSERT INTO reads (plate_id, time, latitude, longitude, cell, agency_id, dataset_id) "
    "SELECT 1, 1548000000 + i, 41.5, -72.7, 0, MIN (i, 300), 1 FROM n;",
    &error));
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

static void
count_progress (guint64  n_loaded,
                guint64  n_expected,
                gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (n_loaded, >, *last);
  g_assert_cmpuint (n_expected, ==, N_READS);
  *last = n_loaded;
}

static void
test_contents_many_agencies (void)
{
  g_autofree char *path = sl_test_temp_path ("many.sightline");
  g_autoptr(SlProject) project = make_many_agencies_project (path);
  g_autoptr(SlProjectContents) contents = NULL;
  g_autoptr(GError) error = NULL;
  guint64 last_progress = 0;
  guint n_other = 0;

  contents = sl_project_contents_load (project, count_progress, &last_progress, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (last_progress, ==,
                    (N_READS / SL_PROJECT_CONTENTS_PROGRESS_STEP) * SL_PROJECT_CONTENTS_PROGRESS_STEP);
  g_assert_cmpuint (last_progress, >, 0);
  g_assert_cmpuint (sl_read_set_get_n_reads (contents->reads), ==, N_READS);
  g_assert_cmpuint (sl_read_set_get_n_agencies (contents->reads), ==, SL_PROJECT_CONTENTS_MAX_AGENCIES);
  g_assert_cmpuint (contents->agency_ids->len, ==, SL_PROJECT_CONTENTS_MAX_AGENCIES);
  g_assert_cmpuint (g_strv_length (contents->agency_names), ==, SL_PROJECT_CONTENTS_MAX_AGENCIES);
  g_assert_cmpstr (contents->agency_names[0], ==, "Agency 1");
  g_assert_cmpstr (contents->agency_names[254], ==, "Agency 255");
  g_assert_cmpstr (contents->agency_names[255], ==, "Other agencies");
  g_assert_cmpint (g_array_index (contents->agency_ids, gint64, 255), ==, 0);

  /* Agency 300 has the most reads; counts stay per agency even where
   * agencies share the last index. */
  g_assert_cmpint (((SlContentsAgency *) contents->agencies->pdata[0])->id, ==, 300);
  g_assert_cmpuint (((SlContentsAgency *) contents->agencies->pdata[0])->n_reads, ==, N_READS - 299);
  for (guint i = 1; i < contents->agencies->len; i++)
    {
      SlContentsAgency *agency = contents->agencies->pdata[i];

      g_assert_cmpint (agency->id, ==, i);
      g_assert_cmpuint (agency->n_reads, ==, 1);
      g_assert_cmpuint (agency->index, ==, MIN (i - 1, 255));
      n_other += agency->index == 255;
    }
  /* Agencies 256 to 299 (and 300, first in the list). */
  g_assert_cmpuint (n_other, ==, 44);
}

/* The camera sites, found by visiting every read or kept in the cache. */
static guint
assert_same_sites (SlReadSet *a,
                   SlReadSet *b,
                   guint      min_reads)
{
  g_autoptr(GArray) sites_a = sl_read_set_collect_sites (a, min_reads);
  g_autoptr(GArray) sites_b = sl_read_set_collect_sites (b, min_reads);

  g_assert_cmpuint (sites_a->len, ==, sites_b->len);
  for (guint i = 0; i < sites_a->len; i++)
    {
      SlReadSite *x = &g_array_index (sites_a, SlReadSite, i), *y = &g_array_index (sites_b, SlReadSite, i);

      g_assert_cmpfloat (x->x, ==, y->x);
      g_assert_cmpfloat (x->y, ==, y->y);
      g_assert_cmpuint (x->n_reads, ==, y->n_reads);
      g_assert_cmpuint (x->n_reads, >=, min_reads);
      g_assert_cmpuint (x->agency, ==, y->agency);
      g_assert_cmpint (x->first_time, ==, y->first_time);
      g_assert_cmpint (x->last_time, ==, y->last_time);
    }
  return sites_a->len;
}

static void
assert_same_contents (SlProjectContents *a,
                      SlProjectContents *b)
{
  guint n = sl_read_set_get_n_reads (a->reads);
  gint64 first_a, first_b;
  guint hours_a, hours_b;
  const guint32 *hourly_a = sl_read_set_get_hourly_counts (a->reads, &first_a, &hours_a);
  const guint32 *hourly_b = sl_read_set_get_hourly_counts (b->reads, &first_b, &hours_b);
  SlMercatorRect bounds_a, bounds_b;

  g_assert_cmpuint (sl_read_set_get_n_reads (b->reads), ==, n);
  g_assert_cmpuint (sl_read_set_get_n_agencies (b->reads), ==, sl_read_set_get_n_agencies (a->reads));
  g_assert_cmpmem (sl_read_set_get_x (a->reads), 4 * n, sl_read_set_get_x (b->reads), 4 * n);
  g_assert_cmpmem (sl_read_set_get_y (a->reads), 4 * n, sl_read_set_get_y (b->reads), 4 * n);
  g_assert_cmpmem (sl_read_set_get_times (a->reads), 4 * n, sl_read_set_get_times (b->reads), 4 * n);
  g_assert_cmpmem (sl_read_set_get_agencies (a->reads), n, sl_read_set_get_agencies (b->reads), n);
  g_assert_cmpmem (sl_read_set_get_ids (a->reads), 4 * n, sl_read_set_get_ids (b->reads), 4 * n);
  g_assert_cmpint (first_a, ==, first_b);
  g_assert_cmpmem (hourly_a, 4 * hours_a, hourly_b, 4 * hours_b);
  g_assert_cmpint (sl_read_set_get_bounds (a->reads, &bounds_a), ==, n > 0);
  g_assert_cmpint (sl_read_set_get_bounds (b->reads, &bounds_b), ==, n > 0);
  if (n > 0)
    g_assert_cmpmem (&bounds_a, sizeof bounds_a, &bounds_b, sizeof bounds_b);
  for (guint level = 0; level < sl_read_set_get_n_levels (a->reads); level++)
    {
      guint size = 1u << (2 * (sl_read_set_get_n_levels (a->reads) - 1 - level));

      g_assert_cmpmem (sl_read_set_get_level_counts (a->reads, level), 4 * size,
                       sl_read_set_get_level_counts (b->reads, level), 4 * size);
    }
  assert_same_sites (a->reads, b->reads, SL_READ_SET_MIN_SITE_READS);
  assert_same_sites (a->reads, b->reads, 60);
  assert_same_sites (a->reads, b->reads, 1);

  g_assert_cmpmem (a->agency_ids->data, 8 * a->agency_ids->len, b->agency_ids->data, 8 * b->agency_ids->len);
  g_assert_cmpstrv (a->agency_names, b->agency_names);
  g_assert_cmpuint (a->agencies->len, ==, b->agencies->len);
  for (guint i = 0; i < a->agencies->len; i++)
    {
      SlContentsAgency *x = a->agencies->pdata[i], *y = b->agencies->pdata[i];

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->n_reads, ==, y->n_reads);
      g_assert_cmpuint (x->index, ==, y->index);
    }
}

static SlProjectContents *
load_contents (SlProject *project,
               gboolean   from_cache)
{
  g_autoptr(GError) error = NULL;
  SlProjectContents *contents = sl_project_contents_load (project, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (contents->reads_from_cache, ==, from_cache);
  return contents;
}

/* The read cache gives exactly what the scan gives; a damaged cache file
 * (in its header, its stamp, its reads, its index, cut short or grown) is
 * refused and the reads scanned again; a changed project makes it stale. */
static void
test_contents_read_cache (void)
{
  g_autofree char *path = sl_test_temp_path ("cached.sightline");
  g_autoptr(SlProject) project = make_many_agencies_project (path);
  g_autoptr(SlProjectContents) scan = NULL;
  g_autoptr(SlProjectContents) cached = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = sl_project_contents_dup_cache_path (project);
  g_autofree char *good = NULL;
  gsize size;
  /* Header; stamp (4 KiB in); x (8 KiB in, past the agencies' page);
   * the middle; the last byte (the hourly counts or their padding). */
  gsize places[5];

  g_assert_true (g_str_has_prefix (cache_path, g_get_user_cache_dir ()));
  /* The scan sorts the reads into the cache file: saving them is nothing
   * to do. */
  scan = load_contents (project, FALSE);
  g_assert_true (scan->reads_kept);
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_EXISTS));
  g_assert_true (sl_project_contents_save_cache (scan, &error));
  g_assert_no_error (error);
  /* Saving what came from the cache is nothing to do either. */
  cached = load_contents (project, TRUE);
  g_assert_true (cached->reads_kept);
  assert_same_contents (scan, cached);
  g_assert_true (sl_project_contents_save_cache (cached, &error));
  g_clear_pointer (&cached, sl_project_contents_free);

  g_assert_true (g_file_get_contents (cache_path, &good, &size, &error));
  g_assert_no_error (error);
  places[0] = 40;
  places[1] = 4096;
  places[2] = 3 * 4096 + 17;
  places[3] = size / 2;
  places[4] = size - 1;
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *bad = g_memdup2 (good, size);

      g_test_message ("byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " flipped", places[i], size);
      bad[places[i]] ^= 0x10;
      g_assert_true (g_file_set_contents (cache_path, bad, size, &error));
      cached = load_contents (project, FALSE);
      assert_same_contents (scan, cached);
      g_clear_pointer (&cached, sl_project_contents_free);
    }
  g_assert_true (g_file_set_contents (cache_path, good, size - 4096, &error));
  cached = load_contents (project, FALSE);
  g_clear_pointer (&cached, sl_project_contents_free);
  {
    g_autofree char *longer = g_malloc0 (size + 4096);

    memcpy (longer, good, size);
    g_assert_true (g_file_set_contents (cache_path, longer, size + 4096, &error));
    cached = load_contents (project, FALSE);
    g_clear_pointer (&cached, sl_project_contents_free);
  }
  g_assert_true (g_file_set_contents (cache_path, "", 0, &error));
  cached = load_contents (project, FALSE);
  g_clear_pointer (&cached, sl_project_contents_free);

  /* Good again, then stale: the importer's generation moved on. */
  g_assert_true (g_file_set_contents (cache_path, good, size, &error));
  cached = load_contents (project, TRUE);
  g_clear_pointer (&cached, sl_project_contents_free);
  g_assert_true (sl_project_contents_note_reads_changed (project, &error));
  g_assert_no_error (error);
  cached = load_contents (project, FALSE);
  assert_same_contents (scan, cached);
  g_assert_true (sl_project_contents_save_cache (cached, &error));
  g_clear_pointer (&cached, sl_project_contents_free);
  cached = load_contents (project, TRUE);
  g_clear_pointer (&cached, sl_project_contents_free);

  /* Stale too: two agencies merged, so some reads changed owner. */
  g_assert_true (sl_agency_merge (project, 1, 2, &error));
  g_assert_no_error (error);
  cached = load_contents (project, FALSE);
  g_assert_true (sl_project_contents_save_cache (cached, &error));
  g_clear_pointer (&cached, sl_project_contents_free);
  cached = load_contents (project, TRUE);
  g_clear_pointer (&cached, sl_project_contents_free);

  /* Stale too: a read added behind Sightline's back (its id is new). */
  g_assert_true (sl_project_exec (project,
                                  "INSERT INTO reads (plate_id, time, latitude, longitude, cell, agency_id, dataset_id) "
                                  "VALUES (1, 1548000000, 41.6, -72.6, 0, 1, 1)", &error));
  g_assert_no_error (error);
  cached = load_contents (project, FALSE);
  g_assert_cmpuint (sl_read_set_get_n_reads (cached->reads), ==, N_READS + 1);
}


static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The names in @dir, sorted, joined by spaces ("" when it is empty or
 * missing). */
static char *
dup_dir_listing (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A project of @n_reads reads over 5 agencies, busiest not first by id
 * (so ranking renumbers them), half of them at 20 camera sites, at times
 * that repeat (reads share hours), every 97th id deleted (ids with
 * gaps). */
static SlProject *
make_spread_project (const char *path,
                     guint       n_reads)
{
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) "
    "INSERT INTO agencies (id, name, normalized_name) SELECT i, 'Agency ' || i, 'agency ' || i FROM n;"
    "INSERT INTO datasets (id, file_name, file_path, sha256, size_bytes, imported_at, column_mapping, "
    "                      delimiter, time_zone) "
    "VALUES (1, 'r.csv', '/r.csv', printf ('%%064d', 0), 0, 0, '{}', ',', 'UTC');"
    "INSERT INTO plates (id, plate) VALUES (1, 'ABC123');"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
    "INSERT INTO reads (plate_id, time, latitude, longitude, cell, agency_id, dataset_id) "
    "SELECT 1, 1548000000 + (i * 7919) %% 500000, "
    "       CASE WHEN i %% 2 = 0 THEN 41.2 + (i %% 40) / 100.0 ELSE 41.0 + ((i * 31) %% 977) / 1000.0 END, "
    "       CASE WHEN i %% 2 = 0 THEN -73.1 + (i %% 40) / 50.0 ELSE -73.7 + ((i * 17) %% 1999) / 1000.0 END, "
    "       0, 1 + (i * i) %% 5, 1 FROM n;"
    "DELETE FROM reads WHERE id %% 97 = 0 AND id > 1;",
    n_reads);

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (n_reads > 0)
    g_assert_true (sl_project_exec (project, sql, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

/* The read set sorted straight into the cache file is the one sealed in
 * memory, array for array, and its file is the one sl_read_cache_save()
 * writes of that, byte for byte; no spill or temporary file is left. The
 * cache directory is made unwritable with a plain file in its place
 * (permissions do not stop root). */
static void
test_contents_built_in_file (void)
{
  const guint sizes[] = { 0, 1, 4000 };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autofree char *name = g_strdup_printf ("built-%u.sightline", sizes[k]);
      g_autofree char *path = sl_test_temp_path (name);
      g_autoptr(SlProject) project = make_spread_project (path, sizes[k]);
      g_autofree char *cache_path = sl_project_contents_dup_cache_path (project);
      g_autofree char *dir = g_path_get_dirname (cache_path);
      g_autofree char *base = g_path_get_basename (cache_path);
      g_autoptr(SlProjectContents) in_memory = NULL;
      g_autoptr(SlProjectContents) in_file = NULL;
      g_autofree char *saved = NULL;
      g_autofree char *built = NULL;
      g_autofree char *listing = NULL;
      gsize saved_size, built_size;
      g_autoptr(GError) error = NULL;

      g_test_message ("%u reads", sizes[k]);
      sl_test_remove_tree (dir);
      {
        g_autofree char *parent = g_path_get_dirname (dir);

        g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      }
      g_assert_true (g_file_set_contents (dir, "", 0, &error));
      in_memory = load_contents (project, FALSE);
      g_assert_false (in_memory->reads_kept);
      /* Still unwritable: saving fails, and says where. */
      g_assert_false (sl_project_contents_save_cache (in_memory, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
      g_assert_true (strstr (error->message, cache_path) != NULL);
      g_clear_error (&error);

      g_assert_cmpint (g_remove (dir), ==, 0);
      g_assert_true (sl_project_contents_save_cache (in_memory, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (cache_path, &saved, &saved_size, &error));
      g_assert_cmpint (g_remove (cache_path), ==, 0);

      in_file = load_contents (project, FALSE);
      g_assert_true (in_file->reads_kept);
      g_assert_cmpuint (sl_read_set_get_n_reads (in_file->reads), ==,
                        sl_test_query_int (project, "SELECT count(*) FROM reads"));
      assert_same_contents (in_memory, in_file);
      g_assert_cmpuint (assert_same_sites (in_memory->reads, in_file->reads, SL_READ_SET_MIN_SITE_READS), ==,
                        sizes[k] > 1 ? 20 : 0);
      g_assert_true (g_file_get_contents (cache_path, &built, &built_size, &error));
      g_assert_cmpmem (built, built_size, saved, saved_size);
      listing = dup_dir_listing (dir);
      g_assert_cmpstr (listing, ==, base);
    }
}

/* Writing the cache file fails at its very end (its name is taken by a
 * directory): the reads are scanned again into memory, and the new file's
 * temporary leaves no trace. */
static void
test_contents_build_fails (void)
{
  g_autofree char *path = sl_test_temp_path ("fails.sightline");
  g_autoptr(SlProject) project = make_spread_project (path, 3000);
  g_autofree char *cache_path = sl_project_contents_dup_cache_path (project);
  g_autofree char *dir = g_path_get_dirname (cache_path);
  g_autofree char *base = g_path_get_basename (cache_path);
  g_autofree char *blocker = g_build_filename (cache_path, "x", NULL);
  g_autoptr(SlProjectContents) in_memory = NULL;
  g_autoptr(SlProjectContents) in_file = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (cache_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, &error));
  in_memory = load_contents (project, FALSE);
  g_assert_false (in_memory->reads_kept);
  listing = dup_dir_listing (dir);
  g_assert_cmpstr (listing, ==, base);

  g_assert_cmpint (g_remove (blocker), ==, 0);
  g_assert_cmpint (g_remove (cache_path), ==, 0);
  in_file = load_contents (project, FALSE);
  g_assert_true (in_file->reads_kept);
  assert_same_contents (in_memory, in_file);
}

/* The builder sorting in windows of 1 to more reads than there are (one
 * pass per window, the last one short) makes the file that sealing in
 * memory and sl_read_cache_save() make, byte for byte, with the agencies
 * renumbered on the way. */
static void
test_contents_build_in_passes (void)
{
  const guint n = 5003;
  const guint8 map[] = { 2, 0, 3, 1 };
  const gsize windows[] = { 17, 17 * 700, 17 * n, 17 * (n + 1) };
  g_autofree char *heap_path = sl_test_temp_path ("heap.reads");
  g_autoptr(GArray) agencies = g_array_new (FALSE, TRUE, sizeof (SlReadCacheAgency));
  g_autoptr(SlReadSet) heap = sl_read_set_new (16);
  g_autofree char *saved = NULL;
  gsize saved_size;
  g_autoptr(GError) error = NULL;
  SlReadCacheAgency agency = { 7, n, 0, 0 };

  g_array_append_val (agencies, agency);
  for (guint i = 0; i < n; i++)
    sl_read_set_append (heap, 10 + 3 * i, 41.0 + (i % 11) / 1000.0, -73.7 + (i % 7) / 1000.0,
                        1548000000 + i * 7919 % 500000, i % 4);
  sl_read_set_remap_agencies (heap, map, G_N_ELEMENTS (map));
  sl_read_set_seal (heap);
  g_assert_true (sl_read_cache_save (heap_path, "stamp", heap, agencies, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (heap_path, &saved, &saved_size, &error));

  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      g_autofree char *path = sl_test_temp_path ("built.reads");
      g_autoptr(SlReadCacheBuilder) builder = sl_read_cache_builder_new (path, windows[w], &error);
      g_autoptr(SlReadSet) built = NULL;
      g_autofree char *bytes = NULL;
      gsize size;

      g_assert_no_error (error);
      for (guint i = 0; i < n; i++)
        sl_read_cache_builder_append (builder, 10 + 3 * i, 41.0 + (i % 11) / 1000.0,
                                      -73.7 + (i % 7) / 1000.0, 1548000000 + i * 7919 % 500000, i % 4);
      built = sl_read_cache_builder_finish (builder, "stamp", map, G_N_ELEMENTS (map), agencies, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sl_read_set_get_n_reads (built), ==, n);
      g_assert_cmpuint (sl_read_set_get_n_agencies (built), ==, 4);
      g_assert_cmpmem (sl_read_set_get_ids (built), 4 * n, sl_read_set_get_ids (heap), 4 * n);
      g_assert_cmpmem (sl_read_set_get_agencies (built), n, sl_read_set_get_agencies (heap), n);
      /* 11 × 7 positions. */
      g_assert_cmpuint (assert_same_sites (heap, built, SL_READ_SET_MIN_SITE_READS), ==, 77);
      g_assert_true (g_file_get_contents (path, &bytes, &size, &error));
      g_assert_cmpmem (bytes, size, saved, saved_size);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
}

/* A file of @size bytes in @dir, last modified @days_ago days before
 * @now. */
static void
write_aged_file (const char *dir,
                 const char *name,
                 gsize       size,
                 gint64      now,
                 guint       days_ago)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *bytes = g_malloc0 (size);
  struct utimbuf times = { now - days_ago * 86400, now - days_ago * 86400 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, bytes, size, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* Unused for 30 days: removed; then least recently used first while the
 * directory holds too much, never the file just written, even when it is
 * the oldest; writers' temporaries older than a day; nothing else. */
static void
test_contents_evict (void)
{
  g_autofree char *dir = sl_test_temp_path ("read-sets");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *keep = g_build_filename (dir, "keep.reads", NULL);
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_aged_file (dir, "old.reads", 100, now, 31);
  write_aged_file (dir, "b.reads", 300, now, 10);
  write_aged_file (dir, "c.reads", 300, now, 5);
  write_aged_file (dir, "d.reads", 300, now, 3);
  write_aged_file (dir, "keep.reads", 200, now, 40);
  write_aged_file (dir, "crashed.reads.Ab12Cd", 100, now, 2);
  write_aged_file (dir, "writing.reads.Ef34Gh", 100, now, 0);
  write_aged_file (dir, "notes.txt", 100, now, 400);

  /* 1100 bytes of cache files left after the old one; b then c go. */
  g_assert_cmpuint (sl_read_cache_evict (dir, keep, 30 * 86400, 600, now), ==, 4);
  listing = dup_dir_listing (dir);
  g_assert_cmpstr (listing, ==, "d.reads keep.reads notes.txt writing.reads.Ef34Gh");
  g_clear_pointer (&listing, g_free);

  /* Under the cap: only age counts. */
  g_assert_cmpuint (sl_read_cache_evict (dir, NULL, 2 * 86400, 1000, now), ==, 2);
  listing = dup_dir_listing (dir);
  g_assert_cmpstr (listing, ==, "notes.txt writing.reads.Ef34Gh");
}

/* Opening a project marks its cache file used; writing one evicts. */
static void
test_contents_cache_use (void)
{
  g_autofree char *path = sl_test_temp_path ("used.sightline");
  g_autoptr(SlProject) project = make_spread_project (path, 50);
  g_autofree char *cache_path = sl_project_contents_dup_cache_path (project);
  g_autofree char *dir = g_path_get_dirname (cache_path);
  g_autofree char *base = g_path_get_basename (cache_path);
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  struct utimbuf long_ago = { now - 60 * 86400, now - 60 * 86400 };
  SlProjectContents *contents;
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_aged_file (dir, "forgotten.reads", 100, now, 31);
  write_aged_file (dir, "recent.reads", 100, now, 29);
  contents = load_contents (project, FALSE);
  sl_project_contents_free (contents);
  listing = dup_dir_listing (dir);
  expected = g_strconcat (base, " recent.reads", NULL);
  g_assert_cmpstr (listing, ==, expected);

  g_assert_cmpint (g_utime (cache_path, &long_ago), ==, 0);
  contents = load_contents (project, TRUE);
  sl_project_contents_free (contents);
  g_assert_cmpint (g_stat (cache_path, &st), ==, 0);
  g_assert_cmpint (st.st_mtime, >=, now);
}

static void
cancel_on_progress (guint64  n_loaded,
                    guint64  n_expected,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Closed while scanning (caught between batches of reads) or while
 * sorting into the file (between passes, after the scan's last check):
 * no cache file, no temporary left behind. */
static void
test_contents_cancelled (void)
{
  g_autofree char *path = sl_test_temp_path ("cancelled.sightline");
  g_autoptr(SlProject) project = make_many_agencies_project (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SlProjectContents *contents;

  g_autofree char *cache_path = sl_project_contents_dup_cache_path (project);
  g_autofree char *dir = g_path_get_dirname (cache_path);
  g_autofree char *listing = NULL;

  g_cancellable_cancel (cancellable);
  contents = sl_project_contents_load (project, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (contents);
  listing = dup_dir_listing (dir);
  g_assert_cmpstr (listing, ==, "");
  g_clear_pointer (&listing, g_free);
  g_clear_error (&error);

  /* N_READS is below two progress steps: the scan's one check passes. */
  g_cancellable_reset (cancellable);
  contents = sl_project_contents_load (project, cancel_on_progress, cancellable, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (contents);
  listing = dup_dir_listing (dir);
  g_assert_cmpstr (listing, ==, "");

  /* The read transaction was ended: the project still writes. */
  g_clear_error (&error);
  g_assert_true (sl_project_set_meta (project, "name", "After", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/project-contents/demo", test_contents_demo);
  g_test_add_func ("/project-contents/empty", test_contents_empty);
  g_test_add_func ("/project-contents/many-agencies", test_contents_many_agencies);
  g_test_add_func ("/project-contents/cancelled", test_contents_cancelled);
  g_test_add_func ("/project-contents/read-cache", test_contents_read_cache);
  g_test_add_func ("/project-contents/built-in-file", test_contents_built_in_file);
  g_test_add_func ("/project-contents/build-fails", test_contents_build_fails);
  g_test_add_func ("/project-contents/build-in-passes", test_contents_build_in_passes);
  g_test_add_func ("/project-contents/evict", test_contents_evict);
  g_test_add_func ("/project-contents/cache-use", test_contents_cache_use);

  return g_test_run ();
}
