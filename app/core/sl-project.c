/* sl-project.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-project"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

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
  /* A journal or write-ahead log was beside the file when it was opened:
   * the last session ended without closing it (or another is open). */
  guint     left_open : 1;
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
  g_autofree char *message = NULL;
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

  /* SQLite's messages quote names from the file, which a damaged or
   * crafted file can fill with bytes that are not UTF-8. */
  message = g_utf8_make_valid (sqlite3_errmsg (self->db), -1);
  g_set_error (error, SL_PROJECT_ERROR, domain_code,
               "%s: %s: %s", self->path, context, message);
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

/* The SQL of the migration that brings a project to @version + 1. */
static GBytes *
lookup_migration (char  **names,
                  guint   version)
{
  g_autofree char *resource_path = g_build_path ("/", SCHEMA_RESOURCE_DIR, names[version], NULL);
  GBytes *bytes = g_resources_lookup_data (resource_path, 0, NULL);

  g_assert (bytes != NULL);

  return bytes;
}

static gboolean
apply_migrations (SlProject  *self,
                  GError    **error)
{
  g_auto(GStrv) names = list_migrations ();
  guint latest = g_strv_length (names);

  for (guint version = self->schema_version; version < latest; version++)
    {
      g_autoptr(GBytes) bytes = lookup_migration (names, version);
      g_autofree char *set_version = NULL;

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

typedef struct
{
  char *type;
  char *table;
  char *sql;
} SchemaObject;

static void
schema_object_free (SchemaObject *object)
{
  g_free (object->type);
  g_free (object->table);
  g_free (object->sql);
  g_free (object);
}

/* Name → SchemaObject for every entry of @db's sqlite_schema, or %NULL
 * when it cannot be read (a damaged file). */
static GHashTable *
read_schema (sqlite3 *db)
{
  g_autoptr(GHashTable) objects = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* A crafted schema row may lack a name; it is still listed. */
  if (sqlite3_prepare_v2 (db, "SELECT type, coalesce (name, ''), tbl_name, sql FROM sqlite_schema",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) schema_object_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_hash_table_replace (objects, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), object);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&objects);
}

/* The schema objects migrations 1 to @version create, from a scratch
 * in-memory database. */
static GHashTable *
build_expected_schema (guint version)
{
  g_auto(GStrv) names = list_migrations ();
  GHashTable *objects;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("Could not open an in-memory database: %s", sqlite3_errmsg (db));

  for (guint i = 0; i < version && names[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = lookup_migration (names, i);

      if (sqlite3_exec (db, g_bytes_get_data (bytes, NULL), NULL, NULL, NULL) != SQLITE_OK)
        g_error ("Schema migration %s fails: %s", names[i], sqlite3_errmsg (db));
    }

  objects = read_schema (db);
  g_assert (objects != NULL);
  sqlite3_close (db);

  return objects;
}

G_LOCK_DEFINE_STATIC (expected_schemas);
/* version → the result of build_expected_schema(), built once per process:
 * replaying the migrations on every open would cost more than the open. */
static GHashTable *expected_schemas;

static GHashTable *
expected_schema (guint version)
{
  GHashTable *objects;

  G_LOCK (expected_schemas);
  if (expected_schemas == NULL)
    expected_schemas = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  objects = g_hash_table_lookup (expected_schemas, GUINT_TO_POINTER (version));
  if (objects == NULL)
    {
      objects = build_expected_schema (version);
      g_hash_table_insert (expected_schemas, GUINT_TO_POINTER (version), objects);
    }
  g_hash_table_ref (objects);
  G_UNLOCK (expected_schemas);

  return objects;
}

/* Anything in a project's schema is SQL that SQLite may run on Sightline's
 * statements: trigger bodies, views, index expressions, CHECK and DEFAULT
 * clauses of a redefined table. Triggers and views are disabled on the
 * connection, but a file made to run commands is refused outright so the
 * user knows. Extra tables (and indexes on them) are inert data Sightline
 * never writes to, and users may add them with the sqlite3 shell; they are
 * allowed. Statistics tables of ANALYZE are allowed. */
static gboolean
check_schema (SlProject  *self,
              guint       version,
              GError    **error)
{
  g_autoptr(GHashTable) expected = expected_schema (version);
  g_autoptr(GHashTable) actual = read_schema (self->db);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  GHashTableIter iter;
  const char *name;
  SchemaObject *object;

  if (actual == NULL)
    {
      sl_project_set_error (self, error, _("Could not read the project’s schema"));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &object))
    {
      SchemaObject *wanted = g_hash_table_lookup (expected, name);
      g_autofree char *valid_name = g_utf8_make_valid (name, -1);

      if (wanted != NULL)
        {
          if (g_strcmp0 (wanted->type, object->type) != 0 ||
              g_strcmp0 (wanted->table, object->table) != 0 ||
              g_strcmp0 (wanted->sql, object->sql) != 0)
            g_ptr_array_add (problems, g_strdup_printf (_("changed %s “%s”"), object->type, valid_name));
          continue;
        }

      if (g_str_has_prefix (name, "sqlite_stat"))
        continue;
      if (g_strcmp0 (object->type, "table") == 0 &&
          !g_str_has_prefix (object->sql ? object->sql : "", "CREATE VIRTUAL"))
        continue;
      if (g_strcmp0 (object->type, "index") == 0 &&
          !g_hash_table_contains (expected, object->table))
        continue;

      g_ptr_array_add (problems, g_strdup_printf (_("%s “%s”"), object->type, valid_name));
    }

  if (problems->len == 0)
    return TRUE;

  g_ptr_array_sort (problems, compare_strings);
  g_ptr_array_add (problems, NULL);
  list = g_strjoinv (", ", (char **) problems->pdata);
  g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_UNEXPECTED_SCHEMA,
               _("“%s” contains database objects that Sightline did not create (%s). "
                 "They could run commands when the project is changed, so it was not "
                 "opened; the file was not changed. If you added them yourself, remove "
                 "them with the sqlite3 shell."),
               self->path, list);

  return FALSE;
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
  if (!query_int (self, "PRAGMA application_id", &application_id, NULL) ||
      !query_int (self, "PRAGMA user_version", &user_version, NULL) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, NULL))
    {
      g_autofree char *message = g_utf8_make_valid (sqlite3_errmsg (self->db), -1);
      int code = sqlite3_errcode (self->db);

      g_set_error (error, SL_PROJECT_ERROR,
                   code == SQLITE_NOTADB ? SL_PROJECT_ERROR_NOT_A_PROJECT
                   : code == SQLITE_CORRUPT ? SL_PROJECT_ERROR_CORRUPT
                   : SL_PROJECT_ERROR_FAILED,
                   _("“%s” is damaged or is not a Sightline project (%s); "
                     "it was not opened and was not changed"),
                   self->path, message);
      return FALSE;
    }

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

  if (application_id == SL_PROJECT_APPLICATION_ID && !check_schema (self, user_version, error))
    return FALSE;

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

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
has_nonempty_file (const char *path,
                   const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  GStatBuf buf;

  return g_stat (name, &buf) == 0 && buf.st_size > 0;
}

/* SQLite reads the missing end of a truncated file as zeros and carries on,
 * losing whatever was there. Its header says how long the file should be
 * (when the "version-valid-for" number matches the change counter, the
 * page count is trustworthy): a shorter file is refused, untouched.
 *
 * Not when a rollback journal or write-ahead log lies next to it: a
 * process killed while writing can leave the header ahead of the file's
 * length, and opening recovers from the journal (the crash-safety stress
 * test kills imports at exactly such moments). */
static gboolean
check_not_truncated (const char  *path,
                     GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  guint8 header[100];
  gsize n_read = 0;
  guint64 page_size, expected, size;

  if (has_nonempty_file (path, "-journal") || has_nonempty_file (path, "-wal"))
    return TRUE;

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, NULL) ||
      n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return TRUE;  /* Not for this check: SQLite reports it. */

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info == NULL)
    return TRUE;

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (read_be32 (header + 24) != read_be32 (header + 92))
    return TRUE;

  expected = page_size * read_be32 (header + 28);
  size = g_file_info_get_size (info);
  if (size < expected)
    {
      /* Numbers as strings: gettext cannot extract G_GUINT64_FORMAT. */
      g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, size);
      g_autofree char *expected_text = g_strdup_printf ("%" G_GUINT64_FORMAT, expected);

      g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_CORRUPT,
                   _("“%s” is truncated: it is %s bytes long but should be %s; "
                     "it was not opened and was not changed"),
                   path, size_text, expected_text);
      return FALSE;
    }

  return TRUE;
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

  if (exists && !check_not_truncated (path, error))
    return NULL;

  self = g_object_new (SL_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);
  self->read_only = !!(flags & SL_PROJECT_OPEN_READ_ONLY);
  self->left_open = exists && (has_nonempty_file (path, "-journal") || has_nonempty_file (path, "-wal"));

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

/**
 * sl_project_wants_quick_check:
 * @self: a #SlProject
 *
 * Whether sl_project_quick_check() is worth its cost on opening: always for
 * a project of up to %SL_PROJECT_QUICK_CHECK_ALWAYS_BYTES (about 2.7
 * million reads; the check takes about as long as loading the reads,
 * roughly 1 s per million, docs/testing.md), and for a larger one only
 * when the last session did not close it (a crash, a kill, a power cut),
 * or another process has it open.
 */
gboolean
sl_project_wants_quick_check (SlProject *self)
{
  GStatBuf buf;

  g_return_val_if_fail (SL_IS_PROJECT (self), FALSE);

  return self->left_open ||
         (g_stat (self->path, &buf) == 0 && buf.st_size <= SL_PROJECT_QUICK_CHECK_ALWAYS_BYTES);
}

/**
 * sl_project_quick_check:
 * @self: a #SlProject
 * @error: location for a #GError
 *
 * Runs SQLite's `PRAGMA quick_check`: every page of every table and
 * index is read and its structure checked (not that indexes match their
 * tables). Opening only reads what it needs, so a damaged page elsewhere
 * shows up later, in the middle of some work; this finds it up front.
 * Seconds for millions of reads: not on the main thread.
 *
 * Returns: %TRUE when SQLite finds nothing wrong; otherwise %FALSE with
 *   %SL_PROJECT_ERROR_CORRUPT naming the file and SQLite's first findings
 */
gboolean
sl_project_quick_check (SlProject  *self,
                        GError    **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SL_IS_PROJECT (self), FALSE);

  /* At most three findings: the message is for a person. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(3)", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "?", "\n", -1);

      if (g_strcmp0 (text, "ok") == 0)
        continue;
      /* A finding may be preceded by "*** in database main ***". */
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "*** in database ") || *lines[i] == '\0')
            continue;
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, lines[i]);
        }
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      if (problems->len > 0)
        g_string_append (problems, "; ");
      g_string_append (problems, sqlite3_errmsg (self->db));
    }
  sqlite3_finalize (stmt);

  if (problems->len == 0)
    return TRUE;

  {
    /* SQLite's findings may quote damaged bytes. */
    g_autofree char *valid = g_utf8_make_valid (problems->str, -1);

    g_set_error (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_CORRUPT,
                 _("“%s” is damaged: SQLite’s check found %s. What still opens may be incomplete; "
                   "work from a backup copy if you have one"),
                 self->path, valid);
  }
  return FALSE;
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
