/* sl-demo-sharing.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-demo-sharing"

#include "config.h"

#include "sl-demo-private.h"

#define NAMED_NOTE \
  "Named in March 2019 as sharing its plate reads with ICE (Westport News, Daily Voice, " \
  "News 8 / WTNH, The News-Times / Hearst Connecticut). Cameras and retention illustrative."
#define NEIGHBOUR_NOTE \
  "Illustrative: a neighbour of an agency named in March 2019; not named in the reporting."

/* The agencies of the demo. Retention values are illustrative: the 2019
 * reporting gave none, so they spread over the range the domain sources
 * describe (Flock's 30-day default to a year or more). Camera counts are the
 * generator's, not any agency's real deployment. */
const SlDemoAgency sl_demo_agencies[] = {
  { "fairfield", "Fairfield Police Department", "municipal-police", "CT", "Fairfield",
    365, FALSE, SL_DEMO_ROLE_NAMED_2019, 5, 1, NAMED_NOTE },
  { "westport", "Westport Police Department", "municipal-police", "CT", "Westport",
    365, FALSE, SL_DEMO_ROLE_NAMED_2019, 5, 1,
    NAMED_NOTE " Westport said its reads were queryable by \"over 500 law enforcement agencies\"; "
    "its railroad division ran readers at the station lots." },
  { "stratford", "Stratford Police Department", "municipal-police", "CT", "Stratford",
    180, FALSE, SL_DEMO_ROLE_NAMED_2019, 4, 1, NAMED_NOTE },
  { "trumbull", "Trumbull Police Department", "municipal-police", "CT", "Trumbull",
    180, FALSE, SL_DEMO_ROLE_NAMED_2019, 4, 1, NAMED_NOTE },
  { "norwalk", "Norwalk Police Department", "municipal-police", "CT", "Norwalk",
    365, FALSE, SL_DEMO_ROLE_NAMED_2019, 6, 2,
    NAMED_NOTE " Norwalk said it would work with the vendor." },
  { "enfield", "Enfield Police Department", "municipal-police", "CT", "Enfield",
    90, FALSE, SL_DEMO_ROLE_NAMED_2019, 4, 1, NAMED_NOTE },
  { "wethersfield", "Wethersfield Police Department", "municipal-police", "CT", "Wethersfield",
    90, FALSE, SL_DEMO_ROLE_NAMED_2019, 4, 1,
    NAMED_NOTE " Its chief found ICE in the sharing list and removed it \"with a click of a computer mouse\"." },
  { "scsu", "Southern Connecticut State University Police Department", "university-police", "CT", "New Haven",
    30, FALSE, SL_DEMO_ROLE_NAMED_2019, 3, 0,
    NAMED_NOTE " SCSU said it \"deactivated the sharing component\"." },

  { "bridgeport", "Bridgeport Police Department", "municipal-police", "CT", "Bridgeport",
    365, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 4, 1, NEIGHBOUR_NOTE },
  { "darien", "Darien Police Department", "municipal-police", "CT", "Darien",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "new-canaan", "New Canaan Police Department", "municipal-police", "CT", "New Canaan",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0, NEIGHBOUR_NOTE },
  { "wilton", "Wilton Police Department", "municipal-police", "CT", "Wilton",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "weston", "Weston Police Department", "municipal-police", "CT", "Weston",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0, NEIGHBOUR_NOTE },
  { "easton", "Easton Police Department", "municipal-police", "CT", "Easton",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0, NEIGHBOUR_NOTE },
  { "monroe", "Monroe Police Department", "municipal-police", "CT", "Monroe",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "shelton", "Shelton Police Department", "municipal-police", "CT", "Shelton",
    180, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "milford", "Milford Police Department", "municipal-police", "CT", "Milford",
    180, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 3, 1, NEIGHBOUR_NOTE },
  { "new-haven", "New Haven Police Department", "municipal-police", "CT", "New Haven",
    365, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 4, 1, NEIGHBOUR_NOTE },
  { "west-haven", "West Haven Police Department", "municipal-police", "CT", "West Haven",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "hamden", "Hamden Police Department", "municipal-police", "CT", "Hamden",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "hartford", "Hartford Police Department", "municipal-police", "CT", "Hartford",
    365, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 5, 1, NEIGHBOUR_NOTE },
  { "newington", "Newington Police Department", "municipal-police", "CT", "Newington",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "rocky-hill", "Rocky Hill Police Department", "municipal-police", "CT", "Rocky Hill",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "glastonbury", "Glastonbury Police Department", "municipal-police", "CT", "Glastonbury",
    90, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "windsor-locks", "Windsor Locks Police Department", "municipal-police", "CT", "Windsor Locks",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "east-windsor", "East Windsor Police Department", "municipal-police", "CT", "East Windsor",
    60, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 2, 0, NEIGHBOUR_NOTE },
  { "suffield", "Suffield Police Department", "municipal-police", "CT", "Suffield",
    30, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0, NEIGHBOUR_NOTE },
  { "somers", "Somers Police Department", "municipal-police", "CT", "Somers",
    30, FALSE, SL_DEMO_ROLE_NEIGHBOUR, 1, 0, NEIGHBOUR_NOTE },

  { "csp", "Connecticut State Police", "state-police", "CT", NULL,
    365, FALSE, SL_DEMO_ROLE_STATE_POLICE, 0, 0,
    "Illustrative: readers on the highway corridors (I-95, I-91, I-84, Merritt Parkway)." },
  { "fusion", "State Fusion Center (illustrative)", "fusion-center", "CT", NULL,
    730, TRUE, SL_DEMO_ROLE_FUSION_CENTER, 0, 0,
    "Illustrative: a state fusion centre that receives reads and re-shares them with its "
    "partners. Not a statement about any real fusion centre." },
  { "ice-ero", "ICE Enforcement and Removal Operations", "federal", NULL, NULL,
    -1, FALSE, SL_DEMO_ROLE_IMMIGRATION, 0, 0,
    "ICE had access to Vigilant Solutions' plate-read database: over 9,000 ICE officers, about 1.5 billion "
    "reads from 80+ local agencies (ACLU of Northern California, records released March 2019)." },
  { "ice-hsi", "ICE Homeland Security Investigations", "federal", NULL, NULL,
    -1, FALSE, SL_DEMO_ROLE_IMMIGRATION, 0, 0,
    "Illustrative: a second federal immigration recipient, reached only through the fusion centre." },
  { "national-pool", "Vendor national pool", "other", NULL, NULL,
    -1, FALSE, SL_DEMO_ROLE_POOL, 0, 0,
    "The vendor's national sharing pool: 500+ member agencies, membership not listed "
    "(Westport: reads queryable by \"over 500 law enforcement agencies\", March 2019)." },
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
