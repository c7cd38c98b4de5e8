/* sl-agency.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-project.h"

G_BEGIN_DECLS

typedef enum
{
  SL_AGENCY_TYPE_MUNICIPAL_POLICE,
  SL_AGENCY_TYPE_SHERIFF,
  SL_AGENCY_TYPE_STATE_POLICE,
  SL_AGENCY_TYPE_UNIVERSITY_POLICE,
  SL_AGENCY_TYPE_FEDERAL,
  SL_AGENCY_TYPE_FUSION_CENTER,
  SL_AGENCY_TYPE_PROSECUTOR,
  SL_AGENCY_TYPE_PRIVATE,
  SL_AGENCY_TYPE_OTHER,
} SlAgencyType;

const char *sl_agency_type_to_string   (SlAgencyType   type);
gboolean    sl_agency_type_from_string (const char    *string,
                                        SlAgencyType  *type);
char       *sl_agency_normalize_name   (const char    *name);
gint64      sl_agency_lookup           (SlProject     *project,
                                        const char    *name,
                                        GError       **error);
gint64      sl_agency_ensure           (SlProject     *project,
                                        const char    *name,
                                        gboolean      *created,
                                        GError       **error);

G_END_DECLS
