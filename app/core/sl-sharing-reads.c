/* sl-sharing-reads.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-sharing-reads"

#include "config.h"


#include "sl-project-private.h"
#include "sl-read-store.h"
#include "sl-sharing-reads.h"

/* The visibility engine sees reads only as SlVisRead arrays: one plate's
 * come from the read store, all of them from one streaming query here. */

static sqlite3_stmt *
prepare_reads (SlProject   *project,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) == SQLITE_OK)
    return stmt;

  sl_project_set_error (project, error, sql);
  return NULL;
}

/**
 * sl_sharing_load_plate_reads:
 * @plate: the plate as a user types it (or a hash), found the way the read
 *   store finds plates
 *
 * Returns: (transfer full) (element-type SlVisRead): the plate's reads in
 *   time order (empty when the plate is unknown), or %NULL with @error set
 */
GArray *
sl_sharing_load_plate_reads (SlProject   *project,
                             const char  *plate,
                             GError     **error)
{
  g_autoptr(GArray) stored = NULL;
  GError *local_error = NULL;
  GArray *reads;
  gint64 plate_id;

  plate_id = sl_read_store_lookup_plate (project, plate, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  reads = g_array_new (FALSE, FALSE, sizeof (SlVisRead));
  if (plate_id == 0)
    return reads;

  stored = sl_read_store_load_plate_reads (project, plate_id, error);
  if (stored == NULL)
    {
      g_array_unref (reads);
      return NULL;
    }

  g_array_set_size (reads, stored->len);
  for (guint i = 0; i < stored->len; i++)
    {
      const SlRead *read = &g_array_index (stored, SlRead, i);
      SlVisRead *vis = &g_array_index (reads, SlVisRead, i);

      vis->plate_id = read->plate_id;
      vis->time = read->time;
      vis->owner_id = read->agency_id;
    }

  return reads;
}

/* One read in 16 bytes, while all of them are held to be grouped. */
typedef struct
{
  guint32 plate;
  guint32 owner;
  gint64  time;
} CompactRead;

/* The largest plate id, and the largest read id: how many reads there
 * are at most, to allocate once. Both come from an index. */
static gboolean
query_bounds (SlProject  *project,
              gint64     *max_plate,
              gint64     *max_read,
              GError    **error)
{
  sqlite3_stmt *stmt = prepare_reads (project,
                                      "SELECT coalesce (max (plate_id), 0), coalesce (max (id), 0) FROM reads",
                                      error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      *max_plate = sqlite3_column_int64 (stmt, 0);
      *max_read = sqlite3_column_int64 (stmt, 1);
    }
  else
    sl_project_set_error (project, error, "reads");
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * sl_sharing_reach_all:
 *
 * Feeds every read of the project to @reach, one plate at a time.
 *
 * Reads are stored in import order (mostly time order), so following the
 * per-plate index visits the table at random, and SQLite's sorter spills
 * to temporary files: on 10 million reads either took longer than the
 * whole budget. Instead the table is scanned once, in storage order, into
 * 16 bytes per read, and grouped by plate with a counting sort (plate ids
 * are dense rowids): 20 bytes per read at the peak.
 */
gboolean
sl_sharing_reach_all (SlProject  *project,
                      SlReach    *reach,
                      GError    **error)
{
  g_autoptr(GArray) reads = NULL;
  g_autoptr(GArray) plate = g_array_new (FALSE, FALSE, sizeof (SlVisRead));
  g_autofree guint32 *starts = NULL;
  g_autofree guint32 *order = NULL;
  sqlite3_stmt *stmt;
  gint64 max_plate, max_read;
  int rc;

  if (!query_bounds (project, &max_plate, &max_read, error))
    return FALSE;
  if (max_plate >= G_MAXUINT32 || max_read >= G_MAXUINT32)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s: more than 2³² reads or plates",
                   sl_project_get_path (project));
      return FALSE;
    }
  if ((stmt = prepare_reads (project, "SELECT plate_id, agency_id, time FROM reads", error)) == NULL)
    return FALSE;

  reads = g_array_sized_new (FALSE, FALSE, sizeof (CompactRead), max_read);
  starts = g_new0 (guint32, max_plate + 2);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CompactRead read = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)
      };

      g_array_append_val (reads, read);
      starts[read.plate + 1]++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      return FALSE;
    }

  /* starts[p] is where plate p's reads begin in order[]. */
  for (gint64 p = 0; p <= max_plate; p++)
    starts[p + 1] += starts[p];
  order = g_new (guint32, MAX (reads->len, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (starts, (max_plate + 1) * sizeof (guint32));

    for (guint i = 0; i < reads->len; i++)
      order[fill[g_array_index (reads, CompactRead, i).plate]++] = i;
  }

  for (gint64 p = 0; p <= max_plate; p++)
    {
      if (starts[p] == starts[p + 1])
        continue;

      g_array_set_size (plate, 0);
      for (guint32 j = starts[p]; j < starts[p + 1]; j++)
        {
          CompactRead *read = &g_array_index (reads, CompactRead, order[j]);
          SlVisRead vis = { read->plate, read->time, read->owner };

          g_array_append_val (plate, vis);
        }
      sl_reach_add_plate (reach, (SlVisRead *) plate->data, plate->len);
    }

  return TRUE;
}
