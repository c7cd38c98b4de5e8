/* sl-flow-diagram.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-what-if.h"

G_BEGIN_DECLS

typedef enum
{
  SL_FLOW_DIAGRAM_FORMAT_PNG,
  SL_FLOW_DIAGRAM_FORMAT_SVG,
  SL_FLOW_DIAGRAM_FORMAT_PDF,
} SlFlowDiagramFormat;

#define SL_TYPE_FLOW_DIAGRAM (sl_flow_diagram_get_type ())

G_DECLARE_FINAL_TYPE (SlFlowDiagram, sl_flow_diagram, SL, FLOW_DIAGRAM, GtkWidget)

GtkWidget *sl_flow_diagram_new               (void);
void       sl_flow_diagram_set_what_if       (SlFlowDiagram        *self,
                                              SlWhatIf             *what_if);
SlWhatIf  *sl_flow_diagram_get_what_if       (SlFlowDiagram        *self);
void       sl_flow_diagram_set_max_per_group (SlFlowDiagram        *self,
                                              guint                 max_per_group);
guint      sl_flow_diagram_node_at           (SlFlowDiagram        *self,
                                              double                x,
                                              double                y);
gboolean   sl_flow_diagram_get_node_position (SlFlowDiagram        *self,
                                              guint                 node,
                                              double               *x,
                                              double               *y);
void       sl_flow_diagram_activate_at       (SlFlowDiagram        *self,
                                              double                x,
                                              double                y);
gboolean   sl_flow_diagram_export            (SlFlowDiagram        *self,
                                              GFile                *file,
                                              SlFlowDiagramFormat   format,
                                              GError              **error);

G_END_DECLS
