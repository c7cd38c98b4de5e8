/* main.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "sl-cli.h"

static const SlCliCommand commands[] = {
  { "import-reads", "PROJECT FILE [--agency NAME] [--delimiter C] [--timezone TZ] [--map ROLE=COLUMN]… [--pseudonymize] [--yes]",
    N_("Import plate reads from a CSV file"), sl_cli_import_reads },
  { "info", "PROJECT [--json]", N_("Show what a project holds"), sl_cli_info },
  { "generate-demo", N_("OUT.sightline [--vehicles N] [--days D] [--seed S] [--csv DIR]"),
    N_("Generate the synthetic Connecticut demo project"), sl_cli_generate_demo },
  { "import-sharing", "PROJECT FILE [--scenario NAME] [--format edges|agencies|json] [--map ROLE=COLUMN]…",
    N_("Import sharing edges, an agency table or a JSON scenario"), sl_cli_import_sharing },
  { "export-sharing", "PROJECT [--scenario NAME] [--format json|edges|agencies]",
    N_("Export a sharing scenario"), sl_cli_export_sharing },
  { "scenarios", "PROJECT [--json]", N_("List sharing scenarios"), sl_cli_scenarios },
  { "exposure", "PROJECT --plate PLATE [--scenario NAME] [--as-of TIME] [--format table|csv|json]",
    N_("Which agencies can see a vehicle’s reads, when and through whom"), sl_cli_exposure },
  { "reach", "PROJECT [--scenario NAME] [--format table|csv|json]",
    N_("What every agency can see of all reads"), sl_cli_reach },
  { "diff", "PROJECT --scenario A --against B [--plate PLATE] [--format table|csv|json]",
    N_("What changes between two sharing scenarios"), sl_cli_diff },
  { "merge-agencies", "PROJECT KEEP MERGED",
    N_("Merge two agencies that are one; the merged names become aliases"), sl_cli_merge_agencies },
  { "infer", "PROJECT --plate PLATE [--agency NAME] [--scenario NAME] [--as-of TIME] [--format table|json]",
    N_("What an agency can infer from a vehicle’s reads, with the evidence"), sl_cli_infer },
  { "prepare-for-sharing", N_("PROJECT --output FILE"),
    N_("Write a copy to give away: no folder names, pseudonym key or deleted data"), sl_cli_prepare_for_sharing },
  { "check", "PROJECT", N_("Check every page of a project for damage"), sl_cli_check },
  { "report", "PROJECT --plate PLATE [--agency NAME] [--scenario NAME] [--as-of TIME] [--track] --output FILE.{pdf,html,csv,geojson}",
    N_("Write a vehicle exposure report or the track an agency sees"), sl_cli_report },
  { NULL }
};

void
sl_cli_print_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "sightline-cli: %s\n", message);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: sightline-cli COMMAND [OPTION…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (stream, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “sightline-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("sightline-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  sl_cli_print_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return 2;
}
