/* sl-share-copy.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sl-project-private.h"
#include "sl-read-store-private.h"
#include "sl-read-store.h"
#include "sl-share-copy.h"

/* A copy of a project to give to someone else (docs/privacy.md): written
 * with VACUUM INTO (so none of the project's free pages, where SQLite
 * keeps deleted data, come along), then scrubbed in a temporary file
 * beside the destination, vacuumed again, and renamed into place; the
 * destination never holds an unscrubbed copy. */

static gint64
query_int (SlProject  *project,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* SQL's own base name of a path with '/' or '\' separators (a project
 * made on Windows and opened here keeps its backslashes). */
#define BASE_NAME_SQL \
  "substr (file_path, length (rtrim (file_path, replace (replace (file_path, '/', ''), '\\', ''))) + 1)"

static gboolean
scrub (const char        *path,
       SlShareCopyReport *report,
       GError           **error)
{
  g_autoptr(SlProject) copy = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, error);
  g_autofree char *key = NULL;

  if (copy == NULL)
    return FALSE;

  /* Overwrite what is deleted, not only unlink it, in case a page is
   * reused before the final VACUUM. */
  if (!sl_project_exec (copy, "PRAGMA secure_delete = ON", error))
    return FALSE;

  report->n_paths_removed = query_int (copy, "SELECT count(*) FROM datasets WHERE file_path != " BASE_NAME_SQL);
  report->n_raw_plate_datasets = query_int (copy, "SELECT count(*) FROM datasets WHERE pseudonymized = 0");
  if (!sl_project_exec (copy, "UPDATE datasets SET file_path = " BASE_NAME_SQL, error))
    return FALSE;

  key = sl_project_dup_meta (copy, SL_META_PSEUDONYM_KEY);
  report->key_removed = key != NULL;
  /* Also marks the project so no new pseudonyms can be made that would
   * not match the old ones; vacuums the file. */
  if (key != NULL && !sl_read_store_remove_pseudonym_key (copy, error))
    return FALSE;

  return sl_project_exec (copy, "PRAGMA wal_checkpoint(TRUNCATE)", error) &&
         sl_project_exec (copy, "VACUUM", error) &&
         sl_project_exec (copy, "PRAGMA journal_mode = DELETE", error);
}

/**
 * sl_share_copy_write:
 * @project_path: the project to copy (only read)
 * @output_path: where the copy goes
 * @overwrite: whether an existing @output_path may be replaced (after a
 *   file chooser asked); otherwise it is refused
 * @report: (out caller-allocates): what was removed
 * @error: location for a #GError
 *
 * Writes a copy of the project without the folders its datasets were
 * imported from (their file names stay), without the pseudonym key, and
 * without free pages.
 *
 * Returns: %TRUE when @output_path holds the copy
 */
gboolean
sl_share_copy_write (const char         *project_path,
                     const char         *output_path,
                     gboolean            overwrite,
                     SlShareCopyReport  *report,
                     GError            **error)
{
  g_autoptr(SlProject) source = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *quoted = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  g_return_val_if_fail (project_path != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (!overwrite && g_file_test (output_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), output_path);
      return FALSE;
    }

  {
    GStatBuf project_st;

    if (g_stat (project_path, &project_st) == 0 && g_stat (output_path, &st) == 0 &&
        project_st.st_dev == st.st_dev && project_st.st_ino == st.st_ino)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("“%s” is the project itself; choose another file for the copy"), output_path);
        return FALSE;
      }
  }

  source = sl_project_open (project_path, SL_PROJECT_OPEN_READ_ONLY, error);
  if (source == NULL)
    return FALSE;
  report->n_free_pages = query_int (source, "PRAGMA freelist_count");

  dir = g_path_get_dirname (output_path);
  temp = g_build_filename (dir, ".sightline-copy-XXXXXX", NULL);
  {
    int fd = g_mkstemp (temp);

    if (fd < 0)
      {
        int saved = errno;

        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     _("Could not create a file in “%s”: %s"), dir, g_strerror (saved));
        return FALSE;
      }
    close (fd);
    /* VACUUM INTO wants a new file or an empty one; the name is ours now. */
  }

  quoted = sqlite3_mprintf ("%Q", temp);
  sql = g_strdup_printf ("VACUUM INTO %s", quoted);
  sqlite3_free (g_steal_pointer (&quoted));
  if (!sl_project_exec (source, sql, &local_error) ||
      !scrub (temp, report, &local_error))
    goto failed;
  g_clear_object (&source);

  if (g_rename (temp, output_path) != 0)
    {
      int saved = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), output_path, g_strerror (saved));
      goto failed;
    }
  if (g_stat (output_path, &st) == 0)
    report->size_bytes = st.st_size;
  return TRUE;

failed:
  g_unlink (temp);
  {
    g_autofree char *journal = g_strconcat (temp, "-journal", NULL);
    g_autofree char *wal = g_strconcat (temp, "-wal", NULL);
    g_autofree char *shm = g_strconcat (temp, "-shm", NULL);

    g_unlink (journal);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * sl_share_copy_report_to_text:
 *
 * Returns: what the copy left out and what it still holds, one sentence a
 *   line, for people
 */
char *
sl_share_copy_report_to_text (const SlShareCopyReport *report)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text,
                          ngettext ("Removed the folder of %u imported file (its name is kept).\n",
                                    "Removed the folders of %u imported files (their names are kept).\n",
                                    report->n_paths_removed),
                          report->n_paths_removed);
  g_string_append (text, report->key_removed
                   ? _("Removed the pseudonym key: the pseudonymised plates can no longer be tested.\n")
                   : _("There was no pseudonym key to remove.\n"));
  g_string_append_printf (text,
                          ngettext ("Left out %lld free page (deleted data SQLite keeps).\n",
                                    "Left out %lld free pages (deleted data SQLite keeps).\n",
                                    (gulong) MAX (report->n_free_pages, 0)),
                          (long long) MAX (report->n_free_pages, 0));
  if (report->n_raw_plate_datasets > 0)
    g_string_append_printf (text,
                            ngettext ("Still in the copy: the plates of %u dataset imported without "
                                      "pseudonyms, and every read’s time and place.\n",
                                      "Still in the copy: the plates of %u datasets imported without "
                                      "pseudonyms, and every read’s time and place.\n",
                                      report->n_raw_plate_datasets),
                            report->n_raw_plate_datasets);
  else
    g_string_append (text, _("Still in the copy: every read’s time and place, under pseudonyms.\n"));
  return g_string_free (text, FALSE);
}
