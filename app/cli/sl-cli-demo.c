/* sl-cli-demo.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>

#include "sl-cli.h"
#include "sl-demo-generator.h"

int
sl_cli_generate_demo (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SlDemoGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_dir = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *reads_text = NULL;
  g_autofree char *seed_text_out = NULL;
  int n_vehicles = SL_DEMO_DEFAULT_VEHICLES;
  int n_days = SL_DEMO_DEFAULT_DAYS;
  int n_agencies = 0;
  guint64 seed = SL_DEMO_DEFAULT_SEED;
  guint64 n_reads = 0;
  gboolean replace = FALSE;
  gboolean ok;
  GOptionEntry entries[] = {
    { "vehicles", 0, 0, G_OPTION_ARG_INT, &n_vehicles, N_("Number of vehicles (default 2000)"), N_("N") },
    { "days", 0, 0, G_OPTION_ARG_INT, &n_days, N_("Number of days from 14 January 2019 (default 60)"), N_("D") },
    { "agencies", 0, 0, G_OPTION_ARG_INT, &n_agencies,
      N_("Number of agencies, with synthetic ones across the US in the national pool (default 32)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed of the vehicles’ lives (default 2019)"), N_("S") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_dir, N_("Keep the generated CSV and scenario files in DIR"), N_("DIR") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, N_("Replace OUT.sightline if it exists"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("OUT.sightline — generate the synthetic Connecticut demo project"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 2;
    }
  if (argc != 2)
    {
      sl_cli_print_error ("%s", _("generate-demo needs exactly one output project file"));
      return 2;
    }
  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, &error))
    {
      sl_cli_print_error (_("--seed: %s"), error->message);
      return 2;
    }
  if (n_vehicles < 0 || n_days < 0 || n_agencies < 0)
    {
      sl_cli_print_error ("%s", _("--vehicles, --days and --agencies must not be negative"));
      return 2;
    }
  if (!replace && g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      sl_cli_print_error (_("“%s” already exists"), argv[1]);
      return 1;
    }

  generator = sl_demo_generator_new (n_vehicles, n_days, seed, &error);
  if (generator == NULL ||
      (n_agencies > 0 && !sl_demo_generator_set_n_agencies (generator, n_agencies, &error)))
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }

  if (csv_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("sightline-demo-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          sl_cli_print_error ("%s", error->message);
          return 1;
        }
    }
  else if (g_mkdir_with_parents (csv_dir, 0755) != 0)
    {
      int saved_errno = errno;

      sl_cli_print_error (_("Could not create “%s”: %s"), csv_dir, g_strerror (saved_errno));
      return 1;
    }

  ok = sl_demo_generator_write_project (generator, argv[1], csv_dir != NULL ? csv_dir : temp_dir, &n_reads,
                                        NULL, &error);

  if (temp_dir != NULL)
    {
      sl_demo_remove_csv (temp_dir);
      g_rmdir (temp_dir);
    }

  if (!ok)
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }

  reads_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n_reads);
  seed_text_out = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  printf (_("%s: %s synthetic reads of %d vehicles over %d days (seed %s), %u agencies\n"),
          argv[1], reads_text, n_vehicles, n_days, seed_text_out, sl_demo_generator_get_n_agencies (generator));

  return 0;
}
