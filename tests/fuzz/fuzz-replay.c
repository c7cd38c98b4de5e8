/* fuzz-replay.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

/* Replays the files of the directories given after the GLib test options
 * through one fuzz target, one test case per file, so the seed corpus and
 * every input that once crashed a fuzzer stay tests of an ordinary build
 * (and of the ASan/UBSan build) without clang or libFuzzer. */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* libFuzzer's inputs are not NUL-terminated: replay them the same way,
   * from an exact-size copy, so ASan catches a read past the end. */
  {
    g_autofree guint8 *exact = g_memdup2 (contents, length);

    g_assert_cmpint (LLVMFuzzerTestOneInput (exact, length), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *target;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  if (argc < 3)
    g_error ("usage: %s [GTEST-OPTION…] TARGET DIRECTORY…", argv[0]);

  target = argv[1];
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      /* A missing regression directory just means no crash was found yet. */
      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint j = 0; j < names->len; j++)
        {
          /* "corpus" or "regressions": the directory above the target's. */
          g_autofree char *parent = g_path_get_dirname (argv[i]);
          g_autofree char *kind = g_path_get_basename (parent);
          char *path = g_build_filename (argv[i], names->pdata[j], NULL);
          g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s/%s", target, kind,
                                                        (char *) names->pdata[j]);

          g_ptr_array_add (paths, path);
          g_test_add_data_func (test_path, path, replay_file);
        }
    }

  return g_test_run ();
}
