/* sl-application-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-application.h"

G_BEGIN_DECLS

struct _SlApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

void _sl_application_actions_init (SlApplication *self);

G_END_DECLS
