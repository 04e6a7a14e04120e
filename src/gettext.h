/* gettext.h — message catalogues when NLS is enabled, identity otherwise.
 * (configure's AM_GNU_GETTEXT defines ENABLE_NLS.) */
#ifndef SMTPREF_GETTEXT_H
#define SMTPREF_GETTEXT_H

#if ENABLE_NLS
#include <libintl.h>
#else
#define gettext(msgid) ((const char *) (msgid))
#define dgettext(domain, msgid) ((void) (domain), (const char *) (msgid))
#define textdomain(domain) ((const char *) (domain))
#define bindtextdomain(domain, dir) ((void) (domain), (const char *) (dir))
#define bind_textdomain_codeset(domain, cs) ((void) (domain), (const char *) (cs))
#endif

#endif
