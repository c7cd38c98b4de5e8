/* sl-agency-compare.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sl-project.h"
#include "sl-what-if.h"

G_BEGIN_DECLS

#define SL_TYPE_AGENCY_COMPARE (sl_agency_compare_get_type ())

G_DECLARE_FINAL_TYPE (SlAgencyCompare, sl_agency_compare, SL, AGENCY_COMPARE, AdwWindow)

SlAgencyCompare *sl_agency_compare_new           (SlProject       *project,
                                                  SlWhatIf        *what_if,
                                                  const char      *plate);
void             sl_agency_compare_set_agencies  (SlAgencyCompare *self,
                                                  guint            a,
                                                  guint            b);
guint            sl_agency_compare_get_agency    (SlAgencyCompare *self,
                                                  guint            column);
SlWhatIf        *sl_agency_compare_get_what_if   (SlAgencyCompare *self);

/* For tests: the texts a column shows. */
typedef enum
{
  SL_COMPARE_FIELD_GROUP,
  SL_COMPARE_FIELD_READS,
  SL_COMPARE_FIELD_FIRST,
  SL_COMPARE_FIELD_LAST,
  SL_COMPARE_FIELD_PATHS,
  SL_COMPARE_FIELD_INFERENCES,
  SL_N_COMPARE_FIELDS,
} SlCompareField;

const char      *sl_agency_compare_get_text      (SlAgencyCompare *self,
                                                  guint            column,
                                                  SlCompareField   field);
GtkDropDown     *sl_agency_compare_get_chooser   (SlAgencyCompare *self,
                                                  guint            column);

G_END_DECLS
