/* sl-map-overlays.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-map-overlays"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-geography.h"
#include "sl-map-overlays.h"
#include "sl-project-private.h"

void
sl_map_overlay_free (SlMapOverlay *overlay)
{
  g_free (overlay->name);
  g_free (overlay->color);
  g_clear_pointer (&overlay->geojson, g_bytes_unref);
  g_free (overlay);
}

/* Runs one statement with text parameters; NULL ends the list. Sets
 * *changes to the rows it changed. */
static gboolean
run (SlProject   *project,
     const char  *sql,
     GBytes      *blob,
     int         *changes,
     GError     **error,
     ...)
{
  sqlite3 *db = sl_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  const char *value;
  va_list args;
  int i = 1, rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }

  va_start (args, error);
  while ((value = va_arg (args, const char *)) != NULL)
    sqlite3_bind_text (stmt, i++, value, -1, SQLITE_TRANSIENT);
  va_end (args);
  if (blob != NULL)
    sqlite3_bind_blob (stmt, i, g_bytes_get_data (blob, NULL), (int) g_bytes_get_size (blob), SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }
  if (changes != NULL)
    *changes = sqlite3_changes (db);
  return TRUE;
}

static gboolean
not_found (const char  *name,
           GError     **error)
{
  g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_FAILED,
               _("The project has no map overlay named “%s”"), name);
  return FALSE;
}

/**
 * sl_map_overlays_add:
 * @source_name: names @geojson in error messages (e.g. its file name)
 *
 * Validates @geojson and stores it as the overlay @name, replacing one of
 * the same name (which keeps its place in the list). Nothing is stored when
 * the GeoJSON is invalid; the error names the feature and member.
 */
gboolean
sl_map_overlays_add (SlProject   *project,
                     const char  *name,
                     GBytes      *geojson,
                     const char  *source_name,
                     GError     **error)
{
  g_autoptr(SlGeography) geography = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (geojson != NULL, FALSE);

  if (*name == '\0')
    {
      g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_FAILED, _("A map overlay needs a name"));
      return FALSE;
    }

  geography = sl_geography_new_from_geojson (geojson, source_name, error);
  if (geography == NULL)
    return FALSE;

  return run (project,
              "INSERT INTO map_overlays (name, geojson, position) "
              "VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM map_overlays)) "
              "ON CONFLICT (name) DO UPDATE SET geojson = excluded.geojson",
              geojson, NULL, error, name, NULL);
}

/**
 * sl_map_overlays_list:
 *
 * Returns: (transfer full) (element-type SlMapOverlay): the overlays in the
 * order they were first added, or %NULL on error
 */
GPtrArray *
sl_map_overlays_list (SlProject  *project,
                      GError    **error)
{
  const char *sql = "SELECT name, color, visible, geojson FROM map_overlays ORDER BY position";
  g_autoptr(GPtrArray) overlays = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_map_overlay_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlMapOverlay *overlay = g_new0 (SlMapOverlay, 1);

      overlay->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      overlay->color = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      overlay->visible = sqlite3_column_int (stmt, 2) != 0;
      overlay->geojson = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
      g_ptr_array_add (overlays, overlay);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, sql);
      return NULL;
    }
  return g_steal_pointer (&overlays);
}

gboolean
sl_map_overlays_set_visible (SlProject   *project,
                             const char  *name,
                             gboolean     visible,
                             GError     **error)
{
  int changes = 0;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  if (!run (project, "UPDATE map_overlays SET visible = ?2 WHERE name = ?1", NULL, &changes, error,
            name, visible ? "1" : "0", NULL))
    return FALSE;
  return changes == 1 || not_found (name, error);
}

/**
 * sl_map_overlays_set_color:
 * @color: "#rrggbb"
 */
gboolean
sl_map_overlays_set_color (SlProject   *project,
                           const char  *name,
                           const char  *color,
                           GError     **error)
{
  g_autofree char *lower = NULL;
  int changes = 0;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  lower = g_ascii_strdown (color, -1);
  if (strlen (lower) != 7 || lower[0] != '#' || strspn (lower + 1, "0123456789abcdef") != 6)
    {
      g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_FAILED,
                   _("“%s” is not a colour of the form #rrggbb"), color);
      return FALSE;
    }
  if (!run (project, "UPDATE map_overlays SET color = ?2 WHERE name = ?1", NULL, &changes, error,
            name, lower, NULL))
    return FALSE;
  return changes == 1 || not_found (name, error);
}

gboolean
sl_map_overlays_remove (SlProject   *project,
                        const char  *name,
                        GError     **error)
{
  int changes = 0;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  if (!run (project, "DELETE FROM map_overlays WHERE name = ?1", NULL, &changes, error, name, NULL))
    return FALSE;
  return changes == 1 || not_found (name, error);
}
