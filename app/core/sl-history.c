/* sl-history.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-history.h"

/* A browser's back and forward over visited entries (the vehicles chosen
 * in the workspace): visiting after going back drops what was ahead, as a
 * web browser does, and visiting the current entry again changes nothing,
 * so going back and then showing the entry it gave is not a new visit. */
struct _SlHistory
{
  GPtrArray *entries;
  /* Index of the current entry; entries->len when there is none. */
  guint      current;
};

SlHistory *
sl_history_new (void)
{
  SlHistory *self = g_new0 (SlHistory, 1);

  self->entries = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
sl_history_free (SlHistory *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->entries);
  g_free (self);
}

/**
 * sl_history_visit:
 * @entry: what is shown now
 *
 * Returns: whether @entry became a new entry (it was not the current one)
 */
gboolean
sl_history_visit (SlHistory  *self,
                  const char *entry)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (g_strcmp0 (sl_history_get_current (self), entry) == 0)
    return FALSE;
  if (self->current < self->entries->len)
    g_ptr_array_set_size (self->entries, self->current + 1);
  g_ptr_array_add (self->entries, g_strdup (entry));
  self->current = self->entries->len - 1;
  return TRUE;
}

/**
 * sl_history_get_current:
 *
 * Returns: (nullable): the current entry
 */
const char *
sl_history_get_current (SlHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->current < self->entries->len ? self->entries->pdata[self->current] : NULL;
}

gboolean
sl_history_can_go_back (SlHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->current < self->entries->len && self->current > 0;
}

gboolean
sl_history_can_go_forward (SlHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->current + 1 < self->entries->len;
}

/**
 * sl_history_go_back:
 *
 * Returns: (nullable): the entry before the current one, now current, or
 *   %NULL (and no move) at the start
 */
const char *
sl_history_go_back (SlHistory *self)
{
  if (!sl_history_can_go_back (self))
    return NULL;
  self->current--;
  return sl_history_get_current (self);
}

/**
 * sl_history_go_forward:
 *
 * Returns: (nullable): the entry after the current one, now current, or
 *   %NULL (and no move) at the end
 */
const char *
sl_history_go_forward (SlHistory *self)
{
  if (!sl_history_can_go_forward (self))
    return NULL;
  self->current++;
  return sl_history_get_current (self);
}

void
sl_history_clear (SlHistory *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->entries, 0);
  self->current = 0;
}
