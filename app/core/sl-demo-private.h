/* sl-demo-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-demo-generator.h"

G_BEGIN_DECLS

/* Why an agency is in the demo. */
typedef enum
{
  SL_DEMO_ROLE_NAMED_2019,   /* named in the March 2019 reporting as sharing with ICE */
  SL_DEMO_ROLE_NEIGHBOUR,    /* a neighbour of a named agency (illustrative) */
  SL_DEMO_ROLE_STATE_POLICE,
  SL_DEMO_ROLE_FUSION_CENTER,
  SL_DEMO_ROLE_IMMIGRATION,  /* a federal immigration recipient */
  SL_DEMO_ROLE_POOL,         /* the vendor's national pool */
} SlDemoRole;

typedef struct
{
  const char *key;           /* short id, the prefix of its camera ids */
  const char *name;
  const char *type;          /* an SlAgencyType string */
  const char *state;         /* postal code, or NULL */
  const char *alias;         /* another spelling documents use, or NULL */
  const char *town;          /* a town of ct-town-centroids.csv, or NULL */
  int         retention_days;
  guint       reshares : 1;
  SlDemoRole  role;
  guint8      n_fixed;       /* fixed readers around the town centre */
  guint8      n_mobile;      /* readers on patrol cars */
} SlDemoAgency;

extern const SlDemoAgency sl_demo_agencies[];
extern const guint        sl_demo_n_agencies;

guint    sl_demo_agency_index       (const char      *key);
gboolean sl_demo_generator_get_town (SlDemoGenerator *self,
                                     const char      *name,
                                     gint32          *latitude_e6,
                                     gint32          *longitude_e6);

G_END_DECLS
