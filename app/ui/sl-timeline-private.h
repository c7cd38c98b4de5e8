/* sl-timeline-private.h: what the tests check of the timeline's layout.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-timeline.h"

G_BEGIN_DECLS

/* A date under the histogram's bars, in the histogram's coordinates. */
typedef struct
{
  graphene_rect_t  rect;
  char            *text;
} SlTimelineLabel;

void    sl_timeline_label_clear     (SlTimelineLabel *label);
GArray *sl_timeline_get_axis_labels (SlTimeline      *self,
                                     double          *axis);

G_END_DECLS
