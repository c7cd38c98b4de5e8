/* sl-sharing-reads.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-sharing-reads"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-project-private.h"
#include "sl-sharing-reads.h"

/* The visibility engine sees reads only as SlVisRead arrays; this is the
 * one place that knows the reads and plates tables. */

static sqlite3_stmt *
prepare_reads (SlProject   *project,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) == SQLITE_OK)
    return stmt;

  if (sqlite3_errcode (sl_project_get_db (project)) == SQLITE_ERROR &&
      g_str_has_prefix (sqlite3_errmsg (sl_project_get_db (project)), "no such table"))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s: the project has no plate reads; import a dataset first"),
                 sl_project_get_path (project));
  else
    sl_project_set_error (project, error, sql);
  return NULL;
}

/**
 * sl_sharing_load_plate_reads:
 * @plate: the plate as stored
 *
 * Returns: (transfer full) (element-type SlVisRead): the plate's reads in
 *   time order (empty when the plate is unknown), or %NULL with @error set
 */
GArray *
sl_sharing_load_plate_reads (SlProject   *project,
                             const char  *plate,
                             GError     **error)
{
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (SlVisRead));
  sqlite3_stmt *stmt = prepare_reads (project,
                                      "SELECT r.plate_id, r.time, r.agency_id FROM reads AS r "
                                      "WHERE r.plate_id = (SELECT id FROM plates WHERE plate = ?1) "
                                      "ORDER BY r.time, r.rowid",
                                      error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, plate, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlVisRead read = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)
      };

      g_array_append_val (reads, read);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      return NULL;
    }

  return g_steal_pointer (&reads);
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
