/*
 * heads.h: whether the revision graph's heads are a problem (`retort
 * check`): several heads are fine when each is the tip of a labelled branch
 * of its own (Alembic's independent branches, `--branch-label`), and a
 * mistake to merge otherwise (two developers' revisions with one parent).
 */
#ifndef RT_HEADS_H
#define RT_HEADS_H

#include "rt.h"
#include "graph.h"
#include "util.h"

/*
 * Appends to *unmerged (in g's arena) the heads that need a merge. A head
 * is the tip of a branch of its own when its ancestry (itself included)
 * carries a branch label that no other head's ancestry carries; one head
 * without such a label is the trunk. When two or more heads have no label
 * of their own, they are appended; otherwise nothing is.
 */
void rt_heads_unmerged(const rt_graph *g, rt_strv *unmerged);

#endif
