/* graphdraw.c: rt_graph_draw (see graph.h): lanes of a history. */
#include "graph.h"

#include <string.h>

/* A line of width columns, blank. */
static char *
blank(rt_arena *a, size_t width)
{
	char *s = rt_alloc(a, width + 1);
	memset(s, ' ', width);
	s[width] = '\0';
	return s;
}

/* s without trailing blanks, then end ("" or "\n"). */
static const char *
finish(rt_arena *a, char *s, const char *end)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	s[n] = '\0';
	return rt_sprintf(a, "%s%s", s, end);
}

void
rt_graph_draw(const rt_graph *g, rt_revision *const *revs, size_t n,
              const char ***rows, const char ***after)
{
	rt_arena *a = g->arena;
	const char **row = rt_zalloc(a, (n ? n : 1) * sizeof(char *));
	const char **aft = rt_zalloc(a, (n ? n : 1) * sizeof(char *));
	/* lanes[i]: the revision lane i waits for */
	size_t cap = 16, len = 0;
	const rt_revision **lanes = rt_alloc(a, cap * sizeof(*lanes));

	for (size_t k = 0; k < n; k++) {
		const rt_revision *r = revs[k];
		aft[k] = "";
		size_t c = len;
		for (size_t i = 0; i < len; i++)
			if (lanes[i] == r) {
				c = i;
				break;
			}
		if (c == len) {
			/* A new head: its lane goes right after a lane that waits
			 * for one of its parents, so that the two join without
			 * crossing others; the lanes right of it move over. */
			size_t pos = len;
			for (size_t j = 0; j < len && pos == len; j++)
				for (size_t q = 0; q < r->nparents; q++)
					if (lanes[j] == r->parents[q])
						pos = j + 1;
			if (len == cap) {
				lanes = rt_arena_grow(a, lanes, cap * sizeof(*lanes),
				                      2 * cap * sizeof(*lanes));
				cap *= 2;
			}
			memmove(&lanes[pos + 1], &lanes[pos], (len - pos) * sizeof(*lanes));
			lanes[pos] = r;
			len++;
			if (pos + 1 < len && k > 0) {
				char *l = blank(a, 2 * len);
				for (size_t i = 0; i < len; i++)
					if (i < pos)
						l[2 * i] = '|';
					else if (i > pos)
						l[2 * i - 1] = '\\';
				aft[k - 1] = rt_sprintf(a, "%s%s", aft[k - 1], finish(a, l, "\n"));
			}
			c = pos;
		}
		/* Several children waited for r: their lanes join c's, drawn
		 * after the previous row. */
		size_t first_dup = 0;
		for (size_t i = c + 1; i < len && !first_dup; i++)
			if (lanes[i] == r)
				first_dup = i;
		if (first_dup) {
			char *s = blank(a, 2 * len);
			for (size_t i = 0; i < len; i++)
				if (i < first_dup)
					s[2 * i] = '|';
				else
					s[2 * i - 1] = '/';
			if (k > 0)
				aft[k - 1] = rt_sprintf(a, "%s%s", aft[k - 1], finish(a, s, "\n"));
			size_t w = 0;
			for (size_t i = 0; i < len; i++)
				if (i <= c || lanes[i] != r)
					lanes[w++] = lanes[i];
			len = w;
		}
		char *s = blank(a, 2 * len);
		for (size_t i = 0; i < len; i++)
			s[2 * i] = i == c ? '*' : '|';
		row[k] = finish(a, s, "");

		/* r's lane now waits for its parents. */
		if (r->nparents == 0) {
			if (c + 1 < len) {
				char *l = blank(a, 2 * len);
				for (size_t i = 0; i < len; i++)
					if (i < c)
						l[2 * i] = '|';
					else if (i > c)
						l[2 * i - 1] = '/';
				aft[k] = finish(a, l, "\n");
			}
			memmove(&lanes[c], &lanes[c + 1], (len - c - 1) * sizeof(*lanes));
			len--;
			continue;
		}
		lanes[c] = r->parents[0];
		size_t extra = r->nparents - 1;
		if (extra) {
			while (len + extra > cap) {
				lanes = rt_arena_grow(a, lanes, cap * sizeof(*lanes),
				                      2 * cap * sizeof(*lanes));
				cap *= 2;
			}
			char *l = blank(a, 2 * (len + extra));
			for (size_t i = 0; i <= c; i++)
				l[2 * i] = '|';
			for (size_t i = 0; i < extra; i++)
				l[2 * (c + 1 + i) - 1] = '\\';
			for (size_t i = c + 1; i < len; i++)
				l[2 * (i + extra) - 1] = '\\';
			memmove(&lanes[c + 1 + extra], &lanes[c + 1],
			        (len - c - 1) * sizeof(*lanes));
			for (size_t i = 0; i < extra; i++)
				lanes[c + 1 + i] = r->parents[1 + i];
			len += extra;
			aft[k] = finish(a, l, "\n");
		}
	}
	*rows = row;
	*after = aft;
}
