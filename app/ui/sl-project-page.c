/* sl-project-page.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-project-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-project-page.h"

/* What the window shows for an open project: for now a summary of the file;
 * the map replaces it. */
struct _SlProjectPage
{
  AdwBin         parent_instance;

  SlProject     *project;

  AdwStatusPage *status_page;
  AdwActionRow  *file_row;
  AdwActionRow  *format_row;
};

G_DEFINE_FINAL_TYPE (SlProjectPage, sl_project_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * sl_project_page_get_project:
 * @self: a #SlProjectPage
 *
 * Returns: (transfer none) (nullable): the project shown
 */
SlProject *
sl_project_page_get_project (SlProjectPage *self)
{
  g_return_val_if_fail (SL_IS_PROJECT_PAGE (self), NULL);

  return self->project;
}

void
sl_project_page_set_project (SlProjectPage *self,
                             SlProject     *project)
{
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;

  g_return_if_fail (SL_IS_PROJECT_PAGE (self));
  g_return_if_fail (project == NULL || SL_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;

  if (project != NULL)
    {
      name = sl_project_dup_name (project);
      /* Translators: the version number of the project file format. */
      format = g_strdup_printf (_("Version %u"), sl_project_get_schema_version (project));
    }

  adw_status_page_set_title (self->status_page, name != NULL ? name : "");
  adw_action_row_set_subtitle (self->file_row, project != NULL ? sl_project_get_path (project) : "");
  adw_action_row_set_subtitle (self->format_row, format != NULL ? format : "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

static void
sl_project_page_dispose (GObject *object)
{
  SlProjectPage *self = SL_PROJECT_PAGE (object);

  g_clear_object (&self->project);

  G_OBJECT_CLASS (sl_project_page_parent_class)->dispose (object);
}

static void
sl_project_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlProjectPage *self = SL_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_project_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SlProjectPage *self = SL_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      sl_project_page_set_project (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_project_page_class_init (SlProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_project_page_dispose;
  object_class->get_property = sl_project_page_get_property;
  object_class->set_property = sl_project_page_set_property;

  properties [PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         SL_TYPE_PROJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlProjectPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SlProjectPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, SlProjectPage, format_row);
}

static void
sl_project_page_init (SlProjectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
