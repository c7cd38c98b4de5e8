/* test-demo-project.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The demo project the build makes with `sightline-cli generate-demo`, and
 * the command's handling of bad arguments. Arguments: the built
 * demo.sightline, then sightline-cli. */

#include "config.h"


#include "sl-demo-generator.h"
#include "sl-project-private.h"
#include "sl-test-utils.h"

static const char *demo_path;
static const char *cli_path;

static gboolean
count_read (const SlDemoRead  *read,
            gpointer           user_data,
            GError           **error)
{
  (*(guint64 *) user_data)++;
  return TRUE;
}

/* The bundled demo holds exactly what the generator makes with the default
 * arguments, with its ground truth and the four scenarios. */
static void
test_demo_project_contents (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (demo_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(SlDemoGenerator) generator = NULL;
  g_autofree char *synthetic = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *vehicles = NULL;
  g_autofree char *days = NULL;
  guint64 n_reads = 0;

  g_assert_no_error (error);
  generator = sl_demo_generator_new (SL_DEMO_DEFAULT_VEHICLES, SL_DEMO_DEFAULT_DAYS, SL_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_foreach_read (generator, count_read, &n_reads, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM reads"), ==, (gint64) n_reads);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM demo_vehicles"), ==, SL_DEMO_DEFAULT_VEHICLES);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM demo_companions"), ==, 1);
  g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM scenarios"), ==, 4);
  /* Every story vehicle is in the reads. */
  g_assert_cmpint (sl_test_query_int (project,
                                      "SELECT count(*) FROM demo_vehicles AS v WHERE v.story IS NOT NULL AND "
                                      "EXISTS (SELECT 1 FROM plates AS p WHERE p.plate = v.plate)"), ==, 6);

  synthetic = sl_project_dup_meta (project, "synthetic");
  seed = sl_project_dup_meta (project, "demo.seed");
  vehicles = sl_project_dup_meta (project, "demo.vehicles");
  days = sl_project_dup_meta (project, "demo.days");
  g_assert_cmpstr (synthetic, ==, "true");
  g_assert_cmpstr (seed, ==, "2019");
  g_assert_cmpstr (vehicles, ==, "2000");
  g_assert_cmpstr (days, ==, "60");
}

/* "Open Demo Project" opens the user's own copy of the installed demo, made
 * once and then kept as the user left it. */
static void
test_demo_user_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "sightline", "demo.sightline", NULL);
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  g_autofree char *installed_sum = sl_test_checksum_file (demo_path);
  g_autofree char *copy_sum = NULL;

  g_setenv ("SIGHTLINE_DEMO_PROJECT", demo_path, TRUE);
  path = sl_demo_ensure_user_project (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, expected);
  copy_sum = sl_test_checksum_file (path);
  g_assert_cmpstr (copy_sum, ==, installed_sum);

  g_assert_true (g_file_set_contents (path, "changed by the user", -1, NULL));
  again = sl_demo_ensure_user_project (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, expected);
  g_clear_pointer (&copy_sum, g_free);
  copy_sum = sl_test_checksum_file (again);
  g_assert_cmpstr (copy_sum, !=, installed_sum);
}

/* With no installed demo it is generated, with the default arguments. */
static void
test_demo_user_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "not-installed.sightline", NULL);
  g_autofree char *path = NULL;
  g_autoptr(SlProject) installed = NULL;
  g_autoptr(SlProject) generated = NULL;

  g_setenv ("SIGHTLINE_DEMO_PROJECT", missing, TRUE);
  path = sl_demo_ensure_user_project (NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  installed = sl_project_open (demo_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  generated = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (generated, "SELECT count(*) FROM reads"), ==,
                   sl_test_query_int (installed, "SELECT count(*) FROM reads"));
  g_assert_cmpint (sl_test_query_int (generated, "SELECT count(*) FROM demo_vehicles"), ==, SL_DEMO_DEFAULT_VEHICLES);
}

/* Bad arguments are refused with a message, and nothing is written. */
static void
test_demo_cli_errors (void)
{
  g_autofree char *directory = g_build_filename (g_get_user_data_dir (), "cli", NULL);
  g_autofree char *out = g_build_filename (directory, "demo.sightline", NULL);
  g_autofree char *partial = g_strconcat (out, ".partial", NULL);
  g_autofree char *expected = NULL;
  char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &err, "generate-demo", out, "--vehicles", "5", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "sightline-cli: The number of vehicles must be between 6 and 10000000\n");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &err, "generate-demo", out, "--seed", "-3", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "sightline-cli: --seed: "));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &err, "generate-demo", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "sightline-cli: generate-demo needs exactly one output project file\n");
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  /* An existing file is kept unless --replace. */
  g_assert_true (g_file_set_contents (out, "mine", -1, NULL));
  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &err,
                                    "generate-demo", out, "--vehicles", "6", "--days", "1", NULL), ==, 1);
  expected = g_strdup_printf ("sightline-cli: “%s” already exists\n", out);
  g_assert_cmpstr (err, ==, expected);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sl_test_run_cli (cli_path, NULL, &err,
                                    "generate-demo", out, "--vehicles", "6", "--days", "1", "--replace", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SlProject) project = sl_project_open (out, SL_PROJECT_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sl_test_query_int (project, "SELECT count(*) FROM demo_vehicles"), ==, 6);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_cmpint (argc, ==, 3);
  demo_path = argv[1];
  cli_path = argv[2];

  g_test_add_func ("/demo-project/contents", test_demo_project_contents);
  g_test_add_func ("/demo-project/cli-errors", test_demo_cli_errors);
  g_test_add_func ("/demo-project/user-copy", test_demo_user_copy);
  g_test_add_func ("/demo-project/user-generated", test_demo_user_generated);

  return g_test_run ();
}
