/*
 * The libyaml floor for `make bench': read every *.md file below DIR and
 * run libyaml's event parser over its front matter, doing nothing with
 * the events.  No loader can be faster than this and still use libyaml.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

static char buf[1 << 20];
static size_t files, events;

static void
parse(const char *path)
{
	yaml_parser_t p;
	yaml_event_t ev;
	ssize_t n;
	char *s, *e;
	int fd = open(path, O_RDONLY);

	if (fd == -1)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 4 || memcmp(buf, "---\n", 4) != 0)
		return;
	buf[n] = '\0';
	s = buf + 4;
	if ((e = strstr(s, "\n---\n")) == NULL)
		return;
	files++;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (unsigned char *)s,
	    (size_t)(e - s + 1));
	for (;;) {
		if (!yaml_parser_parse(&p, &ev))
			break;
		events++;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
}

static void
walk(const char *dir)
{
	struct dirent *de;
	DIR *dp = opendir(dir);
	char path[4096];

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR)
			walk(path);
		else if (len > 3 && strcmp(de->d_name + len - 3, ".md") == 0)
			parse(path);
	}
	closedir(dp);
}

int
main(int argc, char *argv[])
{
	if (argc != 2) {
		fputs("usage: floor DIR\n", stderr);
		return 2;
	}
	walk(argv[1]);
	printf("%zu files, %zu events\n", files, events);
	return 0;
}
