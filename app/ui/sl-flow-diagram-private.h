/* sl-flow-diagram-private.h: what tests reach inside the diagram.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-flow-diagram.h"

G_BEGIN_DECLS

/* Boxes drawn: owners, hops, recipients and folds. */
guint       sl_flow_diagram_get_n_boxes     (SlFlowDiagram *self);
/* The label of @group's fold ("409 more municipal agencies"), or NULL
 * when the group shows every recipient. */
const char *sl_flow_diagram_get_fold_label  (SlFlowDiagram *self,
                                             SlViewerGroup  group);

G_END_DECLS
