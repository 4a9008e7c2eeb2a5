/*
 * Deterministic generator of a realistic glossary for benchmarks:
 *
 *	gen N DIR
 *
 * writes N term files below DIR (a subdirectory per category), each a
 * few KiB: front matter with term, aliases, pronunciation, category,
 * vertical, description, example, related names of other generated terms
 * and a free key; then a Markdown body of sections, lists and emphasis.
 * The same N gives the same bytes on every machine.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const words[] = {"account", "revenue", "partner",
    "pipeline", "customer", "contract", "renewal", "discount", "margin",
    "quota", "forecast", "channel", "referral", "commission", "tier",
    "program", "subscription", "invoice", "billing", "expansion",
    "retention", "churn", "cohort", "segment", "territory", "deal",
    "opportunity", "prospect", "lead", "qualified", "marketing", "sales",
    "success", "onboarding", "adoption", "usage", "seat", "license",
    "platform", "integration", "marketplace", "reseller", "affiliate",
    "value", "lifetime", "acquisition", "payback", "velocity", "coverage",
    "booking", "annual", "monthly", "recurring", "growth", "motion",
    "enablement", "co-selling", "attribution", "sourced", "influenced",
    "procurement", "champion", "budget", "approval", "pricing", "bundle",
    "upgrade", "downgrade", "contraction", "health", "score", "signal",
    "playbook", "cadence", "handoff", "forecasting", "commitment",
    "quarter", "target", "benchmark", "ratio", "metric", "dashboard"};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *const categories[] = {"Sales", "Partnerships",
    "Revenue", "Marketing", "Customer Success", "Pricing"};
static const char *const verticals[] = {"SaaS", "B2B", "Fintech",
    "Healthcare", "Ecommerce"};

static uint64_t rng;

static uint64_t
next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static const char *
word(void)
{
	return words[next() % NWORDS];
}

/* The name of term i: two or three words and a number, unique. */
static void
name_of(size_t i, char *buf, size_t sz)
{
	uint64_t save = rng;

	rng = i * 7919 + 17;
	if (i % 3 == 0)
		snprintf(buf, sz, "%c%s %s %s %zu", 'A' + (int)(i % 26),
		    word(), word(), word(), i);
	else
		snprintf(buf, sz, "%c%s %s %zu", 'A' + (int)(i % 26), word(),
		    word(), i);
	rng = save;
}

static void
sentence(FILE *fp, int nw)
{
	int i;

	for (i = 0; i < nw; i++) {
		const char *w = word();

		if (i == 0)
			fprintf(fp, "%c%s", w[0] - 32, w + 1);
		else if (i % 11 == 5)
			fprintf(fp, " *%s*", w);
		else
			fprintf(fp, " %s", w);
	}
	fputs(". ", fp);
}

static void
paragraph(FILE *fp, int ns)
{
	int i;

	for (i = 0; i < ns; i++)
		sentence(fp, 8 + (int)(next() % 12));
	fputs("\n\n", fp);
}

int
main(int argc, char *argv[])
{
	size_t n, i, j;
	char name[128], path[4096], other[128];

	if (argc != 3) {
		fputs("usage: gen N DIR\n", stderr);
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	if (mkdir(argv[2], 0755) == -1 && errno != EEXIST) {
		perror(argv[2]);
		return 1;
	}
	for (i = 0; i < 6; i++) {
		snprintf(path, sizeof(path), "%s/%s", argv[2], categories[i]);
		mkdir(path, 0755);
	}
	for (i = 0; i < n; i++) {
		const char *cat = categories[i % 6];
		FILE *fp;

		rng = i + 1;
		name_of(i, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s/term-%06zu.md", argv[2],
		    cat, i);
		if ((fp = fopen(path, "w")) == NULL) {
			perror(path);
			return 1;
		}
		fprintf(fp, "---\nterm: %s\naliases: [%s %s %zu, %s-%zu]\n",
		    name, word(), word(), i, word(), i);
		fprintf(fp, "pronunciation: %s-%s\ncategory: %s\n", word(),
		    word(), cat);
		fprintf(fp, "vertical: %s\n", verticals[i % 5]);
		fputs("description: >-\n  ", fp);
		sentence(fp, 25);
		sentence(fp, 15);
		fputs("\nexample: >-\n  ", fp);
		sentence(fp, 30);
		fputs("\nrelated: [", fp);
		for (j = 0; j < 4 && n > 1; j++) {
			size_t k = (size_t)(next() % (n - 1));

			/* Another term, never this one. */
			name_of(k >= i ? k + 1 : k, other, sizeof(other));
			fprintf(fp, "%s%s", j ? ", " : "", other);
		}
		fprintf(fp, "]\nicon: 'mdi:%s'\n---\n", word());
		paragraph(fp, 4);
		for (j = 0; j < 4; j++) {
			fprintf(fp, "## %c%s %s\n\n", word()[0] - 32, word() + 1,
			    word());
			paragraph(fp, 3);
			fprintf(fp, "- %s %s\n- %s `%s = %s / %s`\n- %s\n\n",
			    word(), word(), word(), word(), word(), word(),
			    word());
		}
		if (fclose(fp) != 0) {
			perror(path);
			return 1;
		}
	}
	return 0;
}
