/* map-test-data.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "map-test-data.h"
#include "sl-geography.h"
#include "sl-mercator.h"

const char * const map_test_agency_names[] = {
  "State Police", "Hartford PD", "New Haven PD", "Bridgeport PD", "Stamford PD", "Waterbury PD", NULL,
};

/* Reads like a plate-reader network's: fixed cameras near town centres
 * (more in bigger towns) taking 80 % of reads, mobile cameras anywhere
 * within a few km of a centre taking the rest; more reads by day than by
 * night. Deterministic for a seed. The set is not sealed yet. */
SlReadSet *
map_test_reads_new (guint n_reads,
                    guint seed)
{
  g_autoptr(SlGeography) geography = sl_geography_dup_connecticut ();
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (double) * 3);
  GRand *rand = g_rand_new_with_seed (seed);
  SlReadSet *set = sl_read_set_new (n_reads);
  guint n_towns = sl_geography_get_n_labels (geography);

  for (guint t = 0; t < n_towns; t++)
    {
      const SlGeoLabel *town = sl_geography_get_label (geography, t);
      guint n_cameras = 1 + (guint) (town->area / 40e6);

      for (guint c = 0; c < n_cameras; c++)
        {
          double site[3];

          sl_mercator_to_lat_lon (town->x, town->y, &site[0], &site[1]);
          site[0] += g_rand_double_range (rand, -0.015, 0.015);
          site[1] += g_rand_double_range (rand, -0.02, 0.02);
          /* Agency by town, so each agency's cameras cluster. */
          site[2] = t % MAP_TEST_AGENCIES;
          g_array_append_vals (sites, site, 1);
        }
    }

  for (guint i = 0; i < n_reads; i++)
    {
      const double *site = (const double *) sites->data + 3 * g_rand_int_range (rand, 0, sites->len);
      double latitude = site[0], longitude = site[1];
      gint64 day = g_rand_int_range (rand, 0, MAP_TEST_DAYS);
      /* Hours 6–22 local (UTC−5) twice as likely as the night. */
      gint64 hour = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, 24)
                                                        : 11 + g_rand_int_range (rand, 0, 16);

      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          latitude += g_rand_double_range (rand, -0.03, 0.03);
          longitude += g_rand_double_range (rand, -0.04, 0.04);
        }
      sl_read_set_append (set, i, latitude, longitude,
                          MAP_TEST_FIRST_TIME + day * 86400 + (hour % 24) * 3600 + g_rand_int_range (rand, 0, 3600),
                          (guint8) site[2]);
    }

  g_rand_free (rand);
  return set;
}
