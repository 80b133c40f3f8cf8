/* path: owns file name arithmetic (directory, base name, resolving a name
 * written in a file, relative paths, same-file checks). */
#include "crossread/base/path.h"

#include <stdlib.h>
#include <string.h>

#include "crossread/base/util.h"

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

const char *path_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *path_base_noext(const char *path)
{
	const char *b = path_base(path);
	const char *dot = strrchr(b, '.');
	return dot && dot != b ? xstrndup(b, (size_t)(dot - b)) : xstrdup(b);
}

char *path_resolve(const char *from, const char *rel)
{
	if (rel[0] == '/')
		return xstrdup(rel);
	const char *slash = strrchr(from, '/');
	if (!slash)
		return xstrdup(rel);
	struct buf b = {0};
	buf_add(&b, from, (size_t)(slash - from) + 1);
	buf_adds(&b, rel);
	return buf_detach(&b);
}

char *path_relative(const char *dir, const char *target)
{
	char *d = realpath(dir, NULL), *t = realpath(target, NULL);
	if (!d || !t) {
		free(d);
		free(t);
		return xstrdup(target);
	}
	size_t common = 0, i = 0;
	while (d[i] && t[i] && d[i] == t[i]) {
		if (d[i] == '/')
			common = i;
		i++;
	}
	if (!d[i] && (t[i] == '/' || !t[i]))
		common = i;
	struct buf b = {0};
	for (const char *p = d + common; *p; p++)
		if (*p == '/')
			buf_adds(&b, "../");
	buf_adds(&b, t[common] == '/' ? t + common + 1 : t + common);
	free(d);
	free(t);
	return buf_detach(&b);
}

bool path_same_file(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	if (!strcmp(a, b))
		return true;
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	bool same = ra && rb && !strcmp(ra, rb);
	free(ra);
	free(rb);
	return same;
}
