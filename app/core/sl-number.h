/* sl-number.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Strict numerals for the importers. strtod() also reads hexadecimal
 * floats ("0x1p3"), "inf", "nan", "infinity" and numbers too large for a
 * double; none of those is a coordinate, a count or a confidence a person
 * wrote, and each reads as a plausible value where it should be refused. */

gboolean sl_number_parse_prefix (const char   *text,
                                 double       *value,
                                 const char  **end);
gboolean sl_number_parse        (const char   *text,
                                 double       *value);

/* The first number in JSON text that is not a finite JSON number (RFC 8259
 * grammar): json-glib also reads "0x10", "01", ".5", "1." and "- 1", and
 * turns "1e999" into infinity. */
typedef struct
{
  guint  line;     /* from 1 */
  char  *member;   /* the innermost object member it belongs to, or NULL */
  char  *token;    /* the offending text, valid UTF-8 */
} SlJsonNumberProblem;

gboolean sl_number_check_json         (const char          *data,
                                       gsize                size,
                                       SlJsonNumberProblem *problem);
void     sl_json_number_problem_clear (SlJsonNumberProblem *problem);

G_END_DECLS
