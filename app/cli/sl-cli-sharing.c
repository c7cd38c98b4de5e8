/* sl-cli-sharing.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sl-cli.h"
#include "sl-project-private.h"
#include "sl-sharing-diff.h"
#include "sl-sharing-io.h"
#include "sl-sharing-reads.h"
#include "sl-visibility.h"

/* Output: every command prints a table, CSV or JSON of the same rows. The
 * JSON layouts are documented in docs/cli.md and stable. */

typedef enum
{
  OUTPUT_TABLE,
  OUTPUT_CSV,
  OUTPUT_JSON,
} OutputFormat;

static gboolean
parse_output_format (const char    *text,
                     OutputFormat  *format)
{
  if (text == NULL || g_str_equal (text, "table"))
    *format = OUTPUT_TABLE;
  else if (g_str_equal (text, "csv"))
    *format = OUTPUT_CSV;
  else if (g_str_equal (text, "json"))
    *format = OUTPUT_JSON;
  else
    {
      sl_cli_print_error (_("unknown format “%s” (expected table, csv or json)"), text);
      return FALSE;
    }
  return TRUE;
}

/* The --format of import-sharing and export-sharing: NULL keeps the
 * command's default in @format; "auto" is not one a user names. */
static gboolean
parse_sharing_format (const char      *text,
                      SlSharingFormat *format)
{
  if (text != NULL &&
      (!sl_sharing_format_from_string (text, format) || *format == SL_SHARING_FORMAT_AUTO))
    {
      sl_cli_print_error (_("unknown format “%s” (expected edges, agencies or json)"), text);
      return FALSE;
    }
  return TRUE;
}

/* Rows of strings (NULL = empty/null), printed as an aligned table or CSV. */
typedef struct
{
  GPtrArray *header;
  GPtrArray *rows;
} Table;

static Table *
table_new (const char *first,
           ...)
{
  Table *table = g_new0 (Table, 1);
  va_list args;

  table->header = g_ptr_array_new ();
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (table->header, (gpointer) name);
  va_end (args);

  return table;
}

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->header);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

/* Takes ownership of the strings; one per column. */
static void
table_add (Table *table,
           ...)
{
  char **row = g_new0 (char *, table->header->len + 1);
  va_list args;

  va_start (args, table);
  for (guint c = 0; c < table->header->len; c++)
    {
      char *value = va_arg (args, char *);

      row[c] = value != NULL ? value : g_strdup ("");
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static void
print_csv_field (const char *text,
                 gboolean    last)
{
  if (text[strcspn (text, ",\"\r\n")] != '\0')
    {
      putchar ('"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            putchar ('"');
          putchar (*p);
        }
      putchar ('"');
    }
  else
    fputs (text, stdout);
  putchar (last ? '\n' : ',');
}

static void
table_print (Table        *table,
             OutputFormat  format)
{
  g_autofree guint *widths = g_new0 (guint, table->header->len);
  guint n = table->header->len;

  if (format == OUTPUT_CSV)
    {
      for (guint c = 0; c < n; c++)
        print_csv_field (g_ptr_array_index (table->header, c), c + 1 == n);
      for (guint r = 0; r < table->rows->len; r++)
        {
          char **row = g_ptr_array_index (table->rows, r);

          for (guint c = 0; c < n; c++)
            print_csv_field (row[c], c + 1 == n);
        }
      return;
    }

  for (guint c = 0; c < n; c++)
    widths[c] = g_utf8_strlen (g_ptr_array_index (table->header, c), -1);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r <= table->rows->len; r++)
    {
      char **row = r == 0 ? (char **) table->header->pdata : g_ptr_array_index (table->rows, r - 1);

      for (guint c = 0; c < n; c++)
        {
          if (c + 1 == n)
            printf ("%s\n", row[c]);
          else
            printf ("%s%*s  ", row[c], (int) (widths[c] - g_utf8_strlen (row[c], -1)), "");
        }
    }
}

static char *
format_time (gint64 time)
{
  if (time == SL_TIME_MIN || time == SL_TIME_MAX)
    return NULL;
  return sl_sharing_format_time (time);
}

static void
json_time (GString *out,
           gint64   time)
{
  g_autofree char *text = format_time (time);

  sl_json_append_string (out, text);
}

/* import-sharing */

int
sl_cli_import_sharing (int    argc,
                       char **argv)
{
  g_autofree char *scenario = NULL;
  g_autofree char *format_name = NULL;
  g_auto(GStrv) maps = NULL;
  GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("Scenario to write"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("edges, agencies or json"), N_("FORMAT") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read ROLE from COLUMN (CSV)"), N_("ROLE=COLUMN") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT FILE — import sharing data"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlSharingImport) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  SlSharingFormat format = SL_SHARING_FORMAT_AUTO;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 2))
    return 2;
  if (!parse_sharing_format (format_name, &format))
    return 2;

  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_CREATE)) == NULL)
    return 1;

  result = sl_sharing_import (project, argv[2], format, scenario, (const char * const *) maps, &error);
  if (result == NULL)
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }

  if (result->scenario != NULL)
    printf (_("Imported %s into scenario “%s”: %u edges, %u edits, %u new pools.\n"),
            argv[2], result->scenario, result->n_edges, result->n_edits, result->n_pools);
  else
    printf (_("Imported %s: %u agencies.\n"), argv[2], result->n_agencies);
  printf (_("Agency names: %u matched, %u created, %u ambiguous.\n"),
          sl_agency_reconciler_count (result->reconciler, SL_AGENCY_MATCH_MATCHED),
          sl_agency_reconciler_count (result->reconciler, SL_AGENCY_MATCH_CREATED),
          sl_agency_reconciler_count (result->reconciler, SL_AGENCY_MATCH_AMBIGUOUS));
  report = sl_agency_reconciler_format_report (result->reconciler);
  fputs (report, stdout);

  return 0;
}

int
sl_cli_export_sharing (int    argc,
                       char **argv)
{
  g_autofree char *scenario = NULL;
  g_autofree char *format_name = NULL;
  GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("Scenario to export"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("json (default), edges or agencies"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — export a sharing scenario"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SlSharingFormat format = SL_SHARING_FORMAT_JSON;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 1))
    return 2;
  if (!parse_sharing_format (format_name, &format))
    return 2;

  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_FLAGS_NONE)) == NULL)
    return 1;
  if (scenario == NULL && format != SL_SHARING_FORMAT_AGENCIES &&
      (scenario = sl_sharing_network_dup_default_scenario (project, &error)) == NULL)
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }

  if (format == SL_SHARING_FORMAT_JSON)
    text = sl_sharing_export_json (project, scenario, &error);
  else if (format == SL_SHARING_FORMAT_EDGES)
    text = sl_sharing_export_edges_csv (project, scenario, &error);
  else
    text = sl_sharing_export_agencies_csv (project, &error);

  if (text == NULL)
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }
  fputs (text, stdout);
  return 0;
}

/* scenarios */

int
sl_cli_scenarios (int    argc,
                  char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — list sharing scenarios"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(Table) table = table_new ("scenario", "parent", "edges", "edits", "description", NULL);
  g_autoptr(GString) json = g_string_new ("{\n  \"scenarios\": [");
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 1))
    return 2;
  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_FLAGS_NONE)) == NULL)
    return 1;

  if (sqlite3_prepare_v2 (sl_project_get_db (project),
                          "SELECT s.name, p.name, "
                          "(SELECT count(*) FROM sharing_edges WHERE scenario_id = s.id), "
                          "(SELECT count(*) FROM scenario_edits WHERE scenario_id = s.id), "
                          "s.description FROM scenarios AS s "
                          "LEFT JOIN scenarios AS p ON p.id = s.parent_id ORDER BY s.id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_cli_print_error ("%s", sqlite3_errmsg (sl_project_get_db (project)));
      return 1;
    }

  for (guint i = 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; i++)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *parent = (const char *) sqlite3_column_text (stmt, 1);
      const char *description = (const char *) sqlite3_column_text (stmt, 4);

      table_add (table, g_strdup (name), g_strdup (parent),
                 g_strdup_printf ("%d", sqlite3_column_int (stmt, 2)),
                 g_strdup_printf ("%d", sqlite3_column_int (stmt, 3)), g_strdup (description));

      g_string_append_printf (json, "%s\n    {\"name\": ", i == 0 ? "" : ",");
      sl_json_append_string (json, name);
      g_string_append (json, ", \"parent\": ");
      sl_json_append_string (json, parent);
      g_string_append_printf (json, ", \"edges\": %d, \"edits\": %d, \"description\": ",
                              sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3));
      sl_json_append_string (json, description);
      g_string_append_c (json, '}');
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_cli_print_error ("%s", sqlite3_errmsg (sl_project_get_db (project)));
      return 1;
    }

  if (as_json)
    printf ("%s%s]\n}\n", json->str, table->rows->len > 0 ? "\n  " : "");
  else
    table_print (table, OUTPUT_TABLE);
  return 0;
}

/* exposure */

static SlVisibility *
load_visibility (SlProject  *project,
                 const char *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSharingNetwork) network = sl_sharing_network_load (project, scenario, &error);

  if (network == NULL)
    {
      sl_cli_print_error ("%s", error->message);
      return NULL;
    }
  return sl_visibility_new (network);
}

static const char *
node_kind (const SlSharingNode *node)
{
  return node->kind == SL_SHARING_NODE_UNLISTED ? "unlisted" : "agency";
}

static char *
members_text (const SlSharingNode *node)
{
  return node->members < 0 ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, node->members);
}

static int
compare_exposure (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const SlExposure *x = a;
  const SlExposure *y = b;
  SlSharingNetwork *network = user_data;

  if (x->n_reads != y->n_reads)
    return x->n_reads > y->n_reads ? -1 : 1;
  return g_strcmp0 (sl_sharing_network_get_node (network, x->node)->name,
                    sl_sharing_network_get_node (network, y->node)->name);
}

static GArray *
plate_exposure (SlProject    *project,
                SlVisibility *vis,
                const char   *plate,
                gint64        as_of,
                guint        *n_reads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reads = sl_sharing_load_plate_reads (project, plate, &error);
  GArray *rows;

  if (reads == NULL)
    {
      sl_cli_print_error ("%s", error->message);
      return NULL;
    }

  *n_reads = reads->len;
  rows = sl_visibility_exposure (vis, (SlVisRead *) reads->data, reads->len, as_of);
  g_array_sort_with_data (rows, compare_exposure, sl_visibility_get_network (vis));
  return rows;
}

int
sl_cli_exposure (int    argc,
                 char **argv)
{
  g_autofree char *plate = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *format_name = NULL;
  GOptionEntry entries[] = {
    { "plate", 0, 0, G_OPTION_ARG_STRING, &plate, N_("The plate"), N_("PLATE") },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("Sharing scenario (default: the first)"), N_("NAME") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Only what is visible at this instant"), N_("TIME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — who can see a vehicle’s reads"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlVisibility) vis = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = table_new ("agency", "kind", "members", "reads", "share", "first", "last", "path", NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  SlSharingNetwork *network;
  OutputFormat format;
  gint64 as_of = SL_TIME_MAX;
  guint n_reads = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 1) || !parse_output_format (format_name, &format))
    return 2;
  if (plate == NULL)
    {
      sl_cli_print_error (_("exposure needs --plate PLATE"));
      return 2;
    }
  if (as_of_text != NULL && !sl_sharing_parse_time (as_of_text, &as_of, &error))
    {
      sl_cli_print_error ("--as-of: %s", error->message);
      return 2;
    }

  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_FLAGS_NONE)) == NULL ||
      (vis = load_visibility (project, scenario)) == NULL ||
      (rows = plate_exposure (project, vis, plate, as_of, &n_reads)) == NULL)
    return 1;
  network = sl_visibility_get_network (vis);
  if (n_reads == 0)
    sl_cli_print_error (_("%s has no reads of plate “%s”"), argv[1], plate);

  g_string_append (json, "{\n  \"plate\": ");
  sl_json_append_string (json, plate);
  g_string_append (json, ",\n  \"scenario\": ");
  sl_json_append_string (json, sl_sharing_network_get_scenario (network));
  g_string_append (json, ",\n  \"as_of\": ");
  json_time (json, as_of);
  g_string_append_printf (json, ",\n  \"reads\": %u,\n  \"agencies\": [", n_reads);

  for (guint i = 0; i < rows->len; i++)
    {
      SlExposure *row = &g_array_index (rows, SlExposure, i);
      const SlSharingNode *node = sl_sharing_network_get_node (network, row->node);
      char share[32];

      g_ascii_formatd (share, sizeof share, "%.4f", (double) row->n_reads / n_reads);
      table_add (table, g_strdup (node->name), g_strdup (node_kind (node)), members_text (node),
                 g_strdup_printf ("%u", row->n_reads), g_strdup (share),
                 format_time (row->first),
                 row->last == SL_TIME_MAX ? g_strdup (_("open")) : format_time (row->last),
                 g_strdup (row->path));

      g_string_append_printf (json, "%s\n    {\"agency\": ", i == 0 ? "" : ",");
      sl_json_append_string (json, node->name);
      g_string_append_printf (json, ", \"kind\": \"%s\", \"members\": ", node_kind (node));
      if (node->members < 0)
        g_string_append (json, "null");
      else
        g_string_append_printf (json, "%" G_GINT64_FORMAT, node->members);
      g_string_append_printf (json, ", \"reads\": %u, \"share\": %s, \"first\": ", row->n_reads, share);
      json_time (json, row->first);
      g_string_append (json, ", \"last\": ");
      json_time (json, row->last);
      g_string_append_printf (json, ", \"retention_unknown\": %s, \"path\": ",
                              row->retention_unknown ? "true" : "false");
      sl_json_append_string (json, row->path);
      g_string_append_c (json, '}');
    }
  g_string_append_printf (json, "%s]\n}\n", rows->len > 0 ? "\n  " : "");

  if (format == OUTPUT_JSON)
    fputs (json->str, stdout);
  else
    table_print (table, format);
  return 0;
}

/* reach */

int
sl_cli_reach (int    argc,
              char **argv)
{
  g_autofree char *scenario = NULL;
  g_autofree char *format_name = NULL;
  GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("Sharing scenario (default: the first)"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — what every agency can see"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlVisibility) vis = NULL;
  g_autoptr(SlReach) reach = NULL;
  g_autoptr(GArray) agencies = NULL;
  g_autoptr(GArray) owners = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Table) table = table_new ("section", "agency", "kind", "members", "reads", "plates",
                                      "agencies", "unlisted", NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  SlSharingNetwork *network;
  OutputFormat format;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 1) || !parse_output_format (format_name, &format))
    return 2;

  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_FLAGS_NONE)) == NULL ||
      (vis = load_visibility (project, scenario)) == NULL)
    return 1;
  network = sl_visibility_get_network (vis);

  reach = sl_reach_new (vis);
  if (!sl_sharing_reach_all (project, reach, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }
  agencies = sl_reach_get_agencies (reach);
  owners = sl_reach_get_owners (reach);

  g_string_append (json, "{\n  \"scenario\": ");
  sl_json_append_string (json, sl_sharing_network_get_scenario (network));
  g_string_append_printf (json, ",\n  \"reads\": %" G_GUINT64_FORMAT ",\n  \"plates\": %" G_GUINT64_FORMAT
                          ",\n  \"agencies\": [",
                          sl_reach_get_n_reads (reach), sl_reach_get_n_plates (reach));
  for (guint i = 0; i < agencies->len; i++)
    {
      SlReachAgency *row = &g_array_index (agencies, SlReachAgency, i);
      const SlSharingNode *node = sl_sharing_network_get_node (network, row->node);

      table_add (table, g_strdup ("agency"), g_strdup (node->name), g_strdup (node_kind (node)),
                 members_text (node), g_strdup_printf ("%" G_GUINT64_FORMAT, row->n_reads),
                 g_strdup_printf ("%" G_GUINT64_FORMAT, row->n_plates), NULL, NULL);

      g_string_append_printf (json, "%s\n    {\"agency\": ", i == 0 ? "" : ",");
      sl_json_append_string (json, node->name);
      g_string_append_printf (json, ", \"kind\": \"%s\", \"members\": ", node_kind (node));
      if (node->members < 0)
        g_string_append (json, "null");
      else
        g_string_append_printf (json, "%" G_GINT64_FORMAT, node->members);
      g_string_append_printf (json, ", \"reads\": %" G_GUINT64_FORMAT ", \"plates\": %" G_GUINT64_FORMAT "}",
                              row->n_reads, row->n_plates);
    }
  g_string_append_printf (json, "%s],\n  \"owners\": [", agencies->len > 0 ? "\n  " : "");
  for (guint i = 0; i < owners->len; i++)
    {
      SlReachOwner *row = &g_array_index (owners, SlReachOwner, i);
      const SlSharingNode *node = sl_sharing_network_get_node (network, row->node);

      table_add (table, g_strdup ("owner"), g_strdup (node->name), g_strdup (node_kind (node)), NULL,
                 g_strdup_printf ("%" G_GUINT64_FORMAT, row->n_reads), NULL,
                 g_strdup_printf ("%u", row->n_agencies),
                 row->n_unlisted < 0 ? g_strdup (_("unknown")) : g_strdup_printf ("%" G_GINT64_FORMAT, row->n_unlisted));

      g_string_append_printf (json, "%s\n    {\"owner\": ", i == 0 ? "" : ",");
      sl_json_append_string (json, node->name);
      g_string_append_printf (json, ", \"reads\": %" G_GUINT64_FORMAT ", \"agencies\": %u, \"unlisted\": ",
                              row->n_reads, row->n_agencies);
      if (row->n_unlisted < 0)
        g_string_append (json, "null}");
      else
        g_string_append_printf (json, "%" G_GINT64_FORMAT "}", row->n_unlisted);
    }
  g_string_append_printf (json, "%s]\n}\n", owners->len > 0 ? "\n  " : "");

  if (format == OUTPUT_JSON)
    fputs (json->str, stdout);
  else
    table_print (table, format);
  return 0;
}

/* diff */

static void
json_intervals (GString *out,
                GArray  *intervals)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i + 1 < intervals->len; i += 2)
    {
      g_string_append (out, i == 0 ? "[" : ", [");
      json_time (out, g_array_index (intervals, gint64, i));
      g_string_append (out, ", ");
      json_time (out, g_array_index (intervals, gint64, i + 1));
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

static char *
intervals_text (GArray *intervals)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i + 1 < intervals->len; i += 2)
    {
      g_autofree char *from = format_time (g_array_index (intervals, gint64, i));
      g_autofree char *to = format_time (g_array_index (intervals, gint64, i + 1));

      g_string_append_printf (out, "%s[%s, %s)", i == 0 ? "" : " ∪ ",
                              from != NULL ? from : "−∞", to != NULL ? to : "∞");
    }
  return g_string_free (out, FALSE);
}

/* "3 reads, 2018-06-26T08:00:00Z – open" */
static char *
exposure_text (const SlExposure *row)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (row->n_reads == 0)
    return g_strdup (_("none"));
  first = format_time (row->first);
  last = row->last == SL_TIME_MAX ? g_strdup (_("open")) : format_time (row->last);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u read, %s – %s", "%u reads, %s – %s", row->n_reads),
                          row->n_reads, first, last);
}

static void
json_exposure_members (GString          *out,
                       const char       *prefix,
                       const SlExposure *row)
{
  g_string_append_printf (out, ", \"%sreads\": %u, \"%sfirst\": ", prefix, row->n_reads, prefix);
  json_time (out, row->n_reads > 0 ? row->first : SL_TIME_MAX);
  g_string_append_printf (out, ", \"%slast\": ", prefix);
  json_time (out, row->n_reads > 0 ? row->last : SL_TIME_MAX);
  g_string_append_printf (out, ", \"%spath\": ", prefix);
  sl_json_append_string (out, row->path);
}

int
sl_cli_diff (int    argc,
             char **argv)
{
  g_autofree char *scenario = NULL;
  g_autofree char *against = NULL;
  g_autofree char *plate = NULL;
  g_autofree char *format_name = NULL;
  GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("Scenario A"), N_("A") },
    { "against", 0, 0, G_OPTION_ARG_STRING, &against, N_("Scenario B, the baseline"), N_("B") },
    { "plate", 0, 0, G_OPTION_ARG_STRING, &plate, N_("Compare what is seen of this plate"), N_("PLATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — what changes between two scenarios"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlVisibility) vis_a = NULL;
  g_autoptr(SlVisibility) vis_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(Table) table = NULL;
  SlSharingNetwork *net_a, *net_b;
  OutputFormat format;
  guint common;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 1) || !parse_output_format (format_name, &format))
    return 2;
  if (scenario == NULL || against == NULL)
    {
      sl_cli_print_error (_("diff needs --scenario A and --against B"));
      return 2;
    }

  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_FLAGS_NONE)) == NULL ||
      (vis_a = load_visibility (project, scenario)) == NULL ||
      (vis_b = load_visibility (project, against)) == NULL)
    return 1;
  net_a = sl_visibility_get_network (vis_a);
  net_b = sl_visibility_get_network (vis_b);

  g_string_append (json, "{\n  \"scenario\": ");
  sl_json_append_string (json, scenario);
  g_string_append (json, ",\n  \"against\": ");
  sl_json_append_string (json, against);
  g_string_append (json, ",\n  \"plate\": ");
  sl_json_append_string (json, plate);

  /* Edits since the common ancestry explain the difference. */
  common = sl_sharing_diff_edits (net_a, net_b);
  table = table_new ("change", "what", "scenario", "against", "path", "against path", NULL);
  g_string_append (json, ",\n  \"edits\": [");
  for (guint i = common; i < sl_sharing_network_get_n_edits (net_a); i++)
    {
      const SlScenarioEdit *edit = sl_sharing_network_get_edit (net_a, i);
      g_autofree char *text = sl_scenario_edit_describe (net_a, edit);

      table_add (table, g_strdup ("edit"), g_strdup (text), g_strdup (edit->note), NULL, NULL, NULL);
      g_string_append_printf (json, "%s\n    {\"op\": \"%s\", \"description\": ", i == common ? "" : ",",
                              sl_scenario_edit_op_to_string (edit->op));
      sl_json_append_string (json, text);
      g_string_append (json, ", \"note\": ");
      sl_json_append_string (json, edit->note);
      g_string_append_c (json, '}');
    }
  g_string_append (json, common < sl_sharing_network_get_n_edits (net_a) ? "\n  ]" : "]");

  if (plate != NULL)
    {
      g_autoptr(GArray) reads = sl_sharing_load_plate_reads (project, plate, &error);
      g_autoptr(GArray) diffs = NULL;

      if (reads == NULL)
        {
          sl_cli_print_error ("%s", error->message);
          return 1;
        }
      diffs = sl_sharing_diff_plate (vis_a, vis_b, (SlVisRead *) reads->data, reads->len);

      g_string_append_printf (json, ",\n  \"reads\": %u,\n  \"agencies\": [", reads->len);
      for (guint i = 0; i < diffs->len; i++)
        {
          SlPlateDiff *diff = &g_array_index (diffs, SlPlateDiff, i);

          table_add (table, g_strdup (sl_diff_change_to_string (diff->change)), g_strdup (diff->name),
                     exposure_text (&diff->a), exposure_text (&diff->b),
                     g_strdup (diff->a.path), g_strdup (diff->b.path));
          g_string_append_printf (json, "%s\n    {\"change\": \"%s\", \"agency\": ", i == 0 ? "" : ",",
                                  sl_diff_change_to_string (diff->change));
          sl_json_append_string (json, diff->name);
          json_exposure_members (json, "", &diff->a);
          json_exposure_members (json, "against_", &diff->b);
          g_string_append_c (json, '}');
        }
      g_string_append (json, diffs->len > 0 ? "\n  ]" : "]");
    }
  else
    {
      g_autoptr(GArray) edges = sl_sharing_diff_edges (net_a, net_b);
      g_autoptr(GArray) retention = sl_sharing_diff_retention (net_a, net_b);
      g_autoptr(GArray) reach = sl_sharing_diff_reach (vis_a, vis_b);

      g_string_append (json, ",\n  \"edges\": [");
      for (guint i = 0; i < edges->len; i++)
        {
          SlEdgeDiff *diff = &g_array_index (edges, SlEdgeDiff, i);
          g_autofree char *text = sl_sharing_edge_describe (diff->added ? net_a : net_b, diff->edge);

          table_add (table, g_strdup (diff->added ? "added" : "removed"), g_strdup (text), NULL, NULL, NULL, NULL);
          g_string_append_printf (json, "%s\n    {\"change\": \"%s\", \"description\": ",
                                  i == 0 ? "" : ",", diff->added ? "added" : "removed");
          sl_json_append_string (json, text);
          g_string_append_c (json, '}');
        }
      g_string_append (json, edges->len > 0 ? "\n  ],\n  \"retention\": [" : "],\n  \"retention\": [");
      for (guint i = 0; i < retention->len; i++)
        {
          SlRetentionDiff *diff = &g_array_index (retention, SlRetentionDiff, i);

          table_add (table, g_strdup ("retention"), g_strdup (diff->agency),
                     diff->a_days < 0 ? g_strdup (_("unknown")) : g_strdup_printf (_("%d days"), diff->a_days),
                     diff->b_days < 0 ? g_strdup (_("unknown")) : g_strdup_printf (_("%d days"), diff->b_days),
                     NULL, NULL);
          g_string_append_printf (json, "%s\n    {\"agency\": ", i == 0 ? "" : ",");
          sl_json_append_string (json, diff->agency);
          if (diff->a_days < 0)
            g_string_append (json, ", \"days\": null");
          else
            g_string_append_printf (json, ", \"days\": %d", diff->a_days);
          if (diff->b_days < 0)
            g_string_append (json, ", \"against_days\": null}");
          else
            g_string_append_printf (json, ", \"against_days\": %d}", diff->b_days);
        }
      g_string_append (json, retention->len > 0 ? "\n  ],\n  \"reach\": [" : "],\n  \"reach\": [");
      for (guint i = 0; i < reach->len; i++)
        {
          SlReachDiff *diff = &g_array_index (reach, SlReachDiff, i);

          table_add (table, g_strdup (sl_diff_change_to_string (diff->change)),
                     g_strdup_printf ("%s → %s", diff->owner, diff->viewer),
                     intervals_text (diff->a), intervals_text (diff->b), NULL, NULL);
          g_string_append_printf (json, "%s\n    {\"change\": \"%s\", \"owner\": ", i == 0 ? "" : ",",
                                  sl_diff_change_to_string (diff->change));
          sl_json_append_string (json, diff->owner);
          g_string_append (json, ", \"agency\": ");
          sl_json_append_string (json, diff->viewer);
          g_string_append (json, ", \"intervals\": ");
          json_intervals (json, diff->a);
          g_string_append (json, ", \"against_intervals\": ");
          json_intervals (json, diff->b);
          g_string_append_c (json, '}');
        }
      g_string_append (json, reach->len > 0 ? "\n  ]" : "]");
    }
  g_string_append (json, "\n}\n");

  if (format == OUTPUT_JSON)
    fputs (json->str, stdout);
  else
    table_print (table, format);
  return 0;
}

/* merge-agencies */

int
sl_cli_merge_agencies (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT KEEP MERGED — merge two agencies that are one"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 kept, merged;

  if (!sl_cli_parse_options (context, &argc, &argv, 3))
    return 2;
  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_FLAGS_NONE)) == NULL)
    return 1;

  for (guint i = 2; i <= 3; i++)
    {
      gint64 id = sl_agency_lookup (project, argv[i], &error);

      if (id == 0)
        {
          if (error != NULL)
            sl_cli_print_error ("%s", error->message);
          else
            sl_cli_print_error (_("%s: no agency named “%s”"), argv[1], argv[i]);
          return 1;
        }
      if (i == 2)
        kept = id;
      else
        merged = id;
    }

  if (!sl_agency_merge (project, kept, merged, &error))
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }

  printf (_("Merged “%s” into “%s”; its names are now aliases.\n"), argv[3], argv[2]);
  return 0;
}
