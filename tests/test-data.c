/* test-data.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sl-project.h"

#define APP_ID_FILE_BASE "io.github.sightline.Sightline"

/* The system's MIME directories, from before the test isolated XDG_DATA_DIRS:
 * GdkPixbuf needs them to recognise an SVG. */
static GStrv system_mime_dirs;

/* Builds a MIME database holding only our definition, as
 * update-mime-database does on installation, and makes GIO use it. */
static void
use_our_mime_database (void)
{
  g_autofree char *mime_dir = g_build_filename (g_get_user_data_dir (), "mime", NULL);
  g_autofree char *packages = g_build_filename (mime_dir, "packages", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                   APP_ID_FILE_BASE ".mime.xml", NULL);
  g_autofree char *target = g_build_filename (packages, APP_ID_FILE_BASE ".xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) update = NULL;
  const char *dirs[] = { mime_dir, NULL };
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (target, contents, length, &error));
  g_assert_no_error (error);

  update = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                             "update-mime-database", mime_dir, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (update, NULL, &error));
  g_assert_no_error (error);

  g_content_type_set_mime_dirs (dirs);
}

static char *
guess_type (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_content_type_guess (basename, (const guchar *) contents, length, NULL);
}

static char *
make_project (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  return g_steal_pointer (&path);
}

static void
test_mime_by_extension (void)
{
  g_autofree char *path = make_project ("reads.sightline");
  g_autofree char *type = NULL;

  use_our_mime_database ();
  type = guess_type (path);
  g_assert_cmpstr (type, ==, "application/x-sightline");
}

/* Without the extension, the header (SQLite with application_id "SGHT")
 * still identifies a project, and only a project. */
static void
test_mime_by_content (void)
{
  g_autofree char *project_path = make_project ("renamed");
  g_autofree char *other_path = g_build_filename (g_get_user_data_dir (), "other", NULL);
  g_autofree char *project_type = NULL;
  g_autofree char *other_type = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (other_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x INTEGER)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  use_our_mime_database ();
  project_type = guess_type (project_path);
  other_type = guess_type (other_path);

  g_assert_cmpstr (project_type, ==, "application/x-sightline");
  g_assert_cmpstr (other_type, !=, "application/x-sightline");
}

static void
load_icon (const char  *relative_path,
           int          size,
           GHashTable  *colours,
           guint       *n_opaque)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "icons", "hicolor",
                                                 relative_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_size (path, size, size, &error);
  const guchar *pixels;
  int stride;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, size);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, size);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  *n_opaque = 0;
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        const guchar *p = pixels + y * stride + x * 4;

        /* Fully opaque pixels only: edges blend with transparency. */
        if (p[3] == 255)
          {
            (*n_opaque)++;
            g_hash_table_add (colours, GUINT_TO_POINTER (p[0] << 16 | p[1] << 8 | p[2]));
          }
      }
}

static void
test_icons (void)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) symbolic_colours = g_hash_table_new (NULL, NULL);
  guint opaque;
  guint symbolic_opaque;

  g_content_type_set_mime_dirs ((const char * const *) system_mime_dirs);

  load_icon ("scalable/apps/" APP_ID_FILE_BASE ".svg", 128, colours, &opaque);
  g_test_message ("app icon: %u opaque pixels, %u colours", opaque, g_hash_table_size (colours));
  /* A full-colour icon that fills a good part of its square. */
  g_assert_cmpuint (opaque, >, 128 * 128 / 2);
  g_assert_cmpuint (g_hash_table_size (colours), >=, 5);

  /* Symbolic icons are recoloured by the theme: one colour only. */
  load_icon ("symbolic/apps/" APP_ID_FILE_BASE "-symbolic.svg", 16, symbolic_colours, &symbolic_opaque);
  g_test_message ("symbolic icon: %u opaque pixels, %u colours",
                  symbolic_opaque, g_hash_table_size (symbolic_colours));
  g_assert_cmpuint (symbolic_opaque, >, 0);
  g_assert_cmpuint (g_hash_table_size (symbolic_colours), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  GPtrArray *mime_dirs = g_ptr_array_new ();
  int status;

  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (mime_dirs, g_build_filename (*dir, "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  system_mime_dirs = (GStrv) g_ptr_array_free (mime_dirs, FALSE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/data/mime/by-extension", test_mime_by_extension);
  g_test_add_func ("/data/mime/by-content", test_mime_by_content);
  g_test_add_func ("/data/icons", test_icons);

  status = g_test_run ();
  g_strfreev (system_mime_dirs);

  return status;
}
