/* sl-cli-project.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sl-cli.h"
#include "sl-share-copy.h"

/* Commands on a whole project file: a copy to give away, a check. */

/* sightline-cli prepare-for-sharing PROJECT --output FILE */
int
sl_cli_prepare_for_sharing (int    argc,
                            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  SlShareCopyReport report;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the copy (must not exist)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — a copy without folder names, pseudonym key or deleted data"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 1))
    return 2;
  if (output == NULL)
    {
      sl_cli_print_error (_("prepare-for-sharing needs --output FILE"));
      return 2;
    }

  if (!sl_share_copy_write (argv[1], output, FALSE, &report, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }

  text = sl_share_copy_report_to_text (&report);
  printf (_("Wrote %s (%lld bytes).\n"), output, (long long) report.size_bytes);
  fputs (text, stdout);
  return 0;
}

/* sightline-cli check PROJECT: SQLite's quick_check on request, whatever
 * the project's size (the window runs it on opening only below
 * SL_PROJECT_QUICK_CHECK_ALWAYS_BYTES or after an unclean shutdown). */
int
sl_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;

  context = g_option_context_new (_("PROJECT — check every page of a project for damage"));
  if (!sl_cli_parse_options (context, &argc, &argv, 1))
    return 2;
  project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_READ_ONLY);
  if (project == NULL)
    return 1;
  if (!sl_project_quick_check (project, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }
  printf (_("%s: no damage found\n"), argv[1]);
  return 0;
}
