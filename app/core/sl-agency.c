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

/* Reconciliation */

struct _SlAgencyReconciler
{
  SlProject  *project;
  /* normalised name or alias → agency id */
  GHashTable *by_key;
  /* agency id → display name */
  GHashTable *names;
  /* word → set of the ids of agencies with it in a name or alias */
  GHashTable *by_word;
  /* agency id → GPtrArray of its normalised name and aliases */
  GHashTable *keys_by_id;
  /* spelling (trimmed) → index into resolutions */
  GHashTable *by_spelling;
  GArray     *resolutions;
};

static const char * const match_names[] = { "matched", "created", "ambiguous" };

const char *
sl_agency_match_to_string (SlAgencyMatch match)
{
  g_return_val_if_fail (match < G_N_ELEMENTS (match_names), NULL);
  return match_names[match];
}

static void
resolution_clear (SlAgencyResolution *resolution)
{
  g_clear_pointer (&resolution->spelling, g_free);
  g_clear_pointer (&resolution->agency_name, g_free);
  g_clear_pointer (&resolution->candidates, g_strfreev);
}

/* Words that say what kind of agency, not which one: a spelling made only of
 * them ("Police Dept.") is never matched partially. */
static gboolean
is_generic_word (const char *word)
{
  static const char * const generic[] = {
    "police", "sheriffs", "office", "department", "state", "county", "city", "town",
    "of", "and", "university", "agency", "division", "bureau", "unit", NULL
  };

  return g_strv_contains (generic, word);
}

static void
index_key (SlAgencyReconciler *self,
           const char         *key,
           gint64              id)
{
  g_auto(GStrv) words = g_strsplit (key, " ", -1);
  GPtrArray *keys = g_hash_table_lookup (self->keys_by_id, &id);

  g_hash_table_insert (self->by_key, g_strdup (key), g_memdup2 (&id, sizeof id));

  if (keys == NULL)
    {
      keys = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->keys_by_id, g_memdup2 (&id, sizeof id), keys);
    }
  g_ptr_array_add (keys, g_strdup (key));

  for (guint i = 0; words[i] != NULL; i++)
    {
      GHashTable *ids = g_hash_table_lookup (self->by_word, words[i]);

      if (ids == NULL)
        {
          ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          g_hash_table_insert (self->by_word, g_strdup (words[i]), ids);
        }
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
}

/**
 * sl_agency_reconciler_new:
 *
 * Loads every name and alias of the project's agencies, so an import can
 * resolve thousands of spellings without a query each and report how each
 * was resolved.
 */
SlAgencyReconciler *
sl_agency_reconciler_new (SlProject  *project,
                          GError    **error)
{
  g_autoptr(SlAgencyReconciler) self = g_new0 (SlAgencyReconciler, 1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  self->project = g_object_ref (project);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->by_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
  self->keys_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  self->by_spelling = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->resolutions = g_array_new (FALSE, TRUE, sizeof (SlAgencyResolution));
  g_array_set_clear_func (self->resolutions, (GDestroyNotify) resolution_clear);

  if (sqlite3_prepare_v2 (sl_project_get_db (project),
                          "SELECT id, name, normalized_name FROM agencies "
                          "UNION ALL "
                          "SELECT agency_id, NULL, normalized_alias FROM agency_aliases "
                          "ORDER BY 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "agencies");
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_hash_table_insert (self->names, g_memdup2 (&id, sizeof id),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      index_key (self, (const char *) sqlite3_column_text (stmt, 2), id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "agencies");
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
sl_agency_reconciler_free (SlAgencyReconciler *self)
{
  g_clear_object (&self->project);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->by_word, g_hash_table_unref);
  g_clear_pointer (&self->keys_by_id, g_hash_table_unref);
  g_clear_pointer (&self->by_spelling, g_hash_table_unref);
  g_clear_pointer (&self->resolutions, g_array_unref);
  g_free (self);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Whether @candidate (a normalised name) says what @words say and only adds
 * generic words to it: "norwalk" may be "norwalk police", but "connecticut
 * state police" is not "southern connecticut state university police". A
 * wrong match would silently give one agency's reads to another; a missed
 * one only leaves two rows the user can merge. */
static gboolean
only_adds_generic_words (const char         *candidate,
                         const char * const *words)
{
  g_auto(GStrv) candidate_words = g_strsplit (candidate, " ", -1);

  for (guint i = 0; candidate_words[i] != NULL; i++)
    {
      if (!g_strv_contains (words, candidate_words[i]) &&
          !is_generic_word (candidate_words[i]))
        return FALSE;
    }

  return TRUE;
}

/* The agencies one of whose names or aliases holds every word of @key and
 * adds only generic words: the rarest word's agencies are the ones to
 * check. */
static GStrv
find_candidates (SlAgencyReconciler *self,
                 const char         *key,
                 gint64             *only_id)
{
  g_auto(GStrv) words = g_strsplit (key, " ", -1);
  g_autoptr(GPtrArray) sets = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTable *rarest = NULL;
  gboolean distinctive = FALSE;
  GHashTableIter iter;
  gpointer id;

  for (guint i = 0; words[i] != NULL; i++)
    {
      GHashTable *ids = g_hash_table_lookup (self->by_word, words[i]);

      distinctive |= !is_generic_word (words[i]);
      if (ids == NULL)
        return NULL;
      g_ptr_array_add (sets, ids);
      if (rarest == NULL || g_hash_table_size (ids) < g_hash_table_size (rarest))
        rarest = ids;
    }

  if (!distinctive || rarest == NULL)
    return NULL;

  g_hash_table_iter_init (&iter, rarest);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      gboolean all = TRUE;

      for (guint i = 0; all && i < sets->len; i++)
        all = g_hash_table_contains (g_ptr_array_index (sets, i), id);
      if (all)
        {
          GPtrArray *keys = g_hash_table_lookup (self->keys_by_id, id);

          all = FALSE;
          for (guint i = 0; !all && i < keys->len; i++)
            all = only_adds_generic_words (g_ptr_array_index (keys, i),
                                           (const char * const *) words);
        }
      if (all)
        {
          g_ptr_array_add (names, g_hash_table_lookup (self->names, id));
          *only_id = *(gint64 *) id;
        }
    }

  if (names->len == 0)
    return NULL;

  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strdupv ((char **) names->pdata);
}

/**
 * sl_agency_reconciler_resolve:
 * @name: an agency name as a document spells it
 *
 * Resolves @name: to the agency with that normalised name or alias
 * (matched); else to the one agency with a name or alias that holds all its
 * words and adds only generic ones ("Norwalk" → "Norwalk PD"), when one of
 * its words is distinctive (matched); else to a new agency, reported as
 * created, or as ambiguous when several agencies qualify. Every distinct
 * spelling is reported once, in the order first seen.
 *
 * Returns: the agency's id, or 0 with @error set
 */
gint64
sl_agency_reconciler_resolve (SlAgencyReconciler  *self,
                              const char          *name,
                              GError             **error)
{
  g_autofree char *spelling = g_strstrip (g_utf8_make_valid (name, -1));
  g_autofree char *key = sl_agency_normalize_name (spelling);
  SlAgencyResolution resolution = { NULL, 0, NULL, SL_AGENCY_MATCH_MATCHED, NULL };
  gpointer index;
  gint64 *known;

  if (g_hash_table_lookup_extended (self->by_spelling, spelling, NULL, &index))
    return g_array_index (self->resolutions, SlAgencyResolution, GPOINTER_TO_UINT (index)).agency_id;

  if (*key == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an agency name: it has no letters or digits"), spelling);
      return 0;
    }

  known = g_hash_table_lookup (self->by_key, key);
  if (known != NULL)
    resolution.agency_id = *known;
  else
    {
      gint64 only_id = 0;
      g_auto(GStrv) candidates = find_candidates (self, key, &only_id);

      if (candidates != NULL && g_strv_length (candidates) == 1)
        resolution.agency_id = only_id;
      else
        {
          resolution.agency_id = sl_agency_ensure (self->project, spelling, NULL, error);
          if (resolution.agency_id == 0)
            return 0;

          resolution.match = candidates != NULL ? SL_AGENCY_MATCH_AMBIGUOUS : SL_AGENCY_MATCH_CREATED;
          resolution.candidates = g_steal_pointer (&candidates);
          g_hash_table_insert (self->names, g_memdup2 (&resolution.agency_id, sizeof (gint64)),
                               g_strdup (spelling));
          index_key (self, key, resolution.agency_id);
        }
    }

  resolution.spelling = g_strdup (spelling);
  resolution.agency_name = g_strdup (g_hash_table_lookup (self->names, &resolution.agency_id));
  g_hash_table_insert (self->by_spelling, g_steal_pointer (&spelling),
                       GUINT_TO_POINTER (self->resolutions->len));
  g_array_append_val (self->resolutions, resolution);

  return resolution.agency_id;
}

guint
sl_agency_reconciler_get_n_resolutions (SlAgencyReconciler *self)
{
  return self->resolutions->len;
}

const SlAgencyResolution *
sl_agency_reconciler_get_resolution (SlAgencyReconciler *self,
                                     guint               i)
{
  g_return_val_if_fail (i < self->resolutions->len, NULL);
  return &g_array_index (self->resolutions, SlAgencyResolution, i);
}

guint
sl_agency_reconciler_count (SlAgencyReconciler *self,
                            SlAgencyMatch       match)
{
  guint count = 0;

  for (guint i = 0; i < self->resolutions->len; i++)
    count += g_array_index (self->resolutions, SlAgencyResolution, i).match == match;

  return count;
}

/**
 * sl_agency_reconciler_format_report:
 *
 * Returns: (transfer full): one line per spelling, e.g.
 *   "matched   Norwalk Police Department → Norwalk PD",
 *   "created   Westport PD",
 *   "ambiguous Norwalk → created; candidates: Norwalk PD, Norwalk Sheriffs Office"
 */
char *
sl_agency_reconciler_format_report (SlAgencyReconciler *self)
{
  GString *report = g_string_new (NULL);

  for (guint i = 0; i < self->resolutions->len; i++)
    {
      const SlAgencyResolution *r = &g_array_index (self->resolutions, SlAgencyResolution, i);

      g_string_append_printf (report, "%-9s %s", sl_agency_match_to_string (r->match), r->spelling);
      if (r->match == SL_AGENCY_MATCH_MATCHED && g_strcmp0 (r->spelling, r->agency_name) != 0)
        g_string_append_printf (report, " → %s", r->agency_name);
      else if (r->match == SL_AGENCY_MATCH_AMBIGUOUS)
        {
          g_autofree char *candidates = g_strjoinv (", ", r->candidates);

          g_string_append_printf (report, " → %s; %s %s", _("created"), _("candidates:"), candidates);
        }
      g_string_append_c (report, '\n');
    }

  return g_string_free (report, FALSE);
}

static gboolean
exec_bound (SlProject   *project,
            const char  *sql,
            gint64       first,
            gint64       second,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }
  return TRUE;
}

/* Points every column that refers to an agency (in any table, including
 * tables of later migrations) from @merged_id to @kept_id. Rows that would
 * then duplicate a row of the kept agency (a pool membership both had) are
 * dropped. */
static gboolean
repoint_references (SlProject  *project,
                    gint64      kept_id,
                    gint64      merged_id,
                    GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (sqlite3_prepare_v2 (sl_project_get_db (project),
                          "SELECT m.name, f.\"from\" FROM sqlite_schema AS m, "
                          "pragma_foreign_key_list (m.name) AS f "
                          "WHERE m.type = 'table' AND f.\"table\" = 'agencies' "
                          "ORDER BY m.name, f.\"from\"",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "agencies");
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      const char *column = (const char *) sqlite3_column_text (stmt, 1);

      g_ptr_array_add (statements,
                       g_strdup_printf ("UPDATE OR IGNORE \"%s\" SET \"%s\" = ?1 WHERE \"%s\" = ?2",
                                        table, column, column));
      g_ptr_array_add (statements,
                       g_strdup_printf ("DELETE FROM \"%s\" WHERE \"%s\" = ?2",
                                        table, column));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "agencies");
      return FALSE;
    }

  for (guint i = 0; i < statements->len; i++)
    {
      if (!exec_bound (project, g_ptr_array_index (statements, i), kept_id, merged_id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
agency_exists (SlProject  *project,
               gint64      id,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT 1 FROM agencies WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "agencies");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    sl_project_set_error (project, error, "agencies");

  return rc == SQLITE_ROW;
}

/**
 * sl_agency_merge:
 * @kept_id: the agency that stays
 * @merged_id: the agency merged into it
 *
 * Merges two agencies that are one: the merged agency's name and aliases
 * become aliases of the kept one (so the next import resolves them to it),
 * facts the kept agency lacks are taken from the merged one, every read,
 * sharing edge and membership moves over, and the merged agency goes.
 * All or nothing.
 */
gboolean
sl_agency_merge (SlProject   *project,
                 gint64       kept_id,
                 gint64       merged_id,
                 GError     **error)
{
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  if (kept_id == merged_id)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An agency cannot be merged into itself"));
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    {
      gint64 id = i == 0 ? kept_id : merged_id;
      GError *lookup_error = NULL;

      if (!agency_exists (project, id, &lookup_error))
        {
          if (lookup_error != NULL)
            g_propagate_error (error, lookup_error);
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("No agency with id %lld"), (long long) id);
          return FALSE;
        }
    }

  if (!sl_project_exec (project, "SAVEPOINT merge_agency", error))
    return FALSE;

  if (!exec_bound (project,
                   "UPDATE agencies SET "
                   "type = CASE WHEN agencies.type = 'other' THEN m.type ELSE agencies.type END, "
                   "state = coalesce (agencies.state, m.state), "
                   "retention_days = coalesce (agencies.retention_days, m.retention_days), "
                   "reshares = max (agencies.reshares, m.reshares), "
                   "latitude = coalesce (agencies.latitude, m.latitude), "
                   "longitude = coalesce (agencies.longitude, m.longitude), "
                   "note = coalesce (agencies.note, m.note) "
                   "FROM (SELECT * FROM agencies WHERE id = ?2) AS m "
                   "WHERE agencies.id = ?1",
                   kept_id, merged_id, error) ||
      !exec_bound (project,
                   "INSERT OR REPLACE INTO agency_aliases (normalized_alias, alias, agency_id) "
                   "SELECT normalized_name, name, ?1 FROM agencies WHERE id = ?2",
                   kept_id, merged_id, error) ||
      !repoint_references (project, kept_id, merged_id, error) ||
      !exec_bound (project, "DELETE FROM agencies WHERE id = ?2", kept_id, merged_id, error))
    {
      sqlite3_exec (sl_project_get_db (project),
                    "ROLLBACK TO merge_agency; RELEASE merge_agency", NULL, NULL, NULL);
      return FALSE;
    }

  return sl_project_exec (project, "RELEASE merge_agency", error);
}

/**
 * sl_agency_reconciler_add_alias:
 * @alias: another spelling of the agency's name
 *
 * Records @alias for @agency_id, unless it already normalises to one of the
 * agency's names. An alias that is another agency's name or alias is
 * refused: that is a merge, not an alias.
 */
gboolean
sl_agency_reconciler_add_alias (SlAgencyReconciler  *self,
                                gint64               agency_id,
                                const char          *alias,
                                GError             **error)
{
  g_autofree char *spelling = g_strstrip (g_utf8_make_valid (alias, -1));
  g_autofree char *key = sl_agency_normalize_name (spelling);
  sqlite3_stmt *stmt = NULL;
  gint64 *known;
  int rc;

  if (*key == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an agency name: it has no letters or digits"), spelling);
      return FALSE;
    }

  known = g_hash_table_lookup (self->by_key, key);
  if (known != NULL && *known == agency_id)
    return TRUE;
  if (known != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” is already the name or an alias of “%s”"),
                   spelling, (const char *) g_hash_table_lookup (self->names, known));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (sl_project_get_db (self->project),
                          "INSERT INTO agency_aliases (normalized_alias, alias, agency_id) "
                          "VALUES (?1, ?2, ?3)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (self->project, error, "agency_aliases");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, spelling, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, agency_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (self->project, error, "agency_aliases");
      return FALSE;
    }

  index_key (self, key, agency_id);
  return TRUE;
}
