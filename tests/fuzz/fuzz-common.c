/* fuzz-common.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-common.h"
#include "sl-project-private.h"

/* A critical or a warning means a module broke its own contract on some
 * input (a g_return_if_fail() it calls itself, a GObject misuse): for a
 * fuzzer that is a crash like any other. GLib's own fatal logs raise
 * SIGTRAP, which libFuzzer does not catch; abort() it does, and it then
 * saves the input. */
static GLogWriterOutput
abort_on_warnings (GLogLevelFlags   log_level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return output;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (abort_on_warnings, NULL, NULL);

  return 0;
}

/* An input stream that hands out its bytes in small pieces after a first
 * stretch: readers that refill a buffer see a record, a quote or a CRLF cut
 * at every possible place, which a memory stream (one read for
 * everything) never shows them. */
#define SL_TYPE_FUZZ_CHUNKED_STREAM (sl_fuzz_chunked_stream_get_type ())

G_DECLARE_FINAL_TYPE (SlFuzzChunkedStream, sl_fuzz_chunked_stream, SL, FUZZ_CHUNKED_STREAM, GInputStream)

struct _SlFuzzChunkedStream
{
  GInputStream  parent_instance;

  GBytes       *bytes;
  gsize         position;
  gsize         whole_prefix;
  gsize         chunk_size;
};

G_DEFINE_FINAL_TYPE (SlFuzzChunkedStream, sl_fuzz_chunked_stream, G_TYPE_INPUT_STREAM)

static gssize
sl_fuzz_chunked_stream_read (GInputStream  *stream,
                             void          *buffer,
                             gsize          count,
                             GCancellable  *cancellable,
                             GError       **error)
{
  SlFuzzChunkedStream *self = SL_FUZZ_CHUNKED_STREAM (stream);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (count, size - self->position);

  if (self->position >= self->whole_prefix)
    n = MIN (n, self->chunk_size);

  /* Empty GBytes have no data pointer at all. */
  if (n == 0)
    return 0;

  memcpy (buffer, data + self->position, n);
  self->position += n;

  return n;
}

static void
sl_fuzz_chunked_stream_finalize (GObject *object)
{
  SlFuzzChunkedStream *self = SL_FUZZ_CHUNKED_STREAM (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (sl_fuzz_chunked_stream_parent_class)->finalize (object);
}

static void
sl_fuzz_chunked_stream_class_init (SlFuzzChunkedStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = sl_fuzz_chunked_stream_finalize;
  stream_class->read_fn = sl_fuzz_chunked_stream_read;
}

static void
sl_fuzz_chunked_stream_init (SlFuzzChunkedStream *self)
{
}

/**
 * sl_fuzz_chunked_stream_new:
 * @bytes: the stream's contents
 * @whole_prefix: how many bytes reads may return in full
 * @chunk_size: the most one read returns after that, at least 1
 *
 * Returns: (transfer full): a new stream
 */
GInputStream *
sl_fuzz_chunked_stream_new (GBytes *bytes,
                            gsize   whole_prefix,
                            gsize   chunk_size)
{
  SlFuzzChunkedStream *self = g_object_new (SL_TYPE_FUZZ_CHUNKED_STREAM, NULL);

  g_assert (chunk_size > 0);

  self->bytes = g_bytes_ref (bytes);
  self->whole_prefix = whole_prefix;
  self->chunk_size = chunk_size;

  return G_INPUT_STREAM (self);
}

static char *scratch;

static void
remove_scratch (void)
{
  g_autoptr(GDir) dir = g_dir_open (scratch, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch, name, NULL);

      g_unlink (path);
    }
  g_rmdir (scratch);
}

/* One scratch directory per fuzzing process, for inputs that the code
 * under test reads from a file and for projects. */
static const char *
scratch_dir (void)
{
  if (scratch == NULL)
    {
      /* In memory when possible: SQLite syncs the project on every commit,
       * which on a disk would make the project targets crawl. */
      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
        scratch = g_mkdtemp (g_strdup ("/dev/shm/sightline-fuzz-XXXXXX"));
      if (scratch == NULL)
        {
          g_autoptr(GError) error = NULL;

          scratch = g_dir_make_tmp ("sightline-fuzz-XXXXXX", &error);
          g_assert_no_error (error);
        }
      atexit (remove_scratch);
    }

  return scratch;
}

/**
 * sl_fuzz_write_input:
 * @data: the input
 * @size: its length
 * @name: a file name
 *
 * Returns: (transfer none): the path of a scratch file holding @data,
 *   valid until the next call with the same @name
 */
const char *
sl_fuzz_write_input (const guint8 *data,
                     size_t        size,
                     const char   *name)
{
  static GHashTable *paths;
  char *path;

  if (paths == NULL)
    paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  path = g_hash_table_lookup (paths, name);
  if (path == NULL)
    {
      path = g_build_filename (scratch_dir (), name, NULL);
      g_hash_table_insert (paths, g_strdup (name), path);
    }

  /* No fsync: the file only has to outlive this one input. */
  if (!g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE,
                                 0600, NULL))
    g_error ("Could not write %s", path);

  return path;
}

/**
 * sl_fuzz_fresh_project:
 *
 * An empty project at the latest schema for every input, so each run
 * starts from the same state: a copy of a template made once, cheaper than
 * running the migrations each time.
 *
 * Returns: (transfer full): the project
 */
SlProject *
sl_fuzz_fresh_project (void)
{
  static GBytes *template;
  g_autofree char *path = g_build_filename (scratch_dir (), "fuzz.sightline", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  SlProject *project;

  g_unlink (wal);
  g_unlink (shm);

  if (template == NULL)
    {
      g_autoptr(SlProject) created = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_unlink (path);
      created = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
      g_assert_no_error (error);
      g_clear_object (&created);
      g_assert (g_file_get_contents (path, &contents, &length, NULL));
      template = g_bytes_new_take (g_steal_pointer (&contents), length);
    }
  else
    {
      gsize length = 0;
      const char *contents = g_bytes_get_data (template, &length);

      g_assert (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                          0600, NULL));
    }

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  return project;
}

/**
 * sl_fuzz_project_fingerprint:
 * @project: a project
 *
 * Returns: (transfer full): the row count of every table, "name=N;…": what
 *   a failed import must leave exactly as it found it
 */
char *
sl_fuzz_project_fingerprint (SlProject *project)
{
  sqlite3 *db = sl_project_get_db (project);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                "AND name NOT LIKE 'sqlite%' ORDER BY name",
                                -1, &stmt, NULL) == SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"",
                                              (char *) tables->pdata[i]);

      g_assert (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK);
      g_assert (sqlite3_step (stmt) == SQLITE_ROW);
      g_string_append_printf (out, "%s=%lld;", (char *) tables->pdata[i],
                              (long long) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
