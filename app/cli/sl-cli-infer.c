/* sl-cli-infer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sl-agency.h"
#include "sl-cli.h"
#include "sl-inference.h"
#include "sl-read-store.h"
#include "sl-sharing-io.h"

/* `infer`: what one agency (or the project's owner) can infer about one
 * vehicle, with the evidence of each result. The JSON layout is documented
 * in docs/inference.md. */

static const char *weekday_names[7] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };

static void
append_ids (GString *out,
            GArray  *ids)
{
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%lld", i == 0 ? "" : ", ", (long long) g_array_index (ids, gint64, i));
}

static char *
format_double (const char *format,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* The three busiest local hours of a place, e.g. "22h 23h 07h". */
static char *
busiest_hours (const SlInferencePlace *place)
{
  GString *out = g_string_new (NULL);
  gboolean used[24] = { FALSE };

  for (guint k = 0; k < 3; k++)
    {
      guint best = G_MAXUINT;

      for (guint h = 0; h < 24; h++)
        if (!used[h] && place->hours[h] > 0 && (best == G_MAXUINT || place->hours[h] > place->hours[best]))
          best = h;
      if (best == G_MAXUINT)
        break;
      used[best] = TRUE;
      g_string_append_printf (out, "%s%02uh", k == 0 ? "" : " ", best);
    }
  return g_string_free (out, FALSE);
}

static void
print_anchor (const char              *title,
              const char              *rule,
              const SlInference       *inference,
              const SlInferenceAnchor *anchor)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  const SlInferencePlace *place;
  g_autofree char *latitude = NULL, *longitude = NULL, *confidence = NULL;

  printf ("%s\n  %s\n", title, rule);
  if (!anchor->found)
    {
      printf ("  %s\n\n", _("not found: no place meets the rule"));
      return;
    }
  place = &g_array_index (inference->places, SlInferencePlace, anchor->place);
  latitude = format_double ("%.6f", place->latitude);
  longitude = format_double ("%.6f", place->longitude);
  confidence = format_double ("%.2f", anchor->confidence);
  append_ids (ids, anchor->read_ids);
  printf (_("  place %u at %s, %s; confidence %s\n"), anchor->place + 1, latitude, longitude, confidence);
  printf (_("  %u of %u reads in the window, on %u distinct days\n"),
          anchor->n_place_reads, anchor->n_window_reads, anchor->n_days);
  printf (_("  reads: %s\n\n"), ids->str);
}

static void
json_anchor (GString                 *json,
             const char              *name,
             const char              *rule,
             const SlInference       *inference,
             const SlInferenceAnchor *anchor)
{
  g_string_append_printf (json, ",\n  \"%s\": ", name);
  if (!anchor->found)
    {
      g_string_append (json, "null");
      return;
    }
  {
    const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, anchor->place);
    g_autofree char *latitude = format_double ("%.6f", place->latitude);
    g_autofree char *longitude = format_double ("%.6f", place->longitude);
    g_autofree char *confidence = format_double ("%.4f", anchor->confidence);

    g_string_append_printf (json, "{\"place\": %u, \"latitude\": %s, \"longitude\": %s, "
                            "\"confidence\": %s, \"window_reads\": %u, \"place_reads\": %u, \"days\": %u, \"rule\": ",
                            anchor->place + 1, latitude, longitude, confidence,
                            anchor->n_window_reads, anchor->n_place_reads, anchor->n_days);
    sl_cli_append_json_string (json, rule);
    g_string_append (json, ", \"reads\": [");
    append_ids (json, anchor->read_ids);
    g_string_append (json, "]}");
  }
}

int
sl_cli_infer (int    argc,
              char **argv)
{
  g_autofree char *plate = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *format_name = NULL;
  gint64 agency_id = 0;
  GOptionEntry entries[] = {
    { "plate", 0, 0, G_OPTION_ARG_STRING, &plate, N_("The plate"), N_("PLATE") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, N_("Only the reads this agency can see (default: all reads)"), N_("NAME") },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("Sharing scenario (default: the first)"), N_("NAME") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Only what is visible at this instant"), N_("TIME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("table or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT — what can be inferred from a vehicle’s reads"));
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(SlVisibility) visibility = NULL;
  g_autoptr(SlInference) inference = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *home_rule = NULL, *work_rule = NULL, *companion_rule = NULL, *viewer = NULL;
  SlInferenceView view = { NULL, 0, SL_TIME_MAX };
  const SlInferenceThresholds *t;
  gboolean as_json = FALSE;
  gint64 plate_id;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv, 1))
    return 2;
  if (format_name != NULL && g_str_equal (format_name, "json"))
    as_json = TRUE;
  else if (format_name != NULL && !g_str_equal (format_name, "table"))
    {
      sl_cli_print_error (_("unknown format “%s” (expected table or json)"), format_name);
      return 2;
    }
  if (plate == NULL)
    {
      sl_cli_print_error (_("infer needs --plate PLATE"));
      return 2;
    }
  if (as_of_text != NULL && !sl_sharing_parse_time (as_of_text, &view.as_of, &error))
    {
      sl_cli_print_error ("--as-of: %s", error->message);
      return 2;
    }

  if ((project = sl_cli_open_project (argv[1], SL_PROJECT_OPEN_READ_ONLY)) == NULL)
    return 1;
  plate_id = sl_read_store_lookup_plate (project, plate, &error);
  if (error != NULL)
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }
  if (plate_id == 0)
    {
      sl_cli_print_error (_("%s: no reads of plate “%s”"), argv[1], plate);
      return 1;
    }

  if (agency != NULL)
    {
      if ((network = sl_sharing_network_load (project, scenario, &error)) == NULL)
        {
          sl_cli_print_error ("%s", error->message);
          return 1;
        }
      /* Any spelling or alias the project knows ("ICE ERO"). */
      agency_id = sl_agency_lookup (project, agency, &error);
      if (error != NULL)
        {
          sl_cli_print_error ("%s", error->message);
          return 1;
        }
      if (agency_id == 0 || !sl_sharing_network_find_agency (network, agency_id, &view.node))
        {
          sl_cli_print_error (_("%s: no agency named “%s”"), argv[1], agency);
          return 1;
        }
      visibility = sl_visibility_new (network);
      view.visibility = visibility;
      viewer = g_strdup_printf (_("%s under scenario “%s”"), sl_sharing_network_get_node (network, view.node)->name,
                                sl_sharing_network_get_scenario (network));
    }
  else
    viewer = g_strdup (_("every read of the project"));

  inference = sl_inference_run (project, plate_id, &view, NULL, &error);
  if (inference == NULL)
    {
      sl_cli_print_error ("%s", error->message);
      return 1;
    }
  t = &inference->thresholds;

  home_rule = sl_inference_dup_rule (t, SL_INFERENCE_RULE_HOME);
  work_rule = sl_inference_dup_rule (t, SL_INFERENCE_RULE_WORK);
  companion_rule = sl_inference_dup_rule (t, SL_INFERENCE_RULE_COMPANION);

  if (as_json)
    {
      g_autofree char *cell = format_double ("%.0f", t->cell_size_m);
      g_autofree char *radius = format_double ("%.0f", t->uniqueness_radius_m);

      g_string_append (json, "{\n  \"plate\": ");
      sl_cli_append_json_string (json, plate);
      g_string_append (json, ",\n  \"agency\": ");
      if (view.visibility != NULL)
        {
          sl_cli_append_json_string (json, sl_sharing_network_get_node (network, view.node)->name);
          g_string_append (json, ", \"scenario\": ");
          sl_cli_append_json_string (json, sl_sharing_network_get_scenario (network));
        }
      else
        g_string_append (json, "null, \"scenario\": null");
      g_string_append (json, ", \"time_zone\": ");
      sl_cli_append_json_string (json, inference->time_zone);
      g_string_append_printf (json, ",\n  \"reads\": %u, \"days\": %u,\n  \"thresholds\": {\"night_start_hour\": %u, "
                              "\"night_end_hour\": %u, \"work_start_hour\": %u, \"work_end_hour\": %u, "
                              "\"cell_size_m\": %s, \"min_days\": %u, \"full_confidence_days\": %u, "
                              "\"companion_window_s\": %u, \"companion_min_places\": %u, "
                              "\"companion_min_days\": %u, \"uniqueness_radius_m\": %s}",
                              inference->n_reads, inference->n_days, t->night_start_hour, t->night_end_hour,
                              t->work_start_hour, t->work_end_hour, cell, t->min_days, t->full_confidence_days,
                              t->companion_window_s, t->companion_min_places, t->companion_min_days, radius);
      json_anchor (json, "home", home_rule, inference, &inference->home);
      json_anchor (json, "work", work_rule, inference, &inference->work);
      g_string_append (json, ",\n  \"places\": [");
      for (guint p = 0; p < inference->places->len; p++)
        {
          const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, p);
          g_autofree char *latitude = format_double ("%.6f", place->latitude);
          g_autofree char *longitude = format_double ("%.6f", place->longitude);

          g_string_append_printf (json, "%s\n    {\"place\": %u, \"latitude\": %s, \"longitude\": %s, "
                                  "\"reads\": %u, \"days\": %u, \"hours\": [",
                                  p == 0 ? "" : ",", p + 1, latitude, longitude, place->n_reads, place->n_days);
          for (guint h = 0; h < 24; h++)
            g_string_append_printf (json, "%s%u", h == 0 ? "" : ", ", place->hours[h]);
          g_string_append (json, "], \"weekdays\": [");
          for (guint d = 0; d < 7; d++)
            g_string_append_printf (json, "%s%u", d == 0 ? "" : ", ", place->weekdays[d]);
          g_string_append (json, "], \"reads_ids\": [");
          append_ids (json, place->read_ids);
          g_string_append (json, "]}");
        }
      g_string_append (json, "\n  ],\n  \"heatmap\": [");
      for (guint d = 0; d < 7; d++)
        {
          g_string_append (json, d == 0 ? "\n    [" : ",\n    [");
          for (guint h = 0; h < 24; h++)
            g_string_append_printf (json, "%s%u", h == 0 ? "" : ", ", inference->heatmap[d][h]);
          g_string_append_c (json, ']');
        }
      g_string_append (json, "\n  ],\n  \"companions\": [");
      for (guint c = 0; c < inference->companions->len; c++)
        {
          const SlInferenceCompanion *companion = &g_array_index (inference->companions, SlInferenceCompanion, c);
          g_autofree char *confidence = format_double ("%.4f", companion->confidence);

          g_string_append (json, c == 0 ? "\n    {\"plate\": " : ",\n    {\"plate\": ");
          sl_cli_append_json_string (json, companion->plate);
          g_string_append_printf (json, ", \"sightings\": %u, \"places\": %u, \"days\": %u, \"confidence\": %s, \"reads\": [",
                                  companion->n_sightings, companion->n_places, companion->n_days, confidence);
          append_ids (json, companion->read_ids);
          g_string_append (json, "]}");
        }
      g_string_append (json, "\n  ],\n  \"companion_rule\": ");
      sl_cli_append_json_string (json, companion_rule);
      g_string_append_printf (json, ",\n  \"uniqueness\": {\"vehicles_sharing_top_places\": %u, \"candidates\": %u}\n}\n",
                              inference->n_sharing_top_places, inference->n_uniqueness_candidates);
      fputs (json->str, stdout);
      return 0;
    }

  printf (_("Plate %s: %u reads on %u days, as seen by %s (local time: %s)\n\n"),
          plate, inference->n_reads, inference->n_days, viewer, inference->time_zone);
  print_anchor (_("Likely home"), home_rule, inference, &inference->home);
  print_anchor (_("Likely work"), work_rule, inference, &inference->work);

  printf ("%s\n", _("Top places (by distinct days)"));
  printf ("  %-3s %-10s %-11s %5s %5s  %s\n", "#", _("latitude"), _("longitude"), _("reads"), _("days"), _("busiest hours"));
  for (guint p = 0; p < MIN (inference->places->len, 10); p++)
    {
      const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, p);
      g_autofree char *latitude = format_double ("%.6f", place->latitude);
      g_autofree char *longitude = format_double ("%.6f", place->longitude);
      g_autofree char *hours = busiest_hours (place);

      printf ("  %-3u %-10s %-11s %5u %5u  %s\n", p + 1, latitude, longitude, place->n_reads, place->n_days, hours);
    }
  if (inference->places->len > 10)
    printf (_("  and %u more places\n"), inference->places->len - 10);

  printf ("\n%s\n     ", _("Weekly routine (reads per local hour)"));
  for (guint h = 0; h < 24; h++)
    printf ("%3u", h);
  putchar ('\n');
  for (guint d = 0; d < 7; d++)
    {
      printf ("  %-3s", _(weekday_names[d]));
      for (guint h = 0; h < 24; h++)
        {
          if (inference->heatmap[d][h] == 0)
            printf ("  .");
          else
            printf ("%3u", inference->heatmap[d][h]);
        }
      putchar ('\n');
    }

  printf ("\n%s\n  %s\n", _("Companion vehicles"), companion_rule);
  if (inference->companions->len == 0)
    printf ("  %s\n", _("none"));
  for (guint c = 0; c < inference->companions->len; c++)
    {
      const SlInferenceCompanion *companion = &g_array_index (inference->companions, SlInferenceCompanion, c);
      g_autofree char *confidence = format_double ("%.2f", companion->confidence);
      g_autoptr(GString) ids = g_string_new (NULL);

      append_ids (ids, companion->read_ids);
      printf (_("  %s: %u sightings at %u places on %u days; confidence %s; reads: %s\n"),
              companion->plate, companion->n_sightings, companion->n_places, companion->n_days, confidence, ids->str);
    }

  printf ("\n%s\n", _("Uniqueness"));
  if (inference->places->len < 2)
    printf ("  %s\n", _("fewer than two places: not computed"));
  else
    {
      g_autofree char *radius = format_double ("%.0f", t->uniqueness_radius_m);

      printf (_("  %u vehicles of the project (this one included) have these two top places (within %s m); "
                "%u vehicles seen near both were checked.\n"),
              inference->n_sharing_top_places, radius, inference->n_uniqueness_candidates);
    }
  return 0;
}
