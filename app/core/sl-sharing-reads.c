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

/**
 * sl_sharing_reach_all:
 *
 * Feeds every read of the project to @reach, one plate at a time.
 */
gboolean
sl_sharing_reach_all (SlProject  *project,
                      SlReach    *reach,
                      GError    **error)
{
  g_autoptr(GArray) plate = g_array_new (FALSE, FALSE, sizeof (SlVisRead));
  sqlite3_stmt *stmt = prepare_reads (project,
                                      "SELECT plate_id, time, agency_id FROM reads ORDER BY plate_id",
                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlVisRead read = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)
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
