/* sl-project.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-project"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-core-resources.h"
#include "sl-project-private.h"

/* "SGHT": written to PRAGMA application_id so `file` and Sightline can tell a
 * project from any other SQLite database. */
#define SL_PROJECT_APPLICATION_ID 0x53474854

#define SCHEMA_RESOURCE_DIR "/io/github/sightline/Sightline/core/schema"

struct _SlProject
{
  GObject   parent_instance;

  char     *path;
  sqlite3  *db;
  guint     schema_version;
  guint     read_only : 1;
};

G_DEFINE_FINAL_TYPE (SlProject, sl_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SCHEMA_VERSION,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (sl-project-error-quark, sl_project_error)

static void
sl_core_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      sl_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The migrations are the files of SCHEMA_RESOURCE_DIR, sorted by name; the
 * Nth brings a project from user_version N-1 to N. */
static char **
list_migrations (void)
{
  char **names;

  sl_core_ensure_resources ();
  names = g_resources_enumerate_children (SCHEMA_RESOURCE_DIR, 0, NULL);
  g_assert (names != NULL);
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  return names;
}

guint
sl_project_get_latest_schema_version (void)
{
  g_auto(GStrv) names = list_migrations ();

  return g_strv_length (names);
}

static void
sl_project_finalize (GObject *object)
{
  SlProject *self = (SlProject *)object;

  if (self->db != NULL)
    {
      /* Fold the write-ahead log back into the file so the project is one
       * self-contained file again once Sightline lets go of it. */
      if (!self->read_only)
        sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sl_project_parent_class)->finalize (object);
}

static void
sl_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SlProject *self = SL_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SCHEMA_VERSION:
      g_value_set_uint (value, self->schema_version);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_project_class_init (SlProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_project_finalize;
  object_class->get_property = sl_project_get_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_SCHEMA_VERSION] =
    g_param_spec_uint ("schema-version", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_project_init (SlProject *self)
{
}

void
sl_project_set_error (SlProject   *self,
                      GError     **error,
                      const char  *context)
{
  int code;
  int domain_code;

  g_return_if_fail (SL_IS_PROJECT (self));

  code = sqlite3_errcode (self->db) & 0xff;

  switch (code)
    {
    case SQLITE_NOTADB:
      domain_code = SL_PROJECT_ERROR_NOT_A_PROJECT;
      break;

    case SQLITE_CORRUPT:
      domain_code = SL_PROJECT_ERROR_CORRUPT;
      break;

    case SQLITE_READONLY:
      domain_code = SL_PROJECT_ERROR_READ_ONLY;
      break;

    default:
      domain_code = SL_PROJECT_ERROR_FAILED;
    }

  g_set_error (error, SL_PROJECT_ERROR, domain_code,
               "%s: %s: %s", self->path, context, sqlite3_errmsg (self->db));
}

gboolean
sl_project_exec (SlProject   *self,
                 const char  *sql,
                 GError     **error)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      sl_project_set_error (self, error, sql);
      return FALSE;
    }

  return TRUE;
}

gboolean
sl_project_begin (SlProject  *self,
                  GError    **error)
{
  /* IMMEDIATE takes the write lock now, so a second writer fails here
   * rather than half-way through a long import. */
  return sl_project_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
sl_project_commit (SlProject  *self,
                   GError    **error)
{
  return sl_project_exec (self, "COMMIT", error);
}

void
sl_project_rollback (SlProject *self)
{
  g_return_if_fail (SL_IS_PROJECT (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (SlProject   *self,
           const char  *sql,
           gint64      *out_value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (self, error, sql);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sl_project_set_error (self, error, sql);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *out_value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return TRUE;
}

static gboolean
apply_migrations (SlProject  *self,
                  GError    **error)
{
  g_auto(GStrv) names = list_migrations ();
  guint latest = g_strv_length (names);

  for (guint version = self->schema_version; version < latest; version++)
    {
      g_autofree char *resource_path = g_build_path ("/", SCHEMA_RESOURCE_DIR, names[version], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *set_version = NULL;

      bytes = g_resources_lookup_data (resource_path, 0, NULL);
      g_assert (bytes != NULL);

      if (!sl_project_begin (self, error))
        return FALSE;

      if (!sl_project_exec (self, g_bytes_get_data (bytes, NULL), error))
        {
          sl_project_rollback (self);
          return FALSE;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %u", version + 1);
      if (!sl_project_exec (self, set_version, error) ||
          !sl_project_commit (self, error))
        {
          sl_project_rollback (self);
          return FALSE;
        }

      g_debug ("Migrated %s to schema version %u (%s)",
               self->path, version + 1, names[version]);
      self->schema_version = version + 1;
    }

  return TRUE;
}

static gboolean
sl_project_initialize (SlProject           *self,
                       SlProjectOpenFlags   flags,
                       gboolean             created,
                       GError             **error)
{
  gint64 application_id = 0;
  gint64 user_version = 0;
  gint64 n_objects = 0;
  guint latest = sl_project_get_latest_schema_version ();

  /* A file someone else made may carry triggers or views: they must never
   * run on our statements, and the schema must not be trusted to call
   * application functions. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_extended_result_codes (self->db, FALSE);

  /* Nothing below writes before these checks: a file we refuse is left
   * exactly as it was. */
  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &user_version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id == 0 && user_version == 0 && n_objects == 0)
    {
      if (!created && !(flags & SL_PROJECT_OPEN_CREATE))
        {
          g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_NOT_A_PROJECT,
                       _("“%s” is an empty database, not a Sightline project"),
                       self->path);
          return FALSE;
        }
    }
  else if (application_id != SL_PROJECT_APPLICATION_ID)
    {
      g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_NOT_A_PROJECT,
                   _("“%s” is an SQLite database but not a Sightline project"),
                   self->path);
      return FALSE;
    }
  else if (user_version > latest)
    {
      g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Sightline (project format %u; "
                     "this version reads up to %u). Update Sightline to open it; the file "
                     "was not changed."),
                   self->path, (guint) user_version, latest);
      return FALSE;
    }

  self->schema_version = user_version;

  if (self->read_only)
    {
      if (self->schema_version < latest)
        {
          g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_READ_ONLY,
                       _("“%s” uses an older project format (%u) and must be upgraded "
                         "to %u, which needs write access"),
                       self->path, self->schema_version, latest);
          return FALSE;
        }
      return TRUE;
    }

  if (!sl_project_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !sl_project_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !sl_project_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (application_id == 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d",
                                              SL_PROJECT_APPLICATION_ID);
      if (!sl_project_exec (self, sql, error))
        return FALSE;
    }

  return apply_migrations (self, error);
}

/**
 * sl_project_open:
 * @path: file name of the project
 * @flags: whether to create a missing file, or open read-only
 * @error: location for a #GError
 *
 * Opens the project at @path, bringing it up to the latest schema version.
 * A file that is not a Sightline project, or that was written by a newer
 * version, is refused and left untouched.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
SlProject *
sl_project_open (const char          *path,
                 SlProjectOpenFlags   flags,
                 GError             **error)
{
  g_autoptr(SlProject) self = NULL;
  gboolean exists;
  int sqlite_flags;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!((flags & SL_PROJECT_OPEN_CREATE) &&
                          (flags & SL_PROJECT_OPEN_READ_ONLY)), NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !(flags & SL_PROJECT_OPEN_CREATE))
    {
      g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_NOT_FOUND,
                   _("No project at “%s”"), path);
      return NULL;
    }

  self = g_object_new (SL_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);
  self->read_only = !!(flags & SL_PROJECT_OPEN_READ_ONLY);

  sqlite_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (self->read_only)
    sqlite_flags |= SQLITE_OPEN_READONLY;
  else
    sqlite_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  if (sqlite3_open_v2 (path, &self->db, sqlite_flags, NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_FAILED,
                     _("Could not open “%s”: out of memory"), path);
      else
        sl_project_set_error (self, error, _("Could not open the project"));
      return NULL;
    }

  if (!sl_project_initialize (self, flags, !exists, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
sl_project_get_path (SlProject *self)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), NULL);

  return self->path;
}

guint
sl_project_get_schema_version (SlProject *self)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), 0);

  return self->schema_version;
}

gboolean
sl_project_is_read_only (SlProject *self)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), TRUE);

  return self->read_only;
}

sqlite3 *
sl_project_get_db (SlProject *self)
{
  g_return_val_if_fail (SL_IS_PROJECT (self), NULL);

  return self->db;
}

/**
 * sl_project_dup_name:
 * @self: a #SlProject
 *
 * The name to show for the project: its "name" metadata when set, otherwise
 * the file name without the ".sightline" extension.
 *
 * Returns: (transfer full): the name
 */
char *
sl_project_dup_name (SlProject *self)
{
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (self), NULL);

  name = sl_project_dup_meta (self, "name");
  if (name != NULL && name[0] != '\0')
    return g_steal_pointer (&name);

  basename = g_path_get_basename (self->path);
  if (g_str_has_suffix (basename, ".sightline") && strlen (basename) > strlen (".sightline"))
    basename[strlen (basename) - strlen (".sightline")] = '\0';

  return g_steal_pointer (&basename);
}

char *
sl_project_dup_meta (SlProject  *self,
                     const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM project_meta WHERE key = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

gboolean
sl_project_set_meta (SlProject   *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (SL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO project_meta (key, value) VALUES (?1, ?2) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (self, error, "project_meta");
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    sl_project_set_error (self, error, "project_meta");
  sqlite3_finalize (stmt);

  return ok;
}
