/* sl-demo-generator.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A synthetic Connecticut, early 2019: towns from the Census, cameras where
 * the agencies of the March 2019 reporting and their neighbours sit, and
 * vehicles with homes, workplaces and routines driving past them.
 *
 * Everything is deterministic for given arguments: the pseudo-random numbers
 * come from our own xoshiro256** (not g_random, whose algorithm may change),
 * every vehicle-day has its own stream derived from (seed, vehicle, day),
 * the arithmetic uses only IEEE 754 operations that round the same on every
 * platform (+ − × ÷ and sqrt, no cos, exp or hypot), and coordinates leave
 * the generator as integer micro-degrees printed without the locale. Days are simulated one at a time and each day's reads are
 * sorted and handed on before the next day starts, so memory is bounded by
 * the number of vehicles, not by the number of reads. */

#define G_LOG_DOMAIN "sl-demo-generator"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sl-demo-generator.h"
#include "sl-demo-private.h"
#include "sl-geography.h"
#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-sharing-io.h"
#include "sl-timestamp.h"

#define TOWNS_RESOURCE "ct-town-centroids.csv"

/* The layout of cameras does not depend on --seed: the demo's cameras stay
 * where they are, only the vehicles change. */
#define SITES_SEED G_GUINT64_CONSTANT (0x5349474854533139)

/* A flat projection around the middle of Connecticut, in km. The state is
 * 150 km wide, so the error against great-circle distance stays under 1%. */
#define LAT0 41.5
#define LON0 -72.7
#define KM_PER_DEG_LAT 111.05
#define KM_PER_DEG_LON 83.38

#define SECONDS_PER_DAY 86400
#define NO_INDEX G_MAXUINT16

/* Night-time patrols sweep residential streets and lots: the chance per hour
 * that a parked car is read by a patrol car's reader, where the town has one. */
#define PATROL_RATE_RESIDENTIAL 0.016
#define PATROL_RATE_LOT         0.012

G_DEFINE_QUARK (sl-demo-generator-error-quark, sl_demo_generator_error)

/* ------------------------------------------------------------------------ */
/* Pseudo-random numbers: xoshiro256** seeded through splitmix64.           */

typedef struct
{
  guint64 s[4];
} Rng;

static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
splitmix64 (guint64 *state)
{
  *state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (*state);
}

static void
rng_init (Rng     *rng,
          guint64  a,
          guint64  b,
          guint64  c)
{
  guint64 state = mix64 (a) ^ mix64 (b + G_GUINT64_CONSTANT (0x632be59bd9b4e019)) ^
                  mix64 (c + G_GUINT64_CONSTANT (0x85157af5a2f1c3d7));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/* Uniform in [0, 1). */
static inline double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n). */
static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (((rng_next (rng) >> 32) * n) >> 32);
}

static inline double
rng_range (Rng    *rng,
           double  low,
           double  high)
{
  return low + (high - low) * rng_double (rng);
}

static inline gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

/* A point uniformly distributed in a disc of the given radius, by
 * rejection from the square: only + − × and comparisons, so the result does
 * not depend on how a libm rounds cos() or sin(). */
static void
rng_disc (Rng    *rng,
          double  radius,
          double *dx,
          double *dy)
{
  double x, y;

  do
    {
      x = 2 * rng_double (rng) - 1;
      y = 2 * rng_double (rng) - 1;
    }
  while (x * x + y * y > 1);

  *dx = radius * x;
  *dy = radius * y;
}

/* ------------------------------------------------------------------------ */
/* Calendar: civil dates and Connecticut's clock (US Eastern, with the      */
/* daylight-saving rules in force since 2007), without tzdata.              */

static void
civil_from_days (gint64  z,
                 int    *year,
                 guint  *month,
                 guint  *day)
{
  gint64 era;
  guint doe, yoe, doy, mp;
  gint64 y;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (int) (y + (*month <= 2));
}

/* 0 = Sunday … 6 = Saturday. */
static guint
weekday_of (gint64 days)
{
  return (guint) (((days + 4) % 7 + 7) % 7);
}

static gint64
nth_sunday (int   year,
            guint month,
            guint n)
{
  gint64 first = sl_timestamp_days_from_civil (year, month, 1);

  return first + (7 - weekday_of (first)) % 7 + 7 * (n - 1);
}

/* Local Connecticut wall-clock seconds to UTC seconds. Daylight time runs
 * from 02:00 on the second Sunday of March to 02:00 on the first Sunday of
 * November. */
static gint64
local_to_utc (gint64 local)
{
  int year;
  guint month, day;
  gint64 dst_start, dst_end;

  civil_from_days (local / SECONDS_PER_DAY, &year, &month, &day);
  dst_start = nth_sunday (year, 3, 2) * SECONDS_PER_DAY + 2 * 3600;
  dst_end = nth_sunday (year, 11, 1) * SECONDS_PER_DAY + 2 * 3600;

  return local + (local >= dst_start && local < dst_end ? 4 : 5) * 3600;
}

/* ------------------------------------------------------------------------ */
/* The world                                                                 */

typedef enum
{
  ROAD_LOCAL,
  ROAD_I95,
  ROAD_I91,
  ROAD_I84,
  ROAD_MERRITT,
  N_ROADS
} Road;

static const struct {
  const char *key;
  double      km_per_hour;
  double      detour;      /* road length over straight-line distance */
} roads[N_ROADS] = {
  [ROAD_LOCAL]   = { "local",   45, 1.30 },
  [ROAD_I95]     = { "i95",     95, 1.10 },
  [ROAD_I91]     = { "i91",    100, 1.10 },
  [ROAD_I84]     = { "i84",     95, 1.10 },
  [ROAD_MERRITT] = { "merritt", 80, 1.10 },
};

/* Highway corridors, approximated as chains of town centres. */
static const char * const i95_towns[] = {
  "Greenwich", "Stamford", "Darien", "Norwalk", "Westport", "Fairfield", "Bridgeport",
  "Stratford", "Milford", "West Haven", "New Haven", "East Haven", "Branford", "Guilford",
  "Madison", "Clinton", "Westbrook", "Old Saybrook", "Old Lyme", "East Lyme", "Waterford",
  "New London", "Groton", "Stonington", "North Stonington", NULL
};
static const char * const i91_towns[] = {
  "New Haven", "North Haven", "Wallingford", "Meriden", "Berlin", "Cromwell", "Rocky Hill",
  "Wethersfield", "Hartford", "Windsor", "Windsor Locks", "East Windsor", "Enfield", NULL
};
static const char * const i84_towns[] = {
  "Danbury", "Newtown", "Southbury", "Middlebury", "Waterbury", "Cheshire", "Southington",
  "Plainville", "Farmington", "West Hartford", "Hartford", "East Hartford", "Manchester",
  "Vernon", "Tolland", "Willington", "Union", NULL
};
static const char * const merritt_towns[] = {
  "Greenwich", "Stamford", "New Canaan", "Norwalk", "Westport", "Fairfield", "Trumbull",
  "Stratford", NULL
};

static const struct {
  Road                road;
  const char * const *towns;
} corridors[] = {
  { ROAD_I95, i95_towns },
  { ROAD_I91, i91_towns },
  { ROAD_I84, i84_towns },
  { ROAD_MERRITT, merritt_towns },
};

/* Where the corridors leave the state; approximate positions of the first
 * town across the line. Out-of-state vehicles come and go through them. */
static const struct {
  const char *name;
  double      latitude;
  double      longitude;
  const char *border_town;
  Road        road;
} exits[] = {
  { "New York (I-95)",      41.0018, -73.6657, "Greenwich",        ROAD_I95 },
  { "New York (I-84)",      41.3973, -73.6171, "Danbury",          ROAD_I84 },
  { "Massachusetts (I-91)", 42.1015, -72.5898, "Enfield",          ROAD_I91 },
  { "Massachusetts (I-84)", 42.1084, -72.0787, "Union",            ROAD_I84 },
  { "Rhode Island (I-95)",  41.3776, -71.8273, "North Stonington", ROAD_I95 },
};

/* Where work is: the larger centres draw commuters from further away. */
static const struct {
  const char *town;
  double      weight;
} hubs[] = {
  { "Hartford", 8 }, { "Stamford", 6 }, { "New Haven", 6 }, { "Bridgeport", 5 },
  { "Norwalk", 5 }, { "Waterbury", 4 }, { "Danbury", 4 }, { "Greenwich", 3 },
  { "New Britain", 3 }, { "Westport", 2.5 }, { "Fairfield", 2.5 }, { "Milford", 2 },
  { "Manchester", 2 }, { "Middletown", 2 }, { "Enfield", 2 }, { "East Hartford", 2 },
  { "West Hartford", 2 }, { "Stratford", 2 }, { "Trumbull", 1.5 }, { "Wethersfield", 1.5 },
};

/* Commuter rail station lots with readers (positions approximate). Only
 * Westport's railroad division is documented; the others are illustrative. */
static const struct {
  const char *agency;
  const char *key;
  double      latitude;
  double      longitude;
} stations[] = {
  { "westport",  "saugatuck",       41.1195, -73.3718 },
  { "westport",  "greens-farms",    41.1224, -73.3154 },
  { "fairfield", "fairfield",       41.1432, -73.2579 },
  { "fairfield", "fairfield-metro", 41.1614, -73.2343 },
  { "norwalk",   "south-norwalk",   41.0962, -73.4214 },
  { "norwalk",   "east-norwalk",    41.1039, -73.4047 },
  { "stratford", "stratford",       41.1946, -73.1316 },
};

/* Southern Connecticut State University's campus in New Haven, approximate. */
#define SCSU_LATITUDE  41.3340
#define SCSU_LONGITUDE -72.9480

typedef struct
{
  char   *name;
  double  x, y;           /* km */
  double  radius;         /* km, of a disc with the town's land area */
  double  hub_weight;
  guint   n_fixed;
  guint  *fixed;          /* site indices of the readers around the centre */
  guint   n_mobile;
  guint  *mobile;
  guint   n_stations;
  guint  *stations;       /* site indices of the station lots */
} Town;

typedef struct
{
  guint16 a, b;
  Road    road;
  double  seconds;
  guint   n_sites;
  guint   sites[2];
} Edge;

typedef enum
{
  SITE_FIXED,
  SITE_CAMPUS,
  SITE_STATION,
  SITE_CORRIDOR,
  SITE_MOBILE,
} SiteKind;

typedef struct
{
  char     *camera;
  guint     agency;
  SiteKind  kind;
  double    x, y;
  double    pass;         /* chance a trip starting, ending or passing here goes by */
  double    position;     /* corridor readers: 0..1 along the edge from a to b */
  /* The end of a CSV line after the time: ",lat,lon,camera,agency\n" for
   * readers in one place, ",camera,agency\n" after the coordinates for
   * mobile ones. */
  char     *suffix;
  gsize     suffix_len;
} Site;

typedef enum
{
  STORY_NONE,
  STORY_NURSE,
  STORY_STUDENT,
  STORY_COMMUTER,
  STORY_LAWYER,
  STORY_COMPANION_A,
  STORY_COMPANION_B,
  N_STORIES
} Story;

typedef struct
{
  guint16 node;
  double  x, y;
} Place;

typedef struct
{
  char     plate[8];
  guint8   shift;
  guint8   story;
  guint8   workdays;      /* bit 0 = Sunday … bit 6 = Saturday */
  guint16  shift_start;   /* minutes after midnight */
  guint16  shift_length;  /* minutes */
  Place    home;
  Place    work;          /* node NO_INDEX when there is none */
  Place    errand;        /* a favourite shop or, for visitors, their destination */
  float    detect;        /* how readable the plate is: dirt, bike racks, angle */
  guint    station;       /* the station lot site of a rail commuter, or 0 */
} Vehicle;

static const struct {
  const char *key;
  const char *plate;
  const char *description;
} stories[N_STORIES] = {
  [STORY_NURSE] = { "night-shift-nurse", "ZN47301",
    "A nurse who lives in Wethersfield and works twelve-hour night shifts (Monday to Wednesday, "
    "19:00–07:30) at a hospital in Hartford; sleeps at home during the day after a shift and shops "
    "in Newington on Saturday mornings." },
  [STORY_STUDENT] = { "scsu-student", "ZS52118",
    "A Southern Connecticut State University student who lives in West Haven, drives to campus "
    "Monday to Thursday, works Saturdays in Milford and goes out in New Haven on some Friday nights." },
  [STORY_COMMUTER] = { "norwalk-westport-commuter", "ZC30955",
    "An office worker who lives in Norwalk and commutes to Westport on weekdays (08:30–17:15), "
    "with gym evenings in Norwalk on Tuesdays and Thursdays." },
  [STORY_LAWYER] = { "immigration-lawyer-visits", "ZL61207",
    "A warehouse worker who lives in Enfield and works in Windsor Locks; every Wednesday morning "
    "drives to an immigration lawyer's office in downtown Hartford before work." },
  [STORY_COMPANION_A] = { "companions", "ZT18842",
    "One of two neighbours on the same street in Stratford who drive to the same job site in "
    "Fairfield in convoy on weekdays and go out together in Bridgeport on Saturday evenings." },
  [STORY_COMPANION_B] = { "companions", "ZR90516",
    "The other of the two Stratford neighbours who travel together (see ZT18842)." },
};

typedef struct
{
  const char *label;
  Story       story;
  Place       place;
  const char *schedule;
} StoryPlace;

struct _SlDemoGenerator
{
  GObject   parent_instance;

  guint     n_vehicles;
  guint     n_days;
  guint64   seed;
  gint64    first_day;     /* days since 1970-01-01 of the first local day */

  guint     n_towns;
  guint     n_nodes;       /* towns, then exits */
  Town     *towns;
  double   *node_x, *node_y;

  GArray   *edges;         /* Edge */
  GArray  **adjacency;     /* per node: guint edge indices */
  guint16  *pred;          /* n_nodes × n_nodes: the edge reaching v from s */

  GPtrArray *sites;        /* Site */

  double   *home_cumulative;   /* per town */
  double   *work_cumulative;   /* n_towns × n_towns */

  Vehicle  *vehicles;
  guint     story_vehicle[N_STORIES];

  guint     n_places;
  StoryPlace places[4];

  /* Agencies in agencies.csv: the demo's own, then synthetic recipients
   * across the US (sl-demo-sharing.c). */
  guint     n_agencies;
};

G_DEFINE_FINAL_TYPE (SlDemoGenerator, sl_demo_generator, G_TYPE_OBJECT)

static void
site_free (gpointer data)
{
  Site *site = data;

  g_free (site->camera);
  g_free (site->suffix);
  g_free (site);
}

static void
sl_demo_generator_finalize (GObject *object)
{
  SlDemoGenerator *self = (SlDemoGenerator *)object;

  for (guint i = 0; i < self->n_towns; i++)
    {
      g_free (self->towns[i].name);
      g_free (self->towns[i].fixed);
      g_free (self->towns[i].mobile);
      g_free (self->towns[i].stations);
    }
  g_free (self->towns);
  g_free (self->node_x);
  g_free (self->node_y);
  g_clear_pointer (&self->edges, g_array_unref);
  for (guint i = 0; self->adjacency != NULL && i < self->n_nodes; i++)
    g_array_unref (self->adjacency[i]);
  g_free (self->adjacency);
  g_free (self->pred);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_free (self->home_cumulative);
  g_free (self->work_cumulative);
  g_free (self->vehicles);

  G_OBJECT_CLASS (sl_demo_generator_parent_class)->finalize (object);
}

static void
sl_demo_generator_class_init (SlDemoGeneratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_demo_generator_finalize;
}

static void
sl_demo_generator_init (SlDemoGenerator *self)
{
}

/* ------------------------------------------------------------------------ */
/* Coordinates                                                               */

static gint32
to_micro_degrees (double degrees)
{
  return (gint32) floor (degrees * 1e6 + 0.5);
}

static void
xy_to_e6 (double  x,
          double  y,
          gint32 *latitude_e6,
          gint32 *longitude_e6)
{
  *latitude_e6 = to_micro_degrees (LAT0 + y / KM_PER_DEG_LAT);
  *longitude_e6 = to_micro_degrees (LON0 + x / KM_PER_DEG_LON);
}

static void
degrees_to_xy (double  latitude,
               double  longitude,
               double *x,
               double *y)
{
  *x = (longitude - LON0) * KM_PER_DEG_LON;
  *y = (latitude - LAT0) * KM_PER_DEG_LAT;
}

static double
distance (double x1,
          double y1,
          double x2,
          double y2)
{
  /* sqrt() is correctly rounded everywhere (IEEE 754); hypot() is not. */
  return sqrt ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1));
}

/* "-72.123456": micro-degrees printed with integer arithmetic only. */
static gsize
format_e6 (char   *out,
           gint32  value)
{
  char digits[16];
  guint32 magnitude = value < 0 ? (guint32) -(gint64) value : (guint32) value;
  guint32 whole = magnitude / 1000000;
  guint32 fraction = magnitude % 1000000;
  gsize n = 0;
  gsize len = 0;

  if (value < 0)
    out[len++] = '-';
  do
    {
      digits[n++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (n > 0)
    out[len++] = digits[--n];
  out[len++] = '.';
  for (int i = 5; i >= 0; i--)
    {
      out[len + i] = (char) ('0' + fraction % 10);
      fraction /= 10;
    }

  return len + 6;
}

char *
sl_demo_format_degrees (gint32 micro_degrees)
{
  char buffer[16];
  gsize len = format_e6 (buffer, micro_degrees);

  return g_strndup (buffer, len);
}

static void
put_digits (char  *out,
            guint  value,
            guint  width)
{
  for (int i = (int) width - 1; i >= 0; i--)
    {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
}

/* "2019-03-01T07:42:10Z" (20 characters) for times from year 1000 to 9999. */
static void
format_time (char   *out,
             gint64  time)
{
  gint64 days = time >= 0 ? time / SECONDS_PER_DAY : (time - SECONDS_PER_DAY + 1) / SECONDS_PER_DAY;
  guint seconds = (guint) (time - days * SECONDS_PER_DAY);
  int year;
  guint month, day;

  civil_from_days (days, &year, &month, &day);
  put_digits (out, (guint) year, 4);
  out[4] = '-';
  put_digits (out + 5, month, 2);
  out[7] = '-';
  put_digits (out + 8, day, 2);
  out[10] = 'T';
  put_digits (out + 11, seconds / 3600, 2);
  out[13] = ':';
  put_digits (out + 14, seconds / 60 % 60, 2);
  out[16] = ':';
  put_digits (out + 17, seconds % 60, 2);
  out[19] = 'Z';
}

char *
sl_demo_format_time (gint64 time)
{
  char buffer[20];

  format_time (buffer, time);

  return g_strndup (buffer, sizeof buffer);
}

/* ------------------------------------------------------------------------ */
/* Building the world                                                        */

static guint
find_town (SlDemoGenerator *self,
           const char      *name)
{
  for (guint i = 0; i < self->n_towns; i++)
    {
      if (g_str_equal (self->towns[i].name, name))
        return i;
    }

  g_error ("The demo geography has no town called “%s”", name);
}

static gboolean
load_towns (SlDemoGenerator  *self,
            GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  GArray *towns;

  bytes = sl_geography_dup_town_table ();

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  if (g_strcmp0 (lines[0], "town,county_fips,geoid,latitude,longitude,land_area_m2") != 0)
    {
      g_set_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_DATA,
                   "%s: line 1: unexpected header", TOWNS_RESOURCE);
      return FALSE;
    }

  towns = g_array_new (FALSE, TRUE, sizeof (Town));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Town town = { 0 };
      double latitude, longitude, area;

      if (lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], ",", -1);
      if (g_strv_length (fields) != 6)
        {
          g_set_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_DATA,
                       "%s: line %u: expected 6 fields", TOWNS_RESOURCE, i + 1);
          g_array_unref (towns);
          return FALSE;
        }

      latitude = g_ascii_strtod (fields[3], NULL);
      longitude = g_ascii_strtod (fields[4], NULL);
      area = g_ascii_strtod (fields[5], NULL);

      town.name = g_strdup (fields[0]);
      degrees_to_xy (latitude, longitude, &town.x, &town.y);
      town.radius = sqrt (area / G_PI) / 1000.0;
      town.hub_weight = 1;
      g_array_append_val (towns, town);
    }

  self->n_towns = towns->len;
  self->towns = (Town *) g_array_free (towns, FALSE);

  return TRUE;
}

static void
add_edge (SlDemoGenerator *self,
          guint            a,
          guint            b,
          Road             road)
{
  Edge edge = { 0 };
  guint index = self->edges->len;
  double km = distance (self->node_x[a], self->node_y[a], self->node_x[b], self->node_y[b]);

  edge.a = a;
  edge.b = b;
  edge.road = road;
  edge.seconds = km * roads[road].detour / roads[road].km_per_hour * 3600.0;
  g_array_append_val (self->edges, edge);
  g_array_append_val (self->adjacency[a], index);
  g_array_append_val (self->adjacency[b], index);
}

static gboolean
has_local_edge (SlDemoGenerator *self,
                guint            a,
                guint            b)
{
  GArray *adjacent = self->adjacency[a];

  for (guint i = 0; i < adjacent->len; i++)
    {
      Edge *edge = &g_array_index (self->edges, Edge, g_array_index (adjacent, guint, i));

      if (edge->road == ROAD_LOCAL && (edge->a == b || edge->b == b))
        return TRUE;
    }

  return FALSE;
}

/* Local roads join each town to its nearest towns; the corridors join the
 * chains of towns they pass through; the exits hang off the border towns. */
static void
build_roads (SlDemoGenerator *self)
{
  const guint k_nearest = 5;

  self->n_nodes = self->n_towns + G_N_ELEMENTS (exits);
  self->node_x = g_new (double, self->n_nodes);
  self->node_y = g_new (double, self->n_nodes);
  for (guint i = 0; i < self->n_towns; i++)
    {
      self->node_x[i] = self->towns[i].x;
      self->node_y[i] = self->towns[i].y;
    }
  for (guint i = 0; i < G_N_ELEMENTS (exits); i++)
    degrees_to_xy (exits[i].latitude, exits[i].longitude,
                   &self->node_x[self->n_towns + i], &self->node_y[self->n_towns + i]);

  self->edges = g_array_new (FALSE, TRUE, sizeof (Edge));
  self->adjacency = g_new (GArray *, self->n_nodes);
  for (guint i = 0; i < self->n_nodes; i++)
    self->adjacency[i] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->n_towns; i++)
    {
      guint nearest[8];
      double nearest_km[8];
      guint n = 0;

      for (guint j = 0; j < self->n_towns; j++)
        {
          double km;
          guint at;

          if (j == i)
            continue;
          km = distance (self->towns[i].x, self->towns[i].y, self->towns[j].x, self->towns[j].y);
          for (at = n; at > 0 && nearest_km[at - 1] > km; at--)
            {
              if (at < k_nearest)
                {
                  nearest[at] = nearest[at - 1];
                  nearest_km[at] = nearest_km[at - 1];
                }
            }
          if (at < k_nearest)
            {
              nearest[at] = j;
              nearest_km[at] = km;
              n = MIN (n + 1, k_nearest);
            }
        }

      for (guint j = 0; j < n; j++)
        {
          if (!has_local_edge (self, i, nearest[j]))
            add_edge (self, i, nearest[j], ROAD_LOCAL);
        }
    }

  for (guint c = 0; c < G_N_ELEMENTS (corridors); c++)
    {
      const char * const *names = corridors[c].towns;

      for (guint i = 0; names[i + 1] != NULL; i++)
        add_edge (self, find_town (self, names[i]), find_town (self, names[i + 1]), corridors[c].road);
    }

  for (guint i = 0; i < G_N_ELEMENTS (exits); i++)
    add_edge (self, find_town (self, exits[i].border_town), self->n_towns + i, exits[i].road);
}

/* Shortest paths by travel time from every node (dense Dijkstra: a few
 * hundred nodes). pred[s × n + v] is the edge by which the path from s
 * reaches v. Ties go to the lower node and edge index, so the result does
 * not depend on anything but the data. */
static gboolean
build_routes (SlDemoGenerator  *self,
              GError          **error)
{
  guint n = self->n_nodes;
  g_autofree double *best = g_new (double, n);
  g_autofree gboolean *done = g_new (gboolean, n);

  self->pred = g_new (guint16, (gsize) n * n);

  for (guint s = 0; s < n; s++)
    {
      guint16 *pred = self->pred + (gsize) s * n;

      for (guint v = 0; v < n; v++)
        {
          best[v] = INFINITY;
          done[v] = FALSE;
          pred[v] = NO_INDEX;
        }
      best[s] = 0;

      for (;;)
        {
          guint u = G_MAXUINT;

          for (guint v = 0; v < n; v++)
            {
              if (!done[v] && isfinite (best[v]) && (u == G_MAXUINT || best[v] < best[u]))
                u = v;
            }
          if (u == G_MAXUINT)
            break;
          done[u] = TRUE;

          for (guint i = 0; i < self->adjacency[u]->len; i++)
            {
              guint e = g_array_index (self->adjacency[u], guint, i);
              const Edge *edge = &g_array_index (self->edges, Edge, e);
              guint v = edge->a == u ? edge->b : edge->a;

              if (best[u] + edge->seconds < best[v])
                {
                  best[v] = best[u] + edge->seconds;
                  pred[v] = (guint16) e;
                }
            }
        }

      for (guint v = 0; v < n; v++)
        {
          if (!done[v])
            {
              g_set_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_DATA,
                           "The demo road network does not join node %u to node %u", s, v);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static void
finish_site (Site *site)
{
  const SlDemoAgency *agency = &sl_demo_agencies[site->agency];
  char lat[16], lon[16];
  gint32 latitude_e6, longitude_e6;

  xy_to_e6 (site->x, site->y, &latitude_e6, &longitude_e6);
  lat[format_e6 (lat, latitude_e6)] = '\0';
  lon[format_e6 (lon, longitude_e6)] = '\0';

  /* Names of agencies and cameras are ours and never need CSV quoting. */
  g_assert (strpbrk (agency->name, ",\"\n") == NULL);

  if (site->kind == SITE_MOBILE)
    site->suffix = g_strdup_printf (",%s,%s\n", site->camera, agency->name);
  else
    site->suffix = g_strdup_printf (",%s,%s,%s,%s\n", lat, lon, site->camera, agency->name);
  site->suffix_len = strlen (site->suffix);
}

static guint
add_site (SlDemoGenerator *self,
          Site            *site)
{
  finish_site (site);
  g_ptr_array_add (self->sites, site);

  return self->sites->len - 1;
}

static Site *
site_new (guint     agency,
          SiteKind  kind,
          char     *camera)
{
  Site *site = g_new0 (Site, 1);

  site->agency = agency;
  site->kind = kind;
  site->camera = camera;

  return site;
}

static void
append_to_town (guint  **list,
                guint   *n,
                guint    site)
{
  *list = g_renew (guint, *list, *n + 1);
  (*list)[(*n)++] = site;
}

/* Position of the (fictional) immigration lawyer's office in downtown
 * Hartford, as an offset from the town centroid in km. */
#define LAWYER_DX 0.30
#define LAWYER_DY -0.20

static void
build_sites (SlDemoGenerator *self)
{
  Rng rng;
  guint csp = sl_demo_agency_index ("csp");

  rng_init (&rng, SITES_SEED, 0, 0);
  self->sites = g_ptr_array_new_with_free_func (site_free);

  for (guint a = 0; a < sl_demo_n_agencies; a++)
    {
      const SlDemoAgency *agency = &sl_demo_agencies[a];
      gboolean campus = g_str_equal (agency->key, "scsu");
      Town *town;
      guint t;

      if (agency->town == NULL)
        continue;

      t = find_town (self, agency->town);
      town = &self->towns[t];

      for (guint i = 0; i < agency->n_fixed; i++)
        {
          Site *site = site_new (a, campus ? SITE_CAMPUS : SITE_FIXED,
                                 g_strdup_printf ("%s-%s-%u", agency->key,
                                                  campus ? "campus" : "centre", i + 1));
          double dx, dy;

          if (campus)
            {
              degrees_to_xy (SCSU_LATITUDE, SCSU_LONGITUDE, &site->x, &site->y);
              rng_disc (&rng, 0.3, &dx, &dy);
              /* Campus gate readers: most through traffic never passes them. */
              site->pass = 0.03;
            }
          else if (g_str_equal (agency->key, "hartford") && i == 0)
            {
              /* A downtown reader a block from the lawyer's office. */
              site->x = town->x;
              site->y = town->y;
              dx = LAWYER_DX + 0.12;
              dy = LAWYER_DY + 0.05;
              site->pass = 0.25;
            }
          else
            {
              site->x = town->x;
              site->y = town->y;
              rng_disc (&rng, 0.35 * town->radius, &dx, &dy);
              site->pass = rng_range (&rng, 0.12, 0.35);
            }
          site->x += dx;
          site->y += dy;
          append_to_town (&town->fixed, &town->n_fixed, add_site (self, site));
        }

      for (guint i = 0; i < agency->n_mobile; i++)
        {
          Site *site = site_new (a, SITE_MOBILE,
                                 g_strdup_printf ("%s-mobile-%u", agency->key, i + 1));

          site->x = town->x;
          site->y = town->y;
          append_to_town (&town->mobile, &town->n_mobile, add_site (self, site));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    {
      guint agency = sl_demo_agency_index (stations[i].agency);
      guint t = find_town (self, sl_demo_agencies[agency].town);
      Site *site;

      site = site_new (agency, SITE_STATION,
                       g_strdup_printf ("%s-rail-%s", stations[i].agency, stations[i].key));
      degrees_to_xy (stations[i].latitude, stations[i].longitude, &site->x, &site->y);
      /* Only the cars parked there go by a lot's reader. */
      site->pass = 0;
      append_to_town (&self->towns[t].stations, &self->towns[t].n_stations, add_site (self, site));
    }

  /* State police readers on every other stretch of each corridor. */
  for (guint e = 0, n = 0; e < self->edges->len; e++)
    {
      Edge *edge = &g_array_index (self->edges, Edge, e);
      Site *site;
      char *lowered;

      if (edge->road == ROAD_LOCAL || edge->b >= self->n_towns)
        continue;
      if (n++ % 2 != 0)
        continue;

      site = site_new (csp, SITE_CORRIDOR,
                       g_strdup_printf ("csp-%s-%s-%s", roads[edge->road].key,
                                        self->towns[edge->a].name, self->towns[edge->b].name));
      g_strdelimit (site->camera, " ", '-');
      lowered = g_ascii_strdown (site->camera, -1);
      g_free (site->camera);
      site->camera = lowered;
      site->position = rng_range (&rng, 0.3, 0.7);
      site->x = self->node_x[edge->a] + site->position * (self->node_x[edge->b] - self->node_x[edge->a]);
      site->y = self->node_y[edge->a] + site->position * (self->node_y[edge->b] - self->node_y[edge->a]);
      site->pass = 1.0;
      edge->sites[edge->n_sites++] = add_site (self, site);
    }
}

/* Homes lean towards the towns with cameras and their surroundings, so that
 * a demo of a few thousand vehicles has reads to show; larger centres house
 * more people. This is a sampling choice, not census population. */
static void
build_weights (SlDemoGenerator *self)
{
  guint n = self->n_towns;

  for (guint i = 0; i < G_N_ELEMENTS (hubs); i++)
    self->towns[find_town (self, hubs[i].town)].hub_weight = hubs[i].weight;

  self->home_cumulative = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      Town *town = &self->towns[i];
      double weight = 1;

      for (guint j = 0; j < n; j++)
        {
          if (self->towns[j].n_fixed > 0 &&
              distance (town->x, town->y, self->towns[j].x, self->towns[j].y) < 12)
            weight = MAX (weight, j == i ? 8 : 3);
        }
      self->home_cumulative[i] = (i > 0 ? self->home_cumulative[i - 1] : 0) +
                                 weight * (1 + 0.5 * (town->hub_weight - 1));
    }

  self->work_cumulative = g_new (double, (gsize) n * n);
  for (guint h = 0; h < n; h++)
    {
      double *cumulative = self->work_cumulative + (gsize) h * n;
      double sum = 0;

      for (guint t = 0; t < n; t++)
        {
          double km = distance (self->towns[h].x, self->towns[h].y, self->towns[t].x, self->towns[t].y);

          /* A gravity model: attraction falls with the fourth power of
           * the distance beyond about 10 km (no exp(), whose last bit
           * differs between libms). */
          double q = 1 + (km / 10.0) * (km / 10.0);

          sum += self->towns[t].hub_weight / (q * q);
          cumulative[t] = sum;
        }
    }
}

static guint
sample_cumulative (Rng          *rng,
                   const double *cumulative,
                   guint         n)
{
  double target = rng_double (rng) * cumulative[n - 1];
  guint low = 0, high = n - 1;

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (cumulative[mid] > target)
        high = mid;
      else
        low = mid + 1;
    }

  return low;
}

static Place
place_in_town (SlDemoGenerator *self,
               Rng             *rng,
               guint            town,
               double           spread)
{
  Place place = { town, self->towns[town].x, self->towns[town].y };
  double dx, dy;

  rng_disc (rng, spread * self->towns[town].radius, &dx, &dy);
  place.x += dx;
  place.y += dy;

  return place;
}

static Place
place_at (SlDemoGenerator *self,
          const char      *town,
          double           dx,
          double           dy)
{
  guint t = find_town (self, town);
  Place place = { t, self->towns[t].x + dx, self->towns[t].y + dy };

  return place;
}

static Place
no_place (void)
{
  Place place = { NO_INDEX, 0, 0 };

  return place;
}

static void
make_plate (Rng        *rng,
            gboolean    out_of_state,
            GHashTable *taken,
            char        plate[8])
{
  /* Connecticut's pattern of two letters and five digits (three letters
   * and four digits for out-of-state plates), always starting with Z so a
   * synthetic plate is recognisable as such. */
  do
    {
      plate[0] = 'Z';
      if (out_of_state)
        {
          plate[1] = (char) ('A' + rng_below (rng, 26));
          plate[2] = (char) ('A' + rng_below (rng, 26));
          put_digits (plate + 3, rng_below (rng, 10000), 4);
        }
      else
        {
          plate[1] = (char) ('A' + rng_below (rng, 26));
          put_digits (plate + 2, rng_below (rng, 100000), 5);
        }
      plate[7] = '\0';
    }
  while (g_hash_table_contains (taken, plate));

  g_hash_table_add (taken, plate);
}

#define WEEKDAYS ((1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5))

static void
make_background_vehicle (SlDemoGenerator *self,
                         Rng             *rng,
                         Vehicle         *v)
{
  double u = rng_double (rng);
  guint home;

  v->detect = (float) rng_range (rng, 0.75, 1.0);
  v->work = no_place ();

  if (u < 0.07)
    {
      static const double exit_weights[] = { 0.35, 0.50, 0.75, 0.85, 1.0 };
      double e = rng_double (rng);
      guint x = 0;

      while (exit_weights[x] <= e)
        x++;
      v->shift = SL_DEMO_SHIFT_VISITOR;
      v->home.node = self->n_towns + x;
      v->home.x = self->node_x[v->home.node];
      v->home.y = self->node_y[v->home.node];
      v->errand = place_in_town (self, rng, sample_cumulative (rng, self->home_cumulative, self->n_towns), 0.5);
      return;
    }

  home = sample_cumulative (rng, self->home_cumulative, self->n_towns);
  v->home = place_in_town (self, rng, home, 0.7);
  if (rng_chance (rng, 0.5))
    {
      v->errand = place_in_town (self, rng, home, 0.5);
    }
  else
    {
      GArray *adjacent = self->adjacency[home];
      const Edge *edge = &g_array_index (self->edges, Edge,
                                         g_array_index (adjacent, guint, rng_below (rng, adjacent->len)));
      guint other = edge->a == home ? edge->b : edge->a;

      v->errand = place_in_town (self, rng, other < self->n_towns ? other : home, 0.5);
    }

  u = rng_double (rng);
  if (u < 0.62)
    {
      v->shift = SL_DEMO_SHIFT_DAY;
      v->workdays = rng_chance (rng, 0.15) ? (WEEKDAYS & ~(1 << 1)) | (1 << 6) : WEEKDAYS;
      v->shift_start = 360 + 5 * rng_below (rng, 43);
      v->shift_length = 480 + 5 * rng_below (rng, 19);
      if (self->towns[home].n_stations > 0 && rng_chance (rng, 0.3))
        {
          guint site = self->towns[home].stations[rng_below (rng, self->towns[home].n_stations)];
          const Site *station = g_ptr_array_index (self->sites, site);

          /* Takes the train: the car spends the working day at the station lot. */
          v->station = site;
          v->work.node = home;
          v->work.x = station->x;
          v->work.y = station->y;
          v->shift_start = 390 + 5 * rng_below (rng, 15);
          v->shift_length = 630 + 5 * rng_below (rng, 19);
        }
      else
        {
          v->work = place_in_town (self, rng,
                                   sample_cumulative (rng, self->work_cumulative + (gsize) home * self->n_towns,
                                                      self->n_towns),
                                   0.45);
        }
    }
  else if (u < 0.70)
    {
      guint first = rng_below (rng, 7);
      guint nights = 3 + rng_below (rng, 2);

      v->shift = SL_DEMO_SHIFT_NIGHT;
      for (guint i = 0; i < nights; i++)
        v->workdays |= 1 << ((first + i) % 7);
      v->shift_start = rng_chance (rng, 0.6) ? 1140 : 1380;
      v->shift_length = 480 + 30 * rng_below (rng, 9);
      v->work = place_in_town (self, rng,
                               sample_cumulative (rng, self->work_cumulative + (gsize) home * self->n_towns,
                                                  self->n_towns),
                               0.45);
    }
  else if (u < 0.77)
    {
      v->shift = SL_DEMO_SHIFT_WEEKEND;
      v->workdays = (1 << 0) | (1 << 5) | (1 << 6) | (1 << (1 + rng_below (rng, 4)));
      v->shift_start = 600 + 30 * rng_below (rng, 9);
      v->shift_length = 480;
      v->work = place_in_town (self, rng,
                               sample_cumulative (rng, self->work_cumulative + (gsize) home * self->n_towns,
                                                  self->n_towns),
                               0.45);
    }
  else
    {
      v->shift = SL_DEMO_SHIFT_NONE;
    }
}

static void
add_story_place (SlDemoGenerator *self,
                 Story            story,
                 const char      *label,
                 Place            place,
                 const char      *schedule)
{
  g_assert (self->n_places < G_N_ELEMENTS (self->places));
  self->places[self->n_places++] = (StoryPlace) { label, story, place, schedule };
}

/* The documented lives. Places are fixed offsets (km) from town centroids,
 * so they are the same for every seed. */
static void
make_story_vehicles (SlDemoGenerator *self)
{
  Vehicle *v;

  v = &self->vehicles[self->story_vehicle[STORY_NURSE]];
  v->shift = SL_DEMO_SHIFT_NIGHT;
  v->home = place_at (self, "Wethersfield", 0.8, -0.5);
  v->work = place_at (self, "Hartford", -0.9, -1.2);
  v->errand = place_at (self, "Newington", 0.4, 0.3);
  v->workdays = (1 << 1) | (1 << 2) | (1 << 3);
  v->shift_start = 1140;
  v->shift_length = 750;
  add_story_place (self, STORY_NURSE, "Supermarket (fictional), Newington", v->errand,
                   "Saturdays about 09:30–10:30");

  v = &self->vehicles[self->story_vehicle[STORY_STUDENT]];
  v->shift = SL_DEMO_SHIFT_DAY;
  v->home = place_at (self, "West Haven", 0.6, 0.9);
  degrees_to_xy (SCSU_LATITUDE, SCSU_LONGITUDE, &v->work.x, &v->work.y);
  v->work.node = find_town (self, "New Haven");
  v->errand = place_at (self, "Milford", 0.5, -0.8);
  v->workdays = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4);
  v->shift_start = 540;
  v->shift_length = 360;
  add_story_place (self, STORY_STUDENT, "Weekend job (fictional), Milford", v->errand,
                   "Saturdays 10:00–18:00");

  v = &self->vehicles[self->story_vehicle[STORY_COMMUTER]];
  v->shift = SL_DEMO_SHIFT_DAY;
  v->home = place_at (self, "Norwalk", -0.7, 0.6);
  v->work = place_at (self, "Westport", 0.4, 0.2);
  v->errand = place_at (self, "Norwalk", 0.9, -0.4);
  v->workdays = WEEKDAYS;
  v->shift_start = 510;
  v->shift_length = 525;

  v = &self->vehicles[self->story_vehicle[STORY_LAWYER]];
  v->shift = SL_DEMO_SHIFT_DAY;
  v->home = place_at (self, "Enfield", -0.6, -0.9);
  v->work = place_at (self, "Windsor Locks", 0.7, 0.4);
  v->errand = place_at (self, "Enfield", 0.8, 0.6);
  v->workdays = WEEKDAYS;
  v->shift_start = 420;
  v->shift_length = 510;
  add_story_place (self, STORY_LAWYER, "Immigration lawyer's office (fictional), downtown Hartford",
                   place_at (self, "Hartford", LAWYER_DX, LAWYER_DY), "Wednesdays about 09:30–11:00");

  v = &self->vehicles[self->story_vehicle[STORY_COMPANION_A]];
  v->shift = SL_DEMO_SHIFT_DAY;
  v->home = place_at (self, "Stratford", 0.5, 1.1);
  v->work = place_at (self, "Fairfield", 1.2, 0.3);
  v->errand = place_at (self, "Bridgeport", 0.2, -0.6);
  v->workdays = WEEKDAYS;
  v->shift_start = 420;
  v->shift_length = 510;
  add_story_place (self, STORY_COMPANION_A, "Restaurant (fictional), Bridgeport", v->errand,
                   "Saturdays about 19:00–22:30, both companions");

  v = &self->vehicles[self->story_vehicle[STORY_COMPANION_B]];
  v->home = self->vehicles[self->story_vehicle[STORY_COMPANION_A]].home;
  v->work = self->vehicles[self->story_vehicle[STORY_COMPANION_A]].work;
  v->errand = self->vehicles[self->story_vehicle[STORY_COMPANION_A]].errand;
  v->shift = SL_DEMO_SHIFT_DAY;
  v->workdays = WEEKDAYS;
  v->shift_start = 420;
  v->shift_length = 510;
  /* Same street, a few houses down. */
  v->home.x += 0.12;
  v->home.y += 0.05;

  for (guint s = 1; s < N_STORIES; s++)
    {
      v = &self->vehicles[self->story_vehicle[s]];
      v->story = s;
      v->detect = 0.9f;
    }
}

static void
build_vehicles (SlDemoGenerator *self)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  Rng rng;

  rng_init (&rng, self->seed, G_MAXUINT64, 0);
  self->vehicles = g_new0 (Vehicle, self->n_vehicles);

  /* The story vehicles are spread through the list rather than first, so
   * nothing downstream can find them by position. */
  for (guint s = 1; s < N_STORIES; s++)
    {
      guint index = (guint) (((guint64) s * self->n_vehicles) / N_STORIES);

      self->story_vehicle[s] = index;
      memcpy (self->vehicles[index].plate, stories[s].plate, 8);
      g_hash_table_add (taken, self->vehicles[index].plate);
    }

  for (guint i = 0; i < self->n_vehicles; i++)
    {
      Vehicle *v = &self->vehicles[i];

      if (v->plate[0] != '\0')
        continue;
      make_background_vehicle (self, &rng, v);
      make_plate (&rng, v->shift == SL_DEMO_SHIFT_VISITOR, taken, v->plate);
    }

  make_story_vehicles (self);
}

/* ------------------------------------------------------------------------ */
/* Simulation                                                                */

typedef struct
{
  gint64 time;            /* UTC */
  guint32 vehicle;
  guint32 site;
  gint32 latitude_e6;
  gint32 longitude_e6;
} Pending;

typedef struct
{
  guint  site;
  gint64 local;
  double x, y;
} Pass;

typedef struct
{
  SlDemoGenerator *self;
  GArray          *pending;
  GArray          *passes;     /* Pass, while a convoy's leader drives */
  gint64           midnight;   /* local seconds */
  guint            weekday;
  guint            vehicle;
  Rng              rng;
} Day;

static const double detection[] = {
  [SITE_FIXED]    = 0.92,
  [SITE_CAMPUS]   = 0.95,
  [SITE_STATION]  = 0.95,
  [SITE_CORRIDOR] = 0.85,
  [SITE_MOBILE]   = 0.80,
};

static void
emit (Day    *d,
      guint   vehicle,
      guint   site,
      gint64  local,
      double  x,
      double  y)
{
  Pending read;

  /* Reads made while simulating a day never fall before its midnight: the
   * day loop relies on it to hand reads on in time order. */
  g_assert (local >= d->midnight);

  read.time = local_to_utc (local);
  read.vehicle = vehicle;
  read.site = site;
  xy_to_e6 (x, y, &read.latitude_e6, &read.longitude_e6);
  g_array_append_val (d->pending, read);
}

/* The vehicle goes by a reader, which reads its plate or misses it. A
 * convoy's leader logs its passes, so its follower goes by the same
 * readers. */
static void
go_by (Day    *d,
       guint   vehicle,
       guint   site_index,
       gint64  local,
       double  x,
       double  y)
{
  const Site *site = g_ptr_array_index (d->self->sites, site_index);

  if (d->passes != NULL)
    {
      Pass pass = { site_index, local, x, y };

      g_array_append_val (d->passes, pass);
    }

  if (rng_chance (&d->rng, detection[site->kind] * d->self->vehicles[vehicle].detect))
    emit (d, vehicle, site_index, local, x, y);
}

static void
pass_site (Day    *d,
           guint   vehicle,
           guint   site_index,
           double  chance,
           gint64  local)
{
  const Site *site = g_ptr_array_index (d->self->sites, site_index);

  if (rng_chance (&d->rng, chance * site->pass))
    go_by (d, vehicle, site_index, local, site->x, site->y);
}

/* A reader the vehicle certainly goes by: a lot's gate. */
static void
read_at_site (Day    *d,
              guint   vehicle,
              guint   site_index,
              gint64  local)
{
  const Site *site = g_ptr_array_index (d->self->sites, site_index);

  if (rng_chance (&d->rng, detection[site->kind] * d->self->vehicles[vehicle].detect))
    emit (d, vehicle, site_index, local, site->x, site->y);
}

/* Driving through a town's centre: its fixed readers, and now and then a
 * patrol car's. */
static void
pass_town (Day    *d,
           guint   vehicle,
           guint   town_index,
           double  factor,
           gint64  start,
           double  seconds)
{
  const Town *town = &d->self->towns[town_index];

  for (guint i = 0; i < town->n_fixed; i++)
    pass_site (d, vehicle, town->fixed[i], factor, start + (gint64) (rng_double (&d->rng) * seconds));

  for (guint i = 0; i < town->n_mobile; i++)
    {
      if (rng_chance (&d->rng, 0.02 * factor))
        {
          double dx, dy;

          rng_disc (&d->rng, 0.6 * town->radius, &dx, &dy);
          go_by (d, vehicle, town->mobile[i], start + (gint64) (rng_double (&d->rng) * seconds),
                 town->x + dx, town->y + dy);
        }
    }
}

static double
access_seconds (SlDemoGenerator *self,
                const Place     *place)
{
  /* From a door to the town's main road, at town speeds. */
  double km = distance (place->x, place->y, self->node_x[place->node], self->node_y[place->node]);

  return km * 1.3 / 35.0 * 3600.0 + 60;
}

/* Drives @vehicle from @from to @to leaving at @depart (local seconds),
 * recording the readers it passes; returns the arrival time. */
static gint64
drive (Day         *d,
       guint        vehicle,
       const Place *from,
       const Place *to,
       gint64       depart)
{
  SlDemoGenerator *self = d->self;
  guint src = from->node;
  guint dst = to->node;
  guint16 path[256];
  guint n = 0;
  double t = depart;
  double seconds;

  if (src == dst)
    {
      seconds = distance (from->x, from->y, to->x, to->y) * 1.3 / 35.0 * 3600.0 + 120;
      if (src < self->n_towns)
        pass_town (d, vehicle, src, 1.0, depart, seconds);
      return depart + (gint64) seconds;
    }

  seconds = access_seconds (self, from);
  if (src < self->n_towns)
    pass_town (d, vehicle, src, 1.0, depart, seconds);
  t += seconds;

  for (guint v = dst; v != src;)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, self->pred[(gsize) src * self->n_nodes + v]);

      g_assert (n < G_N_ELEMENTS (path));
      path[n++] = self->pred[(gsize) src * self->n_nodes + v];
      v = edge->a == v ? edge->b : edge->a;
    }

  for (guint current = src; n-- > 0;)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, path[n]);
      gboolean forward = edge->a == current;

      for (guint i = 0; i < edge->n_sites; i++)
        {
          const Site *site = g_ptr_array_index (self->sites, edge->sites[i]);
          double position = forward ? site->position : 1 - site->position;

          pass_site (d, vehicle, edge->sites[i], 1.0, (gint64) (t + position * edge->seconds));
        }

      t += edge->seconds;
      current = forward ? edge->b : edge->a;
      if (current != dst && current < self->n_towns && edge->road == ROAD_LOCAL)
        pass_town (d, vehicle, current, 0.6, (gint64) t - 60, 120);
    }

  seconds = access_seconds (self, to);
  if (dst < self->n_towns)
    pass_town (d, vehicle, dst, 1.0, (gint64) t, seconds);

  return (gint64) (t + seconds);
}

/* A parked car, now and then read by a patrol car going by. */
static void
park (Day         *d,
      guint        vehicle,
      const Place *place,
      gint64       from,
      gint64       until,
      double       rate_per_hour)
{
  const Town *town;
  double p;

  if (place->node >= d->self->n_towns || until <= from)
    return;
  town = &d->self->towns[place->node];
  if (town->n_mobile == 0)
    return;

  p = MIN (0.9, rate_per_hour * (double) (until - from) / 3600.0) * detection[SITE_MOBILE];
  if (rng_chance (&d->rng, p))
    {
      gint64 t = from + (gint64) (rng_double (&d->rng) * (double) (until - from));
      guint unit = town->mobile[rng_below (&d->rng, town->n_mobile)];
      double dx, dy;

      rng_disc (&d->rng, 0.05, &dx, &dy);
      emit (d, vehicle, unit, t, place->x + dx, place->y + dy);
    }
}

static gint64
at (Day    *d,
    double  hours)
{
  return d->midnight + (gint64) (hours * 3600.0);
}

static gint64
minutes_later (Day    *d,
               gint64  t,
               double  low,
               double  high)
{
  return t + (gint64) (rng_range (&d->rng, low, high) * 60.0);
}

/* Out and back, staying a while. Returns the time back. */
static gint64
round_trip (Day         *d,
            guint        vehicle,
            const Place *from,
            const Place *to,
            gint64       depart,
            double       stay_low,
            double       stay_high,
            double       rate_per_hour)
{
  gint64 arrive = drive (d, vehicle, from, to, depart);
  gint64 leave = minutes_later (d, arrive, stay_low, stay_high);

  park (d, vehicle, to, arrive, leave, rate_per_hour);

  return drive (d, vehicle, to, from, leave);
}

static Place
random_errand (Day           *d,
               const Vehicle *v)
{
  if (rng_chance (&d->rng, 0.5))
    return v->errand;

  return place_in_town (d->self, &d->rng, v->home.node, 0.6);
}

/* Overnight at home: patrols read parked cars on residential streets. */
static void
overnight (Day           *d,
           guint          vehicle,
           gint64         back_home)
{
  const Vehicle *v = &d->self->vehicles[vehicle];

  park (d, vehicle, &v->home, MAX (back_home, at (d, 22.5)), at (d, 29.5), PATROL_RATE_RESIDENTIAL);
}

/* A day off: errands, and (when @travels) now and then a weekend trip or a
 * day out of state. */
static gint64
errand_day (Day      *d,
            guint     vehicle,
            double    chance_first,
            double    chance_second,
            gboolean  travels)
{
  const Vehicle *v = &d->self->vehicles[vehicle];
  gint64 t = at (d, rng_range (&d->rng, 8.5, 12));
  gint64 back = at (d, 8);

  if (travels && rng_chance (&d->rng, 0.004))
    {
      /* Out of state for the day. */
      guint exit = d->self->n_towns + rng_below (&d->rng, G_N_ELEMENTS (exits));
      Place away = { exit, d->self->node_x[exit], d->self->node_y[exit] };
      gint64 out = drive (d, vehicle, &v->home, &away, t);

      return drive (d, vehicle, &away, &v->home, minutes_later (d, out, 360, 600));
    }

  if (travels && (d->weekday == 0 || d->weekday == 6) && rng_chance (&d->rng, 0.18))
    {
      /* A weekend trip somewhere further. */
      Place there = place_in_town (d->self, &d->rng,
                                   sample_cumulative (&d->rng, d->self->home_cumulative, d->self->n_towns),
                                   0.5);

      return round_trip (d, vehicle, &v->home, &there, t, 120, 300, PATROL_RATE_LOT);
    }

  if (rng_chance (&d->rng, chance_first))
    {
      Place there = random_errand (d, v);

      back = round_trip (d, vehicle, &v->home, &there, t, 20, 90, PATROL_RATE_LOT);
      if (rng_chance (&d->rng, chance_second))
        {
          there = random_errand (d, v);
          back = round_trip (d, vehicle, &v->home, &there, minutes_later (d, back, 60, 240),
                             20, 60, PATROL_RATE_LOT);
        }
    }

  return back;
}

/* A working day at v->work; returns the time back home. */
static gint64
work_day (Day   *d,
          guint  vehicle,
          double chance_errand)
{
  const Vehicle *v = &d->self->vehicles[vehicle];
  gint64 depart = d->midnight + 60 * (gint64) (v->shift_start - 25 - rng_below (&d->rng, 15));
  gint64 arrive, leave;

  arrive = drive (d, vehicle, &v->home, &v->work, depart);
  if (v->station != 0)
    read_at_site (d, vehicle, v->station, arrive);
  leave = MAX (arrive, d->midnight + 60 * (gint64) (v->shift_start + v->shift_length + rng_below (&d->rng, 20)));
  park (d, vehicle, &v->work, arrive, leave, PATROL_RATE_LOT);
  if (v->station != 0)
    read_at_site (d, vehicle, v->station, leave);

  if (rng_chance (&d->rng, chance_errand))
    {
      Place there = random_errand (d, v);
      gint64 shop = drive (d, vehicle, &v->work, &there, leave);

      return drive (d, vehicle, &there, &v->home, minutes_later (d, shop, 15, 50));
    }

  return drive (d, vehicle, &v->work, &v->home, leave);
}

static gboolean
works_on (const Vehicle *v,
          guint          weekday)
{
  return v->work.node != NO_INDEX && (v->workdays >> weekday & 1);
}

static void
simulate_resident (Day   *d,
                   guint  vehicle)
{
  const Vehicle *v = &d->self->vehicles[vehicle];
  gboolean works_today = works_on (v, d->weekday) && rng_chance (&d->rng, 0.95);
  gint64 back;

  if (v->shift == SL_DEMO_SHIFT_NIGHT)
    {
      gint64 free_from = at (d, 5.5);

      if (works_on (v, (d->weekday + 6) % 7))
        {
          /* Asleep at home after last night's shift. */
          park (d, vehicle, &v->home, at (d, 8.5), at (d, 16.5), PATROL_RATE_RESIDENTIAL);
          free_from = at (d, 16.5);
        }
      if (works_today)
        {
          gint64 depart = d->midnight + 60 * (gint64) (v->shift_start - 30 - rng_below (&d->rng, 10));
          gint64 arrive, leave;

          if (free_from == at (d, 16.5) && rng_chance (&d->rng, 0.25))
            {
              Place there = random_errand (d, v);

              round_trip (d, vehicle, &v->home, &there, at (d, 16.6), 20, 40, PATROL_RATE_LOT);
            }
          arrive = drive (d, vehicle, &v->home, &v->work, depart);
          leave = MAX (arrive, d->midnight + 60 * (gint64) (v->shift_start + v->shift_length + rng_below (&d->rng, 15)));
          park (d, vehicle, &v->work, arrive, leave, PATROL_RATE_LOT);
          drive (d, vehicle, &v->work, &v->home, leave);
          return;
        }
      if (free_from == at (d, 16.5))
        {
          back = free_from;
          if (rng_chance (&d->rng, 0.4))
            {
              Place there = random_errand (d, v);

              back = round_trip (d, vehicle, &v->home, &there, at (d, 17), 20, 60, PATROL_RATE_LOT);
            }
          overnight (d, vehicle, back);
          return;
        }
    }

  if (works_today)
    back = work_day (d, vehicle, 0.25);
  else if (v->shift == SL_DEMO_SHIFT_NONE)
    back = errand_day (d, vehicle, 0.6, 0.3, TRUE);
  else
    back = errand_day (d, vehicle, d->weekday == 6 ? 0.6 : 0.45, 0.25, TRUE);

  overnight (d, vehicle, back);
}

static void
simulate_visitor (Day   *d,
                  guint  vehicle)
{
  const Vehicle *v = &d->self->vehicles[vehicle];

  if (rng_chance (&d->rng, 0.10))
    {
      round_trip (d, vehicle, &v->home, &v->errand, at (d, rng_range (&d->rng, 7, 14)), 60, 360,
                  PATROL_RATE_LOT);
    }
  else if (rng_chance (&d->rng, 0.04))
    {
      guint other = d->self->n_towns + rng_below (&d->rng, G_N_ELEMENTS (exits));
      Place away = { other, d->self->node_x[other], d->self->node_y[other] };

      if (other != v->home.node)
        drive (d, vehicle, &v->home, &away, at (d, rng_range (&d->rng, 6, 20)));
    }
}

static void
simulate_nurse (Day   *d,
                guint  vehicle)
{
  const Vehicle *v = &d->self->vehicles[vehicle];

  if (d->weekday == 6)
    {
      /* The weekly shop, then the usual. */
      gint64 back = round_trip (d, vehicle, &v->home, &v->errand, at (d, rng_range (&d->rng, 9.4, 9.6)),
                                40, 55, PATROL_RATE_LOT);

      overnight (d, vehicle, back);
      return;
    }

  simulate_resident (d, vehicle);
}

static guint
campus_gate (SlDemoGenerator *self,
             guint            town_index)
{
  const Town *town = &self->towns[town_index];

  for (guint i = 0; i < town->n_fixed; i++)
    {
      const Site *site = g_ptr_array_index (self->sites, town->fixed[i]);

      if (site->kind == SITE_CAMPUS)
        return town->fixed[i];
    }

  g_assert_not_reached ();
}

static void
simulate_student (Day   *d,
                  guint  vehicle)
{
  const Vehicle *v = &d->self->vehicles[vehicle];
  gint64 back;

  if (works_on (v, d->weekday))
    {
      guint gate = campus_gate (d->self, v->work.node);
      gint64 arrive = drive (d, vehicle, &v->home, &v->work, at (d, rng_range (&d->rng, 8.2, 8.5)));
      gint64 leave = at (d, rng_range (&d->rng, 13, 16.5));

      /* The campus lot's gate reader, in and out. */
      read_at_site (d, vehicle, gate, arrive);
      park (d, vehicle, &v->work, arrive, leave, PATROL_RATE_LOT);
      read_at_site (d, vehicle, gate, leave);
      back = drive (d, vehicle, &v->work, &v->home, leave);
    }
  else if (d->weekday == 6)
    {
      gint64 arrive = drive (d, vehicle, &v->home, &v->errand, at (d, 9.5));

      park (d, vehicle, &v->errand, arrive, at (d, 18), PATROL_RATE_LOT);
      back = drive (d, vehicle, &v->errand, &v->home, at (d, rng_range (&d->rng, 18, 18.2)));
    }
  else if (d->weekday == 5 && rng_chance (&d->rng, 0.5))
    {
      Place night_out = place_at (d->self, "New Haven", 0.3, -0.1);

      back = round_trip (d, vehicle, &v->home, &night_out, at (d, rng_range (&d->rng, 20, 21)), 120, 180,
                         PATROL_RATE_LOT);
    }
  else
    {
      back = errand_day (d, vehicle, 0.5, 0.2, TRUE);
    }

  overnight (d, vehicle, back);
}

static void
simulate_commuter (Day   *d,
                   guint  vehicle)
{
  const Vehicle *v = &d->self->vehicles[vehicle];
  gint64 back;

  if (works_on (v, d->weekday))
    {
      back = work_day (d, vehicle, 0);
      if ((d->weekday == 2 || d->weekday == 4) && rng_chance (&d->rng, 0.8))
        back = round_trip (d, vehicle, &v->home, &v->errand, minutes_later (d, back, 30, 60), 60, 80,
                           PATROL_RATE_LOT);
    }
  else
    {
      back = errand_day (d, vehicle, 0.6, 0.3, TRUE);
    }

  overnight (d, vehicle, back);
}

static const Place *
story_place (SlDemoGenerator *self,
             Story            story)
{
  for (guint i = 0; i < self->n_places; i++)
    {
      if (self->places[i].story == story)
        return &self->places[i].place;
    }

  g_assert_not_reached ();
}

/* Goes to Hartford only for the appointment: weekends stay local. */
static void
simulate_lawyer_visits (Day   *d,
                        guint  vehicle)
{
  const Vehicle *v = &d->self->vehicles[vehicle];
  gint64 back;

  if (d->weekday == 3)
    {
      /* The weekly appointment, then a late start at work. */
      const Place *office = story_place (d->self, STORY_LAWYER);
      gint64 arrive = drive (d, vehicle, &v->home, office, at (d, rng_range (&d->rng, 8.9, 9.1)));
      gint64 leave = at (d, rng_range (&d->rng, 10.9, 11.1));
      gint64 at_work;

      park (d, vehicle, office, arrive, leave, PATROL_RATE_LOT);
      at_work = drive (d, vehicle, office, &v->work, leave);
      park (d, vehicle, &v->work, at_work, at (d, 17), PATROL_RATE_LOT);
      back = drive (d, vehicle, &v->work, &v->home, at (d, 17));
    }
  else if (works_on (v, d->weekday))
    {
      back = work_day (d, vehicle, 0.2);
    }
  else
    {
      back = errand_day (d, vehicle, 0.6, 0.3, FALSE);
    }

  overnight (d, vehicle, back);
}

/* The two companions: B follows A a minute or two behind, past the same
 * readers; each plate is read or missed independently, so the pair is seen
 * together often but not always. */
static gint64
drive_together (Day         *d,
                guint        a,
                guint        b,
                const Place *from_a,
                const Place *to_a,
                gint64       depart)
{
  g_autoptr(GArray) passes = g_array_new (FALSE, FALSE, sizeof (Pass));
  gint64 behind = 40 + rng_below (&d->rng, 80);
  gint64 arrive;

  d->passes = passes;
  arrive = drive (d, a, from_a, to_a, depart);
  d->passes = NULL;

  for (guint i = 0; i < passes->len; i++)
    {
      const Pass *pass = &g_array_index (passes, Pass, i);
      const Site *site = g_ptr_array_index (d->self->sites, pass->site);

      if (rng_chance (&d->rng, detection[site->kind] * d->self->vehicles[b].detect))
        emit (d, b, pass->site, pass->local + behind, pass->x, pass->y);
    }

  return arrive;
}

static void
simulate_companions (Day   *d,
                     guint  a)
{
  SlDemoGenerator *self = d->self;
  guint b = self->story_vehicle[STORY_COMPANION_B];
  const Vehicle *va = &self->vehicles[a];
  const Vehicle *vb = &self->vehicles[b];
  gint64 back;

  if (works_on (va, d->weekday))
    {
      gint64 arrive = drive_together (d, a, b, &va->home, &va->work,
                                      at (d, rng_range (&d->rng, 6.45, 6.55)));
      gint64 leave = at (d, rng_range (&d->rng, 15.5, 15.6));

      park (d, a, &va->work, arrive, leave, PATROL_RATE_LOT);
      park (d, b, &vb->work, arrive, leave, PATROL_RATE_LOT);
      back = drive_together (d, a, b, &va->work, &va->home, leave);
    }
  else if (d->weekday == 6)
    {
      gint64 arrive = drive_together (d, a, b, &va->home, &va->errand,
                                      at (d, rng_range (&d->rng, 18.9, 19.1)));
      gint64 leave = at (d, rng_range (&d->rng, 22.4, 22.6));

      park (d, a, &va->errand, arrive, leave, PATROL_RATE_LOT);
      back = drive_together (d, a, b, &va->errand, &va->home, leave);
    }
  else
    {
      /* Sundays apart. */
      back = errand_day (d, a, 0.6, 0.2, TRUE);
      overnight (d, b, errand_day (d, b, 0.6, 0.2, TRUE));
      overnight (d, a, back);
      return;
    }

  overnight (d, a, back);
  overnight (d, b, back);
}

static void
simulate_vehicle_day (Day   *d,
                      guint  vehicle,
                      guint  day)
{
  SlDemoGenerator *self = d->self;
  const Vehicle *v = &self->vehicles[vehicle];

  rng_init (&d->rng, self->seed, vehicle, day);

  switch ((Story) v->story)
    {
    case STORY_NONE:
      if (v->shift == SL_DEMO_SHIFT_VISITOR)
        simulate_visitor (d, vehicle);
      else
        simulate_resident (d, vehicle);
      break;

    case STORY_NURSE:
      simulate_nurse (d, vehicle);
      break;

    case STORY_STUDENT:
      simulate_student (d, vehicle);
      break;

    case STORY_COMMUTER:
      simulate_commuter (d, vehicle);
      break;

    case STORY_LAWYER:
      simulate_lawyer_visits (d, vehicle);
      break;

    case STORY_COMPANION_A:
      simulate_companions (d, vehicle);
      break;

    case STORY_COMPANION_B:
      /* Simulated with A. */
      break;

    case N_STORIES:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_pending (const void *pa,
                 const void *pb)
{
  const Pending *a = pa;
  const Pending *b = pb;

  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  if (a->vehicle != b->vehicle)
    return a->vehicle < b->vehicle ? -1 : 1;
  if (a->site != b->site)
    return a->site < b->site ? -1 : 1;
  if (a->latitude_e6 != b->latitude_e6)
    return a->latitude_e6 < b->latitude_e6 ? -1 : 1;
  if (a->longitude_e6 != b->longitude_e6)
    return a->longitude_e6 < b->longitude_e6 ? -1 : 1;
  return 0;
}

typedef gboolean (*Sink) (SlDemoGenerator  *self,
                          const Pending    *read,
                          gpointer          user_data,
                          GError          **error);

/* Simulates day after day; after each, hands on in time order every read
 * earlier than the next day's midnight (later ones, from trips past
 * midnight, wait for the next round). Reads past the last day are dropped. */
static gboolean
run (SlDemoGenerator  *self,
     Sink              sink,
     gpointer          user_data,
     GError          **error)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));

  for (guint day = 0; day < self->n_days; day++)
    {
      Day d = { 0 };
      gint64 cutoff;
      guint n = 0;

      d.self = self;
      d.pending = pending;
      d.midnight = (self->first_day + day) * SECONDS_PER_DAY;
      d.weekday = weekday_of (self->first_day + day);

      for (guint v = 0; v < self->n_vehicles; v++)
        simulate_vehicle_day (&d, v, day);

      qsort (pending->data, pending->len, sizeof (Pending), compare_pending);
      cutoff = local_to_utc (d.midnight + SECONDS_PER_DAY);
      while (n < pending->len && g_array_index (pending, Pending, n).time < cutoff)
        {
          if (!sink (self, &g_array_index (pending, Pending, n), user_data, error))
            return FALSE;
          n++;
        }
      g_array_remove_range (pending, 0, n);
    }

  return TRUE;
}

typedef struct
{
  SlDemoReadFunc func;
  gpointer       user_data;
} ForeachData;

static gboolean
foreach_sink (SlDemoGenerator  *self,
              const Pending    *pending,
              gpointer          user_data,
              GError          **error)
{
  ForeachData *data = user_data;
  const Site *site = g_ptr_array_index (self->sites, pending->site);
  SlDemoRead read;

  read.plate = self->vehicles[pending->vehicle].plate;
  read.time = pending->time;
  read.latitude_e6 = pending->latitude_e6;
  read.longitude_e6 = pending->longitude_e6;
  read.camera = site->camera;
  read.agency = sl_demo_agencies[site->agency].name;

  return data->func (&read, data->user_data, error);
}

/**
 * sl_demo_generator_foreach_read:
 * @self: a #SlDemoGenerator
 * @func: called for every read, in time order; returns %FALSE (setting the
 *   error) to stop
 * @user_data: for @func
 * @error: return location for a #GError
 *
 * Runs the simulation. Every run gives the same reads.
 *
 * Returns: %TRUE unless @func failed
 */
gboolean
sl_demo_generator_foreach_read (SlDemoGenerator  *self,
                                SlDemoReadFunc    func,
                                gpointer          user_data,
                                GError          **error)
{
  ForeachData data = { func, user_data };

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return run (self, foreach_sink, &data, error);
}

typedef struct
{
  FILE       *file;
  const char *path;
  guint64     n_reads;
} CsvData;

static gboolean
csv_sink (SlDemoGenerator  *self,
          const Pending    *read,
          gpointer          user_data,
          GError          **error)
{
  CsvData *data = user_data;
  const Site *site = g_ptr_array_index (self->sites, read->site);
  char line[256];
  gsize len;

  memcpy (line, self->vehicles[read->vehicle].plate, 7);
  len = strnlen (line, 7);
  line[len++] = ',';
  format_time (line + len, read->time);
  len += 20;
  if (site->kind == SITE_MOBILE)
    {
      line[len++] = ',';
      len += format_e6 (line + len, read->latitude_e6);
      line[len++] = ',';
      len += format_e6 (line + len, read->longitude_e6);
    }
  g_assert (len + site->suffix_len <= sizeof line);
  memcpy (line + len, site->suffix, site->suffix_len);
  len += site->suffix_len;

  if (fwrite (line, 1, len, data->file) != len)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), data->path, g_strerror (saved_errno));
      return FALSE;
    }
  data->n_reads++;

  return TRUE;
}

/**
 * sl_demo_generator_write_reads_csv:
 * @self: a #SlDemoGenerator
 * @path: the file to write
 * @n_reads: (out) (optional): the number of reads written
 * @error: return location for a #GError
 *
 * Writes every read as `plate,read_at,latitude,longitude,camera,agency`,
 * times in ISO 8601 UTC, in time order, streaming: memory does not grow with
 * the number of days.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_write_reads_csv (SlDemoGenerator  *self,
                                   const char       *path,
                                   guint64          *n_reads,
                                   GError          **error)
{
  static const char header[] = "plate,read_at,latitude,longitude,camera,agency\n";
  CsvData data = { NULL, path, 0 };
  gboolean ok;

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data.file = g_fopen (path, "wb");
  if (data.file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  setvbuf (data.file, NULL, _IOFBF, 1 << 20);

  ok = fwrite (header, 1, sizeof header - 1, data.file) == sizeof header - 1;
  if (!ok)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
    }
  ok = ok && run (self, csv_sink, &data, error);

  if (fclose (data.file) != 0 && ok)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (ok && n_reads != NULL)
    *n_reads = data.n_reads;

  return ok;
}

/**
 * sl_demo_generator_write_csv:
 * @self: a #SlDemoGenerator
 * @directory: an existing directory
 * @n_reads: (out) (optional): the number of reads written
 * @error: return location for a #GError
 *
 * Writes reads.csv, agencies.csv, sharing.csv and the scenario files
 * (sl_demo_get_scenario_file()) into @directory, replacing files of those
 * names.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_write_csv (SlDemoGenerator  *self,
                             const char       *directory,
                             guint64          *n_reads,
                             GError          **error)
{
  g_autofree char *reads = g_build_filename (directory, "reads.csv", NULL);
  g_autofree char *agencies = g_build_filename (directory, "agencies.csv", NULL);
  g_autofree char *sharing = g_build_filename (directory, "sharing.csv", NULL);

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  if (!sl_demo_generator_write_agencies_csv (self, agencies, error) ||
      !sl_demo_generator_write_sharing_csv (self, sharing, error))
    return FALSE;

  for (guint i = 0; i < sl_demo_get_n_scenarios (); i++)
    {
      g_autofree char *path = g_build_filename (directory, sl_demo_get_scenario_file (i), NULL);

      if (!sl_demo_generator_write_scenario_json (self, i, path, error))
        return FALSE;
    }

  return sl_demo_generator_write_reads_csv (self, reads, n_reads, error);
}

static void
bind_e6 (sqlite3_stmt *stmt,
         int           column,
         gint32        value)
{
  sqlite3_bind_double (stmt, column, value / 1e6);
}

static gboolean
insert_vehicles (SlDemoGenerator  *self,
                 SlProject        *project,
                 GError          **error)
{
  sqlite3 *db = sl_project_get_db (project);
  sqlite3_stmt *vehicles = NULL;
  sqlite3_stmt *companions = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO demo_vehicles (plate, story, description, shift, home_town, "
                          "home_latitude, home_longitude, work_town, work_latitude, work_longitude) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                          -1, &vehicles, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "INSERT INTO demo_companions (plate, companion_plate) VALUES (?1, ?2)",
                          -1, &companions, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "demo_vehicles");
      sqlite3_finalize (vehicles);
      return FALSE;
    }

  for (guint i = 0; ok && i < self->n_vehicles; i++)
    {
      SlDemoVehicle v;

      sl_demo_generator_get_vehicle (self, i, &v);
      sqlite3_reset (vehicles);
      sqlite3_clear_bindings (vehicles);
      sqlite3_bind_text (vehicles, 1, v.plate, -1, SQLITE_STATIC);
      sqlite3_bind_text (vehicles, 2, v.story, -1, SQLITE_STATIC);
      sqlite3_bind_text (vehicles, 3, v.description, -1, SQLITE_STATIC);
      sqlite3_bind_text (vehicles, 4, sl_demo_shift_to_string (v.shift), -1, SQLITE_STATIC);
      sqlite3_bind_text (vehicles, 5, v.home_town, -1, SQLITE_STATIC);
      bind_e6 (vehicles, 6, v.home_latitude_e6);
      bind_e6 (vehicles, 7, v.home_longitude_e6);
      if (v.work_town != NULL)
        {
          sqlite3_bind_text (vehicles, 8, v.work_town, -1, SQLITE_STATIC);
          bind_e6 (vehicles, 9, v.work_latitude_e6);
          bind_e6 (vehicles, 10, v.work_longitude_e6);
        }
      ok = sqlite3_step (vehicles) == SQLITE_DONE;
      if (!ok)
        sl_project_set_error (project, error, "demo_vehicles");

      if (ok && v.companion != NULL && strcmp (v.plate, v.companion) < 0)
        {
          sqlite3_reset (companions);
          sqlite3_bind_text (companions, 1, v.plate, -1, SQLITE_STATIC);
          sqlite3_bind_text (companions, 2, v.companion, -1, SQLITE_STATIC);
          ok = sqlite3_step (companions) == SQLITE_DONE;
          if (!ok)
            sl_project_set_error (project, error, "demo_companions");
        }
    }

  sqlite3_finalize (vehicles);
  sqlite3_finalize (companions);

  return ok;
}

static gboolean
insert_places (SlDemoGenerator  *self,
               SlProject        *project,
               GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (sl_project_get_db (project),
                          "INSERT INTO demo_places (plate, label, latitude, longitude, schedule) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "demo_places");
      return FALSE;
    }

  for (guint i = 0; ok && i < self->n_places; i++)
    {
      SlDemoPlace place;

      sl_demo_generator_get_place (self, i, &place);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, place.plate, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, place.label, -1, SQLITE_STATIC);
      bind_e6 (stmt, 3, place.latitude_e6);
      bind_e6 (stmt, 4, place.longitude_e6);
      sqlite3_bind_text (stmt, 5, place.schedule, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        sl_project_set_error (project, error, "demo_places");
    }

  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
store_meta (SlDemoGenerator  *self,
            SlProject        *project,
            GError          **error)
{
  g_autofree char *vehicles = g_strdup_printf ("%u", self->n_vehicles);
  g_autofree char *days = g_strdup_printf ("%u", self->n_days);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, self->seed);
  g_autofree char *start = g_strdup_printf ("%04d-%02d-%02d", SL_DEMO_START_YEAR, SL_DEMO_START_MONTH,
                                            SL_DEMO_START_DAY);

  return sl_project_set_meta (project, "synthetic", "true", error) &&
         sl_project_set_meta (project, "demo.generator", "sightline generate-demo 1", error) &&
         sl_project_set_meta (project, "demo.vehicles", vehicles, error) &&
         sl_project_set_meta (project, "demo.days", days, error) &&
         sl_project_set_meta (project, "demo.seed", seed, error) &&
         sl_project_set_meta (project, "demo.first-day", start, error);
}

/**
 * sl_demo_generator_store_ground_truth:
 * @self: a #SlDemoGenerator
 * @project: a writable project
 * @error: return location for a #GError
 *
 * Replaces the demo ground truth of @project (demo_vehicles,
 * demo_companions, demo_places; docs/project-format.md) with this
 * generator's, and records in project_meta that the project is synthetic
 * and how it was generated. One transaction: on failure nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_store_ground_truth (SlDemoGenerator  *self,
                                      SlProject        *project,
                                      GError          **error)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  if (!sl_project_begin (project, error))
    return FALSE;

  if (!sl_project_exec (project,
                        "DELETE FROM demo_vehicles; DELETE FROM demo_companions; DELETE FROM demo_places;",
                        error) ||
      !insert_vehicles (self, project, error) ||
      !insert_places (self, project, error) ||
      !store_meta (self, project, error))
    {
      sl_project_rollback (project);
      return FALSE;
    }

  return sl_project_commit (project, error);
}

static gboolean
import_sharing_file (SlProject        *project,
                     const char       *directory,
                     const char       *name,
                     SlSharingFormat   format,
                     const char       *scenario,
                     GError          **error)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(SlSharingImport) import = NULL;

  import = sl_sharing_import (project, path, format, scenario, NULL, error);

  return import != NULL;
}

/**
 * sl_demo_generator_import:
 * @self: a #SlDemoGenerator
 * @project: a writable project, normally new and empty
 * @directory: where sl_demo_generator_write_csv() wrote the files
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Imports the generated files through the same importers a user's files go
 * through — agencies.csv, the first scenario (the national pool),
 * sharing.csv into it, the derived scenarios, then reads.csv — and stores
 * the ground truth. Fails if the read importer skips a single generated
 * read: the generator must write what the importer reads.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_import (SlDemoGenerator  *self,
                          SlProject        *project,
                          const char       *directory,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(SlReadImporter) importer = NULL;
  g_autofree char *reads = NULL;
  const SlImportSummary *summary;

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  if (!import_sharing_file (project, directory, "agencies.csv", SL_SHARING_FORMAT_AGENCIES, NULL, error) ||
      !import_sharing_file (project, directory, sl_demo_get_scenario_file (0), SL_SHARING_FORMAT_JSON,
                            NULL, error) ||
      !import_sharing_file (project, directory, "sharing.csv", SL_SHARING_FORMAT_EDGES,
                            sl_demo_get_scenario_name (0), error))
    return FALSE;

  for (guint i = 1; i < sl_demo_get_n_scenarios (); i++)
    {
      if (!import_sharing_file (project, directory, sl_demo_get_scenario_file (i), SL_SHARING_FORMAT_JSON,
                                NULL, error))
        return FALSE;
    }

  reads = g_build_filename (directory, "reads.csv", NULL);
  importer = sl_read_importer_new (reads);
  if (!sl_read_importer_prepare (importer, cancellable, error) ||
      !sl_read_importer_run (importer, project, cancellable, error))
    return FALSE;

  summary = sl_read_importer_get_summary (importer);
  if (summary->rows_skipped > 0)
    {
      g_set_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_DATA,
                   "%s: the read importer skipped %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " generated reads",
                   reads, summary->rows_skipped, summary->rows_read);
      return FALSE;
    }

  return sl_demo_generator_store_ground_truth (self, project, error);
}

/**
 * sl_demo_remove_csv:
 * @directory: where sl_demo_generator_write_csv() wrote
 *
 * Removes the files sl_demo_generator_write_csv() writes, and nothing else.
 */
void
sl_demo_remove_csv (const char *directory)
{
  const char *fixed[] = { "reads.csv", "agencies.csv", "sharing.csv" };

  g_return_if_fail (directory != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_autofree char *path = g_build_filename (directory, fixed[i], NULL);

      g_remove (path);
    }
  for (guint i = 0; i < sl_demo_get_n_scenarios (); i++)
    {
      g_autofree char *path = g_build_filename (directory, sl_demo_get_scenario_file (i), NULL);

      g_remove (path);
    }
}

/**
 * sl_demo_generator_write_project:
 * @self: a #SlDemoGenerator
 * @path: the project file to make; one there already is replaced
 * @csv_directory: an existing directory for the generated files
 * @n_reads: (out) (optional): the number of reads generated
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the files (sl_demo_generator_write_csv()) and imports them
 * (sl_demo_generator_import()) into a new project built next to @path and
 * renamed onto it at the end, so a failure leaves no half-written project
 * and keeps the one that was there.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_write_project (SlDemoGenerator  *self,
                                 const char       *path,
                                 const char       *csv_directory,
                                 guint64          *n_reads,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autofree char *partial = NULL;
  g_autoptr(SlProject) project = NULL;
  gboolean ok;

  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (csv_directory != NULL, FALSE);

  if (!sl_demo_generator_write_csv (self, csv_directory, n_reads, error))
    return FALSE;

  partial = g_strconcat (path, ".partial", NULL);
  g_remove (partial);
  project = sl_project_open (partial, SL_PROJECT_OPEN_CREATE, error);
  ok = project != NULL && sl_demo_generator_import (self, project, csv_directory, cancellable, error);
  /* Closing folds the write-ahead log into the file before it moves. */
  g_clear_object (&project);

  if (ok && g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not rename “%s” to “%s”: %s"), partial, path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_remove (partial);

  return ok;
}

static gboolean
generate_project (const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(SlDemoGenerator) generator = NULL;
  g_autofree char *directory = NULL;
  gboolean ok;

  generator = sl_demo_generator_new (SL_DEMO_DEFAULT_VEHICLES, SL_DEMO_DEFAULT_DAYS, SL_DEMO_DEFAULT_SEED,
                                     error);
  if (generator == NULL)
    return FALSE;
  directory = g_dir_make_tmp ("sightline-demo-XXXXXX", error);
  if (directory == NULL)
    return FALSE;

  ok = sl_demo_generator_write_project (generator, path, directory, NULL, cancellable, error);
  sl_demo_remove_csv (directory);
  g_rmdir (directory);

  return ok;
}

/**
 * sl_demo_ensure_user_project:
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The demo project to open: the user's own copy,
 * `$XDG_DATA_HOME/sightline/demo.sightline`, so that what they change in it
 * (scenarios, imports) stays theirs and the installed file stays read-only.
 * On first use the copy is made from the demo the build installed
 * (`PKGDATADIR/demo.sightline`, or `$SIGHTLINE_DEMO_PROJECT` for a run from
 * the build tree), or generated with the default arguments when there is
 * none. Generating takes a few seconds: call it off the main thread. Delete
 * the copy to get a fresh one.
 *
 * Returns: (transfer full): the path of the user's demo project, or %NULL
 *   with @error set
 */
char *
sl_demo_ensure_user_project (GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *directory = g_build_filename (g_get_user_data_dir (), "sightline", NULL);
  g_autofree char *path = g_build_filename (directory, "demo.sightline", NULL);
  const char *installed = g_getenv ("SIGHTLINE_DEMO_PROJECT");

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), directory, g_strerror (saved_errno));
      return NULL;
    }

  if (installed == NULL)
    installed = PKGDATADIR "/demo.sightline";

  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) source = g_file_new_for_path (installed);
      g_autoptr(GFile) target = g_file_new_for_path (path);

      if (!g_file_copy (source, target, G_FILE_COPY_NONE, cancellable, NULL, NULL, error))
        return NULL;
      return g_steal_pointer (&path);
    }

  if (!generate_project (path, cancellable, error))
    return NULL;

  return g_steal_pointer (&path);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */

/**
 * sl_demo_generator_new:
 * @n_vehicles: how many vehicles, at least the number of story vehicles (6)
 * @n_days: how many days from 14 January 2019, at least 1
 * @seed: the seed of the vehicles' lives (cameras do not depend on it)
 * @error: return location for a #GError
 *
 * Builds the synthetic world. Nothing is simulated until the reads are
 * asked for.
 *
 * Returns: (transfer full): a new generator, or %NULL with @error set
 */
SlDemoGenerator *
sl_demo_generator_new (guint     n_vehicles,
                       guint     n_days,
                       guint64   seed,
                       GError  **error)
{
  g_autoptr(SlDemoGenerator) self = NULL;

  if (n_vehicles < N_STORIES - 1 || n_vehicles > 10000000)
    {
      g_set_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_INVALID_ARGUMENT,
                   _("The number of vehicles must be between %u and %u"), N_STORIES - 1, 10000000);
      return NULL;
    }
  if (n_days < 1 || n_days > 3660)
    {
      g_set_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_INVALID_ARGUMENT,
                   _("The number of days must be between %u and %u"), 1, 3660);
      return NULL;
    }

  self = g_object_new (SL_TYPE_DEMO_GENERATOR, NULL);
  self->n_vehicles = n_vehicles;
  self->n_days = n_days;
  self->seed = seed;
  self->n_agencies = sl_demo_get_n_own_agencies ();
  self->first_day = sl_timestamp_days_from_civil (SL_DEMO_START_YEAR, SL_DEMO_START_MONTH,
                                                  SL_DEMO_START_DAY);

  if (!load_towns (self, error))
    return NULL;
  build_roads (self);
  if (!build_routes (self, error))
    return NULL;
  build_sites (self);
  build_weights (self);
  build_vehicles (self);

  return g_steal_pointer (&self);
}

guint
sl_demo_generator_get_n_vehicles (SlDemoGenerator *self)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), 0);

  return self->n_vehicles;
}

guint
sl_demo_generator_get_n_days (SlDemoGenerator *self)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), 0);

  return self->n_days;
}

guint64
sl_demo_generator_get_seed (SlDemoGenerator *self)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), 0);

  return self->seed;
}

/**
 * sl_demo_generator_set_n_agencies:
 * @self: a #SlDemoGenerator
 * @n_agencies: how many agencies agencies.csv lists, at least
 *   sl_demo_get_n_own_agencies()
 * @error: return location for a #GError
 *
 * Adds synthetic recipient agencies across the US (none owns a camera) so
 * that the project has @n_agencies agencies: one fusion centre per state
 * (re-sharing, a member of the national pool), then police departments,
 * sheriffs, university police and prosecutors; every one but the
 * prosecutors is a listed member of the national pool, the prosecutors
 * receive from their state's fusion centre. The reads do not change.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_demo_generator_set_n_agencies (SlDemoGenerator  *self,
                                  guint             n_agencies,
                                  GError          **error)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);

  if (n_agencies < sl_demo_get_n_own_agencies () || n_agencies > sl_demo_get_max_agencies ())
    {
      g_set_error (error, SL_DEMO_GENERATOR_ERROR, SL_DEMO_GENERATOR_ERROR_INVALID_ARGUMENT,
                   _("The number of agencies must be between %u and %u"),
                   sl_demo_get_n_own_agencies (), sl_demo_get_max_agencies ());
      return FALSE;
    }

  self->n_agencies = n_agencies;
  return TRUE;
}

guint
sl_demo_generator_get_n_agencies (SlDemoGenerator *self)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), 0);

  return self->n_agencies;
}

/* The UTC instant of the first day's local midnight. */
gint64
sl_demo_generator_get_start_time (SlDemoGenerator *self)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), 0);

  return local_to_utc (self->first_day * SECONDS_PER_DAY);
}

/* The UTC instant of the local midnight after the last day. */
gint64
sl_demo_generator_get_end_time (SlDemoGenerator *self)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), 0);

  return local_to_utc ((self->first_day + self->n_days) * SECONDS_PER_DAY);
}

gboolean
sl_demo_generator_get_town (SlDemoGenerator *self,
                            const char      *name,
                            gint32          *latitude_e6,
                            gint32          *longitude_e6)
{
  for (guint i = 0; i < self->n_towns; i++)
    {
      if (g_str_equal (self->towns[i].name, name))
        {
          xy_to_e6 (self->towns[i].x, self->towns[i].y, latitude_e6, longitude_e6);
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
node_name (SlDemoGenerator *self,
           guint            node)
{
  if (node < self->n_towns)
    return self->towns[node].name;

  return exits[node - self->n_towns].name;
}

static const char * const shift_names[] = {
  [SL_DEMO_SHIFT_DAY]     = "day",
  [SL_DEMO_SHIFT_NIGHT]   = "night",
  [SL_DEMO_SHIFT_WEEKEND] = "weekend",
  [SL_DEMO_SHIFT_NONE]    = "none",
  [SL_DEMO_SHIFT_VISITOR] = "visitor",
};

const char *
sl_demo_shift_to_string (SlDemoShift shift)
{
  g_return_val_if_fail (shift <= SL_DEMO_SHIFT_VISITOR, NULL);

  return shift_names[shift];
}

void
sl_demo_generator_get_vehicle (SlDemoGenerator *self,
                               guint            index,
                               SlDemoVehicle   *vehicle)
{
  const Vehicle *v;

  g_return_if_fail (SL_IS_DEMO_GENERATOR (self));
  g_return_if_fail (index < self->n_vehicles);
  g_return_if_fail (vehicle != NULL);

  v = &self->vehicles[index];
  memset (vehicle, 0, sizeof *vehicle);
  vehicle->plate = v->plate;
  vehicle->shift = v->shift;
  if (v->story != STORY_NONE)
    {
      vehicle->story = stories[v->story].key;
      vehicle->description = stories[v->story].description;
    }
  vehicle->home_town = node_name (self, v->home.node);
  xy_to_e6 (v->home.x, v->home.y, &vehicle->home_latitude_e6, &vehicle->home_longitude_e6);
  if (v->work.node != NO_INDEX)
    {
      vehicle->work_town = node_name (self, v->work.node);
      xy_to_e6 (v->work.x, v->work.y, &vehicle->work_latitude_e6, &vehicle->work_longitude_e6);
    }
  if (v->story == STORY_COMPANION_A)
    vehicle->companion = stories[STORY_COMPANION_B].plate;
  else if (v->story == STORY_COMPANION_B)
    vehicle->companion = stories[STORY_COMPANION_A].plate;
}

gboolean
sl_demo_generator_find_vehicle (SlDemoGenerator *self,
                                const char      *plate,
                                SlDemoVehicle   *vehicle)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (plate != NULL, FALSE);

  for (guint i = 0; i < self->n_vehicles; i++)
    {
      if (strcmp (self->vehicles[i].plate, plate) == 0)
        {
          sl_demo_generator_get_vehicle (self, i, vehicle);
          return TRUE;
        }
    }

  return FALSE;
}

guint
sl_demo_generator_get_n_places (SlDemoGenerator *self)
{
  g_return_val_if_fail (SL_IS_DEMO_GENERATOR (self), 0);

  return self->n_places;
}

void
sl_demo_generator_get_place (SlDemoGenerator *self,
                             guint            index,
                             SlDemoPlace     *place)
{
  const StoryPlace *story_place;

  g_return_if_fail (SL_IS_DEMO_GENERATOR (self));
  g_return_if_fail (index < self->n_places);
  g_return_if_fail (place != NULL);

  story_place = &self->places[index];
  place->plate = stories[story_place->story].plate;
  place->label = story_place->label;
  place->schedule = story_place->schedule;
  xy_to_e6 (story_place->place.x, story_place->place.y, &place->latitude_e6, &place->longitude_e6);
}
