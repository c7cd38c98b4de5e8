/* sl-column-mapper.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-timestamp.h"

G_BEGIN_DECLS

#define SL_COLUMN_MAPPING_ERROR (sl_column_mapping_error_quark ())

typedef enum
{
  SL_COLUMN_MAPPING_ERROR_UNKNOWN_ROLE,
  SL_COLUMN_MAPPING_ERROR_UNKNOWN_COLUMN,
  SL_COLUMN_MAPPING_ERROR_MISSING_ROLE,
} SlColumnMappingError;

typedef enum
{
  SL_COLUMN_ROLE_IGNORE,
  SL_COLUMN_ROLE_PLATE,
  SL_COLUMN_ROLE_TIMESTAMP,
  SL_COLUMN_ROLE_DATE,
  SL_COLUMN_ROLE_TIME,
  SL_COLUMN_ROLE_LATITUDE,
  SL_COLUMN_ROLE_LONGITUDE,
  SL_COLUMN_ROLE_CAMERA,
  SL_COLUMN_ROLE_AGENCY,
  SL_COLUMN_ROLE_PLATE_STATE,
  SL_COLUMN_ROLE_MAKE,
  SL_COLUMN_ROLE_COLOUR,
  SL_COLUMN_ROLE_CONFIDENCE,
  SL_N_COLUMN_ROLES
} SlColumnRole;

#define SL_TYPE_COLUMN_MAPPING (sl_column_mapping_get_type ())

G_DECLARE_FINAL_TYPE (SlColumnMapping, sl_column_mapping, SL, COLUMN_MAPPING, GObject)

GQuark           sl_column_mapping_error_quark       (void);
const char      *sl_column_role_to_string            (SlColumnRole         role);
gboolean         sl_column_role_from_string          (const char          *string,
                                                      SlColumnRole        *role,
                                                      gboolean            *is_hash);
const char      *sl_column_role_get_label            (SlColumnRole         role);
SlColumnMapping *sl_column_mapping_new               (const char * const  *header,
                                                      guint                n_columns);
guint            sl_column_mapping_get_n_columns     (SlColumnMapping     *self);
const char      *sl_column_mapping_get_column_name   (SlColumnMapping     *self,
                                                      guint                column);
SlColumnRole     sl_column_mapping_get_role          (SlColumnMapping     *self,
                                                      guint                column);
int              sl_column_mapping_get_column        (SlColumnMapping     *self,
                                                      SlColumnRole         role);
void             sl_column_mapping_set_role          (SlColumnMapping     *self,
                                                      guint                column,
                                                      SlColumnRole         role);
gboolean         sl_column_mapping_apply_override    (SlColumnMapping     *self,
                                                      const char          *spec,
                                                      GError             **error);
gboolean         sl_column_mapping_get_plate_is_hash (SlColumnMapping     *self);
void             sl_column_mapping_set_plate_is_hash (SlColumnMapping     *self,
                                                      gboolean             is_hash);
SlTimeFormat     sl_column_mapping_get_time_format   (SlColumnMapping     *self);
void             sl_column_mapping_set_time_format   (SlColumnMapping     *self,
                                                      SlTimeFormat         format);
void             sl_column_mapping_analyze           (SlColumnMapping     *self,
                                                      GPtrArray           *rows,
                                                      gboolean             day_first);
gboolean         sl_column_mapping_validate          (SlColumnMapping     *self,
                                                      gboolean             have_owner_agency,
                                                      GError             **error);
char            *sl_column_mapping_to_json           (SlColumnMapping     *self);

gboolean         sl_column_looks_like_hash           (const char          *value);

G_END_DECLS
