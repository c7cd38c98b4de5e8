/* sl-cli-report.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sl-cli.h"
#include "sl-report-pdf.h"
#include "sl-sharing-io.h"

/* `report`: a vehicle exposure report (PDF, HTML, CSV) or the vehicle's
 * track as one agency sees it (GeoJSON, or CSV with --track), by the output
 * file's extension. Layouts: docs/reports.md. */

int
sl_cli_report (int    argc,
               char **argv)
{
  g_autofree char *plate = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *output = NULL;
  gboolean track = FALSE;
  GOptionEntry entries[] = {
    { "plate", 0, 0, G_OPTION_ARG_STRING, &plate, N_("The plate"), N_("PLATE") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency,
      N_("Inferences and track for this agency (default: the federal immigration recipient that sees most)"), N_("NAME") },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("Sharing scenario (default: the first)"), N_("NAME") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Only what is visible at this instant"), N_("TIME") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .pdf, .html, .csv or .geojson"), N_("FILE") },
    { "track", 0, 0, G_OPTION_ARG_NONE, &track, N_("Write the track the agency sees as CSV instead of the report"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — a vehicle exposure report"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  SlReportOptions options = { NULL, NULL, NULL, SL_TIME_MAX, NULL, 0 };
  SlReportFormat format;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 1))
    return 2;
  if (plate == NULL)
    {
      sl_cli_print_error (_("report needs --plate PLATE"));
      return 2;
    }
  if (output == NULL)
    {
      sl_cli_print_error (_("report needs --output FILE"));
      return 2;
    }
  if (!sl_report_format_from_path (output, &format, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 2;
    }
  if (track && format == SL_REPORT_FORMAT_CSV)
    format = SL_REPORT_FORMAT_TRACK_CSV;
  else if (track && format != SL_REPORT_FORMAT_GEOJSON)
    {
      sl_cli_print_error (_("--track writes .csv or .geojson, not %s"), output);
      return 2;
    }
  if (as_of_text != NULL && !sl_sharing_parse_time (as_of_text, &options.as_of, &error))
    {
      sl_cli_print_error ("--as-of: %s", error->message);
      return 2;
    }

  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_READ_ONLY)) == NULL)
    return 1;
  options.plate = plate;
  options.agency = agency;
  options.scenario = scenario;
  if (!sl_report_export (project, &options, format, output, NULL, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }
  return 0;
}
