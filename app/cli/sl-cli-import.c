/* sl-cli-import.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "sl-cli.h"
#include "sl-read-importer.h"
#include "sl-read-store.h"

/* Exit status when the file was imported before and nobody said --yes. */
#define EXIT_ALREADY_IMPORTED 3

typedef struct
{
  char      *agency;
  char      *delimiter;
  char      *timezone;
  char     **maps;
  gboolean   pseudonymize;
  gboolean   yes;
  gboolean   day_first;
} ImportOptions;

static void
print_progress (const SlImportProgress *progress,
                gpointer                user_data)
{
  switch (progress->phase)
    {
    case SL_IMPORT_PHASE_READING:
      fprintf (stdout, "\r\033[K");
      fprintf (stdout, _("Reading… %3.0f%%  %lu rows  %.0f rows/s"),
               progress->bytes_total > 0 ? 100.0 * progress->bytes_read / progress->bytes_total : 0.0,
               (gulong) progress->rows_read, progress->rows_per_second);
      break;

    case SL_IMPORT_PHASE_INDEXING:
      fprintf (stdout, "\r\033[K%s", _("Building indexes…"));
      break;

    case SL_IMPORT_PHASE_FINISHING:
      fprintf (stdout, "\r\033[K%s", _("Removing duplicates…"));
      break;

    default:
      g_assert_not_reached ();
    }
  fflush (stdout);
}

static gboolean
parse_delimiter (const char  *text,
                 char        *out,
                 GError     **error)
{
  if (text == NULL)
    {
      *out = '\0';
      return TRUE;
    }

  if (g_str_equal (text, "tab") || g_str_equal (text, "\\t") || g_str_equal (text, "\t"))
    *out = '\t';
  else if (strlen (text) == 1 && strchr (",;|", text[0]) != NULL)
    *out = text[0];
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--delimiter must be one of , ; | tab (got “%s”)"), text);
      return FALSE;
    }

  return TRUE;
}

static SlReadImporter *
make_importer (const char     *file,
               ImportOptions  *options,
               gboolean        allow_reimport,
               GError        **error)
{
  g_autoptr(SlReadImporter) importer = sl_read_importer_new (file);
  SlColumnMapping *mapping;
  char delimiter;

  if (!parse_delimiter (options->delimiter, &delimiter, error))
    return NULL;
  sl_read_importer_set_delimiter (importer, delimiter);

  if (options->timezone != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (options->timezone);

      if (zone == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown time zone “%s” (use an IANA name such as America/New_York)"),
                       options->timezone);
          return NULL;
        }
      sl_read_importer_set_time_zone (importer, zone);
    }

  sl_read_importer_set_owner_agency (importer, options->agency);
  sl_read_importer_set_pseudonymize (importer, options->pseudonymize);
  sl_read_importer_set_allow_reimport (importer, allow_reimport);
  sl_read_importer_set_day_first (importer, options->day_first);
  if (isatty (fileno (stdout)))
    sl_read_importer_set_progress_func (importer, print_progress, NULL, NULL);

  if (!sl_read_importer_prepare (importer, NULL, error))
    return NULL;

  mapping = sl_read_importer_get_mapping (importer);
  for (guint i = 0; options->maps != NULL && options->maps[i] != NULL; i++)
    {
      if (!sl_column_mapping_apply_override (mapping, options->maps[i], error))
        {
          g_prefix_error (error, "%s: ", file);
          return NULL;
        }
    }

  return g_steal_pointer (&importer);
}

static gboolean
ask_yes_no (const char *question)
{
  char answer[16] = "";

  fprintf (stdout, "%s [y/N] ", question);
  fflush (stdout);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;

  return answer[0] == 'y' || answer[0] == 'Y';
}

static void
print_summary (const char            *file,
               const char            *project_path,
               const SlImportSummary *summary)
{
  printf (_("Imported %s into %s (dataset %ld)\n"), file, project_path, (glong) summary->dataset_id);
  printf (_("  rows read:          %lu\n"), (gulong) summary->rows_read);
  printf (_("  imported:           %lu\n"), (gulong) summary->rows_imported);
  printf (_("  skipped:            %lu\n"), (gulong) summary->rows_skipped);
  for (guint i = 0; i < summary->skipped_by_reason->len; i++)
    {
      const SlImportReasonCount *count = &g_array_index (summary->skipped_by_reason, SlImportReasonCount, i);

      printf ("    %-22s %" G_GUINT64_FORMAT "\n", count->reason, count->count);
    }
  printf (_("  duplicates dropped: %lu\n"), (gulong) summary->rows_duplicate);
  printf (_("  time:               %.2f s (%.0f rows/s)\n"), summary->seconds,
          summary->seconds > 0 ? summary->rows_read / summary->seconds : 0.0);
}

int
sl_cli_import_reads (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlReadImporter) importer = NULL;
  ImportOptions options = { 0, };
  const GOptionEntry entries[] = {
    { "agency", 0, 0, G_OPTION_ARG_STRING, &options.agency,
      N_("Agency that owns the reads (needed when the file has no agency column)"), N_("NAME") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &options.delimiter,
      N_("Field separator: , ; | or tab (default: detected)"), N_("C") },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &options.timezone,
      N_("IANA time zone of times without an offset (default: this computer’s)"), N_("TZ") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.maps,
      N_("Give a column a role, by header name or number; repeatable"), N_("ROLE=COLUMN") },
    { "day-first", 0, 0, G_OPTION_ARG_NONE, &options.day_first,
      N_("Read ambiguous dates like 03/04/2019 as 3 April"), NULL },
    { "pseudonymize", 0, 0, G_OPTION_ARG_NONE, &options.pseudonymize,
      N_("Store plates as keyed HMAC-SHA256 pseudonyms"), NULL },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &options.yes,
      N_("Import even if the same file was imported before"), NULL },
    { NULL }
  };
  int status = 0;

  context = g_option_context_new (_("PROJECT FILE — import plate reads from a CSV file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sl_cli_print_error ("%s", error->message);
      status = 2;
      goto out;
    }

  if (argc != 3)
    {
      sl_cli_print_error (_("import-reads needs a PROJECT and a FILE"));
      status = 2;
      goto out;
    }

  project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_CREATE);
  if (project == NULL)
    {
      status = 1;
      goto out;
    }

  importer = make_importer (argv[2], &options, options.yes, &error);
  if (importer != NULL && !sl_read_importer_run (importer, project, NULL, &error) &&
      g_error_matches (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_ALREADY_IMPORTED) &&
      isatty (fileno (stdin)) && isatty (fileno (stdout)))
    {
      fprintf (stdout, "\r\033[K%s\n", error->message);
      if (ask_yes_no (_("Import it again?")))
        {
          g_clear_error (&error);
          g_clear_object (&importer);
          importer = make_importer (argv[2], &options, TRUE, &error);
          if (importer != NULL)
            sl_read_importer_run (importer, project, NULL, &error);
        }
    }

  if (isatty (fileno (stdout)))
    fprintf (stdout, "\r\033[K");

  if (error != NULL)
    {
      sl_cli_print_error ("%s", error->message);
      status = g_error_matches (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_ALREADY_IMPORTED)
               ? EXIT_ALREADY_IMPORTED : 1;
      goto out;
    }

  print_summary (argv[2], argv[1], sl_read_importer_get_summary (importer));

out:
  g_free (options.agency);
  g_free (options.delimiter);
  g_free (options.timezone);
  g_strfreev (options.maps);

  return status;
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gboolean     present,
          gint64       time)
{
  json_builder_set_member_name (builder, name);
  if (present)
    {
      g_autofree char *text = sl_timestamp_format_utc (time);

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

int
sl_cli_info (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  SlReadStoreSummary summary;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — what a project holds"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 2;
    }

  if (argc != 2)
    {
      sl_cli_print_error (_("info needs a PROJECT"));
      return 2;
    }

  project = sl_project_open (argv[1], SL_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL && g_error_matches (error, SL_PROJECT_ERROR, SL_PROJECT_ERROR_READ_ONLY))
    {
      /* An older format: upgrading it needs write access. */
      g_clear_error (&error);
      project = sl_project_open (argv[1], SL_PROJECT_OPEN_FLAGS_NONE, &error);
    }

  if (project == NULL || !sl_read_store_get_summary (project, &summary, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reads");
      json_builder_add_int_value (builder, summary.reads);
      json_builder_set_member_name (builder, "plates");
      json_builder_add_int_value (builder, summary.plates);
      json_builder_set_member_name (builder, "agencies");
      json_builder_add_int_value (builder, summary.agencies);
      json_builder_set_member_name (builder, "cameras");
      json_builder_add_int_value (builder, summary.cameras);
      json_builder_set_member_name (builder, "datasets");
      json_builder_add_int_value (builder, summary.datasets);
      add_time (builder, "first_read", summary.has_reads, summary.first_read);
      add_time (builder, "last_read", summary.has_reads, summary.last_read);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
    }
  else
    {
      g_autofree char *first = summary.has_reads ? sl_timestamp_format_utc (summary.first_read) : g_strdup ("—");
      g_autofree char *last = summary.has_reads ? sl_timestamp_format_utc (summary.last_read) : g_strdup ("—");

      printf (_("Project:    %s\n"), argv[1]);
      printf (_("Reads:      %ld\n"), (glong) summary.reads);
      printf (_("Plates:     %ld\n"), (glong) summary.plates);
      printf (_("Agencies:   %ld\n"), (glong) summary.agencies);
      printf (_("Cameras:    %ld\n"), (glong) summary.cameras);
      printf (_("Datasets:   %ld\n"), (glong) summary.datasets);
      printf (_("First read: %s\n"), first);
      printf (_("Last read:  %s\n"), last);
    }

  return 0;
}
