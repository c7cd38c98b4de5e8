/* sl-preferences-window.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-preferences-window.h"

struct _SlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwPreferencesGroup  *import_group;
  AdwEntryRow          *time_zone_row;
  GtkSwitch            *pseudonymise_switch;
  GtkSwitch            *online_tiles_switch;
};

/* The inference thresholds: each key and its spin button's template id.
 * The workspace recomputes what it shows when one changes. */
static const struct
{
  const char *key;
  const char *id;
} inference_keys[] = {
  { "inference-night-start-hour", "night_start_spin" },
  { "inference-night-end-hour", "night_end_spin" },
  { "inference-work-start-hour", "work_start_spin" },
  { "inference-work-end-hour", "work_end_spin" },
  { "inference-min-days", "min_days_spin" },
  { "inference-full-confidence-days", "full_days_spin" },
  { "inference-cell-size", "cell_size_spin" },
  { "inference-companion-window", "companion_window_spin" },
  { "inference-companion-min-places", "companion_places_spin" },
  { "inference-companion-min-days", "companion_days_spin" },
  { "inference-uniqueness-radius", "uniqueness_radius_spin" },
};

G_DEFINE_FINAL_TYPE (SlPreferencesWindow, sl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SlPreferencesWindow *
sl_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SL_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

/* Only identifiers the system's time zone database knows are stored, so an
 * import never meets a zone it cannot resolve. */
static void
time_zone_row_apply (SlPreferencesWindow *self,
                     AdwEntryRow         *row)
{
  g_autofree char *identifier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (identifier[0] != '\0')
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (identifier);

      if (zone == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Unknown time zone “%s”"), identifier);

          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
          return;
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "import-time-zone", identifier);
}

static void
sl_preferences_window_constructed (GObject *object)
{
  SlPreferencesWindow *self = SL_PREFERENCES_WINDOW (object);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *time_zone = NULL;
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (sl_preferences_window_parent_class)->constructed (object);

  time_zone = g_settings_get_string (self->settings, "import-time-zone");
  gtk_editable_set_text (GTK_EDITABLE (self->time_zone_row), time_zone);

  description = g_strdup_printf (_("Timestamps without a time zone are read in this zone, "
                                   "for example “America/New_York”. Leave it empty to use "
                                   "the system time zone (%s)."),
                                 g_time_zone_get_identifier (local));
  adw_preferences_group_set_description (self->import_group, description);

  g_settings_bind (self->settings, "pseudonymise-plates",
                   self->pseudonymise_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "online-tiles",
                   self->online_tiles_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (inference_keys); i++)
    {
      GObject *spin = gtk_widget_get_template_child (GTK_WIDGET (self), SL_TYPE_PREFERENCES_WINDOW,
                                                     inference_keys[i].id);

      g_settings_bind (self->settings, inference_keys[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT);
    }
}

static void
sl_preferences_window_finalize (GObject *object)
{
  SlPreferencesWindow *self = SL_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_preferences_window_parent_class)->finalize (object);
}

static void
sl_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SlPreferencesWindow *self = SL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_preferences_window_class_init (SlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_preferences_window_constructed;
  object_class->finalize = sl_preferences_window_finalize;
  object_class->set_property = sl_preferences_window_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, import_group);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, online_tiles_switch);
  for (guint i = 0; i < G_N_ELEMENTS (inference_keys); i++)
    gtk_widget_class_bind_template_child_full (widget_class, inference_keys[i].id, FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_row_apply);
}

static void
sl_preferences_window_init (SlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
