/* sl-vehicle-list-private.h: what tests reach inside the vehicle list.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-vehicle-list.h"

G_BEGIN_DECLS

guint sl_vehicle_list_count_pending_pages (SlVehicleList *self);
void  sl_vehicle_list_activate            (SlVehicleList *self,
                                           guint          position);

G_END_DECLS
