/* sl-lesson-panel.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-lesson-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-lesson-panel.h"
#include "sl-sharing-network.h"

/* The lesson bar above the workspace: a step's title and text, Back, Next
 * and Close. Each step applies the whole state the lesson gives at that
 * step (sl_lesson_dup_state_at()) through the workspace's public API, one
 * call per state key, so going back or resuming shows what stepping
 * forward showed.
 *
 * Where the class stopped is kept in the project (project_meta, like the
 * window size): it travels with the project file and each classroom copy
 * of the demo keeps its own, with nothing to clean up in the settings when
 * projects are deleted. */

#define META_LESSON "lesson"
#define META_STEP "lesson-step"

struct _SlLessonPanel
{
  AdwBin         parent_instance;

  SlWorkspace   *workspace;
  SlLesson      *lesson;
  char          *lesson_id;
  guint          step;
  /* The plate the lesson showed last: showing it again would reframe the
   * map and start its exposure over at every step. */
  char          *shown_plate;
  /* The scenario it selected last, and the boxes it unticked in that
   * scenario's session since ("OWNER\nRECIPIENT"), so a step back undoes
   * only what changes. */
  char          *shown_scenario;
  GPtrArray     *shown_unticks;
  /* What a step without a scenario shows. */
  char          *default_scenario;
  gulong         loading_handler;

  /* Template widgets */
  GtkLabel      *progress_label;
  GtkLabel      *title_label;
  GtkLabel      *text_label;
};

G_DEFINE_FINAL_TYPE (SlLessonPanel, sl_lesson_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LESSON,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GDateTime *
date_time_or_null (gint64 utc)
{
  return utc != 0 ? g_date_time_new_from_unix_utc (utc) : NULL;
}

static void
set_str (char       **to,
         const char  *value)
{
  g_free (*to);
  *to = g_strdup (value);
}

/* The lesson's view of the workspace starts over: the next step sets up
 * everything again. */
static void
forget_shown (SlLessonPanel *self)
{
  g_clear_pointer (&self->shown_plate, g_free);
  g_clear_pointer (&self->shown_scenario, g_free);
  g_ptr_array_set_size (self->shown_unticks, 0);
}

static void
apply_plate (SlLessonPanel       *self,
             const SlLessonState *state)
{
  if (state->plate == NULL || g_strcmp0 (state->plate, self->shown_plate) == 0)
    return;
  set_str (&self->shown_plate, state->plate);
  /* A new vehicle is a new what-if session, without edits. */
  g_ptr_array_set_size (self->shown_unticks, 0);
  sl_workspace_show_plate (self->workspace, state->plate);
}

static void
apply_scenario (SlLessonPanel       *self,
                const SlLessonState *state)
{
  const char *scenario = state->scenario != NULL ? state->scenario : self->default_scenario;

  /* A project without sharing scenarios has nothing to select. */
  if (scenario == NULL)
    return;
  if (g_strcmp0 (scenario, self->shown_scenario) != 0)
    {
      set_str (&self->shown_scenario, scenario);
      g_ptr_array_set_size (self->shown_unticks, 0);
    }
  sl_workspace_select_scenario (self->workspace, scenario);
}

static void
apply_agency (SlLessonPanel       *self,
              const SlLessonState *state)
{
  sl_workspace_select_agency (self->workspace, state->agency);
}

/* Edits the lesson made and still wants stay; those it no longer wants
 * are undone, newest first, and the new ones made. */
static void
apply_unticks (SlLessonPanel       *self,
               const SlLessonState *state)
{
  guint common = 0;

  while (common < self->shown_unticks->len && common < state->n_unticks)
    {
      g_autofree char *key = g_strconcat (state->unticks[common].owner, "\n",
                                          state->unticks[common].recipient, NULL);

      if (!g_str_equal (key, self->shown_unticks->pdata[common]))
        break;
      common++;
    }
  for (guint i = self->shown_unticks->len; i > common; i--)
    gtk_widget_activate_action (GTK_WIDGET (self->workspace), "workspace.undo", NULL);
  g_ptr_array_set_size (self->shown_unticks, common);
  for (guint i = common; i < state->n_unticks; i++)
    {
      sl_workspace_untick (self->workspace, state->unticks[i].owner, state->unticks[i].recipient);
      g_ptr_array_add (self->shown_unticks, g_strconcat (state->unticks[i].owner, "\n",
                                                         state->unticks[i].recipient, NULL));
    }
}

static void
apply_as_of (SlLessonPanel       *self,
             const SlLessonState *state)
{
  g_autoptr(GDateTime) as_of = state->as_of != SL_TIME_MAX ? g_date_time_new_from_unix_utc (state->as_of) : NULL;

  sl_workspace_set_as_of (self->workspace, as_of);
}

static void
apply_time_range (SlLessonPanel       *self,
                  const SlLessonState *state)
{
  g_autoptr(GDateTime) start = date_time_or_null (state->range_start);
  g_autoptr(GDateTime) end = date_time_or_null (state->range_end);

  sl_workspace_select_time_range (self->workspace, start, end);
}

static void
apply_page (SlLessonPanel       *self,
            const SlLessonState *state)
{
  sl_workspace_show_page (self->workspace, state->page != NULL ? state->page : "exposure");
}

/* One function per state key, in the order docs/lessons.md gives. */
static const struct
{
  SlLessonKeys key;
  void       (*apply) (SlLessonPanel *self, const SlLessonState *state);
} appliers[] = {
  { SL_LESSON_KEY_PLATE, apply_plate },
  { SL_LESSON_KEY_SCENARIO, apply_scenario },
  { SL_LESSON_KEY_AGENCY, apply_agency },
  { SL_LESSON_KEY_UNTICK, apply_unticks },
  { SL_LESSON_KEY_AS_OF, apply_as_of },
  { SL_LESSON_KEY_TIME_RANGE, apply_time_range },
  { SL_LESSON_KEY_PAGE, apply_page },
};

static void
apply_state (SlLessonPanel *self)
{
  g_autoptr(SlLessonState) state = sl_lesson_dup_state_at (self->lesson, self->step);

  for (guint i = 0; i < G_N_ELEMENTS (appliers); i++)
    appliers[i].apply (self, state);
}

static void
on_loading_changed (SlLessonPanel *self)
{
  if (sl_workspace_is_loading (self->workspace))
    return;
  g_clear_signal_handler (&self->loading_handler, self->workspace);
  if (self->lesson != NULL)
    apply_state (self);
}

static void
save_step (SlLessonPanel *self,
           guint          step)
{
  SlProject *project = self->workspace != NULL ? sl_workspace_get_project (self->workspace) : NULL;
  g_autoptr(GError) error = NULL;
  char number[16];

  if (project == NULL || sl_project_is_read_only (project))
    return;
  g_snprintf (number, sizeof number, "%u", step);
  if (!sl_project_set_meta (project, META_LESSON, self->lesson_id, &error) ||
      !sl_project_set_meta (project, META_STEP, number, &error))
    g_warning ("Could not keep the lesson step: %s", error->message);
}

static void
update_actions (SlLessonPanel *self)
{
  guint n_steps = self->lesson != NULL ? sl_lesson_get_n_steps (self->lesson) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lesson.previous", self->lesson != NULL && self->step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lesson.next", self->step + 1 < n_steps);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lesson.close", self->lesson != NULL);
}

/**
 * sl_lesson_panel_go_to:
 * @step: a step of the lesson, from 0
 *
 * Shows @step and sets up its state in the workspace, once the project has
 * loaded.
 */
void
sl_lesson_panel_go_to (SlLessonPanel *self,
                       guint          step)
{
  g_autofree char *progress = NULL;

  g_return_if_fail (SL_IS_LESSON_PANEL (self));
  g_return_if_fail (self->lesson != NULL);
  g_return_if_fail (step < sl_lesson_get_n_steps (self->lesson));

  self->step = step;
  /* Translators: above a lesson step: “Step 3 of 8 · LESSON TITLE”. */
  progress = g_strdup_printf (_("Step %u of %u · %s"), step + 1, sl_lesson_get_n_steps (self->lesson),
                              sl_lesson_get_title (self->lesson));
  gtk_label_set_text (self->progress_label, progress);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_label), sl_lesson_get_description (self->lesson));
  gtk_label_set_text (self->title_label, sl_lesson_get_step_title (self->lesson, step));
  gtk_label_set_text (self->text_label, sl_lesson_get_step_text (self->lesson, step));
  update_actions (self);
  save_step (self, step);

  if (sl_workspace_is_loading (self->workspace))
    {
      if (self->loading_handler == 0)
        self->loading_handler = g_signal_connect_swapped (self->workspace, "notify::loading",
                                                          G_CALLBACK (on_loading_changed), self);
    }
  else
    {
      apply_state (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/**
 * sl_lesson_panel_start:
 * @lesson: the lesson
 * @lesson_id: what names it across sessions (its URI)
 *
 * Shows the panel at the step the project was left at in this lesson, or
 * at the first.
 */
void
sl_lesson_panel_start (SlLessonPanel *self,
                       SlLesson      *lesson,
                       const char    *lesson_id)
{
  SlProject *project;
  g_autofree char *saved_id = NULL;
  g_autofree char *saved_step = NULL;
  guint64 step = 0;

  g_return_if_fail (SL_IS_LESSON_PANEL (self));
  g_return_if_fail (SL_IS_LESSON (lesson));
  g_return_if_fail (lesson_id != NULL);
  g_return_if_fail (self->workspace != NULL);

  project = sl_workspace_get_project (self->workspace);
  g_return_if_fail (project != NULL);

  g_set_object (&self->lesson, lesson);
  set_str (&self->lesson_id, lesson_id);
  forget_shown (self);
  g_free (self->default_scenario);
  self->default_scenario = sl_sharing_network_dup_default_scenario (project, NULL);

  saved_id = sl_project_dup_meta (project, META_LESSON);
  saved_step = sl_project_dup_meta (project, META_STEP);
  if (g_strcmp0 (saved_id, lesson_id) != 0 || saved_step == NULL ||
      !g_ascii_string_to_unsigned (saved_step, 10, 0, sl_lesson_get_n_steps (lesson) - 1, &step, NULL))
    step = 0;

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
  sl_lesson_panel_go_to (self, step);
}

/**
 * sl_lesson_panel_close:
 *
 * Hides the panel; the workspace keeps the state of the last step. Closed
 * on its last step, the lesson starts from the beginning next time.
 */
void
sl_lesson_panel_close (SlLessonPanel *self)
{
  g_return_if_fail (SL_IS_LESSON_PANEL (self));

  if (self->lesson == NULL)
    return;
  if (self->step + 1 == sl_lesson_get_n_steps (self->lesson))
    save_step (self, 0);
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->loading_handler, self->workspace);
  g_clear_object (&self->lesson);
  g_clear_pointer (&self->lesson_id, g_free);
  g_clear_pointer (&self->default_scenario, g_free);
  forget_shown (self);
  self->step = 0;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

/**
 * sl_lesson_panel_get_lesson:
 *
 * Returns: (transfer none) (nullable): the lesson shown, if any
 */
SlLesson *
sl_lesson_panel_get_lesson (SlLessonPanel *self)
{
  g_return_val_if_fail (SL_IS_LESSON_PANEL (self), NULL);

  return self->lesson;
}

guint
sl_lesson_panel_get_step (SlLessonPanel *self)
{
  g_return_val_if_fail (SL_IS_LESSON_PANEL (self), 0);

  return self->step;
}

/**
 * sl_lesson_panel_set_workspace:
 * @workspace: the workspace the steps set up
 */
void
sl_lesson_panel_set_workspace (SlLessonPanel *self,
                               SlWorkspace   *workspace)
{
  g_return_if_fail (SL_IS_LESSON_PANEL (self));
  g_return_if_fail (SL_IS_WORKSPACE (workspace));
  g_return_if_fail (self->workspace == NULL);

  /* Both are children of the window, disposed in either order. */
  g_set_weak_pointer (&self->workspace, workspace);
}

static void
lesson_next (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlLessonPanel *self = SL_LESSON_PANEL (widget);

  sl_lesson_panel_go_to (self, self->step + 1);
}

static void
lesson_previous (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SlLessonPanel *self = SL_LESSON_PANEL (widget);

  sl_lesson_panel_go_to (self, self->step - 1);
}

static void
lesson_close (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sl_lesson_panel_close (SL_LESSON_PANEL (widget));
}

static void
sl_lesson_panel_dispose (GObject *object)
{
  SlLessonPanel *self = SL_LESSON_PANEL (object);

  if (self->workspace != NULL)
    g_clear_signal_handler (&self->loading_handler, self->workspace);
  g_clear_weak_pointer (&self->workspace);
  g_clear_object (&self->lesson);

  G_OBJECT_CLASS (sl_lesson_panel_parent_class)->dispose (object);
}

static void
sl_lesson_panel_finalize (GObject *object)
{
  SlLessonPanel *self = SL_LESSON_PANEL (object);

  g_free (self->lesson_id);
  g_free (self->shown_plate);
  g_free (self->shown_scenario);
  g_free (self->default_scenario);
  g_ptr_array_unref (self->shown_unticks);

  G_OBJECT_CLASS (sl_lesson_panel_parent_class)->finalize (object);
}

static void
sl_lesson_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlLessonPanel *self = SL_LESSON_PANEL (object);

  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, self->lesson);
      break;

    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_lesson_panel_class_init (SlLessonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_lesson_panel_dispose;
  object_class->finalize = sl_lesson_panel_finalize;
  object_class->get_property = sl_lesson_panel_get_property;

  properties[PROP_LESSON] =
    g_param_spec_object ("lesson", NULL, NULL, SL_TYPE_LESSON,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "lesson.next", NULL, lesson_next);
  gtk_widget_class_install_action (widget_class, "lesson.previous", NULL, lesson_previous);
  gtk_widget_class_install_action (widget_class, "lesson.close", NULL, lesson_close);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-lesson-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SlLessonPanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SlLessonPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlLessonPanel, text_label);
}

static void
sl_lesson_panel_init (SlLessonPanel *self)
{
  self->shown_unticks = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}
