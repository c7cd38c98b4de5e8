/* sl-read-store.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-read-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-read-store-private.h"

#define PSEUDONYM_KEY_SIZE 32

static gboolean
query_int64 (SlProject   *project,
             const char  *sql,
             gint64      *out_value,
             gboolean    *out_null,
             GError     **error)
{
  sqlite3 *db = sl_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sl_project_set_error (project, error, sql);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  if (out_null != NULL)
    *out_null = sqlite3_column_type (stmt, 0) == SQLITE_NULL;
  *out_value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return TRUE;
}

/**
 * sl_read_store_get_summary:
 * @project: a #SlProject
 * @out_summary: (out caller-allocates): the counts
 * @error: location for a #GError
 *
 * Counts what the project holds. Cheap at millions of reads: the first and
 * last read come from the datasets table.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_read_store_get_summary (SlProject           *project,
                           SlReadStoreSummary  *out_summary,
                           GError             **error)
{
  gboolean no_first = TRUE;
  gboolean no_last = TRUE;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out_summary != NULL, FALSE);

  memset (out_summary, 0, sizeof *out_summary);

  if (!query_int64 (project, "SELECT count(*) FROM reads", &out_summary->reads, NULL, error) ||
      !query_int64 (project, "SELECT count(*) FROM plates", &out_summary->plates, NULL, error) ||
      !query_int64 (project, "SELECT count(*) FROM agencies", &out_summary->agencies, NULL, error) ||
      !query_int64 (project, "SELECT count(*) FROM cameras", &out_summary->cameras, NULL, error) ||
      !query_int64 (project, "SELECT count(*) FROM datasets", &out_summary->datasets, NULL, error) ||
      !query_int64 (project, "SELECT min(first_read) FROM datasets", &out_summary->first_read, &no_first, error) ||
      !query_int64 (project, "SELECT max(last_read) FROM datasets", &out_summary->last_read, &no_last, error))
    return FALSE;

  out_summary->has_reads = out_summary->reads > 0 && !no_first && !no_last;

  return TRUE;
}

/**
 * sl_read_store_load_plate_reads:
 * @project: a #SlProject
 * @plate_id: a plates.id
 * @error: location for a #GError
 *
 * Loads every read of one vehicle, oldest first (ties in the order they
 * were stored), through the per-plate index.
 *
 * Returns: (transfer full) (element-type SlRead): the reads, or %NULL with
 *   @error set
 */
GArray *
sl_read_store_load_plate_reads (SlProject  *project,
                                gint64      plate_id,
                                GError    **error)
{
  sqlite3 *db = sl_project_get_db (project);
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (SlRead));
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, time, latitude, longitude, agency_id, camera_id, dataset_id "
                          "FROM reads INDEXED BY reads_by_plate_time "
                          "WHERE plate_id = ?1 ORDER BY time, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "reads");
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, plate_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlRead read = {
        .id = sqlite3_column_int64 (stmt, 0),
        .plate_id = plate_id,
        .time = sqlite3_column_int64 (stmt, 1),
        .latitude = sqlite3_column_double (stmt, 2),
        .longitude = sqlite3_column_double (stmt, 3),
        .agency_id = sqlite3_column_int64 (stmt, 4),
        .camera_id = sqlite3_column_int64 (stmt, 5),
        .dataset_id = sqlite3_column_int64 (stmt, 6),
      };

      g_array_append_val (reads, read);
    }

  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);

  return g_steal_pointer (&reads);
}

/**
 * sl_read_store_normalize_plate_into:
 * @plate: a plate as a source writes it
 * @out: where the normalised plate is written (replacing its contents)
 *
 * Upper case (ASCII), without spaces, tabs, dashes and dots: "abc-123",
 * "ABC 123" and "ABC123" are one plate.
 */
void
sl_read_store_normalize_plate_into (const char *plate,
                                    GString    *out)
{
  g_string_truncate (out, 0);

  for (const char *p = plate; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '\t' || *p == '.')
        continue;
      g_string_append_c (out, g_ascii_toupper (*p));
    }
}

/**
 * sl_read_store_normalize_plate:
 * @plate: a plate as a source writes it
 *
 * Returns: (transfer full): the plate as stored, see
 *   sl_read_store_normalize_plate_into()
 */
char *
sl_read_store_normalize_plate (const char *plate)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (plate != NULL, NULL);

  sl_read_store_normalize_plate_into (plate, out);
  return g_string_free (out, FALSE);
}

static GBytes *
load_pseudonym_key (SlProject *project)
{
  g_autofree char *hex = sl_project_dup_meta (project, SL_META_PSEUDONYM_KEY);
  guint8 key[PSEUDONYM_KEY_SIZE];

  if (hex == NULL || strlen (hex) != 2 * PSEUDONYM_KEY_SIZE)
    return NULL;

  for (guint i = 0; i < PSEUDONYM_KEY_SIZE; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return NULL;
      key[i] = hi << 4 | lo;
    }

  return g_bytes_new (key, sizeof key);
}

gboolean
sl_read_store_has_pseudonym_key (SlProject *project)
{
  g_autoptr(GBytes) key = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  key = load_pseudonym_key (project);
  return key != NULL;
}

/**
 * sl_read_store_ensure_pseudonym_key:
 * @project: a #SlProject
 * @error: location for a #GError
 *
 * Returns the project's secret for pseudonyms, creating it (32 random
 * bytes from the kernel) on first use. Every import reuses it, so one
 * plate has one pseudonym across datasets. Once removed (for publication)
 * it is never recreated: new pseudonyms would not match the old ones.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
GBytes *
sl_read_store_ensure_pseudonym_key (SlProject  *project,
                                    GError    **error)
{
  g_autofree char *removed = NULL;
  g_autofree char *hex = NULL;
  guint8 key[PSEUDONYM_KEY_SIZE];
  GBytes *existing = load_pseudonym_key (project);

  if (existing != NULL)
    return existing;

  removed = sl_project_dup_meta (project, SL_META_PSEUDONYM_KEY_REMOVED);
  if (removed != NULL)
    {
      g_set_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_NO_PSEUDONYM_KEY,
                   _("The pseudonym key was removed from “%s”: new pseudonyms would not "
                     "match the ones already in it. Import into a new project instead."),
                   sl_project_get_path (project));
      return NULL;
    }

  if (getrandom (key, sizeof key, 0) != sizeof key)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make a pseudonym key: %s"), g_strerror (saved_errno));
      return NULL;
    }

  hex = g_malloc (2 * PSEUDONYM_KEY_SIZE + 1);
  for (guint i = 0; i < PSEUDONYM_KEY_SIZE; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", key[i]);

  if (!sl_project_set_meta (project, SL_META_PSEUDONYM_KEY, hex, error))
    return NULL;

  return g_bytes_new (key, sizeof key);
}

/**
 * sl_read_store_pseudonymize_into:
 * @keyed: an HMAC-SHA256 already keyed with the project's secret
 * @plate: a normalised plate
 * @out: receives the pseudonym: 64 lower-case hex digits
 */
void
sl_read_store_pseudonymize_into (GHmac      *keyed,
                                 const char *plate,
                                 GString    *out)
{
  g_autoptr(GHmac) hmac = g_hmac_copy (keyed);

  g_hmac_update (hmac, (const guchar *) plate, -1);
  g_string_assign (out, g_hmac_get_string (hmac));
}

/**
 * sl_read_store_remove_pseudonym_key:
 * @project: a #SlProject
 * @error: location for a #GError
 *
 * Deletes the pseudonym secret, so a project can be published without
 * anyone being able to test a plate against it. Irreversible.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_read_store_remove_pseudonym_key (SlProject  *project,
                                    GError    **error)
{
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  if (!sl_project_begin (project, error))
    return FALSE;

  if (!sl_project_exec (project, "DELETE FROM project_meta WHERE key = '" SL_META_PSEUDONYM_KEY "'", error) ||
      !sl_project_set_meta (project, SL_META_PSEUDONYM_KEY_REMOVED, "1", error) ||
      !sl_project_commit (project, error))
    {
      sl_project_rollback (project);
      return FALSE;
    }

  /* The old key must not survive in free pages or the write-ahead log. */
  return sl_project_exec (project, "PRAGMA wal_checkpoint(TRUNCATE)", error) &&
         sl_project_exec (project, "VACUUM", error);
}

static gint64
find_plate_id (SlProject   *project,
               const char  *text,
               GError     **error)
{
  sqlite3 *db = sl_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM plates WHERE plate = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "plates");
      return 0;
    }

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    sl_project_set_error (project, error, "plates");
  sqlite3_finalize (stmt);

  return id;
}

/**
 * sl_read_store_lookup_plate:
 * @project: a #SlProject
 * @plate: a plate as a user types it, or a hash as a source gave it
 * @error: location for a #GError
 *
 * Finds a plate whichever way it is stored: normalised, as given (hashes),
 * or as the pseudonym of its normalised form when the project has a key.
 *
 * Returns: the plates.id, or 0 when there is none (or on error)
 */
gint64
sl_read_store_lookup_plate (SlProject   *project,
                            const char  *plate,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GBytes) key = NULL;
  GError *local_error = NULL;
  gint64 id;

  g_return_val_if_fail (SL_IS_PROJECT (project), 0);
  g_return_val_if_fail (plate != NULL, 0);

  trimmed = g_strstrip (g_strdup (plate));
  normalized = sl_read_store_normalize_plate (trimmed);

  id = find_plate_id (project, normalized, &local_error);
  if (id == 0 && local_error == NULL)
    id = find_plate_id (project, trimmed, &local_error);

  if (id == 0 && local_error == NULL && (key = load_pseudonym_key (project)) != NULL)
    {
      g_autoptr(GHmac) keyed = g_hmac_new (G_CHECKSUM_SHA256,
                                           g_bytes_get_data (key, NULL),
                                           g_bytes_get_size (key));
      g_autoptr(GString) pseudonym = g_string_new (NULL);

      sl_read_store_pseudonymize_into (keyed, normalized, pseudonym);
      id = find_plate_id (project, pseudonym->str, &local_error);
    }

  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return id;
}
