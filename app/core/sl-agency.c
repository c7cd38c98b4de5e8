/* sl-agency.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-agency"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-agency.h"
#include "sl-project-private.h"

static const char * const type_names[] = {
  [SL_AGENCY_TYPE_MUNICIPAL_POLICE]  = "municipal-police",
  [SL_AGENCY_TYPE_SHERIFF]           = "sheriff",
  [SL_AGENCY_TYPE_STATE_POLICE]      = "state-police",
  [SL_AGENCY_TYPE_UNIVERSITY_POLICE] = "university-police",
  [SL_AGENCY_TYPE_FEDERAL]           = "federal",
  [SL_AGENCY_TYPE_FUSION_CENTER]     = "fusion-center",
  [SL_AGENCY_TYPE_PROSECUTOR]        = "prosecutor",
  [SL_AGENCY_TYPE_PRIVATE]           = "private",
  [SL_AGENCY_TYPE_OTHER]             = "other",
};

const char *
sl_agency_type_to_string (SlAgencyType type)
{
  g_return_val_if_fail (type <= SL_AGENCY_TYPE_OTHER, NULL);

  return type_names[type];
}

gboolean
sl_agency_type_from_string (const char   *string,
                            SlAgencyType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    {
      if (g_strcmp0 (string, type_names[i]) == 0)
        {
          *type = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_department_word (const char *word)
{
  return g_str_equal (word, "department") ||
         g_str_equal (word, "dept") ||
         g_str_equal (word, "dpt") ||
         g_str_equal (word, "dep");
}

/**
 * sl_agency_normalize_name:
 * @name: an agency name as a document spells it
 *
 * Folds the spellings documents use for one agency onto one key: case,
 * accents, punctuation and spacing are ignored, "PD" reads as "police", a
 * "department" word after "police" is dropped ("Norwalk PD", "Norwalk Police
 * Department" and "NORWALK POLICE DEPT." all give "norwalk police"), and
 * "sheriff's", "sheriff" and "sheriffs" agree.
 *
 * Returns: (transfer full): the key; empty when @name has no letters or digits
 */
char *
sl_agency_normalize_name (const char *name)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) cleaned = g_string_new (NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  const char *previous = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  valid = g_utf8_make_valid (name, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  folded = g_utf8_casefold (decomposed, -1);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || c == '\'' || c == 0x2019)
        continue;
      else if (c == '&')
        g_string_append (cleaned, " and ");
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (cleaned, c);
      else
        g_string_append_c (cleaned, ' ');
    }

  words = g_strsplit (cleaned->str, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (*word == '\0')
        continue;

      if (g_str_equal (word, "pd"))
        word = "police";
      else if (g_str_equal (word, "sheriff"))
        word = "sheriffs";
      else if (g_str_equal (word, "univ"))
        word = "university";
      else if (is_department_word (word) && g_strcmp0 (previous, "police") == 0)
        continue;
      else if (g_str_equal (word, "the") && key->len == 0)
        continue;

      if (key->len > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, word);
      previous = word;
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

/**
 * sl_agency_lookup:
 * @project: a #SlProject
 * @name: an agency name in any spelling
 * @error: location for a #GError
 *
 * Finds the agency whose name or one of whose aliases normalises like @name.
 *
 * Returns: the agency's id, or 0 when there is none (or on error, with
 *   @error set)
 */
gint64
sl_agency_lookup (SlProject   *project,
                  const char  *name,
                  GError     **error)
{
  sqlite3 *db = sl_project_get_db (project);
  g_autofree char *key = sl_agency_normalize_name (name);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id FROM agencies WHERE normalized_name = ?1 "
                          "UNION ALL "
                          "SELECT agency_id FROM agency_aliases WHERE normalized_alias = ?1 "
                          "LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "agencies");
      return 0;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    sl_project_set_error (project, error, "agencies");
  sqlite3_finalize (stmt);

  return id;
}

/**
 * sl_agency_ensure:
 * @project: a #SlProject
 * @name: an agency name in any spelling
 * @created: (out) (optional): set to whether a new agency was added
 * @error: location for a #GError
 *
 * Finds the agency like sl_agency_lookup() does, adding it (type "other",
 * retention unknown) when there is none.
 *
 * Returns: the agency's id, or 0 with @error set
 */
gint64
sl_agency_ensure (SlProject   *project,
                  const char  *name,
                  gboolean    *created,
                  GError     **error)
{
  sqlite3 *db = sl_project_get_db (project);
  g_autofree char *display_name = NULL;
  g_autofree char *key = NULL;
  GError *lookup_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  if (created != NULL)
    *created = FALSE;

  id = sl_agency_lookup (project, name, &lookup_error);
  if (id != 0 || lookup_error != NULL)
    {
      if (lookup_error != NULL)
        g_propagate_error (error, lookup_error);
      return id;
    }

  display_name = g_strstrip (g_utf8_make_valid (name, -1));
  key = sl_agency_normalize_name (display_name);
  if (*key == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an agency name: it has no letters or digits"),
                   display_name);
      return 0;
    }

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO agencies (name, normalized_name) VALUES (?1, ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "agencies");
      return 0;
    }

  sqlite3_bind_text (stmt, 1, display_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    {
      id = sqlite3_last_insert_rowid (db);
      if (created != NULL)
        *created = TRUE;
    }
  else
    {
      sl_project_set_error (project, error, "agencies");
    }
  sqlite3_finalize (stmt);

  return id;
}
