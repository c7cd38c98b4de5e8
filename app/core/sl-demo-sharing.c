/* sl-demo-sharing.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-demo-sharing"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-demo-generator.h"
#include "sl-demo-private.h"

/* The agencies of the demo, in the order of agencies.csv. The state police
 * come before Southern Connecticut State University's police: the sharing
 * importer's name reconciler resolves a new name to the one known agency
 * whose name holds all its words, and "Connecticut State Police" is inside
 * "Southern Connecticut State University Police".
 *
 * Which agencies the March 2019 reporting named, and what they said, is in
 * docs/demo-data.md with the sources. Retention values are illustrative:
 * the reporting gave none, so they spread over the range the domain sources
 * describe (Flock's 30-day default to two years). Camera counts are the
 * generator's, not any agency's real deployment. */
const SlDemoAgency sl_demo_agencies[] = {
  { "csp", "Connecticut State Police", "state-police", "CT", "CT State Police", NULL,
    365, FALSE, SL_DEMO_ROLE_STATE_POLICE, 0, 0 },
  { "fusion", "State Fusion Center (illustrative)", "fusion-center", "CT", NULL, NULL,
    730, TRUE, SL_DEMO_ROLE_FUSION_CENTER, 0, 0 },
  { "ice-ero", "ICE Enforcement and Removal Operations", "federal", NULL, "ICE ERO", NULL,
    -1, FALSE, SL_DEMO_ROLE_IMMIGRATION, 0, 0 },
  { "ice-hsi", "ICE Homeland Security Investigations", "federal", NULL, "ICE HSI", NULL,
    -1, FALSE, SL_DEMO_ROLE_IMMIGRATION, 0, 0 },
  { "national-pool", "Vendor national pool", "other", NULL, NULL, NULL,
    -1, FALSE, SL_DEMO_ROLE_POOL, 0, 0 },

  { "fairfield", "Fairfield Police Department", "municipal-police", "CT", NULL, "Fairfield",
    365, FALSE, SL_DEMO_ROLE_NAMED_2019, 5, 1 },
  { "westport", "Westport Police Department", "municipal-police", "CT", NULL, "Westport",
    365, FALSE, SL_DEMO_ROLE_NAMED_2019, 5, 1 },
  { "stratford", "Stratford Police Department", "municipal-police", "CT", NULL, "Stratford",
    180, FALSE, SL_DEMO_ROLE_NAMED_2019, 4, 1 },
  { "trumbull", "Trumbull Police Department", "municipal-police", "CT", NULL, "Trumbull",
    180, FALSE, SL_DEMO_ROLE_NAMED_2019, 4, 1 },
  { "norwalk", "Norwalk Police Department", "municipal-police", "CT", NULL, "Norwalk",
    365, FALSE, SL_DEMO_ROLE_NAMED_2019, 6, 2 },
  { "enfield", "Enfield Police Department", "municipal-police", "CT", NULL, "Enfield",
    90, FALSE, SL_DEMO_ROLE_NAMED_2019, 4, 1 },
  { "wethersfield", "Wethersfield Police Department", "municipal-police", "CT", NULL, "Wethersfield",
    90, FALSE, SL_DEMO_ROLE_NAMED_2019, 4, 1 },
  { "scsu", "Southern Connecticut State University Police Department", "university-police", "CT", "SCSU Police", "New Haven",
    30, FALSE, SL_DEMO_ROLE_NAMED_2019, 3, 0 },

  { "bridgeport", "Bridgeport Police Department", "municipal-police", "CT", NULL, "Bridgeport",
    365, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 4, 1 },
  { "darien", "Darien Police Department", "municipal-police", "CT", NULL, "Darien",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "new-canaan", "New Canaan Police Department", "municipal-police", "CT", NULL, "New Canaan",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0 },
  { "wilton", "Wilton Police Department", "municipal-police", "CT", NULL, "Wilton",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "weston", "Weston Police Department", "municipal-police", "CT", NULL, "Weston",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0 },
  { "easton", "Easton Police Department", "municipal-police", "CT", NULL, "Easton",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0 },
  { "monroe", "Monroe Police Department", "municipal-police", "CT", NULL, "Monroe",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "shelton", "Shelton Police Department", "municipal-police", "CT", NULL, "Shelton",
    180, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "milford", "Milford Police Department", "municipal-police", "CT", NULL, "Milford",
    180, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 3, 1 },
  { "new-haven", "New Haven Police Department", "municipal-police", "CT", NULL, "New Haven",
    365, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 4, 1 },
  { "west-haven", "West Haven Police Department", "municipal-police", "CT", NULL, "West Haven",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "hamden", "Hamden Police Department", "municipal-police", "CT", NULL, "Hamden",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "hartford", "Hartford Police Department", "municipal-police", "CT", NULL, "Hartford",
    365, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 5, 1 },
  { "newington", "Newington Police Department", "municipal-police", "CT", NULL, "Newington",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "rocky-hill", "Rocky Hill Police Department", "municipal-police", "CT", NULL, "Rocky Hill",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "glastonbury", "Glastonbury Police Department", "municipal-police", "CT", NULL, "Glastonbury",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "windsor-locks", "Windsor Locks Police Department", "municipal-police", "CT", NULL, "Windsor Locks",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "east-windsor", "East Windsor Police Department", "municipal-police", "CT", NULL, "East Windsor",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0 },
  { "suffield", "Suffield Police Department", "municipal-police", "CT", NULL, "Suffield",
    30, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0 },
  { "somers", "Somers Police Department", "municipal-police", "CT", NULL, "Somers",
    30, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0 },

};

const guint sl_demo_n_agencies = G_N_ELEMENTS (sl_demo_agencies);

guint
sl_demo_agency_index (const char *key)
{
  for (guint i = 0; i < sl_demo_n_agencies; i++)
    {
      if (g_str_equal (sl_demo_agencies[i].key, key))
        return i;
    }

  g_return_val_if_reached (0);
}

/* Synthetic recipients across the US (sl_demo_generator_set_n_agencies()),
 * for measuring the explorer at the scale of a national pool. The places
 * are made-up names, one per agency within a state, so the importer's name
 * reconciler never takes one agency for another; Connecticut, whose
 * agencies are the demo's own, gets none. */
static const struct {
  const char *code;
  const char *name;
} us_states[] = {
  { "AL", "Alabama" }, { "AK", "Alaska" }, { "AZ", "Arizona" }, { "AR", "Arkansas" },
  { "CA", "California" }, { "CO", "Colorado" }, { "DE", "Delaware" }, { "FL", "Florida" },
  { "GA", "Georgia" }, { "HI", "Hawaii" }, { "ID", "Idaho" }, { "IL", "Illinois" },
  { "IN", "Indiana" }, { "IA", "Iowa" }, { "KS", "Kansas" }, { "KY", "Kentucky" },
  { "LA", "Louisiana" }, { "ME", "Maine" }, { "MD", "Maryland" }, { "MA", "Massachusetts" },
  { "MI", "Michigan" }, { "MN", "Minnesota" }, { "MS", "Mississippi" }, { "MO", "Missouri" },
  { "MT", "Montana" }, { "NE", "Nebraska" }, { "NV", "Nevada" }, { "NH", "New Hampshire" },
  { "NJ", "New Jersey" }, { "NM", "New Mexico" }, { "NY", "New York" }, { "NC", "North Carolina" },
  { "ND", "North Dakota" }, { "OH", "Ohio" }, { "OK", "Oklahoma" }, { "OR", "Oregon" },
  { "PA", "Pennsylvania" }, { "RI", "Rhode Island" }, { "SC", "South Carolina" }, { "SD", "South Dakota" },
  { "TN", "Tennessee" }, { "TX", "Texas" }, { "UT", "Utah" }, { "VT", "Vermont" },
  { "VA", "Virginia" }, { "WA", "Washington" }, { "WV", "West Virginia" }, { "WI", "Wisconsin" },
  { "WY", "Wyoming" },
};

/* No stem makes a Connecticut town of the demo (West + port, Mill + ford). */
static const char * const place_stems[] = {
  "Alder", "Ash", "Bay", "Beech", "Birch", "Briar", "Cedar", "Clear", "Cold", "Elm",
  "Fox", "Hazel", "High", "Holly", "Iron", "Lake", "Laurel", "Maple", "Oak", "Pine",
  "Quarry", "Red", "Ridge", "River", "Rock", "Sand", "Silver", "Spring", "Stone", "Willow",
};
static const char * const place_endings[] = {
  "brook", "bury", "dale", "field", "gate", "haven", "hill", "land", "mont", "crest",
  "ridge", "ton", "vale", "view", "ville", "wood", "worth", "burg", "side", "moor",
};

#define N_STATES          G_N_ELEMENTS (us_states)
#define N_PLACES_PER_STATE (G_N_ELEMENTS (place_stems) * G_N_ELEMENTS (place_endings))

/* One in ten synthetic agencies is a prosecutor outside the pool. */
#define OUTSIDE_POOL_EVERY 10

typedef struct
{
  char        *name;
  const char  *type;
  const char  *state;
  int          retention_days;
  gboolean     reshares;
  gboolean     in_pool;
  guint        fusion;   /* the synthetic agency that sends it reads, or G_MAXUINT */
} SyntheticAgency;

guint
sl_demo_get_n_own_agencies (void)
{
  /* The vendor pool is not an agency. */
  return sl_demo_n_agencies - 1;
}

guint
sl_demo_get_max_agencies (void)
{
  return sl_demo_get_n_own_agencies () + N_STATES + N_STATES * N_PLACES_PER_STATE;
}

/* Synthetic agency @i: the first N_STATES are the states' fusion centres,
 * then the place agencies, state by state in turn. */
static void
synthetic_agency (guint            i,
                  SyntheticAgency *agency)
{
  static const int retentions[] = { 30, 90, 180, 365, 730 };
  guint j, place;
  const char *stem, *ending;

  memset (agency, 0, sizeof *agency);
  agency->fusion = G_MAXUINT;
  agency->in_pool = TRUE;
  if (i < N_STATES)
    {
      agency->name = g_strdup_printf ("%s Fusion Center (illustrative)", us_states[i].name);
      agency->type = "fusion-center";
      agency->state = us_states[i].code;
      agency->retention_days = 730;
      agency->reshares = TRUE;
      return;
    }

  j = i - N_STATES;
  place = j / N_STATES;
  stem = place_stems[place % G_N_ELEMENTS (place_stems)];
  ending = place_endings[place / G_N_ELEMENTS (place_stems)];
  agency->state = us_states[j % N_STATES].code;
  agency->retention_days = retentions[j % G_N_ELEMENTS (retentions)];
  switch (j % OUTSIDE_POOL_EVERY)
    {
    case 6:
    case 7:
      agency->name = g_strdup_printf ("%s%s County Sheriff’s Office (%s)", stem, ending, agency->state);
      agency->type = "sheriff";
      break;
    case 8:
      agency->name = g_strdup_printf ("%s%s University Police Department (%s)", stem, ending, agency->state);
      agency->type = "university-police";
      break;
    case OUTSIDE_POOL_EVERY - 1:
      agency->name = g_strdup_printf ("%s%s County District Attorney (%s)", stem, ending, agency->state);
      agency->type = "prosecutor";
      agency->in_pool = FALSE;
      agency->fusion = j % N_STATES;
      break;
    default:
      agency->name = g_strdup_printf ("%s%s Police Department (%s)", stem, ending, agency->state);
      agency->type = "municipal-police";
      break;
    }
}

static guint
n_synthetic (SlDemoGenerator *self)
{
  return sl_demo_generator_get_n_agencies (self) - sl_demo_get_n_own_agencies ();
}

/* Who each named agency shares with besides ICE, the state police and the
 * pool: its neighbours, reciprocally. Illustrative. */
static const struct {
  const char *named;
  const char *neighbours[7];
} clusters[] = {
  { "fairfield",    { "westport", "bridgeport", "trumbull", "easton", "weston", NULL } },
  { "westport",     { "norwalk", "fairfield", "weston", "wilton", NULL } },
  { "stratford",    { "bridgeport", "trumbull", "shelton", "milford", NULL } },
  { "trumbull",     { "bridgeport", "fairfield", "stratford", "shelton", "monroe", "easton", NULL } },
  { "norwalk",      { "westport", "darien", "wilton", "new-canaan", NULL } },
  { "enfield",      { "somers", "east-windsor", "suffield", "windsor-locks", NULL } },
  { "wethersfield", { "hartford", "newington", "rocky-hill", "glastonbury", NULL } },
  { "scsu",         { "new-haven", "hamden", "west-haven", NULL } },
};

/* Agencies that send their own reads to the fusion centre, and neighbours
 * in the national pool. Illustrative. */
static const char * const fusion_senders[] = { "csp", "hartford", "new-haven", "bridgeport", NULL };
static const char * const pooled_neighbours[] = {
  "bridgeport", "new-haven", "hartford", "milford", "shelton", "darien", NULL
};

#define REPORTED_SOURCES \
  "Westport News, Daily Voice, News 8 / WTNH, The News-Times / Hearst Connecticut, March 2019"

typedef struct
{
  guint       owner;
  guint       recipient;
  const char *provenance;
  const char *note;
} DemoEdge;

static void
add_edge (GArray     *edges,
          const char *owner,
          const char *recipient,
          const char *provenance,
          const char *note)
{
  DemoEdge edge = {
    sl_demo_agency_index (owner), sl_demo_agency_index (recipient), provenance, note
  };

  /* Clusters overlap (Fairfield and Westport are each other's neighbours):
   * one edge per pair. */
  for (guint i = 0; i < edges->len; i++)
    {
      DemoEdge *other = &g_array_index (edges, DemoEdge, i);

      if (other->owner == edge.owner && other->recipient == edge.recipient)
        return;
    }

  g_array_append_val (edges, edge);
}

/* The read-sharing edges of "As reported, March 2019", in a fixed order. */
static GArray *
collect_edges (void)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (DemoEdge));

  for (guint c = 0; c < G_N_ELEMENTS (clusters); c++)
    {
      const char *named = clusters[c].named;

      add_edge (edges, named, "ice-ero", "document",
                "Named as sharing with ICE (" REPORTED_SOURCES ")");
      add_edge (edges, named, "national-pool", g_str_equal (named, "westport") ? "document" : "assumed",
                g_str_equal (named, "westport")
                  ? "Westport: reads queryable by \"over 500 law enforcement agencies\" (" REPORTED_SOURCES ")"
                  : "Illustrative: national pool membership assumed");
      add_edge (edges, named, "csp", "assumed", "Illustrative");
      for (guint i = 0; clusters[c].neighbours[i] != NULL; i++)
        {
          add_edge (edges, named, clusters[c].neighbours[i], "assumed", "Illustrative: neighbouring agency");
          add_edge (edges, clusters[c].neighbours[i], named, "assumed", "Illustrative: neighbouring agency");
        }
    }

  for (guint a = 0; a < sl_demo_n_agencies; a++)
    {
      if (sl_demo_agencies[a].role == SL_DEMO_ROLE_NEIGHBOUR)
        add_edge (edges, sl_demo_agencies[a].key, "csp", "assumed", "Illustrative");
    }
  for (guint i = 0; pooled_neighbours[i] != NULL; i++)
    add_edge (edges, pooled_neighbours[i], "national-pool", "assumed",
              "Illustrative: national pool membership assumed");
  for (guint i = 0; fusion_senders[i] != NULL; i++)
    add_edge (edges, fusion_senders[i], "fusion", "assumed", "Illustrative");
  add_edge (edges, "fusion", "ice-ero", "assumed",
            "Illustrative: the fusion centre re-shares with federal partners");
  add_edge (edges, "fusion", "ice-hsi", "assumed",
            "Illustrative: the fusion centre re-shares with federal partners");

  return edges;
}

static void
append_csv_field (GString    *line,
                  const char *value)
{
  if (line->len > 0 && line->str[line->len - 1] != '\n')
    g_string_append_c (line, ',');
  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static gboolean
is_pool (guint agency)
{
  return sl_demo_agencies[agency].role == SL_DEMO_ROLE_POOL;
}

/**
 * sl_demo_generator_write_agencies_csv:
 * @self: a #SlDemoGenerator
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Writes the demo's agency table in the agency-table CSV format of
 * docs/sharing-format.md. The vendor pool is not an agency: it is defined
 * by the first scenario file.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_write_agencies_csv (SlDemoGenerator  *self,
                                      const char       *path,
                                      GError          **error)
{
  g_autoptr(GString) out = g_string_new ("name,type,state,retention,reshares,aliases,latitude,longitude\n");

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);

  for (guint a = 0; a < sl_demo_n_agencies; a++)
    {
      const SlDemoAgency *agency = &sl_demo_agencies[a];
      g_autofree char *retention = NULL;
      g_autofree char *latitude = NULL;
      g_autofree char *longitude = NULL;
      gint32 latitude_e6, longitude_e6;

      if (is_pool (a))
        continue;

      if (agency->retention_days >= 0)
        retention = g_strdup_printf ("%d days", agency->retention_days);
      if (agency->town != NULL && sl_demo_generator_get_town (self, agency->town, &latitude_e6, &longitude_e6))
        {
          latitude = sl_demo_format_degrees (latitude_e6);
          longitude = sl_demo_format_degrees (longitude_e6);
        }

      append_csv_field (out, agency->name);
      append_csv_field (out, agency->type);
      append_csv_field (out, agency->state);
      append_csv_field (out, retention != NULL ? retention : "unknown");
      append_csv_field (out, agency->reshares ? "yes" : "no");
      append_csv_field (out, agency->alias);
      append_csv_field (out, latitude);
      append_csv_field (out, longitude);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < n_synthetic (self); i++)
    {
      SyntheticAgency agency;
      g_autofree char *retention = NULL;

      synthetic_agency (i, &agency);
      retention = g_strdup_printf ("%d days", agency.retention_days);
      append_csv_field (out, agency.name);
      append_csv_field (out, agency.type);
      append_csv_field (out, agency.state);
      append_csv_field (out, retention);
      append_csv_field (out, agency.reshares ? "yes" : "no");
      append_csv_field (out, NULL);
      append_csv_field (out, NULL);
      append_csv_field (out, NULL);
      g_string_append_c (out, '\n');
      g_free (agency.name);
    }

  return g_file_set_contents (path, out->str, out->len, error);
}

/**
 * sl_demo_generator_write_sharing_csv:
 * @self: a #SlDemoGenerator
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Writes the read-sharing edges of "As reported, March 2019" as an edge list
 * (docs/sharing-format.md). Edges the reporting documents have provenance
 * `document`; every other edge is `assumed` and says "Illustrative".
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_write_sharing_csv (SlDemoGenerator  *self,
                                     const char       *path,
                                     GError          **error)
{
  g_autoptr(GString) out = g_string_new ("owner,recipient,recipient_type,kind,valid_from,valid_to,provenance,note\n");
  g_autoptr(GArray) edges = collect_edges ();

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);

  for (guint i = 0; i < edges->len; i++)
    {
      const DemoEdge *edge = &g_array_index (edges, DemoEdge, i);

      append_csv_field (out, sl_demo_agencies[edge->owner].name);
      append_csv_field (out, sl_demo_agencies[edge->recipient].name);
      append_csv_field (out, is_pool (edge->recipient) ? "pool" : "agency");
      append_csv_field (out, "reads");
      append_csv_field (out, NULL);
      append_csv_field (out, NULL);
      append_csv_field (out, edge->provenance);
      append_csv_field (out, edge->note);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < n_synthetic (self); i++)
    {
      SyntheticAgency agency, fusion;

      synthetic_agency (i, &agency);
      if (agency.fusion != G_MAXUINT)
        {
          synthetic_agency (agency.fusion, &fusion);
          append_csv_field (out, fusion.name);
          append_csv_field (out, agency.name);
          append_csv_field (out, "agency");
          append_csv_field (out, "reads");
          append_csv_field (out, NULL);
          append_csv_field (out, NULL);
          append_csv_field (out, "assumed");
          append_csv_field (out, "Illustrative: synthetic agency");
          g_string_append_c (out, '\n');
          g_free (fusion.name);
        }
      g_free (agency.name);
    }

  return g_file_set_contents (path, out->str, out->len, error);
}

static const struct {
  const char *file;
  const char *name;
  const char *description;
} scenarios[] = {
  { "scenario-1-as-reported-march-2019.json", "As reported, March 2019",
    "Illustrative sharing modelled on the March 2019 reporting: eight Connecticut agencies named as "
    "sharing plate reads with ICE (" REPORTED_SOURCES "; ICE access to Vigilant Solutions' database from "
    "records released by the ACLU of Northern California), the vendor's national pool of 500+ unlisted "
    "members, neighbouring agencies, the state police and a fusion centre that re-shares. Only the edges "
    "marked 'document' come from the reporting; the others are assumed." },
  { "scenario-2-wethersfield-unticks-ice.json", "Wethersfield unticks ICE",
    "Wethersfield's chief found ICE in the sharing list and removed it \"with a click of a computer mouse\" "
    "(March 2019). Everything else as reported." },
  { "scenario-3-all-eight-untick-ice.json", "All eight untick ICE (national pool kept)",
    "All eight agencies named in March 2019 remove their direct sharing with ICE but stay in the vendor's "
    "national pool, whose 500+ members are not listed." },
  { "scenario-4-no-federal-immigration-sharing.json", "No sharing with federal immigration recipients",
    "Nobody shares reads with ICE Enforcement and Removal Operations or ICE Homeland Security "
    "Investigations, directly or through the fusion centre. The national pool stays." },
};

guint
sl_demo_get_n_scenarios (void)
{
  return G_N_ELEMENTS (scenarios);
}

const char *
sl_demo_get_scenario_name (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (scenarios), NULL);

  return scenarios[index].name;
}

const char *
sl_demo_get_scenario_file (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (scenarios), NULL);

  return scenarios[index].file;
}

static void
add_agency_json (JsonBuilder *builder,
                 guint        a)
{
  const SlDemoAgency *agency = &sl_demo_agencies[a];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, agency->name);
  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_array (builder);
  if (agency->alias != NULL)
    json_builder_add_string_value (builder, agency->alias);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, agency->type);
  json_builder_set_member_name (builder, "state");
  if (agency->state != NULL)
    json_builder_add_string_value (builder, agency->state);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "retention_days");
  if (agency->retention_days >= 0)
    json_builder_add_int_value (builder, agency->retention_days);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "reshares");
  json_builder_add_boolean_value (builder, agency->reshares);
  json_builder_end_object (builder);
}

static void
add_remove_edit (JsonBuilder *builder,
                 guint        owner,
                 guint        recipient,
                 const char  *note)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "remove-edge");
  json_builder_set_member_name (builder, "owner");
  json_builder_add_string_value (builder, sl_demo_agencies[owner].name);
  json_builder_set_member_name (builder, "recipient");
  json_builder_add_string_value (builder, sl_demo_agencies[recipient].name);
  json_builder_set_member_name (builder, "recipient_type");
  json_builder_add_string_value (builder, "agency");
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "reads");
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, note);
  json_builder_end_object (builder);
}

/* The edits of scenario @index (1..3) on top of the first. */
static void
add_edits (JsonBuilder *builder,
           guint        index)
{
  g_autoptr(GArray) edges = collect_edges ();

  for (guint i = 0; i < edges->len; i++)
    {
      const DemoEdge *edge = &g_array_index (edges, DemoEdge, i);
      const SlDemoAgency *owner = &sl_demo_agencies[edge->owner];
      const SlDemoAgency *recipient = &sl_demo_agencies[edge->recipient];

      if (index == 1 && g_str_equal (owner->key, "wethersfield") && g_str_equal (recipient->key, "ice-ero"))
        add_remove_edit (builder, edge->owner, edge->recipient, "Unticked in March 2019 (" REPORTED_SOURCES ")");
      else if (index == 2 && owner->role == SL_DEMO_ROLE_NAMED_2019 && recipient->role == SL_DEMO_ROLE_IMMIGRATION)
        add_remove_edit (builder, edge->owner, edge->recipient, "What if: direct sharing with ICE unticked");
      else if (index == 3 && recipient->role == SL_DEMO_ROLE_IMMIGRATION)
        add_remove_edit (builder, edge->owner, edge->recipient, "What if: no federal immigration recipients");
    }
}

/**
 * sl_demo_generator_write_scenario_json:
 * @self: a #SlDemoGenerator
 * @index: which scenario, below sl_demo_get_n_scenarios()
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Writes one scenario in the JSON format of docs/sharing-format.md. The
 * first ("As reported, March 2019") defines the agencies and the vendor's
 * national pool (500 declared members, none listed) and no edges: its edges
 * are sharing.csv, imported into it. The others derive from it by edits.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_write_scenario_json (SlDemoGenerator  *self,
                                       guint             index,
                                       const char       *path,
                                       GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (index < G_N_ELEMENTS (scenarios), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "sightline-sharing");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);

  json_builder_set_member_name (builder, "scenario");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, scenarios[index].name);
  json_builder_set_member_name (builder, "parent");
  if (index == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, scenarios[0].name);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, scenarios[index].description);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "agencies");
  json_builder_begin_array (builder);
  for (guint a = 0; a < sl_demo_n_agencies; a++)
    {
      if (!is_pool (a))
        add_agency_json (builder, a);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "pools");
  json_builder_begin_array (builder);
  if (index == 0)
    {
      const SlDemoAgency *pool = &sl_demo_agencies[sl_demo_agency_index ("national-pool")];
      g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, pool->name);
      for (guint i = 0; i < n_synthetic (self); i++)
        {
          SyntheticAgency agency;

          synthetic_agency (i, &agency);
          if (agency.in_pool)
            g_ptr_array_add (members, g_steal_pointer (&agency.name));
          g_free (agency.name);
        }
      /* The synthetic members are listed; the 500 the reporting spoke of
       * stay unlisted. */
      json_builder_set_member_name (builder, "declared_size");
      json_builder_add_int_value (builder, 500 + members->len);
      json_builder_set_member_name (builder, "members_listed");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint i = 0; i < members->len; i++)
        json_builder_add_string_value (builder, members->pdata[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "edits");
  json_builder_begin_array (builder);
  if (index > 0)
    add_edits (builder, index);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  return g_file_set_contents (path, text, (gssize) length, error);
}
