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

/* The largest read id, from the table's b-tree. */
static gboolean
query_max_read (SlProject  *project,
                gint64     *max_read,
                GError    **error)
{
  sqlite3_stmt *stmt = prepare_reads (project, "SELECT coalesce (max (id), 0) FROM reads", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *max_read = sqlite3_column_int64 (stmt, 0);
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
 * Reads are stored in import order (mostly time order): following the
 * per-plate index into the table visits it at random, and sorting the
 * table spills to temporary files. Both indexes the store keeps cover what
 * is needed instead: the per-agency one gives each read's owner (kept in 4
 * bytes per read id), then the per-plate one gives plate, time and read id
 * already grouped by plate. Two sequential index scans, no sort.
 */
gboolean
sl_sharing_reach_all (SlProject  *project,
                      SlReach    *reach,
                      GError    **error)
{
  g_autoptr(GArray) plate = g_array_new (FALSE, FALSE, sizeof (SlVisRead));
  g_autofree guint32 *owners = NULL;
  sqlite3_stmt *stmt;
  gint64 max_read;
  int rc;

  if (!query_max_read (project, &max_read, error))
    return FALSE;
  if (max_read >= G_MAXUINT32)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s: read ids beyond 2³²",
                   sl_project_get_path (project));
      return FALSE;
    }

  owners = g_new (guint32, max_read + 1);
  if ((stmt = prepare_reads (project, "SELECT id, agency_id FROM reads ORDER BY agency_id", error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    owners[sqlite3_column_int64 (stmt, 0)] = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      return FALSE;
    }

  if ((stmt = prepare_reads (project, "SELECT plate_id, time, id FROM reads ORDER BY plate_id", error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlVisRead read = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), owners[sqlite3_column_int64 (stmt, 2)]
      };

      if (plate->len > 0 && g_array_index (plate, SlVisRead, 0).plate_id != read.plate_id)
        {
          sl_reach_add_plate (reach, (SlVisRead *) plate->data, plate->len);
          g_array_set_size (plate, 0);
        }
      g_array_append_val (plate, read);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      return FALSE;
    }

  if (plate->len > 0)
    sl_reach_add_plate (reach, (SlVisRead *) plate->data, plate->len);
  return TRUE;
}
