/* jsonld_ids: the names crossread gives its entries in W3C Web Annotation
 * JSON-LD, shared by export (writing them) and import (reading them back):
 * ids as URNs ("urn:crossread:claim:ID", the id percent-encoded) and the
 * prefixes of the tagging bodies that carry kind, speaker, target and a
 * link's relation. A body without one of these prefixes is a plain tag. */
#ifndef CROSSREAD_JSONLD_IDS_H
#define CROSSREAD_JSONLD_IDS_H

#define JSONLD_URN     "urn:crossread:"
#define JSONLD_KIND    "kind:"
#define JSONLD_BY      "by:"
#define JSONLD_AGAINST "against:"
#define JSONLD_REL     "rel:"

/* "urn:crossread:WHAT:ID" (malloc'd) */
char *jsonld_id(const char *what, const char *id);
/* The ID of "urn:crossread:WHAT:ID" (malloc'd), or NULL if iri is not one. */
char *jsonld_id_parse(const char *what, const char *iri);

#endif
