/* sl-project-contents.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-project-contents"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-project-contents.h"
#include "sl-project-private.h"
#include "sl-read-cache.h"

/* project_meta key: a number the importer raises in every transaction that
 * changes the reads table (see the read cache below). */
#define READS_GENERATION_KEY "reads-generation"

/* Agency ids up to this are mapped through a plain array; beyond it (only a
 * hand-edited project has such ids) through a hash table. */
#define DIRECT_AGENCY_IDS (1 << 20)
#define NO_SLOT G_MAXUINT16

/* The heap for sorting reads into the read cache: one window of the sorted
 * order, a million reads, so the first open of a large project stays near
 * a cached open's memory (see sl_read_cache_builder_new()). */
#define CACHE_WINDOW_BYTES (17u << 20)

static void
agency_free (SlContentsAgency *agency)
{
  g_free (agency->name);
  g_free (agency);
}

static void
dataset_free (SlContentsDataset *dataset)
{
  g_free (dataset->file_name);
  g_free (dataset->file_path);
  g_free (dataset->sha256);
  g_free (dataset->owner_agency);
  g_free (dataset);
}

static void
scenario_free (SlContentsScenario *scenario)
{
  g_free (scenario->name);
  g_free (scenario->description);
  g_free (scenario->parent);
  g_free (scenario);
}

static void
sl_project_contents_clear (SlProjectContents *contents)
{
  g_clear_pointer (&contents->reads, sl_read_set_unref);
  g_clear_pointer (&contents->agency_ids, g_array_unref);
  g_clear_pointer (&contents->agency_names, g_strfreev);
  g_clear_pointer (&contents->agencies, g_ptr_array_unref);
  g_clear_pointer (&contents->datasets, g_ptr_array_unref);
  g_clear_pointer (&contents->scenarios, g_ptr_array_unref);
  g_free (contents->cache_path);
  g_free (contents->cache_stamp);
}

/**
 * sl_project_contents_ref:
 *
 * Contents are read-only once loaded, so a worker may keep a reference
 * (e.g. to write the read cache) while the window moves on.
 *
 * Returns: @contents
 */
SlProjectContents *
sl_project_contents_ref (SlProjectContents *contents)
{
  return g_atomic_rc_box_acquire (contents);
}

/**
 * sl_project_contents_free:
 *
 * Drops a reference; the last frees the contents.
 */
void
sl_project_contents_free (SlProjectContents *contents)
{
  if (contents == NULL)
    return;

  g_atomic_rc_box_release_full (contents, (GDestroyNotify) sl_project_contents_clear);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static sqlite3_stmt *
prepare (SlProject   *project,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return NULL;
    }
  return stmt;
}

/* Steps @stmt to its end; a failure sets @error. */
static gboolean
finish (SlProject     *project,
        sqlite3_stmt  *stmt,
        int            rc,
        const char    *what,
        GError       **error)
{
  if (rc != SQLITE_DONE)
    sl_project_set_error (project, error, what);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* Every agency (with no reads counted yet), in id order. */
static GPtrArray *
load_agencies (SlProject  *project,
               GError    **error)
{
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) agency_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (project, "SELECT id, name FROM agencies ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlContentsAgency *agency = g_new0 (SlContentsAgency, 1);

      agency->id = sqlite3_column_int64 (stmt, 0);
      agency->name = dup_column_text (stmt, 1);
      g_ptr_array_add (agencies, agency);
    }
  if (!finish (project, stmt, rc, "agencies", error))
    return NULL;
  return g_steal_pointer (&agencies);
}

static GPtrArray *
load_datasets (SlProject  *project,
               GError    **error)
{
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func ((GDestroyNotify) dataset_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (project,
                  "SELECT d.id, d.file_name, d.file_path, d.sha256, d.imported_at, d.rows_imported, "
                  "       d.rows_skipped, d.rows_duplicate, a.name "
                  "FROM datasets d LEFT JOIN agencies a ON a.id = d.owner_agency_id ORDER BY d.id",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlContentsDataset *dataset = g_new0 (SlContentsDataset, 1);

      dataset->id = sqlite3_column_int64 (stmt, 0);
      dataset->file_name = dup_column_text (stmt, 1);
      dataset->file_path = dup_column_text (stmt, 2);
      dataset->sha256 = dup_column_text (stmt, 3);
      dataset->imported_at = sqlite3_column_int64 (stmt, 4);
      dataset->rows_imported = sqlite3_column_int64 (stmt, 5);
      dataset->rows_skipped = sqlite3_column_int64 (stmt, 6);
      dataset->rows_duplicate = sqlite3_column_int64 (stmt, 7);
      dataset->owner_agency = dup_column_text (stmt, 8);
      g_ptr_array_add (datasets, dataset);
    }
  if (!finish (project, stmt, rc, "datasets", error))
    return NULL;
  return g_steal_pointer (&datasets);
}

static GPtrArray *
load_scenarios (SlProject  *project,
                GError    **error)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) scenario_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (project,
                  "SELECT s.id, s.name, s.description, p.name "
                  "FROM scenarios s LEFT JOIN scenarios p ON p.id = s.parent_id ORDER BY s.id",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlContentsScenario *scenario = g_new0 (SlContentsScenario, 1);

      scenario->id = sqlite3_column_int64 (stmt, 0);
      scenario->name = dup_column_text (stmt, 1);
      scenario->description = dup_column_text (stmt, 2);
      scenario->parent = dup_column_text (stmt, 3);
      g_ptr_array_add (scenarios, scenario);
    }
  if (!finish (project, stmt, rc, "scenarios", error))
    return NULL;
  return g_steal_pointer (&scenarios);
}

/* Agency id → position in the agencies array, through an array when the
 * ids are small (always, for projects Sightline made). */
typedef struct
{
  guint16    *direct;
  gint64      n_direct;
  GHashTable *sparse;
} AgencyMap;

static void
agency_map_init (AgencyMap *map,
                 GPtrArray *agencies)
{
  gint64 max_id = 0;

  for (guint i = 0; i < agencies->len; i++)
    max_id = MAX (max_id, ((SlContentsAgency *) agencies->pdata[i])->id);

  if (max_id < DIRECT_AGENCY_IDS)
    {
      map->n_direct = max_id + 1;
      map->direct = g_new (guint16, map->n_direct);
      for (gint64 id = 0; id < map->n_direct; id++)
        map->direct[id] = NO_SLOT;
    }
  else
    {
      map->sparse = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }

  for (guint i = 0; i < agencies->len; i++)
    {
      gint64 id = ((SlContentsAgency *) agencies->pdata[i])->id;

      if (map->direct != NULL && id >= 0)
        map->direct[id] = i;
      else if (map->sparse != NULL)
        g_hash_table_insert (map->sparse, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i + 1));
    }
}

static inline guint
agency_map_lookup (AgencyMap *map,
                   gint64     id)
{
  if (map->direct != NULL)
    return id >= 0 && id < map->n_direct ? map->direct[id] : NO_SLOT;
  return GPOINTER_TO_UINT (g_hash_table_lookup (map->sparse, &id)) - 1;
}

static void
agency_map_clear (AgencyMap *map)
{
  g_clear_pointer (&map->direct, g_free);
  g_clear_pointer (&map->sparse, g_hash_table_unref);
}

static int
compare_agencies (gconstpointer a,
                  gconstpointer b)
{
  const SlContentsAgency *x = *(SlContentsAgency **) a;
  const SlContentsAgency *y = *(SlContentsAgency **) b;

  if (x->n_reads != y->n_reads)
    return x->n_reads > y->n_reads ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Renumbers the agencies by read count, busiest first, so the busiest get
 * the palette's distinct colours (it repeats after a dozen); the shared
 * "Other agencies" index stays last. Sorts the agency list too; @map is
 * for the reads (sl_read_set_remap_agencies()). */
static void
rank_by_count (SlProjectContents *contents,
               GPtrArray         *names,
               guint8             map[SL_PROJECT_CONTENTS_MAX_AGENCIES])
{
  guint n_indexes = contents->agency_ids->len;
  gboolean has_other = n_indexes == SL_PROJECT_CONTENTS_MAX_AGENCIES;
  g_autoptr(GPtrArray) old_names = g_ptr_array_copy (names, NULL, NULL);
  g_autoptr(GArray) old_ids = g_array_copy (contents->agency_ids);
  guint rank = 0;

  /* The copy must not free the names it shares with @names. */
  g_ptr_array_set_free_func (old_names, NULL);
  g_ptr_array_sort (contents->agencies, compare_agencies);
  for (guint i = 0; i < contents->agencies->len; i++)
    {
      SlContentsAgency *agency = contents->agencies->pdata[i];

      if (agency->n_reads == 0 || (has_other && agency->index == SL_PROJECT_CONTENTS_MAX_AGENCIES - 1))
        continue;
      map[agency->index] = rank;
      agency->index = rank++;
    }
  if (has_other)
    map[SL_PROJECT_CONTENTS_MAX_AGENCIES - 1] = SL_PROJECT_CONTENTS_MAX_AGENCIES - 1;

  for (guint old = 0; old < n_indexes; old++)
    {
      /* The array owns the strings: move them, do not free. */
      names->pdata[map[old]] = old_names->pdata[old];
      g_array_index (contents->agency_ids, gint64, map[old]) = g_array_index (old_ids, gint64, old);
    }
}

/* The reads, in one pass over the table in rowid order (no sort, no index),
 * into @builder or else a read set in memory (not sealed). Each agency
 * gets the next read-set index when its first read appears, so agencies
 * without reads take no colour; rank_by_count() renumbers them at the end,
 * giving @map. */
static gboolean
load_reads (SlProject               *project,
            SlProjectContents       *contents,
            SlReadCacheBuilder      *builder,
            guint8                   map[SL_PROJECT_CONTENTS_MAX_AGENCIES],
            SlContentsProgressFunc   progress,
            gpointer                 user_data,
            GCancellable            *cancellable,
            GError                 **error)
{
  AgencyMap agency_map = { 0 };
  g_autofree guint16 *slots = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 max_id = 0;
  guint64 n_loaded = 0;
  guint n_slots = 0;
  int rc;

  /* The largest rowid is a lookup in the table's b-tree, and the number of
   * reads when none were ever deleted: the capacity and progress total. */
  stmt = prepare (project, "SELECT max(id) FROM reads", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    max_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (max_id > G_MAXUINT32)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, max_id);

      g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_FAILED,
                   _("%s: table reads: read id %s is larger than Sightline can show (at most %u)"),
                   sl_project_get_path (project), id, G_MAXUINT32);
      return FALSE;
    }

  if (builder == NULL)
    contents->reads = sl_read_set_new (MAX (max_id, 1));
  agency_map_init (&agency_map, contents->agencies);
  slots = g_new (guint16, MAX (contents->agencies->len, 1));
  for (guint i = 0; i < contents->agencies->len; i++)
    slots[i] = NO_SLOT;

  stmt = prepare (project, "SELECT id, latitude, longitude, time, agency_id FROM reads ORDER BY id", error);
  if (stmt == NULL)
    {
      agency_map_clear (&agency_map);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 read_id = sqlite3_column_int64 (stmt, 0);
      double latitude = sqlite3_column_double (stmt, 1);
      double longitude = sqlite3_column_double (stmt, 2);
      gint64 time = sqlite3_column_int64 (stmt, 3);
      gint64 agency_id = sqlite3_column_int64 (stmt, 4);
      guint position = agency_map_lookup (&agency_map, agency_id);
      SlContentsAgency *agency;

      /* The foreign key makes this impossible unless it was turned off
       * while the file was edited by hand. */
      if (position == NO_SLOT)
        {
          g_autofree char *read_text = g_strdup_printf ("%" G_GINT64_FORMAT, read_id);
          g_autofree char *bad_id = g_strdup_printf ("%" G_GINT64_FORMAT, agency_id);

          g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_CORRUPT,
                       _("%s: table reads: read %s: field agency_id: no agency has id %s"),
                       sl_project_get_path (project), read_text, bad_id);
          sqlite3_finalize (stmt);
          agency_map_clear (&agency_map);
          return FALSE;
        }

      agency = contents->agencies->pdata[position];
      if (slots[position] == NO_SLOT)
        {
          slots[position] = MIN (n_slots, SL_PROJECT_CONTENTS_MAX_AGENCIES - 1);
          if (n_slots < SL_PROJECT_CONTENTS_MAX_AGENCIES - 1)
            {
              g_ptr_array_add (names, g_strdup (agency->name));
              g_array_append_val (contents->agency_ids, agency->id);
            }
          else if (n_slots == SL_PROJECT_CONTENTS_MAX_AGENCIES - 1)
            {
              gint64 none = 0;

              g_ptr_array_add (names, g_strdup (_("Other agencies")));
              g_array_append_val (contents->agency_ids, none);
            }
          n_slots++;
          agency->index = slots[position];
        }
      agency->n_reads++;

      if (builder != NULL)
        sl_read_cache_builder_append (builder, (guint32) read_id, latitude, longitude, time, slots[position]);
      else
        sl_read_set_append (contents->reads, (guint32) read_id, latitude, longitude, time, slots[position]);

      if (++n_loaded % SL_PROJECT_CONTENTS_PROGRESS_STEP == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              sqlite3_finalize (stmt);
              agency_map_clear (&agency_map);
              return FALSE;
            }
          if (progress != NULL)
            progress (n_loaded, MAX ((guint64) max_id, n_loaded), user_data);
        }
    }
  agency_map_clear (&agency_map);
  if (!finish (project, stmt, rc, "reads", error))
    return FALSE;

  rank_by_count (contents, names, map);
  g_ptr_array_add (names, NULL);
  contents->agency_names = (char **) g_ptr_array_steal (names, NULL);
  return TRUE;
}

/* The read cache.
 *
 * Scanning ten million rows of the reads table takes seconds; the sealed
 * read set they become is kept in a file in the user's cache directory
 * and mapped on the next open (sl-read-cache.c). Not in the project: the
 * project file would carry 17 bytes per read more wherever it is copied or
 * published, and a read-only project could not keep it. The file is named
 * after the project's path; its stamp says which state of the project it
 * holds: the path, the schema version, the importer's reads generation,
 * the largest read id and the datasets' count, largest id and rows
 * imported. A file with another stamp is stale; a damaged one is refused
 * by its checksums; either way the reads are scanned again and the file
 * written anew. */

/**
 * sl_project_contents_dup_cache_path:
 *
 * Returns: (transfer full): where @project's read cache is kept
 */
char *
sl_project_contents_dup_cache_path (SlProject *project)
{
  g_autofree char *path = g_canonicalize_filename (sl_project_get_path (project), NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  g_autofree char *name = g_strconcat (digest, ".reads", NULL);

  return g_build_filename (g_get_user_cache_dir (), "sightline", "read-sets", name, NULL);
}

/**
 * sl_project_contents_note_reads_changed:
 *
 * Raises the project's reads generation, so that no read cache made before
 * is used again. Call it in the transaction that adds or removes reads.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_project_contents_note_reads_changed (SlProject  *project,
                                        GError    **error)
{
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  return sl_project_exec (project,
                          "INSERT INTO project_meta (key, value) VALUES ('" READS_GENERATION_KEY "', '1') "
                          "ON CONFLICT (key) DO UPDATE SET value = CAST (CAST (value AS INTEGER) + 1 AS TEXT)",
                          error);
}

static char *
dup_stamp (SlProject  *project,
           GError    **error)
{
  g_autofree char *path = g_canonicalize_filename (sl_project_get_path (project), NULL);
  g_autofree char *generation = sl_project_dup_meta (project, READS_GENERATION_KEY);
  g_autoptr(GString) stamp = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_string_append_printf (stamp, "path=%s\nschema=%u\ngeneration=%s\n", path,
                          sl_project_get_schema_version (project), generation != NULL ? generation : "0");
  stmt = prepare (project,
                  "SELECT (SELECT coalesce (max (id), 0) FROM reads), count (*), coalesce (max (id), 0), "
                  "       coalesce (sum (rows_imported), 0) FROM datasets",
                  error);
  if (stmt == NULL)
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (stamp, "reads=%" G_GINT64_FORMAT "\ndatasets=%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                            ",%" G_GINT64_FORMAT "\n",
                            (gint64) sqlite3_column_int64 (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
                            (gint64) sqlite3_column_int64 (stmt, 2), (gint64) sqlite3_column_int64 (stmt, 3));
  else
    {
      sl_project_set_error (project, error, "datasets");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&stamp), FALSE);
}

/* The owners of the read set's indexes, as the cache keeps them. */
static GArray *
cache_agencies (SlProjectContents *contents)
{
  GArray *agencies = g_array_new (FALSE, TRUE, sizeof (SlReadCacheAgency));

  for (guint i = 0; i < contents->agencies->len; i++)
    {
      SlContentsAgency *agency = contents->agencies->pdata[i];
      SlReadCacheAgency entry = { agency->id, agency->n_reads, agency->index, 0 };

      if (agency->n_reads > 0)
        g_array_append_val (agencies, entry);
    }
  return agencies;
}

/* Back to before the reads were loaded: no reads, no agency counts. */
static void
forget_reads (SlProjectContents *contents)
{
  for (guint i = 0; i < contents->agencies->len; i++)
    {
      ((SlContentsAgency *) contents->agencies->pdata[i])->n_reads = 0;
      ((SlContentsAgency *) contents->agencies->pdata[i])->index = 0;
    }
  g_array_set_size (contents->agency_ids, 0);
  g_clear_pointer (&contents->agency_names, g_strfreev);
  g_clear_pointer (&contents->reads, sl_read_set_unref);
}

/* Gives the agencies their read-set index and read count from the cache's
 * list, names the indexes and sorts the agencies as rank_by_count() does.
 * FALSE when the list does not fit the project's agencies. */
static gboolean
apply_cache_agencies (SlProjectContents *contents,
                      GArray            *cached)
{
  guint n_indexes = sl_read_set_get_n_agencies (contents->reads);
  gboolean has_other = n_indexes == SL_PROJECT_CONTENTS_MAX_AGENCIES;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  AgencyMap map = { 0 };
  gboolean ok = TRUE;

  g_ptr_array_set_size (names, n_indexes);
  g_array_set_size (contents->agency_ids, n_indexes);
  if (has_other)
    {
      names->pdata[n_indexes - 1] = g_strdup (_("Other agencies"));
      g_array_index (contents->agency_ids, gint64, n_indexes - 1) = 0;
    }

  agency_map_init (&map, contents->agencies);
  for (guint i = 0; ok && i < cached->len; i++)
    {
      const SlReadCacheAgency *entry = &g_array_index (cached, SlReadCacheAgency, i);
      guint position = agency_map_lookup (&map, entry->agency_id);
      SlContentsAgency *agency;

      if (position == NO_SLOT || entry->index >= n_indexes || entry->n_reads == 0)
        {
          ok = FALSE;
          break;
        }
      agency = contents->agencies->pdata[position];
      agency->index = entry->index;
      agency->n_reads = entry->n_reads;
      if (has_other && entry->index == n_indexes - 1)
        continue;
      if (names->pdata[entry->index] != NULL)
        ok = FALSE;
      else
        {
          names->pdata[entry->index] = g_strdup (agency->name);
          g_array_index (contents->agency_ids, gint64, entry->index) = agency->id;
        }
    }
  agency_map_clear (&map);
  for (guint i = 0; ok && i < n_indexes; i++)
    ok = names->pdata[i] != NULL;
  if (!ok)
    {
      forget_reads (contents);
      return FALSE;
    }

  g_ptr_array_sort (contents->agencies, compare_agencies);
  g_ptr_array_add (names, NULL);
  contents->agency_names = (char **) g_ptr_array_steal (names, NULL);
  return TRUE;
}

/**
 * sl_project_contents_save_cache:
 *
 * Keeps the reads of @contents in the read cache for the next open, unless
 * they are there already (mapped from it, or sorted straight into it when
 * loaded). Writing 17 bytes per read takes a while: call it on a worker
 * after showing the contents. Needs no project connection.
 *
 * Returns: %TRUE on success (nothing to do counts)
 */
gboolean
sl_project_contents_save_cache (SlProjectContents  *contents,
                                GError            **error)
{
  g_autoptr(GArray) agencies = NULL;

  g_return_val_if_fail (contents != NULL, FALSE);

  if (contents->reads_kept)
    return TRUE;
  agencies = cache_agencies (contents);
  return sl_read_cache_save (contents->cache_path, contents->cache_stamp, contents->reads, agencies, error);
}

/* The reads from the cache, if it holds this state of the project. */
static gboolean
load_cached_reads (SlProjectContents *contents,
                   const char        *cache_path,
                   const char        *stamp)
{
  g_autoptr(GArray) cached = NULL;
  g_autoptr(GError) error = NULL;

  contents->reads = sl_read_cache_load (cache_path, stamp, &cached, &error);
  if (contents->reads == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Reading the reads again: %s", error->message);
      return FALSE;
    }
  if (!apply_cache_agencies (contents, cached))
    {
      g_debug ("Reading the reads again: %s: the agencies changed", cache_path);
      g_clear_pointer (&contents->reads, sl_read_set_unref);
      return FALSE;
    }
  contents->reads_from_cache = contents->reads_kept = TRUE;
  return TRUE;
}

/* The reads from the reads table, sorted straight into the read cache file
 * when it can be written, so that the first open holds no more of them in
 * memory than a later one (mapped from the file); else, or when writing
 * the file fails on the way, sealed in memory (21 bytes per read). */
static gboolean
scan_reads (SlProject               *project,
            SlProjectContents       *contents,
            SlContentsProgressFunc   progress,
            gpointer                 user_data,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(SlReadCacheBuilder) builder = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 map[SL_PROJECT_CONTENTS_MAX_AGENCIES];

  builder = sl_read_cache_builder_new (contents->cache_path, CACHE_WINDOW_BYTES, &local_error);
  if (builder != NULL)
    {
      g_autoptr(GArray) agencies = NULL;

      if (!load_reads (project, contents, builder, map, progress, user_data, cancellable, error))
        return FALSE;
      agencies = cache_agencies (contents);
      contents->reads = sl_read_cache_builder_finish (builder, contents->cache_stamp, map, contents->agency_ids->len,
                                                      agencies, cancellable, &local_error);
      if (contents->reads != NULL)
        {
          contents->reads_kept = TRUE;
          return TRUE;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      forget_reads (contents);
    }
  g_debug ("Keeping the reads in memory: %s", local_error->message);

  if (!load_reads (project, contents, NULL, map, progress, user_data, cancellable, error))
    return FALSE;
  sl_read_set_remap_agencies (contents->reads, map, contents->agency_ids->len);
  sl_read_set_seal (contents->reads);
  return TRUE;
}

/**
 * sl_project_contents_load:
 * @project: an open project, used only by the calling thread meanwhile
 * @progress: (nullable): called on this thread as reads are loaded
 * @user_data: for @progress
 * @cancellable: (nullable): checked between batches of reads
 * @error: location for a #GError
 *
 * Loads what a window shows of @project: every read into a sealed read set
 * (mapped from the read cache when it holds this state of the project,
 * else one SELECT over the reads table in rowid order, sorted into the
 * read cache when it can be written: if not, keep them with
 * sl_project_contents_save_cache() later), the agencies with
 * their read counts, the datasets and the sharing scenarios.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
SlProjectContents *
sl_project_contents_load (SlProject               *project,
                          SlContentsProgressFunc   progress,
                          gpointer                 user_data,
                          GCancellable            *cancellable,
                          GError                 **error)
{
  g_autoptr(SlProjectContents) contents = g_atomic_rc_box_new0 (SlProjectContents);
  g_autofree char *synthetic = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents->agency_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  contents->cache_path = sl_project_contents_dup_cache_path (project);
  /* One read transaction: the lists and the reads agree even when another
   * connection imports meanwhile. */
  if (!sl_project_exec (project, "BEGIN", error))
    return NULL;

  if ((contents->agencies = load_agencies (project, error)) == NULL ||
      (contents->datasets = load_datasets (project, error)) == NULL ||
      (contents->scenarios = load_scenarios (project, error)) == NULL ||
      (contents->cache_stamp = dup_stamp (project, error)) == NULL ||
      (!load_cached_reads (contents, contents->cache_path, contents->cache_stamp) &&
       !scan_reads (project, contents, progress, user_data, cancellable, error)))
    {
      sl_project_rollback (project);
      return NULL;
    }
  sl_project_exec (project, "COMMIT", NULL);

  synthetic = sl_project_dup_meta (project, "synthetic");
  contents->synthetic = g_strcmp0 (synthetic, "true") == 0;

  return g_steal_pointer (&contents);
}
