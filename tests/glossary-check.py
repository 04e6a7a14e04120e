#!/usr/bin/env python3
"""glossary-check.py GLOSSARY.tsv FILE.po... — translated messages that use a
variant the language's glossary marks as not to use.

The glossary (po/glossary/LANG.tsv) is UTF-8 and tab-separated; a line
starting with '#' is a comment. Columns: the English term, the preferred
rendering, the variants not to use separated by '|', a note. Variants match
case-insensitively outside `code spans`, link targets and URLs; in scripts
that put spaces between words only as whole words, in Chinese, Japanese
and Korean anywhere. Prints FILE:LINE: term (variant) for each hit, the
line being that of the msgstr; exits 1 if there was any."""
import re
import sys

CJK = re.compile('[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]')
ESC = {'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r'}


def unquote(s):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError('not a PO string: ' + s)
    return re.sub(r'\\(.)', lambda m: ESC.get(m.group(1), m.group(1)), s[1:-1])


def load(path):
    rules = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) < 3:
                sys.exit('%s:%d: want term, preferred rendering, variants' % (path, n))
            for v in filter(None, (x.strip() for x in cols[2].split('|'))):
                rx = re.escape(v) if CJK.search(v) else r'(?<!\w)' + re.escape(v) + r'(?!\w)'
                rules.append((cols[0], v, re.compile(rx, re.I)))
    return rules


def msgstrs(path):
    """(line, text) of every msgstr that is not the header or obsolete."""
    start, parts = None, None
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if line.startswith('msgstr'):
                start, parts = n, [unquote(line.split(' ', 1)[1])]
            elif line.startswith('"') and parts is not None:
                parts.append(unquote(line))
            else:
                if parts is not None:
                    yield start, ''.join(parts)
                start, parts = None, None
        if parts is not None:
            yield start, ''.join(parts)


def main():
    rules = load(sys.argv[1])
    hits = 0
    for po in sys.argv[2:]:
        for line, text in msgstrs(po):
            if not text or text.startswith('Project-Id-Version:'):
                continue
            text = re.sub(r'`[^`]*`|\]\([^)]*\)|https?://\S+', ' ', text)
            for term, variant, rx in rules:
                if rx.search(text):
                    print('%s:%d: %s (%s)' % (po, line, term, variant))
                    hits += 1
    sys.exit(1 if hits else 0)


main()
