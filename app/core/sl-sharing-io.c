/* sl-sharing-io.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-sharing-io"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "sl-csv-reader.h"
#include "sl-json.h"
#include "sl-number.h"
#include "sl-project-private.h"
#include "sl-sharing-io.h"
#include "sl-sharing-network.h"
#include "sl-timestamp.h"

#define JSON_FORMAT_NAME "sightline-sharing"

static const char * const format_names[] = { "auto", "edges", "agencies", "json" };

gboolean
sl_sharing_format_from_string (const char      *string,
                               SlSharingFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_strcmp0 (string, format_names[i]) == 0)
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sl_sharing_format_to_string (SlSharingFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

void
sl_sharing_import_free (SlSharingImport *import)
{
  g_free (import->scenario);
  g_clear_pointer (&import->reconciler, sl_agency_reconciler_free);
  g_free (import);
}

/* Values */

/**
 * sl_sharing_parse_time:
 * @text: Unix seconds, a date, or an ISO 8601 date-time (UTC unless it
 *   carries an offset)
 */
gboolean
sl_sharing_parse_time (const char  *text,
                       gint64      *out_utc,
                       GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *p = text;

  if (*p == '-')
    p++;
  if (*p != '\0' && strspn (p, "0123456789") == strlen (p))
    {
      guint64 magnitude;

      if (!g_ascii_string_to_unsigned (p, 10, 0, G_MAXINT64, &magnitude, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is out of range"), text);
          return FALSE;
        }
      *out_utc = p == text ? (gint64) magnitude : -(gint64) magnitude;
      return TRUE;
    }

  return sl_timestamp_parse (text, SL_TIME_FORMAT_YMD, utc, out_utc, error);
}

char *
sl_sharing_format_time (gint64 utc)
{
  return sl_timestamp_format_utc (utc);
}

/**
 * sl_sharing_parse_retention:
 * @text: "30 days", "2 years", "6 months", "1 week", "365" (days), or
 *   "NA"/"N/A"/"unknown"
 * @set: (out): FALSE when @text is empty (leave the stored value)
 * @days: (out): the days, or SL_RETENTION_UNKNOWN
 */
gboolean
sl_sharing_parse_retention (const char  *text,
                            gboolean    *set,
                            int         *days,
                            GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  const char *unit;
  double value;
  double factor = 1;

  g_strstrip (lower);
  *set = *lower != '\0';
  *days = SL_RETENTION_UNKNOWN;
  if (!*set || g_str_equal (lower, "na") || g_str_equal (lower, "n/a") ||
      g_str_equal (lower, "unknown"))
    return TRUE;

  if (!sl_number_parse_prefix (lower, &value, &unit) || value < 0)
    goto invalid;
  while (g_ascii_isspace (*unit))
    unit++;

  if (*unit == '\0' || g_str_equal (unit, "d") || g_str_has_prefix (unit, "day"))
    factor = 1;
  else if (g_str_has_prefix (unit, "week") || g_str_equal (unit, "wk") || g_str_equal (unit, "wks"))
    factor = 7;
  else if (g_str_has_prefix (unit, "month") || g_str_equal (unit, "mo"))
    factor = 30;
  else if (g_str_has_prefix (unit, "year") || g_str_equal (unit, "yr") || g_str_equal (unit, "yrs"))
    factor = 365;
  else
    goto invalid;

  if (value * factor > G_MAXINT)
    goto invalid;
  *days = (int) floor (value * factor + 0.5);
  return TRUE;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not a retention (write e.g. “30 days”, “2 years”, “365” or “NA”)"),
               text);
  return FALSE;
}

static gboolean
parse_kind (const char     *text,
            SlSharingKind  *kind,
            GError        **error)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalpha (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
    }

  if (key->len == 0 || g_str_equal (key->str, "reads") || g_str_equal (key->str, "read") ||
      g_str_equal (key->str, "detections"))
    *kind = SL_SHARING_KIND_READS;
  else if (g_str_equal (key->str, "hotlists") || g_str_equal (key->str, "hotlist"))
    *kind = SL_SHARING_KIND_HOTLISTS;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("unknown kind “%s” (expected reads or hotlists)"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_provenance (const char    *text,
                  SlProvenance  *provenance,
                  GError       **error)
{
  if (sl_provenance_from_string (text, provenance))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("unknown provenance “%s” (expected document, audit-log or assumed)"), text);
  return FALSE;
}

static gboolean
parse_agency_type (const char    *text,
                   SlAgencyType  *type,
                   GError       **error)
{
  g_autofree char *key = g_ascii_strdown (text, -1);
  g_autofree char *centre = NULL;

  g_strstrip (key);
  g_strdelimit (key, " _", '-');
  centre = g_strstr_len (key, -1, "centre") != NULL ? g_strdup (key) : NULL;
  if (centre != NULL)
    memcpy (strstr (centre, "centre"), "center", 6);

  if (sl_agency_type_from_string (centre != NULL ? centre : key, type))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("unknown agency type “%s” (expected municipal-police, sheriff, state-police, "
                 "university-police, federal, fusion-center, prosecutor, private or other)"),
               text);
  return FALSE;
}

static gboolean
parse_boolean (const char  *text,
               gboolean    *value,
               GError     **error)
{
  g_autofree char *key = g_ascii_strdown (text, -1);

  g_strstrip (key);
  if (g_str_equal (key, "") || g_str_equal (key, "no") || g_str_equal (key, "n") ||
      g_str_equal (key, "false") || g_str_equal (key, "0"))
    *value = FALSE;
  else if (g_str_equal (key, "yes") || g_str_equal (key, "y") || g_str_equal (key, "true") ||
           g_str_equal (key, "1"))
    *value = TRUE;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not yes or no"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_degrees (const char  *text,
               double       limit,
               double      *value,
               GError     **error)
{
  if (!sl_number_parse (text, value) || fabs (*value) > limit)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a coordinate between −%g and %g"), text, limit, limit);
      return FALSE;
    }
  return TRUE;
}

/* The importer */

typedef struct
{
  SlProject          *project;
  const char         *path;
  SlSharingImport    *result;
  gint64              scenario_id;
  sqlite3_stmt       *insert_edge;
  GHashTable         *pools;
} Importer;

static void
importer_clear (Importer *self)
{
  g_clear_pointer (&self->insert_edge, sqlite3_finalize);
  g_clear_pointer (&self->pools, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Importer, importer_clear)

/* Prefixes @error with where the bad value is. */
static void
locate_error (GError     **error,
              const char  *path,
              guint        line,
              const char  *field)
{
  if (error == NULL || *error == NULL)
    return;

  if (field != NULL)
    g_prefix_error (error, _("%s:%u: field “%s”: "), path, line, field);
  else
    g_prefix_error (error, "%s:%u: ", path, line);
}

static gboolean
step_done (SlProject    *project,
           sqlite3_stmt *stmt,
           const char   *context,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, context);
      return FALSE;
    }
  return TRUE;
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

static gint64
query_id (SlProject   *project,
          const char  *sql,
          const char  *text,
          GError     **error)
{
  sqlite3_stmt *stmt = prepare (project, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, sql);
      return -1;
    }
  return id;
}

static gboolean
importer_init (Importer         *self,
               SlProject        *project,
               const char       *path,
               SlSharingImport  *result,
               GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  self->project = project;
  self->path = path;
  self->result = result;
  self->pools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = prepare (project, "SELECT normalized_name, id FROM pools", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (self->pools, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_memdup2 (&id, sizeof id));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "pools");
      return FALSE;
    }

  self->insert_edge = prepare (project,
                               "INSERT INTO sharing_edges (scenario_id, owner_id, recipient_agency_id, "
                               "recipient_pool_id, kind, valid_from, valid_to, provenance, document, note) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               error);
  return self->insert_edge != NULL;
}

static gint64
find_pool (Importer   *self,
           const char *name)
{
  g_autofree char *key = sl_agency_normalize_name (name);
  gint64 *id = g_hash_table_lookup (self->pools, key);

  return id != NULL ? *id : 0;
}

/* A pool named only as a recipient: size and membership unknown. */
static gint64
ensure_pool (Importer    *self,
             const char  *name,
             GError     **error)
{
  g_autofree char *display = g_strstrip (g_utf8_make_valid (name, -1));
  g_autofree char *key = sl_agency_normalize_name (display);
  sqlite3_stmt *stmt;
  gint64 id = find_pool (self, display);

  if (id != 0)
    return id;
  if (*key == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a pool name: it has no letters or digits"), display);
      return 0;
    }

  stmt = prepare (self->project, "INSERT INTO pools (name, normalized_name) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, display, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (!step_done (self->project, stmt, "pools", error))
    {
      sqlite3_finalize (stmt);
      return 0;
    }
  sqlite3_finalize (stmt);

  id = sqlite3_last_insert_rowid (sl_project_get_db (self->project));
  g_hash_table_insert (self->pools, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  self->result->n_pools++;
  return id;
}

/* Creates the scenario, or with @replace empties an existing one of its
 * own edges and edits (its children keep deriving from it). */
static gboolean
open_scenario (Importer     *self,
               const char   *name,
               gboolean      replace,
               const char   *parent,
               const char   *description,
               GError      **error)
{
  gint64 parent_id = 0;
  sqlite3_stmt *stmt;
  gint64 id;

  if (parent != NULL)
    {
      parent_id = query_id (self->project, "SELECT id FROM scenarios WHERE name = ?1", parent, error);
      if (parent_id < 0)
        return FALSE;
      if (parent_id == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("no scenario named “%s” to derive from; import it first"), parent);
          return FALSE;
        }
    }

  id = query_id (self->project, "SELECT id FROM scenarios WHERE name = ?1", name, error);
  if (id < 0)
    return FALSE;

  if (id > 0 && parent_id > 0)
    {
      /* The new parent must not descend from this scenario. */
      gint64 ancestor = parent_id;

      while (ancestor != 0)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, ancestor);

          if (ancestor == id)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("scenario “%s” cannot derive from “%s”, which derives from it"),
                           name, parent);
              return FALSE;
            }
          ancestor = query_id (self->project,
                               "SELECT coalesce (parent_id, 0) FROM scenarios WHERE id = ?1",
                               text, error);
          if (ancestor < 0)
            return FALSE;
        }
    }

  if (id == 0)
    {
      stmt = prepare (self->project,
                      "INSERT INTO scenarios (name, parent_id, description) VALUES (?1, ?2, ?3)",
                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      if (parent_id > 0)
        sqlite3_bind_int64 (stmt, 2, parent_id);
      sqlite3_bind_text (stmt, 3, description, -1, SQLITE_STATIC);
      if (!step_done (self->project, stmt, "scenarios", error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      id = sqlite3_last_insert_rowid (sl_project_get_db (self->project));
    }
  else if (replace)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM sharing_edges WHERE scenario_id = %" G_GINT64_FORMAT ";"
                                              "DELETE FROM scenario_edits WHERE scenario_id = %" G_GINT64_FORMAT,
                                              id, id);

      if (!sl_project_exec (self->project, sql, error))
        return FALSE;

      stmt = prepare (self->project,
                      "UPDATE scenarios SET parent_id = ?2, description = ?3 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (parent_id > 0)
        sqlite3_bind_int64 (stmt, 2, parent_id);
      sqlite3_bind_text (stmt, 3, description, -1, SQLITE_STATIC);
      if (!step_done (self->project, stmt, "scenarios", error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
    }

  self->scenario_id = id;
  self->result->scenario = g_strdup (name);
  return TRUE;
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           gint64        time,
           gint64        open_value)
{
  if (time == open_value)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, time);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
insert_edge (Importer            *self,
             const SlSharingEdge *edge,
             GError             **error)
{
  sqlite3_stmt *stmt = self->insert_edge;

  sqlite3_bind_int64 (stmt, 1, self->scenario_id);
  sqlite3_bind_int64 (stmt, 2, edge->owner_id);
  if (edge->recipient_agency_id != 0)
    {
      sqlite3_bind_int64 (stmt, 3, edge->recipient_agency_id);
      sqlite3_bind_null (stmt, 4);
    }
  else
    {
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, edge->recipient_pool_id);
    }
  sqlite3_bind_text (stmt, 5, sl_sharing_kind_to_string (edge->kind), -1, SQLITE_STATIC);
  bind_time (stmt, 6, edge->valid_from, SL_TIME_MIN);
  bind_time (stmt, 7, edge->valid_to, SL_TIME_MAX);
  sqlite3_bind_text (stmt, 8, sl_provenance_to_string (edge->provenance), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 9, edge->document);
  bind_text_or_null (stmt, 10, edge->note);

  if (!step_done (self->project, stmt, "sharing_edges", error))
    return FALSE;

  self->result->n_edges++;
  return TRUE;
}

/* Resolves a recipient: a pool when @type says so or, without a type, when
 * a pool has that name; otherwise an agency. */
static gboolean
resolve_recipient (Importer     *self,
                   const char   *name,
                   const char   *type,
                   gint64       *agency_id,
                   gint64       *pool_id,
                   GError      **error)
{
  *agency_id = *pool_id = 0;

  if (type != NULL && *type != '\0' && g_ascii_strcasecmp (type, "pool") != 0 &&
      g_ascii_strcasecmp (type, "agency") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("unknown recipient type “%s” (expected agency or pool)"), type);
      return FALSE;
    }

  if ((type != NULL && g_ascii_strcasecmp (type, "pool") == 0) ||
      ((type == NULL || *type == '\0') && find_pool (self, name) != 0))
    {
      *pool_id = ensure_pool (self, name, error);
      return *pool_id != 0;
    }

  *agency_id = sl_agency_reconciler_resolve (self->result->reconciler, name, error);
  return *agency_id != 0;
}

static gboolean
check_window (gint64   from,
              gint64   to,
              GError **error)
{
  if (from >= to)
    {
      g_autofree char *from_text = sl_sharing_format_time (from);
      g_autofree char *to_text = sl_sharing_format_time (to);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("the window ends (%s) before it starts (%s)"), to_text, from_text);
      return FALSE;
    }
  return TRUE;
}

/* CSV */

typedef struct
{
  const char *role;
  gboolean    required;
  const char *names[9];
} RoleSpec;

enum {
  EDGE_OWNER, EDGE_RECIPIENT, EDGE_RECIPIENT_TYPE, EDGE_KIND, EDGE_VALID_FROM, EDGE_VALID_TO,
  EDGE_PROVENANCE, EDGE_DOCUMENT, EDGE_NOTE, N_EDGE_ROLES
};

static const RoleSpec edge_roles[N_EDGE_ROLES] = {
  { "owner", TRUE, { "owner", "source", "from", "agency", "sharingagency", "owneragency", "sourceagency" } },
  { "recipient", TRUE, { "recipient", "target", "to", "sharedwith", "recipientagency", "destination" } },
  { "recipient_type", FALSE, { "recipienttype", "targettype" } },
  { "kind", FALSE, { "kind", "type", "data" } },
  { "valid_from", FALSE, { "validfrom", "fromdate", "start", "startdate", "since" } },
  { "valid_to", FALSE, { "validto", "todate", "end", "enddate", "until" } },
  { "provenance", FALSE, { "provenance", "sourcetype" } },
  { "document", FALSE, { "document", "sourcedocument" } },
  { "note", FALSE, { "note", "notes", "comment", "comments" } },
};

enum {
  AGENCY_NAME, AGENCY_TYPE, AGENCY_STATE, AGENCY_RETENTION, AGENCY_RESHARES, AGENCY_ALIASES,
  AGENCY_LATITUDE, AGENCY_LONGITUDE, N_AGENCY_ROLES
};

static const RoleSpec agency_roles[N_AGENCY_ROLES] = {
  { "name", TRUE, { "name", "agency", "agencyname" } },
  { "type", FALSE, { "type", "agencytype" } },
  { "state", FALSE, { "state", "st" } },
  { "retention", FALSE, { "retention", "retentiondays", "dataretention" } },
  { "reshares", FALSE, { "reshares", "reshare", "passeson" } },
  { "aliases", FALSE, { "aliases", "alias", "othernames" } },
  { "latitude", FALSE, { "latitude", "lat" } },
  { "longitude", FALSE, { "longitude", "lon", "lng", "long" } },
};

/* Header names compare without case, spaces, '-', '_' and '.'. */
static char *
header_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p != ' ' && *p != '-' && *p != '_' && *p != '.')
        g_string_append_c (key, g_ascii_tolower (*p));
    }
  return g_string_free (key, FALSE);
}

static gboolean
map_columns (const char * const *header,
             const RoleSpec     *roles,
             guint               n_roles,
             const char * const *maps,
             const char         *path,
             guint               header_line,
             int                *columns,
             GError            **error)
{
  guint n_columns = header != NULL ? g_strv_length ((char **) header) : 0;

  for (guint r = 0; r < n_roles; r++)
    columns[r] = -1;

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *key = header_key (header[c]);

      for (guint r = 0; r < n_roles; r++)
        {
          if (columns[r] < 0 && g_strv_contains (roles[r].names, key))
            {
              columns[r] = c;
              break;
            }
        }
    }

  for (guint m = 0; maps != NULL && maps[m] != NULL; m++)
    {
      const char *equals = strchr (maps[m], '=');
      g_autofree char *role = equals != NULL ? g_strndup (maps[m], equals - maps[m]) : NULL;
      g_autofree char *column_key = equals != NULL ? header_key (equals + 1) : NULL;
      guint64 number = 0;
      int found_role = -1;
      int found_column = -1;

      if (role != NULL)
        g_strdelimit (role, "-", '_');
      for (guint r = 0; role != NULL && r < n_roles; r++)
        {
          if (g_str_equal (role, roles[r].role))
            found_role = r;
        }
      if (found_role < 0)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint r = 0; r < n_roles; r++)
            g_string_append_printf (known, r == 0 ? "%s" : ", %s", roles[r].role);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("--map %s: unknown role (expected ROLE=COLUMN with ROLE one of %s)"),
                       maps[m], known->str);
          return FALSE;
        }

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *key = header_key (header[c]);

          if (found_column < 0 && g_str_equal (key, column_key))
            found_column = c;
        }
      if (found_column < 0 &&
          g_ascii_string_to_unsigned (equals + 1, 10, 1, n_columns, &number, NULL))
        found_column = number - 1;
      if (found_column < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("--map %s: %s has no column “%s”"), maps[m], path, equals + 1);
          return FALSE;
        }

      /* The column now has this role only. */
      for (guint r = 0; r < n_roles; r++)
        {
          if (columns[r] == found_column)
            columns[r] = -1;
        }
      columns[found_role] = found_column;
    }

  for (guint r = 0; r < n_roles; r++)
    {
      if (roles[r].required && columns[r] < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s:%u: no column for “%s”; name one with --map %s=COLUMN"),
                       path, header_line, roles[r].role, roles[r].role);
          return FALSE;
        }
    }

  return TRUE;
}

static SlCsvReader *
open_csv (const char  *path,
          GError     **error)
{
  g_autoptr(SlCsvReader) reader = sl_csv_reader_new_for_path (path, error);

  if (reader == NULL)
    return NULL;
  sl_csv_reader_set_header_mode (reader, SL_CSV_HEADER_PRESENT);
  if (!sl_csv_reader_sniff (reader, NULL, error))
    return NULL;
  return g_steal_pointer (&reader);
}

/* The field of @role in the current record, stripped; "" when absent. */
static char *
csv_field (SlCsvReader *reader,
           const int   *columns,
           guint        role)
{
  const char *value;

  if (columns[role] < 0 || (guint) columns[role] >= sl_csv_reader_get_n_fields (reader))
    return g_strdup ("");
  value = sl_csv_reader_get_field (reader, columns[role], NULL);
  return g_strstrip (g_strdup (value != NULL ? value : ""));
}

/* Names and notes from the file are stored and shown, and quoted in error
 * messages: a mapped field that is not UTF-8 is refused rather than stored
 * as bytes no widget or message can show. */
static gboolean
check_utf8 (SlCsvReader  *reader,
            const int    *columns,
            guint         n_roles,
            const char   *path,
            guint         line,
            GError      **error)
{
  const char * const *header = sl_csv_reader_get_header (reader);

  for (guint role = 0; role < n_roles; role++)
    {
      guint column = columns[role];

      if (columns[role] < 0 || column >= sl_csv_reader_get_n_fields (reader) ||
          g_utf8_validate (sl_csv_reader_get_field (reader, column, NULL), -1, NULL))
        continue;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("the value is not valid UTF-8 text; save the file as UTF-8"));
      locate_error (error, path, line,
                    header != NULL && column < g_strv_length ((char **) header) ? header[column] : NULL);
      return FALSE;
    }

  return TRUE;
}

static gboolean
csv_time (SlCsvReader *reader,
          const int   *columns,
          guint        role,
          gint64       open_value,
          gint64      *time,
          GError     **error)
{
  g_autofree char *text = csv_field (reader, columns, role);

  *time = open_value;
  return *text == '\0' || sl_sharing_parse_time (text, time, error);
}

static gboolean
import_edges_csv (Importer            *self,
                  SlCsvReader         *reader,
                  const char          *scenario,
                  const char * const  *maps,
                  GError             **error)
{
  g_autofree char *document = g_path_get_basename (self->path);
  int columns[N_EDGE_ROLES];
  GError *local_error = NULL;

  if (!map_columns (sl_csv_reader_get_header (reader), edge_roles, N_EDGE_ROLES, maps,
                    self->path, sl_csv_reader_get_header_line (reader), columns, error) ||
      !open_scenario (self, scenario, FALSE, NULL, NULL, error))
    return FALSE;

  while (sl_csv_reader_next (reader, NULL, &local_error))
    {
      guint line = sl_csv_reader_get_line (reader);
      g_autofree char *owner = csv_field (reader, columns, EDGE_OWNER);
      g_autofree char *recipient = csv_field (reader, columns, EDGE_RECIPIENT);
      g_autofree char *type = csv_field (reader, columns, EDGE_RECIPIENT_TYPE);
      g_autofree char *kind = csv_field (reader, columns, EDGE_KIND);
      g_autofree char *provenance = csv_field (reader, columns, EDGE_PROVENANCE);
      g_autofree char *document_field = csv_field (reader, columns, EDGE_DOCUMENT);
      g_autofree char *note = csv_field (reader, columns, EDGE_NOTE);
      SlSharingEdge edge = { 0, };
      const char *field = NULL;

      if (!check_utf8 (reader, columns, N_EDGE_ROLES, self->path, line, error))
        return FALSE;

      edge.provenance = SL_PROVENANCE_DOCUMENT;
      edge.note = note;

      if (*owner == '\0' && *recipient == '\0' && sl_csv_reader_get_n_fields (reader) <= 1)
        continue;

      if ((field = "owner", *owner == '\0') || (field = "recipient", *recipient == '\0'))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("empty"));
          locate_error (error, self->path, line, field);
          return FALSE;
        }

      if (!(field = "owner",
            (edge.owner_id = sl_agency_reconciler_resolve (self->result->reconciler, owner, error)) != 0) ||
          !(field = "recipient",
            resolve_recipient (self, recipient, type, &edge.recipient_agency_id,
                               &edge.recipient_pool_id, error)) ||
          !(field = "kind", parse_kind (kind, &edge.kind, error)) ||
          !(field = "valid_from", csv_time (reader, columns, EDGE_VALID_FROM, SL_TIME_MIN,
                                            &edge.valid_from, error)) ||
          !(field = "valid_to", csv_time (reader, columns, EDGE_VALID_TO, SL_TIME_MAX,
                                          &edge.valid_to, error)) ||
          !(field = "valid_to", check_window (edge.valid_from, edge.valid_to, error)) ||
          !(field = "provenance", *provenance == '\0' || parse_provenance (provenance, &edge.provenance, error)))
        {
          locate_error (error, self->path, line, field);
          return FALSE;
        }

      if (edge.provenance == SL_PROVENANCE_DOCUMENT)
        edge.document = *document_field != '\0' ? document_field : document;
      else
        edge.document = document_field;

      if (!insert_edge (self, &edge, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gboolean      set_type;
  SlAgencyType  type;
  gboolean      set_state;
  const char   *state;
  gboolean      set_retention;
  int           retention_days;
  gboolean      set_reshares;
  gboolean      reshares;
  gboolean      set_latitude;
  double        latitude;
  gboolean      set_longitude;
  double        longitude;
} AgencyFacts;

static gboolean
update_agency (Importer           *self,
               gint64              id,
               const AgencyFacts  *facts,
               GError            **error)
{
  sqlite3_stmt *stmt = prepare (self->project,
                                "UPDATE agencies SET "
                                "type = CASE WHEN ?2 THEN ?3 ELSE type END, "
                                "state = CASE WHEN ?4 THEN ?5 ELSE state END, "
                                "retention_days = CASE WHEN ?6 THEN ?7 ELSE retention_days END, "
                                "reshares = CASE WHEN ?8 THEN ?9 ELSE reshares END, "
                                "latitude = CASE WHEN ?10 THEN ?11 ELSE latitude END, "
                                "longitude = CASE WHEN ?12 THEN ?13 ELSE longitude END "
                                "WHERE id = ?1",
                                error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, facts->set_type);
  sqlite3_bind_text (stmt, 3, sl_agency_type_to_string (facts->type), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, facts->set_state);
  bind_text_or_null (stmt, 5, facts->state);
  sqlite3_bind_int (stmt, 6, facts->set_retention);
  if (facts->retention_days >= 0)
    sqlite3_bind_int (stmt, 7, facts->retention_days);
  sqlite3_bind_int (stmt, 8, facts->set_reshares);
  sqlite3_bind_int (stmt, 9, facts->reshares);
  sqlite3_bind_int (stmt, 10, facts->set_latitude);
  if (!isnan (facts->latitude))
    sqlite3_bind_double (stmt, 11, facts->latitude);
  sqlite3_bind_int (stmt, 12, facts->set_longitude);
  if (!isnan (facts->longitude))
    sqlite3_bind_double (stmt, 13, facts->longitude);

  ok = step_done (self->project, stmt, "agencies", error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
parse_state (const char  *text,
             GError     **error)
{
  if (strlen (text) == 2 && g_ascii_isalpha (text[0]) && g_ascii_isalpha (text[1]))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not a two-letter state code"), text);
  return FALSE;
}

static gboolean
import_agencies_csv (Importer            *self,
                     SlCsvReader         *reader,
                     const char * const  *maps,
                     GError             **error)
{
  int columns[N_AGENCY_ROLES];
  GError *local_error = NULL;

  if (!map_columns (sl_csv_reader_get_header (reader), agency_roles, N_AGENCY_ROLES, maps,
                    self->path, sl_csv_reader_get_header_line (reader), columns, error))
    return FALSE;

  while (sl_csv_reader_next (reader, NULL, &local_error))
    {
      guint line = sl_csv_reader_get_line (reader);
      g_autofree char *name = csv_field (reader, columns, AGENCY_NAME);
      g_autofree char *type = csv_field (reader, columns, AGENCY_TYPE);
      g_autofree char *state_field = csv_field (reader, columns, AGENCY_STATE);
      g_autofree char *state = g_ascii_strup (state_field, -1);
      g_autofree char *retention = csv_field (reader, columns, AGENCY_RETENTION);
      g_autofree char *reshares = csv_field (reader, columns, AGENCY_RESHARES);
      g_autofree char *aliases = csv_field (reader, columns, AGENCY_ALIASES);
      g_autofree char *latitude = csv_field (reader, columns, AGENCY_LATITUDE);
      g_autofree char *longitude = csv_field (reader, columns, AGENCY_LONGITUDE);
      g_auto(GStrv) alias_list = g_strsplit (aliases, ";", -1);
      AgencyFacts facts = { 0, };
      const char *field = "name";
      gint64 id;

      if (*name == '\0' && sl_csv_reader_get_n_fields (reader) <= 1)
        continue;

      if (!check_utf8 (reader, columns, N_AGENCY_ROLES, self->path, line, error))
        return FALSE;

      facts.latitude = facts.longitude = NAN;
      facts.set_type = *type != '\0';
      facts.set_state = *state != '\0';
      facts.state = state;
      facts.set_reshares = *reshares != '\0';
      facts.set_latitude = *latitude != '\0';
      facts.set_longitude = *longitude != '\0';

      if (*name == '\0')
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("empty"));

      if (*name == '\0' ||
          !(field = "type", !facts.set_type || parse_agency_type (type, &facts.type, error)) ||
          !(field = "state", !facts.set_state || parse_state (state, error)) ||
          !(field = "retention", sl_sharing_parse_retention (retention, &facts.set_retention,
                                                              &facts.retention_days, error)) ||
          !(field = "reshares", parse_boolean (reshares, &facts.reshares, error)) ||
          !(field = "latitude", !facts.set_latitude || parse_degrees (latitude, 90, &facts.latitude, error)) ||
          !(field = "longitude", !facts.set_longitude || parse_degrees (longitude, 180, &facts.longitude, error)) ||
          !(field = "name", (id = sl_agency_reconciler_resolve (self->result->reconciler, name, error)) != 0))
        {
          locate_error (error, self->path, line, field);
          return FALSE;
        }

      for (guint i = 0; alias_list[i] != NULL; i++)
        {
          g_strstrip (alias_list[i]);
          if (*alias_list[i] != '\0' &&
              !sl_agency_reconciler_add_alias (self->result->reconciler, id, alias_list[i], error))
            {
              locate_error (error, self->path, line, "aliases");
              return FALSE;
            }
        }

      if (!update_agency (self, id, &facts, error))
        return FALSE;
      self->result->n_agencies++;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* JSON */

typedef struct
{
  Importer    *importer;
  SlJsonLines *lines;
} JsonContext;

/* Sets @error to "FILE:LINE: field “WHERE.MEMBER”: MESSAGE". */
static void G_GNUC_PRINTF (6, 7)
json_error (JsonContext  *ctx,
            JsonObject   *object,
            const char   *where,
            const char   *member,
            GError      **error,
            const char   *format,
            ...);

static void
json_error (JsonContext  *ctx,
            JsonObject   *object,
            const char   *where,
            const char   *member,
            GError      **error,
            const char   *format,
            ...)
{
  g_autofree char *message = NULL;
  g_autofree char *field = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  field = where != NULL ? g_strdup_printf ("%s.%s", where, member) : g_strdup (member);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s:%u: field “%s”: %s"),
               ctx->importer->path, sl_json_lines_member (ctx->lines, object, member), field, message);
}

static void
json_locate (JsonContext  *ctx,
             JsonObject   *object,
             const char   *where,
             const char   *member,
             GError      **error)
{
  g_autofree char *field = where != NULL ? g_strdup_printf ("%s.%s", where, member) : g_strdup (member);

  locate_error (error, ctx->importer->path, sl_json_lines_member (ctx->lines, object, member), field);
}

/* A string member: @required says whether it must be present and not null. */
static gboolean
json_string (JsonContext  *ctx,
             JsonObject   *object,
             const char   *where,
             const char   *member,
             gboolean      required,
             const char  **value,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      json_error (ctx, object, where, member, error, node == NULL ? _("missing") : _("must not be null"));
      return FALSE;
    }

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      json_error (ctx, object, where, member, error, _("expected a string"));
      return FALSE;
    }

  *value = json_node_get_string (node);
  if (required && **value == '\0')
    {
      json_error (ctx, object, where, member, error, _("empty"));
      return FALSE;
    }
  return TRUE;
}

/* A time member: a string the CSV importer would accept, or an integer of
 * Unix seconds; null or absent is @open_value. */
static gboolean
json_time (JsonContext  *ctx,
           JsonObject   *object,
           const char   *where,
           const char   *member,
           gint64        open_value,
           gint64       *value,
           GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = open_value;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (sl_sharing_parse_time (json_node_get_string (node), value, error))
        return TRUE;
      json_locate (ctx, object, where, member, error);
      return FALSE;
    }

  json_error (ctx, object, where, member, error, _("expected a time"));
  return FALSE;
}

/* An integer member ≥ 0, or -1 for null; @present says whether it exists. */
static gboolean
json_count (JsonContext  *ctx,
            JsonObject   *object,
            const char   *where,
            const char   *member,
            gboolean     *present,
            gint64       *value,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = node != NULL;
  *value = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= 0 && json_node_get_int (node) <= G_MAXINT)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  json_error (ctx, object, where, member, error, _("expected a whole number ≥ 0 or null"));
  return FALSE;
}

static gboolean
json_boolean (JsonContext  *ctx,
              JsonObject   *object,
              const char   *where,
              const char   *member,
              gboolean     *present,
              gboolean     *value,
              GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = node != NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node);
      return TRUE;
    }

  json_error (ctx, object, where, member, error, _("expected true or false"));
  return FALSE;
}

static gboolean
json_degrees (JsonContext  *ctx,
              JsonObject   *object,
              const char   *where,
              const char   *member,
              double        limit,
              gboolean     *present,
              double       *value,
              GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = node != NULL;
  *value = NAN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64))
    {
      *value = json_node_get_double (node);
      if (fabs (*value) <= limit)
        return TRUE;
    }

  json_error (ctx, object, where, member, error, _("expected a coordinate between −%g and %g"), limit, limit);
  return FALSE;
}

/* The array member @member (absent = empty), each element an object. */
static JsonArray *
json_objects (JsonContext  *ctx,
              JsonObject   *object,
              const char   *member,
              GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      json_error (ctx, object, NULL, member, error, _("expected an array"));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
        {
          json_error (ctx, object, NULL, member, error, _("element %u is not an object"), i);
          return NULL;
        }
    }
  return array;
}

static gboolean
json_strings (JsonContext  *ctx,
              JsonObject   *object,
              const char   *where,
              const char   *member,
              JsonArray   **array,
              GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (*array); i++)
        {
          JsonNode *element = json_array_get_element (*array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              json_error (ctx, object, where, member, error, _("element %u is not a string"), i);
              return FALSE;
            }
        }
      return TRUE;
    }

  json_error (ctx, object, where, member, error, _("expected an array of strings"));
  return FALSE;
}

static gint64
json_agency (JsonContext  *ctx,
             JsonObject   *object,
             const char   *where,
             const char   *member,
             GError      **error)
{
  const char *name;
  gint64 id;

  if (!json_string (ctx, object, where, member, TRUE, &name, error))
    return 0;
  id = sl_agency_reconciler_resolve (ctx->importer->result->reconciler, name, error);
  if (id == 0)
    json_locate (ctx, object, where, member, error);
  return id;
}

static gboolean
json_import_agency (JsonContext  *ctx,
                    JsonObject   *object,
                    const char   *where,
                    GError      **error)
{
  Importer *self = ctx->importer;
  AgencyFacts facts = { 0, };
  const char *type = NULL;
  JsonArray *aliases = NULL;
  gint64 retention;
  gint64 id;

  if ((id = json_agency (ctx, object, where, "name", error)) == 0 ||
      !json_string (ctx, object, where, "type", FALSE, &type, error) ||
      !json_string (ctx, object, where, "state", FALSE, &facts.state, error) ||
      !json_count (ctx, object, where, "retention_days", &facts.set_retention, &retention, error) ||
      !json_boolean (ctx, object, where, "reshares", &facts.set_reshares, &facts.reshares, error) ||
      !json_degrees (ctx, object, where, "latitude", 90, &facts.set_latitude, &facts.latitude, error) ||
      !json_degrees (ctx, object, where, "longitude", 180, &facts.set_longitude, &facts.longitude, error) ||
      !json_strings (ctx, object, where, "aliases", &aliases, error))
    return FALSE;

  facts.set_type = type != NULL;
  facts.set_state = json_object_has_member (object, "state");
  facts.retention_days = retention < 0 ? SL_RETENTION_UNKNOWN : (int) retention;
  if (type != NULL && !parse_agency_type (type, &facts.type, error))
    {
      json_locate (ctx, object, where, "type", error);
      return FALSE;
    }
  if (facts.state != NULL && !parse_state (facts.state, error))
    {
      json_locate (ctx, object, where, "state", error);
      return FALSE;
    }

  for (guint i = 0; aliases != NULL && i < json_array_get_length (aliases); i++)
    {
      if (!sl_agency_reconciler_add_alias (self->result->reconciler, id,
                                           json_array_get_string_element (aliases, i), error))
        {
          json_locate (ctx, object, where, "aliases", error);
          return FALSE;
        }
    }

  if (!update_agency (self, id, &facts, error))
    return FALSE;
  self->result->n_agencies++;
  return TRUE;
}

static gboolean
json_import_pool (JsonContext  *ctx,
                  JsonObject   *object,
                  const char   *where,
                  GError      **error)
{
  Importer *self = ctx->importer;
  const char *name;
  JsonArray *members = NULL;
  gboolean has_size, has_listed, listed = FALSE;
  gint64 size;
  gint64 pool_id;
  guint n_pools = self->result->n_pools;
  sqlite3_stmt *stmt;
  g_autofree char *sql = NULL;

  if (!json_string (ctx, object, where, "name", TRUE, &name, error) ||
      !json_count (ctx, object, where, "declared_size", &has_size, &size, error) ||
      !json_boolean (ctx, object, where, "members_listed", &has_listed, &listed, error) ||
      !json_strings (ctx, object, where, "members", &members, error))
    return FALSE;

  if ((pool_id = ensure_pool (self, name, error)) == 0)
    {
      json_locate (ctx, object, where, "name", error);
      return FALSE;
    }
  if (self->result->n_pools == n_pools)
    self->result->n_pools++;

  /* A pool is what the file says it is: size, listing and members. */
  stmt = prepare (self->project,
                  "UPDATE pools SET declared_size = ?2, members_listed = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pool_id);
  if (size >= 0)
    sqlite3_bind_int64 (stmt, 2, size);
  sqlite3_bind_int (stmt, 3, listed);
  if (!step_done (self->project, stmt, "pools", error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  sql = g_strdup_printf ("DELETE FROM pool_members WHERE pool_id = %" G_GINT64_FORMAT, pool_id);
  if (!sl_project_exec (self->project, sql, error))
    return FALSE;

  stmt = prepare (self->project,
                  "INSERT OR IGNORE INTO pool_members (pool_id, agency_id) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      gint64 agency = sl_agency_reconciler_resolve (self->result->reconciler,
                                                    json_array_get_string_element (members, i), error);

      if (agency == 0)
        {
          json_locate (ctx, object, where, "members", error);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, pool_id);
      sqlite3_bind_int64 (stmt, 2, agency);
      if (!step_done (self->project, stmt, "pool_members", error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  return TRUE;
}

/* The members an edge and an add-edge edit share. */
static gboolean
json_edge (JsonContext    *ctx,
           JsonObject     *object,
           const char     *where,
           SlSharingEdge  *edge,
           gboolean        windows,
           GError        **error)
{
  const char *recipient, *type, *kind, *provenance;

  memset (edge, 0, sizeof *edge);
  edge->valid_from = SL_TIME_MIN;
  edge->valid_to = SL_TIME_MAX;
  edge->provenance = SL_PROVENANCE_ASSUMED;

  if ((edge->owner_id = json_agency (ctx, object, where, "owner", error)) == 0 ||
      !json_string (ctx, object, where, "recipient", TRUE, &recipient, error) ||
      !json_string (ctx, object, where, "recipient_type", FALSE, &type, error) ||
      !json_string (ctx, object, where, "kind", FALSE, &kind, error))
    return FALSE;

  if (type != NULL && g_strcmp0 (type, "agency") != 0 && g_strcmp0 (type, "pool") != 0)
    {
      json_error (ctx, object, where, "recipient_type", error,
                  _("unknown recipient type “%s” (expected agency or pool)"), type);
      return FALSE;
    }
  if (!resolve_recipient (ctx->importer, recipient, type != NULL ? type : "agency",
                          &edge->recipient_agency_id, &edge->recipient_pool_id, error))
    {
      json_locate (ctx, object, where, "recipient", error);
      return FALSE;
    }

  if (kind != NULL && !parse_kind (kind, &edge->kind, error))
    {
      json_locate (ctx, object, where, "kind", error);
      return FALSE;
    }

  if (!windows)
    return TRUE;

  if (!json_time (ctx, object, where, "valid_from", SL_TIME_MIN, &edge->valid_from, error) ||
      !json_time (ctx, object, where, "valid_to", SL_TIME_MAX, &edge->valid_to, error) ||
      !json_string (ctx, object, where, "provenance", FALSE, &provenance, error) ||
      !json_string (ctx, object, where, "document", FALSE, (const char **) &edge->document, error) ||
      !json_string (ctx, object, where, "note", FALSE, (const char **) &edge->note, error))
    return FALSE;

  if (!check_window (edge->valid_from, edge->valid_to, error))
    {
      json_locate (ctx, object, where, "valid_to", error);
      return FALSE;
    }
  if (provenance != NULL && !parse_provenance (provenance, &edge->provenance, error))
    {
      json_locate (ctx, object, where, "provenance", error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
json_import_edit (JsonContext  *ctx,
                  JsonObject   *object,
                  const char   *where,
                  guint         position,
                  GError      **error)
{
  Importer *self = ctx->importer;
  SlScenarioEdit edit = { 0, };
  SlSharingEdge edge;
  const char *op, *pool = NULL, *note = NULL;
  gboolean has_retention;
  gint64 retention = -1;
  sqlite3_stmt *stmt;
  gboolean ok;

  edit.valid_from = SL_TIME_MIN;
  edit.valid_to = SL_TIME_MAX;

  if (!json_string (ctx, object, where, "op", TRUE, &op, error) ||
      !json_string (ctx, object, where, "note", FALSE, &note, error))
    return FALSE;
  if (!sl_scenario_edit_op_from_string (op, &edit.op))
    {
      json_error (ctx, object, where, "op", error,
                  _("unknown edit “%s” (expected remove-edge, add-edge, stop-pool-sharing or set-retention)"),
                  op);
      return FALSE;
    }

  switch (edit.op)
    {
    case SL_SCENARIO_EDIT_REMOVE_EDGE:
    case SL_SCENARIO_EDIT_ADD_EDGE:
      if (!json_edge (ctx, object, where, &edge, edit.op == SL_SCENARIO_EDIT_ADD_EDGE, error))
        return FALSE;
      edit.agency_id = edge.owner_id;
      edit.recipient_agency_id = edge.recipient_agency_id;
      edit.recipient_pool_id = edge.recipient_pool_id;
      edit.kind = edge.kind;
      edit.valid_from = edge.valid_from;
      edit.valid_to = edge.valid_to;
      edit.provenance = edge.provenance;
      edit.document = edge.document;
      break;

    case SL_SCENARIO_EDIT_STOP_POOL_SHARING:
      if ((edit.agency_id = json_agency (ctx, object, where, "owner", error)) == 0 ||
          !json_string (ctx, object, where, "pool", FALSE, &pool, error))
        return FALSE;
      if (!json_object_has_member (object, "from") ||
          JSON_NODE_HOLDS_NULL (json_object_get_member (object, "from")))
        {
          json_error (ctx, object, where, "from", error, _("missing"));
          return FALSE;
        }
      if (!json_time (ctx, object, where, "from", SL_TIME_MIN, &edit.valid_from, error))
        return FALSE;
      if (pool != NULL && (edit.recipient_pool_id = find_pool (self, pool)) == 0)
        {
          json_error (ctx, object, where, "pool", error, _("no pool named “%s”"), pool);
          return FALSE;
        }
      break;

    case SL_SCENARIO_EDIT_SET_RETENTION:
      if ((edit.agency_id = json_agency (ctx, object, where, "agency", error)) == 0 ||
          !json_count (ctx, object, where, "retention_days", &has_retention, &retention, error))
        return FALSE;
      if (!has_retention)
        {
          json_error (ctx, object, where, "retention_days", error, _("missing"));
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  stmt = prepare (self->project,
                  "INSERT INTO scenario_edits (scenario_id, position, op, agency_id, "
                  "recipient_agency_id, recipient_pool_id, kind, valid_from, valid_to, provenance, "
                  "document, retention_days, note) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->scenario_id);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, op, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, edit.agency_id);
  if (edit.recipient_agency_id != 0)
    sqlite3_bind_int64 (stmt, 5, edit.recipient_agency_id);
  if (edit.recipient_pool_id != 0)
    sqlite3_bind_int64 (stmt, 6, edit.recipient_pool_id);
  if (edit.op == SL_SCENARIO_EDIT_REMOVE_EDGE || edit.op == SL_SCENARIO_EDIT_ADD_EDGE)
    sqlite3_bind_text (stmt, 7, sl_sharing_kind_to_string (edit.kind), -1, SQLITE_STATIC);
  bind_time (stmt, 8, edit.valid_from, SL_TIME_MIN);
  bind_time (stmt, 9, edit.valid_to, SL_TIME_MAX);
  if (edit.op == SL_SCENARIO_EDIT_ADD_EDGE)
    sqlite3_bind_text (stmt, 10, sl_provenance_to_string (edit.provenance), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 11, edit.document);
  if (retention >= 0)
    sqlite3_bind_int64 (stmt, 12, retention);
  bind_text_or_null (stmt, 13, note);

  ok = step_done (self->project, stmt, "scenario_edits", error);
  sqlite3_finalize (stmt);
  if (ok)
    self->result->n_edits++;
  return ok;
}

static gboolean
import_json (Importer    *self,
             const char  *scenario_override,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(SlJsonLines) lines = sl_json_lines_new (parser, NULL);
  JsonContext ctx = { self, lines };
  GError *parse_error = NULL;
  JsonNode *root;
  JsonObject *top, *scenario;
  JsonNode *version;
  const char *format, *name, *parent, *description;
  const char *sections[] = { "agencies", "pools", "edges", "edits" };

  g_autoptr(GMappedFile) mapped = NULL;
  const char *data;
  gsize size;
  guint line;
  SlJsonNumberProblem problem;

  mapped = g_mapped_file_new (self->path, FALSE, error);
  if (mapped == NULL)
    return FALSE;
  size = g_mapped_file_get_length (mapped);
  /* An empty file maps to NULL, which json-glib refuses with a critical. */
  data = size > 0 ? g_mapped_file_get_contents (mapped) : "";
  if (!sl_json_check_depth (data, size, SL_JSON_MAX_DEPTH, &line))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s:%u: nested more than %u levels deep"), self->path, line, SL_JSON_MAX_DEPTH);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, size, &parse_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%s", self->path,
                   g_str_has_prefix (parse_error->message, "<data>:") ? parse_error->message + 7
                   : parse_error->message);
      g_error_free (parse_error);
      return FALSE;
    }
  if (!sl_number_check_json (data, size, &problem))
    {
      /* Translators: FILE:LINE: field “NAME”: “TEXT” is not a decimal number */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s:%u: field “%s”: “%s” is not a decimal number"), self->path, problem.line,
                   problem.member != NULL ? problem.member : "", problem.token);
      sl_json_number_problem_clear (&problem);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s:1: not a Sightline sharing file: expected an object"), self->path);
      return FALSE;
    }
  top = json_node_get_object (root);

  if (!json_string (&ctx, top, NULL, "format", TRUE, &format, error))
    return FALSE;
  if (!g_str_equal (format, JSON_FORMAT_NAME))
    {
      json_error (&ctx, top, NULL, "format", error, _("expected “%s”, not “%s”"), JSON_FORMAT_NAME, format);
      return FALSE;
    }
  version = json_object_get_member (top, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1)
    {
      json_error (&ctx, top, NULL, "version", error, _("expected a version number"));
      return FALSE;
    }
  if (json_node_get_int (version) > SL_SHARING_JSON_VERSION)
    {
      json_error (&ctx, top, NULL, "version", error,
                  _("version %lld needs a newer Sightline (this one reads up to version %d)"),
                  (long long) json_node_get_int (version), SL_SHARING_JSON_VERSION);
      return FALSE;
    }

  if (json_object_get_member (top, "scenario") == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (top, "scenario")))
    {
      json_error (&ctx, top, NULL, "scenario", error, _("expected an object"));
      return FALSE;
    }
  scenario = json_object_get_object_member (top, "scenario");
  if (!json_string (&ctx, scenario, "scenario", "name", scenario_override == NULL, &name, error) ||
      !json_string (&ctx, scenario, "scenario", "parent", FALSE, &parent, error) ||
      !json_string (&ctx, scenario, "scenario", "description", FALSE, &description, error))
    return FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      GError *section_error = NULL;
      JsonArray *array = json_objects (&ctx, top, sections[s], &section_error);

      if (section_error != NULL)
        {
          g_propagate_error (error, section_error);
          return FALSE;
        }

      if (s == 2 && !open_scenario (self, scenario_override != NULL ? scenario_override : name,
                                    TRUE, parent, description, error))
        {
          json_locate (&ctx, scenario, "scenario", parent != NULL ? "parent" : "name", error);
          return FALSE;
        }

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          g_autofree char *where = g_strdup_printf ("%s[%u]", sections[s], i);
          SlSharingEdge edge;
          gboolean ok;

          switch (s)
            {
            case 0:
              ok = json_import_agency (&ctx, object, where, error);
              break;
            case 1:
              ok = json_import_pool (&ctx, object, where, error);
              break;
            case 2:
              ok = json_edge (&ctx, object, where, &edge, TRUE, error) && insert_edge (self, &edge, error);
              break;
            default:
              ok = json_import_edit (&ctx, object, where, i, error);
            }
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

static SlSharingFormat
guess_format (const char         *path,
              SlCsvReader        *reader,
              const char * const *maps)
{
  const char * const *header;
  int columns[N_EDGE_ROLES];

  if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    return SL_SHARING_FORMAT_JSON;
  if (reader == NULL)
    return SL_SHARING_FORMAT_EDGES;

  header = sl_csv_reader_get_header (reader);
  if (map_columns (header, edge_roles, N_EDGE_ROLES, NULL, path, 1, columns, NULL) &&
      columns[EDGE_RECIPIENT] >= 0)
    return SL_SHARING_FORMAT_EDGES;
  for (guint m = 0; maps != NULL && maps[m] != NULL; m++)
    {
      if (g_str_has_prefix (maps[m], "recipient="))
        return SL_SHARING_FORMAT_EDGES;
    }
  return SL_SHARING_FORMAT_AGENCIES;
}

/**
 * sl_sharing_detect_format:
 * @path: a sharing file
 * @error: location for a #GError
 *
 * Guesses the format of @path the way sl_sharing_import() does with
 * %SL_SHARING_FORMAT_AUTO, so a UI can say what the file is before
 * importing it (it reads the header row of a CSV).
 *
 * Returns: the format, or %SL_SHARING_FORMAT_AUTO with @error set
 */
SlSharingFormat
sl_sharing_detect_format (const char  *path,
                          GError     **error)
{
  g_autoptr(SlCsvReader) reader = NULL;

  g_return_val_if_fail (path != NULL, SL_SHARING_FORMAT_AUTO);

  if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    return SL_SHARING_FORMAT_JSON;

  reader = open_csv (path, error);
  if (reader == NULL)
    return SL_SHARING_FORMAT_AUTO;

  return guess_format (path, reader, NULL);
}

/**
 * sl_sharing_import:
 * @path: the file
 * @format: its format, or %SL_SHARING_FORMAT_AUTO to guess (.json is JSON;
 *   a CSV with a recipient column an edge list; other CSVs agency tables)
 * @scenario: (nullable): the scenario to write: for an edge list, added to
 *   (created when new; default: the file's base name); for JSON, replaced
 *   (default: the file's scenario name)
 * @maps: (nullable): ROLE=COLUMN overrides for CSV
 *
 * Imports one file in one transaction: on error nothing is stored, and the
 * message names the file, line and field.
 *
 * Returns: (transfer full): what was imported, with the reconciliation
 *   report, or %NULL with @error set
 */
SlSharingImport *
sl_sharing_import (SlProject           *project,
                   const char          *path,
                   SlSharingFormat      format,
                   const char          *scenario,
                   const char * const  *maps,
                   GError             **error)
{
  g_autoptr(SlSharingImport) result = g_new0 (SlSharingImport, 1);
  g_auto(Importer) importer = { 0, };
  g_autoptr(SlCsvReader) reader = NULL;
  g_autofree char *base = NULL;
  gboolean ok;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  if (format != SL_SHARING_FORMAT_JSON &&
      (format != SL_SHARING_FORMAT_AUTO || !g_str_has_suffix (path, ".json")))
    {
      reader = open_csv (path, error);
      if (reader == NULL)
        return NULL;
    }
  if (format == SL_SHARING_FORMAT_AUTO)
    format = guess_format (path, reader, maps);
  result->format = format;

  if (scenario == NULL && format == SL_SHARING_FORMAT_EDGES)
    {
      char *dot;

      base = g_path_get_basename (path);
      dot = strrchr (base, '.');
      if (dot != NULL && dot != base)
        *dot = '\0';
      scenario = base;
    }

  if (!sl_project_begin (project, error))
    return NULL;

  result->reconciler = sl_agency_reconciler_new (project, error);
  ok = result->reconciler != NULL && importer_init (&importer, project, path, result, error);

  if (ok)
    {
      switch (format)
        {
        case SL_SHARING_FORMAT_EDGES:
          ok = import_edges_csv (&importer, reader, scenario, maps, error);
          break;
        case SL_SHARING_FORMAT_AGENCIES:
          ok = import_agencies_csv (&importer, reader, maps, error);
          break;
        default:
          ok = import_json (&importer, scenario, error);
        }
    }

  importer_clear (&importer);
  if (!ok || !sl_project_commit (project, error))
    {
      sl_project_rollback (project);
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* Export */

/* The shortest decimal that reads back as the same double. */
static void
append_json_double (GString *out,
                    double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 1; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
append_json_time (GString *out,
                  gint64   time,
                  gint64   open_value)
{
  g_autofree char *text = NULL;

  if (time == open_value)
    {
      g_string_append (out, "null");
      return;
    }
  text = sl_sharing_format_time (time);
  sl_json_append_string (out, text);
}

/* Writes `"name": ` at @indent, after a comma unless @first. */
static void
member (GString    *out,
        guint       indent,
        const char *name,
        gboolean    first)
{
  g_string_append_printf (out, "%s\n%*s\"%s\": ", first ? "" : ",", indent, "", name);
}

/* "name" and "op" are always the first member of their object. */
static void
member_string (GString    *out,
               guint       indent,
               const char *name,
               const char *value)
{
  member (out, indent, name, g_str_equal (name, "name") || g_str_equal (name, "op"));
  sl_json_append_string (out, value);
}

static void
member_column_string (GString      *out,
                      guint         indent,
                      const char   *name,
                      sqlite3_stmt *stmt,
                      int           column)
{
  member_string (out, indent, name, (const char *) sqlite3_column_text (stmt, column));
}

static void
member_column_int (GString      *out,
                   guint         indent,
                   const char   *name,
                   sqlite3_stmt *stmt,
                   int           column)
{
  member (out, indent, name, FALSE);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
}

static void
member_column_time (GString      *out,
                    guint         indent,
                    const char   *name,
                    sqlite3_stmt *stmt,
                    int           column)
{
  member (out, indent, name, FALSE);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    append_json_time (out, sqlite3_column_int64 (stmt, column), SL_TIME_MIN);
}

/* Runs @sql with ?1 bound to @id, appending `[` "a", "b" `]` of column 0. */
static gboolean
append_json_string_list (GString      *out,
                         SlProject    *project,
                         const char   *sql,
                         gint64        id,
                         GError      **error)
{
  sqlite3_stmt *stmt = prepare (project, sql, error);
  gboolean first = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  g_string_append_c (out, '[');
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!first)
        g_string_append (out, ", ");
      sl_json_append_string (out, (const char *) sqlite3_column_text (stmt, 0));
      first = FALSE;
    }
  g_string_append_c (out, ']');
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }
  return TRUE;
}

#define REFERENCED_POOLS \
  "SELECT recipient_pool_id FROM sharing_edges WHERE scenario_id = ?1 " \
  "UNION SELECT recipient_pool_id FROM scenario_edits WHERE scenario_id = ?1"

typedef gboolean (*RowWriter) (GString      *out,
                               SlProject    *project,
                               sqlite3_stmt *stmt,
                               GError      **error);

static gboolean
append_json_section (GString      *out,
                     SlProject    *project,
                     const char   *name,
                     const char   *sql,
                     gint64        scenario_id,
                     RowWriter     write_row,
                     GError      **error)
{
  sqlite3_stmt *stmt = prepare (project, sql, error);
  gboolean first = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario_id);

  member (out, 2, name, FALSE);
  g_string_append_c (out, '[');
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (out, "%s\n    {", first ? "" : ",");
      if (!write_row (out, project, stmt, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      g_string_append (out, "\n    }");
      first = FALSE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }
  g_string_append (out, first ? "]" : "\n  ]");
  return TRUE;
}

static gboolean
write_agency (GString      *out,
              SlProject    *project,
              sqlite3_stmt *stmt,
              GError      **error)
{
  member_column_string (out, 6, "name", stmt, 1);
  member (out, 6, "aliases", FALSE);
  if (!append_json_string_list (out, project,
                                "SELECT alias FROM agency_aliases WHERE agency_id = ?1 ORDER BY rowid",
                                sqlite3_column_int64 (stmt, 0), error))
    return FALSE;
  member_column_string (out, 6, "type", stmt, 2);
  member_column_string (out, 6, "state", stmt, 3);
  member_column_int (out, 6, "retention_days", stmt, 4);
  member (out, 6, "reshares", FALSE);
  g_string_append (out, sqlite3_column_int (stmt, 5) ? "true" : "false");
  for (int c = 6; c <= 7; c++)
    {
      member (out, 6, c == 6 ? "latitude" : "longitude", FALSE);
      if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
        g_string_append (out, "null");
      else
        append_json_double (out, sqlite3_column_double (stmt, c));
    }
  return TRUE;
}

static gboolean
write_pool (GString      *out,
            SlProject    *project,
            sqlite3_stmt *stmt,
            GError      **error)
{
  member_column_string (out, 6, "name", stmt, 1);
  member_column_int (out, 6, "declared_size", stmt, 2);
  member (out, 6, "members_listed", FALSE);
  g_string_append (out, sqlite3_column_int (stmt, 3) ? "true" : "false");
  member (out, 6, "members", FALSE);
  return append_json_string_list (out, project,
                                  "SELECT a.name FROM pool_members AS m JOIN agencies AS a "
                                  "ON a.id = m.agency_id WHERE m.pool_id = ?1 ORDER BY a.id",
                                  sqlite3_column_int64 (stmt, 0), error);
}

/* Columns 0-9: owner, recipient, recipient_type, kind, valid_from,
 * valid_to, provenance, document, note, op (edits). */
#define EDGE_COLUMNS \
  "o.name, coalesce (r.name, p.name), CASE WHEN p.id IS NULL THEN 'agency' ELSE 'pool' END, " \
  "e.kind, e.valid_from, e.valid_to, e.provenance, e.document, e.note"

#define EDGE_JOINS \
  "JOIN agencies AS o ON o.id = e.%s " \
  "LEFT JOIN agencies AS r ON r.id = e.recipient_agency_id " \
  "LEFT JOIN pools AS p ON p.id = e.recipient_pool_id "

static void
write_edge_members (GString      *out,
                    sqlite3_stmt *stmt,
                    gboolean      first,
                    gboolean      windows)
{
  member (out, 6, "owner", first);
  sl_json_append_string (out, (const char *) sqlite3_column_text (stmt, 0));
  member_column_string (out, 6, "recipient", stmt, 1);
  member_column_string (out, 6, "recipient_type", stmt, 2);
  member_column_string (out, 6, "kind", stmt, 3);
  if (!windows)
    return;
  member_column_time (out, 6, "valid_from", stmt, 4);
  member_column_time (out, 6, "valid_to", stmt, 5);
  member_column_string (out, 6, "provenance", stmt, 6);
  member_column_string (out, 6, "document", stmt, 7);
}

static gboolean
write_edge (GString      *out,
            SlProject    *project,
            sqlite3_stmt *stmt,
            GError      **error)
{
  write_edge_members (out, stmt, TRUE, TRUE);
  member_column_string (out, 6, "note", stmt, 8);
  return TRUE;
}

static gboolean
write_edit (GString      *out,
            SlProject    *project,
            sqlite3_stmt *stmt,
            GError      **error)
{
  SlScenarioEditOp op = SL_SCENARIO_EDIT_REMOVE_EDGE;

  sl_scenario_edit_op_from_string ((const char *) sqlite3_column_text (stmt, 9), &op);
  member_column_string (out, 6, "op", stmt, 9);

  switch (op)
    {
    case SL_SCENARIO_EDIT_REMOVE_EDGE:
    case SL_SCENARIO_EDIT_ADD_EDGE:
      write_edge_members (out, stmt, FALSE, op == SL_SCENARIO_EDIT_ADD_EDGE);
      break;

    case SL_SCENARIO_EDIT_STOP_POOL_SHARING:
      member (out, 6, "owner", FALSE);
      sl_json_append_string (out, (const char *) sqlite3_column_text (stmt, 0));
      member (out, 6, "pool", FALSE);
      sl_json_append_string (out, (const char *) sqlite3_column_text (stmt, 10));
      member_column_time (out, 6, "from", stmt, 4);
      break;

    case SL_SCENARIO_EDIT_SET_RETENTION:
      member (out, 6, "agency", FALSE);
      sl_json_append_string (out, (const char *) sqlite3_column_text (stmt, 0));
      member_column_int (out, 6, "retention_days", stmt, 11);
      break;

    default:
      g_assert_not_reached ();
    }

  member_column_string (out, 6, "note", stmt, 8);
  return TRUE;
}

static gint64
find_scenario (SlProject   *project,
               const char  *scenario,
               GError     **error)
{
  gint64 id = query_id (project, "SELECT id FROM scenarios WHERE name = ?1", scenario, error);

  if (id == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s: no sharing scenario named “%s”"), sl_project_get_path (project), scenario);
  return id;
}

/**
 * sl_sharing_export_json:
 *
 * Writes @scenario in the JSON format of docs/sharing-format.md: its own
 * edges and edits (not its parent's), the pools they name and every agency
 * they or those pools' members name. Importing the result into an empty
 * project and exporting again gives the same text.
 *
 * Returns: (transfer full): the JSON, or %NULL with @error set
 */
char *
sl_sharing_export_json (SlProject   *project,
                        const char  *scenario,
                        GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *edge_sql = NULL;
  g_autofree char *edit_sql = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  if ((id = find_scenario (project, scenario, error)) <= 0)
    return NULL;

  stmt = prepare (project,
                  "SELECT s.name, p.name, s.description FROM scenarios AS s "
                  "LEFT JOIN scenarios AS p ON p.id = s.parent_id WHERE s.id = ?1",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_step (stmt);
  g_string_append_printf (out, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"scenario\": {",
                          JSON_FORMAT_NAME, SL_SHARING_JSON_VERSION);
  member_column_string (out, 4, "name", stmt, 0);
  member_column_string (out, 4, "parent", stmt, 1);
  member_column_string (out, 4, "description", stmt, 2);
  g_string_append (out, "\n  }");
  sqlite3_finalize (stmt);

  edge_sql = g_strdup_printf ("SELECT " EDGE_COLUMNS " FROM sharing_edges AS e " EDGE_JOINS
                              "WHERE e.scenario_id = ?1 ORDER BY e.id", "owner_id");
  edit_sql = g_strdup_printf ("SELECT " EDGE_COLUMNS ", e.op, p.name, e.retention_days "
                              "FROM scenario_edits AS e " EDGE_JOINS
                              "WHERE e.scenario_id = ?1 ORDER BY e.position", "agency_id");

  if (!append_json_section (out, project, "agencies",
                            "SELECT id, name, type, state, retention_days, reshares, latitude, longitude "
                            "FROM agencies WHERE id IN ("
                            "SELECT owner_id FROM sharing_edges WHERE scenario_id = ?1 "
                            "UNION SELECT recipient_agency_id FROM sharing_edges WHERE scenario_id = ?1 "
                            "UNION SELECT agency_id FROM scenario_edits WHERE scenario_id = ?1 "
                            "UNION SELECT recipient_agency_id FROM scenario_edits WHERE scenario_id = ?1 "
                            "UNION SELECT agency_id FROM pool_members WHERE pool_id IN (" REFERENCED_POOLS ")) "
                            "ORDER BY id",
                            id, write_agency, error) ||
      !append_json_section (out, project, "pools",
                            "SELECT id, name, declared_size, members_listed FROM pools "
                            "WHERE id IN (" REFERENCED_POOLS ") ORDER BY id",
                            id, write_pool, error) ||
      !append_json_section (out, project, "edges", edge_sql, id, write_edge, error) ||
      !append_json_section (out, project, "edits", edit_sql, id, write_edit, error))
    return NULL;

  g_string_append (out, "\n}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_csv_field (GString    *out,
                  const char *text,
                  gboolean    last)
{
  if (text != NULL && text[strcspn (text, ",\"\r\n")] != '\0')
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (text != NULL)
    g_string_append (out, text);

  g_string_append (out, last ? "\n" : ",");
}

/**
 * sl_sharing_export_edges_csv:
 *
 * Writes the resolved edges of @scenario (parent edges and edits applied)
 * as an edge list with the columns owner, recipient, recipient_type, kind,
 * valid_from, valid_to, provenance, document, note.
 */
char *
sl_sharing_export_edges_csv (SlProject   *project,
                             const char  *scenario,
                             GError     **error)
{
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_load (project, scenario, error);
  GString *out;

  if (network == NULL)
    return NULL;

  out = g_string_new ("owner,recipient,recipient_type,kind,valid_from,valid_to,provenance,document,note\n");
  for (guint i = 0; i < sl_sharing_network_get_n_edges (network); i++)
    {
      const SlSharingEdge *edge = sl_sharing_network_get_edge (network, i);
      g_autofree char *from = edge->valid_from == SL_TIME_MIN ? NULL : sl_sharing_format_time (edge->valid_from);
      g_autofree char *to = edge->valid_to == SL_TIME_MAX ? NULL : sl_sharing_format_time (edge->valid_to);
      guint owner, recipient;

      sl_sharing_network_find_agency (network, edge->owner_id, &owner);
      if (edge->recipient_agency_id != 0)
        sl_sharing_network_find_agency (network, edge->recipient_agency_id, &recipient);
      else
        sl_sharing_network_find_pool (network, edge->recipient_pool_id, &recipient);

      append_csv_field (out, sl_sharing_network_get_node (network, owner)->name, FALSE);
      append_csv_field (out, sl_sharing_network_get_node (network, recipient)->name, FALSE);
      append_csv_field (out, edge->recipient_agency_id != 0 ? "agency" : "pool", FALSE);
      append_csv_field (out, sl_sharing_kind_to_string (edge->kind), FALSE);
      append_csv_field (out, from, FALSE);
      append_csv_field (out, to, FALSE);
      append_csv_field (out, sl_provenance_to_string (edge->provenance), FALSE);
      append_csv_field (out, edge->document, FALSE);
      append_csv_field (out, edge->note, TRUE);
    }

  return g_string_free (out, FALSE);
}

/**
 * sl_sharing_export_agencies_csv:
 *
 * Writes every agency as an agency table (name, type, state, retention as
 * "N days" or "NA", reshares yes/no, aliases joined by "; ", latitude,
 * longitude).
 */
char *
sl_sharing_export_agencies_csv (SlProject  *project,
                                GError    **error)
{
  sqlite3_stmt *stmt = prepare (project,
                                "SELECT a.name, a.type, a.state, a.retention_days, a.reshares, "
                                "(SELECT group_concat (alias, '; ') FROM "
                                "  (SELECT alias FROM agency_aliases WHERE agency_id = a.id ORDER BY rowid)), "
                                "a.latitude, a.longitude FROM agencies AS a ORDER BY a.id",
                                error);
  g_autoptr(GString) out = g_string_new ("name,type,state,retention,reshares,aliases,latitude,longitude\n");
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *retention = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? g_strdup ("NA")
        : g_strdup_printf ("%d days", sqlite3_column_int (stmt, 3));

      append_csv_field (out, (const char *) sqlite3_column_text (stmt, 0), FALSE);
      append_csv_field (out, (const char *) sqlite3_column_text (stmt, 1), FALSE);
      append_csv_field (out, (const char *) sqlite3_column_text (stmt, 2), FALSE);
      append_csv_field (out, retention, FALSE);
      append_csv_field (out, sqlite3_column_int (stmt, 4) ? "yes" : "no", FALSE);
      append_csv_field (out, (const char *) sqlite3_column_text (stmt, 5), FALSE);
      append_csv_field (out, (const char *) sqlite3_column_text (stmt, 6), FALSE);
      append_csv_field (out, (const char *) sqlite3_column_text (stmt, 7), TRUE);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "agencies");
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
