/* sl-cli.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "sl-cli.h"

/* Parses the options of a command that takes @n_positional arguments
 * after its name. On a bad option prints the error, on a wrong number of
 * arguments the command's help, and returns FALSE: the caller exits 2. */
gboolean
sl_cli_parse_options (GOptionContext  *context,
                      int             *argc,
                      char          ***argv,
                      int              n_positional)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return FALSE;
    }
  if (*argc != n_positional + 1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fputs (help, stderr);
      return FALSE;
    }
  return TRUE;
}

/* Opens the project at @path, or prints why not (the message names the
 * file) and returns NULL: the caller exits 1. */
SlProject *
sl_cli_open_project (const char         *path,
                     SlProjectOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  SlProject *project = sl_project_open (path, flags, &error);

  if (project == NULL)
    sl_cli_print_error ("%s", error->message);
  return project;
}

